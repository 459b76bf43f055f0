#pragma once
// A QChartView that can be browsed: drag a horizontal rubber band to zoom into a time span, wheel
// to zoom in/out around the pointer, right-click or double-click to go back to the whole run.
// While zoomed, the owning chart keeps updating the data but leaves the axes alone. GUI thread.

#include <QChartView>

namespace stampede::ui {

class ChartView : public QChartView
{
    Q_OBJECT
public:
    explicit ChartView(QChart *chart, QWidget *parent = nullptr);

signals:
    /// The user went back to the automatic ranges (right-click or double-click).
    void zoomResetRequested();
    /// The pointer is over the plot at `value` (axis units); pointerLeft() when it leaves the plot.
    void pointerMoved(const QPointF &value);
    void pointerLeft();

protected:
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
};

} // namespace stampede::ui
