#include "metrics/capacity.h"

#include <algorithm>

namespace stampede::metrics {

namespace {

void raise(std::optional<double> &best, double rate)
{
    best = std::max(best.value_or(rate), rate);
}

} // namespace

const std::array<std::int64_t, 5> &frontierBoundsMs()
{
    static const std::array<std::int64_t, 5> bounds = { 100, 500, 1000, 2000, 5000 };
    return bounds;
}

QList<FrontierRow> frontierOf(const QList<SweepStep> &steps)
{
    QList<FrontierRow> rows;
    for (std::int64_t bound : frontierBoundsMs()) {
        FrontierRow row { bound, std::nullopt, std::nullopt };
        for (const SweepStep &step : steps) {
            if (!step.judged || step.requests == step.errors)
                continue; // no success: no latency to hold against the bound
            if (step.latencyP99 < double(bound))
                raise(row.latencyP99Rate, step.achievedRate);
            if (step.ttftP99 > 0 && step.ttftP99 < double(bound))
                raise(row.ttftP99Rate, step.achievedRate);
        }
        rows.append(row);
    }
    return rows;
}

CapacityVerdict verdictOf(const QString &model, const QList<SweepStep> &steps)
{
    CapacityVerdict verdict;
    verdict.model = model;
    verdict.steps = steps;
    verdict.frontier = frontierOf(steps);
    for (const SweepStep &step : steps) {
        if (!step.judged)
            continue;
        if (!step.passed) {
            verdict.firstFailingStep = step.step;
            verdict.reason = step.reason;
            break;
        }
        if (step.vus > 0) { // steps grow: the last good one is the highest
            verdict.safeVus = step.vus;
            verdict.safeRate = step.achievedRate;
        } else {
            verdict.safeRate = std::max(verdict.safeRate.value_or(step.offeredRate), step.offeredRate);
        }
    }
    if (!verdict.firstFailingStep)
        verdict.reason = steps.isEmpty() ? QStringLiteral("no step was measured")
                                         : QStringLiteral("no step failed: the knee lies above the last step");
    return verdict;
}

} // namespace stampede::metrics
