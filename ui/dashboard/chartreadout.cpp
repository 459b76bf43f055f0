#include "ui/dashboard/chartreadout.h"

#include "ui/dashboard/dashboardstyle.h"

#include <QBrush>
#include <QChart>
#include <QFont>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QPen>
#include <QValueAxis>

namespace stampede::ui {

ChartReadout::ChartReadout(QChart *chart)
    : m_chart(chart)
    , m_line(new QGraphicsLineItem(chart))
    , m_box(new QGraphicsRectItem(chart))
    , m_text(new QGraphicsSimpleTextItem(m_box))
{
    QPen pen(style::mutedTextColor());
    pen.setStyle(Qt::DotLine);
    m_line->setPen(pen);
    m_box->setBrush(QColor(255, 255, 255, 235));
    m_box->setPen(QPen(QColor(0xda, 0xdc, 0xe0)));
    m_text->setBrush(style::textColor());
    for (QGraphicsItem *item : { static_cast<QGraphicsItem *>(m_line), static_cast<QGraphicsItem *>(m_box) }) {
        item->setZValue(20);
        item->setVisible(false);
    }
}

void ChartReadout::show(QValueAxis *timeAxis, double axisX, const QString &text)
{
    if (axisX < timeAxis->min() || axisX > timeAxis->max() || text.isEmpty()) {
        hide();
        return;
    }
    const QRectF plot = m_chart->plotArea();
    const double x = plot.left() + (axisX - timeAxis->min()) / (timeAxis->max() - timeAxis->min()) * plot.width();
    m_line->setLine(x, plot.top(), x, plot.bottom());
    m_text->setText(text);
    const QRectF textRect = m_text->boundingRect();
    m_text->setPos(4, 2);
    m_box->setRect(0, 0, textRect.width() + 8, textRect.height() + 4);
    // Right of the line, or left of it near the right edge; never over the plot's edges.
    const double boxX = x + 8 + m_box->rect().width() <= plot.right() ? x + 8 : x - 8 - m_box->rect().width();
    m_box->setPos(std::max(plot.left(), boxX), plot.top() + 2);
    m_line->setVisible(true);
    m_box->setVisible(true);
}

void ChartReadout::hide()
{
    m_line->setVisible(false);
    m_box->setVisible(false);
}

bool ChartReadout::isVisible() const
{
    return m_box->isVisible();
}

QString ChartReadout::text() const
{
    return isVisible() ? m_text->text() : QString();
}

void ChartReadout::setFont(const QFont &font)
{
    m_text->setFont(font);
}

} // namespace stampede::ui
