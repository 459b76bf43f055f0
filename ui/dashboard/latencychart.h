#pragma once
// Latency percentiles over time (p50 / p90 / p95 / p99 of http_req_duration within each second),
// for every model or one model (a combo), on a linear or log axis, with the http_req_duration
// thresholds of the shown group as dashed red lines. GUI thread only.

#include "ui/dashboard/timeserieschart.h"

#include <array>

class QCheckBox;
class QComboBox;

namespace stampede::ui {

class LatencyChart : public TimeSeriesChart
{
    Q_OBJECT
public:
    explicit LatencyChart(QWidget *parent = nullptr);

    void reset(const ChartContext &context) override;
    void refresh(double xMaxSeconds) override;

    /// 0: every model; i + 1: model i.
    void setGroup(int group);
    int group() const;

private:
    void applyThresholds();

    ChartContext m_context;
    QComboBox *m_group = nullptr;
    QCheckBox *m_log = nullptr;
    std::array<QLineSeries *, 4> m_series {}; ///< p50, p90, p95, p99 of the shown group
};

} // namespace stampede::ui
