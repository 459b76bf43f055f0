#include "ui/dashboard/cardframe.h"

#include <QPainter>

namespace stampede::ui {

CardFrame::CardFrame(QWidget *parent)
    : QWidget(parent)
{
}

void CardFrame::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(0xdadce0), 1));
    painter.setBrush(Qt::white);
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
}

} // namespace stampede::ui
