#pragma once
// Draws a results-table figure with its change against the baseline run beside it ("812 ms
// +6.2 %"): the change in a smaller font, green when better, red when worse, grey within the
// noise floor of 1 % (ModelSummaryModel::DeltaRole / DeltaSignRole). Cells without a change are
// drawn as usual. GUI thread only.

#include <QStyledItemDelegate>

namespace stampede::ui {

class DeltaDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    static QFont deltaFont(const QFont &base);
};

} // namespace stampede::ui
