// The sweep end to end over real HTTP on 127.0.0.1, once per transport: steps of 5, 10, 15, 20, 25,
// 30 req/s against a server whose capacity is known (3 requests at a time, 166 ms each: 18 req/s),
// judged by an SLO of p95 latency < 350 ms. Below 18 req/s every request takes 166 ms; at 20 req/s
// the queue grows by ~16 ms a request per slot, so step 4's p95 passes 350 ms. The sweep must find
// safe_rate 15 and first_failing_step 4 (the knee within one step), and stop there.
//
// The VU sweep against the same server: 1, 2, 4, 8, 16 VUs. Up to 3 VUs every request has a slot
// (166 ms and the client's own time); beyond, the server is saturated at 18 req/s and a request of
// N VUs takes N / 18 s on average: about 222 ms at 4 VUs, 444 ms at 8. An SLO of p95 < 340 ms must
// find safe_vus 4 (about 18 req/s achieved) and first_failing_step 4 (8 VUs).

#include "capacityserver.h"
#include "enginefixture.h"

#include "scenario/scenarioio.h"

using namespace stampede;
using namespace stampede::test;

namespace {

/// The steps in words, for a failure's message (@ the offered rate, or the VUs).
QString describe(const QList<metrics::SweepStep> &steps)
{
    QString out;
    for (const metrics::SweepStep &step : steps)
        out += QStringLiteral("\n step %1 @%2: %3 requests, %4 errors, p95 %5 ms, achieved %6: %7")
                   .arg(step.step)
                   .arg(step.level())
                   .arg(step.requests)
                   .arg(step.errors)
                   .arg(step.latencyP95)
                   .arg(step.achievedRate)
                   .arg(step.passed ? QStringLiteral("ok") : step.reason);
    return out;
}

/// Steps of start, start + increment, ... req/s against `server`, judged by p95 latency < 350 ms.
scenario::Scenario sweepOf(
    const CapacityServer &server, double start, double increment, std::int64_t stepMs, int steps, int maxInFlight)
{
    scenario::Scenario s = basicScenario(server.baseUrl(), false);
    s.load.executor = scenario::ExecutorKind::Sweep;
    s.load.sweep.startRate = start;
    s.load.sweep.increment = increment;
    s.load.sweep.stepDurationMs = stepMs;
    s.load.sweep.maxSteps = steps;
    s.load.maxInFlight = maxInFlight;
    s.load.gracefulStopMs = 3000;
    s.slo.setBound(model::SloMetric::HttpReqDuration, 350);
    s.checks.clear();
    return s;
}

} // namespace

class TestSweep : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { transportRows(); }
    void init() { selectTransportRow(); }

    void findsTheKnee()
    {
        CapacityServer server(3, 166);
        const scenario::Scenario s = sweepOf(server, 5, 5, 3000, 6, 200);
        QVERIFY(scenario::validate(s).isEmpty());

        const RunResult r = runToEnd(s, {}, 30000);
        QVERIFY2(r.finished, qPrintable(r.failure));
        const metrics::Capacity &capacity = r.summary.capacity;
        QCOMPARE(capacity.stepDurationMs, 3000);
        const metrics::CapacityVerdict &all = capacity.overall;
        const QString steps = describe(all.steps);
        QVERIFY2(all.safeRate.value_or(-1) == 15.0, qPrintable(steps));
        QVERIFY2(all.firstFailingStep.value_or(-1) == 4, qPrintable(steps));
        QVERIFY2(all.reason.startsWith(QStringLiteral("p95 latency")), qPrintable(all.reason));
        QCOMPARE(all.steps.size(), 4); // the step cut by the stop is left out
        QCOMPARE(all.steps[0].requests, 15);
        QCOMPARE(all.steps[2].errors, 0);
        QVERIFY2(r.summary.endReason.startsWith(QStringLiteral("sweep_knee: step 4")), qPrintable(r.summary.endReason));
        QVERIFY(r.summary.end == model::RunEnd::Completed);
        // Stopped at the knee: well before the plan's 18 s.
        QVERIFY2(r.summary.durationMs < 16000, qPrintable(QString::number(r.summary.durationMs)));
        QCOMPARE(capacity.models.size(), 1);
        QCOMPARE(capacity.models[0].safeRate.value_or(-1), 15.0);
    }

    void findsTheKneeInVus()
    {
        CapacityServer server(3, 166);
        scenario::Scenario s = basicScenario(server.baseUrl(), false);
        s.load.executor = scenario::ExecutorKind::Sweep;
        s.load.sweep.level = model::SweepLevel::Vus;
        s.load.sweep.startVus = 1;
        s.load.sweep.factor = 2;
        s.load.sweep.stepDurationMs = 2000;
        s.load.sweep.maxSteps = 5;
        s.load.gracefulStopMs = 3000;
        s.slo.setBound(model::SloMetric::HttpReqDuration, 340);
        s.checks.clear();
        QVERIFY(scenario::validate(s).isEmpty());
        QVERIFY(!s.load.isOpenModel());

        const RunResult r = runToEnd(s, {}, 30000);
        QVERIFY2(r.finished, qPrintable(r.failure));
        const metrics::Capacity &capacity = r.summary.capacity;
        QVERIFY(capacity.level == model::SweepLevel::Vus);
        const metrics::CapacityVerdict &all = capacity.overall;
        const QString steps = describe(all.steps);
        QVERIFY2(all.safeVus.value_or(-1) == 4, qPrintable(steps));
        QVERIFY2(all.firstFailingStep.value_or(-1) == 4, qPrintable(steps));
        QVERIFY2(all.reason.startsWith(QStringLiteral("p95 latency")), qPrintable(all.reason));
        QCOMPARE(all.steps.size(), 4);
        QCOMPARE(all.steps[3].vus, 8);
        // 4 VUs saturate the server: about 18 req/s; the safe rate is what that step achieved.
        QVERIFY2(all.steps[2].achievedRate > 13 && all.steps[2].achievedRate < 20, qPrintable(steps));
        QCOMPARE(all.safeRate.value_or(-1), all.steps[2].achievedRate);
        // Every request of a judged step was counted (the engine hands the VUs' starts to the judge).
        QVERIFY2(all.steps[0].requests >= 10 && all.steps[0].requests <= 13, qPrintable(steps));
        QCOMPARE(all.steps[2].errors, 0);
        QVERIFY2(r.summary.endReason.startsWith(QStringLiteral("sweep_knee: step 4 (8 VUs)")),
            qPrintable(r.summary.endReason));
        QVERIFY(r.summary.end == model::RunEnd::Completed);
        QVERIFY2(r.summary.durationMs < 11000, qPrintable(QString::number(r.summary.durationMs)));
    }

    // "stop_at_knee": false: every step runs (10, 30, 50 req/s against 18 req/s of capacity), the
    // end is the plan's, and the verdict is still the first failing step.
    void runsPastTheKnee()
    {
        CapacityServer server(3, 166);
        scenario::Scenario s = sweepOf(server, 10, 20, 1500, 3, 40);
        s.load.sweep.stopAtKnee = false;
        QVERIFY(scenario::validate(s).isEmpty());

        const RunResult r = runToEnd(s, {}, 20000);
        QVERIFY2(r.finished, qPrintable(r.failure));
        const metrics::CapacityVerdict &all = r.summary.capacity.overall;
        QVERIFY2(!r.summary.endReason.startsWith(QStringLiteral("sweep_knee")), qPrintable(r.summary.endReason));
        QCOMPARE(all.steps.size(), 3);
        QVERIFY2(all.firstFailingStep.value_or(-1) == 2, qPrintable(all.reason));
        QCOMPARE(all.safeRate.value_or(-1), 10.0);
        QVERIFY(all.steps[2].judged && !all.steps[2].passed);
        QVERIFY(all.steps[2].requests > 0);
    }
};

QTEST_MAIN(TestSweep)
#include "tst_sweep.moc"
