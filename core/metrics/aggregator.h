#pragma once
// Turns RequestOutcomes into live snapshots, per-second windows and the run summary.
// A plain class driven from one thread (the engine's); time is passed in, so tests run on
// virtual time. Memory is fixed per group whatever the run length, except the per-second
// history (184 bytes per group per second, SecondPoint).

#include "metrics/overhead.h"
#include "metrics/requestoutcome.h"
#include "metrics/stats.h"
#include "model/price.h"
#include "model/slo.h"
#include "model/sweep.h"

#include <QStringList>

#include <memory>
#include <optional>

namespace stampede::metrics {

struct AggregatorConfig {
    QStringList models; ///< enabled model names, in scenario order (RequestOutcome::modelIndex)
    QList<model::Price> prices; ///< same order as models
    /// The scenario's top-level SLO (scenario "slo"), and the SLO each model's requests are judged
    /// by (Scenario::sloFor(), same order as models). Every bound empty: goodput and
    /// slo_attainment are absent; an empty model SLO next to others: that model's successes meet it.
    model::Slo slo;
    QList<model::Slo> modelSlos;
    struct Threshold {
        QString metricKey;
        QString expression;
        bool abortOnFail = false;
        std::int64_t delayAbortEvalMs = 0;
    };
    QList<Threshold> thresholds;
    QStringList checks; ///< check names, bit i in RequestOutcome::checks*
    bool openModel = false;
    /// A second is closed (emitted in Snapshot::newSeconds) once `now` is this far past its end,
    /// so outcomes still travelling from workers land in the right second.
    std::int64_t closeDelayMs = 300;
    /// A sweep run: its steps are judged (Snapshot::sweepSteps, RunSummary::capacity). A step whose
    /// requests are not all back is judged this long after its end anyway.
    std::optional<model::Sweep> sweep;
    std::int64_t sweepSettleMs = 30000;
    /// A paired run (scenario direct_target.base_url): the direct target's outcomes
    /// (RequestOutcome::direct) go only to the overhead figures (metrics/overhead.h). Empty: not paired.
    QString directBaseUrl;
};

class Aggregator
{
public:
    explicit Aggregator(AggregatorConfig config);
    ~Aggregator();

    /// Counts a finished request in the run-long stats and in the second of its end time; if that
    /// second has already been emitted, in the earliest second still open instead.
    void add(const RequestOutcome &outcome);
    /// `count` requests scheduled at `scheduledNs` went to the workers (a sweep counts them per step).
    void scheduled(std::int64_t scheduledNs, std::int64_t count = 1);
    /// No more arrivals from `nowNs` on (the run is stopping): a sweep's step cut by it is partial.
    void stopIssuing(std::int64_t nowNs);
    /// A sweep's knee: the first step judged (in a snapshot) to have failed, once there is one.
    std::optional<SweepStep> sweepKnee() const;
    /// Gauges sampled by the engine; they go into the current second and the next snapshot.
    void setGauges(std::int64_t nowNs, int vus, int inFlight, std::int64_t droppedTotal, double plannedTarget);

    /// Cumulative stats, thresholds evaluated, and the seconds closed since the last call.
    Snapshot snapshot(std::int64_t nowNs, std::int64_t plannedMs);
    /// First threshold with abortOnFail that fails at `nowNs` (after its delay), if any.
    std::optional<ThresholdResult> abortingThreshold(std::int64_t nowNs) const;
    /// Closes every second and returns the whole run. `durationNs` is the measured window.
    RunSummary finish(std::int64_t durationNs);

    /// Per-second windows alive, open or kept for reuse (for tests): bounded by the seconds open at
    /// once, not by the run length.
    int allocatedWindows() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace stampede::metrics
