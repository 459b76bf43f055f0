// Run folders: written while the run goes on, read back whole, and rebuilt from the journal when
// the run was killed before it could write summary.json.

#include "reportfixture.h"

#include "report/exporter.h"
#include "report/htmlreport.h"
#include "report/runfolder.h"
#include "report/runfolderwriter.h"
#include "report/runrecorder.h"
#include "report/summaryload.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest/QTest>

using namespace stampede;

namespace {

qint64 fileSize(const QString &path)
{
    return QFileInfo(path).size();
}

int lineCount(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    return int(file.readAll().count('\n'));
}

QString folderFile(const QString &dir, const char *name)
{
    return QDir(dir).filePath(QLatin1StringView(name));
}

/// Writes a folder the way a run does: outcomes in batches, seconds as they close.
void writeFolder(report::RunFolderWriter &writer, const report::RunMeta &meta,
    const QList<metrics::RequestOutcome> &outcomes, metrics::RunSummary *summaryOut, bool finish)
{
    QList<metrics::SecondPoint> seconds;
    const metrics::RunSummary summary = test::summarize(meta, outcomes, &seconds);
    writer.begin(meta);
    for (qsizetype i = 0; i < outcomes.size(); i += 7)
        writer.appendOutcomes(outcomes.mid(i, 7));
    writer.appendSeconds(seconds);
    if (finish)
        writer.finish(summary);
    if (summaryOut)
        *summaryOut = summary;
}

} // namespace

class TestRunFolder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void folderNames();
    void writesEveryFileAndReadsBack();
    void flushesTheJournalWithinASecond();
    void killedRunIsRebuiltFromTheJournal();
    void killedSweepKeepsItsCapacity();
    void killedRunKeepsItsIntegrityCounts();
    void exportWhileTheRunGoesOn();
    void recorderWritesOnItsOwnThread();
    void notARunFolder();
};

void TestRunFolder::folderNames()
{
    QCOMPARE(report::slugify(QStringLiteral("Quick demo — 20 req/s")), QStringLiteral("quick-demo-20-req-s"));
    QCOMPARE(report::slugify(QStringLiteral("人工智能")), QStringLiteral("run"));
    QTemporaryDir base;
    const QDateTime at(QDate(2025, 1, 2), QTime(3, 4, 5), Qt::UTC);
    const QString first = report::newRunFolderPath(base.path(), at, QStringLiteral("Seed mix"));
    QCOMPARE(QFileInfo(first).fileName(), QStringLiteral("20250102-030405-seed-mix"));
    QVERIFY(QDir().mkpath(first));
    QCOMPARE(QFileInfo(report::newRunFolderPath(base.path(), at, QStringLiteral("Seed mix"))).fileName(),
        QStringLiteral("20250102-030405-seed-mix-2"));
    QVERIFY(report::defaultRunsDir().endsWith(QStringLiteral("/runs")));
}

void TestRunFolder::writesEveryFileAndReadsBack()
{
    QTemporaryDir base;
    const QString dir = base.filePath(QStringLiteral("run"));
    const report::RunMeta meta = test::reportMeta();
    const QList<metrics::RequestOutcome> outcomes = test::syntheticOutcomes(120);
    metrics::RunSummary summary;
    {
        report::RunFolderWriter writer(dir);
        QSignalSpy finished(&writer, &report::RunFolderWriter::finished);
        writeFolder(writer, meta, outcomes, &summary, true);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(1).toString(), QString());
    }
    for (const char *name : { report::runfolder::scenarioFile, report::runfolder::runFile,
             report::runfolder::requestsFile, report::runfolder::secondsFile, report::runfolder::summaryFile })
        QVERIFY2(fileSize(folderFile(dir, name)) > 0, name);
    QCOMPARE(lineCount(folderFile(dir, report::runfolder::requestsFile)), 120);
    QCOMPARE(lineCount(folderFile(dir, report::runfolder::secondsFile)), int(summary.history.size()));

    QString error;
    const auto record = report::loadRunFolder(dir, &error);
    QVERIFY2(record, qPrintable(error));
    QVERIFY(!record->rebuilt);
    QCOMPARE(record->meta.scenario.name, meta.scenario.name);
    QCOMPARE(record->meta.models, meta.models);
    QCOMPARE(record->meta.startedAt, meta.startedAt);
    QCOMPARE(record->meta.environment.hostname, QStringLiteral("testhost"));
    // Credential headers never reach scenario.json at all; other headers do.
    QVERIFY(!record->meta.scenario.target.headers.contains(QStringLiteral("X-Api-Key")));
    QCOMPARE(record->meta.scenario.target.headers.value(QStringLiteral("X-Team")), QStringLiteral("load"));
    QCOMPARE(record->summary.overall.requests, summary.overall.requests);
    QCOMPARE(record->summary.overall.errors, summary.overall.errors);
    QCOMPARE(record->summary.history.size(), summary.history.size());
    QCOMPARE(record->summary.failures.size(), summary.failures.size());
    QCOMPARE(record->summary.overall.latency.p99, summary.overall.latency.p99);
}

void TestRunFolder::flushesTheJournalWithinASecond()
{
    QTemporaryDir base;
    const QString dir = base.filePath(QStringLiteral("run"));
    report::RunFolderWriter writer(dir);
    writer.begin(test::reportMeta());
    writer.appendOutcomes(test::syntheticOutcomes(3));
    // Not yet on disk (buffered), but the flush timer gets it there well within a second.
    QTRY_COMPARE_WITH_TIMEOUT(lineCount(folderFile(dir, report::runfolder::requestsFile)), 3, 1000);
}

void TestRunFolder::killedRunIsRebuiltFromTheJournal()
{
    QTemporaryDir base;
    const QString dir = base.filePath(QStringLiteral("run"));
    const report::RunMeta meta = test::reportMeta();
    const QList<metrics::RequestOutcome> outcomes = test::syntheticOutcomes(200);
    {
        report::RunFolderWriter writer(dir);
        writeFolder(writer, meta, outcomes, nullptr, false);
        writer.flush();
    } // no finish(): what kill -9 leaves behind
    QVERIFY(!QFileInfo::exists(folderFile(dir, report::runfolder::summaryFile)));
    // The kernel had the bytes up to the middle of a line when the process died.
    QFile journal(folderFile(dir, report::runfolder::requestsFile));
    const qint64 size = journal.size();
    QVERIFY(journal.resize(size - 40));
    const int complete = lineCount(journal.fileName());
    QCOMPARE(complete, 199);

    QString error;
    const auto record = report::loadRunFolder(dir, &error);
    QVERIFY2(record, qPrintable(error));
    QVERIFY(record->rebuilt);
    QVERIFY(record->summary.end == model::RunEnd::Interrupted);
    // Every complete line counts; the torn one is skipped and said so.
    QCOMPARE(record->summary.overall.requests, qint64(complete));
    const metrics::RunSummary expected = test::summarize(meta, outcomes.mid(0, complete));
    QCOMPARE(record->summary.overall.failures, expected.overall.failures);
    QCOMPARE(record->summary.overall.errors, expected.overall.errors);
    QCOMPARE(record->summary.overall.completionTokens, expected.overall.completionTokens);
    QCOMPARE(record->summary.overall.latency.p95, expected.overall.latency.p95);
    QCOMPARE(record->summary.models.size(), 2);
    QCOMPARE(record->summary.maxVus, 4); // gauges replayed from seconds.jsonl
    QVERIFY(!record->summary.history.isEmpty());
    QVERIFY(record->notes.join(QLatin1Char(' ')).contains(QStringLiteral("damaged")));

    // And every export can be made from it.
    const report::ExportRequest request { base.filePath(QStringLiteral("r.html")), base.filePath(QStringLiteral("csv")),
        base.filePath(QStringLiteral("s.json")), base.filePath(QStringLiteral("r.hlog")) };
    QCOMPARE(report::exportRun(*record, request), QString());
    QFile csv(base.filePath(QStringLiteral("csv/requests.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(int(csv.readAll().count("\r\n")), complete + 1); // CRLF ends a record; messages hold bare LFs
}

// integrity (issue 14): a run killed before its summary counts the same integrity checks from the
// journal as the run did (the returned model, the token times and the text's own count survive).
void TestRunFolder::killedRunKeepsItsIntegrityCounts()
{
    QTemporaryDir base;
    const QString dir = base.filePath(QStringLiteral("run"));
    const report::RunMeta meta = test::reportMeta();
    QList<metrics::RequestOutcome> outcomes = test::syntheticOutcomes(60);
    int substituted = 0, burst = 0, inflated = 0, empty = 0;
    for (qsizetype i = 0; i < outcomes.size(); ++i) {
        metrics::RequestOutcome &o = outcomes[i];
        if (!o.succeeded() || o.tokensEstimated)
            continue;
        o.completionTextTokens = o.completionTokens; // the text agrees with usage...
        switch (i % 4) {
        case 0: // ...unless the answer came from another model,
            o.modelReturned = QStringLiteral("cheaper-model");
            substituted += o.modelIndex == 0;
            break;
        case 1: // came in one burst,
            o.completionTextTokens = o.completionTokens = 40;
            o.lastTokenNs = o.firstTokenNs + 1'000'000;
            o.itlUs.assign(39, 25);
            ++burst;
            break;
        case 2: // its usage was inflated,
            o.completionTokens *= 5;
            ++inflated;
            break;
        default: // or it was empty.
            if (i % 8 == 7) {
                o.firstTokenNs = o.lastTokenNs = -1;
                o.completionTokens = o.completionTextTokens = 0;
                o.itlUs.clear();
                ++empty;
            }
        }
    }
    QVERIFY(substituted > 0 && burst > 0 && inflated > 0 && empty > 0);
    {
        report::RunFolderWriter writer(dir);
        writeFolder(writer, meta, outcomes, nullptr, false);
        writer.flush();
    } // killed: no summary.json
    QString error;
    const auto record = report::loadRunFolder(dir, &error);
    QVERIFY2(record, qPrintable(error));
    QVERIFY(record->rebuilt);
    const metrics::RunSummary expected = test::summarize(meta, outcomes);
    using metrics::IntegrityCheck;
    const metrics::IntegrityCounts &all = record->summary.overall.integrity;
    // "beta-2" answered as "cheaper-model" is substituted too; "alpha" only where counted above.
    QCOMPARE(record->summary.models[0].integrity.count(IntegrityCheck::Substituted), substituted);
    QCOMPARE(all.count(IntegrityCheck::FakeStreaming), burst);
    QCOMPARE(all.count(IntegrityCheck::UsageMismatch), inflated);
    QCOMPARE(all.count(IntegrityCheck::Empty200), empty);
    for (int g = 0; g < 2; ++g) {
        const metrics::IntegrityCounts &got = record->summary.models[g].integrity;
        const metrics::IntegrityCounts &want = expected.models[g].integrity;
        QCOMPARE(got.counts, want.counts);
        QCOMPARE(got.substitutedModels, want.substitutedModels);
        QCOMPARE(got.finishReasons, want.finishReasons);
    }
    QCOMPARE(all.finishReasons.value(QStringLiteral("length")),
        expected.overall.integrity.finishReasons.value(QStringLiteral("length")));
}

// A sweep killed before its summary: the rebuilt summary judges the steps from the journal too.
void TestRunFolder::killedSweepKeepsItsCapacity()
{
    QTemporaryDir base;
    const QString dir = base.filePath(QStringLiteral("run"));
    scenario::Scenario s = test::reportScenario();
    s.load.executor = scenario::ExecutorKind::Sweep;
    s.load.sweep.startRate = 10;
    s.load.sweep.factor = 2;
    s.load.sweep.stepDurationMs = 5000;
    s.load.sweep.maxSteps = 4;
    s.load.sweep.stopWhen.errorRate = 1; // the synthetic run's 429s and timeouts: not judged here
    s.load.sweep.stopWhen.achievedBelow = 0.5;
    s.load.sweep.stopWhen.slo = false; // (its SLO is for other tests)
    s.thresholds.clear();
    const report::RunMeta meta = test::reportMeta(s);
    {
        report::RunFolderWriter writer(dir);
        writeFolder(writer, meta, test::syntheticOutcomes(200), nullptr, false); // 10 req/s for 20 s
        writer.flush();
    }
    QString error;
    const auto record = report::loadRunFolder(dir, &error);
    QVERIFY2(record, qPrintable(error));
    QVERIFY(record->rebuilt);
    const metrics::CapacityVerdict &all = record->summary.capacity.overall;
    // Step 1 offers 10 req/s and gets them; step 2 offers 20 and still gets 10: under half.
    QVERIFY2(all.firstFailingStep.value_or(-1) == 2, qPrintable(all.reason));
    QCOMPARE(all.safeRate.value_or(-1), 10.0);
    QVERIFY2(all.reason.startsWith(QStringLiteral("achieved ")), qPrintable(all.reason));
    QVERIFY(all.steps.size() >= 2);
    QCOMPARE(all.steps[0].requests + all.steps[1].requests, 100); // each request in its scheduled step
    QCOMPARE(record->summary.capacity.models.size(), 2);
}

void TestRunFolder::exportWhileTheRunGoesOn()
{
    QTemporaryDir base;
    const QString dir = base.filePath(QStringLiteral("run"));
    report::RunFolderWriter writer(dir);
    writeFolder(writer, test::reportMeta(), test::syntheticOutcomes(60), nullptr, false);
    writer.flush();
    QString error;
    const auto record = report::loadRunInProgress(dir, &error);
    QVERIFY2(record, qPrintable(error));
    QVERIFY(record->inProgress());
    QCOMPARE(record->summary.overall.requests, 60);
    QVERIFY(record->summary.endReason.contains(QStringLiteral("while the run was going")));
    const QByteArray html = report::htmlReport(*record);
    QVERIFY(html.contains("still running"));
    QVERIFY(!html.contains("did not finish normally"));
    // Every export of it says so (issue 11): a PASSED badge on a run still going is a false verdict.
    QVERIFY(html.contains("class=\"verdict progress\"><div class=\"badge\">IN PROGRESS</div>"));
    QVERIFY(!html.contains(">PASSED<"));
    QVERIFY(!html.contains(">FAILED<"));
    const report::ExportRequest request { base.filePath(QStringLiteral("r.html")), base.filePath(QStringLiteral("csv")),
        base.filePath(QStringLiteral("s.json")), base.filePath(QStringLiteral("r.hlog")) };
    QCOMPARE(report::exportRun(*record, request), QString());
    QFile json(request.jsonPath);
    QVERIFY(json.open(QIODevice::ReadOnly));
    QCOMPARE(nlohmann::json::parse(json.readAll().toStdString())["end"].get<std::string>(), std::string("in_progress"));
    QFile csv(base.filePath(QStringLiteral("csv/summary.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = csv.readAll().trimmed().split('\n');
    QVERIFY(rows.constFirst().trimmed().endsWith(",end"));
    for (const QByteArray &row : rows.mid(1))
        QVERIFY2(row.trimmed().endsWith(",in_progress"), row.constData());
    // Read back, it is still a run in progress.
    QFile again(request.jsonPath);
    QVERIFY(again.open(QIODevice::ReadOnly));
    QCOMPARE(model::toString(report::summaryFromJson(nlohmann::json::parse(again.readAll().toStdString())).end),
        QStringLiteral("in_progress"));
}

void TestRunFolder::recorderWritesOnItsOwnThread()
{
    QTemporaryDir base;
    const QString dir = base.filePath(QStringLiteral("run"));
    const report::RunMeta meta = test::reportMeta();
    const QList<metrics::RequestOutcome> outcomes = test::syntheticOutcomes(50);
    QList<metrics::SecondPoint> seconds;
    const metrics::RunSummary summary = test::summarize(meta, outcomes, &seconds);
    report::RunRecorder recorder(dir);
    QSignalSpy finished(&recorder, &report::RunRecorder::finished);
    report::RunFolderWriter *writer = recorder.writer();
    QVERIFY(writer->thread() != QThread::currentThread());
    // As the engine feeds it: queued calls, run on the writer's thread.
    QMetaObject::invokeMethod(writer, [writer, meta, outcomes, seconds, summary] {
        QCOMPARE_NE(QThread::currentThread(), qApp->thread());
        writer->begin(meta);
        writer->appendOutcomes(outcomes);
        writer->appendSeconds(seconds);
        writer->finish(summary);
    });
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.first().at(0).toString(), dir);
    QCOMPARE(finished.first().at(1).toString(), QString());
    QVERIFY(recorder.isFinished());
    QCOMPARE(lineCount(folderFile(dir, report::runfolder::requestsFile)), 50);
    QVERIFY(QFileInfo::exists(folderFile(dir, report::runfolder::summaryFile)));
}

void TestRunFolder::notARunFolder()
{
    QTemporaryDir base;
    QString error;
    QVERIFY(!report::loadRunFolder(base.path(), &error));
    QVERIFY(error.contains(QStringLiteral("not a run folder")));
}

QTEST_GUILESS_MAIN(TestRunFolder)
#include "tst_runfolder.moc"
