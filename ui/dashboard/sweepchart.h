#pragma once
// A sweep's chart (scenario "load": {"executor": "sweep"}): latency p50/p95/p99, TTFT p95, achieved
// rate and goodput against the offered rate of each step (x in requests/s, not time; in a VU sweep
// x is the step's VUs, and the axis title says so), the knee (the first step judged to fail) marked
// by a vertical line named in the legend. Fed with
// Snapshot::sweepSteps while the run goes and RunSummary::capacity at its end; the series come from
// the chart model the HTML report draws too (chart/sweepseries.h). GUI thread only.

#include "metrics/capacity.h"

#include <QHash>
#include <QWidget>

class QChart;
class QLineSeries;
class QValueAxis;
class QLabel;

namespace stampede::ui {

class SweepChart : public QWidget
{
    Q_OBJECT
public:
    explicit SweepChart(QWidget *parent = nullptr);

    /// The steps so far (the running one may be unjudged); redraws every series once.
    void setSteps(const QList<metrics::SweepStep> &steps);
    /// After the run: the overall verdict's steps, and the verdict in the caption.
    void setCapacity(const metrics::Capacity &capacity);
    void clear();

    QChart *chart() const { return m_chart; }
    /// The series of a chart::SweepLine key ("latency:p(95)", "goodput", ...), or nullptr.
    QLineSeries *series(const QString &key) const { return m_series.value(key); }
    /// The knee's vertical line (empty while there is no knee).
    QLineSeries *kneeLine() const { return m_knee; }
    QString caption() const;

private:
    QLineSeries *lineFor(const QString &key, const QString &label, std::uint32_t color, bool dashed, bool rightAxis);
    void rescale(double maxX, double maxMs, double maxRps);
    /// The x axis' title (and the chart's): VUs for a VU sweep, else the offered rate.
    void setVusAxis(bool vus);

    QChart *m_chart;
    QValueAxis *m_x;
    QValueAxis *m_ms;
    QValueAxis *m_rps;
    QLineSeries *m_knee;
    QLabel *m_caption;
    QHash<QString, QLineSeries *> m_series;
};

} // namespace stampede::ui
