#pragma once
// A scenario's load profile turned into a timeline, with no network: used by the executors,
// the GUI's preview chart, `stampede run --dry-run` and the tests.
//
//   target
//     50 |          ___________
//     20 |    _____/           \        <- linear ramps, flat holds
//      0 |___/                  \___
//        0   30s  60s        180s 210s   (ramping-vus: linear within each stage, like k6)

#include "scenario/scenario.h"

#include <QList>

namespace stampede::scenario {

/// A corner of the piecewise-linear plan: at `timeMs`, the target is `target`.
struct PlanStep {
    qint64 timeMs = 0;
    double target = 0; ///< VUs for VU executors, requests per second for arrival-rate executors
};

struct Plan {
    bool openModel = false; ///< true: targets are requests/s; false: targets are VUs
    QList<PlanStep> steps; ///< sorted by time, first at 0, last at totalMs
    qint64 totalMs = 0; ///< planned duration, excluding graceful stop

    /// Linear interpolation between steps (VU executors round down to whole VUs: use vusAt()).
    double targetAt(qint64 ms) const;
    int vusAt(qint64 ms) const;
    /// Expected number of iterations started in [0, ms] for open models (integral of the rate).
    double expectedArrivals(qint64 ms) const;
    /// Largest target anywhere in the plan.
    double peak() const;
};

Plan makePlan(const LoadProfile &load);

/// `plan` with its target changed at `atMs` (a jump) and held at `target` to the plan's end: what
/// Run ▸ Adjust load does to a running plan. The corners before `atMs` are kept as they were.
Plan withTargetFrom(const Plan &plan, qint64 atMs, double target);

} // namespace stampede::scenario
