// Evaluating k6-style thresholds on group statistics (the grammar is tested in tests/core/model).

#include "metrics/threshold.h"
#include "model/threshold.h"

#include <QTest>

using namespace stampede::metrics;
namespace model = stampede::model;

namespace {

/// A group with known values: 10 requests, 2 failures, latency 100..1000 ms (successes).
GroupStats sampleGroup()
{
    GroupStats g;
    g.model = QStringLiteral("all");
    g.requests = 10;
    g.successes = 8;
    g.failures = 2;
    g.attempts = 12;
    g.promptTokens = 5000;
    g.completionTokens = 2000;
    g.costUsd = 0.056;
    auto latency = QSharedPointer<Histogram>::create();
    for (std::uint64_t ms = 100; ms <= 1000; ms += 100)
        latency->record(ms * 1000);
    g.latency = LatencyStats::fromSharedHistogram(latency);
    auto speed = QSharedPointer<Histogram>::create();
    speed->record(50'000); // 50 tokens/s in milli-tokens/s
    g.outputSpeed = LatencyStats::fromSharedHistogram(speed);
    return g;
}

/// An aggregation of a metric, as a value (not parsed, so the evaluator's own check can be tested).
model::Threshold on(const QString &metric, const QString &aggregation)
{
    model::Threshold threshold;
    threshold.key.metric = metric;
    threshold.expr.aggregation = aggregation;
    return threshold;
}

} // namespace

class TestThreshold : public QObject
{
    Q_OBJECT

private slots:
    void evaluate_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::addColumn<QString>("aggregation");
        QTest::addColumn<bool>("hasValue");
        QTest::addColumn<double>("value");
        QTest::addRow("latency avg") << QStringLiteral("http_req_duration") << QStringLiteral("avg") << true << 550.0;
        QTest::addRow("latency max") << QStringLiteral("http_req_duration") << QStringLiteral("max") << true << 1000.0;
        QTest::addRow("latency p(90)") << QStringLiteral("http_req_duration") << QStringLiteral("p(90)") << true
                                       << 900.0;
        QTest::addRow("latency p(99.9)") << QStringLiteral("http_req_duration") << QStringLiteral("p(99.9)") << true
                                         << 1000.0;
        QTest::addRow("speed tokens/s") << QStringLiteral("output_tokens_per_s") << QStringLiteral("med") << true
                                        << 50.0;
        QTest::addRow("ttft no data") << QStringLiteral("ttft") << QStringLiteral("p(95)") << false << 0.0;
        QTest::addRow("failed rate") << QStringLiteral("http_req_failed") << QStringLiteral("rate") << true << 0.2;
        QTest::addRow("checks rate") << QStringLiteral("checks") << QStringLiteral("rate") << true << 0.75;
        QTest::addRow("http_reqs count") << QStringLiteral("http_reqs") << QStringLiteral("count") << true << 12.0;
        QTest::addRow("http_reqs rate") << QStringLiteral("http_reqs") << QStringLiteral("rate") << true << 1.2;
        QTest::addRow("iterations") << QStringLiteral("iterations") << QStringLiteral("count") << true << 10.0;
        QTest::addRow("dropped") << QStringLiteral("dropped_iterations") << QStringLiteral("count") << true << 3.0;
        QTest::addRow("completion tokens rate")
            << QStringLiteral("completion_tokens") << QStringLiteral("rate") << true << 200.0;
        QTest::addRow("prompt tokens") << QStringLiteral("prompt_tokens") << QStringLiteral("count") << true << 5000.0;
        QTest::addRow("cost") << QStringLiteral("cost_usd") << QStringLiteral("count") << true << 0.056;
        QTest::addRow("not allowed") << QStringLiteral("ttft") << QStringLiteral("rate") << false << 0.0;
    }

    void evaluate()
    {
        QFETCH(QString, metric);
        QFETCH(QString, aggregation);
        QFETCH(bool, hasValue);
        QFETCH(double, value);
        const QList<CheckResult> checks { { QStringLiteral("status 200"), 5, 1 }, { QStringLiteral("json"), 1, 1 } };
        const auto v = metricValue(sampleGroup(), on(metric, aggregation), 3, checks, 10.0);
        QCOMPARE(v.has_value(), hasValue);
        if (v)
            QVERIFY2(qAbs(*v - value) <= value * 0.005, qPrintable(QString::number(*v)));
    }

    void noDataIsNotEvaluated()
    {
        const GroupStats empty;
        const QList<CheckResult> noChecks { { QStringLiteral("status 200"), 0, 0 } };
        for (const QString &metric : model::thresholdMetrics()) {
            const QString aggregation = model::aggregationAllowed(metric, u"count") ? QStringLiteral("count")
                : model::aggregationAllowed(metric, u"rate")                        ? QStringLiteral("rate")
                                                                                    : QStringLiteral("avg");
            QVERIFY2(!metricValue(empty, on(metric, aggregation), 0, noChecks, 5.0), qPrintable(metric));
        }
        // A counter that moved is data even before any request finished.
        const QString dropped = QStringLiteral("dropped_iterations");
        QCOMPARE(metricValue(empty, on(dropped, QStringLiteral("count")), 4, {}, 2.0), std::optional<double>(4.0));
        QCOMPARE(metricValue(empty, on(dropped, QStringLiteral("rate")), 4, {}, 2.0), std::optional<double>(2.0));
        // goodput and slo_attainment: only for a group judged by an SLO, once it has requests.
        GroupStats judged = sampleGroup();
        judged.sloMet = 6;
        judged.sloAttainment = 0.6;
        const QString attainment = QStringLiteral("slo_attainment");
        const QString goodput = QStringLiteral("goodput");
        QVERIFY(!metricValue(judged, on(attainment, QStringLiteral("rate")), 0, {}, 2.0));
        judged.slo = stampede::model::Slo {};
        QCOMPARE(metricValue(judged, on(attainment, QStringLiteral("rate")), 0, {}, 2.0), std::optional<double>(0.6));
        QCOMPARE(metricValue(judged, on(goodput, QStringLiteral("rate")), 0, {}, 2.0), std::optional<double>(3.0));
        judged.requests = 0;
        QVERIFY(!metricValue(judged, on(goodput, QStringLiteral("rate")), 0, {}, 2.0));
        // Once requests finished, a zero counter is a real zero.
        GroupStats started;
        started.requests = 1;
        QCOMPARE(metricValue(started, on(dropped, QStringLiteral("count")), 0, {}, 2.0), std::optional<double>(0.0));
    }
};

QTEST_GUILESS_MAIN(TestThreshold)
#include "tst_threshold.moc"
