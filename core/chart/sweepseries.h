#pragma once
// The sweep's chart as data (metrics/capacity.h): latency p50/p95/p99, TTFT p95, achieved rate and
// goodput against each step's level — its *offered rate* (x in requests/s, not time), or its VUs in
// a VU sweep — and where the knee is. The dashboard's sweep chart (ui/dashboard/sweepchart.h) and
// the HTML report's capacity section draw this one model; only the drawing differs.

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
    QList<QPointF> points; ///< (offered req/s or VUs, value), one per step in step order
};

struct SweepChart {
    QList<SweepLine> latency; ///< ms: p50, p95, p99 of http_req_duration, then TTFT p95 (when streamed)
    QList<SweepLine> throughput; ///< req/s: achieved, then goodput (when an SLO applies)
    bool vus = false; ///< x is VUs (a VU sweep), not the offered rate
    std::optional<double> kneeX; ///< offered rate (or VUs) of the first judged step that failed
    QString kneeLabel; ///< "knee: step 4 (20 req/s)", "knee: step 4 (16 VUs)"
    double maxX = 0; ///< the highest offered rate or VUs (the x axis' end)
};

SweepChart sweepChart(const QList<metrics::SweepStep> &steps);

} // namespace stampede::chart
