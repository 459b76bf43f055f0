// Open-model start times on virtual time: exact for uniform arrivals, statistical for poisson.
#include "engine/arrivalschedule.h"
#include "scenario/plan.h"

#include <QtTest/QTest>

using namespace stampede;

class TestArrivalSchedule : public QObject {
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
        QTest::addRow("ramp 0 -> 10/s over 2 stages") << int(scenario::ExecutorKind::RampingArrivalRate) << 0.0
                                                      << QList<double> { 5.0, 10.0 }
                                                      << QList<double> { 0.0, 0.632456, 0.894427, 1.095445, 1.264911,
                                                                         1.414214, 1.549193, 1.673320, 1.788854, 1.897367 };
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
                     qPrintable(QStringLiteral("arrival %1 at %2 s, expected %3 s").arg(i).arg(got[i]).arg(expectedSeconds[i])));
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
        QVERIFY2(qAbs(mean - 1.0) < 0.05 && qAbs(sd - 1.0) < 0.1, qPrintable(QStringLiteral("%1 %2").arg(mean).arg(sd)));
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
};

QTEST_GUILESS_MAIN(TestArrivalSchedule)
#include "tst_arrivalschedule.moc"
