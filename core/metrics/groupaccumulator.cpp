#include "metrics/groupaccumulator.h"

namespace stampede::metrics {

GroupAccumulator::GroupAccumulator(const QString &model, std::optional<model::Slo> slo)
{
    m_counters.model = model;
    m_counters.slo = std::move(slo);
}

void GroupAccumulator::add(
    const RequestOutcome &outcome, const OutcomeSamples &samples, const QString &error, double costUsd, bool metSlo)
{
    GroupStats &c = m_counters;
    if (outcome.cancelled()) {
        ++c.cancelled;
    } else {
        ++c.requests;
        if (metSlo && c.slo)
            ++c.sloMet;
        if (outcome.succeeded()) {
            ++c.successes;
        } else {
            ++c.failures;
            ++c.errors[error];
        }
    }
    c.attempts += outcome.attempts;
    for (const QString &reason : outcome.retryReasons)
        ++c.retried[reason];
    if (outcome.finishReason == FinishReason::Length)
        ++c.truncated;
    c.promptTokens += outcome.promptTokens;
    c.completionTokens += outcome.completionTokens;
    c.cacheReadTokens += outcome.cacheReadTokens;
    c.cacheCreationTokens += outcome.cacheCreationTokens;
    c.reasoningTokens += outcome.reasoningTokens;
    if (outcome.tokensEstimated)
        ++c.estimatedTokenRequests;
    c.costUsd += costUsd;
    if (outcome.failed()) {
        c.failedTokens
            += outcome.promptTokens + outcome.completionTokens + outcome.cacheReadTokens + outcome.cacheCreationTokens;
        c.failedCostUsd += costUsd;
    }
    const std::int64_t handedOver = outcome.dispatchedNs >= 0 ? outcome.dispatchedNs : outcome.sentNs;
    if (handedOver >= 0 && outcome.endNs > handedOver)
        c.inFlightSeconds += double(outcome.endNs - handedOver) / 1e9;
    if (outcome.cancelled())
        return; // cut by the run's own stop: its times measure the stop, not the gateway
    if (outcome.turn > 0)
        addTurn(outcome, samples);

    for (Trend trend : allTrends()) {
        if (samples[trend] != OutcomeSamples::none)
            m_histograms[std::size_t(trend)].record(std::uint64_t(samples[trend]));
    }
    if (outcome.limitWaitNs >= 0)
        m_limitWait.record(std::uint64_t(outcome.limitWaitNs / 1000));
    Histogram &itl = m_histograms[std::size_t(Trend::Itl)];
    for (std::uint32_t gap : outcome.itlUs)
        itl.record(gap);
}

void GroupAccumulator::addTurn(const RequestOutcome &outcome, const OutcomeSamples &samples)
{
    const std::size_t at = std::size_t(std::min(outcome.turn, kMaxTrackedTurns) - 1);
    while (m_turns.size() <= at) {
        m_turns.emplace_back();
        m_turns.back().counters.turn = int(m_turns.size());
    }
    Turn &t = m_turns[at];
    ++t.counters.requests;
    if (outcome.succeeded())
        ++t.counters.successes;
    t.counters.promptTokens += outcome.promptTokens;
    t.counters.cacheReadTokens += outcome.cacheReadTokens;
    t.counters.cacheCreationTokens += outcome.cacheCreationTokens;
    if (samples[Trend::Ttft] != OutcomeSamples::none)
        t.ttft.record(std::uint64_t(samples[Trend::Ttft]));
    if (samples[Trend::Duration] != OutcomeSamples::none)
        t.latency.record(std::uint64_t(samples[Trend::Duration]));
}

QSharedPointer<const Histogram> GroupAccumulator::published(Trend trend) const
{
    const Histogram &live = m_histograms[std::size_t(trend)];
    QSharedPointer<const Histogram> &copy = m_published[std::size_t(trend)];
    // Histograms only grow, so an equal count means equal content.
    if (!copy || copy->count() != live.count())
        copy = QSharedPointer<const Histogram>::create(live);
    return copy;
}

GroupStats GroupAccumulator::stats(double windowSeconds) const
{
    GroupStats g = m_counters;
    if (windowSeconds > 0) {
        g.rps = double(g.requests) / windowSeconds;
        g.outputTokensPerSec = double(g.completionTokens) / windowSeconds;
        g.meanInFlight = g.inFlightSeconds / windowSeconds;
        if (g.slo)
            g.goodput = double(g.sloMet) / windowSeconds;
    }
    if (g.slo && g.requests > 0)
        g.sloAttainment = double(g.sloMet) / double(g.requests);
    for (Trend trend : allTrends())
        trendStats(g, trend) = LatencyStats::fromSharedHistogram(published(trend));
    if (m_limitWait.count() > 0) // a copy only where a cap applies
        g.limitWait = LatencyStats::fromHistogram(m_limitWait);
    for (const Turn &t : m_turns) {
        if (t.publishedAt != t.counters.requests) {
            t.published = t.counters;
            t.published.ttft = LatencyStats::fromHistogram(t.ttft);
            t.published.latency = LatencyStats::fromHistogram(t.latency);
            t.publishedAt = t.counters.requests;
        }
        g.turns.append(t.published);
    }
    return g;
}

} // namespace stampede::metrics
