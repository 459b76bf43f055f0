// The sweep's step verdicts on virtual time: hand-made outcomes per step through the Aggregator
// (which owns the SweepTracker), with known answers for each step's figures and reason, the knee,
// safe_rate, the per-model verdicts and the throughput frontier; and a VU sweep's steps (x = VUs,
// safe_vus, no "achieved below offered" rule, a cut step measured by its time).

#include "metrics/aggregator.h"

#include <QTest>

using namespace stampede;
using namespace stampede::metrics;

namespace {

constexpr std::int64_t msNs = 1'000'000;

RequestOutcome answer(int model, std::int64_t scheduledMs, std::int64_t latencyMs, int status = 200)
{
    RequestOutcome o;
    o.modelIndex = model;
    o.scheduledNs = o.dispatchedNs = o.sentNs = scheduledMs * msNs;
    o.firstByteNs = o.firstTokenNs = o.lastTokenNs = o.endNs = o.sentNs + latencyMs * msNs;
    o.httpStatus = status;
    o.completionTokens = 10;
    if (status != 200)
        o.errorClass = ErrorClass::Http;
    return o;
}

model::Sweep sweep(double start, double factor, int steps)
{
    model::Sweep s;
    s.startRate = start;
    s.factor = factor;
    s.stepDurationMs = 1000;
    s.maxSteps = steps;
    return s;
}

model::Sweep vuSweep(int start, double factor, int steps)
{
    model::Sweep s = sweep(1, factor, steps);
    s.level = model::SweepLevel::Vus;
    s.startVus = start;
    return s;
}

AggregatorConfig config(const model::Sweep &s, const QStringList &models = { QStringLiteral("a") })
{
    AggregatorConfig c;
    c.models = models;
    for (qsizetype i = 0; i < models.size(); ++i)
        c.prices << model::Price {};
    c.openModel = !s.isVus();
    c.sweep = s;
    c.sweepSettleMs = 500;
    return c;
}

/// `c` with an SLO of http_req_duration < `boundMs`, for every model.
AggregatorConfig withSlo(AggregatorConfig c, std::int64_t boundMs)
{
    model::Slo slo;
    slo.setBound(model::SloMetric::HttpReqDuration, boundMs);
    c.slo = slo;
    c.modelSlos = { slo };
    return c;
}

/// Schedules and answers step `step` (0-based, 1 s long) at `rate`: `failures` of the requests
/// answer 503, the rest succeed after `latencyMs`. Models alternate when `models` > 1.
void runStep(Aggregator &agg, int step, int rate, std::int64_t latencyMs, int failures = 0, int models = 1,
    int failingModel = -1)
{
    for (int i = 0; i < rate; ++i) {
        const std::int64_t at = std::int64_t(step) * 1000 + std::int64_t(i) * 1000 / rate;
        const int model = i % models;
        agg.scheduled(at * msNs);
        const bool fails = failingModel >= 0 ? (model == failingModel && i / models < failures) : i < failures;
        agg.add(answer(model, at, latencyMs, fails ? 503 : 200));
    }
}

} // namespace

class TestSweepTracker : public QObject
{
    Q_OBJECT

private slots:
    void knownAnswers()
    {
        Aggregator agg(withSlo(config(sweep(10, 2, 4)), 500));
        runStep(agg, 0, 10, 100);
        runStep(agg, 1, 20, 200);
        runStep(agg, 2, 40, 300, 4); // 10 % errors
        runStep(agg, 3, 80, 900); // p95 over the SLO
        const RunSummary summary = agg.finish(4200 * msNs);
        const Capacity &cap = summary.capacity;
        QCOMPARE(cap.stepDurationMs, 1000);
        const CapacityVerdict &all = cap.overall;
        QCOMPARE(all.model, QStringLiteral("all"));
        QCOMPARE(all.steps.size(), 4);
        QCOMPARE(all.safeRate.value_or(-1), 20.0);
        QCOMPARE(all.firstFailingStep.value_or(-1), 3);
        QCOMPARE(all.reason, QStringLiteral("error rate 10.0 % > 5 %"));

        const SweepStep &first = all.steps[0];
        QCOMPARE(first.step, 1);
        QCOMPARE(first.offeredRate, 10.0);
        QCOMPARE(first.achievedRate, 10.0);
        QCOMPARE(first.requests, 10);
        QCOMPARE(first.errors, 0);
        QVERIFY(first.passed);
        QCOMPARE(first.goodput.value_or(-1), 10.0);
        QCOMPARE(first.latencyP50, 100.0);
        QCOMPARE(first.latencyP99, 100.0);
        const SweepStep &third = all.steps[2];
        QCOMPARE(third.requests, 40);
        QCOMPARE(third.errors, 4);
        QCOMPARE(third.errorRate, 0.1);
        QCOMPARE(third.achievedRate, 36.0);
        QCOMPARE(third.goodput.value_or(-1), 36.0);
        QVERIFY(!third.passed);
        const SweepStep &fourth = all.steps[3];
        QVERIFY(!fourth.passed);
        QCOMPARE(fourth.reason, QString::fromUtf8("p95 latency 900 ms \u2265 SLO 500 ms"));
        QCOMPARE(fourth.goodput.value_or(-1), 0.0);

        // Frontier: achieved rates of steps whose p99 stayed strictly under each bound.
        QCOMPARE(all.frontier.size(), 5);
        QCOMPARE(all.frontier[0].boundMs, 100);
        QVERIFY(!all.frontier[0].latencyP99Rate); // step 1's p99 is 100 ms: not under 100 ms
        QCOMPARE(all.frontier[1].latencyP99Rate.value_or(-1), 36.0); // step 3 (p99 300 ms)
        QCOMPARE(all.frontier[2].latencyP99Rate.value_or(-1), 80.0); // step 4 (p99 900 ms)
        QCOMPARE(all.frontier[4].boundMs, 5000);
        QCOMPARE(all.frontier[4].ttftP99Rate.value_or(-1), 80.0);

        QCOMPARE(cap.models.size(), 1);
        QCOMPARE(cap.models[0].model, QStringLiteral("a"));
        QCOMPARE(cap.models[0].safeRate.value_or(-1), 20.0);
        QCOMPARE(cap.models[0].firstFailingStep.value_or(-1), 3);
    }

    void liveKneeAndSettle()
    {
        Aggregator agg(config(sweep(10, 2, 3)));
        runStep(agg, 0, 10, 50);
        Snapshot s = agg.snapshot(1500 * msNs, 3000);
        QCOMPARE(s.sweepSteps.size(), 1);
        QVERIFY(s.sweepSteps[0].judged);
        QVERIFY(!agg.sweepKnee());

        // Step 2: 20 scheduled, 19 back; not judged until settleMs (500 ms) after its end.
        for (int i = 0; i < 20; ++i) {
            const std::int64_t at = 1000 + i * 50;
            agg.scheduled(at * msNs);
            if (i < 19)
                agg.add(answer(0, at, 50, i < 4 ? 429 : 200));
        }
        s = agg.snapshot(2100 * msNs, 3000);
        QCOMPARE(s.sweepSteps.size(), 2);
        QVERIFY(!s.sweepSteps[1].judged);
        QVERIFY(!agg.sweepKnee());
        s = agg.snapshot(2600 * msNs, 3000);
        QVERIFY(s.sweepSteps[1].judged);
        QVERIFY(!s.sweepSteps[1].passed);
        const std::optional<SweepStep> knee = agg.sweepKnee();
        QVERIFY(knee);
        QCOMPARE(knee->step, 2);
        QCOMPARE(knee->requests, 19);
        QCOMPARE(knee->errors, 4);

        // The run stops there: a step after the knee that did not run to its end is left out.
        agg.scheduled(2100 * msNs);
        agg.add(answer(0, 2100, 50));
        const RunSummary summary = agg.finish(2700 * msNs);
        QCOMPARE(summary.capacity.overall.steps.size(), 2);
        QCOMPARE(summary.capacity.overall.safeRate.value_or(-1), 10.0);
        QCOMPARE(summary.capacity.overall.firstFailingStep.value_or(-1), 2);
    }

    void thresholdAndModels()
    {
        AggregatorConfig c = config(sweep(10, 2, 3), { QStringLiteral("a"), QStringLiteral("b") });
        c.thresholds = { { QStringLiteral("http_req_duration{model:a}"), QStringLiteral("p(95)<250"), false, 0 } };
        Aggregator agg(c);
        runStep(agg, 0, 10, 100);
        runStep(agg, 1, 20, 100, 2, 2, 1); // model b: 2 of its 10 fail; every model together: 10 %
        runStep(agg, 2, 40, 300);
        const Capacity cap = agg.finish(3100 * msNs).capacity;
        QCOMPARE(cap.overall.firstFailingStep.value_or(-1), 2);
        QCOMPARE(cap.overall.reason, QStringLiteral("error rate 10.0 % > 5 %"));
        QCOMPARE(cap.models[0].model, QStringLiteral("a"));
        QVERIFY(cap.models[0].steps[1].passed);
        QCOMPARE(cap.models[0].steps[1].offeredRate, 10.0); // its share of the 20 req/s
        QCOMPARE(cap.models[0].firstFailingStep.value_or(-1), 3);
        QCOMPARE(cap.models[0].reason,
            QStringLiteral("threshold http_req_duration{model:a} p(95)<250 failed (value 300.00)"));
        QCOMPARE(cap.models[0].safeRate.value_or(-1), 10.0); // model a: offered 5 then 10 req/s
        QCOMPARE(cap.models[1].firstFailingStep.value_or(-1), 2);
        QCOMPARE(cap.models[1].reason, QStringLiteral("error rate 20.0 % > 5 %"));
        QVERIFY(!cap.overall.steps[2].passed); // every model must hold: model a's threshold fails it
        QVERIFY2(cap.overall.steps[2].reason.startsWith(QStringLiteral("a: threshold")),
            qPrintable(cap.overall.steps[2].reason));
        QVERIFY(!cap.overall.steps[1].goodput); // no SLO declared: no goodput
    }

    void achievedBelowOffered()
    {
        model::Sweep s = sweep(10, 2, 2);
        s.stopWhen.errorRate = 1; // off: only the achieved rate can fail a step
        Aggregator agg(config(s));
        runStep(agg, 0, 10, 50);
        runStep(agg, 1, 20, 50, 4); // 16 of 20 succeed: 80 % of offered
        const Capacity cap = agg.finish(2100 * msNs).capacity;
        QCOMPARE(cap.overall.firstFailingStep.value_or(-1), 2);
        QCOMPARE(cap.overall.reason, QStringLiteral("achieved 16.0 req/s < 90 % of offered 20"));
    }

    void noKnee()
    {
        Aggregator agg(config(sweep(5, 2, 2)));
        runStep(agg, 0, 5, 50);
        runStep(agg, 1, 10, 50);
        const Capacity cap = agg.finish(2100 * msNs).capacity;
        QVERIFY(!cap.overall.firstFailingStep);
        QCOMPARE(cap.overall.safeRate.value_or(-1), 10.0);
        QVERIFY(cap.overall.reason.startsWith(QStringLiteral("no step failed")));
    }

    void vuSteps()
    {
        Aggregator agg(withSlo(config(vuSweep(2, 2, 3)), 150));
        runStep(agg, 0, 20, 100); // 2 VUs: 20 req/s at 100 ms
        runStep(agg, 1, 30, 100, 0); // 4 VUs: 30 req/s, far from 4 VUs' 40: no offered rate to fall below
        runStep(agg, 2, 40, 200); // 8 VUs: latency doubles, the rate barely grows
        const Capacity cap = agg.finish(3100 * msNs).capacity;
        QVERIFY(cap.level == model::SweepLevel::Vus);
        const CapacityVerdict &all = cap.overall;
        QCOMPARE(all.steps.size(), 3);
        QCOMPARE(all.steps[0].vus, 2);
        QCOMPARE(all.steps[1].vus, 4);
        QCOMPARE(all.steps[2].vus, 8);
        QCOMPARE(all.steps[2].level(), 8.0);
        QCOMPARE(all.steps[1].offeredRate, 0.0); // a closed model offers no rate
        QCOMPARE(all.steps[1].achievedRate, 30.0);
        QVERIFY(all.steps[1].passed);
        QCOMPARE(all.firstFailingStep.value_or(-1), 3);
        QCOMPARE(all.reason, QString::fromUtf8("p95 latency 200 ms \u2265 SLO 150 ms"));
        QCOMPARE(all.safeVus.value_or(-1), 4); // the last good step's VUs
        QCOMPARE(all.safeRate.value_or(-1), 30.0); // and the rate it achieved
        QCOMPARE(cap.models[0].safeVus.value_or(-1), 4);
        QCOMPARE(cap.models[0].steps[0].vus, 2); // a model's step: the step's VUs (shared by the models)
        QCOMPARE(all.frontier[1].latencyP99Rate.value_or(-1), 40.0); // by achieved rate, as for a rate sweep
    }

    void vuStepCutByTheEnd()
    {
        Aggregator agg(config(vuSweep(2, 2, 2)));
        runStep(agg, 0, 20, 50);
        for (int i = 0; i < 10; ++i) { // half of step 2 ran: 10 requests in 0.5 s
            agg.scheduled((1000 + i * 50) * msNs);
            agg.add(answer(0, 1000 + i * 50, 50));
        }
        agg.stopIssuing(1500 * msNs);
        const Capacity cap = agg.finish(1600 * msNs).capacity;
        QCOMPARE(cap.overall.steps.size(), 2);
        QCOMPARE(cap.overall.steps[1].achievedRate, 20.0); // over the 0.5 s its VUs ran
        QVERIFY(!cap.overall.firstFailingStep);
        QCOMPARE(cap.overall.safeVus.value_or(-1), 4);
    }

    // `checks` and `dropped_iterations` thresholds are judged on each step's own checks and drops.
    void checksAndDroppedPerStep()
    {
        AggregatorConfig c = config(sweep(10, 2, 3));
        c.checks = { QStringLiteral("has_text") };
        c.thresholds = { { QStringLiteral("checks"), QStringLiteral("rate>0.9"), false, 0 },
            { QStringLiteral("dropped_iterations"), QStringLiteral("count<3"), false, 0 } };
        Aggregator agg(c);
        const auto checkedStep = [&](int step, int rate, int failingChecks) {
            for (int i = 0; i < rate; ++i) {
                const std::int64_t at = std::int64_t(step) * 1000 + std::int64_t(i) * 1000 / rate;
                agg.scheduled(at * msNs);
                RequestOutcome o = answer(0, at, 50);
                o.checksEvaluated = 1;
                o.checksPassed = i < failingChecks ? 0 : 1;
                agg.add(o);
            }
        };
        checkedStep(0, 10, 1); // 90 % pass: not > 0.9 -> fails on its own
        Capacity cap = agg.finish(1100 * msNs).capacity;
        QCOMPARE(cap.overall.firstFailingStep.value_or(-1), 1);
        QCOMPARE(cap.overall.reason, QStringLiteral("threshold checks rate>0.9 failed (value 0.90)"));

        Aggregator drops(c);
        for (int step = 0; step < 3; ++step) {
            const int rate = 10 << step;
            for (int i = 0; i < rate; ++i) {
                const std::int64_t at = std::int64_t(step) * 1000 + std::int64_t(i) * 1000 / rate;
                drops.scheduled(at * msNs);
                RequestOutcome o = answer(0, at, 50);
                o.checksEvaluated = o.checksPassed = 1;
                drops.add(o);
            }
            // 2 arrivals dropped in each of the first two steps, 5 in the third: only it fails.
            drops.setGauges((std::int64_t(step) * 1000 + 500) * msNs, 0, 0, step < 2 ? 2 * (step + 1) : 9, rate);
        }
        cap = drops.finish(3100 * msNs).capacity;
        QCOMPARE(cap.overall.firstFailingStep.value_or(-1), 3);
        QCOMPARE(cap.overall.reason, QStringLiteral("threshold dropped_iterations count<3 failed (value 5.00)"));
    }

    // stop_at_knee false: the run went on past the knee; a step cut by the end is still judged,
    // and the verdict is still the first failing step.
    void pastTheKnee()
    {
        for (const bool stopAtKnee : { true, false }) {
            model::Sweep s = sweep(10, 2, 3);
            s.stopAtKnee = stopAtKnee;
            Aggregator agg(config(s));
            runStep(agg, 0, 10, 50);
            runStep(agg, 1, 20, 50, 4); // 20 % errors: the knee
            for (int i = 0; i < 20; ++i) { // half of step 3 before the run ended
                agg.scheduled((2000 + i * 25) * msNs);
                agg.add(answer(0, 2000 + i * 25, 50));
            }
            const Capacity cap = agg.finish(2550 * msNs).capacity;
            QCOMPARE(cap.overall.firstFailingStep.value_or(-1), 2);
            QCOMPARE(cap.overall.safeRate.value_or(-1), 10.0);
            QCOMPARE(cap.overall.steps.size(), stopAtKnee ? 2 : 3);
            if (!stopAtKnee)
                QVERIFY(cap.overall.steps[2].passed);
        }
    }

    void notASweep()
    {
        AggregatorConfig c = config(sweep(5, 2, 2));
        c.sweep.reset();
        Aggregator agg(c);
        agg.add(answer(0, 0, 50));
        QVERIFY(agg.snapshot(1500 * msNs, 1000).sweepSteps.isEmpty());
        QVERIFY(agg.finish(1500 * msNs).capacity.isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestSweepTracker)
#include "tst_sweeptracker.moc"
