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
    if (outcome.succeeded()) {
        c.toolCalls += outcome.toolCalls;
        c.toolCallsInvalid += outcome.toolCallsInvalid;
        c.tokenLengths.prompt.add(outcome.promptTokens + outcome.cacheReadTokens + outcome.cacheCreationTokens);
        c.tokenLengths.completion.add(outcome.completionTokens);
    }
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
    if (outcome.turn > 0) {
        const std::size_t at = std::size_t(std::min(outcome.turn, kMaxTrackedTurns) - 1);
        if (m_turns.size() <= at)
            m_turns.resize(at + 1);
        m_turns[at].add(outcome, samples);
    }
    if (outcome.sharedPrefix != kNoSharedPrefixRun) {
        if (!m_sharedPrefix)
            m_sharedPrefix.emplace();
        (*m_sharedPrefix)[outcome.sharedPrefix >= 0 ? 1 : 0].add(outcome, samples);
    }

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

void SliceAccumulator::add(const RequestOutcome &outcome, const OutcomeSamples &samples)
{
    ++counters.requests;
    if (outcome.succeeded())
        ++counters.successes;
    counters.promptTokens += outcome.promptTokens;
    counters.cacheReadTokens += outcome.cacheReadTokens;
    counters.cacheCreationTokens += outcome.cacheCreationTokens;
    if (samples[Trend::Ttft] != OutcomeSamples::none)
        ttft.record(std::uint64_t(samples[Trend::Ttft]));
    if (samples[Trend::Duration] != OutcomeSamples::none)
        latency.record(std::uint64_t(samples[Trend::Duration]));
}

const SliceStats &SliceAccumulator::stats() const
{
    if (publishedAt != counters.requests) {
        published = counters;
        published.ttft = LatencyStats::fromHistogram(ttft);
        published.latency = LatencyStats::fromHistogram(latency);
        publishedAt = counters.requests;
    }
    return published;
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
    for (std::size_t i = 0; i < m_turns.size(); ++i) {
        TurnStats turn;
        static_cast<SliceStats &>(turn) = m_turns[i].stats();
        turn.turn = int(i) + 1;
        g.turns.append(turn);
    }
    if (m_sharedPrefix)
        g.sharedPrefix = SharedPrefixStats { (*m_sharedPrefix)[1].stats(), (*m_sharedPrefix)[0].stats() };
    return g;
}

} // namespace stampede::metrics
