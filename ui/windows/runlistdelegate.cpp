#include "ui/windows/runlistdelegate.h"

#include "ui/windows/runlistmodel.h"

#include <QApplication>
#include <QPainter>

namespace stampede::ui {

namespace {
constexpr int Margin = 6;
constexpr int Dot = 10;
} // namespace

QColor runColor(model::RunPhase phase, model::RunVerdict::Kind verdict, double failedShare)
{
    const QColor blue(0x1e, 0x88, 0xe5), green(0x2e, 0x9d, 0x4f), orange(0xe5, 0x8e, 0x1a), grey(0x8a, 0x8f, 0x98),
        red(0xd3, 0x3a, 0x2f);
    using K = model::RunVerdict::Kind;
    switch (phase) {
    case model::RunPhase::Idle:
    case model::RunPhase::Cancelled:
        return grey;
    case model::RunPhase::Preflight:
    case model::RunPhase::Running:
        return blue;
    case model::RunPhase::Stopping:
        return orange;
    case model::RunPhase::Failed:
        return red;
    case model::RunPhase::Finished:
        switch (verdict) {
        case K::Passed:
            return green;
        case K::ThresholdsFailed:
        case K::ThresholdAborted:
            return orange;
        case K::Stopped:
        case K::Interrupted:
            return failedShare >= 0.5 ? red : failedShare >= 0.01 ? orange : grey;
        case K::Failed:
            return red;
        case K::InProgress:
            return blue;
        }
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
    painter->setBrush(runColor(model::RunPhase(index.data(RunListModel::PhaseRole).toInt()),
        model::RunVerdict::Kind(index.data(RunListModel::VerdictRole).toInt()),
        index.data(RunListModel::FailedShareRole).toDouble()));
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
    QRect titleRect = textRect;
    if (index.data(RunListModel::BaselineRole).toBool()) {
        // A small pill at the right of the title: this run is its scenario's baseline.
        QFont small = option.font;
        small.setPointSizeF(small.pointSizeF() * 0.85);
        const QFontMetrics sfm(small);
        const QString badge = tr("baseline");
        const QRect pill(textRect.right() - sfm.horizontalAdvance(badge) - 8, textRect.top() + 1,
            sfm.horizontalAdvance(badge) + 8, sfm.height());
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0x5f, 0x63, 0x68));
        painter->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
        painter->setFont(small);
        painter->setPen(Qt::white);
        painter->drawText(pill, Qt::AlignCenter, badge);
        titleRect.setRight(pill.left() - Margin);
    }
    painter->setFont(bold);
    painter->setPen(text);
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignTop,
        QFontMetrics(bold).elidedText(title, Qt::ElideRight, titleRect.width()));
    QColor sub = text;
    sub.setAlphaF(selected ? 0.85F : 0.6F);
    painter->setFont(option.font);
    painter->setPen(sub);
    const int line = fm.height() + 2;
    for (int role : { int(RunListModel::SubtitleRole), int(RunListModel::LoadLineRole) }) {
        const QRect lineRect = textRect.adjusted(0, role == RunListModel::SubtitleRole ? line : 2 * line, 0, 0);
        painter->drawText(lineRect, Qt::AlignLeft | Qt::AlignTop,
            fm.elidedText(index.data(role).toString(), Qt::ElideRight, textRect.width()));
    }
    painter->restore();
}

QSize RunListDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics fm(option.font);
    return { 200, 3 * fm.height() + 4 + 2 * Margin }; // title, outcome, target and load
}

} // namespace stampede::ui
