// End to end: real runs against the simulated gateway with a canary API key in the environment, in
// the Authorization header and in a custom header; every file that any export writes is searched
// for it byte for byte. And a real `stampede run` killed with SIGKILL leaves a reportable folder.

#include "reportfixture.h"

#include "launch/runlauncher.h"
#include "report/exporter.h"
#include "report/runfolder.h"
#include "scenario/scenarioio.h"

#include <QDirIterator>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace stampede;

namespace {

const QByteArray kCanary = QByteArray(test::kCanary);

/// Every regular file under `dir` that contains the canary (should be none), and how many were read.
QStringList filesWithCanary(const QString &dir, int *scanned)
{
    QStringList found;
    *scanned = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        ++*scanned;
        if (file.readAll().contains(kCanary))
            found << file.fileName();
    }
    return found;
}

scenario::Scenario canaryScenario()
{
    scenario::Scenario s = test::reportScenario();
    s.name = QStringLiteral("canary");
    s.target.baseUrl = QStringLiteral("builtin");
    s.target.timeoutMs = 5000;
    s.target.connectTimeoutMs = 2000;
    s.load.executor = scenario::ExecutorKind::ConstantArrivalRate;
    s.load.rate = 40;
    s.load.timeUnitMs = 1000;
    s.load.durationMs = 2000;
    s.load.maxInFlight = 100;
    s.load.gracefulStopMs = 3000;
    s.retry.maxRetries = 0;
    s.preflight = false;
    return s;
}

int journalLines(const QString &dir)
{
    QFile file(QDir(dir).filePath(QLatin1StringView(report::runfolder::requestsFile)));
    return file.open(QIODevice::ReadOnly) ? int(file.readAll().count('\n')) : 0;
}

} // namespace

class TestExportCanary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qputenv("STAMPEDE_API_KEY", kCanary); }
    void inProcessRunExportsNoKey();
    void cliRunAndReportExportNoKey();
    void killedCliRunIsReportable();
};

void TestExportCanary::inProcessRunExportsNoKey()
{
    QTemporaryDir out;
    const QString runDir = out.filePath(QStringLiteral("run"));
    scenario::Scenario s = canaryScenario();
    s.target.headers.insert(QStringLiteral("X-Api-Key"), QString::fromLatin1(kCanary));
    engine::RunOptions options;
    options.apiKey = engine::apiKeyFromEnvironment(s.target.apiKeyEnv);
    QCOMPARE(options.apiKey.toLatin1(), kCanary);
    options.workerThreads = 2;
    gateway::GatewayConfig gw;
    gw.apiKey = options.apiKey; // 401 unless the key is sent: proves it was
    gw.error5xxRate = 0.15;
    gw.cutStreamRate = 0.1;
    for (const auto &model : s.models) {
        gateway::ModelBehaviour behaviour;
        behaviour.model = model.model;
        behaviour.ttftMs = 20;
        behaviour.tokensPerSec = 2000;
        behaviour.outputTokensMean = 20;
        gw.models << behaviour;
    }

    launch::RunLauncher launcher;
    engine::RunController &controller = *launcher.controller();
    report::RunMeta meta;
    metrics::RunSummary summary;
    connect(&controller, &engine::RunController::runStarted, this, [&](const report::RunMeta &info) { meta = info; });
    connect(
        &controller, &engine::RunController::runFinished, this, [&](const metrics::RunSummary &sum) { summary = sum; });
    QSignalSpy folderDone(&launcher, &launch::RunLauncher::recordingFinished);
    QCOMPARE(launcher.start(s, options, { {}, runDir }, gw), QString());
    QVERIFY(folderDone.wait(30000));
    QCOMPARE(folderDone.first().at(0).toString(), runDir);
    QCOMPARE(folderDone.first().at(1).toString(), QString());
    QVERIFY(summary.overall.requests >= 70);
    QCOMPARE(summary.overall.errors.value(QStringLiteral("http_401")), 0);
    QVERIFY(summary.overall.failures > 0); // error paths (messages) are exercised too

    // Exports of the live record and of the folder read back.
    report::RunRecord live;
    live.meta = meta;
    live.summary = summary;
    live.runDir = runDir;
    QCOMPARE(report::exportRun(live,
                 { out.filePath(QStringLiteral("live.html")), out.filePath(QStringLiteral("live-csv")),
                     out.filePath(QStringLiteral("live.json")), out.filePath(QStringLiteral("live.hlog")) }),
        QString());
    QString error;
    const auto loaded = report::loadRunFolder(runDir, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->summary.overall.requests, summary.overall.requests);
    QCOMPARE(journalLines(runDir), int(summary.overall.requests));
    QCOMPARE(report::exportRun(*loaded,
                 { out.filePath(QStringLiteral("report.html")), out.filePath(QStringLiteral("csv")),
                     out.filePath(QStringLiteral("summary.json")), out.filePath(QStringLiteral("histograms.hlog")) }),
        QString());

    int scanned = 0;
    const QStringList leaks = filesWithCanary(out.path(), &scanned);
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QStringLiteral(", "))));
    QVERIFY2(scanned >= 19, qPrintable(QString::number(scanned))); // 5 folder + 2 x (html, json, hlog, 4 csv)
}

void TestExportCanary::cliRunAndReportExportNoKey()
{
#ifndef STAMPEDE_BINARY
    QSKIP("the stampede binary is not built in this configuration");
#else
    QTemporaryDir input, out;
    // A scenario file cannot hold an *Api-Key header; X-Auth-Token is allowed and still a secret.
    scenario::Scenario s = canaryScenario();
    s.target.headers.insert(QStringLiteral("X-Auth-Token"), QString::fromLatin1(kCanary));
    const QString scenarioPath = input.filePath(QStringLiteral("canary.json"));
    QCOMPARE(scenario::saveScenarioFile(s, scenarioPath), QString());

    QProcess run;
    run.start(QStringLiteral(STAMPEDE_BINARY),
        { QStringLiteral("run"), scenarioPath, QStringLiteral("--quiet"), QStringLiteral("--out"),
            out.filePath(QStringLiteral("run")), QStringLiteral("--html"), out.filePath(QStringLiteral("r.html")),
            QStringLiteral("--csv"), out.filePath(QStringLiteral("csv")), QStringLiteral("--json"),
            out.filePath(QStringLiteral("s.json")) });
    QVERIFY(run.waitForFinished(60000));
    const QByteArray runOutput = run.readAllStandardOutput() + run.readAllStandardError();
    QVERIFY2(run.exitCode() == 0 || run.exitCode() == 99, runOutput.constData());
    QVERIFY(!runOutput.contains(kCanary));
    QVERIFY(runOutput.contains("Run folder: "));

    QProcess report;
    report.start(QStringLiteral(STAMPEDE_BINARY), { QStringLiteral("report"), out.filePath(QStringLiteral("run")) });
    QVERIFY(report.waitForFinished(60000));
    const QByteArray reportOutput = report.readAllStandardOutput() + report.readAllStandardError();
    QVERIFY2(report.exitCode() == 0, reportOutput.constData());
    QVERIFY(!reportOutput.contains(kCanary));
    for (const char *name :
        { "run/report.html", "run/csv/summary.csv", "run/csv/requests.csv", "r.html", "s.json", "csv/requests.csv" })
        QVERIFY2(QFileInfo(out.filePath(QLatin1StringView(name))).size() > 0, name);

    int scanned = 0;
    const QStringList leaks = filesWithCanary(out.path(), &scanned);
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QStringLiteral(", "))));
    QVERIFY2(scanned >= 16, qPrintable(QString::number(scanned))); // 5 folder + 5 report + 6 run exports
#endif
}

void TestExportCanary::killedCliRunIsReportable()
{
#ifndef STAMPEDE_BINARY
    QSKIP("the stampede binary is not built in this configuration");
#else
    QTemporaryDir input, out;
    scenario::Scenario s = canaryScenario();
    s.load.rate = 50;
    s.load.durationMs = 60000;
    const QString scenarioPath = input.filePath(QStringLiteral("long.json"));
    QCOMPARE(scenario::saveScenarioFile(s, scenarioPath), QString());
    const QString runDir = out.filePath(QStringLiteral("run"));

    QProcess run;
    run.start(QStringLiteral(STAMPEDE_BINARY),
        { QStringLiteral("run"), scenarioPath, QStringLiteral("--quiet"), QStringLiteral("--out"), runDir });
    QTRY_VERIFY_WITH_TIMEOUT(journalLines(runDir) >= 100, 20000);
    run.kill(); // SIGKILL: no handler runs, nothing more is written
    QVERIFY(run.waitForFinished(10000));
    QCOMPARE(run.exitStatus(), QProcess::CrashExit);
    QVERIFY(!QFileInfo::exists(QDir(runDir).filePath(QLatin1StringView(report::runfolder::summaryFile))));

    const int lines = journalLines(runDir);
    QString error;
    const auto record = report::loadRunFolder(runDir, &error);
    QVERIFY2(record, qPrintable(error));
    QVERIFY(record->rebuilt);
    QCOMPARE(record->summary.overall.requests, qint64(lines));
    QVERIFY(!record->summary.history.isEmpty());

    QProcess report;
    report.start(QStringLiteral(STAMPEDE_BINARY), { QStringLiteral("report"), runDir, QStringLiteral("--quiet") });
    QVERIFY(report.waitForFinished(60000));
    QVERIFY2(report.exitCode() == 0, report.readAllStandardError().constData());
    for (const char *name : { "report.html", "csv/summary.csv", "csv/history.csv", "csv/requests.csv", "summary.json" })
        QVERIFY2(QFileInfo(QDir(runDir).filePath(QLatin1StringView(name))).size() > 0, name);
#endif
}

QTEST_GUILESS_MAIN(TestExportCanary)
#include "tst_exportcanary.moc"
