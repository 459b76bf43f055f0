#pragma once
// Aggregated values that leave the metrics room: live snapshots and the end-of-run summary.
// All durations in milliseconds (double), all rates per second.

#include "metrics/capacity.h"
#include "metrics/failuregroups.h"
#include "metrics/gatewaystats.h"
#include "metrics/histogram.h"
#include "metrics/integrity.h"
#include "metrics/overhead.h"
#include "metrics/servermetrics.h"
#include "model/runlifecycle.h"
#include "model/runverdict.h"
#include "model/slo.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QSharedPointer>
#include <QString>
#include <QStringList>

#include <array>

namespace stampede::metrics {

struct LatencyStats {
    std::uint64_t count = 0;
    double mean = 0, min = 0, p50 = 0, p90 = 0, p95 = 0, p99 = 0, max = 0;
    /// The run-long histogram behind these numbers, so value() answers any p(N) (e.g. p(99.9)).
    /// Set on cumulative stats (Snapshot, RunSummary groups), null on SecondPoint windows.
    QSharedPointer<const Histogram> histogram;
    double unitsPerMs = 1000.0; ///< histogram units per reported unit (µs -> ms, milli-tokens -> tokens)
    static LatencyStats fromHistogram(const Histogram &h, double unitsPerMs = 1000.0);
    /// Same, keeping `h` (shared, not copied) for arbitrary percentiles.
    static LatencyStats fromSharedHistogram(QSharedPointer<const Histogram> h, double unitsPerMs = 1000.0);
    /// "avg", "min", "max", "med", "p(N)"; a p(N) other than 50/90/95/99 needs `histogram`.
    double value(const QString &aggregation, bool *ok = nullptr) const;
};

/// Per-request token lengths in power-of-two buckets (issue 16: the report's workload description):
/// bucket 0 holds 0 tokens, bucket b >= 1 holds [2^(b-1), 2^b - 1]; the last also everything above.
struct TokenLengthHistogram {
    static constexpr int kBuckets = 24; ///< up to 2^22 .. 2^23 - 1 (8 M tokens), then the last
    std::array<std::int64_t, kBuckets> buckets {};
    std::int64_t count = 0;
    std::int64_t sum = 0;
    std::int64_t min = 0; ///< meaningful when count > 0
    std::int64_t max = 0;

    void add(std::int64_t tokens);
    double mean() const { return count > 0 ? double(sum) / double(count) : 0.0; }
    static int bucketOf(std::int64_t tokens);
    static std::int64_t bucketLow(int bucket) { return bucket <= 0 ? 0 : std::int64_t(1) << (bucket - 1); }
    static std::int64_t bucketHigh(int bucket) { return bucket <= 0 ? 0 : (std::int64_t(1) << bucket) - 1; }
};

/// What one group's successful requests actually sent and got (issue 16): the prompt-side tokens
/// of each (prompt + cache read + cache written, as the server counted them, or estimated) and the
/// completion tokens of each.
struct TokenLengths {
    TokenLengthHistogram prompt;
    TokenLengthHistogram completion;
};

/// The requests of one slice of a workload (a conversation's turn number; the requests with or
/// without a shared prefix): how many finished, their prompt-side tokens, and the TTFT and latency
/// of the successes (docs/metrics.md, "Conversations", "Shared prefixes").
struct SliceStats {
    std::int64_t requests = 0; ///< finished: successes + failures (cancelled ones are not)
    std::int64_t successes = 0;
    std::int64_t promptTokens = 0; ///< summed over the slice's finished requests, as the group's
    std::int64_t cacheReadTokens = 0;
    std::int64_t cacheCreationTokens = 0;
    LatencyStats ttft;
    LatencyStats latency;
};

/// One turn number of a conversation run (scenario "conversation"). Whether TTFT falls or grows
/// with the turn shows whether the gateway or the model caches the conversation's prefix.
struct TurnStats : SliceStats {
    int turn = 0; ///< 1, 2, ...
};

/// A run with shared prefixes (scenario prompts.shared_prefix): the requests that started with one
/// against the others, so a prefix cache's effect on TTFT and cached tokens shows.
struct SharedPrefixStats {
    SliceStats with;
    SliceStats without;
};
/// The turns a group keeps apart; outcomes of a later turn count in the last one.
inline constexpr int kMaxTrackedTurns = 100;

/// The statistics of one group: one model, or every model (the "mixed" row).
struct GroupStats {
    QString model; ///< model name; "all" for the mixed row
    std::int64_t requests = 0; ///< finished requests (final outcomes): successes + failures
    std::int64_t successes = 0;
    std::int64_t failures = 0;
    /// Requests the run's own stop cut (abort, or still in flight when load.graceful_stop ran
    /// out): not in `requests`, the error rate, the latencies, the checks or the thresholds.
    /// Their attempts, tokens and cost are counted (a gateway bills a cut stream).
    std::int64_t cancelled = 0;
    QMap<QString, std::int64_t> errors; ///< error key -> count of final failures
    std::int64_t attempts = 0; ///< HTTP attempts sent, incl. retries
    QMap<QString, std::int64_t> retried; ///< error key -> attempts that were retried
    std::int64_t truncated = 0; ///< finish_reason == "length" (a warning, not a failure)
    std::int64_t promptTokens = 0;
    std::int64_t completionTokens = 0;
    std::int64_t cacheReadTokens = 0; ///< prompt tokens read from a prompt cache (not in promptTokens)
    std::int64_t cacheCreationTokens = 0; ///< prompt tokens written to a prompt cache (not in promptTokens)
    std::int64_t reasoningTokens = 0; ///< the part of completionTokens servers reported as reasoning
    std::int64_t estimatedTokenRequests = 0; ///< requests whose tokens were estimated
    /// Tool calls in successful answers (scenario "tools"), and those judged invalid (an undeclared
    /// function, or arguments that are not a JSON object; protocol/toolcalls.h).
    std::int64_t toolCalls = 0;
    std::int64_t toolCallsInvalid = 0;
    TokenLengths tokenLengths; ///< per success: prompt-side and completion token lengths
    double costUsd = 0;
    /// The part of the token and cost totals above that came with failed answers: usage a server
    /// reported before the answer failed (a usage chunk before a cut, an error event after usage).
    /// Counted in the totals, as a gateway bills them; never estimated.
    std::int64_t failedTokens = 0;
    double failedCostUsd = 0;
    double rps = 0; ///< finished requests / window seconds
    double outputTokensPerSec = 0; ///< completion tokens / window seconds
    /// The group's concurrency, one definition everywhere (GUI, CLI, report, CSV): the sum over its
    /// requests (cancelled ones too: they held a connection) of the final attempt's time in flight,
    /// handed to the network stack -> ended, in seconds; and that over the window: the mean number
    /// of its requests in flight (Little's law, measured, not estimated). Per-model means add up to
    /// the "all" row's.
    double inFlightSeconds = 0;
    double meanInFlight = 0;
    double errorRate() const { return requests ? double(failures) / double(requests) : 0.0; }

    /// SLO judging (scenario "slo"; docs/metrics.md, "Goodput and SLOs"). Set when the group's
    /// requests are judged: a model's bounds (the scenario's, with the model's own in place); for
    /// "all", the scenario's top-level bounds (empty when only models declare theirs). Unset: no
    /// SLO applies, and sloMet, goodput and sloAttainment are not figures of this group.
    std::optional<model::Slo> slo;
    std::int64_t sloMet = 0; ///< finished requests that succeeded within every bound that applies to them
    double goodput = 0; ///< sloMet / window seconds (the window of rps)
    double sloAttainment = 0; ///< sloMet / requests, 0..1 (0 before the first request)
    bool hasSlo() const { return slo.has_value(); }

    LatencyStats latency; ///< http_req_duration over successes
    LatencyStats latencyAll; ///< http_req_duration over every finished request
    LatencyStats scheduledLatency; ///< scheduled start -> end (coordinated-omission safe)
    LatencyStats queue; ///< scheduled start -> sent
    LatencyStats ttfb;
    LatencyStats ttft;
    LatencyStats tpot;
    LatencyStats itl;
    LatencyStats outputSpeed; ///< tokens/s per request (values are tokens/s, not ms)
    /// limit_wait_ms: the time requests waited for the scenario's caps ("limits") before being sent,
    /// over finished requests a cap applies to (their zero waits included). Not latency, and not
    /// one of the trends (trendmetrics.h): count 0 means no cap applies, and nothing shows it.
    LatencyStats limitWait;
    bool hasLimitWait() const { return limitWait.count > 0; }

    // What the gateway said (docs/metrics.md, "Gateway headers", "Rate limits (429)").
    QList<HeaderSummary> headers; ///< captured headers by name; per-second series in RunSummary only
    RateLimitSummary rateLimits;
    // integrity (issue 14): docs/metrics.md, "Integrity checks"; judged on successes
    IntegrityCounts integrity {};
    /// A conversation run: one entry per turn number reached, in order; empty otherwise.
    QList<TurnStats> turns;
    /// A run with shared prefixes: its requests with one and without; unset otherwise.
    std::optional<SharedPrefixStats> sharedPrefix;
};

/// LatencyStats of one group over one second, compact: the run keeps one per trend, group and
/// second (SecondPoint), so its history grows with the run. 32 bytes instead of LatencyStats' 88
/// (no histogram pointer, no unit). Floats hold 7 significant digits, far finer than the 0.4 %
/// resolution of the histogram the values come from; the mean is kept to the µs (as the samples). Same member names as
/// LatencyStats, and converts to and from it, so `point.groups[g].latency.p95` reads the same either way; the
/// conversion to LatencyStats widens each value by its shortest decimal form (widen()).
struct SecondLatency {
    std::uint32_t count = 0;
    float mean = 0, min = 0, p50 = 0, p90 = 0, p95 = 0, p99 = 0, max = 0;

    SecondLatency() = default;
    SecondLatency(const LatencyStats &stats); // NOLINT(google-explicit-constructor): a narrower copy
    operator LatencyStats() const; // NOLINT(google-explicit-constructor)
    static SecondLatency fromHistogram(const Histogram &h, double unitsPerMs = 1000.0);
    /// The double that prints as the float's shortest decimal form (what exports write).
    static double widen(float value);
};

/// One second of the run: index 0 of `groups` is every model, i + 1 is enabled model i.
/// The run keeps every closed second for its summary: 56 + 16 bytes plus 184 per group (0.99 KB per
/// second, 3.6 MB per hour, with four models and the "all" row), plus the errors of seconds that
/// had failures; see docs/benchmarks.md.
struct SecondPoint {
    std::int64_t second = 0; ///< seconds since run start; the point covers [second, second + 1)
    int vus = 0;
    int inFlight = 0;
    std::int64_t dropped = 0; ///< dropped iterations in this second
    double plannedTarget = 0; ///< planned VUs or req/s at this second
    struct Group {
        QMap<QString, std::int64_t> errors; ///< error key -> failures; allocated only when there are some
        double costUsd = 0;
        std::int64_t promptTokens = 0, completionTokens = 0;
        std::int32_t requests = 0, successes = 0, failures = 0, cancelled = 0;
        std::int32_t sloMet = -1; ///< requests of this second that met the SLO (goodput, req/s); -1: no SLO
        SecondLatency latency, ttft, tpot, queue;
    };
    QList<Group> groups;
};

struct ThresholdResult {
    QString metric; ///< metric key incl. tag filter, e.g. "http_req_duration{model:gpt-4.1}"
    QString expression; ///< e.g. "p(95)<2000"
    bool passed = true;
    bool evaluated = false; ///< false while the metric has no data yet
    double value = 0; ///< the observed value of the aggregation
    bool abortOnFail = false;
};

struct CheckResult {
    QString name;
    std::int64_t passes = 0;
    std::int64_t fails = 0;
    double rate() const { return passes + fails ? double(passes) / double(passes + fails) : 0.0; }
};

struct RequestOutcome;
/// Counts the checks `outcome` evaluated (the first 32 of `checks`, in scenario order) as passes or
/// fails; a cancelled (cut) answer says nothing about them and counts none.
void countChecks(QList<CheckResult> &checks, const RequestOutcome &outcome);

/// A change of load made while the run went (Run ▸ Adjust load): from `atMs` on, the target is
/// `target` (VUs, or requests/s for an open model) to the plan's end.
struct LoadChange {
    std::int64_t atMs = 0;
    double target = 0;
};

/// What the GUI/CLI see live, at >= 4 Hz. Cheap to copy (implicitly shared lists).
struct Snapshot {
    std::int64_t elapsedMs = 0;
    std::int64_t plannedMs = 0;
    model::RunPhase phase = model::RunPhase::Running;
    int vus = 0;
    int inFlight = 0;
    std::int64_t dropped = 0;
    double plannedTarget = 0;
    bool openModel = false;
    GroupStats overall; ///< cumulative since run start
    QList<GroupStats> models;
    QList<SecondPoint> newSeconds; ///< seconds closed since the previous snapshot
    QList<ThresholdResult> thresholds;
    QList<CheckResult> checks;
    QList<FailureGroup> failures; ///< grouped by class and message, most frequent first
    QList<LoadChange> loadChanges; ///< every change of load so far
    /// A sweep (model/sweep.h): every overall step so far, the running one last (judged = false).
    QList<SweepStep> sweepSteps;
    /// scenario "server_metrics": everything polled so far (its lists shared, not copied); unset without it.
    std::optional<ServerMetrics> serverMetrics;
    std::optional<OverheadLive> overhead; ///< a paired run (scenario direct_target); unset otherwise
};

/// scenario "budget_usd" (docs/metrics.md, "Quotas and spend"); the spend is RunSummary::overall.costUsd.
struct Budget {
    double limitUsd = 0;
    double estimatedUsd = 0; ///< the pre-run estimate (engine/costestimate.h): an upper bound
    bool stopped = false; ///< the spend reached the limit and ended the run (end_reason "budget: ...")
};

/// The whole run, for the CLI summary and every exporter.
struct RunSummary {
    QDateTime startedAt; ///< wall clock, UTC
    QDateTime endedAt;
    std::int64_t durationMs = 0; ///< the measured window: run start -> last request end
    model::RunEnd end = model::RunEnd::Completed;
    QString endReason; ///< human words, e.g. "threshold ttft p(95)<800 failed (abortOnFail)"
    bool openModel = false;
    int maxVus = 0;
    std::int64_t dropped = 0;
    GroupStats overall;
    QList<GroupStats> models;
    QList<ThresholdResult> thresholds;
    QList<CheckResult> checks;
    QList<FailureGroup> failures;
    int peakInFlight = 0; ///< open model: the most requests outstanding at once
    QList<SecondPoint> history;
    QStringList warnings; ///< e.g. stream_options dropped, estimated tokens
    QList<LoadChange> loadChanges; ///< in order; empty when the plan ran as written
    QString transport; ///< the HTTP client that ran, e.g. "curl (libcurl 7.88.1, ...)" (engine/transport.h)
    bool tlsInsecure = false; ///< target.tls.insecure: certificates were not verified (flagged on every first page)
    std::int64_t redirectsFollowed = 0; ///< same-origin 307/308 redirects followed (target.follow_redirects)
    /// Run-long histograms for export and exact merging: key "<metric>" (group 0) or
    /// "<metric>{model:<name>}", values in microseconds (output speed: milli-tokens/s).
    QMap<QString, Histogram> histograms;
    Capacity capacity; ///< a sweep's verdicts (empty otherwise; summary.json "capacity")
    std::optional<Budget> budget; ///< set when the scenario has budget_usd (summary.json "budget")
    std::optional<ServerMetrics> serverMetrics; ///< set when the scenario has server_metrics (summary.json)
    std::optional<Overhead> overhead; ///< a paired run's (scenario direct_target; summary.json "overhead")
    bool thresholdsPassed() const;
    /// How the run came out (model::verdict() of `end` and the thresholds).
    model::RunVerdict verdict() const;
};

} // namespace stampede::metrics

Q_DECLARE_METATYPE(stampede::metrics::Snapshot)
Q_DECLARE_METATYPE(stampede::metrics::RunSummary)
