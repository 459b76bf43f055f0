// makePlan(): literal step tables per executor (in the style of k6's executor tests), interpolation
// and the exact arrival integral.

#include "scenario/plan.h"

#include <QtTest/QTest>

using namespace stampede::scenario;

Q_DECLARE_METATYPE(stampede::scenario::LoadProfile)
Q_DECLARE_METATYPE(stampede::scenario::PlanStep)

namespace {

LoadProfile seedRampingVus()
{
    LoadProfile load;
    load.executor = ExecutorKind::RampingVus;
    load.startVus = 0;
    load.stages = { { 30000, 20 }, { 30000, 50 }, { 120000, 50 }, { 30000, 0 } };
    return load;
}

LoadProfile rampingRate(double startRate, qint64 timeUnitMs, QList<Stage> stages)
{
    LoadProfile load;
    load.executor = ExecutorKind::RampingArrivalRate;
    load.startRate = startRate;
    load.timeUnitMs = timeUnitMs;
    load.stages = std::move(stages);
    return load;
}

LoadProfile constant(ExecutorKind kind, double value, qint64 durationMs, qint64 timeUnitMs = 1000)
{
    LoadProfile load;
    load.executor = kind;
    load.vus = int(value);
    load.rate = value;
    load.durationMs = durationMs;
    load.timeUnitMs = timeUnitMs;
    return load;
}

QString describe(const QList<PlanStep> &steps)
{
    QStringList parts;
    for (const PlanStep &step : steps)
        parts.append(QStringLiteral("(%1,%2)").arg(step.timeMs).arg(step.target));
    return parts.join(QLatin1Char(' '));
}

} // namespace

class TestPlan : public QObject
{
    Q_OBJECT

private slots:
    void steps_data();
    void steps();
    void seedVusAt_data();
    void seedVusAt();
    void zeroLengthStageJumps();
    void expectedArrivals_data();
    void expectedArrivals();
    void withTargetFrom();
};

void TestPlan::steps_data()
{
    QTest::addColumn<LoadProfile>("load");
    QTest::addColumn<QList<PlanStep>>("steps");
    QTest::addColumn<qint64>("totalMs");
    QTest::addColumn<bool>("openModel");
    QTest::addColumn<double>("peak");

    QTest::addRow("ramping-vus seed stages")
        << seedRampingVus() << QList<PlanStep> { { 0, 0 }, { 30000, 20 }, { 60000, 50 }, { 180000, 50 }, { 210000, 0 } }
        << qint64(210000) << false << 50.0;
    LoadProfile startAt5 = seedRampingVus();
    startAt5.startVus = 5;
    startAt5.stages = { { 10000, 5 } };
    QTest::addRow("ramping-vus start_vus")
        << startAt5 << QList<PlanStep> { { 0, 5 }, { 10000, 5 } } << qint64(10000) << false << 5.0;
    QTest::addRow("constant-vus") << constant(ExecutorKind::ConstantVus, 10, 60000)
                                  << QList<PlanStep> { { 0, 10 }, { 60000, 10 } } << qint64(60000) << false << 10.0;
    QTest::addRow("constant-arrival-rate per second")
        << constant(ExecutorKind::ConstantArrivalRate, 20, 20000) << QList<PlanStep> { { 0, 20 }, { 20000, 20 } }
        << qint64(20000) << true << 20.0;
    QTest::addRow("constant-arrival-rate per minute")
        << constant(ExecutorKind::ConstantArrivalRate, 120, 60000, 60000) << QList<PlanStep> { { 0, 2 }, { 60000, 2 } }
        << qint64(60000) << true << 2.0;
    QTest::addRow("ramping-arrival-rate")
        << rampingRate(5, 1000, { { 10000, 10 }, { 20000, 10 }, { 10000, 0 } })
        << QList<PlanStep> { { 0, 5 }, { 10000, 10 }, { 30000, 10 }, { 40000, 0 } } << qint64(40000) << true << 10.0;
    QTest::addRow("ramping-arrival-rate per 500ms")
        << rampingRate(1, 500, { { 4000, 3 } }) << QList<PlanStep> { { 0, 2 }, { 4000, 6 } } << qint64(4000) << true
        << 6.0;
}

void TestPlan::steps()
{
    QFETCH(LoadProfile, load);
    QFETCH(QList<PlanStep>, steps);
    QFETCH(qint64, totalMs);
    QFETCH(bool, openModel);
    QFETCH(double, peak);
    const Plan plan = makePlan(load);
    QCOMPARE(describe(plan.steps), describe(steps));
    QCOMPARE(plan.totalMs, totalMs);
    QCOMPARE(plan.openModel, openModel);
    QCOMPARE(plan.peak(), peak);
}

void TestPlan::seedVusAt_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<int>("vus");
    QTest::addRow("start") << qint64(0) << 0;
    QTest::addRow("mid first ramp") << qint64(15000) << 10;
    QTest::addRow("end first ramp") << qint64(30000) << 20;
    QTest::addRow("mid second ramp") << qint64(45000) << 35;
    QTest::addRow("reach peak") << qint64(60000) << 50;
    QTest::addRow("hold") << qint64(150000) << 50;
    QTest::addRow("mid ramp down") << qint64(195000) << 25;
    QTest::addRow("end") << qint64(210000) << 0;
    QTest::addRow("fraction floors up the ramp") << qint64(1000) << 0;
    QTest::addRow("fraction floors down the ramp") << qint64(194000) << 26;
    QTest::addRow("after the end") << qint64(300000) << 0;
    QTest::addRow("before the start") << qint64(-5) << 0;
}

void TestPlan::seedVusAt()
{
    QFETCH(qint64, ms);
    QFETCH(int, vus);
    QCOMPARE(makePlan(seedRampingVus()).vusAt(ms), vus);
}

void TestPlan::zeroLengthStageJumps()
{
    LoadProfile load = seedRampingVus();
    load.stages = { { 0, 10 }, { 10000, 10 } };
    const Plan plan = makePlan(load);
    QCOMPARE(plan.vusAt(0), 10);
    QCOMPARE(plan.targetAt(5000), 10.0);
    QCOMPARE(plan.totalMs, qint64(10000));
}

void TestPlan::expectedArrivals_data()
{
    QTest::addColumn<LoadProfile>("load");
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<double>("arrivals");
    const LoadProfile triangle = rampingRate(0, 1000, { { 10000, 10 }, { 10000, 10 }, { 10000, 0 } });
    QTest::addRow("ramp: half of the first stage") << triangle << qint64(5000) << 12.5;
    QTest::addRow("ramp: first stage") << triangle << qint64(10000) << 50.0;
    QTest::addRow("ramp: inside the hold") << triangle << qint64(15000) << 100.0;
    QTest::addRow("ramp: through the hold") << triangle << qint64(20000) << 150.0;
    QTest::addRow("ramp: into the ramp down") << triangle << qint64(25000) << 187.5;
    QTest::addRow("ramp: whole plan") << triangle << qint64(30000) << 200.0;
    QTest::addRow("ramp: after the end adds nothing") << triangle << qint64(90000) << 200.0;
    QTest::addRow("ramp: before the start") << triangle << qint64(-1000) << 0.0;
    QTest::addRow("per-minute rate 60 -> 120 over 1m")
        << rampingRate(60, 60000, { { 60000, 120 } }) << qint64(60000) << 90.0;
    QTest::addRow("jump stage adds no area") << rampingRate(0, 1000, { { 0, 4 }, { 5000, 4 } }) << qint64(5000) << 20.0;
    QTest::addRow("constant 20/s for 20s")
        << constant(ExecutorKind::ConstantArrivalRate, 20, 20000) << qint64(20000) << 400.0;
    QTest::addRow("constant 20/s after 2.5s")
        << constant(ExecutorKind::ConstantArrivalRate, 20, 20000) << qint64(2500) << 50.0;
}

void TestPlan::expectedArrivals()
{
    QFETCH(LoadProfile, load);
    QFETCH(qint64, ms);
    QFETCH(double, arrivals);
    QCOMPARE(makePlan(load).expectedArrivals(ms), arrivals);
}

// Run ▸ Adjust load: the corners before the change stay, the target jumps and holds to the end.
void TestPlan::withTargetFrom()
{
    LoadProfile load;
    load.executor = ExecutorKind::RampingVus;
    load.startVus = 0;
    load.stages = { { 10000, 10 }, { 10000, 10 } };
    const Plan adjusted = stampede::scenario::withTargetFrom(makePlan(load), 5000, 40);
    QCOMPARE(adjusted.totalMs, 20000);
    QCOMPARE(adjusted.vusAt(4000), 4);
    QCOMPARE(adjusted.vusAt(5000), 40); // the later corner at the same time wins: a jump
    QCOMPARE(adjusted.vusAt(15000), 40);
    QCOMPARE(adjusted.vusAt(20000), 40);
    QCOMPARE(adjusted.peak(), 40.0);
    // Twice: the second change starts from the first one's plan.
    const Plan twice = stampede::scenario::withTargetFrom(adjusted, 12000, 2);
    QCOMPARE(twice.vusAt(11999), 40);
    QCOMPARE(twice.vusAt(12000), 2);
    QCOMPARE(twice.vusAt(4000), 4);
}

QTEST_GUILESS_MAIN(TestPlan)
#include "tst_plan.moc"
