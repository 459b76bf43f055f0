// Small value types of the metrics room: error keys and finish reasons (both ways), run end names, LatencyStats
// aggregations and RunSummary::thresholdsPassed.

#include "metrics/requestoutcome.h"
#include "metrics/stats.h"

#include <QTest>

using namespace stampede::metrics;

Q_DECLARE_METATYPE(stampede::metrics::ErrorClass)
Q_DECLARE_METATYPE(stampede::metrics::FinishReason)

class TestMetricStats : public QObject
{
    Q_OBJECT

private slots:
    void errorKeys_data()
    {
        QTest::addColumn<ErrorClass>("cls");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("key");
        QTest::addRow("none") << ErrorClass::None << 200 << QString();
        QTest::addRow("http 429") << ErrorClass::Http << 429 << QStringLiteral("http_429");
        QTest::addRow("http 503") << ErrorClass::Http << 503 << QStringLiteral("http_503");
        QTest::addRow("timeout") << ErrorClass::Timeout << 0 << QStringLiteral("timeout");
        QTest::addRow("connect timeout") << ErrorClass::ConnectTimeout << 0 << QStringLiteral("connect_timeout");
        QTest::addRow("refused") << ErrorClass::ConnectionRefused << 0 << QStringLiteral("connection_refused");
        QTest::addRow("reset") << ErrorClass::ConnectionReset << 0 << QStringLiteral("connection_reset");
        QTest::addRow("tls") << ErrorClass::Tls << 0 << QStringLiteral("tls");
        QTest::addRow("malformed") << ErrorClass::Malformed << 200 << QStringLiteral("malformed_response");
        QTest::addRow("stream cut") << ErrorClass::StreamCut << 200 << QStringLiteral("stream_cut");
        QTest::addRow("cancelled") << ErrorClass::Cancelled << 0 << QStringLiteral("cancelled");
        QTest::addRow("network") << ErrorClass::Network << 0 << QStringLiteral("network");
        QTest::addRow("proxy") << ErrorClass::Proxy << 0 << QStringLiteral("proxy");
    }

    void errorKeys()
    {
        QFETCH(ErrorClass, cls);
        QFETCH(int, status);
        QFETCH(QString, key);
        QCOMPARE(errorKey(cls, status), key);
        // and back, as the journal reads it
        int keyStatus = -1;
        QCOMPARE(errorClassFromKey(key, &keyStatus), cls);
        QCOMPARE(keyStatus, cls == ErrorClass::Http ? status : 0);
    }

    void finishReasons_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<FinishReason>("reason");
        QTest::addRow("empty") << QString() << FinishReason::None;
        QTest::addRow("stop") << QStringLiteral("stop") << FinishReason::Stop;
        QTest::addRow("length") << QStringLiteral("length") << FinishReason::Length;
        QTest::addRow("tool_calls") << QStringLiteral("tool_calls") << FinishReason::ToolCalls;
        QTest::addRow("content_filter") << QStringLiteral("content_filter") << FinishReason::ContentFilter;
        QTest::addRow("function_call") << QStringLiteral("function_call") << FinishReason::Other;
    }

    void finishReasons()
    {
        QFETCH(QString, text);
        QFETCH(FinishReason, reason);
        QCOMPARE(finishReasonFromString(text), reason);
        if (reason != FinishReason::Other)
            QCOMPARE(finishReasonName(reason), text);
    }

    void latencyStatsFromHistogram()
    {
        Histogram h;
        for (std::uint64_t ms = 1; ms <= 100; ++ms)
            h.record(ms * 1000); // 1..100 ms in µs
        const LatencyStats s = LatencyStats::fromHistogram(h);
        QCOMPARE(s.count, std::uint64_t(100));
        QCOMPARE(s.min, 1.0);
        QCOMPARE(s.max, 100.0);
        QCOMPARE(s.mean, 50.5);
        QVERIFY(qAbs(s.p50 - 50.0) <= 50.0 * 0.01);
        QVERIFY(qAbs(s.p99 - 99.0) <= 99.0 * 0.01);
        QVERIFY(!s.histogram);
        QCOMPARE(LatencyStats::fromHistogram(Histogram()).count, std::uint64_t(0));
    }

    void secondLatencyWidensToShortestDecimal_data()
    {
        QTest::addColumn<double>("value");
        QTest::addRow("bucket midpoint") << 53.8875; // percentiles are half-µs values / 1000
        QTest::addRow("integer ms") << 64.0;
        QTest::addRow("sub-ms") << 2.9995;
        QTest::addRow("long stream") << 29'999.5;
        QTest::addRow("zero") << 0.0;
    }

    void secondLatencyWidensToShortestDecimal()
    {
        QFETCH(double, value);
        // Values with at most 7 significant digits come back as the very double they started as.
        QCOMPARE(SecondLatency::widen(float(value)), value);
        LatencyStats wide;
        wide.count = 3;
        wide.p95 = value;
        wide.mean = 1.0 / 3.0;
        const LatencyStats back = SecondLatency(wide);
        QCOMPARE(back.count, std::uint64_t(3));
        QCOMPARE(back.p95, value);
        QCOMPARE(back.mean, 0.333); // to the µs, like the samples behind it
        QVERIFY(!back.histogram);
    }

    void secondLatencyFromHistogram()
    {
        Histogram h;
        for (std::uint64_t ms = 1; ms <= 100; ++ms)
            h.record(ms * 1000);
        const LatencyStats full = LatencyStats::fromHistogram(h);
        const LatencyStats compact = SecondLatency::fromHistogram(h);
        QCOMPARE(compact.count, full.count);
        for (auto member : { &LatencyStats::mean, &LatencyStats::min, &LatencyStats::p50, &LatencyStats::p90,
                 &LatencyStats::p95, &LatencyStats::p99, &LatencyStats::max })
            QVERIFY(qAbs(compact.*member - full.*member) <= std::max(full.*member * 1e-7, 0.0005));
        QCOMPARE(sizeof(SecondLatency), std::size_t(32)); // the history's cost: docs/benchmarks.md
    }

    void latencyStatsValue_data()
    {
        QTest::addColumn<QString>("aggregation");
        QTest::addColumn<bool>("shared");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<double>("expected");
        QTest::addRow("avg") << QStringLiteral("avg") << false << true << 50.5;
        QTest::addRow("min") << QStringLiteral("min") << false << true << 1.0;
        QTest::addRow("max") << QStringLiteral("max") << false << true << 100.0;
        QTest::addRow("med") << QStringLiteral("med") << false << true << 50.0;
        QTest::addRow("p(95) stored") << QStringLiteral("p(95)") << false << true << 95.0;
        QTest::addRow("p(100) stored") << QStringLiteral("p(100)") << false << true << 100.0;
        QTest::addRow("p(99.9) needs histogram") << QStringLiteral("p(99.9)") << false << false << 0.0;
        QTest::addRow("p(99.9) with histogram") << QStringLiteral("p(99.9)") << true << true << 100.0;
        QTest::addRow("p(75) with histogram") << QStringLiteral("p(75)") << true << true << 75.0;
        QTest::addRow("p(150)") << QStringLiteral("p(150)") << true << false << 0.0;
        QTest::addRow("rate") << QStringLiteral("rate") << true << false << 0.0;
    }

    void latencyStatsValue()
    {
        QFETCH(QString, aggregation);
        QFETCH(bool, shared);
        QFETCH(bool, ok);
        QFETCH(double, expected);
        auto h = QSharedPointer<Histogram>::create();
        for (std::uint64_t ms = 1; ms <= 100; ++ms)
            h->record(ms * 1000);
        const LatencyStats s = shared ? LatencyStats::fromSharedHistogram(h) : LatencyStats::fromHistogram(*h);
        bool good = !ok;
        const double v = s.value(aggregation, &good);
        QCOMPARE(good, ok);
        QVERIFY2(qAbs(v - expected) <= qMax(1e-9, expected * 0.01), qPrintable(QString::number(v)));
    }

    void thresholdsPassed()
    {
        RunSummary summary;
        QVERIFY(summary.thresholdsPassed());
        ThresholdResult notEvaluated;
        notEvaluated.passed = false;
        notEvaluated.evaluated = false;
        summary.thresholds = { notEvaluated };
        QVERIFY(summary.thresholdsPassed()); // no data is not a failure
        ThresholdResult passed;
        passed.evaluated = true;
        summary.thresholds.append(passed);
        QVERIFY(summary.thresholdsPassed());
        ThresholdResult failed;
        failed.evaluated = true;
        failed.passed = false;
        summary.thresholds.append(failed);
        QVERIFY(!summary.thresholdsPassed());
    }
};

QTEST_GUILESS_MAIN(TestMetricStats)
#include "tst_metricstats.moc"
