#pragma once
// An agent's figures as Prometheus metric families (issue 15; docs/scale-out.md, "Live fleet view").
// Built from the engine's cumulative groups (a Snapshot's, then the RunSummary's), so every counter
// is the run's own count and every histogram is the run's own, regrouped: its `le` edges are edges of
// metrics::Histogram's buckets, so each cumulative count is exact (no value is split between buckets)
// and histograms from many agents add up exactly, like the run folders `stampede report merge` adds.

#include "metrics/stats.h"

#include <prometheus/metric_family.h>

#include <QList>
#include <QString>

#include <cstdint>
#include <vector>

namespace stampede::fleet {

/// Names of the series (docs/scale-out.md lists them with their meaning).
namespace prom {
inline constexpr const char *requests = "stampede_requests_total";
inline constexpr const char *failures = "stampede_request_failures_total";
inline constexpr const char *attempts = "stampede_attempts_total";
inline constexpr const char *cancelled = "stampede_cancelled_requests_total";
inline constexpr const char *promptTokens = "stampede_prompt_tokens_total";
inline constexpr const char *completionTokens = "stampede_completion_tokens_total";
inline constexpr const char *cacheReadTokens = "stampede_cache_read_tokens_total";
inline constexpr const char *cacheCreationTokens = "stampede_cache_creation_tokens_total";
inline constexpr const char *reasoningTokens = "stampede_reasoning_tokens_total";
inline constexpr const char *cost = "stampede_cost_usd_total";
inline constexpr const char *inFlightSeconds = "stampede_in_flight_seconds_total";
inline constexpr const char *dropped = "stampede_dropped_iterations_total";
inline constexpr const char *vus = "stampede_vus";
inline constexpr const char *inFlight = "stampede_in_flight";
inline constexpr const char *targetLoad = "stampede_target_load";
inline constexpr const char *elapsed = "stampede_elapsed_seconds";
inline constexpr const char *finished = "stampede_run_finished";
inline constexpr const char *duration = "stampede_http_req_duration_seconds";
inline constexpr const char *ttft = "stampede_ttft_seconds";
inline constexpr const char *itl = "stampede_itl_seconds";
} // namespace prom

/// The histograms' upper edges in microseconds, ascending: 2^k × {1, 1.25, 1.5, 1.75} for 2^4 µs up
/// to 2^27 µs (16 µs … 134 s), at most 25 % apart. Each is a lower bound of a metrics::Histogram
/// bucket, so "values below the edge" is a whole number of buckets.
const std::vector<std::uint64_t> &bucketEdgesUs();

/// `h` (values in µs) as a Prometheus histogram in seconds: cumulative counts at every edge, then
/// +Inf = count. A value is counted at an edge when it is below it (values are whole microseconds,
/// truncated: below the edge in µs is at or below it in seconds).
prometheus::ClientMetric::Histogram promHistogram(const metrics::Histogram &h);

/// The run-wide gauges an agent publishes beside its groups.
struct AgentGauges {
    int vus = 0;
    int inFlight = 0;
    std::int64_t dropped = 0;
    double targetLoad = 0;
    bool openModel = false; ///< targetLoad is requests/s (label unit="rps"), else VUs (unit="vus")
    double elapsedSeconds = 0;
    bool finished = false;
};

/// Every family: counters and histograms per model (`models`, one GroupStats each), the gauges, and
/// `constLabels` (name, value) on every series. A model with no request yet still has its series (at
/// zero), so a rate() over the run sees it from its start.
std::vector<prometheus::MetricFamily> metricFamilies(const QList<metrics::GroupStats> &models,
    const AgentGauges &gauges, const std::vector<prometheus::ClientMetric::Label> &constLabels);

AgentGauges gaugesOf(const metrics::Snapshot &snapshot);
AgentGauges gaugesOf(const metrics::RunSummary &summary);

} // namespace stampede::fleet
