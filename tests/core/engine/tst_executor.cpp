// The executors on virtual time (issue 10 item 6): Executor is fed literal run times, no clock,
// no network, and its decisions are compared with literal step tables.
#include "engine/executor.h"

#include <QTest>

using namespace stampede;
using engine::Executor;

namespace {

constexpr std::int64_t msNs = 1000000;

scenario::LoadProfile rampingVusLoad()
{
    scenario::LoadProfile load;
    load.executor = scenario::ExecutorKind::RampingVus;
    load.startVus = 0;
    load.stages = { { 10000, 10 }, { 10000, 10 }, { 5000, 0 } };
    return load;
}

scenario::LoadProfile arrivalRate(double rate, qint64 durationMs, int maxInFlight = 1000)
{
    scenario::LoadProfile load;
    load.executor = scenario::ExecutorKind::ConstantArrivalRate;
    load.rate = rate;
    load.timeUnitMs = 1000;
    load.durationMs = durationMs;
    load.maxInFlight = maxInFlight;
    return load;
}

/// Every scheduled start of a step, in ms, worker by worker.
QList<QList<double>> arrivalsMs(const Executor::Step &step)
{
    QList<QList<double>> out;
    for (const QList<std::int64_t> &worker : step.arrivals) {
        QList<double> ms;
        for (std::int64_t ns : worker)
            ms << double(ns) / double(msNs);
        out << ms;
    }
    return out;
}

} // namespace

class TestExecutor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rampingVus()
    {
        // 0 -> 10 VUs over 10 s, hold 10 s, -> 0 over 5 s; three workers; whole VUs, rounded down.
        // Ticked in this order on one executor: `changes` counts the workers whose target moved.
        struct Row {
            qint64 atMs;
            QList<int> shares;
            int changes;
            bool planEnded;
        };
        const Row table[] = {
            { 0, { 0, 0, 0 }, 0, false },
            { 1000, { 1, 0, 0 }, 1, false },
            { 1999, { 1, 0, 0 }, 0, false },
            { 5000, { 2, 2, 1 }, 3, false },
            { 10000, { 4, 3, 3 }, 3, false },
            { 15000, { 4, 3, 3 }, 0, false },
            { 22500, { 2, 2, 1 }, 3, false },
            { 24000, { 1, 1, 0 }, 3, false },
            { 24900, { 0, 0, 0 }, 2, false }, // 0.2 VUs
            { 25000, { 0, 0, 0 }, 0, true },
            { 26000, { 0, 0, 0 }, 0, false },
        };
        Executor executor(rampingVusLoad(), 3, 0);
        QList<int> current { 0, 0, 0 };
        for (const Row &row : table) {
            const QByteArray at = QByteArray::number(row.atMs) + " ms";
            const Executor::Step step = executor.tick(row.atMs * msNs, 0);
            QVERIFY2(step.arrivals.isEmpty(), at);
            for (const auto &[worker, share] : step.vuTargets) {
                QVERIFY2(current[worker] != share, "a target is only sent when it changes");
                current[worker] = share;
            }
            QVERIFY2(current == row.shares, at);
            QVERIFY2(int(step.vuTargets.size()) == row.changes, at);
            QVERIFY2(step.planEnded == row.planEnded, at);
            QVERIFY2(executor.plannedAt(row.atMs * msNs) == double(row.shares[0] + row.shares[1] + row.shares[2]), at);
        }
    }

    void constantArrivalRate()
    {
        // 10/s for 1 s, uniform: starts at 0, 100, ..., 900 ms, round-robin over two workers.
        Executor executor(arrivalRate(10, 1000), 2, 0);
        Executor::Step step = executor.tick(0, 0);
        QCOMPARE(arrivalsMs(step), (QList<QList<double>> { { 0 }, {} }));
        step = executor.tick(250 * msNs, 1);
        QCOMPARE(arrivalsMs(step), (QList<QList<double>> { { 200 }, { 100 } }));
        QVERIFY(!step.planEnded);
        step = executor.tick(1000 * msNs, 3); // late: every start keeps its planned time
        QCOMPARE(arrivalsMs(step), (QList<QList<double>> { { 400, 600, 800 }, { 300, 500, 700, 900 } }));
        QVERIFY(step.planEnded);
        QCOMPARE(step.dropped, 0);
        step = executor.tick(1100 * msNs, 0);
        QCOMPARE(arrivalsMs(step), (QList<QList<double>> { {}, {} }));
        QVERIFY(!step.planEnded);
    }

    void rampingArrivalRate()
    {
        // 0 -> 10/s over 2 s: L(t) = 2.5 t^2, so arrival k starts at sqrt(k / 2.5) s.
        scenario::LoadProfile load;
        load.executor = scenario::ExecutorKind::RampingArrivalRate;
        load.startRate = 0;
        load.timeUnitMs = 1000;
        load.stages = { { 2000, 10 } };
        Executor executor(load, 1, 0);
        QList<double> starts;
        for (qint64 ms : { 0, 500, 1000, 1500, 2000 }) {
            const Executor::Step step = executor.tick(ms * msNs, 0);
            starts << arrivalsMs(step).value(0);
            QCOMPARE(step.planEnded, ms == 2000);
        }
        const QList<double> expected { 0, 632.456, 894.427, 1095.445, 1264.911, 1414.214, 1549.193, 1673.320, 1788.854,
            1897.367 };
        QCOMPARE(starts.size(), expected.size());
        for (int k = 0; k < expected.size(); ++k)
            QVERIFY2(std::abs(starts[k] - expected[k]) < 0.001,
                qPrintable(QStringLiteral("arrival %1 at %2 ms, expected %3").arg(k).arg(starts[k]).arg(expected[k])));
    }

    void arrivalsBeyondTheCapAreDropped()
    {
        // 1000/s (one per ms) against max_in_flight 5.
        Executor executor(arrivalRate(1000, 1000, 5), 1, 0);
        Executor::Step step = executor.tick(100 * msNs, 0); // 101 due: 0..100 ms
        QCOMPARE(arrivalsMs(step), (QList<QList<double>> { { 0, 1, 2, 3, 4 } }));
        QCOMPARE(step.dropped, 96);
        step = executor.tick(200 * msNs, 5); // 100 more due, none may start
        QCOMPARE(arrivalsMs(step), (QList<QList<double>> { {} }));
        QCOMPARE(step.dropped, 100);
        step = executor.tick(300 * msNs, 2); // 3 slots free
        QCOMPARE(arrivalsMs(step), (QList<QList<double>> { { 201, 202, 203 } }));
        QCOMPARE(step.dropped, 97);
    }

    void gracefulStop()
    {
        scenario::LoadProfile load;
        load.executor = scenario::ExecutorKind::ConstantVus;
        load.vus = 2;
        load.durationMs = 10000;
        load.gracefulStopMs = 3000;
        Executor executor(load, 1, 0);
        QCOMPARE(executor.tick(0, 0).vuTargets, (QList<std::pair<int, int>> { { 0, 2 } }));
        executor.stop(4000 * msNs); // Stop pressed at 4 s
        QVERIFY(executor.stopping());
        Executor::Step step = executor.tick(6999 * msNs, 2);
        QVERIFY(!step.cancelNow);
        QVERIFY(step.vuTargets.isEmpty());
        step = executor.tick(7000 * msNs, 2);
        QVERIFY(step.cancelNow);
        step = executor.tick(10000 * msNs, 2); // once only; the plan's end is not reported while stopping
        QVERIFY(!step.cancelNow);
        QVERIFY(!step.planEnded);
    }

    void stoppingIssuesNothing()
    {
        Executor executor(arrivalRate(10, 1000), 1, 0);
        QCOMPARE(arrivalsMs(executor.tick(0, 0)), (QList<QList<double>> { { 0 } }));
        executor.stop(150 * msNs);
        const Executor::Step step = executor.tick(900 * msNs, 0);
        QVERIFY(step.arrivals.isEmpty());
        QCOMPARE(step.dropped, 0);
        // graceful_stop 30 s by default
        QVERIFY(!executor.tick(30149 * msNs, 0).cancelNow);
        QVERIFY(executor.tick(30150 * msNs, 0).cancelNow);
    }

    // Run ▸ Adjust load on an open model: the arrivals so far are kept, the new rate goes on from now
    // to the plan's end, and the plan the executor reports carries the jump.
    void adjustArrivalRate()
    {
        Executor executor(arrivalRate(10, 2000), 1, 0);
        QCOMPARE(arrivalsMs(executor.tick(450 * msNs, 0)), (QList<QList<double>> { { 0, 100, 200, 300, 400 } }));
        QVERIFY(executor.adjust(500 * msNs, 100));
        QCOMPARE(executor.plannedAt(400 * msNs), 10.0);
        QCOMPARE(executor.plannedAt(600 * msNs), 100.0);
        // From 0.5 s on, one arrival every 10 ms: 500 (the 6th of the old plan, due at the jump), 510, ...
        const QList<double> next = arrivalsMs(executor.tick(540 * msNs, 0)).value(0);
        QCOMPARE(next, (QList<double> { 500, 510, 520, 530, 540 }));
        int total = 5 + int(next.size());
        Executor::Step step = executor.tick(2000 * msNs, 0);
        total += int(step.arrivals.value(0).size());
        QVERIFY(step.planEnded);
        QCOMPARE(total, 5 + 150); // 10/s for 0.5 s, then 100/s for 1.5 s
        QVERIFY(!executor.adjust(2100 * msNs, 50)); // the plan has ended
    }

    void adjustVus()
    {
        Executor executor(rampingVusLoad(), 2, 0);
        executor.tick(10000 * msNs, 0); // 10 VUs: 5 and 5
        QVERIFY(executor.adjust(12000 * msNs, 31));
        const Executor::Step step = executor.tick(12000 * msNs, 0);
        QCOMPARE(step.vuTargets, (QList<std::pair<int, int>> { { 0, 16 }, { 1, 15 } }));
        QCOMPARE(executor.plan().totalMs, 25000); // held to the plan's end, not past it
        QCOMPARE(executor.plannedAt(24999 * msNs), 31.0);
        QVERIFY(!executor.adjust(13000 * msNs, -1));
        QVERIFY(!executor.adjust(13000 * msNs, qQNaN()));
        executor.stop(14000 * msNs);
        QVERIFY(!executor.adjust(15000 * msNs, 5)); // stopping: nothing new
    }
};

QTEST_GUILESS_MAIN(TestExecutor)
#include "tst_executor.moc"
