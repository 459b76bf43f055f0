#include "ui/dashboard/elidedlabel.h"

#include <QPainter>

namespace stampede::ui {

QSize ElidedLabel::minimumSizeHint() const
{
    QSize size = QLabel::minimumSizeHint();
    const int margins = contentsMargins().left() + contentsMargins().right();
    size.setWidth(std::min(size.width(), fontMetrics().horizontalAdvance(QStringLiteral("MMM…")) + margins));
    return size;
}

bool ElidedLabel::isElided() const
{
    return fontMetrics().horizontalAdvance(text()) > contentsRect().width();
}

void ElidedLabel::paintEvent(QPaintEvent *event)
{
    if (!isElided()) {
        QLabel::paintEvent(event);
        return;
    }
    QPainter painter(this);
    painter.setPen(palette().color(foregroundRole()));
    const QRect area = contentsRect();
    painter.drawText(area, int(alignment()), fontMetrics().elidedText(text(), Qt::ElideRight, area.width()));
}

} // namespace stampede::ui
