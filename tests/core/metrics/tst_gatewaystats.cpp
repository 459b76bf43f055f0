// What the gateway said in its headers and its 429s, counted (issue 14; docs/metrics.md, "Gateway
// headers" and "Rate limits (429)"): header values to numbers, per-group statistics and series, the
// bounds a server cannot push past, and the offered rate when 429s began.

#include "metrics/aggregator.h"
#include "metrics/gatewaystats.h"
#include "metrics/headervalues.h"

#include <QtTest/QTest>

using namespace stampede::metrics;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

RequestOutcome outcomeAt(std::int64_t scheduledNs, std::int64_t endNs)
{
    RequestOutcome o;
    o.scheduledNs = scheduledNs;
    o.sentNs = scheduledNs;
    o.endNs = endNs;
    o.httpStatus = 200;
    o.promptTokens = 10;
    o.completionTokens = 20;
    return o;
}

const HeaderSummary *find(const QList<HeaderSummary> &headers, const QString &name)
{
    for (const HeaderSummary &h : headers) {
        if (h.name == name)
            return &h;
    }
    return nullptr;
}

} // namespace

class TestGatewayStats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void goDurations_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<double>("seconds");
        QTest::newRow("seconds") << QByteArray("1s") << true << 1.0;
        QTest::newRow("openai minutes") << QByteArray("6m0s") << true << 360.0;
        QTest::newRow("fraction") << QByteArray("1.5s") << true << 1.5;
        QTest::newRow("ms") << QByteArray("20ms") << true << 0.02;
        QTest::newRow("compound") << QByteArray("1h2m3.5s") << true << 3723.5;
        QTest::newRow("micro") << QByteArray("250us") << true << 0.00025;
        QTest::newRow("bare number") << QByteArray("12") << false << 0.0;
        QTest::newRow("unknown unit") << QByteArray("3d") << false << 0.0;
        QTest::newRow("text") << QByteArray("HIT") << false << 0.0;
        QTest::newRow("empty") << QByteArray() << false << 0.0;
    }
    void goDurations()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, ok);
        QFETCH(double, seconds);
        double got = -1;
        QCOMPARE(parseGoDuration(text, &got), ok);
        if (ok)
            QVERIFY2(qAbs(got - seconds) < 1e-9, qPrintable(QString::number(got)));
    }

    void readsNumbersDurationsTimingAndText()
    {
        std::vector<HeaderReading> r;
        readHeader({ "x-ratelimit-remaining-requests", "59" }, r);
        readHeader({ "x-ratelimit-reset-tokens", "6m0s" }, r);
        readHeader({ "server-timing", "gateway;dur=3.25, upstream;desc=\"x\";dur=120, cache;desc=hit" }, r);
        readHeader({ "x-cache", "HIT" }, r);
        readHeader({ "x-litellm-overhead-duration-ms", "+1e1" }, r);
        readHeader({ "x-bad", "nan" }, r);
        QCOMPARE(int(r.size()), 7);
        QCOMPARE(r[0].name, QByteArray("x-ratelimit-remaining-requests"));
        QVERIFY(r[0].isNumber);
        QCOMPARE(r[0].number, 59.0);
        QCOMPARE(r[1].number, 360.0);
        QCOMPARE(r[2].name, QByteArray("server-timing.gateway"));
        QCOMPARE(r[2].number, 3.25);
        QCOMPARE(r[3].name, QByteArray("server-timing.upstream"));
        QCOMPARE(r[3].number, 120.0);
        QVERIFY(!r[4].isNumber); // x-cache: text
        QCOMPARE(r[4].text, QByteArray("HIT"));
        QCOMPARE(r[5].number, 10.0);
        QVERIFY(!r[6].isNumber); // "nan" is not a finite number: kept as text
        QCOMPARE(r[6].text, QByteArray("nan"));
    }

    void statisticsAndSeriesPerHeader()
    {
        GatewayTracker t;
        // Seconds 0..4, two responses each: remaining counts down 10 -> 1; overhead 5 ms always.
        int remaining = 10;
        for (int s = 0; s < 5; ++s) {
            for (int k = 0; k < 2; ++k) {
                RequestOutcome o = outcomeAt(s * kSecond, s * kSecond + (k + 1) * 100'000'000);
                o.headers = { { "x-ratelimit-remaining-requests", QByteArray::number(remaining--) },
                    { "x-litellm-overhead-duration-ms", "5" }, { "x-cache", k ? "HIT" : "MISS" } };
                t.add(o);
            }
        }
        const QList<HeaderSummary> live = t.headers(false);
        QCOMPARE(live.size(), 3);
        const HeaderSummary *rem = find(live, QStringLiteral("x-ratelimit-remaining-requests"));
        QVERIFY(rem);
        QCOMPARE(rem->count, 10);
        QCOMPARE(rem->mean, 5.5);
        QCOMPARE(rem->max, 10.0);
        QCOMPARE(rem->last, 1.0); // the latest response's
        QVERIFY2(qAbs(rem->p50 - 5.0) < 0.05, qPrintable(QString::number(rem->p50)));
        QVERIFY(rem->series.isEmpty()); // never in a live snapshot
        const HeaderSummary *overhead = find(live, QStringLiteral("x-litellm-overhead-duration-ms"));
        QCOMPARE(overhead->p50, 5.0);
        QCOMPARE(overhead->p95, 5.0);
        const HeaderSummary *cache = find(live, QStringLiteral("x-cache"));
        QCOMPARE(cache->count, 0);
        QCOMPARE(cache->values.value(QStringLiteral("HIT")), 5);
        QCOMPARE(cache->values.value(QStringLiteral("MISS")), 5);

        const QList<HeaderSummary> withSeries = t.headers(true);
        const HeaderSummary *series = find(withSeries, QStringLiteral("x-ratelimit-remaining-requests"));
        QVERIFY(series);
        QCOMPARE(series->series.size(), 5);
        QCOMPARE(series->series[0].second, 0);
        QCOMPARE(series->series[0].mean, 9.5); // 10 and 9
        QCOMPARE(series->series[4].mean, 1.5);
    }

    void boundedWhateverTheServerSends()
    {
        GatewayTracker t;
        for (int i = 0; i < 500; ++i) {
            RequestOutcome o = outcomeAt(0, kSecond);
            o.headers = { { QByteArray("x-invented-") + QByteArray::number(i), "1" },
                { "x-cache", QByteArray("value-") + QByteArray::number(i) } };
            t.add(o);
        }
        const QList<HeaderSummary> h = t.headers(true);
        QCOMPARE(h.size(), GatewayTracker::kMaxHeaderNames);
        const HeaderSummary *cache = find(h, QStringLiteral("x-cache"));
        QVERIFY(cache);
        QCOMPARE(cache->values.size(), GatewayTracker::kMaxTextValues + 1);
        QCOMPARE(cache->values.value(QStringLiteral("(other)")), 500 - GatewayTracker::kMaxTextValues);
    }

    void rateLimitsBeganAtTheOfferedRate()
    {
        GatewayTracker t;
        // 2 req/s for 10 s, then 8 req/s; the first 429 comes at 12.5 s. Over seconds 3..12:
        // 7 x 2 + 3 x 8 = 38 requests, 30 tokens each.
        for (int s = 0; s < 15; ++s) {
            const int perSecond = s < 10 ? 2 : 8;
            for (int k = 0; k < perSecond; ++k) {
                RequestOutcome o = outcomeAt(s * kSecond + k * (kSecond / perSecond), s * kSecond + 900'000'000);
                if (s >= 12 && k == 0) {
                    o.rateLimited = 2; // answered 429 twice, retried after 1 s each
                    o.first429Ns = s * kSecond + 500'000'000;
                    o.retryAfterMs = 2000;
                    o.retryWaitMs = 2050;
                    o.retryReasons = { QStringLiteral("http_429"), QStringLiteral("http_429") };
                }
                t.add(o);
            }
        }
        const RateLimitSummary r = t.rateLimits(true);
        QVERIFY(r.any());
        QCOMPARE(r.responses429, 6);
        QCOMPARE(r.requests429, 3);
        QCOMPARE(r.retried429, 6);
        QCOMPARE(r.first429S, 12.5);
        QCOMPARE(r.offeredRpsAtFirst429, 3.8);
        QCOMPARE(r.tokenRateAtFirst429, 3.8 * 30);
        QCOMPARE(r.retryAfterAskedS, 6.0);
        QCOMPARE(r.retryWaitS, 6.15);
        QCOMPARE(r.series.size(), 15);
        QCOMPARE(r.series[12].offered, 8);
        QCOMPARE(r.series[12].responses429, 2);
        QCOMPARE(r.series[11].responses429, 0);
        QVERIFY(t.rateLimits(false).series.isEmpty());
    }

    void aggregatorCarriesThemPerModel()
    {
        AggregatorConfig config;
        config.models = { QStringLiteral("a"), QStringLiteral("b") };
        Aggregator aggregator(config);
        RequestOutcome o = outcomeAt(0, kSecond / 2);
        o.modelIndex = 1;
        o.headers = { { "x-litellm-overhead-duration-ms", "7" } };
        o.requestId = QStringLiteral("req_1");
        aggregator.add(o);
        RequestOutcome limited = outcomeAt(0, kSecond / 2);
        limited.errorClass = ErrorClass::Http;
        limited.httpStatus = 429;
        limited.rateLimited = 1;
        limited.first429Ns = kSecond / 2;
        limited.requestId = QStringLiteral("req_429");
        aggregator.add(limited);
        const RunSummary summary = aggregator.finish(kSecond);
        QCOMPARE(summary.models[1].headers.size(), 1);
        QCOMPARE(summary.models[1].headers[0].p50, 7.0);
        QCOMPARE(summary.models[1].headers[0].series.size(), 1);
        QCOMPARE(summary.overall.headers.size(), 1);
        QVERIFY(summary.models[1].rateLimits.responses429 == 0);
        QCOMPARE(summary.models[0].rateLimits.responses429, 1);
        QCOMPARE(summary.overall.rateLimits.first429S, 0.5);
        QCOMPARE(summary.failures.size(), 1);
        QCOMPARE(summary.failures[0].exampleRequestId, QStringLiteral("req_429")); // to find it in the gateway's logs
    }
};

QTEST_GUILESS_MAIN(TestGatewayStats)
#include "tst_gatewaystats.moc"
