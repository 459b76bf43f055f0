#include "metrics/trendmetrics.h"

#include "metrics/metricnames.h"

namespace stampede::metrics {

namespace {

struct TrendInfo
{
    QLatin1StringView name;
    LatencyStats GroupStats::*member;
};

constexpr std::array<TrendInfo, trendCount> trendTable { {
    { names::httpReqDuration, &GroupStats::latency },
    { names::httpReqDurationAll, &GroupStats::latencyAll },
    { names::scheduledDuration, &GroupStats::scheduledLatency },
    { names::queueDelay, &GroupStats::queue },
    { names::ttfb, &GroupStats::ttfb },
    { names::ttft, &GroupStats::ttft },
    { names::tpot, &GroupStats::tpot },
    { names::itl, &GroupStats::itl },
    { names::outputSpeed, &GroupStats::outputSpeed },
} };

} // namespace

const std::array<Trend, trendCount>& allTrends()
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

LatencyStats& trendStats(GroupStats& group, Trend trend)
{
    return group.*(trendTable[std::size_t(trend)].member);
}

const LatencyStats& trendStats(const GroupStats& group, Trend trend)
{
    return group.*(trendTable[std::size_t(trend)].member);
}

bool isPercentileForm(QStringView aggregation)
{
    return aggregation.startsWith(u"p(") && aggregation.endsWith(u')');
}

std::optional<double> percentileArgument(QStringView aggregation)
{
    if (!isPercentileForm(aggregation))
        return std::nullopt;
    bool ok = false;
    const double q = aggregation.mid(2, aggregation.size() - 3).trimmed().toDouble(&ok);
    if (!ok || !(q >= 0.0 && q <= 100.0))
        return std::nullopt;
    return q;
}

} // namespace stampede::metrics
