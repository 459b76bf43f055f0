#pragma once
// From scrapes to chart points: what one configured series of scenario "server_metrics" yields at each
// scrape (docs/metrics.md, "Server-side metrics"). Pure math on the scrapes and times it is given.
//
//   Prometheus, by the metric's TYPE:
//     gauge / untyped  -> "gauge": the sum over the matching label sets
//     counter          -> "counter_rate": (sum now - sum before) / seconds between the scrapes;
//                         no point on the first scrape nor after a reset (the sum fell)
//     histogram        -> "histogram_p50", "histogram_p95": quantiles of the observations made
//                         between two scrapes (the _bucket deltas, histogramQuantile())
//     summary          -> "summary_p50", "summary_p95": its quantile="0.5" / "0.95" lines
//                         (the largest over the matching label sets)
//   JSON: a dotted field path ("usage.rpm", "items.0.value") to a number -> "gauge".

#include "protocol/promtext.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace stampede::protocol {

/// One point a series yields at a scrape: which kind of value (the names above) and the value.
struct ServerPoint {
    QString kind;
    double value = 0;
};

/// What one series gave at one scrape: its points (possibly none, e.g. the first scrape of a counter)
/// or an error ("no sample matches x{a=\"b\"}").
struct ServerReading {
    QList<ServerPoint> points;
    QString error;
};

/// Follows one Prometheus selector across the scrapes of a run.
class PromSeriesTracker
{
public:
    explicit PromSeriesTracker(PromSelector selector);

    /// The scrape taken at `tS` seconds (run clock); scrapes come in time order.
    ServerReading add(double tS, const PromScrape &scrape);

private:
    ServerReading addCounter(double tS, double sum);
    ServerReading addHistogram(double tS, const PromScrape &scrape, const QString &family);
    ServerReading addSummary(const PromScrape &scrape, const QString &family) const;

    PromSelector m_selector;
    std::optional<double> m_lastT;
    double m_lastCounter = 0;
    QMap<double, double> m_lastBuckets; ///< upper bound -> cumulative count at the previous scrape
};

/// Each dotted path's number in the JSON object `document` (an array step is an index): one "gauge"
/// point, or an error when the field is missing or not a number. A document that is not a JSON object
/// gives every path the same error.
QList<ServerReading> readJsonFields(const QByteArray &document, const QStringList &paths);

} // namespace stampede::protocol
