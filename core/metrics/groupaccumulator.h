#pragma once
// Run-long statistics of one group (every model, or one model): counters and one histogram per
// trend metric. Fixed memory (9 x ~32 KB) whatever the run length; add() is O(1) plus the ITL
// values of the outcome, and never allocates except for a new error or retry key.

#include "metrics/histogram.h"
#include "metrics/outcomesamples.h"
#include "metrics/stats.h"

#include <QSharedPointer>

#include <array>

namespace stampede::metrics {

class GroupAccumulator
{
public:
    explicit GroupAccumulator(const QString &model);

    /// `error` is errorKey() of a failed outcome (empty on success); `costUsd` its priced cost.
    /// A cancelled outcome counts in `cancelled`, attempts, tokens and cost only.
    void add(const RequestOutcome &outcome, const OutcomeSamples &samples, const QString &error, double costUsd);

    /// Counters, rates over `windowSeconds`, and latency stats carrying their histograms.
    GroupStats stats(double windowSeconds) const;
    const Histogram &histogram(Trend trend) const { return m_histograms[std::size_t(trend)]; }

private:
    QSharedPointer<const Histogram> published(Trend trend) const;

    GroupStats m_counters; ///< counters only; the LatencyStats members are filled by stats()
    std::array<Histogram, trendCount> m_histograms;
    // Copies handed out in snapshots, reused while the live histogram has not changed.
    mutable std::array<QSharedPointer<const Histogram>, trendCount> m_published;
};

} // namespace stampede::metrics
