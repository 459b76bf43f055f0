#pragma once
// The sweep's chart as data (metrics/capacity.h): latency p50/p95/p99, TTFT p95, achieved rate and
// goodput against the *offered rate* of each step (x in requests/s, not time), and where the knee
// is. The dashboard's sweep chart (ui/dashboard/sweepchart.h) and the HTML report's capacity
// section draw this one model; only the drawing differs.

#include "chart/palette.h"
#include "metrics/capacity.h"

#include <QList>
#include <QPointF>
#include <QString>

#include <optional>

namespace stampede::chart {

struct SweepLine {
    QString key; ///< "latency:p(50)", "latency:p(95)", "latency:p(99)", "ttft:p(95)", "achieved", "goodput"
    QString label; ///< legend name
    QString unit; ///< "ms" or "req/s"
    Rgb color = 0;
    bool dashed = false;
    QList<QPointF> points; ///< (offered req/s, value), one per step in step order
};

struct SweepChart {
    QList<SweepLine> latency; ///< ms: p50, p95, p99 of http_req_duration, then TTFT p95 (when streamed)
    QList<SweepLine> throughput; ///< req/s: achieved, then goodput (when an SLO applies)
    std::optional<double> kneeRate; ///< offered rate of the first judged step that failed
    QString kneeLabel; ///< "knee: step 4 (20 req/s)"
    double maxRate = 0; ///< the highest offered rate (the x axis' end)
};

SweepChart sweepChart(const QList<metrics::SweepStep> &steps);

} // namespace stampede::chart
