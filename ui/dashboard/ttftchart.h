#pragma once
// Time to first token, p95 within each second, one line per model in the model's colour, with the
// ttft thresholds as dashed lines (red for every model, the model's colour for a {model:...}
// filter). GUI thread only.

#include "ui/dashboard/timeserieschart.h"

namespace stampede::ui {

class TtftChart : public TimeSeriesChart
{
    Q_OBJECT
public:
    explicit TtftChart(QWidget *parent = nullptr);

    void reset(const ChartContext &context) override;
    void refresh(double xMaxSeconds) override;

private:
    QList<QLineSeries *> m_series; ///< per model
};

} // namespace stampede::ui
