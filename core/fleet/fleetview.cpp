#include "fleet/fleetview.h"

#include "fleet/promfamilies.h"

#include <QSharedPointer>

#include <cmath>
#include <limits>

namespace stampede::fleet {

namespace {

constexpr std::array<const char *, fleetHistogramCount> histogramNames = { prom::duration, prom::ttft, prom::itl };

bool finite(double v)
{
    return std::isfinite(v);
}

FleetModelTotals &sumInto(FleetModelTotals &into, const FleetModelTotals &from)
{
    into.requests += from.requests;
    into.attempts += from.attempts;
    into.cancelled += from.cancelled;
    into.promptTokens += from.promptTokens;
    into.completionTokens += from.completionTokens;
    into.cacheReadTokens += from.cacheReadTokens;
    into.cacheCreationTokens += from.cacheCreationTokens;
    into.reasoningTokens += from.reasoningTokens;
    into.costUsd += from.costUsd;
    into.inFlightSeconds += from.inFlightSeconds;
    for (auto it = from.failures.cbegin(); it != from.failures.cend(); ++it)
        into.failures[it.key()] += it.value();
    for (int h = 0; h < fleetHistogramCount; ++h)
        into.histograms[std::size_t(h)].add(from.histograms[std::size_t(h)]);
    return into;
}

FleetModelTotals allModels(const FleetTotals &totals)
{
    FleetModelTotals all;
    for (const FleetModelTotals &m : totals.models)
        sumInto(all, m);
    return all;
}

std::int64_t whole(double v)
{
    return finite(v) && v > 0 ? std::int64_t(std::llround(v)) : 0;
}

metrics::SecondPoint::Group windowGroup(const FleetModelTotals &now, const FleetModelTotals &before)
{
    metrics::SecondPoint::Group g;
    g.requests = std::int32_t(whole(now.requests - before.requests));
    const std::int64_t failures = whole(now.failureCount() - before.failureCount());
    g.failures = std::int32_t(std::min<std::int64_t>(failures, g.requests));
    g.successes = g.requests - g.failures;
    g.cancelled = std::int32_t(whole(now.cancelled - before.cancelled));
    g.promptTokens = whole(now.promptTokens - before.promptTokens);
    g.completionTokens = whole(now.completionTokens - before.completionTokens);
    g.costUsd = std::max(0.0, now.costUsd - before.costUsd);
    for (auto it = now.failures.cbegin(); it != now.failures.cend(); ++it)
        if (const std::int64_t n = whole(it.value() - before.failures.value(it.key())); n > 0)
            g.errors.insert(it.key(), n);
    const auto window = [&](FleetHistogram h) {
        return metrics::SecondLatency(
            now.histograms[std::size_t(h)].minus(before.histograms[std::size_t(h)]).toLatencyStats());
    };
    g.latency = window(FleetHistogram::Duration);
    g.ttft = window(FleetHistogram::Ttft);
    return g;
}

void addModelSample(FleetModelTotals &m, const protocol::PromSample &s)
{
    const auto is = [&](const char *wanted) { return s.name == QLatin1StringView(wanted); };
    if (is(prom::requests))
        m.requests += s.value;
    else if (is(prom::failures))
        m.failures[s.label(QStringLiteral("class")).value_or(QString())] += s.value;
    else if (is(prom::attempts))
        m.attempts += s.value;
    else if (is(prom::cancelled))
        m.cancelled += s.value;
    else if (is(prom::promptTokens))
        m.promptTokens += s.value;
    else if (is(prom::completionTokens))
        m.completionTokens += s.value;
    else if (is(prom::cacheReadTokens))
        m.cacheReadTokens += s.value;
    else if (is(prom::cacheCreationTokens))
        m.cacheCreationTokens += s.value;
    else if (is(prom::reasoningTokens))
        m.reasoningTokens += s.value;
    else if (is(prom::cost))
        m.costUsd += s.value;
    else if (is(prom::inFlightSeconds))
        m.inFlightSeconds += s.value;
    else
        for (int h = 0; h < fleetHistogramCount; ++h) {
            const QLatin1StringView base(histogramNames[std::size_t(h)]);
            if (!s.name.startsWith(base))
                continue;
            const QStringView suffix = QStringView(s.name).sliced(base.size());
            PromBuckets &b = m.histograms[std::size_t(h)];
            if (suffix == u"_bucket") {
                const QString le = s.label(QStringLiteral("le")).value_or(QString());
                bool ok = le == u"+Inf";
                const double edge = ok ? std::numeric_limits<double>::infinity() : le.toDouble(&ok);
                if (ok)
                    b.cumulative[edge] += s.value;
            } else if (suffix == u"_sum") {
                b.sum += s.value;
            } else if (suffix == u"_count") {
                b.count += s.value;
            }
            return;
        }
}

} // namespace

void PromBuckets::add(const PromBuckets &other)
{
    for (const auto &[edge, count] : other.cumulative)
        cumulative[edge] += count;
    sum += other.sum;
    count += other.count;
}

PromBuckets PromBuckets::minus(const PromBuckets &earlier) const
{
    PromBuckets window;
    for (const auto &[edge, n] : cumulative) {
        const auto it = earlier.cumulative.find(edge);
        window.cumulative[edge] = std::max(0.0, n - (it == earlier.cumulative.end() ? 0.0 : it->second));
    }
    window.sum = std::max(0.0, sum - earlier.sum);
    window.count = std::max(0.0, count - earlier.count);
    return window;
}

metrics::Histogram PromBuckets::toHistogram() const
{
    metrics::Histogram h;
    double previousEdge = 0;
    double previousCount = 0;
    for (const auto &[edge, cumulativeCount] : cumulative) {
        const double n = cumulativeCount - previousCount;
        if (n >= 0.5 && finite(n)) {
            const double seconds = std::isinf(edge) ? previousEdge : (previousEdge + edge) / 2;
            h.record(std::uint64_t(std::max(0.0, seconds) * 1e6), std::uint64_t(std::llround(n)));
        }
        if (cumulativeCount > previousCount)
            previousCount = cumulativeCount; // cumulative counts never fall; a scrape that says so is ignored
        if (!std::isinf(edge))
            previousEdge = edge;
    }
    return h;
}

metrics::LatencyStats PromBuckets::toLatencyStats() const
{
    auto stats
        = metrics::LatencyStats::fromSharedHistogram(QSharedPointer<const metrics::Histogram>::create(toHistogram()));
    if (stats.count == 0)
        return stats;
    QList<protocol::PromBucket> buckets;
    for (const auto &[edge, n] : cumulative)
        buckets.append({ edge, n });
    const auto quantileMs = [&](double q, double fallback) {
        const double v = protocol::histogramQuantile(q, buckets);
        return std::isfinite(v) ? v * 1000.0 : fallback;
    };
    stats.p50 = quantileMs(0.50, stats.p50);
    stats.p90 = quantileMs(0.90, stats.p90);
    stats.p95 = quantileMs(0.95, stats.p95);
    stats.p99 = quantileMs(0.99, stats.p99);
    if (count > 0)
        stats.mean = sum / count * 1000.0;
    return stats;
}

double FleetModelTotals::failureCount() const
{
    double n = 0;
    for (const double v : failures)
        n += v;
    return n;
}

void FleetTotals::add(const QList<protocol::PromSample> &samples)
{
    const auto is = [](const QString &name, const char *wanted) { return name == QLatin1StringView(wanted); };
    for (const protocol::PromSample &s : samples) {
        const QString &name = s.name;
        if (!name.startsWith(u"stampede_") || name.startsWith(u"stampede_gateway_") || !finite(s.value))
            continue;
        if (is(name, prom::finished)) {
            ++agents;
            if (s.value >= 1)
                ++finishedAgents;
            if (const auto scenario = s.label(QStringLiteral("scenario")); scenario && !scenario->isEmpty())
                scenarios.insert(*scenario);
            if (const auto segment = s.label(QStringLiteral("segment")); segment && !segment->isEmpty())
                segments.insert(*segment);
        } else if (is(name, prom::vus)) {
            vus += s.value;
        } else if (is(name, prom::inFlight)) {
            inFlight += s.value;
        } else if (is(name, prom::dropped)) {
            dropped += s.value;
        } else if (is(name, prom::targetLoad)) {
            targetLoad = std::max(targetLoad, s.value);
            openModel = openModel || s.label(QStringLiteral("unit")) == QStringLiteral("rps");
        } else if (is(name, prom::elapsed)) {
            elapsedSeconds = std::max(elapsedSeconds, s.value);
        } else if (const auto model = s.label(QStringLiteral("model")); model && !model->isEmpty()) {
            addModelSample(models[*model], s);
        }
    }
}

FleetView::FleetView(QStringList models)
    : m_models(std::move(models))
{
}

metrics::GroupStats FleetView::group(const QString &name, const FleetModelTotals &t, double seconds) const
{
    metrics::GroupStats g;
    g.model = name;
    g.requests = whole(t.requests);
    g.failures = std::min(whole(t.failureCount()), g.requests);
    g.successes = g.requests - g.failures;
    for (auto it = t.failures.cbegin(); it != t.failures.cend(); ++it)
        if (whole(it.value()) > 0)
            g.errors.insert(it.key(), whole(it.value()));
    g.attempts = whole(t.attempts);
    g.cancelled = whole(t.cancelled);
    g.promptTokens = whole(t.promptTokens);
    g.completionTokens = whole(t.completionTokens);
    g.cacheReadTokens = whole(t.cacheReadTokens);
    g.cacheCreationTokens = whole(t.cacheCreationTokens);
    g.reasoningTokens = whole(t.reasoningTokens);
    g.costUsd = std::max(0.0, t.costUsd);
    g.rps = seconds > 0 ? double(g.requests) / seconds : 0;
    g.outputTokensPerSec = seconds > 0 ? double(g.completionTokens) / seconds : 0;
    g.inFlightSeconds = std::max(0.0, t.inFlightSeconds);
    g.meanInFlight = seconds > 0 ? g.inFlightSeconds / seconds : 0;
    const auto stats = [&](FleetHistogram h) { return t.histograms[std::size_t(h)].toLatencyStats(); };
    g.latency = stats(FleetHistogram::Duration);
    g.ttft = stats(FleetHistogram::Ttft);
    g.itl = stats(FleetHistogram::Itl);
    return g;
}

metrics::Snapshot FleetView::update(const FleetTotals &totals)
{
    for (auto it = totals.models.cbegin(); it != totals.models.cend(); ++it)
        if (!m_models.contains(it.key()))
            m_models.append(it.key());
    const double seconds = totals.elapsedSeconds;
    metrics::Snapshot s;
    s.elapsedMs = std::int64_t(seconds * 1000);
    s.phase = totals.allFinished() ? model::RunPhase::Finished : model::RunPhase::Running;
    s.vus = int(whole(totals.vus));
    s.inFlight = int(whole(totals.inFlight));
    s.dropped = whole(totals.dropped);
    s.plannedTarget = totals.targetLoad;
    s.openModel = totals.openModel;
    s.overall = group(QStringLiteral("all"), allModels(totals), seconds);
    for (const QString &name : std::as_const(m_models))
        s.models.append(group(name, totals.models.value(name), seconds));

    // One point per second of run time passed: the window since the previous point.
    const std::int64_t second = std::int64_t(std::floor(seconds)) - 1;
    if (second > m_lastSecond) {
        metrics::SecondPoint point;
        point.second = second;
        point.vus = s.vus;
        point.inFlight = s.inFlight;
        point.dropped = std::max<std::int64_t>(0, s.dropped - whole(m_atLastSecond.dropped));
        point.plannedTarget = totals.targetLoad;
        point.groups.append(windowGroup(allModels(totals), allModels(m_atLastSecond)));
        for (const QString &name : std::as_const(m_models))
            point.groups.append(windowGroup(totals.models.value(name), m_atLastSecond.models.value(name)));
        s.newSeconds.append(point);
        m_atLastSecond = totals;
        m_lastSecond = second;
    }
    m_maxVus = std::max(m_maxVus, s.vus);
    m_peakInFlight = std::max(m_peakInFlight, s.inFlight);
    m_last = totals;
    m_lastSnapshot = s;
    return s;
}

metrics::RunSummary FleetView::summary() const
{
    metrics::RunSummary r;
    r.durationMs = m_lastSnapshot.elapsedMs;
    r.openModel = m_lastSnapshot.openModel;
    r.end = m_last.allFinished() ? model::RunEnd::Completed : model::RunEnd::InProgress;
    r.dropped = m_lastSnapshot.dropped;
    r.overall = m_lastSnapshot.overall;
    r.models = m_lastSnapshot.models;
    r.maxVus = m_maxVus;
    r.peakInFlight = m_peakInFlight;
    return r;
}

} // namespace stampede::fleet
