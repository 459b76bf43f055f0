#include "metrics/threshold.h"

#include "metrics/integrity.h"
#include "metrics/trendmetrics.h"
#include "model/metricnames.h"

namespace stampede::metrics {

using namespace Qt::StringLiterals;
namespace names = model::names;

namespace {

std::optional<double> counterValue(double count, bool anything, const QString &aggregation, double windowSeconds)
{
    if (!anything)
        return std::nullopt;
    if (aggregation == "count"_L1)
        return count;
    if (windowSeconds <= 0)
        return std::nullopt;
    return count / windowSeconds;
}

std::optional<double> checksRate(const QList<CheckResult> &checks)
{
    std::int64_t passes = 0;
    std::int64_t total = 0;
    for (const CheckResult &check : checks) {
        passes += check.passes;
        total += check.passes + check.fails;
    }
    return total ? std::optional<double>(double(passes) / double(total)) : std::nullopt;
}

} // namespace

std::optional<double> metricValue(const GroupStats &group, const model::Threshold &threshold,
    std::int64_t droppedIterations, const QList<CheckResult> &checks, double windowSeconds)
{
    const QString &metric = threshold.key.metric;
    const QString &aggregation = threshold.expr.aggregation;
    if (!model::aggregationAllowed(metric, aggregation))
        return std::nullopt;
    if (const auto trend = trendFromName(metric)) {
        const LatencyStats &stats = trendStats(group, *trend);
        bool ok = false;
        const double v = stats.value(aggregation, &ok);
        return stats.count && ok ? std::optional<double>(v) : std::nullopt;
    }
    const bool started = group.requests > 0;
    if (model::needsSlo(metric)) {
        if (!group.hasSlo() || !started)
            return std::nullopt;
        if (metric == names::sloAttainment)
            return group.sloAttainment;
        return windowSeconds > 0 ? std::optional<double>(double(group.sloMet) / windowSeconds) : std::nullopt;
    }
    if (metric == names::httpReqFailed)
        return started ? std::optional<double>(group.errorRate()) : std::nullopt;
    if (metric == names::checks)
        return checksRate(checks);
    if (metric == names::costUsd)
        return started ? std::optional<double>(group.costUsd) : std::nullopt;
    std::int64_t count = 0;
    if (metric == names::httpReqs)
        count = group.attempts;
    else if (metric == names::iterations)
        count = group.requests;
    else if (metric == names::droppedIterations)
        count = droppedIterations;
    else if (metric == names::completionTokens)
        count = group.completionTokens;
    else if (metric == names::promptTokens)
        count = group.promptTokens;
    else if (const std::optional<IntegrityCheck> check = integrityCheckFromMetric(metric)) // integrity (issue 14)
        count = group.integrity.count(*check);
    return counterValue(double(count), started || count > 0, aggregation, windowSeconds);
}

} // namespace stampede::metrics
