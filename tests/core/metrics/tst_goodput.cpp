// SLO judging, goodput and slo_attainment on virtual time: hand-made outcomes (met, failed, not
// applicable, cancelled) judged one by one and counted per model, overall and per second, checked
// against a hand count; and the two metrics in thresholds.

#include "metrics/aggregator.h"
#include "metrics/slojudge.h"

#include <QTest>

using namespace stampede::metrics;
using stampede::model::Slo;
using stampede::model::SloMetric;

namespace {

constexpr std::int64_t msNs = 1'000'000;
constexpr std::int64_t secNs = 1'000'000'000;

/// A whole (not streamed) answer of `tokens` tokens sent at `sentMs`, taking `latencyMs`; its
/// "first token" is its last byte, as the request runner stamps it.
RequestOutcome whole(int model, std::int64_t sentMs, std::int64_t latencyMs, std::int64_t tokens = 10)
{
    RequestOutcome o;
    o.modelIndex = model;
    o.scheduledNs = o.dispatchedNs = o.sentNs = sentMs * msNs;
    o.firstByteNs = o.firstTokenNs = o.lastTokenNs = o.endNs = o.sentNs + latencyMs * msNs;
    o.httpStatus = 200;
    o.finishReason = FinishReason::Stop;
    o.completionTokens = tokens;
    return o;
}

/// A stream: first token after `ttftMs`, then `tokens - 1` more every `tpotMs`, end 20 ms later.
RequestOutcome stream(int model, std::int64_t sentMs, std::int64_t ttftMs, std::int64_t tokens, std::int64_t tpotMs)
{
    RequestOutcome o = whole(model, sentMs, 0, tokens);
    o.streamed = true;
    o.firstByteNs = o.firstTokenNs = o.sentNs + ttftMs * msNs;
    o.lastTokenNs = o.firstTokenNs + (tokens - 1) * tpotMs * msNs;
    o.endNs = o.lastTokenNs + 20 * msNs;
    return o;
}

RequestOutcome withError(RequestOutcome o, ErrorClass cls, int status = 0)
{
    o.errorClass = cls;
    o.httpStatus = status;
    return o;
}

Slo slo(std::optional<std::int64_t> durationMs, std::optional<std::int64_t> ttftMs, std::optional<std::int64_t> tpotMs)
{
    Slo s;
    s.setBound(SloMetric::HttpReqDuration, durationMs);
    s.setBound(SloMetric::Ttft, ttftMs);
    s.setBound(SloMetric::Tpot, tpotMs);
    return s;
}

/// Models a and b; the top level bounds duration < 500 ms, ttft < 200 ms, tpot < 50 ms; b
/// overrides ttft with < 100 ms.
AggregatorConfig judgedConfig()
{
    AggregatorConfig config;
    config.models = { QStringLiteral("a"), QStringLiteral("b") };
    config.prices = { {}, {} };
    config.slo = slo(500, 200, 50);
    config.modelSlos = { config.slo, config.slo.overriddenBy(slo(std::nullopt, 100, std::nullopt)) };
    return config;
}

/// Hand count (judgedConfig()): a has 7 requests (the cancelled one is none), 3 meet; b has 2, 1 meets.
void addHandCounted(Aggregator &agg)
{
    agg.add(stream(0, 0, 100, 5, 20)); // a: ttft 100, tpot 20, 200 ms: met
    agg.add(stream(0, 10, 300, 5, 20)); // a: ttft 300: missed
    agg.add(whole(0, 20, 400)); // a: 400 ms, not streamed (ttft, tpot not applicable): met
    agg.add(whole(0, 30, 600)); // a: 600 ms: missed
    agg.add(stream(0, 40, 50, 1, 0)); // a: one token (tpot not applicable), 70 ms: met
    agg.add(withError(whole(0, 50, 50), ErrorClass::Http, 503)); // a: failed: missed
    agg.add(stream(0, 60, 200, 3, 10)); // a: ttft exactly 200: missed (strictly less)
    agg.add(withError(stream(0, 70, 10, 2, 10), ErrorClass::Cancelled)); // a: cancelled: not judged
    agg.add(stream(1, 80, 150, 3, 10)); // b: ttft 150, within the top level's 200 but not b's 100: missed
    agg.add(stream(1, 90, 80, 3, 10)); // b: met
}

AggregatorConfig::Threshold threshold(const char *key, const char *expr)
{
    return { QString::fromUtf8(key), QString::fromUtf8(expr), false, 0 };
}

} // namespace

class TestGoodput : public QObject
{
    Q_OBJECT

private slots:
    void judgesOneRequest_data()
    {
        QTest::addColumn<RequestOutcome>("outcome");
        QTest::addColumn<Slo>("bounds");
        QTest::addColumn<bool>("met");
        const Slo all = slo(500, 200, 50);
        QTest::addRow("within every bound") << stream(0, 0, 100, 5, 20) << all << true;
        QTest::addRow("ttft over") << stream(0, 0, 250, 5, 20) << all << false;
        QTest::addRow("tpot over") << stream(0, 0, 100, 5, 60) << all << false;
        QTest::addRow("duration over") << stream(0, 0, 100, 20, 40) << all << false; // 100 + 760 + 20 ms
        QTest::addRow("equal to the bound is over") << whole(0, 0, 500) << all << false;
        QTest::addRow("just under the bound") << whole(0, 0, 499) << all << true;
        QTest::addRow("not streamed: ttft and tpot do not apply")
            << whole(0, 0, 450) << slo(std::nullopt, 10, 1) << true;
        QTest::addRow("one token: tpot does not apply") << stream(0, 0, 100, 1, 0) << slo(std::nullopt, 200, 1) << true;
        QTest::addRow("no content: ttft does not apply") << [] {
            RequestOutcome o = stream(0, 0, 100, 1, 0);
            o.firstTokenNs = o.lastTokenNs = -1;
            return o;
        }() << slo(std::nullopt, 1, std::nullopt) << true;
        QTest::addRow("failed within the bounds") << withError(whole(0, 0, 10), ErrorClass::Http, 500) << all << false;
        QTest::addRow("cut stream") << withError(stream(0, 0, 10, 2, 10), ErrorClass::StreamCut) << all << false;
        QTest::addRow("cancelled") << withError(stream(0, 0, 10, 2, 10), ErrorClass::Cancelled) << all << false;
        QTest::addRow("no bound: a success meets it") << whole(0, 0, 60'000) << Slo {} << true;
    }

    void judgesOneRequest()
    {
        QFETCH(RequestOutcome, outcome);
        QFETCH(Slo, bounds);
        QFETCH(bool, met);
        QCOMPARE(meetsSlo(outcome, OutcomeSamples::of(outcome), bounds), met);
    }

    void countsPerModelOverallAndSecond()
    {
        Aggregator agg(judgedConfig());
        addHandCounted(agg);
        const Snapshot s = agg.snapshot(2 * secNs, 10'000);
        QVERIFY(s.overall.hasSlo());
        QCOMPARE(*s.overall.slo, slo(500, 200, 50));
        QCOMPARE(s.overall.requests, 9);
        QCOMPARE(s.overall.cancelled, 1);
        QCOMPARE(s.overall.sloMet, 4);
        QCOMPARE(s.overall.goodput, 2.0); // 4 over the 2 s window, as rps
        QCOMPARE(s.overall.sloAttainment, 4.0 / 9.0);
        QCOMPARE(s.models[0].sloMet, 3);
        QCOMPARE(s.models[0].sloAttainment, 3.0 / 7.0);
        QCOMPARE(s.models[1].sloMet, 1);
        QCOMPARE(s.models[1].sloAttainment, 0.5);
        QCOMPARE(s.models[1].slo->bound(SloMetric::Ttft), std::optional<std::int64_t>(100));
        QCOMPARE(s.models[1].slo->bound(SloMetric::HttpReqDuration), std::optional<std::int64_t>(500));
        // Per second: every request ended in second 0.
        QCOMPARE(s.newSeconds.size(), 1);
        QCOMPARE(s.newSeconds[0].groups[0].sloMet, 4);
        QCOMPARE(s.newSeconds[0].groups[1].sloMet, 3);
        QCOMPARE(s.newSeconds[0].groups[2].sloMet, 1);

        const RunSummary r = agg.finish(4 * secNs);
        QCOMPARE(r.overall.sloMet, 4);
        QCOMPARE(r.overall.goodput, 1.0);
        QCOMPARE(r.history.size(), 4);
        QCOMPARE(r.history[3].groups[0].sloMet, 0); // a judged second without requests: none met, not absent
    }

    void absentWithoutSlo()
    {
        AggregatorConfig config = judgedConfig();
        config.slo = {};
        config.modelSlos = { Slo {}, Slo {} };
        Aggregator agg(config);
        addHandCounted(agg);
        const RunSummary r = agg.finish(2 * secNs);
        QVERIFY(!r.overall.hasSlo());
        QVERIFY(!r.models[0].hasSlo() && !r.models[1].hasSlo());
        QCOMPARE(r.overall.sloMet, 0);
        QCOMPARE(r.overall.sloAttainment, 0.0);
        QCOMPARE(r.history[0].groups[0].sloMet, -1);
        QCOMPARE(r.history[0].groups[1].sloMet, -1);
    }

    void onlyOneModelDeclares()
    {
        // Only b declares an SLO: b and "all" are judged; a is not, and its successes meet "all"'s
        // (no bound applies to them).
        AggregatorConfig config = judgedConfig();
        config.slo = {};
        config.modelSlos = { Slo {}, slo(std::nullopt, 100, std::nullopt) };
        Aggregator agg(config);
        addHandCounted(agg);
        const RunSummary r = agg.finish(2 * secNs);
        QVERIFY(r.overall.hasSlo());
        QVERIFY(r.overall.slo->isEmpty());
        QVERIFY(!r.models[0].hasSlo());
        QVERIFY(r.models[1].hasSlo());
        QCOMPARE(r.models[1].sloMet, 1);
        QCOMPARE(r.overall.sloMet, 6 + 1); // a's 6 successes, b's 1
        QCOMPARE(r.history[0].groups[0].sloMet, 7);
        QCOMPARE(r.history[0].groups[1].sloMet, -1);
    }

    void thresholdsPassAndFail()
    {
        AggregatorConfig config = judgedConfig();
        config.thresholds
            = { threshold("slo_attainment", "rate>0.95"), threshold("slo_attainment{model:b}", "rate>=0.5"),
                  threshold("goodput", "rate>=2"), threshold("goodput{model:a}", "rate>2") };
        Aggregator agg(config);
        for (const ThresholdResult &t : agg.snapshot(secNs / 2, 0).thresholds)
            QVERIFY2(!t.evaluated, qPrintable(t.metric)); // no request yet
        addHandCounted(agg);
        const RunSummary r = agg.finish(2 * secNs);
        QVERIFY(r.warnings.isEmpty());
        QCOMPARE(r.thresholds.size(), 4);
        const auto expect = [&r](int i, double value, bool passed) {
            const ThresholdResult &t = r.thresholds[i];
            QVERIFY2(t.evaluated, qPrintable(t.metric));
            QCOMPARE(t.value, value);
            QCOMPARE(t.passed, passed);
        };
        expect(0, 4.0 / 9.0, false);
        expect(1, 0.5, true);
        expect(2, 2.0, true); // 4 met over 2 s
        expect(3, 1.5, false); // a: 3 met over 2 s
        QVERIFY(!r.thresholdsPassed());
    }

    void thresholdsWithoutSloAreNeverEvaluated()
    {
        AggregatorConfig config = judgedConfig();
        config.slo = {};
        config.modelSlos = { Slo {}, slo(std::nullopt, 100, std::nullopt) };
        config.thresholds = { threshold("goodput{model:a}", "rate>1"), threshold("slo_attainment{model:b}", "rate>0") };
        Aggregator agg(config);
        addHandCounted(agg);
        const RunSummary r = agg.finish(2 * secNs);
        QVERIFY(!r.thresholds[0].evaluated);
        QVERIFY(r.thresholds[1].evaluated);
        QCOMPARE(r.warnings.size(), 1);
        QVERIFY2(r.warnings[0].contains(QStringLiteral("goodput{model:a} rate>1 is never evaluated: no slo is declared "
                                                       "for model a")),
            qPrintable(r.warnings[0]));
    }
};

QTEST_GUILESS_MAIN(TestGoodput)
#include "tst_goodput.moc"
