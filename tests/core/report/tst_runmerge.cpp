// stampede report merge (issue 15): the run folders of a fleet become one run folder whose
// percentiles, counts and exports are exactly those of one run that saw every request, on the
// earliest agent's clock; runs that do not belong together are refused.

#include "reportfixture.h"

#include "report/runfolder.h"
#include "report/runfolderwriter.h"
#include "report/runmerge.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace stampede;

namespace {

constexpr std::int64_t ms = 1'000'000;

/// A finished run folder of `outcomes`, written the way a run writes it.
QString writeRun(const QTemporaryDir &base, const QString &name, const report::RunMeta &meta,
    const QList<metrics::RequestOutcome> &outcomes, std::optional<metrics::Budget> budget = std::nullopt)
{
    const QString dir = base.filePath(name);
    QList<metrics::SecondPoint> seconds;
    metrics::RunSummary summary = test::summarize(meta, outcomes, &seconds);
    summary.budget = budget;
    report::RunFolderWriter writer(dir);
    writer.begin(meta);
    for (qsizetype i = 0; i < outcomes.size(); i += 7)
        writer.appendOutcomes(outcomes.mid(i, 7));
    writer.appendSeconds(seconds);
    writer.finish(summary);
    return dir;
}

QList<metrics::RequestOutcome> shifted(QList<metrics::RequestOutcome> outcomes, std::int64_t byNs)
{
    for (metrics::RequestOutcome &o : outcomes)
        for (std::int64_t *t :
            { &o.scheduledNs, &o.dispatchedNs, &o.sentNs, &o.firstByteNs, &o.firstTokenNs, &o.lastTokenNs, &o.endNs })
            if (*t >= 0)
                *t += byNs;
    return outcomes;
}

void compareStats(const metrics::LatencyStats &merged, const metrics::LatencyStats &single, const char *what)
{
    QVERIFY2(merged.count == single.count, what);
    for (auto member : { &metrics::LatencyStats::p50, &metrics::LatencyStats::p90, &metrics::LatencyStats::p95,
             &metrics::LatencyStats::p99, &metrics::LatencyStats::max, &metrics::LatencyStats::min })
        QVERIFY2(merged.*member == single.*member,
            qPrintable(QStringLiteral("%1: %2 merged, %3 in one run")
                           .arg(QLatin1String(what))
                           .arg(merged.*member)
                           .arg(single.*member)));
    QVERIFY2(qAbs(merged.mean - single.mean) < 1e-9, what);
}

} // namespace

class TestRunMerge : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mergedRunIsOneRunOverEveryRequest()
    {
        QTemporaryDir base;
        report::RunMeta metaA = test::reportMeta();
        metaA.segment = { 0, 2 };
        report::RunMeta metaB = metaA;
        metaB.segment = { 1, 2 };
        metaB.startedAt = metaA.startedAt.addMSecs(250); // agent B started a quarter second later
        metaB.environment.hostname = QStringLiteral("agent-b");
        const QList<metrics::RequestOutcome> a = test::syntheticOutcomes(120, 0);
        const QList<metrics::RequestOutcome> b = test::syntheticOutcomes(90, 500); // other latencies, errors
        const QString dirA = writeRun(base, QStringLiteral("a"), metaA, a, metrics::Budget { 0.5, 0.4, false });
        const QString dirB = writeRun(base, QStringLiteral("b"), metaB, b, metrics::Budget { 0.5, 0.3, true });

        QString error;
        const QString out = base.filePath(QStringLiteral("merged"));
        const auto merged = report::mergeRunFolders({ dirB, dirA }, out, &error); // any order
        QVERIFY2(merged, qPrintable(error));
        QVERIFY2(merged->notes.isEmpty(), qPrintable(merged->notes.join(QLatin1Char('\n'))));

        // The reference: one run that saw both agents' requests, B's a quarter second later.
        report::RunMeta one = metaA;
        one.segment = {};
        const metrics::RunSummary single = test::summarize(one, a + shifted(b, 250 * ms));
        const metrics::RunSummary &m = merged->record.summary;
        QCOMPARE(m.overall.requests, std::int64_t(210));
        QCOMPARE(m.overall.requests, single.overall.requests);
        QCOMPARE(m.overall.errors, single.overall.errors);
        compareStats(m.overall.latency, single.overall.latency, "latency");
        compareStats(m.overall.ttft, single.overall.ttft, "ttft");
        QCOMPARE(m.models.size(), single.models.size());
        for (qsizetype g = 0; g < m.models.size(); ++g) {
            QCOMPARE(m.models[g].requests, single.models[g].requests);
            compareStats(m.models[g].latency, single.models[g].latency, "model latency");
        }
        QCOMPARE(m.durationMs, single.durationMs); // B's requests moved by its later start
        QCOMPARE(m.history.size(), single.history.size());
        QVERIFY(m.end == model::RunEnd::Completed);
        QVERIFY2(m.endReason.startsWith(QStringLiteral("merged from 2 runs")), qPrintable(m.endReason));
        // Each agent kept to its share of budget_usd: the fleet's is their sum.
        QVERIFY(m.budget);
        QCOMPARE(m.budget->limitUsd, 1.0);
        QCOMPARE(m.budget->estimatedUsd, 0.7);
        QVERIFY(m.budget->stopped);

        // Read back as any run folder: summary.json as written, the whole plan, agent A's start.
        const auto back = report::loadRunFolder(out, &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(!back->rebuilt);
        QCOMPARE(back->summary.overall.requests, std::int64_t(210));
        QCOMPARE(back->summary.overall.latency.p99, single.overall.latency.p99);
        QCOMPARE(back->meta.startedAt, metaA.startedAt);
        QVERIFY(back->meta.segment == scenario::Segment {});
        QCOMPARE(back->meta.environment.hostname, QStringLiteral("agent-b, testhost"));
        QCOMPARE(back->meta.workerThreads, 4);
    }

    void partsAndMisfitsAreNamed()
    {
        QTemporaryDir base;
        report::RunMeta meta = test::reportMeta();
        meta.segment = { 0, 3 };
        const QString first = writeRun(base, QStringLiteral("s0"), meta, test::syntheticOutcomes(30));
        meta.segment = { 1, 3 };
        const QString second = writeRun(base, QStringLiteral("s1"), meta, test::syntheticOutcomes(30, 30));
        QString error;
        const auto merged = report::mergeRunFolders({ first, second }, base.filePath(QStringLiteral("m")), &error);
        QVERIFY2(merged, qPrintable(error));
        QCOMPARE(
            merged->notes, QStringList { QStringLiteral("segment 2/3 is missing: the merge holds part of the plan") });
        QVERIFY(merged->record.summary.warnings.contains(merged->notes.first()));

        // Not one scenario: other models.
        scenario::Scenario other = test::reportScenario();
        other.models[0].model = QStringLiteral("gamma");
        const QString foreign
            = writeRun(base, QStringLiteral("other"), test::reportMeta(other), test::syntheticOutcomes(10));
        QVERIFY(!report::mergeRunFolders({ first, foreign }, base.filePath(QStringLiteral("m2")), &error));
        QVERIFY2(error.contains(QStringLiteral("merge runs of one scenario")), qPrintable(error));
        // The output must be new; one folder is no merge; a folder that is no run is named.
        QVERIFY(!report::mergeRunFolders({ first, second }, first, &error));
        QVERIFY2(error.contains(QStringLiteral("exists and is not empty")), qPrintable(error));
        QVERIFY(!report::mergeRunFolders({ first }, base.filePath(QStringLiteral("m3")), &error));
        QVERIFY2(error.contains(QStringLiteral("at least two")), qPrintable(error));
        QVERIFY(!report::mergeRunFolders(
            { first, base.filePath(QStringLiteral("nothing")) }, base.filePath(QStringLiteral("m4")), &error));
        QVERIFY2(error.contains(QStringLiteral("not a run folder")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestRunMerge)
#include "tst_runmerge.moc"
