#pragma once
// Log-linear histogram (HDR-style) of non-negative integer values: 128 linear sub-buckets per power
// of two, so any reported percentile is within 0.4 % of a recorded value; fixed memory (~30 KB)
// whatever the count; mergeable exactly (counts add), so several generators' results combine.
// Values above maxTrackable() are clamped into the top bucket (and still counted in max()).

#include <QList>
#include <QPair>

#include <cstdint>
#include <vector>

namespace stampede::metrics {

class Histogram
{
public:
    Histogram();

    void record(std::uint64_t value, std::uint64_t count = 1);
    void merge(const Histogram &other);
    void reset();

    std::uint64_t count() const { return m_count; }
    std::uint64_t min() const { return m_count ? m_min : 0; }
    std::uint64_t max() const { return m_max; }
    double mean() const { return m_count ? double(m_sum) / double(m_count) : 0.0; }
    /// q in [0, 100]. The value at or below which q % of recorded values lie (nearest-rank), as the
    /// midpoint of its bucket clamped to [min(), max()]: never above max (Locust #1563).
    double percentile(double q) const;

    /// Sparse form for JSON export and exact re-import: (bucket index, count) pairs, ascending.
    QList<QPair<int, std::uint64_t>> nonZeroBuckets() const;
    /// Rebuilds from nonZeroBuckets() plus the exact min/max/sum that the export keeps alongside.
    static Histogram fromBuckets(
        const QList<QPair<int, std::uint64_t>> &buckets, std::uint64_t min, std::uint64_t max, double sum);
    double sum() const { return m_sum; }

    static int bucketIndex(std::uint64_t value);
    static std::uint64_t bucketLowerBound(int index);
    static std::uint64_t bucketUpperBound(int index); ///< exclusive
    static std::uint64_t maxTrackable();
    static int bucketCount();

private:
    std::vector<std::uint64_t> m_counts;
    std::uint64_t m_count = 0;
    std::uint64_t m_min = 0;
    std::uint64_t m_max = 0;
    double m_sum = 0;
};

} // namespace stampede::metrics
