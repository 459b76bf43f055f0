#pragma once
// The nine trend (distribution) metrics in one table: their names, where their stats live in
// GroupStats, and how percentile aggregations ("p(99.9)") are spelled. Shared by the threshold
// evaluator and the aggregator so the two cannot disagree.

#include "metrics/stats.h"

#include <QLatin1StringView>
#include <QStringView>

#include <array>
#include <optional>

namespace stampede::metrics {

enum class Trend : int { Duration, DurationAll, Scheduled, Queue, Ttfb, Ttft, Tpot, Itl, OutputSpeed };
inline constexpr int trendCount = 9;

/// Every trend, in GroupStats member order.
const std::array<Trend, trendCount>& allTrends();
QLatin1StringView trendName(Trend trend);
std::optional<Trend> trendFromName(QStringView name);
LatencyStats& trendStats(GroupStats& group, Trend trend);
const LatencyStats& trendStats(const GroupStats& group, Trend trend);

/// True for anything spelled "p(...)", valid or not, so callers can say why it is wrong.
bool isPercentileForm(QStringView aggregation);
/// The N of "p(N)" when it is a number in [0, 100].
std::optional<double> percentileArgument(QStringView aggregation);

} // namespace stampede::metrics
