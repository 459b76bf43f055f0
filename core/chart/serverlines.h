#pragma once
// The chart model of scenario "server_metrics" (metrics/servermetrics.h): one line per polled series,
// its legend name, colour and explanation, and the caption stating the endpoint, the interval and
// the errors. The dashboard's Server chart and the HTML report's section draw the same lines.

#include "chart/palette.h"
#include "metrics/servermetrics.h"

#include <QList>
#include <QPointF>
#include <QString>

namespace stampede::chart {

struct ServerLine {
    QString key; ///< "<name>|<kind>"
    QString label; ///< legend: the series' name, with its kind unless a gauge ("x (rate/s)", "h (p95)")
    QString explanation; ///< what the value is, for tooltips ("per-second rate of counter x between scrapes")
    Rgb color = 0;
    QList<QPointF> points; ///< (seconds since the run's start, value)
};

/// One line per series of `metrics`, in its order.
QList<ServerLine> serverLines(const metrics::ServerMetrics &metrics);
/// "http://gw/metrics (prometheus) every 5 s: 12 scrapes, 1 error; last: ..." (no last error when none).
QString serverCaption(const metrics::ServerMetrics &metrics);
/// What a kind means: "gauge: the value scraped", "counter_rate: ...".
QString serverKindExplanation(const QString &kind);

} // namespace stampede::chart
