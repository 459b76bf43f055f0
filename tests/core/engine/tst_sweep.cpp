// The sweep end to end over real HTTP on 127.0.0.1, once per transport: steps of 5, 10, 15, 20, 25,
// 30 req/s against a server whose capacity is known (3 requests at a time, 166 ms each: 18 req/s),
// judged by an SLO of p95 latency < 350 ms. Below 18 req/s every request takes 166 ms; at 20 req/s
// the queue grows by ~16 ms a request per slot, so step 4's p95 passes 350 ms. The sweep must find
// safe_rate 15 and first_failing_step 4 (the knee within one step), and stop there.

#include "capacityserver.h"
#include "enginefixture.h"

#include "scenario/scenarioio.h"

using namespace stampede;
using namespace stampede::test;

namespace {

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
        QString steps;
        for (const metrics::SweepStep &step : all.steps)
            steps += QStringLiteral("\n step %1 @%2: %3 requests, %4 errors, p95 %5 ms, achieved %6: %7")
                         .arg(step.step)
                         .arg(step.offeredRate)
                         .arg(step.requests)
                         .arg(step.errors)
                         .arg(step.latencyP95)
                         .arg(step.achievedRate)
                         .arg(step.passed ? QStringLiteral("ok") : step.reason);
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
