// The main window driven as a user would: title, Start gating, files, runs against the built-in
// simulated gateway, run list, stop, close during a run, the lag probe.
#include "ui/dashboard/dashboard.h"
#include "ui/editor/scenarioeditor.h"
#include "ui/secrets/keystore.h"
#include "ui/windows/eventlagprobe.h"
#include "ui/windows/mainwindow.h"
#include "ui/windows/noticebanner.h"
#include "ui/windows/runexports.h"
#include "ui/windows/runlistmodel.h"
#include "ui/windows/runsession.h"

#include "engine/runcontroller.h"
#include "report/runfolder.h"
#include "scenario/scenarioio.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QXYSeries>

#include <time.h>

using namespace stampede;
using namespace stampede::ui;

namespace {

/// A short open-model run on the in-process simulated gateway.
scenario::Scenario shortScenario(qint64 durationMs, double rate = 20)
{
    scenario::Scenario s = scenario::defaultScenario();
    s.name = QStringLiteral("Short test");
    s.target.baseUrl = QStringLiteral("builtin");
    s.load.executor = scenario::ExecutorKind::ConstantArrivalRate;
    s.load.rate = rate;
    s.load.timeUnitMs = 1000;
    s.load.durationMs = durationMs;
    s.load.gracefulStopMs = 10000;
    s.load.stages.clear();
    s.thresholds.clear();
    s.preflight = true;
    return s;
}

QAction *action(QWidget *window, const char *name)
{
    auto *a = window->findChild<QAction *>(QLatin1String(name));
    if (!a)
        qFatal("no action %s", name);
    return a;
}

/// Types `path` into the next file dialog and accepts it, as a user would.
void answerNextFileDialog(const QString &path)
{
    QTimer::singleShot(0, [=] {
        QTRY_VERIFY(qobject_cast<QFileDialog *>(QApplication::activeModalWidget()));
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        dialog->selectFile(path);
        QMetaObject::invokeMethod(dialog, "accept"); // the Save button's slot (protected in C++)
    });
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Clicks `buttonText` (or the standard `button`) on the next modal message box.
void answerNextMessageBox(QMessageBox::StandardButton button, const QString &buttonText = {})
{
    QTimer::singleShot(0, [=] {
        QTRY_VERIFY(qobject_cast<QMessageBox *>(QApplication::activeModalWidget()));
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QAbstractButton *target = box->button(button);
        for (QAbstractButton *b : box->buttons())
            if (!buttonText.isEmpty() && b->text() == buttonText)
                target = b;
        QVERIFY(target);
        target->click();
    });
}

qint64 threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

int filledTableRows(QWidget *dashboard)
{
    int rows = 0;
    for (QTableView *view : dashboard->findChildren<QTableView *>())
        rows = std::max(rows, view->model() ? view->model()->rowCount() : 0);
    return rows;
}

qsizetype chartPoints(QWidget *dashboard)
{
    qsizetype points = 0;
    for (QChartView *view : dashboard->findChildren<QChartView *>())
        for (QAbstractSeries *series : view->chart()->series())
            if (auto *xy = qobject_cast<QXYSeries *>(series))
                points += xy->count();
    return points;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void titleShowsScenarioName();
    void startDisabledWithReasonWhenInvalid();
    void saveThenReopenGivesSameScenario();
    void recentFilesRemembered();
    void unsavedChangesPromptOnNew();
    void shortRunFillsDashboardAndRunList();
    void stopEndsRunGracefully();
    void preflightFailureShowsBanner();
    void closeDuringRunAbortsAndCloses();
    void presentationModeTogglesAndEscLeaves();
    void lagProbeReportsNumber();
    void lagUnderEngineLoadIsReported();
    void runListModelPassesTester();
    void runFolderAndFileExport();

private:
    QTemporaryDir m_dir;
    MemoryKeyStore *m_keys = nullptr;
    MainWindow *m_window = nullptr;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StampedeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    engine::registerMetaTypes();
    QApplication::setQuitOnLastWindowClosed(false); // closing a window under test must not end the test
}

void TestMainWindow::init()
{
    QSettings().clear();
    m_keys = new MemoryKeyStore;
    m_window = new MainWindow(m_keys);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestMainWindow::cleanup()
{
    if (m_window->session()->isActive()) {
        QSignalSpy ended(m_window->session(), &RunSession::stateChanged);
        m_window->session()->abort();
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->session()->isActive(), 30000);
    }
    m_window->setWindowModified(false);
    delete m_window;
    delete m_keys;
}

void TestMainWindow::titleShowsScenarioName()
{
    QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("Stampede — ")));
    QVERIFY(m_window->windowTitle().contains(scenario::defaultScenario().name));
    QVERIFY(action(m_window, "actionStart")->isEnabled());
    QCOMPARE(m_window->editor()->scenario().target.baseUrl, QStringLiteral("builtin"));
}

void TestMainWindow::startDisabledWithReasonWhenInvalid()
{
    auto *timeout = m_window->editor()->findChild<QLineEdit *>(QStringLiteral("timeoutEdit"));
    QVERIFY(timeout);
    timeout->selectAll();
    QTest::keyClicks(timeout, QStringLiteral("soon"));
    QTRY_VERIFY(!m_window->editor()->isValid());
    QAction *start = action(m_window, "actionStart");
    QTRY_VERIFY(!start->isEnabled());
    QVERIFY2(start->toolTip().contains(QStringLiteral("Fix the scenario first")), qPrintable(start->toolTip()));
    QVERIFY(start->toolTip().contains(QStringLiteral("timeout")));
    QVERIFY(m_window->isWindowModified());

    timeout->selectAll();
    QTest::keyClicks(timeout, QStringLiteral("30s"));
    QTRY_VERIFY(start->isEnabled());
}

void TestMainWindow::saveThenReopenGivesSameScenario()
{
    scenario::Scenario s = shortScenario(5000);
    s.name = QStringLiteral("Round trip 往返");
    m_window->setUntitledScenario(s);
    const QString path = m_dir.filePath(QStringLiteral("roundtrip.json"));
    QVERIFY(m_window->saveFile(path));
    QVERIFY(!m_window->isWindowModified());
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("Round trip 往返")));
    const QByteArray saved = scenario::toJson(m_window->editor()->scenario());

    m_window->setUntitledScenario(scenario::defaultScenario());
    QVERIFY(m_window->openFile(path));
    QCOMPARE(m_window->currentFile(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(scenario::toJson(m_window->editor()->scenario()), saved);
    QCOMPARE(QSettings().value(QStringLiteral("files/last")).toString(), QFileInfo(path).absoluteFilePath());

    QVERIFY(!m_window->openFile(m_dir.filePath(QStringLiteral("missing.json"))));
    QVERIFY(m_window->banner()->isVisible());
}

void TestMainWindow::recentFilesRemembered()
{
    QStringList paths;
    for (int i = 0; i < 10; ++i) {
        paths << QFileInfo(m_dir.filePath(QStringLiteral("recent%1.json").arg(i))).absoluteFilePath();
        QVERIFY(m_window->saveFile(paths.last()));
    }
    QCOMPARE(m_window->recentFiles().size(), 8);
    QCOMPARE(m_window->recentFiles().first(), paths.last());
    QVERIFY(m_window->openFile(paths.at(5)));
    QCOMPARE(m_window->recentFiles().first(), paths.at(5));

    // A new window (next launch) sees the same list.
    MemoryKeyStore keys;
    MainWindow second(&keys);
    QCOMPARE(second.recentFiles(), m_window->recentFiles());
}

void TestMainWindow::unsavedChangesPromptOnNew()
{
    auto *timeout = m_window->editor()->findChild<QLineEdit *>(QStringLiteral("timeoutEdit"));
    timeout->selectAll();
    QTest::keyClicks(timeout, QStringLiteral("45s"));
    QTRY_VERIFY(m_window->isWindowModified());

    answerNextMessageBox(QMessageBox::Cancel);
    action(m_window, "actionNew")->trigger();
    QVERIFY(m_window->isWindowModified()); // cancelled: nothing changed
    QCOMPARE(m_window->editor()->scenario().target.timeoutMs, 45000);

    answerNextMessageBox(QMessageBox::Discard);
    action(m_window, "actionNew")->trigger();
    QVERIFY(!m_window->isWindowModified());
    QCOMPARE(m_window->editor()->scenario().name, QStringLiteral("Untitled"));
}

void TestMainWindow::shortRunFillsDashboardAndRunList()
{
    m_window->setUntitledScenario(shortScenario(2000));
    QSignalSpy finished(m_window->session(), &RunSession::runFinished);
    QSignalSpy states(m_window->session(), &RunSession::stateChanged);
    action(m_window, "actionStart")->trigger();
    QVERIFY(m_window->session()->isActive());
    QVERIFY(!action(m_window, "actionStart")->isEnabled());
    QVERIFY(!action(m_window, "actionNew")->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session()->state() == RunState::Running, 20000);
    QVERIFY(!m_window->editor()->findChild<QLineEdit *>(QStringLiteral("timeoutEdit"))->isEnabled()
        || m_window->editor()->findChild<QLineEdit *>(QStringLiteral("timeoutEdit"))->isReadOnly());
    QVERIFY(finished.wait(60000));

    QVERIFY(m_window->session()->state() == RunState::Finished);
    QVERIFY(action(m_window, "actionStart")->isEnabled());
    QWidget *dashboard = m_window->dashboard();
    QVERIFY(filledTableRows(dashboard) > 0);
    QVERIFY(chartPoints(dashboard) > 0);
    QVERIFY(m_window->dashboard()->resultsTableText().contains(QStringLiteral("gpt-4.1")));
    QCOMPARE(m_window->runs()->rowCount(), 1);
    QVERIFY(m_window->runs()->run(0).summary->overall.requests > 0);
    QVERIFY(m_window->runs()->index(0).data(RunListModel::RequestsRole).toLongLong() > 0);

    // A second run, then reopen the first one from the list as a user would: by clicking it.
    QVERIFY(finished.isEmpty() == false);
    action(m_window, "actionStart")->trigger();
    QVERIFY(finished.wait(60000));
    QCOMPARE(m_window->runs()->rowCount(), 2);
    m_window->dashboard()->clear();
    auto *list = m_window->findChild<QListView *>(QStringLiteral("runList"));
    const QRect first = list->visualRect(m_window->runs()->index(0));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, first.center());
    QCOMPARE(list->currentIndex().row(), 0);
    QVERIFY(filledTableRows(dashboard) > 0);
    QVERIFY(chartPoints(dashboard) > 0);
    QVERIFY(m_window->showRun(1));
}

void TestMainWindow::stopEndsRunGracefully()
{
    m_window->setUntitledScenario(shortScenario(120000, 10));
    QSignalSpy finished(m_window->session(), &RunSession::runFinished);
    action(m_window, "actionStart")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session()->stateText().startsWith(QStringLiteral("Running 0:0")), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(chartPoints(m_window->dashboard()) > 0, 10000);
    QVERIFY(action(m_window, "actionStop")->isEnabled());
    action(m_window, "actionStop")->trigger();
    QVERIFY(m_window->session()->state() == RunState::Stopping);
    QVERIFY(!action(m_window, "actionStop")->isEnabled());
    QVERIFY(action(m_window, "actionAbort")->isEnabled());
    QVERIFY(finished.wait(30000));
    const metrics::RunSummary summary = *m_window->runs()->run(0).summary;
    QVERIFY(summary.end == metrics::RunEnd::Stopped);
    QVERIFY(summary.durationMs < 60000);
    QCOMPARE(m_window->session()->stateText(), QStringLiteral("Stopped"));
    QVERIFY(action(m_window, "actionStart")->isEnabled());
}

void TestMainWindow::preflightFailureShowsBanner()
{
    scenario::Scenario s = shortScenario(2000);
    s.target.baseUrl = QStringLiteral("http://127.0.0.1:9/v1"); // discard port: nothing listens
    s.target.connectTimeoutMs = 2000;
    m_window->setUntitledScenario(s);
    QSignalSpy failed(m_window->session(), &RunSession::runFailed);
    action(m_window, "actionStart")->trigger();
    QVERIFY(failed.wait(30000));
    QCOMPARE(failed.first().at(2).toBool(), true);
    QVERIFY(m_window->session()->state() == RunState::Failed);
    QVERIFY(m_window->banner()->isVisible());
    QVERIFY(m_window->banner()->message().contains(QStringLiteral("Preflight failed")));
    QVERIFY(!m_window->banner()->details().isEmpty());
    QCOMPARE(m_window->runs()->rowCount(), 0);
    QVERIFY(action(m_window, "actionStart")->isEnabled());
}

void TestMainWindow::closeDuringRunAbortsAndCloses()
{
    m_window->setUntitledScenario(shortScenario(120000, 10));
    action(m_window, "actionStart")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session()->state() == RunState::Running, 20000);

    answerNextMessageBox(QMessageBox::Cancel);
    m_window->close();
    QVERIFY(m_window->isVisible());
    QVERIFY(m_window->session()->isActive());

    answerNextMessageBox(QMessageBox::NoButton, QStringLiteral("Abort Run and Quit"));
    m_window->close();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isVisible(), 20000);
    QVERIFY(!m_window->session()->isActive());
    QVERIFY(m_window->runs()->run(0).summary->end == metrics::RunEnd::Interrupted);
}

void TestMainWindow::presentationModeTogglesAndEscLeaves()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    QTest::keyClick(m_window, Qt::Key_F11);
    QVERIFY(m_window->presentationMode());
    QVERIFY(m_window->dashboard()->presentationMode());
    QVERIFY(m_window->dashboard()->isVisible());
    QTest::keyClick(m_window, Qt::Key_Escape);
    QVERIFY(!m_window->presentationMode());
    QVERIFY(!m_window->dashboard()->presentationMode());
    QVERIFY(action(m_window, "actionStart")->isEnabled());
}

void TestMainWindow::lagProbeReportsNumber()
{
    QVERIFY(m_window->lagProbe()->isActive());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->lagProbe()->sampleCount() > 50, 5000);
    const double p99 = m_window->lagProbe()->p99Ms();
    QVERIFY(p99 >= 0 && p99 < 1000);
    auto *label = m_window->findChild<QLabel *>(QStringLiteral("lagLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(label->text().startsWith(QStringLiteral("UI lag p99 ")), 3000);

    SampleRing ring(4);
    for (double v : { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 })
        ring.add(v); // keeps 3, 4, 5, 6
    QCOMPARE(ring.count(), 4);
    QCOMPARE(ring.percentile(50), 4.0);
    QCOMPARE(ring.percentile(99), 6.0);
    QCOMPARE(ring.max(), 6.0);

    EventLagProbe probe(nullptr, 5, 1000);
    probe.start();
    QTest::qWait(100);
    QTest::qSleep(60); // block the event loop on purpose: the probe must see it
    QTRY_VERIFY(probe.sampleCount() > 20);
    QVERIFY2(probe.maxMs() >= 40, qPrintable(QString::number(probe.maxMs())));
}

void TestMainWindow::lagUnderEngineLoadIsReported()
{
    // Figures for docs and CI logs, not a pass/fail on wall-clock time (house style).
    // STAMPEDE_LAG_RATE (req/s, default 300) picks the offered load.
    const int rate
        = qEnvironmentVariableIsSet("STAMPEDE_LAG_RATE") ? qEnvironmentVariableIntValue("STAMPEDE_LAG_RATE") : 300;
    m_window->resize(1600, 1000);
    m_window->setUntitledScenario(shortScenario(8000, rate));
    QSignalSpy finished(m_window->session(), &RunSession::runFinished);
    QElapsedTimer wall;
    wall.start();
    const qint64 cpuBefore = threadCpuNs();
    action(m_window, "actionStart")->trigger();
    QVERIFY(finished.wait(90000));
    const double busy = 100.0 * double(threadCpuNs() - cpuBefore) / double(wall.nsecsElapsed());
    const EventLagProbe *probe = m_window->lagProbe();
    const metrics::RunSummary summary = *m_window->runs()->run(0).summary;
    qInfo("UI lag over the last 10 s at %.0f req/s: p99 %.1f ms, max %.1f ms; repaint p99 %.1f ms (max %.1f); "
          "snapshot intake p99 %.1f ms; GUI thread busy %.0f%% of a core",
        summary.overall.rps, probe->p99Ms(), probe->maxMs(), probe->repaints().percentile(99), probe->repaints().max(),
        m_window->session()->snapshotTimes().percentile(99), busy);
    QVERIFY(summary.overall.requests > rate);
    QVERIFY(probe->p99Ms() < 1000);
}

void TestMainWindow::runListModelPassesTester()
{
    RunListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    engine::RunInfo info;
    info.scenario = shortScenario(1000);
    info.startedAt = QDateTime::currentDateTimeUtc();
    const int row = model.addRun(info);
    QVERIFY(model.status(row) == RunListModel::Status::Live);
    metrics::RunSummary summary;
    summary.overall.requests = 12;
    summary.overall.latency.p95 = 812;
    model.finishRun(row, summary);
    QVERIFY(model.status(row) == RunListModel::Status::Passed);
    QVERIFY(model.index(row).data(RunListModel::SubtitleRole).toString().contains(QStringLiteral("p95 812 ms")));
    model.addRun(info);
    model.failRun(1, QStringLiteral("boom"));
    QVERIFY(model.status(1) == RunListModel::Status::Failed);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestMainWindow::runFolderAndFileExport()
{
    QAction *html = action(m_window, "actionExportHtml");
    QVERIFY(!html->isEnabled()); // nothing to export before a run
    QVERIFY(m_window->findChild<QMenu *>(QStringLiteral("exportMenu"))->menuAction()->isVisible());

    m_window->setUntitledScenario(shortScenario(5000));
    QSignalSpy folder(m_window->session(), &RunSession::runFolderWritten);
    QSignalSpy finished(m_window->session(), &RunSession::runFinished);
    QSignalSpy exported(m_window->exports(), &RunExports::exportFinished);
    action(m_window, "actionStart")->trigger();

    // During the run: exported from its folder as it is so far (journal flushed every second).
    QTRY_VERIFY_WITH_TIMEOUT(html->isEnabled(), 20000);
    const QString liveDir = m_window->session()->liveRunDir();
    QTRY_VERIFY_WITH_TIMEOUT(readAll(QDir(liveDir).filePath(QStringLiteral("requests.jsonl"))).count('\n') > 0, 20000);
    QVERIFY(m_window->session()->isActive());
    const QString livePath = m_dir.filePath(QStringLiteral("live.html"));
    QVERIFY(m_window->exports()->exportRun(m_window->runs()->run(0), RunExports::Kind::Html, livePath));
    QVERIFY(exported.wait(30000));
    QCOMPARE(exported.takeFirst().at(2).toString(), QString());
    QVERIFY(readAll(livePath).contains("in progress"));
    QVERIFY(readAll(livePath).contains("<svg"));

    QVERIFY(finished.count() > 0 || finished.wait(60000));
    QVERIFY(folder.count() == 1 || folder.wait(20000));
    QCOMPARE(folder.first().at(2).toString(), QString());
    const QString runDir = folder.first().at(1).toString();
    QCOMPARE(m_window->runs()->run(0).runDir, runDir);
    QVERIFY(runDir.startsWith(report::defaultRunsDir()));
    for (const char *file : { "scenario.json", "run.json", "requests.jsonl", "seconds.jsonl", "summary.json" })
        QVERIFY2(QFile::exists(QDir(runDir).filePath(QLatin1String(file))), file);
    const qint64 requests = m_window->runs()->run(0).summary->overall.requests;
    QCOMPARE(readAll(QDir(runDir).filePath(QStringLiteral("requests.jsonl"))).count('\n'), requests);

    // File > Export > HTML Report…, through the file dialog.
    QVERIFY(html->isEnabled());
    const QString htmlPath = m_dir.filePath(QStringLiteral("report.html"));
    answerNextFileDialog(htmlPath);
    html->trigger();
    QVERIFY(exported.wait(30000));
    QCOMPARE(exported.first().at(2).toString(), QString());
    const QByteArray page = readAll(htmlPath);
    QVERIFY(page.contains("<svg"));
    QVERIFY(page.contains("gpt-4.1"));
    QVERIFY(!page.contains("src=\"http")); // self-contained
    QVERIFY(m_window->banner()->message().contains(QStringLiteral("Saved the HTML report")));

    // CSV into a folder (requests.csv comes from the run folder's journal) and the summary JSON.
    const QString csvDir = m_dir.filePath(QStringLiteral("csv"));
    QVERIFY(QDir().mkpath(csvDir));
    QVERIFY(m_window->exports()->exportRun(m_window->runs()->run(0), RunExports::Kind::Csv, csvDir));
    QVERIFY(!m_window->exports()->exportRun(m_window->runs()->run(0), RunExports::Kind::Json, csvDir)); // busy
    QVERIFY(exported.wait(30000));
    QCOMPARE(exported.last().at(2).toString(), QString());
    QCOMPARE(readAll(QDir(csvDir).filePath(QStringLiteral("requests.csv"))).count('\n'), requests + 1);
    QVERIFY(readAll(QDir(csvDir).filePath(QStringLiteral("summary.csv"))).contains("gpt-4.1"));
    const QString jsonPath = m_dir.filePath(QStringLiteral("summary.json"));
    QVERIFY(m_window->exports()->exportRun(m_window->runs()->run(0), RunExports::Kind::Json, jsonPath));
    QVERIFY(exported.wait(30000));
    const QJsonObject json = QJsonDocument::fromJson(readAll(jsonPath)).object();
    QCOMPARE(json.value(QStringLiteral("overall")).toObject().value(QStringLiteral("requests")).toInteger(), requests);

    // A place that cannot be written: the banner says where and why; the run stays exportable.
    const QString bad = htmlPath + QStringLiteral("/summary.json"); // a path under a file
    QVERIFY(m_window->exports()->exportRun(m_window->runs()->run(0), RunExports::Kind::Json, bad));
    QVERIFY(exported.wait(30000));
    QVERIFY(!exported.last().at(2).toString().isEmpty());
    QVERIFY(m_window->banner()->kind() == NoticeBanner::Kind::Error);
    QVERIFY(m_window->banner()->message().contains(QStringLiteral("could not be written")));
    QVERIFY(html->isEnabled());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
