#include "scenario/plan.h"

#include <algorithm>
#include <cmath>

namespace stampede::scenario {

namespace {

/// Corners of a ramp: (0, start), then (end of each stage, its target). Zero-length stages give two
/// corners at the same time, which targetAt() reads as a jump.
QList<PlanStep> rampSteps(double start, const QList<Stage> &stages, double scale)
{
    QList<PlanStep> steps { { 0, start * scale } };
    qint64 time = 0;
    for (const Stage &stage : stages) {
        time += std::max<qint64>(0, stage.durationMs);
        steps.append({ time, stage.target * scale });
    }
    return steps;
}

/// The sweep's staircase: each step's rate (or VUs) held for step_duration, a jump between steps (VUs
/// step up at each step's start, with no ramp within a step).
QList<PlanStep> sweepSteps(const model::Sweep &sweep)
{
    QList<PlanStep> steps;
    const QList<double> levels = sweep.levels();
    for (qsizetype i = 0; i < levels.size(); ++i) {
        steps.append({ qint64(i) * sweep.stepDurationMs, levels[i] });
        steps.append({ qint64(i + 1) * sweep.stepDurationMs, levels[i] });
    }
    if (steps.isEmpty())
        steps = { { 0, 0 }, { 0, 0 } };
    return steps;
}

QList<PlanStep> flatSteps(double target, qint64 durationMs)
{
    return { { 0, target }, { std::max<qint64>(0, durationMs), target } };
}

} // namespace

Plan makePlan(const LoadProfile &load)
{
    Plan plan;
    plan.openModel = load.isOpenModel();
    // Arrival-rate targets are stored per time_unit; the plan always speaks requests per second.
    const double perSecond = load.timeUnitMs > 0 ? 1000.0 / double(load.timeUnitMs) : 0.0;
    switch (load.executor) {
    case ExecutorKind::ConstantVus:
        plan.steps = flatSteps(load.vus, load.durationMs);
        break;
    case ExecutorKind::RampingVus:
        plan.steps = rampSteps(load.startVus, load.stages, 1.0);
        break;
    case ExecutorKind::ConstantArrivalRate:
        plan.steps = flatSteps(load.rate * perSecond, load.durationMs);
        break;
    case ExecutorKind::RampingArrivalRate:
        plan.steps = rampSteps(load.startRate, load.stages, perSecond);
        break;
    case ExecutorKind::Sweep:
        plan.steps = sweepSteps(load.sweep);
        break;
    }
    plan.totalMs = plan.steps.last().timeMs;
    return plan;
}

double Plan::targetAt(qint64 ms) const
{
    if (steps.isEmpty())
        return 0;
    // The last corner at or before `ms`; later corners at the same time win (a jump).
    const auto after = std::upper_bound(
        steps.cbegin(), steps.cend(), ms, [](qint64 t, const PlanStep &step) { return t < step.timeMs; });
    if (after == steps.cbegin())
        return steps.first().target;
    const PlanStep &from = *(after - 1);
    if (after == steps.cend())
        return from.target;
    const double fraction = double(ms - from.timeMs) / double(after->timeMs - from.timeMs);
    return from.target + (after->target - from.target) * fraction;
}

int Plan::vusAt(qint64 ms) const
{
    // The epsilon keeps 9.999999 (rounding in the interpolation) from becoming 9.
    return int(std::floor(targetAt(ms) + 1e-9));
}

double Plan::expectedArrivals(qint64 ms) const
{
    const qint64 end = std::clamp<qint64>(ms, 0, totalMs);
    double arrivals = 0;
    for (qsizetype i = 1; i < steps.size() && steps[i - 1].timeMs < end; ++i) {
        const PlanStep &from = steps[i - 1];
        const PlanStep &to = steps[i];
        if (to.timeMs == from.timeMs)
            continue; // a jump adds no area
        const qint64 until = std::min(to.timeMs, end);
        const double untilTarget
            = from.target + (to.target - from.target) * double(until - from.timeMs) / double(to.timeMs - from.timeMs);
        // Trapezoid of the piecewise-linear rate (requests per second) over [from, until].
        arrivals += (from.target + untilTarget) / 2.0 * double(until - from.timeMs) / 1000.0;
    }
    return arrivals;
}

double Plan::peak() const
{
    double best = 0;
    for (const PlanStep &step : steps)
        best = std::max(best, step.target);
    return best;
}

Plan withTargetFrom(const Plan &plan, qint64 atMs, double target)
{
    Plan out = plan;
    out.steps.clear();
    for (const PlanStep &step : plan.steps) {
        if (step.timeMs < atMs)
            out.steps.append(step);
    }
    out.steps.append({ atMs, plan.targetAt(atMs) });
    out.steps.append({ atMs, target });
    out.steps.append({ std::max(atMs, plan.totalMs), target });
    return out;
}

} // namespace stampede::scenario
