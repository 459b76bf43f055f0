#pragma once
// Concurrency over time. Closed model: VUs (planned VUs dashed, from the plan) and requests in
// flight. Open model: requests in flight, and dropped iterations per second (arrivals not started
// because max_in_flight was reached) on the right axis. GUI thread only.

#include "ui/dashboard/timeserieschart.h"

namespace stampede::ui {

class VusChart : public TimeSeriesChart
{
    Q_OBJECT
public:
    explicit VusChart(QWidget *parent = nullptr);

    void reset(const ChartContext &context) override;
    void refresh(double xMaxSeconds) override;

private:
    void removeAll();

    QLineSeries *m_vus = nullptr; ///< closed model only
    QLineSeries *m_planned = nullptr; ///< planned VUs, closed model only
    QLineSeries *m_inFlight = nullptr;
    QLineSeries *m_dropped = nullptr; ///< open model only
};

} // namespace stampede::ui
