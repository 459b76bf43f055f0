#pragma once
// Throughput over time: finished requests per second against the planned arrival rate (open
// model, dashed), and completion tokens per second on the right axis. Thresholds on the rate of
// iterations / http_reqs are drawn as lines. GUI thread only.

#include "ui/dashboard/seriesbuffer.h"
#include "ui/dashboard/timeserieschart.h"

class QAreaSeries;

namespace stampede::ui {

class ThroughputChart : public TimeSeriesChart
{
    Q_OBJECT
public:
    explicit ThroughputChart(QWidget *parent = nullptr);

    void reset(const ChartContext &context) override;
    void appendSeconds(const QList<metrics::SecondPoint> &seconds) override;
    void refresh(double xMaxSeconds) override;

private:
    ChartContext m_context;
    QLineSeries *m_achieved = nullptr;
    QLineSeries *m_planned = nullptr; ///< null for closed models (their plan is VUs: see VusChart)
    QAreaSeries *m_tokens = nullptr;
    SeriesBuffer m_achievedBuffer { SeriesBuffer::Reduce::Mean };
    SeriesBuffer m_tokensBuffer { SeriesBuffer::Reduce::Mean };
    SeriesBuffer m_plannedBuffer { SeriesBuffer::Reduce::Mean }; ///< from the seconds when there is no plan
    QList<QPointF> m_planPoints; ///< the plan's corners, in seconds
};

/// The corners of a plan as chart points (seconds, target).
QList<QPointF> planPoints(const scenario::Plan &plan);

} // namespace stampede::ui
