// What the gateway says in its response headers, end to end over real HTTP on 127.0.0.1 (issue 14,
// "What the gateway says in its responses"): the simulated gateway sends LiteLLM's overhead header,
// x-ratelimit-* state and request ids, and answers 429 past its RPM limit; every figure of the
// summary matches what it was told to send. Runs once per transport (both capture headers).

#include "enginefixture.h"

#include "report/summaryjson.h"
#include "scenario/scenarioio.h"

#include <cmath>

using namespace stampede;
using namespace stampede::test;

namespace {

const metrics::HeaderSummary *header(const metrics::GroupStats &g, const QString &name)
{
    for (const metrics::HeaderSummary &h : g.headers) {
        if (h.name == name)
            return &h;
    }
    return nullptr;
}

} // namespace

class TestGatewayHeaders : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { transportRows(); }
    void init() { selectTransportRow(); }

    void headersAndRateLimitsMatchTheGateway()
    {
        // 20 req/s for 2 s against 25 requests a minute: the first 25 pass, the other 15 get 429.
        gateway::GatewayConfig config = exactGateway(20, 20, 5000);
        config.overheadMs = 7;
        config.rpmLimit = 25;
        config.retryAfterSeconds = 1;
        gateway::SimGateway gw;
        QVERIFY2(gw.start(config, 0), qPrintable(gw.errorString()));
        scenario::Scenario s = basicScenario(gw.baseUrl(), true);
        s.load.executor = scenario::ExecutorKind::ConstantArrivalRate;
        s.load.rate = 20;
        s.load.durationMs = 2000;
        QVERIFY(scenario::validate(s).isEmpty());
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        const metrics::GroupStats &all = r.summary.overall;
        QCOMPARE(all.requests, 40);
        QCOMPARE(all.successes, 25);
        QCOMPARE(all.errors.value(QStringLiteral("http_429")), 15);

        // LiteLLM's overhead header on every response, 429s included.
        const metrics::HeaderSummary *overhead = header(all, QStringLiteral("x-litellm-overhead-duration-ms"));
        QVERIFY(overhead);
        QCOMPARE(overhead->count, 40);
        QCOMPARE(overhead->p50, 7.0);
        QCOMPARE(overhead->p95, 7.0);
        QCOMPARE(overhead->max, 7.0);
        QCOMPARE(overhead->mean, 7.0);
        QVERIFY(!overhead->series.isEmpty());
        // The rate-limit window: a limit of 25, remaining counting down 24 .. 0 and staying there.
        const metrics::HeaderSummary *limit = header(all, QStringLiteral("x-ratelimit-limit-requests"));
        QVERIFY(limit);
        QCOMPARE(limit->last, 25.0);
        QCOMPARE(limit->max, 25.0);
        const metrics::HeaderSummary *remaining = header(all, QStringLiteral("x-ratelimit-remaining-requests"));
        QVERIFY(remaining);
        QCOMPARE(remaining->count, 40);
        QCOMPARE(remaining->max, 24.0);
        QCOMPARE(remaining->last, 0.0);
        QCOMPARE(remaining->mean, (24.0 * 25 / 2) / 40.0); // 24 + 23 + ... + 0, then fifteen 0s
        const metrics::HeaderSummary *reset = header(all, QStringLiteral("x-ratelimit-reset-requests"));
        QVERIFY(reset); // "59.950s": Go-style durations read as seconds
        QVERIFY2(reset->max <= 60.0 && reset->max > 57.0, qPrintable(QString::number(reset->max)));
        // Request ids are not series: they go to the failures (and the journal).
        QVERIFY(!header(all, QStringLiteral("x-request-id")));
        QCOMPARE(r.summary.failures.size(), 1);
        QVERIFY2(r.summary.failures[0].exampleRequestId.startsWith(QStringLiteral("req_")),
            qPrintable(r.summary.failures[0].exampleRequestId));

        // The 429 story: began at the 26th request (1.25 s) with 20 req/s offered over seconds 0-1.
        const metrics::RateLimitSummary &rl = r.summary.models[0].rateLimits;
        QCOMPARE(rl.responses429, 15);
        QCOMPARE(rl.requests429, 15);
        // (On a loaded machine the 26th may end in second 2: then the window is seconds 0-2.)
        QVERIFY2(rl.first429S >= 1.2 && rl.first429S < 3.0, qPrintable(QString::number(rl.first429S)));
        const double windowSeconds = std::floor(rl.first429S) + 1; // every request was scheduled in [0, 2) s
        QCOMPARE(rl.offeredRpsAtFirst429, 40.0 / windowSeconds);
        QCOMPARE(rl.tokenRateAtFirst429, double(all.promptTokens + all.completionTokens) / windowSeconds);
        QCOMPARE(rl.retryAfterAskedS, 15.0); // Retry-After: 1 on each
        QCOMPARE(rl.retryWaitS, 0.0); // no retries configured
        QVERIFY(!rl.series.isEmpty());

        // The names scripts rely on.
        const nlohmann::json json = report::summaryToJson(r.summary, { s, gw.baseUrl() });
        const nlohmann::json &model = json["models"][0];
        QCOMPARE(model["headers"]["x-litellm-overhead-duration-ms"]["p95"].get<double>(), 7.0);
        QCOMPARE(model["headers"]["x-ratelimit-remaining-requests"]["last"].get<double>(), 0.0);
        QCOMPARE(model["rate_limits"]["responses_429"].get<int>(), 15);
        QCOMPARE(model["rate_limits"]["offered_rps_at_first_429"].get<double>(), 40.0 / windowSeconds);
        QVERIFY(json["failures"][0]["example_request_id"].get<std::string>().rfind("req_", 0) == 0);
    }

    void retriesAfter429AreCosted()
    {
        // 5 a minute; 4 requests a second for 3 s, one retry each honouring Retry-After: 1 s. A
        // retry gets 429 again (the window is a minute); retries due after the plan's end are not
        // sent, so how many were retried depends on timing, but every figure must add up.
        gateway::GatewayConfig config = exactGateway(10, 5, 5000);
        config.rpmLimit = 5;
        config.retryAfterSeconds = 1;
        gateway::SimGateway gw;
        QVERIFY2(gw.start(config, 0), qPrintable(gw.errorString()));
        scenario::Scenario s = basicScenario(gw.baseUrl(), false);
        s.load.executor = scenario::ExecutorKind::ConstantArrivalRate;
        s.load.rate = 4;
        s.load.durationMs = 3000;
        s.retry.maxRetries = 1;
        s.retry.onStatus = { 429 };
        QVERIFY(scenario::validate(s).isEmpty());
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        const metrics::RateLimitSummary &rl = r.summary.overall.rateLimits;
        QCOMPARE(r.summary.overall.successes, 5);
        // A request whose retry was still waiting when the graceful stop ran out is cancelled: not
        // in `requests`, but its 429 counts.
        QCOMPARE(rl.requests429, r.summary.overall.requests + r.summary.overall.cancelled - 5);
        QVERIFY2(rl.retried429 >= 2, qPrintable(QString::number(rl.retried429))); // those at 1.25 and 1.5 s
        QCOMPARE(rl.retried429, r.summary.overall.retried.value(QStringLiteral("http_429")));
        QCOMPARE(rl.responses429, rl.requests429 + rl.retried429);
        QCOMPARE(rl.retryAfterAskedS, double(rl.responses429)); // Retry-After: 1 on each 429
        // Each retry waited the Retry-After asked (1 s; retrydelay.h adds no jitter past it).
        QVERIFY2(rl.retryWaitS >= double(rl.retried429) && rl.retryWaitS < double(rl.retried429) * 1.5,
            qPrintable(QString::number(rl.retryWaitS)));
    }

    void captureHeadersSelectsWhatIsKept()
    {
        gateway::GatewayConfig config = exactGateway(10, 5, 5000);
        config.overheadMs = 3;
        config.rpmLimit = 1000;
        gateway::SimGateway gw;
        QVERIFY2(gw.start(config, 0), qPrintable(gw.errorString()));
        scenario::Scenario s = basicScenario(gw.baseUrl(), false);
        s.load.executor = scenario::ExecutorKind::ConstantVus;
        s.load.vus = 1;
        s.load.durationMs = 300;
        s.captureHeaders = QStringList { QStringLiteral("X-LiteLLM-*") }; // case-insensitive glob
        QVERIFY(scenario::validate(s).isEmpty());
        RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QCOMPARE(r.summary.overall.headers.size(), 1);
        QCOMPARE(r.summary.overall.headers[0].name, QStringLiteral("x-litellm-overhead-duration-ms"));

        s.captureHeaders = QStringList {}; // none at all
        r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QVERIFY(r.summary.overall.headers.isEmpty());
        QVERIFY(r.summary.overall.requests > 0);
    }
};

QTEST_MAIN(TestGatewayHeaders)
#include "tst_gatewayheaders.moc"
