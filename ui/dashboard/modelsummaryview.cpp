#include "ui/dashboard/modelsummaryview.h"

#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/modelsummarymodel.h"
#include "ui/dashboard/modelsummaryproxy.h"
#include "ui/dashboard/tableviews.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>

namespace stampede::ui {

using namespace Qt::StringLiterals;

ModelSummaryView::ModelSummaryView(ModelSummaryModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new ModelSummaryProxy(this))
    , m_view(new QTableView(this))
    , m_copy(nullptr)
{
    m_proxy->setSourceModel(model);
    m_view->setObjectName(u"modelSummaryTable"_s);
    m_view->setModel(m_proxy);
    setupTableView(m_view, true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // run order until the user picks a column
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(ModelSummaryModel::Model, QHeaderView::Stretch);

    auto *copy = new QPushButton(tr("Copy"), this);
    m_copy = copy;
    copy->setObjectName(u"copyResults"_s);
    copy->setToolTip(tr("Copy the table as tab-separated text (Ctrl+C)"));
    connect(copy, &QPushButton::clicked, this, &ModelSummaryView::copyToClipboard);
    auto *action = new QAction(tr("Copy table"), this);
    action->setShortcut(QKeySequence::Copy);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, &ModelSummaryView::copyToClipboard);
    addAction(action);

    auto *hint = new QLabel(tr("Click a column header to sort; the mixed row stays last."), this);
    hint->setStyleSheet(u"color: #5f6368;"_s);
    auto *header = new QHBoxLayout;
    header->addWidget(hint);
    header->addStretch(1);
    header->addWidget(copy);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(header);
    layout->addWidget(m_view, 1);
}

QString ModelSummaryView::tableText() const
{
    QStringList lines;
    QStringList cells;
    for (int c = 0; c < m_proxy->columnCount(); ++c)
        cells.append(m_proxy->headerData(c, Qt::Horizontal, ModelSummaryModel::CopyRole).toString());
    lines.append(cells.join(u'\t'));
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        cells.clear();
        for (int c = 0; c < m_proxy->columnCount(); ++c)
            cells.append(m_proxy->index(r, c).data(ModelSummaryModel::CopyRole).toString());
        lines.append(cells.join(u'\t'));
    }
    return lines.join(u'\n') + u'\n';
}

void ModelSummaryView::copyToClipboard() const
{
    QApplication::clipboard()->setText(tableText());
}

int ModelSummaryView::headerHeight() const
{
    return m_copy->sizeHint().height() + 6;
}

void ModelSummaryView::setFontScale(double scale)
{
    m_view->setFont(style::scaledFont(font(), scale));
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
}

} // namespace stampede::ui
