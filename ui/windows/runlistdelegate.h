#pragma once
// Paints one run of the "Runs" panel: a status dot, the title in bold and a grey detail line.

#include <QStyledItemDelegate>

namespace stampede::ui {

class RunListDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

/// The colour of a RunListModel::Status (also used by the toolbar's state badge).
QColor statusColor(int status);

} // namespace stampede::ui
