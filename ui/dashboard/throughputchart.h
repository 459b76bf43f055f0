#pragma once
// Throughput over time: finished requests per second against the planned arrival rate (open
// model, dashed), goodput (requests per second that met the SLO, when the run declares one), and
// completion tokens per second on the right axis. Thresholds on the rate of iterations / http_reqs
// are drawn as lines. GUI thread only.

#include "ui/dashboard/timeserieschart.h"

class QAreaSeries;

namespace stampede::ui {

class ThroughputChart : public TimeSeriesChart
{
    Q_OBJECT
public:
    explicit ThroughputChart(QWidget *parent = nullptr);

    void reset(const ChartContext &context) override;
    void refresh(double xMaxSeconds) override;

private:
    QLineSeries *m_achieved = nullptr;
    QLineSeries *m_planned = nullptr; ///< null for closed models (their plan is VUs: see VusChart)
    QLineSeries *m_goodput = nullptr; ///< null without an SLO
    QAreaSeries *m_tokens = nullptr;
};

} // namespace stampede::ui
