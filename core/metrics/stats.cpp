#include "metrics/stats.h"

#include "metrics/trendmetrics.h"

#include <algorithm>

namespace stampede::metrics {

using namespace Qt::StringLiterals;

LatencyStats LatencyStats::fromHistogram(const Histogram& h, double unitsPerMs)
{
    LatencyStats stats;
    stats.unitsPerMs = unitsPerMs;
    stats.count = h.count();
    if (stats.count == 0)
        return stats;
    stats.mean = h.mean() / unitsPerMs;
    stats.min = double(h.min()) / unitsPerMs;
    stats.max = double(h.max()) / unitsPerMs;
    stats.p50 = h.percentile(50) / unitsPerMs;
    stats.p90 = h.percentile(90) / unitsPerMs;
    stats.p95 = h.percentile(95) / unitsPerMs;
    stats.p99 = h.percentile(99) / unitsPerMs;
    return stats;
}

LatencyStats LatencyStats::fromSharedHistogram(QSharedPointer<const Histogram> h, double unitsPerMs)
{
    if (!h)
        return fromHistogram(Histogram(), unitsPerMs);
    LatencyStats stats = fromHistogram(*h, unitsPerMs);
    stats.histogram = std::move(h);
    return stats;
}

double LatencyStats::value(const QString& aggregation, bool* ok) const
{
    auto answer = [ok](bool good, double v) {
        if (ok)
            *ok = good;
        return good ? v : 0.0;
    };
    if (aggregation == "avg"_L1)
        return answer(true, mean);
    if (aggregation == "min"_L1)
        return answer(true, min);
    if (aggregation == "max"_L1)
        return answer(true, max);
    if (aggregation == "med"_L1)
        return answer(true, p50);
    const std::optional<double> q = percentileArgument(aggregation);
    if (!q)
        return answer(false, 0.0);
    if (histogram)
        return answer(true, histogram->percentile(*q) / unitsPerMs);
    const std::pair<double, double> stored[]
        = { { 0, min }, { 50, p50 }, { 90, p90 }, { 95, p95 }, { 99, p99 }, { 100, max } };
    for (const auto& [at, v] : stored) {
        if (*q == at)
            return answer(true, v);
    }
    return answer(false, 0.0);
}

QString toString(RunEnd end)
{
    switch (end) {
    case RunEnd::Completed:
        return u"completed"_s;
    case RunEnd::Stopped:
        return u"stopped"_s;
    case RunEnd::ThresholdAborted:
        return u"threshold_aborted"_s;
    case RunEnd::Interrupted:
        return u"interrupted"_s;
    case RunEnd::Failed:
        return u"failed"_s;
    }
    return u"failed"_s;
}

bool RunSummary::thresholdsPassed() const
{
    return std::all_of(
        thresholds.cbegin(), thresholds.cend(), [](const ThresholdResult& t) { return !t.evaluated || t.passed; });
}

} // namespace stampede::metrics
