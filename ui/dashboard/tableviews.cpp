#include "ui/dashboard/tableviews.h"

#include <QHeaderView>
#include <QTableView>

namespace stampede::ui {

void setupTableView(QTableView *view, bool sortable)
{
    view->verticalHeader()->setVisible(false);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->setSortingEnabled(sortable);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setFrameShape(QFrame::NoFrame);
    view->setStyleSheet(QStringLiteral("QTableView { selection-background-color: #d2e3fc; "
                                       "selection-color: #202124; }"));
}

int tableHeightForRows(const QTableView *view, int rows)
{
    return view->horizontalHeader()->sizeHint().height() + rows * view->verticalHeader()->defaultSectionSize() + 4;
}

} // namespace stampede::ui
