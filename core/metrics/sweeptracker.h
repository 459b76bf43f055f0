#pragma once
// The sweep's per-step bookkeeping (model/sweep.h), owned by the Aggregator on the engine thread.
// Each request counts in the step it was *scheduled* in (whenever it ended), per model and over
// every model, in a GroupAccumulator of its own (so every trend, goodput and threshold is computed
// as for the run). A step is judged once it has ended and every request it scheduled is back (or
// `settleMs` later, whichever is first); its accumulators are then dropped, so memory is bounded by
// the steps open at once. Definitions: docs/metrics.md, "Capacity: the sweep".

#include "metrics/capacity.h"
#include "metrics/outcomesamples.h"
#include "model/slo.h"
#include "model/sweep.h"
#include "model/threshold.h"

#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace stampede::metrics {

class SweepTracker
{
public:
    /// A threshold the steps are held against; group 0: every model, i + 1: model i.
    struct Threshold {
        QString metricKey;
        QString expression;
        model::Threshold parsed;
        int group = 0;
    };
    /// `groupSlos[g]`: the SLO group g is judged by (nullopt: none applies), g = 0 every model.
    /// `checks`: the scenario's check names (a step counts their passes and fails for `checks`
    /// thresholds).
    SweepTracker(const model::Sweep &sweep, const QStringList &models,
        const QList<std::optional<model::Slo>> &groupSlos, const QList<Threshold> &thresholds,
        const QStringList &checks, std::int64_t settleMs);
    ~SweepTracker();

    /// `count` requests scheduled at `scheduledNs` (run clock) were handed to the workers (open model),
    /// or started by a VU then (closed model: a VU sweep).
    void scheduled(std::int64_t scheduledNs, std::int64_t count = 1);
    /// A finished request of `group` (> 0: a model; it is also counted in group 0).
    void add(
        int group, const RequestOutcome &outcome, const OutcomeSamples &samples, const QString &error, bool metSlo);
    /// `count` arrivals were dropped (the in-flight cap) by `nowNs`: they count in the step running
    /// then, for `dropped_iterations` thresholds.
    void dropped(std::int64_t nowNs, std::int64_t count);
    /// No arrivals after `nowNs`: the run is stopping (the first call counts).
    void stopIssuing(std::int64_t nowNs);
    /// Judges the steps that are complete at `nowNs`.
    void advance(std::int64_t nowNs);
    /// The overall steps so far, the running one last with judged = false (for the live chart).
    QList<SweepStep> liveSteps(std::int64_t nowNs) const;
    /// The first judged overall step that failed: the knee, once found.
    std::optional<SweepStep> knee() const;
    /// Judges what is left (a step cut by the run's end over the part that ran; a step after the knee
    /// that was cut short by the stop is left out) and returns the verdicts.
    Capacity finish(std::int64_t endNs);

private:
    struct Step;
    /// Group `group`'s figures of step `index` over `seconds` (judged = false, no verdict yet).
    SweepStep figures(std::size_t index, int group, double seconds) const;
    /// Why the group's step fails, or an empty string.
    QString failureOf(std::size_t index, int group, const SweepStep &figures, double seconds) const;
    void judgeStep(std::size_t index, double seconds);
    double stepSeconds(std::size_t index, std::int64_t endNs) const;
    /// The seconds of step `index` that ran by `nowNs` (at most the step's duration).
    double coveredSeconds(std::size_t index, std::int64_t nowNs) const;

    model::Sweep m_sweep;
    QList<double> m_levels; ///< each step's offered rate, or VUs
    QStringList m_models;
    QList<std::optional<model::Slo>> m_slos;
    QList<Threshold> m_thresholds;
    std::int64_t m_settleMs = 0;
    std::vector<std::unique_ptr<Step>> m_steps;
    std::size_t m_nextToJudge = 0; ///< steps are judged in order
    std::optional<std::int64_t> m_stopNs; ///< when the run stopped issuing, if it did
};

} // namespace stampede::metrics
