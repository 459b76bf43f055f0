#include "metrics/histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace stampede::metrics {

namespace {

// Layout: values 0..127 have one bucket each; a value whose most significant bit is m >= 7 falls
// in one of 128 equal sub-buckets of [2^m, 2^(m+1)), each 2^(m-7) wide:
//
//   index:   0 .. 127 | 128 .. 255 | 256 .. 383 | ... | (m-6)*128 + sub
//   width:       1    |      1     |      2     | ... | 2^(m-7)
//
// so a bucket is never wider than 1/128 of its lower bound: its midpoint is within 0.4 %.
constexpr int subBuckets = 128;
constexpr int subBucketBits = 7;
constexpr int maxBit = 37; // highest tracked most-significant bit: values < 2^38
constexpr int totalBuckets = (maxBit - 6 + 1) * subBuckets;

} // namespace

Histogram::Histogram()
    : m_counts(std::size_t(totalBuckets), 0)
{
}

int Histogram::bucketCount()
{
    return totalBuckets;
}

std::uint64_t Histogram::maxTrackable()
{
    return (std::uint64_t(1) << (maxBit + 1)) - 1;
}

int Histogram::bucketIndex(std::uint64_t value)
{
    if (value < subBuckets)
        return int(value);
    if (value > maxTrackable())
        return totalBuckets - 1;
    const int msb = std::bit_width(value) - 1;
    return (msb - 6) * subBuckets + int((value >> (msb - subBucketBits)) - subBuckets);
}

std::uint64_t Histogram::bucketLowerBound(int index)
{
    if (index < subBuckets)
        return std::uint64_t(std::max(index, 0));
    const int msb = index / subBuckets + 6;
    const std::uint64_t sub = std::uint64_t(index % subBuckets);
    return (subBuckets + sub) << (msb - subBucketBits);
}

std::uint64_t Histogram::bucketUpperBound(int index)
{
    if (index < subBuckets)
        return bucketLowerBound(index) + 1;
    const int msb = index / subBuckets + 6;
    return bucketLowerBound(index) + (std::uint64_t(1) << (msb - subBucketBits));
}

void Histogram::record(std::uint64_t value, std::uint64_t count)
{
    if (count == 0)
        return;
    m_counts[std::size_t(bucketIndex(value))] += count;
    if (m_count == 0 || value < m_min)
        m_min = value;
    m_max = std::max(m_max, value);
    m_count += count;
    m_sum += double(value) * double(count);
}

void Histogram::merge(const Histogram &other)
{
    if (other.m_count == 0)
        return;
    for (std::size_t i = 0; i < m_counts.size(); ++i)
        m_counts[i] += other.m_counts[i];
    m_min = m_count ? std::min(m_min, other.m_min) : other.m_min;
    m_max = std::max(m_max, other.m_max);
    m_count += other.m_count;
    m_sum += other.m_sum;
}

void Histogram::reset()
{
    std::fill(m_counts.begin(), m_counts.end(), 0);
    m_count = 0;
    m_min = 0;
    m_max = 0;
    m_sum = 0;
}

double Histogram::percentile(double q) const
{
    if (m_count == 0)
        return 0.0;
    if (q <= 0)
        return double(m_min);
    if (q >= 100)
        return double(m_max);
    // Nearest rank; q * count first keeps "99.9 % of 1000" at exactly 999, the epsilon absorbs the
    // last rounding of the division.
    const double exactRank = q * double(m_count) / 100.0;
    const auto rank = std::max<std::uint64_t>(1, std::uint64_t(std::ceil(exactRank - 1e-9)));
    std::uint64_t seen = 0;
    for (int i = bucketIndex(m_min); i < totalBuckets; ++i) {
        seen += m_counts[std::size_t(i)];
        if (seen >= rank) {
            const double mid = (double(bucketLowerBound(i)) + double(bucketUpperBound(i) - 1)) / 2.0;
            return std::clamp(mid, double(m_min), double(m_max));
        }
    }
    return double(m_max);
}

QList<QPair<int, std::uint64_t>> Histogram::nonZeroBuckets() const
{
    QList<QPair<int, std::uint64_t>> buckets;
    if (m_count == 0)
        return buckets;
    for (int i = bucketIndex(m_min); i <= bucketIndex(m_max); ++i) {
        if (m_counts[std::size_t(i)])
            buckets.append({ i, m_counts[std::size_t(i)] });
    }
    return buckets;
}

Histogram Histogram::fromBuckets(
    const QList<QPair<int, std::uint64_t>> &buckets, std::uint64_t min, std::uint64_t max, double sum)
{
    Histogram h;
    int first = totalBuckets;
    int last = -1;
    for (const auto &[index, count] : buckets) {
        if (index < 0 || index >= totalBuckets || count == 0)
            continue; // a corrupt file must not crash the reader
        h.m_counts[std::size_t(index)] += count;
        h.m_count += count;
        first = std::min(first, index);
        last = std::max(last, index);
    }
    if (h.m_count == 0)
        return h;
    // Keep min/max inside the first/last buckets so walks that start at min's bucket see them all.
    h.m_min = std::clamp(min, bucketLowerBound(first), bucketUpperBound(first) - 1);
    h.m_max = last == totalBuckets - 1 ? std::max(max, bucketLowerBound(last))
                                       : std::clamp(max, bucketLowerBound(last), bucketUpperBound(last) - 1);
    h.m_sum = sum;
    return h;
}

} // namespace stampede::metrics
