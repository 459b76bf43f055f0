#pragma once
// The nine trend (distribution) metrics in one table: their names and where their stats live in
// GroupStats. Shared by the threshold evaluator and the aggregator so the two cannot disagree.

#include "metrics/stats.h"

#include <QLatin1StringView>
#include <QStringView>

#include <array>
#include <optional>

namespace stampede::metrics {

enum class Trend : int { Duration, DurationAll, Scheduled, Queue, Ttfb, Ttft, Tpot, Itl, OutputSpeed };
inline constexpr int trendCount = 9;

/// Every trend, in GroupStats member order.
const std::array<Trend, trendCount> &allTrends();
QLatin1StringView trendName(Trend trend);
std::optional<Trend> trendFromName(QStringView name);
LatencyStats &trendStats(GroupStats &group, Trend trend);
const LatencyStats &trendStats(const GroupStats &group, Trend trend);

} // namespace stampede::metrics
