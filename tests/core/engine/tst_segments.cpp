// Execution segments (issue 15) on virtual time: N executors, each with its segment I/N of the same
// plan and seed, together start exactly the arrivals and hold exactly the VUs of one executor
// running the whole plan; the segment text, the environment and the caps' division.
#include "engine/executor.h"
#include "scenario/segment.h"

#include <QTest>

#include <algorithm>

using namespace stampede;
using engine::Executor;
using scenario::Segment;

namespace {

constexpr std::int64_t msNs = 1000000;

scenario::LoadProfile rampingVus()
{
    scenario::LoadProfile load;
    load.executor = scenario::ExecutorKind::RampingVus;
    load.startVus = 1;
    load.stages = { { 7000, 23 }, { 3000, 23 }, { 5000, 2 } };
    return load;
}

scenario::LoadProfile rampingRate(scenario::Arrival arrival, int maxInFlight = 100000)
{
    scenario::LoadProfile load;
    load.executor = scenario::ExecutorKind::RampingArrivalRate;
    load.arrival = arrival;
    load.startRate = 5;
    load.timeUnitMs = 1000;
    load.stages = { { 3000, 400 }, { 2000, 400 }, { 3000, 30 } };
    load.maxInFlight = maxInFlight;
    return load;
}

/// Every arrival the executor starts over the whole plan, ticked each millisecond with nothing in
/// flight; `dropped` gets what it dropped.
QList<std::int64_t> allArrivals(Executor &executor, std::int64_t inFlight = 0, std::int64_t *dropped = nullptr)
{
    QList<std::int64_t> out;
    for (std::int64_t t = 0; t <= executor.plan().totalMs + 1; ++t) {
        const Executor::Step step = executor.tick(t * msNs, inFlight);
        for (const QList<std::int64_t> &worker : step.arrivals)
            out += worker;
        if (dropped)
            *dropped += step.dropped;
    }
    return out;
}

} // namespace

class TestSegments : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void vusAddUpAtEveryInstant()
    {
        for (int count : { 1, 2, 3, 4, 7, 30 }) {
            Executor whole(rampingVus(), 3, 0);
            QList<Executor *> parts;
            for (int i = 0; i < count; ++i)
                parts << new Executor(rampingVus(), 2, 0, Segment { i, count });
            QList<int> wholeShares(3, 0);
            QList<QList<int>> partShares(count, QList<int>(2, 0));
            for (std::int64_t t = 0; t <= 15000; t += 50) {
                for (const auto &[w, share] : whole.tick(t * msNs, 0).vuTargets)
                    wholeShares[w] = share;
                int sum = 0;
                for (int i = 0; i < count; ++i) {
                    for (const auto &[w, share] : parts[i]->tick(t * msNs, 0).vuTargets)
                        partShares[i][w] = share;
                    const int mine = partShares[i][0] + partShares[i][1];
                    sum += mine;
                    const int total = wholeShares[0] + wholeShares[1] + wholeShares[2];
                    QVERIFY2(mine == total / count + (i < total % count ? 1 : 0),
                        qPrintable(
                            QStringLiteral("segment %1/%2 at %3 ms: %4 VUs").arg(i).arg(count).arg(t).arg(mine)));
                }
                QCOMPARE(sum, wholeShares[0] + wholeShares[1] + wholeShares[2]);
            }
            qDeleteAll(parts);
        }
    }

    void arrivalsPartitionThePlan_data()
    {
        QTest::addColumn<int>("arrival");
        QTest::addColumn<int>("count");
        for (int count : { 2, 3, 4 }) {
            QTest::addRow("uniform %d", count) << int(scenario::Arrival::Uniform) << count;
            QTest::addRow("poisson %d", count) << int(scenario::Arrival::Poisson) << count;
        }
    }

    void arrivalsPartitionThePlan()
    {
        QFETCH(int, arrival);
        QFETCH(int, count);
        const auto kind = scenario::Arrival(arrival);
        Executor whole(rampingRate(kind), 3, 4242);
        const QList<std::int64_t> expected = allArrivals(whole);
        QVERIFY(expected.size() > 1500);
        QList<std::int64_t> union_;
        for (int i = 0; i < count; ++i) {
            Executor part(rampingRate(kind), 2, 4242, Segment { i, count });
            const QList<std::int64_t> mine = allArrivals(part);
            QCOMPARE(mine.size(), expected.size() / count + (i < expected.size() % count ? 1 : 0));
            union_ += mine;
        }
        std::sort(union_.begin(), union_.end());
        QList<std::int64_t> sorted = expected;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(union_, sorted); // the same start times, none twice, none missing
    }

    void dropsAreCountedPerSegment()
    {
        // Always at the cap: every arrival is dropped, each by exactly one agent.
        Executor whole(rampingRate(scenario::Arrival::Uniform, 8), 1, 7);
        std::int64_t wholeDropped = 0;
        QVERIFY(allArrivals(whole, 8, &wholeDropped).isEmpty());
        std::int64_t sum = 0;
        for (int i = 0; i < 3; ++i) {
            Executor part(rampingRate(scenario::Arrival::Uniform, 8), 1, 7, Segment { i, 3 });
            std::int64_t dropped = 0;
            QVERIFY(allArrivals(part, 3, &dropped).isEmpty()); // its cap is 8 split three ways: 3 3 2
            sum += dropped;
        }
        QCOMPARE(sum, wholeDropped);
        // With room, a segment's cap is its share of max_in_flight.
        Executor part(rampingRate(scenario::Arrival::Uniform, 8), 1, 7, Segment { 2, 3 });
        QCOMPARE(allArrivals(part, 1).size() > 0, true);
        Executor full(rampingRate(scenario::Arrival::Uniform, 8), 1, 7, Segment { 2, 3 });
        QVERIFY(allArrivals(full, 2).isEmpty()); // 2 in flight is segment 2/3's whole share of 8
    }

    void parseSegment_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("error");
        QTest::addRow("first") << "0/4" << 0 << 4 << "";
        QTest::addRow("last") << " 3 / 4 " << 3 << 4 << "";
        QTest::addRow("whole") << "0/1" << 0 << 1 << "";
        QTest::addRow("index = N") << "4/4" << -1 << -1 << "I counts from 0, so it must be below N (0 to 3)";
        QTest::addRow("N = 0") << "0/0" << -1 << -1 << "N must be 1 to 10000";
        QTest::addRow("too many") << "0/10001" << -1 << -1 << "N must be 1 to 10000";
        QTest::addRow("fraction") << "1:4" << -1 << -1 << "is not a segment; write I/N";
        QTest::addRow("negative") << "-1/4" << -1 << -1 << "is not a segment; write I/N";
    }

    void parseSegment()
    {
        QFETCH(QString, text);
        QFETCH(int, index);
        QFETCH(int, count);
        QFETCH(QString, error);
        QString why;
        const auto segment = scenario::parseSegment(text, &why);
        if (error.isEmpty()) {
            QVERIFY2(segment, qPrintable(why));
            QCOMPARE(segment->index, index);
            QCOMPARE(segment->count, count);
        } else {
            QVERIFY(!segment);
            QVERIFY2(why.contains(error), qPrintable(why));
        }
    }

    void segmentFromEnvironment()
    {
        QString why;
        qunsetenv("STAMPEDE_SEGMENTS");
        qputenv("JOB_COMPLETION_INDEX", "2");
        QCOMPARE(scenario::segmentFromEnvironment(&why), std::optional<Segment>(Segment {})); // no fleet: whole
        qputenv("STAMPEDE_SEGMENTS", "4");
        QCOMPARE(scenario::segmentFromEnvironment(&why), std::optional<Segment>(Segment { 2, 4 }));
        qputenv("JOB_COMPLETION_INDEX", "4");
        QVERIFY(!scenario::segmentFromEnvironment(&why));
        QVERIFY2(why.startsWith(QStringLiteral("JOB_COMPLETION_INDEX=4, STAMPEDE_SEGMENTS=4: ")), qPrintable(why));
        qunsetenv("JOB_COMPLETION_INDEX");
        QVERIFY(!scenario::segmentFromEnvironment(&why));
        QVERIFY2(why.contains(QStringLiteral("Indexed Job")), qPrintable(why));
        qunsetenv("STAMPEDE_SEGMENTS");
    }

    void capsAreDividedAndTheSeedShared()
    {
        scenario::Scenario whole;
        whole.models = { scenario::ModelSpec {} };
        whole.models[0].model = QStringLiteral("gpt-4.1");
        whole.models[0].limits.rpm = 120;
        whole.limits.tpm = 90000;
        whole.budgetUsd = 3.0;
        const scenario::Scenario part = scenario::scenarioForSegment(whole, Segment { 1, 3 });
        QCOMPARE(*part.models[0].limits.rpm, 40.0);
        QVERIFY(!part.models[0].limits.tpm);
        QCOMPARE(*part.limits.tpm, 30000.0);
        QVERIFY(!part.limits.rpm);
        QCOMPARE(*part.budgetUsd, 1.0);
        QCOMPARE(scenario::scenarioForSegment(whole, Segment {}).budgetUsd, whole.budgetUsd);
        // Agents reading the same file agree on the seed; another scenario gets another one.
        QCOMPARE(scenario::sharedSeed(whole), scenario::sharedSeed(scenario::Scenario(whole)));
        scenario::Scenario other = whole;
        other.models[0].model = QStringLiteral("gpt-4.1-mini");
        QVERIFY(scenario::sharedSeed(other) != scenario::sharedSeed(whole));
    }
};

QTEST_GUILESS_MAIN(TestSegments)
#include "tst_segments.moc"
