// Failure paths end to end: error classes, retries with Retry-After and backoff, preflight words,
// the stream_options fallback, timeouts, dropped iterations, abortOnFail and graceful stop.
// Every test runs once per transport (global data rows "curl" and "qt").
#include "enginefixture.h"
#include "recordingserver.h"
#include "runjobs.h"
#include "scriptedserver.h"

#include <QElapsedTimer>
#include <QTcpServer>

using namespace stampede;
using namespace stampede::test;

namespace {
scenario::Scenario arrivalScenario(const QUrl &url, bool stream, double rate, qint64 durationMs)
{
    scenario::Scenario s = basicScenario(url, stream);
    s.load.executor = scenario::ExecutorKind::ConstantArrivalRate;
    s.load.rate = rate;
    s.load.durationMs = durationMs;
    return s;
}
} // namespace

class TestEngineErrors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { transportRows(); }
    void init() { selectTransportRow(); }

    void answersThatAreNotOpenAI_data()
    {
        // JSON is UTF-8 (RFC 8259): an answer with invalid UTF-8 is malformed, whole or streamed.
        QTest::addColumn<bool>("stream");
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<QString>("errorClass");
        QTest::addColumn<QString>("message");
        const QByteArray sse = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n";
        const QByteArray chunk = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n";
        const QByteArray end = "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                               "data: [DONE]\n\n";
        QTest::addRow("200 with an error body")
            << false
            << response(200, "application/json", "{\"error\":{\"message\":\"upstream overloaded\",\"code\":503}}")
            << QStringLiteral("malformed_response")
            << QStringLiteral("HTTP 200 with an error body: upstream overloaded");
        QTest::addRow("invalid UTF-8, whole")
            << false
            << response(200, "application/json",
                   "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"a\xff\xfe\"},\"finish_reason\":\"stop\"}]}")
            << QStringLiteral("malformed_response") << QStringLiteral("response is not JSON (or not UTF-8)");
        QTest::addRow("invalid UTF-8, streamed")
            << true
            << sse + chunk + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\xc3\x28\"}}]}\n\n" + end
            << QStringLiteral("malformed_response") << QStringLiteral("a stream chunk is not JSON (or not UTF-8)");
        QTest::addRow("an empty data line is a keep-alive")
            << true << sse + chunk + "data: \n\n" + end << QString() << QString();
    }
    void answersThatAreNotOpenAI()
    {
        QFETCH(bool, stream);
        QFETCH(QByteArray, reply);
        QFETCH(QString, errorClass);
        QFETCH(QString, message);
        ScriptedServer server([reply](const QByteArray &) { return reply; }, stream);
        const QList<metrics::RequestOutcome> outcomes = runJobs(basicScenario(server.baseUrl(), stream), 2);
        QCOMPARE(outcomes.size(), 2);
        for (const auto &outcome : outcomes) {
            QCOMPARE(outcome.succeeded() ? QString() : metrics::errorKey(outcome.errorClass, outcome.httpStatus),
                errorClass);
            QVERIFY2(outcome.errorMessage.startsWith(message), qPrintable(outcome.errorMessage));
        }
    }
    void serverErrorsAreClassifiedAndRetried()
    {
        gateway::GatewayConfig config = exactGateway(5);
        config.error5xxRate = 1.0;
        gateway::SimGateway gw;
        QVERIFY(gw.start(config, 0));
        scenario::Scenario s = arrivalScenario(gw.baseUrl(), false, 20, 1000);
        s.retry.maxRetries = 2;
        s.retry.baseDelayMs = 10;
        s.retry.maxDelayMs = 40;
        s.retry.onStatus = { 500, 503 };
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        const auto &all = r.summary.overall;
        QCOMPARE(all.requests, 20);
        QCOMPARE(all.failures, 20);
        QCOMPARE(all.attempts, 60); // every request tried 1 + 2 times
        std::int64_t classified = 0;
        for (auto it = all.errors.cbegin(); it != all.errors.cend(); ++it) {
            QVERIFY2(
                it.key() == QLatin1String("http_500") || it.key() == QLatin1String("http_503"), qPrintable(it.key()));
            classified += it.value();
        }
        QCOMPARE(classified, 20);
        std::int64_t retried = 0;
        for (auto v : all.retried)
            retried += v;
        QCOMPARE(retried, 40);
        QCOMPARE(all.errorRate(), 1.0);
        QCOMPARE(all.latency.count, 0u); // percentiles over successes only...
        QCOMPARE(all.latencyAll.count, 20u); // ...with a with-errors view
    }

    void retryAfterIsHonoured()
    {
        gateway::GatewayConfig config = exactGateway(5);
        config.rpmLimit = 2; // the third request within a minute gets 429 + Retry-After: 1
        config.retryAfterSeconds = 1;
        gateway::SimGateway gw;
        QVERIFY(gw.start(config, 0));
        scenario::Scenario s = basicScenario(gw.baseUrl(), false);
        s.load.executor = scenario::ExecutorKind::ConstantVus;
        s.load.vus = 1;
        s.load.durationMs = 300;
        s.retry.maxRetries = 1;
        s.retry.baseDelayMs = 1; // backoff alone would retry at once: only Retry-After explains >= 1 s
        s.retry.onStatus = { 429 };
        s.retry.honorRetryAfter = true;
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        const auto &all = r.summary.overall;
        QVERIFY(all.retried.value(QStringLiteral("http_429")) >= 1);
        // The retried request waited the server's 1 s before its second attempt, so the run (300 ms
        // of load) lasted until then; backoff alone (1 ms base) would have ended it far sooner.
        QVERIFY2(r.summary.durationMs >= 990, qPrintable(QString::number(r.summary.durationMs)));
        QCOMPARE(all.attempts, all.requests + 1);
        QVERIFY(all.errors.value(QStringLiteral("http_429")) >= 1); // still limited on the retry
    }

    void wrongKeyStopsAtPreflight()
    {
        gateway::GatewayConfig config = exactGateway(5);
        config.apiKey = QStringLiteral("sk-test-right-key-000000000000");
        gateway::SimGateway gw;
        QVERIFY(gw.start(config, 0));
        scenario::Scenario s = arrivalScenario(gw.baseUrl(), false, 10, 1000);
        s.preflight = true;
        engine::RunOptions options;
        options.apiKey = QStringLiteral("sk-test-wrong-key-111111111111");
        const RunResult r = runToEnd(s, options);
        QVERIFY(r.failed);
        QVERIFY(r.preflightFailed);
        QVERIFY2(r.failure.contains(QLatin1String("401 Unauthorized from")), qPrintable(r.failure));
        QVERIFY2(r.failure.contains(QLatin1String("check the key in $STAMPEDE_API_KEY")), qPrintable(r.failure));
        QVERIFY2(
            r.failure.contains(QLatin1String("the server said: Incorrect API key provided")), qPrintable(r.failure));
        QVERIFY(!r.failure.contains(options.apiKey));

        // A key typed in the window is named as such, not as an environment variable it never was.
        options.apiKeySource = QStringLiteral("the API key field");
        const RunResult typed = runToEnd(s, options);
        QVERIFY(typed.failed && typed.preflightFailed);
        QVERIFY2(
            typed.failure.contains(QLatin1String("check the key in the API key field")), qPrintable(typed.failure));
        QVERIFY2(!typed.failure.contains(QLatin1String("STAMPEDE_API_KEY")), qPrintable(typed.failure));
    }

    void unknownModelListsWhatExists()
    {
        gateway::SimGateway gw;
        QVERIFY(gw.start(exactGateway(5), 0));
        scenario::Scenario s = arrivalScenario(gw.baseUrl(), false, 10, 1000);
        s.models[0].model = QStringLiteral("gpt-9");
        s.preflight = true;
        const RunResult r = runToEnd(s);
        QVERIFY(r.failed && r.preflightFailed);
        QVERIFY2(r.failure.contains(QLatin1String("\"gpt-9\" not found")), qPrintable(r.failure));
        QVERIFY2(r.failure.contains(QLatin1String("the endpoint has: m")), qPrintable(r.failure));
    }

    void rateLimitedPreflightWarnsAndRuns()
    {
        // A 429 proves the key and the model: after the retries it allows, the preflight passes
        // with a warning, and the run measures the limit.
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tcp);
        server.fixedStatus = 429;
        scenario::Scenario s = arrivalScenario(server.baseUrl(), false, 10, 300);
        s.preflight = true;
        s.retry.maxRetries = 2;
        s.retry.baseDelayMs = 1;
        s.retry.maxDelayMs = 5;
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished && !r.failed, qPrintable(r.failure));
        QCOMPARE(r.preflights.size(), 1);
        QVERIFY(r.preflights[0].ok);
        QCOMPARE(r.preflights[0].warnings.size(), 1);
        QVERIFY2(r.preflights[0].warnings[0].contains(QLatin1String("HTTP 429 after 3 tries")),
            qPrintable(r.preflights[0].warnings[0]));
        QVERIFY(r.preflights[0].describe().contains(QLatin1String("Warning: ")));
        bool noticed = false;
        for (const QString &notice : r.notices)
            noticed = noticed || notice.contains(QLatin1String("HTTP 429"));
        QVERIFY2(noticed, qPrintable(r.notices.join(u'|')));
        QCOMPARE(r.summary.overall.requests, 3);
        QCOMPARE(r.summary.overall.errors.value(QStringLiteral("http_429")), 3);
        QVERIFY(r.summary.warnings.join(u' ').contains(QLatin1String("HTTP 429")));
        int pings = 0;
        for (const auto &request : std::as_const(server.requests))
            pings += request.requestLine.startsWith("POST");
        QCOMPARE(pings, 3 + 3 * 3); // the preflight's 1 + 2 retries, then 3 requests with 2 retries each
    }

    void connectionRefusedIsSpecific()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close(); // nothing listens there now
        scenario::Scenario s
            = arrivalScenario(QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(port)), false, 10, 500);
        s.preflight = true;
        RunResult r = runToEnd(s);
        QVERIFY(r.failed && r.preflightFailed);
        QVERIFY2(r.failure.contains(QLatin1String("connection refused")), qPrintable(r.failure));
        s.preflight = false; // without the preflight, every request is counted as refused
        r = runToEnd(s);
        QVERIFY(r.finished);
        QCOMPARE(r.summary.overall.errors.value(QStringLiteral("connection_refused")), 5);
    }

    void streamOptionsRejectedFallsBack()
    {
        gateway::GatewayConfig config = exactGateway(5, 10, 5000);
        config.rejectStreamOptions = true;
        gateway::SimGateway gw;
        QVERIFY(gw.start(config, 0));
        scenario::Scenario s = arrivalScenario(gw.baseUrl(), true, 20, 1000);
        const RunResult r = runToEnd(s); // no preflight: the fallback happens inside the run
        QVERIFY2(r.finished, qPrintable(r.failure));
        QCOMPARE(r.summary.overall.failures, 0);
        QCOMPARE(r.summary.overall.requests, 20);
        QCOMPARE(r.summary.overall.estimatedTokenRequests, 20);
        QVERIFY(r.summary.overall.completionTokens > 0);
        QVERIFY(!r.notices.isEmpty() && r.notices[0].contains(QLatin1String("stream_options")));
        // With the preflight, the probe finds it before the load and nothing is retried.
        s.preflight = true;
        const RunResult p = runToEnd(s);
        QVERIFY(p.finished);
        QCOMPARE(p.preflights.size(), 1);
        QVERIFY(!p.preflights[0].models[0].usageSupported);
        QCOMPARE(p.summary.overall.attempts, 20);
    }

    void misbehavioursAreClassified_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("stream");
        QTest::addColumn<QString>("expectedKey");
        QTest::addRow("stall -> timeout") << 0 << false << QStringLiteral("timeout");
        QTest::addRow("cut stream -> stream_cut") << 1 << true << QStringLiteral("stream_cut");
        QTest::addRow("garbage body -> malformed") << 2 << false << QStringLiteral("malformed_response");
        QTest::addRow("garbage stream -> malformed") << 2 << true << QStringLiteral("malformed_response");
    }
    void misbehavioursAreClassified()
    {
        QFETCH(int, kind);
        QFETCH(bool, stream);
        QFETCH(QString, expectedKey);
        gateway::GatewayConfig config = exactGateway(5, 40, 400);
        (kind == 0 ? config.stallRate : kind == 1 ? config.cutStreamRate : config.garbageRate) = 1.0;
        gateway::SimGateway gw;
        QVERIFY(gw.start(config, 0));
        scenario::Scenario s = arrivalScenario(gw.baseUrl(), stream, 10, 500);
        s.target.timeoutMs = 300;
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QCOMPARE(r.summary.overall.requests, 5);
        QCOMPARE(r.summary.overall.errors.value(expectedKey), 5);
    }

    void maxInFlightDropsIterations()
    {
        gateway::GatewayConfig config = exactGateway(5);
        config.stallRate = 1.0;
        gateway::SimGateway gw;
        QVERIFY(gw.start(config, 0));
        scenario::Scenario s = arrivalScenario(gw.baseUrl(), false, 100, 1000);
        s.load.maxInFlight = 5;
        s.load.gracefulStopMs = 100;
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QCOMPARE(r.summary.dropped, 95);
        // Still in flight when the graceful stop ran out: cancelled, counted apart, never failures.
        QCOMPARE(r.summary.overall.cancelled, 5);
        QCOMPARE(r.summary.overall.requests, 0);
        QCOMPARE(r.summary.overall.failures, 0);
        QVERIFY(r.summary.overall.errors.isEmpty());
        QVERIFY(r.summary.failures.isEmpty());
        QVERIFY2(r.summary.endReason.contains(QLatin1String("5 request(s) still in flight were cancelled")),
            qPrintable(r.summary.endReason));
    }

    void theStopsCancellationsAreNotErrors()
    {
        // 10 req/s for 1 s against 450 ms answers, no graceful stop: the first requests finish, the
        // last ones (sent at 600..900 ms) are cut at 1000 ms. Errors, checks and thresholds see only
        // the finished ones.
        gateway::SimGateway gw;
        QVERIFY(gw.start(exactGateway(450), 0));
        scenario::Scenario s = arrivalScenario(gw.baseUrl(), true, 10, 1000);
        s.load.gracefulStopMs = 0;
        s.thresholds = { { QStringLiteral("http_req_failed"), { { QStringLiteral("rate<0.01"), false, 0 } } },
            { QStringLiteral("checks"), { { QStringLiteral("rate>0.99"), false, 0 } } } };
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        const metrics::GroupStats &all = r.summary.overall;
        QVERIFY2(all.cancelled >= 1 && all.requests >= 1, qPrintable(QString::number(all.cancelled)));
        QCOMPARE(all.requests + all.cancelled, 10);
        QCOMPARE(all.failures, 0);
        QCOMPARE(all.errorRate(), 0.0);
        QVERIFY(all.errors.isEmpty());
        QVERIFY(r.summary.failures.isEmpty());
        QVERIFY(r.summary.thresholdsPassed());
        for (const metrics::ThresholdResult &t : r.summary.thresholds)
            QVERIFY2(t.evaluated && t.passed, qPrintable(t.metric));
        QVERIFY(r.summary.endReason.contains(QLatin1String("not as errors")));
    }

    void abortOnFailEndsTheRun()
    {
        gateway::SimGateway gw;
        QVERIFY(gw.start(exactGateway(30), 0));
        scenario::Scenario s = arrivalScenario(gw.baseUrl(), false, 20, 20000);
        s.thresholds = { { QStringLiteral("http_req_duration"), { { QStringLiteral("p(95)<10"), true, 0 } } } };
        QElapsedTimer timer;
        timer.start();
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QCOMPARE(model::toString(r.summary.end), model::toString(model::RunEnd::ThresholdAborted));
        QVERIFY(timer.elapsed() < 15000);
        QVERIFY(!r.summary.thresholdsPassed());
        QVERIFY(r.summary.endReason.contains(QLatin1String("p(95)<10")));
    }

    void stopIsGraceful()
    {
        gateway::SimGateway gw;
        QVERIFY(gw.start(exactGateway(300), 0));
        scenario::Scenario s = arrivalScenario(gw.baseUrl(), false, 20, 60000);
        engine::RunController controller;
        metrics::RunSummary summary;
        bool done = false;
        QObject::connect(&controller, &engine::RunController::runFinished, [&](const metrics::RunSummary &sum) {
            summary = sum;
            done = true;
        });
        bool stopped = false;
        QObject::connect(&controller, &engine::RunController::snapshotReady, [&](const metrics::Snapshot &snap) {
            if (!stopped && snap.overall.requests >= 5) {
                stopped = true;
                controller.stop();
            }
        });
        engine::RunOptions options;
        options.workerThreads = 2;
        controller.start(s, options);
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        QCOMPARE(model::toString(summary.end), model::toString(model::RunEnd::Stopped));
        QCOMPARE(summary.overall.failures, 0); // in flight at the stop finished within graceful_stop
        QVERIFY(summary.durationMs < 10000);
    }
};

QTEST_GUILESS_MAIN(TestEngineErrors)
#include "tst_engineerrors.moc"
