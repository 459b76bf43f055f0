// Open-model start times on virtual time: exact for uniform arrivals, statistical for poisson.
#include "engine/arrivalschedule.h"
#include "scenario/plan.h"

#include <QtTest/QTest>

using namespace stampede;

class TestArrivalSchedule : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void uniform_data()
    {
        QTest::addColumn<int>("executor");
        QTest::addColumn<double>("startRate");
        QTest::addColumn<QList<double>>("stageTargets"); // one stage per entry, 1 s each; empty = constant
        QTest::addColumn<QList<double>>("expectedSeconds");
        QTest::addRow("constant 10/s for 1s: every 100 ms, first at 0")
            << int(scenario::ExecutorKind::ConstantArrivalRate) << 10.0 << QList<double> {}
            << QList<double> { 0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 };
        // L(t) = 2.5 t^2 on [0, 2]: the k-th arrival at sqrt(k / 2.5).
        QTest::addRow("ramp 0 -> 10/s over 2 stages")
            << int(scenario::ExecutorKind::RampingArrivalRate) << 0.0 << QList<double> { 5.0, 10.0 }
            << QList<double> { 0.0, 0.632456, 0.894427, 1.095445, 1.264911, 1.414214, 1.549193, 1.673320, 1.788854,
                   1.897367 };
        QTest::addRow("hold then stop: 4/s for 1 s, then ramp to 0 over 1 s")
            << int(scenario::ExecutorKind::RampingArrivalRate) << 4.0 << QList<double> { 4.0, 0.0 }
            << QList<double> { 0.0, 0.25, 0.5, 0.75, 1.0, 1.292893 };
    }
    void uniform()
    {
        QFETCH(int, executor);
        QFETCH(double, startRate);
        QFETCH(QList<double>, stageTargets);
        QFETCH(QList<double>, expectedSeconds);
        scenario::LoadProfile load;
        load.executor = scenario::ExecutorKind(executor);
        load.rate = startRate;
        load.startRate = startRate;
        load.durationMs = 1000;
        load.timeUnitMs = 1000;
        for (double target : stageTargets)
            load.stages.append({ 1000, target });
        engine::ArrivalSchedule schedule(scenario::makePlan(load), scenario::Arrival::Uniform, 1);
        QList<double> got;
        while (auto next = schedule.next())
            got << double(*next) / 1e9;
        QCOMPARE(got.size(), expectedSeconds.size());
        for (int i = 0; i < got.size(); ++i)
            QVERIFY2(qAbs(got[i] - expectedSeconds[i]) < 1e-5,
                qPrintable(
                    QStringLiteral("arrival %1 at %2 s, expected %3 s").arg(i).arg(got[i]).arg(expectedSeconds[i])));
    }

    void poissonCountAndSpread()
    {
        scenario::LoadProfile load;
        load.executor = scenario::ExecutorKind::ConstantArrivalRate;
        load.rate = 1000;
        load.timeUnitMs = 1000;
        load.durationMs = 10000;
        engine::ArrivalSchedule schedule(scenario::makePlan(load), scenario::Arrival::Poisson, 42);
        int count = 0;
        std::int64_t previous = 0;
        double sumGap = 0, sumGap2 = 0;
        while (auto next = schedule.next()) {
            QVERIFY(*next >= previous);
            const double gap = double(*next - previous) / 1e6;
            sumGap += gap;
            sumGap2 += gap * gap;
            previous = *next;
            ++count;
        }
        // Expect 10,000 +- 3 sigma (sigma = 100); exponential gaps: mean == stddev == 1 ms.
        QVERIFY2(count > 9700 && count < 10300, qPrintable(QString::number(count)));
        const double mean = sumGap / count;
        const double sd = std::sqrt(sumGap2 / count - mean * mean);
        QVERIFY2(
            qAbs(mean - 1.0) < 0.05 && qAbs(sd - 1.0) < 0.1, qPrintable(QStringLiteral("%1 %2").arg(mean).arg(sd)));
    }

    void timeUnitScalesRate()
    {
        scenario::LoadProfile load;
        load.executor = scenario::ExecutorKind::ConstantArrivalRate;
        load.rate = 120; // per minute = 2/s
        load.timeUnitMs = 60000;
        load.durationMs = 3000;
        engine::ArrivalSchedule schedule(scenario::makePlan(load), scenario::Arrival::Uniform, 1);
        int count = 0;
        while (schedule.next())
            ++count;
        QCOMPARE(count, 6);
    }

    void skipCountsWhatNextWouldHaveGiven_data()
    {
        QTest::addColumn<int>("arrival");
        QTest::addRow("uniform") << int(scenario::Arrival::Uniform);
        QTest::addRow("poisson") << int(scenario::Arrival::Poisson);
    }
    void skipCountsWhatNextWouldHaveGiven()
    {
        // A ramp 0 -> 2000/s over 2 s, then 2000/s for 1 s: L(3 s) = 4000 arrivals in all.
        QFETCH(int, arrival);
        scenario::LoadProfile load;
        load.executor = scenario::ExecutorKind::RampingArrivalRate;
        load.startRate = 0;
        load.timeUnitMs = 1000;
        load.stages = { { 2000, 2000.0 }, { 1000, 2000.0 } };
        const scenario::Plan plan = scenario::makePlan(load);
        engine::ArrivalSchedule stepped(plan, scenario::Arrival(arrival), 3);
        engine::ArrivalSchedule skipping(plan, scenario::Arrival(arrival), 3);
        std::int64_t byNext = 0, bySkip = 0;
        for (std::int64_t tick = 100'000'000; tick <= 3'000'000'000; tick += 100'000'000) {
            bySkip += skipping.skipUntil(tick);
            while (auto next = stepped.next()) {
                ++byNext;
                if (*next > tick) { // the first one past the tick: put it back by counting it next time
                    --byNext;
                    stepped = engine::ArrivalSchedule(plan, scenario::Arrival(arrival), 3);
                    for (std::int64_t i = 0; i < byNext; ++i)
                        stepped.next();
                    break;
                }
            }
            if (arrival == int(scenario::Arrival::Uniform))
                QCOMPARE(bySkip, byNext); // exact: the same arrivals
            else // the same law: within 5 standard deviations of the count
                QVERIFY2(std::abs(double(bySkip - byNext)) <= 5 * std::sqrt(double(byNext) + 1) + 2,
                    qPrintable(
                        QStringLiteral("%1 skipped vs %2 by next() at %3 ns").arg(bySkip).arg(byNext).arg(tick)));
        }
        QCOMPARE(skipping.skipUntil(4'000'000'000), 0); // nothing after the plan's end
        QVERIFY(!skipping.next());
        if (arrival == int(scenario::Arrival::Uniform))
            QCOMPARE(bySkip, 4000);
        QCOMPARE(skipping.issued(), bySkip);
    }

    void skipIsConstantTimeAtAnyRate()
    {
        // 1e12 arrivals a second: a drop count in one step, not a trillion iterations.
        scenario::LoadProfile load;
        load.executor = scenario::ExecutorKind::ConstantArrivalRate;
        load.rate = 1e12;
        load.timeUnitMs = 1000;
        load.durationMs = 2000;
        engine::ArrivalSchedule schedule(scenario::makePlan(load), scenario::Arrival::Poisson, 1);
        const std::int64_t first = schedule.skipUntil(1'000'000'000);
        QVERIFY2(std::abs(double(first) - 1e12) < 1e8, qPrintable(QString::number(first)));
        const std::int64_t rest = schedule.skipUntil(5'000'000'000);
        QVERIFY2(std::abs(double(first + rest) - 2e12) < 1e8, qPrintable(QString::number(first + rest)));
        QVERIFY(!schedule.next());
    }
};

QTEST_GUILESS_MAIN(TestArrivalSchedule)
#include "tst_arrivalschedule.moc"
