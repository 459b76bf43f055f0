#pragma once
// The merged live view of a fleet (issue 15; docs/scale-out.md, "Watching a fleet"): the samples of
// N agents' /metrics (or of a Prometheus server's /federate, which carries the same series) added up
// per model, and turned into the metrics::Snapshot the desktop dashboard draws. Counters and gauges
// add exactly. Percentiles come from the added histogram buckets (edges at most 25 % apart, see
// bucketEdgesUs()), interpolated inside a bucket, so a percentile is within a bucket (at most 25 %,
// typically a few %) of the fleet's true one, as Prometheus's histogram_quantile() reads them; the
// run folders merged afterwards give exact ones.
// Pure values: no I/O, no Qt objects (FleetAttach polls and feeds it).

#include "metrics/stats.h"
#include "protocol/promtext.h"

#include <QMap>
#include <QSet>
#include <QString>

#include <array>
#include <map>

namespace stampede::fleet {

/// One histogram as exposed: cumulative counts per upper edge (seconds; +Inf included), sum, count.
struct PromBuckets {
    std::map<double, double> cumulative;
    double sum = 0;
    double count = 0;
    void add(const PromBuckets &other);
    /// `this` minus `earlier` (a window's requests); edges only in one of them count as zero in the other.
    PromBuckets minus(const PromBuckets &earlier) const;
    /// Each bucket's count placed at its middle, in microseconds (metrics::Histogram's unit).
    metrics::Histogram toHistogram() const;
    /// The dashboard's figures: p50/p90/p95/p99 as Prometheus's histogram_quantile() gives them
    /// (protocol::histogramQuantile(), so they are Grafana's numbers), the mean from sum/count, and
    /// toHistogram() behind them for any other percentile.
    metrics::LatencyStats toLatencyStats() const;
};

enum class FleetHistogram : int { Duration, Ttft, Itl };
inline constexpr int fleetHistogramCount = 3;

struct FleetModelTotals {
    double requests = 0, attempts = 0, cancelled = 0;
    double promptTokens = 0, completionTokens = 0, costUsd = 0;
    double cacheReadTokens = 0, cacheCreationTokens = 0, reasoningTokens = 0;
    double inFlightSeconds = 0;
    QMap<QString, double> failures; ///< error class -> final failures
    std::array<PromBuckets, fleetHistogramCount> histograms;
    double failureCount() const;
};

/// What every agent said, added up.
struct FleetTotals {
    QMap<QString, FleetModelTotals> models;
    double vus = 0, inFlight = 0, dropped = 0;
    double targetLoad = 0; ///< the plan's target now: every agent reports the whole plan's, so the largest
    bool openModel = false; ///< targetLoad is requests/s
    double elapsedSeconds = 0; ///< the furthest along agent's
    int agents = 0; ///< series of stampede_run_finished: one per agent
    int finishedAgents = 0;
    QSet<QString> scenarios; ///< the `scenario` labels seen
    QSet<QString> segments; ///< the `segment` labels seen, e.g. "0/4"

    /// Adds one scrape's samples (an agent's, or every agent's through /federate). Series that are
    /// not Stampede's agent series are ignored (the exposer's own, the gateway's, ...).
    void add(const QList<protocol::PromSample> &samples);
    bool allFinished() const { return agents > 0 && finishedAgents >= agents; }
};

/// Turns successive totals into snapshots: the cumulative groups, and one SecondPoint per second
/// of run time that has passed since the previous one (the window's counts and percentiles).
class FleetView
{
public:
    /// `models`: the order of the dashboard's rows; models seen later are appended.
    explicit FleetView(QStringList models = {});

    metrics::Snapshot update(const FleetTotals &totals);
    /// The last update as a finished run's summary (the dashboard's final numbers).
    metrics::RunSummary summary() const;
    const QStringList &models() const { return m_models; }

private:
    metrics::GroupStats group(const QString &name, const FleetModelTotals &totals, double seconds) const;
    QStringList m_models;
    FleetTotals m_last;
    FleetTotals m_atLastSecond;
    std::int64_t m_lastSecond = -1;
    int m_maxVus = 0; ///< over the updates (the summary's maxVus)
    int m_peakInFlight = 0;
    metrics::Snapshot m_lastSnapshot;
};

} // namespace stampede::fleet
