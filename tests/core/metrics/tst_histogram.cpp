// Histogram: bucket layout, percentile accuracy against exact nearest-rank percentiles of sorted
// data, exact merging, and the sparse export round trip.

#include "metrics/histogram.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace stampede::metrics;

namespace {

using Values = std::vector<std::uint64_t>;

/// Nearest-rank percentile of sorted data: the smallest value with at least q % at or below it.
double exactPercentile(const Values &sorted, double q)
{
    if (q <= 0)
        return double(sorted.front());
    const double rank = std::ceil(q * double(sorted.size()) / 100.0 - 1e-9);
    const std::size_t index = std::size_t(std::max(1.0, rank)) - 1;
    return double(sorted[std::min(index, sorted.size() - 1)]);
}

Histogram histogramOf(const Values &values)
{
    Histogram h;
    for (std::uint64_t v : values)
        h.record(v);
    return h;
}

Values generate(const QString &kind, std::size_t n)
{
    std::mt19937_64 rng(20240611);
    Values values;
    values.reserve(n);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::lognormal_distribution<double> lognormal(std::log(800'000.0), 0.6); // ~0.8 s median, µs
    std::normal_distribution<double> fast(40'000.0, 5'000.0);
    std::normal_distribution<double> slow(2'500'000.0, 300'000.0);
    for (std::size_t i = 0; i < n; ++i) {
        double v = 0;
        if (kind == QLatin1StringView("uniform"))
            v = 1'000.0 + unit(rng) * 5'000'000.0;
        else if (kind == QLatin1StringView("lognormal"))
            v = lognormal(rng);
        else if (kind == QLatin1StringView("bimodal"))
            v = unit(rng) < 0.7 ? fast(rng) : slow(rng);
        else if (kind == QLatin1StringView("constant"))
            v = 123'456.0;
        else if (kind == QLatin1StringView("span"))
            v = std::exp(unit(rng) * std::log(3.6e9)); // 1 µs .. 1 h, log-uniform
        else if (kind == QLatin1StringView("small"))
            v = std::floor(unit(rng) * 200.0);
        values.push_back(std::uint64_t(std::max(0.0, std::round(v))));
    }
    return values;
}

} // namespace

class TestHistogram : public QObject
{
    Q_OBJECT

private slots:
    void bucketLayout()
    {
        QCOMPARE(Histogram::bucketIndex(0), 0);
        QCOMPARE(Histogram::bucketIndex(127), 127);
        QCOMPARE(Histogram::bucketIndex(128), 128);
        QCOMPARE(Histogram::bucketIndex(255), 255);
        QCOMPARE(Histogram::bucketIndex(256), 256);
        QCOMPARE(Histogram::bucketIndex(257), 256); // width 2 from 256
        QCOMPARE(Histogram::bucketIndex(258), 257);
        QCOMPARE(Histogram::maxTrackable(), (std::uint64_t(1) << 38) - 1);
        QCOMPARE(Histogram::bucketIndex(Histogram::maxTrackable()), Histogram::bucketCount() - 1);
        QCOMPARE(Histogram::bucketIndex(Histogram::maxTrackable() * 8), Histogram::bucketCount() - 1);
        QCOMPARE(Histogram::bucketUpperBound(Histogram::bucketCount() - 1), Histogram::maxTrackable() + 1);
        QVERIFY(Histogram::bucketCount() * sizeof(std::uint64_t) <= 33 * 1024);
        for (int i = 0; i < Histogram::bucketCount(); ++i) {
            const std::uint64_t lo = Histogram::bucketLowerBound(i);
            const std::uint64_t hi = Histogram::bucketUpperBound(i);
            QVERIFY(hi > lo);
            QCOMPARE(Histogram::bucketIndex(lo), i);
            QCOMPARE(Histogram::bucketIndex(hi - 1), i);
            if (i + 1 < Histogram::bucketCount())
                QCOMPARE(Histogram::bucketLowerBound(i + 1), hi); // contiguous, no gaps
            QVERIFY(double(hi - lo - 1) / 2.0 <= double(std::max<std::uint64_t>(lo, 1)) / 256.0 + 0.5);
        }
    }

    void accuracy_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("count");
        QTest::addRow("uniform") << QStringLiteral("uniform") << 100'000;
        QTest::addRow("lognormal") << QStringLiteral("lognormal") << 100'000;
        QTest::addRow("bimodal") << QStringLiteral("bimodal") << 100'000;
        QTest::addRow("constant") << QStringLiteral("constant") << 5'000;
        QTest::addRow("one value") << QStringLiteral("lognormal") << 1;
        QTest::addRow("1us..1h") << QStringLiteral("span") << 100'000;
        QTest::addRow("small integers exact") << QStringLiteral("small") << 10'000;
        QTest::addRow("1000 values (p99.9 rank 999)") << QStringLiteral("lognormal") << 1'000;
    }

    void accuracy()
    {
        QFETCH(QString, kind);
        QFETCH(int, count);
        Values values = generate(kind, std::size_t(count));
        const Histogram h = histogramOf(values);
        std::sort(values.begin(), values.end());

        QCOMPARE(h.count(), std::uint64_t(count));
        QCOMPARE(h.min(), values.front());
        QCOMPARE(h.max(), values.back());
        double sum = 0;
        for (std::uint64_t v : values)
            sum += double(v);
        QCOMPARE(h.mean(), sum / double(count));
        QCOMPARE(h.percentile(0), double(values.front()));
        QCOMPARE(h.percentile(100), double(values.back()));
        for (double q : { 1.0, 25.0, 50.0, 90.0, 95.0, 99.0, 99.9 }) {
            const double exact = exactPercentile(values, q);
            const double got = h.percentile(q);
            const double error = exact == 0 ? std::abs(got) : std::abs(got - exact) / exact;
            if (error > 0.01)
                QFAIL(qPrintable(QStringLiteral("p(%1): got %2, exact %3").arg(q).arg(got).arg(exact)));
            if (kind == QLatin1StringView("small") || kind == QLatin1StringView("constant"))
                QCOMPARE(got, exact); // exact buckets / clamped to min == max
        }
    }

    void percentileNeverExceedsMax()
    {
        Histogram h;
        h.record(1'000'001, 10); // bucket [999424, 1003520): its midpoint is above the value
        QCOMPARE(h.max(), std::uint64_t(1'000'001));
        for (double q : { 0.0, 1.0, 50.0, 99.0, 99.99, 100.0 }) {
            QVERIFY(h.percentile(q) <= double(h.max()));
            QVERIFY(h.percentile(q) >= double(h.min()));
        }
        QCOMPARE(h.percentile(50), 1'000'001.0);
    }

    void clampsAboveMaxTrackable()
    {
        Histogram h;
        const std::uint64_t huge = Histogram::maxTrackable() * 10;
        h.record(5);
        h.record(huge);
        QCOMPARE(h.max(), huge);
        QCOMPARE(h.percentile(100), double(huge));
        QCOMPARE(h.nonZeroBuckets().last().first, Histogram::bucketCount() - 1);
    }

    void emptyAndReset()
    {
        Histogram h;
        QCOMPARE(h.count(), std::uint64_t(0));
        QCOMPARE(h.percentile(50), 0.0);
        QCOMPARE(h.min(), std::uint64_t(0));
        QCOMPARE(h.mean(), 0.0);
        QVERIFY(h.nonZeroBuckets().isEmpty());
        h.record(42, 3);
        h.record(7);
        QCOMPARE(h.count(), std::uint64_t(4));
        QCOMPARE(h.min(), std::uint64_t(7));
        QCOMPARE(h.sum(), 133.0);
        QCOMPARE(h.percentile(75), 42.0);
        h.record(1, 0); // a zero count records nothing
        QCOMPARE(h.min(), std::uint64_t(7));
        h.reset();
        QCOMPARE(h.count(), std::uint64_t(0));
        QCOMPARE(h.max(), std::uint64_t(0));
        QVERIFY(h.nonZeroBuckets().isEmpty());
    }

    void mergeOfHalvesEqualsAll()
    {
        const Values values = generate(QStringLiteral("span"), 20'000);
        const Histogram all = histogramOf(values);
        Histogram first, second;
        for (std::size_t i = 0; i < values.size(); ++i)
            (i % 3 ? first : second).record(values[i]);
        Histogram merged;
        merged.merge(first);
        merged.merge(second);
        merged.merge(Histogram()); // merging nothing changes nothing
        QCOMPARE(merged.count(), all.count());
        QCOMPARE(merged.min(), all.min());
        QCOMPARE(merged.max(), all.max());
        QCOMPARE(merged.sum(), all.sum());
        QCOMPARE(merged.nonZeroBuckets(), all.nonZeroBuckets());
        for (double q : { 0.0, 50.0, 90.0, 99.0, 99.9, 100.0 })
            QCOMPARE(merged.percentile(q), all.percentile(q));
    }

    void fromBucketsRoundTrip()
    {
        const Histogram h = histogramOf(generate(QStringLiteral("bimodal"), 10'000));
        const Histogram back = Histogram::fromBuckets(h.nonZeroBuckets(), h.min(), h.max(), h.sum());
        QCOMPARE(back.count(), h.count());
        QCOMPARE(back.min(), h.min());
        QCOMPARE(back.max(), h.max());
        QCOMPARE(back.mean(), h.mean());
        QCOMPARE(back.nonZeroBuckets(), h.nonZeroBuckets());
        for (double q : { 0.0, 50.0, 95.0, 99.9, 100.0 })
            QCOMPARE(back.percentile(q), h.percentile(q));
    }

    void fromBucketsIgnoresCorruptInput()
    {
        const QList<QPair<int, std::uint64_t>> buckets { { -1, 5 }, { 10, 2 }, { 200, 1 }, { 1 << 20, 9 } };
        // min/max outside their buckets are pulled in, so every bucket stays reachable.
        const Histogram h = Histogram::fromBuckets(buckets, 0, 1'000'000, 92.0);
        QCOMPARE(h.count(), std::uint64_t(3));
        QCOMPARE(h.min(), std::uint64_t(10));
        QCOMPARE(h.max(), Histogram::bucketUpperBound(200) - 1);
        QCOMPARE(h.nonZeroBuckets().size(), 2);
        QVERIFY(Histogram::fromBuckets({}, 1, 2, 3).count() == 0);
    }
};

QTEST_GUILESS_MAIN(TestHistogram)
#include "tst_histogram.moc"
