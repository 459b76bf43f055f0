#pragma once
// The load profile's plan as a chart: planned VUs (closed model) or requests per second (open model)
// over time, from scenario::makePlan, the same plan the engine runs. GUI thread only.

#include "scenario/plan.h"

#include <QChartView>

class QLineSeries;
class QValueAxis;

namespace stampede::ui::editor {

class PlanPreview : public QChartView
{
    Q_OBJECT
public:
    explicit PlanPreview(QWidget *parent = nullptr);
    void setPlan(const scenario::Plan &plan);
    /// The points drawn: (seconds or minutes, target).
    QList<QPointF> points() const;

private:
    QLineSeries *m_series;
    QValueAxis *m_time;
    QValueAxis *m_target;
};

/// "3m30s planned (+ up to 30s graceful stop), peak 50 VUs": the plan in words.
QString describePlan(const scenario::Plan &plan, qint64 gracefulStopMs);

} // namespace stampede::ui::editor
