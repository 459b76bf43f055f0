#pragma once
// The executors' decisions on the run's time line, and nothing else: no clock, no threads, no
// network. RunEngine feeds it the run clock on every tick and carries out what it returns; the
// tests feed it literal times (virtual time) and compare with literal step tables.
//
//   closed (VU executors):   vus(t) from the plan, split over the workers   -> VU targets that changed
//   open (arrival rates):    every arrival due by t, round-robin over workers -> jobs, or dropped at the cap
//   both:                    t >= plan end -> planEnded; stop at s -> cancel in-flight at s + graceful_stop

#include "engine/arrivalschedule.h"
#include "scenario/plan.h"
#include "scenario/segment.h"

#include <QList>

#include <cstdint>
#include <memory>
#include <optional>

namespace stampede::engine {

class Executor
{
public:
    /// `seed` drives the poisson arrivals (unused for uniform ones and for VU executors). `segment`:
    /// this agent's share of the load (scenario/segment.h); the plan stays the whole one.
    Executor(const scenario::LoadProfile &load, int workers, quint64 seed, scenario::Segment segment = {});

    struct Step {
        /// Closed model: (worker, new VU target) for each worker whose share changed.
        QList<std::pair<int, int>> vuTargets;
        /// Open model: for each worker, the scheduled start (ns since run start) of every arrival
        /// it is to start now (late ones keep their planned time: no coordinated omission).
        QList<QList<std::int64_t>> arrivals;
        std::int64_t dropped = 0; ///< arrivals (of this segment) due now that met load.max_in_flight
        bool planEnded = false; ///< the plan's end is reached (first time only)
        bool cancelNow = false; ///< graceful_stop ran out after stop() (first time only)
    };

    /// What to do at `nowNs` with `inFlight` requests outstanding. Times never go backwards.
    Step tick(std::int64_t nowNs, std::int64_t inFlight);
    /// The run stops issuing at `nowNs`: in-flight requests get load.graceful_stop to finish.
    void stop(std::int64_t nowNs);
    bool stopping() const { return m_graceDeadlineNs.has_value(); }
    const scenario::Plan &plan() const { return m_plan; }
    /// From `nowNs` to the plan's end the target is `target` (scenario::withTargetFrom); false, and
    /// nothing changes, once the run stops or the plan has ended, or for a negative or non-finite target.
    bool adjust(std::int64_t nowNs, double target);
    /// The planned target at `nowNs` (VUs or requests/s) of the whole plan, clamped to it.
    double plannedAt(std::int64_t nowNs) const;

private:
    void tickClosed(std::int64_t elapsedMs, Step &step);
    void tickOpen(std::int64_t nowNs, std::int64_t inFlight, Step &step);

    scenario::Plan m_plan;
    scenario::Segment m_segment;
    int m_maxInFlight = 0; ///< this segment's share of load.max_in_flight (at least 1)
    std::int64_t m_gracefulStopNs = 0;
    std::unique_ptr<ArrivalSchedule> m_arrivals;
    scenario::Arrival m_arrivalKind;
    quint64 m_seed = 0;
    std::optional<std::int64_t> m_nextArrivalNs;
    std::int64_t m_consumedNs = -1; ///< the latest arrival started or dropped (its scheduled time)
    QList<int> m_vuShares;
    int m_nextWorker = 0;
    bool m_planEnded = false;
    std::optional<std::int64_t> m_graceDeadlineNs;
    bool m_cancelled = false;
};

} // namespace stampede::engine
