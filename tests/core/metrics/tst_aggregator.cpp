// Aggregator on virtual time: synthetic outcomes with known timestamps across seconds and models,
// checked against hand-computed counts, latencies, token timings, cost, windows and thresholds.

#include "metrics/aggregator.h"
#include "model/metricnames.h"

#include <QTest>

using namespace stampede::metrics;
namespace names = stampede::model::names;

namespace {

constexpr std::int64_t msNs = 1'000'000;
constexpr std::int64_t secNs = 1'000'000'000;

/// A successful non-streamed request of `model` sent at `sentMs` taking `latencyMs`.
RequestOutcome success(int model, std::int64_t sentMs, std::int64_t latencyMs)
{
    RequestOutcome o;
    o.modelIndex = model;
    o.scheduledNs = sentMs * msNs;
    o.dispatchedNs = o.scheduledNs;
    o.sentNs = o.scheduledNs;
    o.firstByteNs = o.sentNs + std::min<std::int64_t>(latencyMs, 10) * msNs;
    o.endNs = o.sentNs + latencyMs * msNs;
    o.httpStatus = 200;
    o.finishReason = FinishReason::Stop;
    return o;
}

RequestOutcome failure(int model, std::int64_t sentMs, std::int64_t latencyMs, ErrorClass cls, int status = 0)
{
    RequestOutcome o = success(model, sentMs, latencyMs);
    o.errorClass = cls;
    o.httpStatus = status;
    o.finishReason = FinishReason::None;
    return o;
}

/// A stream: first token after `ttftMs`, then `tokens - 1` more every `tpotMs`, end 20 ms later.
RequestOutcome stream(int model, std::int64_t sentMs, std::int64_t ttftMs, std::int64_t tokens, std::int64_t tpotMs)
{
    RequestOutcome o = success(model, sentMs, 0);
    o.streamed = true;
    o.firstTokenNs = o.sentNs + ttftMs * msNs;
    o.lastTokenNs = o.firstTokenNs + (tokens - 1) * tpotMs * msNs;
    o.endNs = o.lastTokenNs + 20 * msNs;
    o.completionTokens = tokens;
    o.itlUs.assign(std::size_t(tokens - 1), std::uint32_t(tpotMs * 1000));
    return o;
}

AggregatorConfig twoModels()
{
    AggregatorConfig config;
    config.models = { QStringLiteral("a"), QStringLiteral("b") };
    config.prices = { { 8.0, 8.0 }, { 1.0, 2.0 } };
    return config;
}

AggregatorConfig::Threshold threshold(const char *key, const char *expr, bool abort = false, std::int64_t delayMs = 0)
{
    return { QString::fromUtf8(key), QString::fromUtf8(expr), abort, delayMs };
}

bool within(double value, double expected, double relative = 0.01)
{
    return qAbs(value - expected) <= qAbs(expected) * relative + 1e-9;
}

} // namespace

class TestAggregator : public QObject
{
    Q_OBJECT

private slots:
    void countsErrorsAndRetries()
    {
        Aggregator agg(twoModels());
        agg.add(success(0, 0, 100));
        RequestOutcome retried = success(1, 10, 200);
        retried.attempts = 3;
        retried.retryReasons = { QStringLiteral("http_429"), QStringLiteral("http_429") };
        retried.finishReason = FinishReason::Length;
        retried.tokensEstimated = true;
        agg.add(retried);
        agg.add(failure(0, 20, 50, ErrorClass::Http, 503));
        agg.add(failure(1, 30, 60, ErrorClass::Http, 503));
        agg.add(failure(1, 40, 30'000, ErrorClass::Timeout));
        RequestOutcome refused = failure(0, 50, 1, ErrorClass::ConnectionRefused);
        refused.sentNs = refused.firstByteNs = -1; // never sent
        agg.add(refused);

        const Snapshot s = agg.snapshot(2 * secNs, 10'000);
        QCOMPARE(s.overall.model, QStringLiteral("all"));
        QCOMPARE(s.overall.requests, 6);
        QCOMPARE(s.overall.successes, 2);
        QCOMPARE(s.overall.failures, 4);
        QCOMPARE(s.overall.errorRate(), 4.0 / 6.0);
        const QMap<QString, std::int64_t> errors { { QStringLiteral("http_503"), 2 }, { QStringLiteral("timeout"), 1 },
            { QStringLiteral("connection_refused"), 1 } };
        QCOMPARE(s.overall.errors, errors);
        QCOMPARE(s.overall.attempts, 8);
        QCOMPARE(s.overall.retried, (QMap<QString, std::int64_t> { { QStringLiteral("http_429"), 2 } }));
        QCOMPARE(s.overall.truncated, 1);
        QCOMPARE(s.overall.estimatedTokenRequests, 1);
        QCOMPARE(s.overall.rps, 3.0);
        QCOMPARE(s.models.size(), 2);
        QCOMPARE(s.models[0].model, QStringLiteral("a"));
        QCOMPARE(s.models[0].requests, 3);
        QCOMPARE(s.models[0].errors.value(QStringLiteral("connection_refused")), 1);
        QCOMPARE(s.models[1].requests, 3);
        QCOMPARE(s.models[1].errors.value(QStringLiteral("timeout")), 1);
        QCOMPARE(s.models[1].retried.value(QStringLiteral("http_429")), 2);
        // Latency over successes; the _all view over every sent request (the refused one was not).
        QCOMPARE(s.overall.latency.count, std::uint64_t(2));
        QCOMPARE(s.overall.latencyAll.count, std::uint64_t(5));
        QCOMPARE(s.overall.latencyAll.max, 30'000.0);
        QCOMPARE(s.overall.latency.max, 200.0);
    }

    void unknownModelCountsOnlyInAll()
    {
        Aggregator agg(twoModels());
        agg.add(success(7, 0, 100));
        const RunSummary r = agg.finish(secNs);
        QCOMPARE(r.overall.requests, 1);
        QCOMPARE(r.models[0].requests + r.models[1].requests, 0);
        QCOMPARE(r.history.size(), 1);
        QCOMPARE(r.history[0].groups[0].requests, 1);
    }

    void latencyPercentiles()
    {
        Aggregator agg(twoModels());
        for (int i = 1; i <= 1000; ++i)
            agg.add(success(i % 2, 0, i)); // 1..1000 ms
        agg.add(failure(0, 0, 5000, ErrorClass::Timeout));
        const RunSummary r = agg.finish(6 * secNs);
        const LatencyStats &l = r.overall.latency;
        QCOMPARE(l.count, std::uint64_t(1000));
        QCOMPARE(l.min, 1.0);
        QCOMPARE(l.max, 1000.0);
        QCOMPARE(l.mean, 500.5);
        QVERIFY(within(l.p50, 500));
        QVERIFY(within(l.p90, 900));
        QVERIFY(within(l.p95, 950));
        QVERIFY(within(l.p99, 990));
        QVERIFY(within(l.value(QStringLiteral("p(99.9)")), 999));
        QCOMPARE(r.overall.latencyAll.max, 5000.0);
        QCOMPARE(r.models[0].latency.count, std::uint64_t(500)); // even latencies: 2..1000
        QCOMPARE(r.models[0].latency.min, 2.0);
        QCOMPARE(r.models[1].latency.max, 999.0);
    }

    void tokenTimings()
    {
        Aggregator agg(twoModels());
        // ttft 200 ms, 100 tokens 20 ms apart: last token at 2180 ms, end at 2200 ms.
        agg.add(stream(0, 0, 200, 100, 20));
        const RunSummary r = agg.finish(3 * secNs);
        QCOMPARE(r.overall.ttft.count, std::uint64_t(1));
        QCOMPARE(r.overall.ttft.p50, 200.0);
        QCOMPARE(r.overall.tpot.p50, 20.0);
        QCOMPARE(r.overall.latency.max, 2200.0);
        QCOMPARE(r.overall.itl.count, std::uint64_t(99));
        QCOMPARE(r.overall.itl.max, 20.0);
        // 100 tokens / (2.2 s - 0.2 s) = 50 tokens/s, kept as milli-tokens/s in the histogram.
        QCOMPARE(r.overall.outputSpeed.p50, 50.0);
        QCOMPARE(r.histograms.value(QStringLiteral("output_tokens_per_s")).max(), std::uint64_t(50'000));
        QCOMPARE(r.histograms.value(QStringLiteral("tpot{model:a}")).max(), std::uint64_t(20'000));
        QCOMPARE(r.overall.completionTokens, 100);
        QVERIFY(within(r.overall.outputTokensPerSec, 100.0 / 3.0));
    }

    void tokenTimingEdgeCases()
    {
        Aggregator agg(twoModels());
        RequestOutcome plain = success(0, 0, 4000); // not streamed: 200 tokens over sent -> end
        plain.completionTokens = 200;
        agg.add(plain);
        RequestOutcome single = stream(0, 0, 300, 1, 20); // one token: no TPOT
        agg.add(single);
        RequestOutcome cut = stream(1, 0, 100, 50, 10); // failed stream: no TTFT/TPOT/speed, ITL kept
        cut.errorClass = ErrorClass::StreamCut;
        agg.add(cut);
        const RunSummary r = agg.finish(5 * secNs);
        QCOMPARE(r.overall.ttft.count, std::uint64_t(1));
        QCOMPARE(r.overall.tpot.count, std::uint64_t(0));
        QCOMPARE(r.overall.outputSpeed.count, std::uint64_t(2));
        QCOMPARE(r.overall.outputSpeed.min, 50.0); // plain: 200 / 4 s
        QCOMPARE(r.overall.itl.count, std::uint64_t(49));
        QCOMPARE(r.overall.ttfb.count, std::uint64_t(3));
    }

    void queueAndScheduled()
    {
        AggregatorConfig config = twoModels();
        config.openModel = true;
        Aggregator agg(config);
        RequestOutcome late = success(0, 100, 500); // sent at 100 ms, ends at 600 ms
        late.scheduledNs = 0;
        agg.add(late);
        const Snapshot s = agg.snapshot(secNs, 1000);
        QVERIFY(s.openModel);
        QCOMPARE(s.overall.queue.max, 100.0);
        QCOMPARE(s.overall.scheduledLatency.max, 600.0);
        QCOMPARE(s.overall.latency.max, 500.0);
        QCOMPARE(s.overall.ttfb.max, 10.0);
        const RunSummary r = agg.finish(secNs);
        QCOMPARE(r.history[0].groups[0].queue.max, 100.0);
        QCOMPARE(r.history[0].groups[1].latency.max, 500.0);
    }

    void cost()
    {
        Aggregator agg(twoModels());
        RequestOutcome a = success(0, 0, 100);
        a.promptTokens = 1000;
        a.completionTokens = 500;
        agg.add(a); // $8/$8 per MTok: 0.008 + 0.004
        RequestOutcome b = success(1, 0, 100);
        b.promptTokens = 1'000'000;
        b.completionTokens = 1'000'000;
        agg.add(b); // $1 + $2
        const RunSummary r = agg.finish(secNs);
        QCOMPARE(r.models[0].costUsd, 0.012);
        QCOMPARE(r.models[1].costUsd, 3.0);
        QCOMPARE(r.overall.costUsd, 3.012);
        QCOMPARE(r.overall.promptTokens, 1'001'000);
        QCOMPARE(r.history[0].groups[1].costUsd, 0.012);
        QCOMPARE(r.history[0].groups[0].completionTokens, 1'000'500);
        QCOMPARE(r.overall.failedTokens, 0);
        QCOMPARE(r.overall.failedCostUsd, 0.0);
    }

    /// Usage reported by an answer that then failed counts in the totals and is shown apart.
    void failedAnswersTokensApart()
    {
        Aggregator agg(twoModels());
        RequestOutcome ok = success(1, 0, 100);
        ok.promptTokens = 1'000'000;
        agg.add(ok); // $1
        RequestOutcome cut = failure(1, 0, 100, ErrorClass::StreamCut, 200);
        cut.promptTokens = 1'000'000;
        cut.completionTokens = 500'000;
        agg.add(cut); // $1 + $1
        const RunSummary r = agg.finish(secNs);
        QCOMPARE(r.models[1].costUsd, 3.0);
        QCOMPARE(r.models[1].failedTokens, 1'500'000);
        QCOMPARE(r.models[1].failedCostUsd, 2.0);
        QCOMPARE(r.overall.failedTokens, 1'500'000);
        QCOMPARE(r.overall.failedCostUsd, 2.0);
        QCOMPARE(r.models[0].failedTokens, 0);
    }

    void meanInFlightIsMeasuredPerModel()
    {
        // One concurrency definition (issue 11): time in flight / window, per model, adding up.
        Aggregator agg(twoModels());
        for (int i = 0; i < 3; ++i)
            agg.add(success(0, 100 * i, 50)); // 0.15 s in flight
        agg.add(failure(1, 0, 50, ErrorClass::Http, 500)); // 0.05 s
        for (int i = 0; i < 2; ++i)
            agg.add(failure(1, 100, 5000, ErrorClass::Cancelled)); // 2 x 5 s: they held connections
        const RunSummary r = agg.finish(6 * secNs);
        QCOMPARE(r.models[0].inFlightSeconds, 0.15);
        QCOMPARE(r.models[1].inFlightSeconds, 10.05);
        QCOMPARE(r.models[0].meanInFlight, 0.15 / 6);
        QCOMPARE(r.models[1].meanInFlight, 10.05 / 6);
        QCOMPARE(r.overall.meanInFlight, r.models[0].meanInFlight + r.models[1].meanInFlight);
    }

    void cancelledAreNotFailures()
    {
        // Abort semantics (issue 11): the run's own stop is not the gateway's error.
        AggregatorConfig config = twoModels();
        config.checks = { QStringLiteral("ok") };
        config.thresholds = { threshold("http_req_failed", "rate<0.3"), threshold("checks", "rate>0.99"),
            threshold("http_req_duration", "max<200"), threshold("iterations", "count==4") };
        Aggregator agg(config);
        for (int i = 0; i < 3; ++i) {
            RequestOutcome ok = success(0, 100 * i, 50);
            ok.checksEvaluated = ok.checksPassed = 1;
            agg.add(ok);
        }
        agg.add(failure(1, 0, 50, ErrorClass::Http, 500));
        for (int i = 0; i < 2; ++i) {
            RequestOutcome cut = failure(1, 100, 5000, ErrorClass::Cancelled); // ran long, then cut by Abort
            cut.checksEvaluated = 1; // a cut answer fails the check it was given...
            cut.completionTokens = 1'000'000; // ...and a gateway bills what it streamed
            agg.add(cut);
        }
        const RunSummary r = agg.finish(6 * secNs);
        const GroupStats &all = r.overall;
        QCOMPARE(all.requests, 4);
        QCOMPARE(all.successes, 3);
        QCOMPARE(all.failures, 1);
        QCOMPARE(all.cancelled, 2);
        QCOMPARE(all.errorRate(), 0.25);
        QCOMPARE(all.errors.keys(), QStringList { QStringLiteral("http_500") });
        QCOMPARE(r.models[1].cancelled, 2);
        QCOMPARE(r.models[1].requests, 1);
        QCOMPARE(all.attempts, 6);
        QCOMPARE(all.completionTokens, 2'000'000);
        QCOMPARE(r.models[1].costUsd, 4.0);
        QCOMPARE(all.failedTokens, 0);
        QCOMPARE(all.latencyAll.count, std::uint64_t(4)); // no 5 s "latency" from a cut request
        QCOMPARE(all.latencyAll.max, 50.0);
        QCOMPARE(r.failures.size(), 1);
        QCOMPARE(r.failures[0].errorKey, QStringLiteral("http_500"));
        QCOMPARE(r.checks[0].passes, 3);
        QCOMPARE(r.checks[0].fails, 0);
        for (const ThresholdResult &th : r.thresholds)
            QVERIFY2(th.evaluated && th.passed, qPrintable(th.metric + QLatin1Char(' ') + th.expression));
        QVERIFY(r.thresholdsPassed());
        std::int64_t cancelledInSeconds = 0, requestsInSeconds = 0;
        for (const SecondPoint &p : r.history) {
            cancelledInSeconds += p.groups[0].cancelled;
            requestsInSeconds += p.groups[0].requests;
        }
        QCOMPARE(cancelledInSeconds, 2);
        QCOMPARE(requestsInSeconds, 4);
    }

    void perSecondWindows()
    {
        Aggregator agg(twoModels()); // closeDelay 300 ms
        const int perSecond[] = { 3, 5, 2 };
        for (int second = 0; second < 3; ++second) {
            for (int i = 0; i < perSecond[second]; ++i)
                agg.add(success(i % 2, second * 1000 + 100 * i, 50)); // ends inside the same second
        }
        agg.add(failure(1, 1500, 100, ErrorClass::Http, 429));
        QVERIFY(agg.snapshot(1'299 * msNs, 0).newSeconds.isEmpty());
        const Snapshot s1 = agg.snapshot(1'300 * msNs, 0);
        QCOMPARE(s1.newSeconds.size(), 1);
        QCOMPARE(s1.newSeconds[0].second, 0);
        QCOMPARE(s1.newSeconds[0].groups.size(), 3);
        QCOMPARE(s1.newSeconds[0].groups[0].requests, 3);
        QCOMPARE(s1.newSeconds[0].groups[1].requests, 2);
        QCOMPARE(s1.newSeconds[0].groups[2].requests, 1);
        QVERIFY(within(s1.newSeconds[0].groups[0].latency.p50, 50));
        QVERIFY(agg.snapshot(1'400 * msNs, 0).newSeconds.isEmpty()); // nothing new since
        const Snapshot s2 = agg.snapshot(2'300 * msNs, 0);
        QCOMPARE(s2.newSeconds.size(), 1);
        QCOMPARE(s2.newSeconds[0].groups[0].requests, 6);
        QCOMPARE(s2.newSeconds[0].groups[0].failures, 1);
        QCOMPARE(s2.newSeconds[0].groups[2].errors.value(QStringLiteral("http_429")), 1);
        QCOMPARE(s2.newSeconds[0].groups[0].latency.count, std::uint64_t(5));
        const RunSummary r = agg.finish(2'600 * msNs);
        QCOMPARE(r.history.size(), 3);
        QCOMPARE(r.history[2].second, 2);
        QCOMPARE(r.history[2].groups[0].requests, 2);
        QCOMPARE(r.durationMs, 2600);
    }

    void quietSecondsAreEmitted()
    {
        Aggregator agg(twoModels());
        agg.add(success(0, 0, 10));
        agg.add(success(0, 4000, 10));
        const Snapshot s = agg.snapshot(5 * secNs, 0);
        QCOMPARE(s.newSeconds.size(), 4); // 0..3: contiguous, even with nothing in 1..3
        QCOMPARE(s.newSeconds[2].second, 2);
        QCOMPARE(s.newSeconds[2].groups[0].requests, 0);
        QCOMPARE(s.newSeconds[2].groups.size(), 3);
    }

    void lateOutcomeGoesToEarliestOpenSecond()
    {
        Aggregator agg(twoModels());
        agg.add(success(0, 100, 100));
        QCOMPARE(agg.snapshot(1'300 * msNs, 0).newSeconds.size(), 1); // second 0 closed
        agg.add(success(1, 200, 500)); // ended at 0.7 s, arrives after second 0 closed
        const Snapshot s = agg.snapshot(2'300 * msNs, 0);
        QCOMPARE(s.overall.requests, 2); // run-long stats are exact
        QCOMPARE(s.newSeconds.size(), 1);
        QCOMPARE(s.newSeconds[0].second, 1);
        QCOMPARE(s.newSeconds[0].groups[0].requests, 1);
        QCOMPARE(s.newSeconds[0].groups[2].requests, 1);
    }

    void gauges()
    {
        Aggregator agg(twoModels());
        agg.setGauges(200 * msNs, 5, 3, 2, 10.0);
        agg.setGauges(900 * msNs, 8, 4, 2, 12.0); // the last sample of a second wins
        agg.setGauges(1'500 * msNs, 20, 6, 5, 20.0);
        agg.setGauges(3'100 * msNs, 10, 1, 9, 5.0);
        const Snapshot s = agg.snapshot(3'400 * msNs, 60'000);
        QCOMPARE(s.vus, 10);
        QCOMPARE(s.inFlight, 1);
        QCOMPARE(s.dropped, 9);
        QCOMPARE(s.plannedTarget, 5.0);
        QCOMPARE(s.plannedMs, 60'000);
        QCOMPARE(s.elapsedMs, 3'400);
        QCOMPARE(s.newSeconds.size(), 3);
        QCOMPARE(s.newSeconds[0].vus, 8);
        QCOMPARE(s.newSeconds[0].dropped, 2);
        QCOMPARE(s.newSeconds[0].plannedTarget, 12.0);
        QCOMPARE(s.newSeconds[1].vus, 20);
        QCOMPARE(s.newSeconds[1].dropped, 3);
        QCOMPARE(s.newSeconds[2].vus, 20); // no sample: carried, nothing dropped
        QCOMPARE(s.newSeconds[2].dropped, 0);
        const RunSummary r = agg.finish(4 * secNs);
        QCOMPARE(r.history[3].dropped, 4);
        QCOMPARE(r.maxVus, 20);
        QCOMPARE(r.dropped, 9);
    }

    void checks()
    {
        AggregatorConfig config = twoModels();
        config.checks = { QStringLiteral("status 200"), QStringLiteral("has content"), QStringLiteral("unused") };
        Aggregator agg(config);
        RequestOutcome o = success(0, 0, 10);
        o.checksEvaluated = 0b011;
        o.checksPassed = 0b001;
        agg.add(o);
        o.checksPassed = 0b011;
        agg.add(o);
        const Snapshot s = agg.snapshot(secNs, 0);
        QCOMPARE(s.checks.size(), 3);
        QCOMPARE(s.checks[0].passes, 2);
        QCOMPARE(s.checks[1].passes, 1);
        QCOMPARE(s.checks[1].fails, 1);
        QCOMPARE(s.checks[2].passes + s.checks[2].fails, 0);
    }

    void thresholds()
    {
        AggregatorConfig config = twoModels();
        config.checks = { QStringLiteral("ok") };
        config.thresholds = { threshold("http_req_failed", "rate<0.1"), threshold("ttft{model:b}", "p(95)<500"),
            threshold("ttft{model:a}", "p(95)<500"), threshold("ttft", "max<1000"), threshold("tpot", "p(99.9)<100"),
            threshold("cost_usd", "count<1"), threshold("http_reqs", "rate>=2"), threshold("checks", "rate>0.99"),
            threshold("ttft{model:zzz}", "avg<1"), threshold("latency", "avg<1") };
        Aggregator agg(config);
        const Snapshot empty = agg.snapshot(100 * msNs, 0);
        QCOMPARE(empty.thresholds.size(), 10);
        for (const ThresholdResult &t : empty.thresholds)
            QVERIFY2(!t.evaluated, qPrintable(t.metric)); // no data: not evaluated, not failed

        for (int i = 0; i < 8; ++i) {
            RequestOutcome o = stream(i % 2, 0, i % 2 ? 800 : 100, 10, 5);
            o.checksEvaluated = 1;
            o.checksPassed = 1;
            agg.add(o);
        }
        agg.add(failure(0, 0, 10, ErrorClass::Http, 500));
        agg.add(failure(1, 0, 10, ErrorClass::Timeout));
        const Snapshot s = agg.snapshot(4 * secNs, 0);
        const QList<ThresholdResult> &t = s.thresholds;
        QVERIFY(t[0].evaluated && !t[0].passed); // 2 of 10 failed
        QCOMPARE(t[0].value, 0.2);
        QCOMPARE(t[0].metric, QStringLiteral("http_req_failed"));
        QCOMPARE(t[0].expression, QStringLiteral("rate<0.1"));
        QVERIFY(t[1].evaluated && !t[1].passed); // model b: 800 ms
        QVERIFY(within(t[1].value, 800));
        QVERIFY(t[2].evaluated && t[2].passed); // model a: 100 ms
        QVERIFY(t[3].evaluated && t[3].passed);
        QVERIFY(t[4].evaluated && t[4].passed);
        QVERIFY(within(t[4].value, 5));
        QVERIFY(t[5].evaluated && t[5].passed);
        QVERIFY(t[6].evaluated && t[6].passed); // 10 attempts in 4 s = 2.5/s
        QCOMPARE(t[6].value, 2.5);
        QVERIFY(t[7].evaluated && t[7].passed);
        QVERIFY(!t[8].evaluated); // model not enabled
        QVERIFY(!t[9].evaluated); // unknown metric
        const RunSummary r = agg.finish(4 * secNs);
        QVERIFY(!r.thresholdsPassed());
        QCOMPARE(r.warnings.size(), 2);
        QVERIFY(r.warnings[0].contains(QStringLiteral("model \"zzz\" is not enabled")));
        QVERIFY(r.warnings[1].contains(QStringLiteral("unknown metric \"latency\"")));
    }

    void abortOnFailWaitsForItsDelay()
    {
        AggregatorConfig config = twoModels();
        config.thresholds = { threshold("ttft{model:a}", "p(95)<500", true, 0),
            threshold("http_req_failed", "rate<0.5", true, 10'000), threshold("ttft{model:b}", "p(95)<500", false) };
        Aggregator agg(config);
        QVERIFY(!agg.abortingThreshold(20 * secNs)); // no data yet
        agg.add(stream(1, 0, 900, 5, 10)); // fails a threshold without abortOnFail
        QVERIFY(!agg.abortingThreshold(secNs));
        agg.add(failure(0, 0, 10, ErrorClass::Timeout));
        agg.add(failure(0, 0, 10, ErrorClass::Timeout));
        QVERIFY(!agg.abortingThreshold(9'999 * msNs)); // failure rate 2/3, but still inside the delay
        const auto aborting = agg.abortingThreshold(10 * secNs);
        QVERIFY(aborting);
        QCOMPARE(aborting->metric, QStringLiteral("http_req_failed"));
        QVERIFY(aborting->abortOnFail && aborting->evaluated && !aborting->passed);
        agg.add(stream(0, 0, 700, 5, 10));
        const auto first = agg.abortingThreshold(10 * secNs);
        QVERIFY(first);
        QCOMPARE(first->metric, QStringLiteral("ttft{model:a}")); // first in configuration order
    }

    void summaryHistograms()
    {
        Aggregator agg(twoModels());
        agg.add(stream(0, 0, 200, 10, 10));
        const RunSummary r = agg.finish(secNs);
        QCOMPARE(r.histograms.size(), 27);
        for (const char *name : { "http_req_duration", "http_req_duration_all", "scheduled_duration", "client_queue",
                 "ttfb", "ttft", "tpot", "itl", "output_tokens_per_s" }) {
            QVERIFY(r.histograms.contains(QString::fromUtf8(name)));
            QVERIFY(r.histograms.contains(QString::fromUtf8(name) + QStringLiteral("{model:a}")));
            QVERIFY(r.histograms.contains(QString::fromUtf8(name) + QStringLiteral("{model:b}")));
        }
        QCOMPARE(r.histograms.value(QStringLiteral("ttft")).max(), std::uint64_t(200'000)); // µs
        QCOMPARE(r.histograms.value(QStringLiteral("ttft{model:b}")).count(), std::uint64_t(0));
        QCOMPARE(r.overall.ttft.value(QStringLiteral("p(99.9)")), 200.0);
    }

    void anHourOfVirtualTimeKeepsMemoryFixed()
    {
        Aggregator agg(twoModels());
        std::int64_t added = 0;
        for (std::int64_t second = 0; second < 3600; ++second) {
            for (int i = 0; i < 4; ++i, ++added)
                agg.add(stream(i % 2, second * 1000 + 200 * i, 100, 20, 10)); // ends by +0.99 s
            agg.setGauges(second * secNs + 500 * msNs, 8, 4, 0, 8.0);
            const Snapshot s = agg.snapshot((second + 1) * secNs + 400 * msNs, 3'600'000);
            QCOMPARE(s.newSeconds.size(), 1);
            QCOMPARE(s.newSeconds[0].second, second);
            QCOMPARE(s.newSeconds[0].groups[0].requests, 4);
        }
        QVERIFY2(agg.allocatedWindows() <= 3, qPrintable(QString::number(agg.allocatedWindows())));
        const RunSummary r = agg.finish(3600 * secNs);
        QCOMPARE(r.history.size(), 3600);
        QCOMPARE(r.overall.requests, added);
        QCOMPARE(r.overall.rps, 4.0);
        QVERIFY(within(r.overall.ttft.p99, 100));
        QCOMPARE(agg.allocatedWindows() <= 3, true);
    }
};

QTEST_GUILESS_MAIN(TestAggregator)
#include "tst_aggregator.moc"
