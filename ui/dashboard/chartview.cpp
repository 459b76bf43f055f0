#include "ui/dashboard/chartview.h"

#include <QMouseEvent>
#include <QWheelEvent>

namespace stampede::ui {

ChartView::ChartView(QChart *chart, QWidget *parent)
    : QChartView(chart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::HorizontalRubberBand);
    setFrameShape(QFrame::NoFrame);
    setMouseTracking(true); // the hover readout follows the pointer without a button down
}

void ChartView::mouseMoveEvent(QMouseEvent *event)
{
    if (chart()) {
        const QPointF at = chart()->mapFromScene(mapToScene(event->position().toPoint()));
        if (chart()->plotArea().contains(at))
            emit pointerMoved(chart()->mapToValue(at));
        else
            emit pointerLeft();
    }
    QChartView::mouseMoveEvent(event);
}

void ChartView::leaveEvent(QEvent *event)
{
    emit pointerLeft();
    QChartView::leaveEvent(event);
}

void ChartView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0 || !chart()) {
        QChartView::wheelEvent(event);
        return;
    }
    // Zoom the time axis only, keeping the time under the pointer where it is.
    const QRectF plot = chart()->plotArea();
    const double factor = steps > 0 ? 0.8 : 1.25;
    const double px = std::clamp(event->position().x(), plot.left(), plot.right());
    const double left = px - (px - plot.left()) * factor;
    chart()->zoomIn(QRectF(left, plot.top(), plot.width() * factor, plot.height()));
    event->accept();
}

void ChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::RightButton) {
        // QChartView's default zooms out one step; back to the whole run is what people expect.
        if (chart())
            chart()->zoomReset();
        emit zoomResetRequested();
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void ChartView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (chart())
        chart()->zoomReset();
    emit zoomResetRequested();
    event->accept();
}

} // namespace stampede::ui
