#pragma once
// Run-long statistics of one group (every model, or one model): counters and one histogram per
// trend metric. Fixed memory (9 x ~32 KB) whatever the run length; add() is O(1) plus the ITL
// values of the outcome, and never allocates except for a new error or retry key.

#include "metrics/histogram.h"
#include "metrics/outcomesamples.h"
#include "metrics/stats.h"

#include <QSharedPointer>

#include <array>
#include <optional>
#include <vector>

namespace stampede::metrics {

/// One slice's counters and histograms (a turn number; with or without a shared prefix); its
/// stats are recomputed only when it changed.
struct SliceAccumulator {
    SliceStats counters;
    Histogram ttft;
    Histogram latency;
    mutable SliceStats published;
    mutable std::int64_t publishedAt = -1; ///< counters.requests when `published` was made
    void add(const RequestOutcome &outcome, const OutcomeSamples &samples);
    const SliceStats &stats() const;
};

class GroupAccumulator
{
public:
    /// `slo`: the group is judged (GroupStats::slo); nullopt: no SLO applies to it.
    explicit GroupAccumulator(const QString &model, std::optional<model::Slo> slo = std::nullopt);

    /// `error` is errorKey() of a failed outcome (empty on success); `costUsd` its priced cost;
    /// `metSlo` whether it met its model's SLO (meetsSlo()). A cancelled outcome counts in
    /// `cancelled`, attempts, tokens and cost only.
    void add(const RequestOutcome &outcome, const OutcomeSamples &samples, const QString &error, double costUsd,
        bool metSlo = false);

    /// integrity (issue 14): judges a success against `requestedModel` (metrics/integrity.h).
    void addIntegrity(const RequestOutcome &outcome, const QString &requestedModel)
    {
        m_counters.integrity.add(outcome, requestedModel);
    }

    /// Counters, rates over `windowSeconds`, and latency stats carrying their histograms.
    GroupStats stats(double windowSeconds) const;
    const Histogram &histogram(Trend trend) const { return m_histograms[std::size_t(trend)]; }

private:
    QSharedPointer<const Histogram> published(Trend trend) const;

    GroupStats m_counters; ///< counters only; the LatencyStats members are filled by stats()
    std::array<Histogram, trendCount> m_histograms;
    Histogram m_limitWait; ///< µs, GroupStats::limitWait
    std::vector<SliceAccumulator> m_turns; ///< [turn - 1]; grows to the highest turn seen (kMaxTrackedTurns at most)
    std::optional<std::array<SliceAccumulator, 2>> m_sharedPrefix; ///< [without, with]; from the first such outcome
    // Copies handed out in snapshots, reused while the live histogram has not changed.
    mutable std::array<QSharedPointer<const Histogram>, trendCount> m_published;
};

} // namespace stampede::metrics
