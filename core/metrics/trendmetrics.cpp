#include "metrics/trendmetrics.h"

#include "model/metricnames.h"

namespace stampede::metrics {

namespace {

struct TrendInfo {
    QLatin1StringView name;
    LatencyStats GroupStats::*member;
};

constexpr std::array<TrendInfo, trendCount> trendTable { {
    { model::names::httpReqDuration, &GroupStats::latency },
    { model::names::httpReqDurationAll, &GroupStats::latencyAll },
    { model::names::scheduledDuration, &GroupStats::scheduledLatency },
    { model::names::queueDelay, &GroupStats::queue },
    { model::names::ttfb, &GroupStats::ttfb },
    { model::names::ttft, &GroupStats::ttft },
    { model::names::tpot, &GroupStats::tpot },
    { model::names::itl, &GroupStats::itl },
    { model::names::outputSpeed, &GroupStats::outputSpeed },
} };

} // namespace

const std::array<Trend, trendCount> &allTrends()
{
    static constexpr std::array<Trend, trendCount> trends { Trend::Duration, Trend::DurationAll, Trend::Scheduled,
        Trend::Queue, Trend::Ttfb, Trend::Ttft, Trend::Tpot, Trend::Itl, Trend::OutputSpeed };
    return trends;
}

QLatin1StringView trendName(Trend trend)
{
    return trendTable[std::size_t(trend)].name;
}

std::optional<Trend> trendFromName(QStringView name)
{
    for (Trend trend : allTrends()) {
        if (name == trendName(trend))
            return trend;
    }
    return std::nullopt;
}

LatencyStats &trendStats(GroupStats &group, Trend trend)
{
    return group.*(trendTable[std::size_t(trend)].member);
}

const LatencyStats &trendStats(const GroupStats &group, Trend trend)
{
    return group.*(trendTable[std::size_t(trend)].member);
}

} // namespace stampede::metrics
