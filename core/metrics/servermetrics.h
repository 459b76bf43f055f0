#pragma once
// What the gateway said about itself during a run: the series of scenario "server_metrics", polled by
// engine::ServerMetricsPoller (docs/metrics.md, "Server-side metrics"; summary.json "server_metrics").
// A plain value, cheap to copy (implicitly shared lists): the poller hands a fresh one to the engine
// after each scrape, the engine passes it on in snapshots and the summary.

#include <QList>
#include <QMetaType>
#include <QString>

#include <cstdint>
#include <utility>

namespace stampede::metrics {

struct ServerSeries {
    /// Each series keeps at most this many samples, the newest (at a 1 s interval: 5.5 hours).
    static constexpr qsizetype kMaxSamples = 20000;

    QString name; ///< the scenario's selector or field path, as written
    /// gauge, counter_rate, histogram_p50, histogram_p95, summary_p50, summary_p95
    QString kind;
    QList<std::pair<double, double>> samples; ///< (seconds since the run's start, value), in time order
    std::int64_t dropped = 0; ///< the oldest samples let go past kMaxSamples
};

struct ServerMetrics {
    QString url; ///< report::displayUrl(): no user info, credential-like query values (token, key, ...) redacted
    QString format; ///< "prometheus" or "json"
    double intervalS = 0;
    std::int64_t scrapes = 0; ///< scrapes attempted (finished, failed or not)
    std::int64_t errors = 0; ///< scrapes that failed, plus one per series a scrape could not read
    QString lastError; ///< the newest error, never holding the API key
    QList<ServerSeries> series; ///< in the scenario's order; a histogram gives two (p50, p95)

    /// The series with this name and kind, or nullptr.
    const ServerSeries *find(const QString &name, const QString &kind) const
    {
        for (const ServerSeries &s : series) {
            if (s.name == name && s.kind == kind)
                return &s;
        }
        return nullptr;
    }
};

} // namespace stampede::metrics

Q_DECLARE_METATYPE(stampede::metrics::ServerMetrics)
