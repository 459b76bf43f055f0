#include "ui/editor/modelspage.h"

#include "ui/editor/connectioncheck.h"
#include "ui/editor/editordelegates.h"
#include "ui/editor/editorfields.h"
#include "ui/editor/modelpickerdialog.h"
#include "ui/editor/modeltablemodel.h"

#include "engine/requestpreview.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace stampede::ui::editor {

ModelsPage::ModelsPage(QWidget *parent)
    : EditorPage(parent)
    , m_model(new ModelTableModel(this))
    , m_view(new QTableView(this))
    , m_nameDelegate(new LiveTextDelegate(this))
    , m_check(new ConnectionCheck(this))
{
    setObjectName(QStringLiteral("modelsPage"));
    m_view->setObjectName(QStringLiteral("modelsView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ModelTableModel::Model, QHeaderView::Stretch);
    m_view->setToolTip(tr("models: the models to load, each request picks one at random by weight. "
                          "Double-click a cell to edit it."));
    setupDelegates();

    auto *intro = new QLabel(tr("Each request goes to one enabled model, picked at random by weight; "
                                "Share shows the resulting part of the traffic."),
        this);
    intro->setWordWrap(true);
    m_preview = new QPlainTextEdit(this);
    m_preview->setObjectName(QStringLiteral("requestPreview"));
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setToolTip(tr("The selected model's request as it goes on the wire: URL, headers (the key "
                             "redacted) and body, with the first user prompt. Built by the same code as the run."));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("modelsSplit"));
    split->addWidget(m_view);
    split->addWidget(m_preview);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(split, 1);
    layout->addWidget(createButtons());

    bindTable(m_view, m_model);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ModelsPage::refreshEnabled);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ModelsPage::showPreview);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ModelsPage::refreshEnabled);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ModelsPage::refreshEnabled);
    connect(m_check, &ConnectionCheck::finished, this, &ModelsPage::onFetched);
}

void ModelsPage::setupDelegates()
{
    m_nameDelegate->setPlaceholder(tr("model name, e.g. gpt-4.1"));
    m_view->setItemDelegateForColumn(ModelTableModel::Model, m_nameDelegate);
    QStringList protocols, titles;
    for (const model::WireProtocol protocol : model::kAllWireProtocols) {
        protocols << model::wireProtocolName(protocol);
        titles << model::wireProtocolTitle(protocol);
    }
    m_view->setItemDelegateForColumn(ModelTableModel::Protocol, new ChoiceDelegate(protocols, titles, this));
    m_view->setItemDelegateForColumn(ModelTableModel::Weight, new NumberDelegate(3, 0, 1e9, this));
    m_view->setItemDelegateForColumn(ModelTableModel::MaxTokens, new NumberDelegate(0, 1, 1000000, this));
    m_view->setItemDelegateForColumn(ModelTableModel::Temperature, new NumberDelegate(2, 0, 2, this));
    m_view->setItemDelegateForColumn(ModelTableModel::InputPrice, new NumberDelegate(4, 0, 1e6, this));
    m_view->setItemDelegateForColumn(ModelTableModel::OutputPrice, new NumberDelegate(4, 0, 1e6, this));
}

QWidget *ModelsPage::createButtons()
{
    auto *box = new QWidget(this);
    auto *add = new QPushButton(tr("Add"), box);
    add->setObjectName(QStringLiteral("addModelButton"));
    add->setToolTip(tr("Add a model row; type the name the gateway expects"));
    m_remove = new QPushButton(tr("Remove"), box);
    m_remove->setObjectName(QStringLiteral("removeModelButton"));
    m_remove->setToolTip(tr("Remove the selected model"));
    m_duplicate = new QPushButton(tr("Duplicate"), box);
    m_duplicate->setObjectName(QStringLiteral("duplicateModelButton"));
    m_duplicate->setToolTip(tr("Copy the selected model's settings into a new row, then rename it"));
    m_fetch = new QPushButton(tr("Fetch models..."), box);
    m_fetch->setObjectName(QStringLiteral("fetchModelsButton"));
    m_fetch->setToolTip(tr("Ask the endpoint (Target page) for its models with GET /models, in the selected model's "
                           "protocol, and pick some to add"));
    m_busy = new QProgressBar(box);
    m_busy->setObjectName(QStringLiteral("fetchModelsBusy"));
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(100);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_fetchStatus = new QLabel(box);
    m_fetchStatus->setObjectName(QStringLiteral("fetchModelsStatus"));
    m_fetchStatus->setWordWrap(true);
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget *widget : { static_cast<QWidget *>(add), static_cast<QWidget *>(m_remove),
             static_cast<QWidget *>(m_duplicate), static_cast<QWidget *>(m_fetch), static_cast<QWidget *>(m_busy) })
        layout->addWidget(widget);
    layout->addWidget(m_fetchStatus, 1);

    connect(add, &QPushButton::clicked, this, [this] {
        m_model->addModel(scenario::ModelSpec {});
        const QModelIndex name = m_model->index(m_model->rowCount() - 1, ModelTableModel::Model);
        m_view->setCurrentIndex(name);
        m_view->edit(name);
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (m_view->currentIndex().isValid())
            m_model->removeRows(m_view->currentIndex().row(), 1);
    });
    connect(m_duplicate, &QPushButton::clicked, this, [this] {
        const int row = m_model->duplicateModel(m_view->currentIndex().row());
        if (row >= 0) {
            m_view->setCurrentIndex(m_model->index(row, ModelTableModel::Model));
            m_view->edit(m_view->currentIndex());
        }
    });
    connect(m_fetch, &QPushButton::clicked, this, &ModelsPage::fetchModelsRequested);
    return box;
}

void ModelsPage::loadScenario(const scenario::Scenario &scenario)
{
    m_model->setModels(scenario.models);
}

void ModelsPage::save(scenario::Scenario &scenario) const
{
    scenario.models = m_model->models();
}

void ModelsPage::fetchModels(const scenario::Target &target, const QString &apiKey)
{
    m_fetch->setEnabled(false);
    m_busy->show();
    m_fetchStatus->setText(tr("Asking %1 for its models...").arg(target.baseUrl));
    // In the protocol of the selected model (else the first): a Gemini or Anthropic endpoint lists its
    // models in its own shape and wants its own key header.
    const QList<scenario::ModelSpec> &models = m_model->models();
    const int row = m_view->currentIndex().isValid() ? m_view->currentIndex().row() : 0;
    m_fetchProtocol = row < models.size() ? models[row].protocol : model::WireProtocol::OpenAiChat;
    m_check->start(target, apiKey, {}, {}, m_fetchProtocol);
}

void ModelsPage::onFetched(const engine::PreflightResult &result, const QString &baseUrl)
{
    m_busy->hide();
    m_fetch->setEnabled(!isLocked());
    if (!result.ok || !result.modelsEndpoint || result.listedModels.isEmpty()) {
        m_fetchStatus->setText(result.ok
                ? tr("%1 did not list any models (GET /models); type the names instead.").arg(baseUrl)
                : tr("Could not list models: %1").arg(result.error));
        return;
    }
    m_fetchStatus->setText(tr("%1 listed.").arg(counted(result.listedModels.size(), tr("model"), tr("models"))));
    m_nameDelegate->setCompletions(result.listedModels);
    auto *dialog = new ModelPickerDialog(result.listedModels, m_model->modelNames(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { addModels(dialog->chosen()); });
    dialog->open(); // window-modal, and no nested event loop
}

void ModelsPage::addModels(const QStringList &names)
{
    for (const QString &name : names) {
        scenario::ModelSpec spec;
        spec.model = name;
        spec.protocol = m_fetchProtocol; // listed by that protocol's endpoint: spoken to in it
        m_model->addModel(spec);
    }
}

void ModelsPage::refreshEnabled()
{
    if (isLocked())
        return;
    const bool selected = m_view->currentIndex().isValid();
    m_remove->setEnabled(selected);
    m_duplicate->setEnabled(selected);
    m_fetch->setEnabled(!m_check->isRunning());
}

void ModelsPage::setPreviewScenario(const scenario::Scenario &scenario, bool hasKey)
{
    m_previewScenario = scenario;
    m_previewHasKey = hasKey;
    showPreview();
}

QString ModelsPage::previewText() const
{
    return m_preview->toPlainText();
}

void ModelsPage::showPreview()
{
    // The table's rows are the scenario's models, in order; without a selection, the first.
    const int row = m_view->currentIndex().isValid() ? m_view->currentIndex().row() : 0;
    const QString text = engine::requestPreview(m_previewScenario, row, m_previewHasKey);
    if (text != m_preview->toPlainText())
        m_preview->setPlainText(text);
}

} // namespace stampede::ui::editor
