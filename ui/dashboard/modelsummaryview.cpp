#include "ui/dashboard/modelsummaryview.h"

#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/deltadelegate.h"
#include "ui/dashboard/modelsummarymodel.h"
#include "ui/dashboard/modelsummaryproxy.h"
#include "ui/dashboard/tableviews.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

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
    m_view->setItemDelegate(new DeltaDelegate(m_view)); // a figure's change against the baseline beside it
    m_view->sortByColumn(-1, Qt::AscendingOrder); // run order until the user picks a column
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setStretchLastSection(true);
    // Model names are never cut: the column fits the longest name (fitModelColumn) and can be
    // dragged wider or narrower; a narrowed name elides in the middle and keeps its tooltip.
    header->setSectionResizeMode(ModelSummaryModel::Model, QHeaderView::Interactive);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);

    auto *copy = new QPushButton(tr("Copy"), this);
    m_copy = copy;
    copy->setObjectName(u"copyResults"_s);
    copy->setToolTip(tr("Copy the table as tab-separated text (Ctrl+C)"));
    copy->setFlat(true);
    connect(copy, &QPushButton::clicked, this, &ModelSummaryView::copyToClipboard);
    auto *action = new QAction(tr("Copy table"), this);
    action->setShortcut(QKeySequence::Copy);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, &ModelSummaryView::copyToClipboard);
    addAction(action);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->addWidget(m_view, 1);
}

void ModelSummaryView::fitModelColumn()
{
    m_view->resizeColumnToContents(ModelSummaryModel::Model);
}

int ModelSummaryView::heightForRows(int rows) const
{
    // The horizontal scroll bar is counted: when the columns do not fit, it must not cover the mixed row.
    return tableHeightForRows(m_view, rows) + m_view->horizontalScrollBar()->sizeHint().height() + 2;
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

void ModelSummaryView::setFontScale(double scale)
{
    m_view->setFont(style::scaledFont(font(), scale));
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
}

} // namespace stampede::ui
