#include "ui/dashboard/deltadelegate.h"

#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/modelsummarymodel.h"

#include <QApplication>
#include <QPainter>

namespace stampede::ui {

namespace {
constexpr int Gap = 6; ///< between the figure and its change
constexpr int Padding = 4; ///< the cell's own text margin
} // namespace

QFont DeltaDelegate::deltaFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.85 : 8);
    font.setBold(false);
    return font;
}

void DeltaDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString delta = index.data(ModelSummaryModel::DeltaRole).toString();
    if (delta.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString figure = opt.text;
    opt.text.clear(); // background, selection and focus only; the text is drawn below
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    painter->save();
    const QFont small = deltaFont(opt.font);
    const int deltaWidth = QFontMetrics(small).horizontalAdvance(delta);
    const QRect cell = option.rect.adjusted(Padding, 0, -Padding, 0);
    const int sign = index.data(ModelSummaryModel::DeltaSignRole).toInt();
    painter->setFont(small);
    painter->setPen(sign > 0 ? style::passColor() : sign < 0 ? style::failColor() : style::mutedTextColor());
    painter->drawText(cell, Qt::AlignRight | Qt::AlignVCenter, delta);
    const bool selected = option.state & QStyle::State_Selected;
    painter->setFont(opt.font);
    painter->setPen(option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    const QRect figureRect = cell.adjusted(0, 0, -(deltaWidth + Gap), 0);
    painter->drawText(figureRect, Qt::AlignRight | Qt::AlignVCenter,
        QFontMetrics(opt.font).elidedText(figure, Qt::ElideRight, figureRect.width()));
    painter->restore();
}

QSize DeltaDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QString delta = index.data(ModelSummaryModel::DeltaRole).toString();
    if (!delta.isEmpty())
        // The figure is drawn inside the cell's own padding, not the style's (narrower) text margin.
        size.rwidth() += QFontMetrics(deltaFont(option.font)).horizontalAdvance(delta) + Gap + 2 * Padding;
    return size;
}

} // namespace stampede::ui
