// End to end over real HTTP on 127.0.0.1: each executor, streaming and not, against the simulated
// gateway told to inject an exact latency; checks counts, achieved rate/VUs and measured latency.
// Every test runs once per transport (global data rows "curl" and "qt").
#include "enginefixture.h"

#include <QElapsedTimer>

#include <QDir>
#include <QFile>
#include <QMap>

#include <unistd.h>

using namespace stampede;
using namespace stampede::test;

class TestEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { transportRows(); }
    void init()
    {
        selectTransportRow();
        m_gateway = std::make_unique<gateway::SimGateway>();
        QVERIFY2(m_gateway->start(exactGateway(50, 20, 2000), 0), qPrintable(m_gateway->errorString()));
    }
    void cleanup() { m_gateway.reset(); }

    void constantVusNonStreaming()
    {
        scenario::Scenario s = basicScenario(m_gateway->baseUrl(), false);
        s.load.executor = scenario::ExecutorKind::ConstantVus;
        s.load.vus = 4;
        s.load.durationMs = 2000;
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        const auto &all = r.summary.overall;
        QCOMPARE(all.failures, 0);
        // 4 VUs back to back at ~50 ms + overhead: at most 4 * 2000 / 50 = 160 requests, at least half.
        QVERIFY2(all.requests >= 80 && all.requests <= 164, qPrintable(QString::number(all.requests)));
        QVERIFY2(all.latency.p50 >= 49.5 && all.latency.p50 < 65, qPrintable(QString::number(all.latency.p50)));
        QCOMPARE(r.summary.maxVus, 4);
        QCOMPARE(all.successes, all.requests);
        QCOMPARE(r.summary.models.size(), 1);
        QCOMPARE(r.summary.models[0].requests, all.requests);
        QVERIFY(all.completionTokens == 20 * all.requests); // usage from the server, not estimates
        QCOMPARE(all.estimatedTokenRequests, 0);
        QVERIFY(qAbs(all.costUsd - (double(all.promptTokens) + double(all.completionTokens)) * 8.0 / 1e6) < 1e-9);
        QCOMPARE(r.summary.checks.size(), 2);
        QCOMPARE(r.summary.checks[0].fails, 0);
        QVERIFY(r.snapshots >= 4); // >= 4 Hz over a 2 s run
        QCOMPARE(model::toString(r.summary.end), model::toString(model::RunEnd::Completed));
        QCOMPARE(r.summary.endReason, QStringLiteral("the plan ran to its end"));
    }

    void constantArrivalRateStreaming()
    {
        scenario::Scenario s = basicScenario(m_gateway->baseUrl(), true);
        s.load.executor = scenario::ExecutorKind::ConstantArrivalRate;
        s.load.rate = 50;
        s.load.timeUnitMs = 1000;
        s.load.durationMs = 2000;
        s.load.maxInFlight = 100;
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        const auto &all = r.summary.overall;
        QCOMPARE(all.requests, 100); // exactly rate x duration
        QCOMPARE(all.failures, 0);
        QCOMPARE(r.summary.dropped, 0);
        // TTFT was told to be exactly 50 ms; 20 tokens at 2000 tok/s add ~10 ms to the end.
        QVERIFY2(all.ttft.p50 >= 49.5 && all.ttft.p50 < 60, qPrintable(QString::number(all.ttft.p50)));
        QVERIFY2(all.latency.p50 >= 55 && all.latency.p50 < 75, qPrintable(QString::number(all.latency.p50)));
        QVERIFY2(
            all.tpot.count > 0 && all.tpot.p50 > 0.2 && all.tpot.p50 < 2.0, qPrintable(QString::number(all.tpot.p50)));
        QVERIFY(all.itl.count > 0);
        QCOMPARE(all.completionTokens, 20 * all.requests); // include_usage honoured
        QVERIFY(all.scheduledLatency.p50 >= all.latency.p50 - 1);
        QVERIFY(!r.summary.history.isEmpty());
        std::int64_t perSecond = 0;
        for (const auto &point : r.summary.history)
            perSecond += point.groups[0].requests;
        QCOMPARE(perSecond, all.requests);
    }

    void arrivalsBeyondTheCapAreDroppedNotQueued()
    {
        // A million arrivals a second against 5 in flight: every arrival is either sent or counted
        // as dropped, in constant time per tick, and the run ends on time.
        scenario::Scenario s = basicScenario(m_gateway->baseUrl(), false);
        s.load.executor = scenario::ExecutorKind::ConstantArrivalRate;
        s.load.rate = 1000000;
        s.load.timeUnitMs = 1000;
        s.load.durationMs = 1000;
        s.load.maxInFlight = 5;
        QElapsedTimer clock;
        clock.start();
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(r.summary.overall.requests > 0);
        QCOMPARE(r.summary.overall.requests + r.summary.dropped, 1000000);
    }

    void rampingVusReachesTarget()
    {
        scenario::Scenario s = basicScenario(m_gateway->baseUrl(), false);
        s.load.executor = scenario::ExecutorKind::RampingVus;
        s.load.startVus = 0;
        s.load.stages = { { 1000, 6 }, { 1000, 6 }, { 500, 0 } };
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QCOMPARE(r.summary.maxVus, 6);
        QVERIFY(r.summary.overall.requests > 50);
        QCOMPARE(r.summary.overall.failures, 0);
        int peak = 0;
        for (const auto &point : r.summary.history)
            peak = std::max(peak, point.vus);
        QCOMPARE(peak, 6);
    }

    void rampingArrivalRatePoisson()
    {
        scenario::Scenario s = basicScenario(m_gateway->baseUrl(), true);
        s.load.executor = scenario::ExecutorKind::RampingArrivalRate;
        s.load.startRate = 0;
        s.load.timeUnitMs = 1000;
        s.load.arrival = scenario::Arrival::Poisson;
        s.load.stages = { { 2000, 80 } }; // expected 80 arrivals
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        const auto n = r.summary.overall.requests;
        QVERIFY2(n >= 50 && n <= 110, qPrintable(QString::number(n))); // Poisson(80): +- 3.4 sigma
        QCOMPARE(r.summary.overall.failures, 0);
    }

    void weightedMixPerModel()
    {
        gateway::GatewayConfig config = exactGateway(20, 5, 5000);
        gateway::ModelBehaviour second = config.models[0];
        second.model = QStringLiteral("n");
        config.models << second;
        gateway::SimGateway gw;
        QVERIFY(gw.start(config, 0));
        scenario::Scenario s = basicScenario(gw.baseUrl(), false);
        scenario::ModelSpec n = s.models[0];
        n.model = QStringLiteral("n");
        n.weight = 3;
        s.models << n; // m weight 1, n weight 3
        s.load.executor = scenario::ExecutorKind::ConstantArrivalRate;
        s.load.rate = 200;
        s.load.durationMs = 2000;
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QCOMPARE(r.summary.models.size(), 2);
        const double share = double(r.summary.models[1].requests) / double(r.summary.overall.requests);
        QVERIFY2(share > 0.68 && share < 0.82, qPrintable(QString::number(share)));
        QCOMPARE(r.summary.models[0].requests + r.summary.models[1].requests, r.summary.overall.requests);
    }

    void builtinGatewayNeedsNoServer()
    {
        scenario::Scenario s = basicScenario(QUrl(QStringLiteral("builtin")), true);
        s.target.baseUrl = QStringLiteral("builtin");
        s.preflight = true;
        s.load.executor = scenario::ExecutorKind::ConstantArrivalRate;
        s.load.rate = 20;
        s.load.durationMs = 1000;
        // The engine alone never starts a gateway: it refuses the name.
        const RunResult direct = runEngineOnly(s);
        QVERIFY(direct.failed);
        QVERIFY2(direct.failure.contains(QStringLiteral("\"builtin\"")), qPrintable(direct.failure));
        // The launcher (the CLI's and the app's way) resolves it and hands the engine the URL.
        const RunResult r = runToEnd(s, {}, 30000, exactGateway(10, 5, 5000));
        QVERIFY2(r.finished, qPrintable(r.failure));
        QCOMPARE(r.preflights.size(), 1);
        QVERIFY(r.preflights[0].ok);
        QVERIFY(r.preflights[0].listedModels.contains(QStringLiteral("m")));
        QCOMPARE(r.summary.overall.requests, 20);
        // Preflight requests are not part of the statistics.
        QCOMPARE(r.summary.overall.attempts, 20);
    }

    void threadNiceReachesEveryRunThread()
    {
        // The desktop app lowers the run's threads so its GUI thread wins the CPU; Linux threads
        // inherit the value, so the engine's workers, Qt's HTTP threads and the gateway get it too.
        m_gateway.reset(); // only the run's own (built-in) gateway threads below
        scenario::Scenario s = basicScenario(QUrl(), true);
        s.target.baseUrl = QStringLiteral("builtin");
        s.load.executor = scenario::ExecutorKind::ConstantArrivalRate;
        s.load.rate = 20;
        s.load.durationMs = 1500;
        engine::RunOptions options;
        options.threadNice = 4;
        const int base = threadNice(QString::number(gettid()));
        launch::RunLauncher launcher;
        engine::RunController &controller = *launcher.controller();
        QMap<QString, int> seen; // thread name -> nice, sampled while the run goes
        QObject::connect(&controller, &engine::RunController::snapshotReady, [&] {
            if (!seen.isEmpty())
                return;
            const QStringList tids
                = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
            for (const QString &tid : tids) {
                QFile comm(QStringLiteral("/proc/self/task/%1/comm").arg(tid));
                if (comm.open(QIODevice::ReadOnly))
                    seen.insert(QString::fromUtf8(comm.readAll().trimmed()) + QLatin1Char('/') + tid, threadNice(tid));
            }
        });
        QSignalSpy finished(&controller, &engine::RunController::runFinished);
        QCOMPARE(launcher.start(s, options, {}, exactGateway(10, 5, 5000)), QString());
        QVERIFY(finished.wait(30000));
        QCOMPARE(threadNice(QString::number(gettid())), base); // the caller's thread is untouched
        int engineThreads = 0, workers = 0, gateway = 0, qtHttp = 0;
        for (auto it = seen.cbegin(); it != seen.cend(); ++it) {
            const QString name = it.key().section(QLatin1Char('/'), 0, 0);
            const bool ours = name.startsWith(QLatin1String("stampede-"));
            const bool qnam
                = name.startsWith(QLatin1String("QNetworkAccessM")) || name == QLatin1String("Qt HTTP thread");
            if (!ours && !qnam)
                continue;
            QVERIFY2(it.value() == std::min(19, base + 4),
                qPrintable(it.key() + QStringLiteral(" nice ") + QString::number(it.value())));
            engineThreads += name == QLatin1String("stampede-engine");
            workers += name.startsWith(QLatin1String("stampede-worker"));
            gateway += name.startsWith(QLatin1String("stampede-gw"));
            qtHttp += qnam;
        }
        QCOMPARE(engineThreads, 1);
        QVERIFY(workers >= 2);
        QVERIFY(gateway >= 1);
        if (transportUnderTest() == scenario::TransportKind::Qt) // curl has no thread of its own
            QVERIFY2(qtHttp >= 1, qPrintable(QStringList(seen.keys()).join(u' ')));
        else
            QCOMPARE(qtHttp, 0);
    }

private:
    /// The engine started without the launcher: nothing resolves "builtin".
    static RunResult runEngineOnly(const scenario::Scenario &s)
    {
        engine::RunController controller;
        QSignalSpy failed(&controller, &engine::RunController::runFailed);
        RunResult result;
        engine::RunOptions options;
        options.preflight = false;
        if (!controller.start(s, options) || !failed.wait(10000))
            return result;
        result.failed = true;
        result.failure = failed.first().at(0).toString();
        return result;
    }

    /// Field 19 of /proc/self/task/TID/stat.
    static int threadNice(const QString &tid)
    {
        QFile stat(QStringLiteral("/proc/self/task/%1/stat").arg(tid));
        if (!stat.open(QIODevice::ReadOnly))
            return -100;
        const QByteArray line = stat.readAll();
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        return fields.size() > 16 ? fields.at(16).toInt() : -100;
    }

    std::unique_ptr<gateway::SimGateway> m_gateway;
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
