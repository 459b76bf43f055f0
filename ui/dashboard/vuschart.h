#pragma once
// Concurrency over time. Closed model: VUs (planned VUs dashed, from the plan) and requests in
// flight. Open model: requests in flight, and dropped iterations per second (arrivals not started
// because max_in_flight was reached) on the right axis. GUI thread only.

#include "ui/dashboard/seriesbuffer.h"
#include "ui/dashboard/timeserieschart.h"

namespace stampede::ui {

class VusChart : public TimeSeriesChart
{
    Q_OBJECT
public:
    explicit VusChart(QWidget *parent = nullptr);

    void reset(const ChartContext &context) override;
    void appendSeconds(const QList<metrics::SecondPoint> &seconds) override;
    void refresh(double xMaxSeconds) override;

private:
    void removeAll();

    ChartContext m_context;
    QLineSeries *m_vus = nullptr; ///< closed model only
    QLineSeries *m_planned = nullptr; ///< planned VUs, closed model only
    QLineSeries *m_inFlight = nullptr;
    QLineSeries *m_dropped = nullptr; ///< open model only
    SeriesBuffer m_vusBuffer;
    SeriesBuffer m_inFlightBuffer;
    SeriesBuffer m_droppedBuffer;
    SeriesBuffer m_plannedBuffer { SeriesBuffer::Reduce::Mean }; ///< when the plan is empty
    QList<QPointF> m_planPoints;
};

} // namespace stampede::ui
