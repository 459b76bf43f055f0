#pragma once
// The hover readout of a dashboard chart: a vertical line at the time under the pointer and a box
// with every visible series' value at that second. The dashboard shows it on every chart at once
// (synced), so one pointer reads latency, throughput, errors, VUs and TTFT at the same second.
// GUI thread only.

#include <QString>

class QChart;
class QFont;
class QGraphicsLineItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QValueAxis;

namespace stampede::ui {

class ChartReadout
{
public:
    explicit ChartReadout(QChart *chart);

    /// Draws the line at `axisX` (in the time axis' unit) and the box with `text`; hides both when
    /// `axisX` is outside the axis.
    void show(QValueAxis *timeAxis, double axisX, const QString &text);
    void hide();
    bool isVisible() const;
    QString text() const; ///< what the box says (empty when hidden)
    void setFont(const QFont &font);

private:
    QChart *m_chart;
    QGraphicsLineItem *m_line;
    QGraphicsRectItem *m_box;
    QGraphicsSimpleTextItem *m_text;
};

} // namespace stampede::ui
