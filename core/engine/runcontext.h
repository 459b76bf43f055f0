#pragma once
// What every thread of one run reads: immutable after construction, except the atomics at the end.

#include "engine/endpoint.h"
#include "engine/runclock.h"
#include "scenario/scenario.h"

#include <QByteArray>
#include <QList>
#include <QRandomGenerator>

#include <atomic>
#include <memory>
#include <vector>

namespace stampede::engine {

/// One unit of work from an executor: which model and prompt, and when it was meant to start.
struct RequestJob {
    std::int64_t scheduledNs = 0;
    int modelIndex = 0;
    int promptIndex = 0;
};

/// One check of the scenario's list, resolved: which test, and for "under_<d>" the bound.
struct CheckSpec {
    enum class Kind { Status200, HasChoices, HasUsage, HasContent, Under } kind = Kind::Status200;
    std::int64_t underNs = 0;
};

class RunContext
{
public:
    RunContext(const scenario::Scenario &scenario, const Endpoint &endpoint);

    const RunClock clock;
    const Endpoint endpoint;
    const scenario::Scenario scenario;
    const QList<scenario::ModelSpec> models; ///< enabled models only; RequestJob::modelIndex indexes these
    const QList<CheckSpec> checks;

    /// The prebuilt request body for a model and prompt, with or without stream_options.
    const QByteArray &body(int model, int prompt, bool includeUsage) const;
    int promptCount() const { return m_promptCount; }
    /// Weighted model choice; `uniform` in [0, 1).
    int pickModel(double uniform) const;
    /// A job for a closed-model iteration starting now, drawn from `rng`.
    RequestJob makeJob(std::int64_t scheduledNs, QRandomGenerator &rng) const;

    // Shared mutable state: atomics only.
    std::atomic<int> outstanding { 0 }; ///< requests started and not finished (incl. retry waits)
    std::atomic<int> vus { 0 };
    std::atomic<std::int64_t> dropped { 0 };
    std::atomic<std::int64_t> attemptsSent { 0 };
    std::atomic<bool> stopping { false }; ///< graceful stop: no new iterations, no retries
    /// A VU sweep: the iterations started in each step, so that its judge waits for them to be back
    /// (an open model's engine counts its arrivals itself). Workers note, the engine reads.
    void noteVuStart(std::int64_t scheduledNs);
    int vuSweepSteps() const { return m_vuSweepSteps; }
    std::int64_t vuStarts(int step) const { return m_vuStarts[std::size_t(step)].load(std::memory_order_relaxed); }
    bool usageDisabled(int model) const { return m_usageDisabled[model].load(std::memory_order_relaxed); }
    /// Returns true for the first caller only (so the notice is given once per model).
    bool disableUsage(int model) { return !m_usageDisabled[model].exchange(true); }

private:
    int m_promptCount = 0;
    std::vector<QByteArray> m_bodies; ///< [model][prompt][usage]
    std::vector<double> m_cumulativeWeights;
    std::unique_ptr<std::atomic<bool>[]> m_usageDisabled;
    int m_vuSweepSteps = 0; ///< 0 unless the load is a VU sweep
    std::unique_ptr<std::atomic<std::int64_t>[]> m_vuStarts;
};

QList<CheckSpec> resolveChecks(const QStringList &names);

} // namespace stampede::engine
