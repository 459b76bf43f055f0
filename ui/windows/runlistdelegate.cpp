#include "ui/windows/runlistdelegate.h"

#include "ui/windows/runlistmodel.h"

#include <QApplication>
#include <QPainter>

namespace stampede::ui {

namespace {
constexpr int Margin = 6;
constexpr int Dot = 10;
} // namespace

QColor statusColor(int status)
{
    switch (RunListModel::Status(status)) {
    case RunListModel::Status::Live:
        return QColor(0x1e, 0x88, 0xe5);
    case RunListModel::Status::Passed:
        return QColor(0x2e, 0x9d, 0x4f);
    case RunListModel::Status::ThresholdsFailed:
        return QColor(0xe5, 0x8e, 0x1a);
    case RunListModel::Status::Stopped:
        return QColor(0x8a, 0x8f, 0x98);
    case RunListModel::Status::Failed:
        return QColor(0xd3, 0x3a, 0x2f);
    }
    return Qt::gray;
}

void RunListDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear(); // background, selection and focus only; the text is drawn below
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = option.rect.adjusted(Margin, Margin, -Margin, -Margin);
    const QFontMetrics fm(option.font);
    painter->setPen(Qt::NoPen);
    painter->setBrush(statusColor(index.data(RunListModel::StatusRole).toInt()));
    painter->drawEllipse(QRect(r.left(), r.top() + (fm.height() - Dot) / 2, Dot, Dot));

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = option.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    const QColor text = option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QFont bold = option.font;
    bold.setBold(true);
    const QRect textRect = r.adjusted(Dot + Margin, 0, 0, 0);
    painter->setFont(bold);
    painter->setPen(text);
    const QString title = index.data(RunListModel::TitleRole).toString();
    painter->drawText(
        textRect, Qt::AlignLeft | Qt::AlignTop, QFontMetrics(bold).elidedText(title, Qt::ElideRight, textRect.width()));
    QColor sub = text;
    sub.setAlphaF(selected ? 0.85F : 0.6F);
    painter->setFont(option.font);
    painter->setPen(sub);
    const QString subtitle = index.data(RunListModel::SubtitleRole).toString();
    painter->drawText(textRect.adjusted(0, fm.height() + 2, 0, 0), Qt::AlignLeft | Qt::AlignTop,
        fm.elidedText(subtitle, Qt::ElideRight, textRect.width()));
    painter->restore();
}

QSize RunListDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics fm(option.font);
    return { 200, 2 * fm.height() + 2 + 2 * Margin };
}

} // namespace stampede::ui
