#pragma once
// Evaluating a parsed threshold (model/threshold.h, the one grammar) on a group's statistics.

#include "metrics/stats.h"
#include "model/threshold.h"

#include <optional>

namespace stampede::metrics {

/// Evaluates the threshold's aggregation of its metric on a group (the caller picks the group of
/// the threshold's model); nullopt when there is no data yet, or when the aggregation does not
/// apply to the metric. Trends: no value recorded. http_req_failed: no request. checks: no check
/// evaluated. Counters and cost_usd: nothing happened yet (no request and a zero count). A counter's
/// "rate" is its count per second of `windowSeconds`. slo_attainment and goodput: the group has no SLO
/// (GroupStats::slo) or no request yet; goodput's rate is sloMet per second of `windowSeconds`.
std::optional<double> metricValue(const GroupStats &group, const model::Threshold &threshold,
    std::int64_t droppedIterations, const QList<CheckResult> &checks, double windowSeconds);

} // namespace stampede::metrics
