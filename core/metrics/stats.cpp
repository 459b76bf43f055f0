#include "metrics/stats.h"

#include "metrics/requestoutcome.h"
#include "model/threshold.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace stampede::metrics {

using namespace Qt::StringLiterals;

LatencyStats LatencyStats::fromHistogram(const Histogram &h, double unitsPerMs)
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

static_assert(sizeof(SecondLatency) == 32, "SecondLatency is meant to stay compact (docs/benchmarks.md)");
static_assert(sizeof(void *) != 8 || sizeof(SecondPoint::Group) == 184, "update the bytes per second in stats.h");

SecondLatency::SecondLatency(const LatencyStats &stats)
    : count(std::uint32_t(std::min<std::uint64_t>(stats.count, std::numeric_limits<std::uint32_t>::max())))
    , mean(float(std::round(stats.mean * 1000.0) / 1000.0)) // samples are whole µs: so is the mean kept
    , min(float(stats.min))
    , p50(float(stats.p50))
    , p90(float(stats.p90))
    , p95(float(stats.p95))
    , p99(float(stats.p99))
    , max(float(stats.max))
{
}

SecondLatency::operator LatencyStats() const
{
    LatencyStats stats;
    stats.count = count;
    stats.mean = widen(mean);
    stats.min = widen(min);
    stats.p50 = widen(p50);
    stats.p90 = widen(p90);
    stats.p95 = widen(p95);
    stats.p99 = widen(p99);
    stats.max = widen(max);
    return stats;
}

double SecondLatency::widen(float value)
{
    // The float's shortest decimal form, read back as a double: 53.8875f gives 53.8875 (as the
    // double computed before narrowing did), not 53.887500762939453.
    char text[32];
    const auto written = std::to_chars(text, text + sizeof text, value);
    double wide = double(value);
    if (written.ec == std::errc())
        std::from_chars(text, written.ptr, wide);
    return wide;
}

SecondLatency SecondLatency::fromHistogram(const Histogram &h, double unitsPerMs)
{
    return SecondLatency(LatencyStats::fromHistogram(h, unitsPerMs));
}

double LatencyStats::value(const QString &aggregation, bool *ok) const
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
    const std::optional<double> q = model::percentileArgument(aggregation);
    if (!q)
        return answer(false, 0.0);
    if (histogram)
        return answer(true, histogram->percentile(*q) / unitsPerMs);
    const std::pair<double, double> stored[]
        = { { 0, min }, { 50, p50 }, { 90, p90 }, { 95, p95 }, { 99, p99 }, { 100, max } };
    for (const auto &[at, v] : stored) {
        if (*q == at)
            return answer(true, v);
    }
    return answer(false, 0.0);
}

bool RunSummary::thresholdsPassed() const
{
    return std::all_of(
        thresholds.cbegin(), thresholds.cend(), [](const ThresholdResult &t) { return !t.evaluated || t.passed; });
}

model::RunVerdict RunSummary::verdict() const
{
    return model::verdict(end, thresholdsPassed());
}

void countChecks(QList<CheckResult> &checks, const RequestOutcome &outcome)
{
    if (outcome.cancelled())
        return;
    const qsizetype checkCount = std::min<qsizetype>(checks.size(), 32);
    for (qsizetype i = 0; i < checkCount; ++i) {
        const std::uint32_t bit = std::uint32_t(1) << i;
        if (outcome.checksEvaluated & bit)
            ++((outcome.checksPassed & bit) ? checks[i].passes : checks[i].fails);
    }
}

int TokenLengthHistogram::bucketOf(std::int64_t tokens)
{
    if (tokens <= 0)
        return 0;
    int bucket = 1;
    while (bucket < kBuckets - 1 && tokens > bucketHigh(bucket))
        ++bucket;
    return bucket;
}

void TokenLengthHistogram::add(std::int64_t tokens)
{
    tokens = std::max<std::int64_t>(0, tokens);
    ++buckets[std::size_t(bucketOf(tokens))];
    min = count == 0 ? tokens : std::min(min, tokens);
    max = count == 0 ? tokens : std::max(max, tokens);
    ++count;
    sum += tokens;
}

} // namespace stampede::metrics
