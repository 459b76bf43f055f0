#pragma once
// The common look of the dashboard's tables. GUI thread only.

class QTableView;

namespace stampede::ui {

/// Compact rows, no vertical header, row selection, optional sorting by clicking a header.
void setupTableView(QTableView *view, bool sortable);
/// The height that shows `rows` rows and the header without a scroll bar.
int tableHeightForRows(const QTableView *view, int rows);

} // namespace stampede::ui
