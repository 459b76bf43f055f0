#include "report/hdrlog.h"

#include "model/metricnames.h"

#include <QtEndian>

#include <algorithm>
#include <bit>
#include <cstring>
#include <vector>

namespace stampede::report {

namespace {

// A Histogram(lowestDiscernibleValue 1, highestTrackableValue 1 h in µs, 3 significant digits):
// 2048 sub-buckets, the lower half of each bucket after the first overlapping the one before.
constexpr int kDigits = 3;
constexpr std::int64_t kHighest = 3'600'000'000LL;
constexpr int kSubBucketHalfCountMagnitude = 10; // ceil(log2(2 * 10^3)) - 1
constexpr std::int64_t kSubBucketHalfCount = 1 << kSubBucketHalfCountMagnitude;
constexpr std::int64_t kSubBucketMask = (2 * kSubBucketHalfCount) - 1;
constexpr int kLeadingZeroCountBase = 64 - 0 - kSubBucketHalfCountMagnitude - 1; // unit magnitude 0
constexpr std::uint32_t kEncodingCookie = 0x1c849303 | 0x10; // V2, LEB128 word size
constexpr std::uint32_t kCompressedCookie = 0x1c849304 | 0x10;

std::size_t countsIndex(std::int64_t value)
{
    const int bucket = kLeadingZeroCountBase - std::countl_zero(std::uint64_t(value | kSubBucketMask));
    const std::int64_t subBucket = value >> bucket;
    return std::size_t(
        ((std::int64_t(bucket) + 1) << kSubBucketHalfCountMagnitude) + (subBucket - kSubBucketHalfCount));
}

void putInt(QByteArray &out, std::uint32_t v)
{
    char b[4];
    qToBigEndian(v, b);
    out.append(b, 4);
}

void putLong(QByteArray &out, std::uint64_t v)
{
    char b[8];
    qToBigEndian(v, b);
    out.append(b, 8);
}

/// HdrHistogram's ZigZag LEB128-64b9B: seven bits a byte for eight bytes, the ninth takes eight.
void putZigZag(QByteArray &out, std::int64_t signedValue)
{
    std::uint64_t v = (std::uint64_t(signedValue) << 1) ^ std::uint64_t(signedValue >> 63);
    for (int i = 0; i < 8; ++i) {
        if ((v >> 7) == 0) {
            out.append(char(v));
            return;
        }
        out.append(char((v & 0x7F) | 0x80));
        v >>= 7;
    }
    out.append(char(v));
}

/// Our buckets as HdrHistogram counts, each at the value our percentiles report for it.
std::vector<std::int64_t> hdrCounts(const metrics::Histogram &h)
{
    std::vector<std::int64_t> counts;
    for (const auto &[index, count] : h.nonZeroBuckets()) {
        const std::uint64_t lo = metrics::Histogram::bucketLowerBound(index);
        const std::uint64_t hi = metrics::Histogram::bucketUpperBound(index);
        const std::uint64_t mid = std::clamp<std::uint64_t>(lo + (hi - lo) / 2, h.min(), h.max());
        const std::size_t i = countsIndex(std::clamp<std::int64_t>(std::int64_t(mid), 1, kHighest));
        if (counts.size() <= i)
            counts.resize(i + 1, 0);
        counts[i] += std::int64_t(count);
    }
    return counts;
}

} // namespace

QByteArray hdrCompressedBase64(const metrics::Histogram &histogram)
{
    const std::vector<std::int64_t> counts = hdrCounts(histogram);
    QByteArray payload;
    for (std::size_t i = 0; i < counts.size();) {
        if (counts[i] != 0) {
            putZigZag(payload, counts[i++]);
            continue;
        }
        std::int64_t zeros = 0;
        while (i < counts.size() && counts[i] == 0) {
            ++zeros;
            ++i;
        }
        putZigZag(payload, zeros > 1 ? -zeros : 0);
    }
    QByteArray encoded;
    putInt(encoded, kEncodingCookie);
    putInt(encoded, std::uint32_t(payload.size()));
    putInt(encoded, 0); // normalizing index offset
    putInt(encoded, kDigits);
    putLong(encoded, 1); // lowest discernible value
    putLong(encoded, std::uint64_t(kHighest));
    const double ratio = 1.0; // integer to double value conversion ratio
    std::uint64_t ratioBits = 0;
    std::memcpy(&ratioBits, &ratio, sizeof ratio);
    putLong(encoded, ratioBits);
    encoded += payload;

    const QByteArray zlib = qCompress(encoded, 6).mid(4); // qCompress prefixes the length: a zlib stream follows
    QByteArray compressed;
    putInt(compressed, kCompressedCookie);
    putInt(compressed, std::uint32_t(zlib.size()));
    compressed += zlib;
    return compressed.toBase64();
}

QString hdrTag(const QString &histogramKey)
{
    QString tag = histogramKey;
    tag.replace(QStringLiteral("{model:"), QStringLiteral("."));
    if (tag.endsWith(QLatin1Char('}')))
        tag.chop(1);
    for (QChar &c : tag)
        if (c == QLatin1Char(',') || c.isSpace())
            c = QLatin1Char('_');
    return tag;
}

QByteArray hdrHistogramLog(const metrics::RunSummary &summary, const QDateTime &startedAt)
{
    const double startSeconds = double(startedAt.toMSecsSinceEpoch()) / 1000.0;
    QByteArray out = "#[Histogram log format version 1.3]\n";
    out += QStringLiteral("#[StartTime: %1 (seconds since epoch), %2]\n")
               .arg(startSeconds, 0, 'f', 3)
               .arg(startedAt.toUTC().toString(Qt::ISODateWithMs))
               .toUtf8();
    out += "#[Values in microseconds; Interval_Max in milliseconds; written by Stampede]\n";
    out += "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"\n";
    const double length = double(summary.durationMs) / 1000.0;
    for (auto it = summary.histograms.cbegin(); it != summary.histograms.cend(); ++it) {
        if (it.key().startsWith(model::names::outputSpeed) || it.value().count() == 0)
            continue; // milli-tokens per second: not a time
        out += QStringLiteral("Tag=%1,%2,%3,%4,")
                   .arg(hdrTag(it.key()))
                   .arg(0.0, 0, 'f', 3)
                   .arg(length, 0, 'f', 3)
                   .arg(double(it.value().max()) / 1000.0, 0, 'f', 3)
                   .toUtf8();
        out += hdrCompressedBase64(it.value());
        out += '\n';
    }
    return out;
}

} // namespace stampede::report
