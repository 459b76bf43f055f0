#include "ui/editor/scenarioeditor.h"

#include "ui/editor/editorfields.h"
#include "ui/editor/editorpage.h"
#include "ui/editor/fieldmark.h"
#include "ui/editor/gatewaypage.h"
#include "ui/editor/loadpage.h"
#include "ui/editor/modelspage.h"
#include "ui/editor/modeltablemodel.h"
#include "ui/editor/promptspage.h"
#include "ui/editor/retrypage.h"
#include "ui/editor/targetpage.h"
#include "ui/editor/thresholdspage.h"

#include "engine/costestimate.h"
#include "scenario/scenarioio.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSet>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

namespace stampede::ui {

using scenario::ValidationError;
using namespace editor;

namespace {

constexpr int kProblemsShown = 6; // the label stays small; the tooltip has them all

} // namespace

struct ScenarioEditor::Private {
    explicit Private(ScenarioEditor *editor)
        : q(editor)
    {
    }

    ScenarioEditor *q;
    QLineEdit *name = nullptr;
    QTabWidget *tabs = nullptr;
    TargetPage *target = nullptr;
    ModelsPage *models = nullptr;
    PromptsPage *prompts = nullptr;
    LoadPage *load = nullptr;
    GatewayPage *gateway = nullptr;
    ThresholdsPage *thresholds = nullptr;
    RetryPage *retry = nullptr;
    QList<EditorPage *> pages;
    QList<QScrollArea *> scrolls; ///< one per page, in tab order
    QLabel *problemsLabel = nullptr;
    QLabel *costLabel = nullptr; ///< the pre-run cost estimate (engine/costestimate.h), read-only
    scenario::Scenario base; ///< what no field edits (version) comes from the scenario last set
    QList<ValidationError> errors;
    bool valid = true;
    QString problems;
    bool locked = false;
    bool signalled = false; ///< validityChanged was emitted at least once

    void setupUi(KeyStore *keys);
    void addPage(EditorPage *page, const QString &title);
    void revalidate();
    void showProblems();
    void showCostEstimate(const scenario::Scenario &current);
    void updateTabs();
    void goToProblem(const QString &link);
};

void ScenarioEditor::Private::setupUi(KeyStore *keys)
{
    name = new QLineEdit(q);
    name->setObjectName(QStringLiteral("nameEdit"));
    tabs = new QTabWidget(q);
    tabs->setObjectName(QStringLiteral("editorTabs"));
    tabs->setDocumentMode(true);
    target = new TargetPage(keys);
    models = new ModelsPage;
    prompts = new PromptsPage;
    load = new LoadPage;
    gateway = new GatewayPage;
    thresholds = new ThresholdsPage;
    retry = new RetryPage;
    addPage(target, tr("Target"));
    addPage(models, tr("Models"));
    addPage(prompts, tr("Prompts"));
    addPage(load, tr("Load"));
    addPage(gateway, tr("Gateway"));
    addPage(thresholds, tr("Thresholds && checks"));
    addPage(retry, tr("Retries && run"));
    problemsLabel = new QLabel(q);
    problemsLabel->setObjectName(QStringLiteral("problemsLabel"));
    problemsLabel->setWordWrap(true);
    problemsLabel->setTextFormat(Qt::RichText);
    problemsLabel->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::TextSelectableByMouse);
    problemsLabel->hide();
    costLabel = new QLabel(q);
    costLabel->setObjectName(QStringLiteral("costEstimate"));
    costLabel->setWordWrap(true);
    costLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    costLabel->setToolTip(tr("An upper bound before the run: the plan's requests (open model: its arrivals; closed "
                             "model: an assumed iteration time), each with the prompts' estimated tokens (about 4 "
                             "characters a token) and max_tokens completion tokens, at the models' prices. "
                             "budget_usd stops the run when the measured spend reaches it."));

    auto *header = new QFormLayout;
    auto *nameLabel = new QLabel(tr("Scenario name"), q);
    nameLabel->setBuddy(name);
    const QString nameHelp = tr("name: a title for this scenario, shown in the results and reports");
    nameLabel->setToolTip(nameHelp);
    setHelp(name, nameHelp);
    header->addRow(nameLabel, name);
    auto *layout = new QVBoxLayout(q);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(header);
    layout->addWidget(tabs, 1);
    layout->addWidget(costLabel);
    layout->addWidget(problemsLabel);
    q->setStyleSheet(invalidStyleSheet()
        + QStringLiteral("\nQLineEdit[readOnly=\"true\"], QPlainTextEdit[readOnly=\"true\"] "
                         "{ background: palette(window); }"));
}

void ScenarioEditor::Private::addPage(EditorPage *page, const QString &title)
{
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(page);
    tabs->addTab(scroll, title);
    pages.append(page);
    scrolls.append(scroll);
    QObject::connect(page, &EditorPage::edited, q, [this] {
        revalidate();
        Q_EMIT q->changed();
    });
}

void ScenarioEditor::Private::revalidate()
{
    const scenario::Scenario current = q->scenario();
    QList<ValidationError> all;
    for (const EditorPage *page : std::as_const(pages))
        all += page->localErrors();
    all += scenario::validate(current);
    QSet<QString> seen; // a field may be reported twice (e.g. a local and a semantic error): say it once
    errors.clear();
    for (const ValidationError &error : std::as_const(all)) {
        if (!seen.contains(error.toString())) {
            seen.insert(error.toString());
            errors.append(error);
        }
    }
    for (EditorPage *page : std::as_const(pages))
        page->showErrors(errors);
    QStringList names;
    for (const scenario::ModelSpec &model : current.models)
        names.append(model.model);
    thresholds->setModelNames(names);
    models->setPreviewScenario(current, !q->apiKey().isEmpty());
    showProblems();
    showCostEstimate(current);
    updateTabs();

    QStringList lines;
    for (const ValidationError &error : std::as_const(errors))
        lines.append(error.toString());
    const bool nowValid = errors.isEmpty();
    const QString nowProblems = lines.join(QLatin1Char('\n'));
    if (signalled && nowValid == valid && nowProblems == problems)
        return;
    valid = nowValid;
    problems = nowProblems;
    signalled = true;
    Q_EMIT q->validityChanged(valid, problems);
}

void ScenarioEditor::Private::showCostEstimate(const scenario::Scenario &current)
{
    costLabel->setVisible(errors.isEmpty()); // an invalid plan has no meaningful estimate
    if (!errors.isEmpty())
        return;
    QString text = tr("Estimated cost: %1").arg(engine::estimateCost(current).text());
    if (current.budgetUsd)
        text += tr(". Budget: $%1 (the run stops when the spend reaches it)").arg(*current.budgetUsd, 0, 'f', 2);
    costLabel->setText(text);
}

void ScenarioEditor::Private::showProblems()
{
    if (errors.isEmpty()) {
        problemsLabel->hide();
        problemsLabel->clear();
        return;
    }
    QStringList items;
    QStringList all;
    for (int i = 0; i < errors.size(); ++i) {
        all.append(errors[i].toString());
        if (i >= kProblemsShown)
            continue;
        QString where = errors[i].path.isEmpty() ? tr("scenario") : errors[i].path;
        // The file's paths count from 0 (as the CLI says them); the editor's tables from 1.
        static const QRegularExpression index(QStringLiteral("\\[(\\d+)\\]"));
        const QRegularExpressionMatch m = index.match(where);
        if (m.hasMatch())
            where += tr(" (row %1)").arg(m.captured(1).toInt() + 1);
        items.append(QStringLiteral("<a href=\"%1\">%2</a>: %3")
                         .arg(QString::number(i), where.toHtmlEscaped(), errors[i].message.toHtmlEscaped()));
    }
    if (errors.size() > kProblemsShown)
        items.append(tr("... and %1 more (hover here for the full list)").arg(errors.size() - kProblemsShown));
    problemsLabel->setText(
        tr("<b>%1 to fix before a run:</b>").arg(counted(errors.size(), tr("problem"), tr("problems")))
        + QStringLiteral("<br>") + items.join(QStringLiteral("<br>")));
    problemsLabel->setToolTip(all.join(QLatin1Char('\n')));
    problemsLabel->show();
}

void ScenarioEditor::Private::updateTabs()
{
    const QIcon warning = q->style()->standardIcon(QStyle::SP_MessageBoxWarning);
    QPixmap blank(tabs->iconSize()); // keeps the tabs' height when a warning comes and goes
    blank.fill(Qt::transparent);
    for (int i = 0; i < pages.size(); ++i) {
        bool marked = false;
        for (const ValidationError &error : std::as_const(errors))
            marked = marked || pages[i]->fieldFor(error.path) != nullptr;
        tabs->setTabIcon(i, marked ? warning : QIcon(blank));
    }
}

void ScenarioEditor::Private::goToProblem(const QString &link)
{
    bool ok = false;
    const int index = link.toInt(&ok);
    if (!ok || index < 0 || index >= errors.size())
        return;
    for (int i = 0; i < pages.size(); ++i) {
        if (QWidget *field = pages[i]->fieldFor(errors[index].path)) {
            tabs->setCurrentIndex(i);
            scrolls[i]->ensureWidgetVisible(field);
            field->setFocus(Qt::OtherFocusReason);
            return;
        }
    }
}

ScenarioEditor::ScenarioEditor(KeyStore *keys, QWidget *parent)
    : QWidget(parent)
    , d(new Private(this))
{
    d->setupUi(keys);
    connect(d->name, &QLineEdit::textEdited, this, [this] {
        d->revalidate();
        Q_EMIT changed();
    });
    connect(d->problemsLabel, &QLabel::linkActivated, this, [this](const QString &link) { d->goToProblem(link); });
    connect(d->target, &TargetPage::connectionTestRequested, this, [this] {
        QList<scenario::ModelSpec> models;
        const QList<scenario::ModelSpec> enabled = scenario().enabledModels();
        for (const scenario::ModelSpec &model : enabled) {
            if (!model.model.trimmed().isEmpty())
                models.append(model);
        }
        d->target->testConnection(models);
    });
    connect(d->models, &ModelsPage::fetchModelsRequested, this,
        [this] { d->models->fetchModels(scenario().target, apiKey()); });
    setScenario(scenario::defaultScenario());
}

ScenarioEditor::~ScenarioEditor()
{
    delete d;
}

void ScenarioEditor::setScenario(const scenario::Scenario &scenario)
{
    d->base = scenario;
    d->name->setText(scenario.name);
    for (EditorPage *page : std::as_const(d->pages))
        page->load(scenario);
    d->revalidate();
}

scenario::Scenario ScenarioEditor::scenario() const
{
    scenario::Scenario current = d->base;
    current.name = d->name->text();
    for (const EditorPage *page : std::as_const(d->pages))
        page->save(current);
    return current;
}

bool ScenarioEditor::isValid() const
{
    return d->valid;
}

QString ScenarioEditor::problems() const
{
    return d->problems;
}

QString ScenarioEditor::apiKey() const
{
    return d->target->apiKey();
}

QString ScenarioEditor::apiKeySource() const
{
    return d->target->apiKeySource();
}

void ScenarioEditor::setLocked(bool locked)
{
    d->locked = locked;
    d->name->setReadOnly(locked);
    d->name->style()->unpolish(d->name);
    d->name->style()->polish(d->name);
    for (EditorPage *page : std::as_const(d->pages))
        page->setLocked(locked);
}

} // namespace stampede::ui
