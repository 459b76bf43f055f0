#pragma once
// The sweep's results (scenario "load": {"executor": "sweep"}; model/sweep.h): one value per step,
// and the capacity verdict derived from them, per model and over every model. Plain values: the
// tracker (metrics/sweeptracker.h) fills them, snapshots and the summary carry them, the exports,
// the dashboard's sweep chart and the summary loader read them. Definitions: docs/metrics.md,
// "Capacity: the sweep".

#include "model/sweep.h"

#include <QList>
#include <QString>

#include <array>
#include <cstdint>
#include <optional>

namespace stampede::metrics {

/// One step of the staircase, judged over the requests *scheduled* in it (whenever they ended).
struct SweepStep {
    int step = 0; ///< 1-based
    int vus = 0; ///< a VU sweep's step: its VUs (shared by every model); 0 in a rate sweep
    double offeredRate = 0; ///< requests/s the plan offered (a model's: its share); 0 in a VU sweep
    double achievedRate = 0; ///< successful requests of the step / the step's seconds
    std::int64_t requests = 0; ///< finished: successes + failures (cancelled ones are neither)
    std::int64_t errors = 0;
    double errorRate = 0;
    std::optional<double> goodput; ///< requests/s that met the SLO; nullopt when no SLO applies
    double latencyP50 = 0, latencyP95 = 0, latencyP99 = 0; ///< ms, http_req_duration of successes
    double ttftP50 = 0, ttftP95 = 0, ttftP99 = 0; ///< ms; 0 when nothing streamed
    bool judged = true; ///< false: the step is still running (live snapshots only)
    bool passed = true;
    QString reason; ///< why it failed, e.g. "error rate 7.5 % > 5 %"; empty when it passed

    /// The step's x: its VUs in a VU sweep, else its offered rate.
    double level() const { return vus > 0 ? double(vus) : offeredRate; }

    bool operator==(const SweepStep &) const = default;
};

/// The highest rate at which a p99 stayed under a bound (the "throughput frontier").
struct FrontierRow {
    std::int64_t boundMs = 0;
    std::optional<double> latencyP99Rate; ///< highest achieved rate of a step with latency p99 < bound
    std::optional<double> ttftP99Rate; ///< same for TTFT p99 (steps that streamed)

    bool operator==(const FrontierRow &) const = default;
};

struct CapacityVerdict {
    QString model; ///< "all" for the overall verdict
    /// Rate sweep: the highest offered rate of a passing step before the first failing one. VU sweep:
    /// the achieved rate of that last good step (the one of safeVus).
    std::optional<double> safeRate;
    std::optional<int> safeVus; ///< VU sweep: the VUs of the last passing step before the first failing one
    std::optional<int> firstFailingStep; ///< 1-based; nullopt when every step held
    QString reason; ///< the first failing step's reason, or why there is no knee
    QList<SweepStep> steps;
    QList<FrontierRow> frontier;

    bool operator==(const CapacityVerdict &) const = default;
};

struct Capacity {
    std::int64_t stepDurationMs = 0; ///< 0: the run was not a sweep (no capacity anywhere)
    model::SweepLevel level = model::SweepLevel::Rate; ///< what was stepped: the arrival rate or the VUs
    CapacityVerdict overall;
    QList<CapacityVerdict> models;

    bool isEmpty() const { return stepDurationMs == 0; }
    bool operator==(const Capacity &) const = default;
};

/// The frontier's bounds: 100 ms, 500 ms, 1 s, 2 s, 5 s.
const std::array<std::int64_t, 5> &frontierBoundsMs();
/// The frontier of judged steps (achieved rates; a step with no success counts for no bound).
QList<FrontierRow> frontierOf(const QList<SweepStep> &steps);
/// safe_rate, first_failing_step, reason and frontier of judged steps, in step order.
CapacityVerdict verdictOf(const QString &model, const QList<SweepStep> &steps);

} // namespace stampede::metrics
