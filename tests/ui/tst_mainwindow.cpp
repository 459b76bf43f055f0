// The main window driven as a user would: title, Start gating, files, runs against the built-in
// simulated gateway, run list, stop, close during a run. The lag probe's wall-clock figures are in
// tst_uilag (label bench: bash tests/bench/run.sh uilag).
#include "ui/dashboard/dashboard.h"
#include "ui/dashboard/modelsummarymodel.h"
#include "ui/editor/scenarioeditor.h"
#include "ui/secrets/keystore.h"
#include "ui/windows/comparedialog.h"
#include "ui/windows/helpmenu.h"
#include "ui/windows/mainwindow.h"
#include "ui/windows/noticebanner.h"
#include "ui/windows/runexports.h"
#include "ui/windows/runhistory.h"
#include "ui/windows/runlibrary.h"
#include "ui/windows/runlistdelegate.h"
#include "ui/windows/runlistmodel.h"
#include "ui/windows/runsession.h"

#include "mainwindowfixture.h"

#include "engine/runcontroller.h"
#include "report/htmlreport.h"
#include "report/runfolder.h"
#include "report/summarytext.h"
#include "scenario/duration.h"
#include "scenario/plan.h"
#include "scenario/scenarioio.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyleOptionViewItem>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QXYSeries>

using namespace stampede;
using namespace stampede::ui;
using stampede::test::action;
using stampede::test::shortScenario;

namespace {

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

int filledTableRows(QWidget *dashboard)
{
    int rows = 0;
    for (QTableView *view : dashboard->findChildren<QTableView *>())
        rows = std::max(rows, view->model() ? view->model()->rowCount() : 0);
    return rows;
}

/// Points of the charts' baseline twins (the faint dashed lines, named "baseline <series>").
qsizetype baselinePoints(QWidget *dashboard)
{
    qsizetype points = 0;
    for (QChartView *view : dashboard->findChildren<QChartView *>())
        for (QAbstractSeries *series : view->chart()->series())
            if (auto *xy = qobject_cast<QXYSeries *>(series); xy && xy->name().startsWith(QStringLiteral("baseline ")))
                points += xy->isVisible() ? xy->count() : 0;
    return points;
}

/// The results table's baseline changes ("+7.6 %") shown beside the figures.
QStringList resultDeltas(QWidget *dashboard)
{
    QStringList deltas;
    auto *view = dashboard->findChild<QTableView *>(QStringLiteral("modelSummaryTable"));
    for (int row = 0; view && row < view->model()->rowCount(); ++row)
        for (int column = 0; column < view->model()->columnCount(); ++column) {
            const QString delta = view->model()->index(row, column).data(ModelSummaryModel::DeltaRole).toString();
            if (!delta.isEmpty())
                deltas << delta;
        }
    return deltas;
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

/// Stands in for the desktop's URL handler.
class UrlCatcher : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;
public Q_SLOTS:
    void open(const QUrl &url) { urls << url; }
};

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
    void sampleRingKeepsTheLatest();
    void runListModelPassesTester();
    void runFolderAndFileExport();
    void runsSurviveARestart();
    void listRunFoldersNewestFirst();
    void stoppedRunColourFollowsItsErrors();
    void helpMenu();
    void adjustLoadWhileRunning();
    void bannerMovesNothing();
    void templatesListInstalledExamples();
    void compareSelectedRuns();
    void runLibraryTagsFilterDelete();
    void baselineOverlayDuringARun();
    void runLibrarySortsAndShowsTheLoad();

private:
    QTemporaryDir m_dir;
    MemoryKeyStore *m_keys = nullptr;
    MainWindow *m_window = nullptr;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    test::mainWindowTestSetup(m_dir, QStringLiteral("tst_mainwindow"));
}

void TestMainWindow::init()
{
    QSettings().clear();
    // Each test starts with no runs on disk: the window lists every run folder it finds.
    QVERIFY(QDir(report::defaultRunsDir()).removeRecursively());
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
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session()->state() == model::RunPhase::Running, 20000);
    QVERIFY(!m_window->editor()->findChild<QLineEdit *>(QStringLiteral("timeoutEdit"))->isEnabled()
        || m_window->editor()->findChild<QLineEdit *>(QStringLiteral("timeoutEdit"))->isReadOnly());
    QVERIFY(finished.wait(60000));

    QVERIFY(m_window->session()->state() == model::RunPhase::Finished);
    QVERIFY(action(m_window, "actionStart")->isEnabled());
    QWidget *dashboard = m_window->dashboard();
    QVERIFY(filledTableRows(dashboard) > 0);
    QVERIFY(chartPoints(dashboard) > 0);
    QVERIFY(m_window->dashboard()->resultsTableText().contains(QStringLiteral("gpt-4.1")));
    QCOMPARE(m_window->runs()->rowCount(), 1);
    QVERIFY(m_window->runs()->run(0).summary()->overall.requests > 0);
    QVERIFY(m_window->runs()->index(0).data(RunListModel::RequestsRole).toLongLong() > 0);

    // A second run, then reopen the first one from the list as a user would: by clicking it.
    QVERIFY(finished.isEmpty() == false);
    action(m_window, "actionStart")->trigger();
    QVERIFY(finished.wait(60000));
    QCOMPARE(m_window->runs()->rowCount(), 2);
    m_window->dashboard()->clear();
    auto *list = m_window->findChild<QListView *>(QStringLiteral("runList"));
    // The panel lists newest first: the first run is its second row.
    QCOMPARE(list->model()->index(0, 0).data(RunListModel::TitleRole).toString().left(3), QStringLiteral("#2 "));
    const QRect first = list->visualRect(list->model()->index(1, 0));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, first.center());
    QCOMPARE(m_window->currentRunRow(), 0);
    auto *badge = m_window->findChild<QLabel *>(QStringLiteral("runStateBadge"));
    QCOMPARE(badge->text(), QStringLiteral("Run #1: passed")); // the run on show, not the last one
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
    QVERIFY(m_window->session()->state() == model::RunPhase::Stopping);
    QVERIFY(!action(m_window, "actionStop")->isEnabled());
    QVERIFY(action(m_window, "actionAbort")->isEnabled());
    QVERIFY(finished.wait(30000));
    const metrics::RunSummary summary = *m_window->runs()->run(0).summary();
    QVERIFY(summary.end == model::RunEnd::Stopped);
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
    QVERIFY(m_window->session()->state() == model::RunPhase::Failed);
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
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session()->state() == model::RunPhase::Running, 20000);

    answerNextMessageBox(QMessageBox::Cancel);
    m_window->close();
    QVERIFY(m_window->isVisible());
    QVERIFY(m_window->session()->isActive());

    answerNextMessageBox(QMessageBox::NoButton, QStringLiteral("Abort Run and Quit"));
    m_window->close();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isVisible(), 20000);
    QVERIFY(!m_window->session()->isActive());
    QVERIFY(m_window->runs()->run(0).summary()->end == model::RunEnd::Interrupted);
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

void TestMainWindow::sampleRingKeepsTheLatest()
{
    SampleRing ring(4);
    for (double v : { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 })
        ring.add(v); // keeps 3, 4, 5, 6
    QCOMPARE(ring.count(), 4);
    QCOMPARE(ring.percentile(50), 4.0);
    QCOMPARE(ring.percentile(99), 6.0);
    QCOMPARE(ring.max(), 6.0);
}

void TestMainWindow::runListModelPassesTester()
{
    RunListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    report::RunMeta info;
    info.scenario = shortScenario(1000);
    info.startedAt = QDateTime::currentDateTimeUtc();
    const int row = model.addRun(info);
    QVERIFY(model.phase(row) == model::RunPhase::Running);
    metrics::RunSummary summary;
    summary.overall.requests = 12;
    summary.overall.latency.p95 = 812;
    summary.overall.latency.count = 12;
    model.finishRun(row, summary);
    QVERIFY(model.phase(row) == model::RunPhase::Finished);
    QVERIFY(model.verdict(row).kind == model::RunVerdict::Kind::Passed);
    QVERIFY(model.index(row).data(RunListModel::SubtitleRole).toString().contains(QStringLiteral("p95 812 ms")));
    model.addRun(info);
    model.failRun(1, QStringLiteral("boom"));
    QVERIFY(model.phase(1) == model::RunPhase::Failed);
    // A run with no success has no latency: not "p95 0 ms".
    metrics::RunSummary noneOk;
    noneOk.end = model::RunEnd::Stopped;
    noneOk.overall.requests = noneOk.overall.failures = 40;
    report::RunRecord record;
    record.meta = info;
    record.summary = noneOk;
    const int stopped = model.addRecord(record);
    const QString subtitle = model.index(stopped).data(RunListModel::SubtitleRole).toString();
    QVERIFY2(subtitle.contains(QStringLiteral("none succeeded")) && !subtitle.contains(QStringLiteral("p95")),
        qPrintable(subtitle));
    QCOMPARE(model.index(stopped).data(RunListModel::FailedShareRole).toDouble(), 1.0);
    QVERIFY(model.run(stopped).fromDisk());
    QCOMPARE(model.index(stopped).data(RunListModel::TitleRole).toString(), info.scenario.name);
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
    QCOMPARE(m_window->runs()->run(0).runDir(), runDir);
    QVERIFY(runDir.startsWith(report::defaultRunsDir()));
    for (const char *file : { "scenario.json", "run.json", "requests.jsonl", "seconds.jsonl", "summary.json" })
        QVERIFY2(QFile::exists(QDir(runDir).filePath(QLatin1String(file))), file);
    const qint64 requests = m_window->runs()->run(0).summary()->overall.requests;
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

void TestMainWindow::runsSurviveARestart()
{
    m_window->setUntitledScenario(shortScenario(2000));
    QSignalSpy folder(m_window->session(), &RunSession::runFolderWritten);
    action(m_window, "actionStart")->trigger();
    QVERIFY(folder.wait(60000));
    const QString runDir = folder.first().at(1).toString();
    const metrics::RunSummary first = *m_window->runs()->run(0).summary();

    // The next launch: a second window lists the first one's run, read from its folder.
    MemoryKeyStore keys;
    MainWindow second(&keys);
    QSignalSpy loaded(second.history(), &RunHistory::loadFinished);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(loaded.first().at(0).toInt(), 1);
    QCOMPARE(second.runs()->rowCount(), 1);
    const SessionRun &earlier = second.runs()->run(0);
    QVERIFY(earlier.fromDisk());
    QCOMPARE(earlier.runDir(), runDir);
    QCOMPARE(earlier.summary()->overall.requests, first.overall.requests);
    QCOMPARE(earlier.summary()->history.size(), first.history.size());
    QVERIFY(second.runs()->index(0).data(RunListModel::SubtitleRole).toString().contains(QStringLiteral("passed")));
    QVERIFY(second.showRun(0));
    QVERIFY(filledTableRows(second.dashboard()) > 0);
    QVERIFY(chartPoints(second.dashboard()) > 0);
    QVERIFY(second.dashboard()->resultsTableText().contains(QStringLiteral("gpt-4.1")));
    QVERIFY(action(&second, "actionExportHtml")->isEnabled()); // an earlier run exports as a new one does

    // File > Open Run…: a copied folder is listed once and shown; the same folder again is not re-listed.
    const QString copy = m_dir.filePath(QStringLiteral("copied-run"));
    QDir(copy).removeRecursively();
    QVERIFY(QDir().mkpath(copy));
    for (const QString &name : QDir(runDir).entryList(QDir::Files))
        QVERIFY(QFile::copy(QDir(runDir).filePath(name), QDir(copy).filePath(name)));
    QSignalSpy opened(second.history(), &RunHistory::runLoaded);
    QVERIFY(second.openRunFolder(copy));
    QVERIFY(opened.wait(20000));
    QCOMPARE(second.runs()->rowCount(), 2);
    QCOMPARE(second.currentRunRow(), 1);
    QCOMPARE(second.runs()->run(1).runDir(), QDir(copy).absolutePath());
    QVERIFY(second.openRunFolder(copy));
    QCOMPARE(second.runs()->rowCount(), 2);

    // A folder that holds no run: the banner says so and why.
    QSignalSpy failed(second.history(), &RunHistory::openFailed);
    QVERIFY(second.openRunFolder(m_dir.path()));
    QVERIFY(failed.wait(20000));
    QVERIFY(second.banner()->kind() == NoticeBanner::Kind::Error);
    QVERIFY2(second.banner()->details().contains(QStringLiteral("not a run folder")),
        qPrintable(second.banner()->details()));
    QCOMPARE(second.runs()->rowCount(), 2);
}

void TestMainWindow::listRunFoldersNewestFirst()
{
    QTemporaryDir base;
    for (const char *name : { "20261201-101500-b", "20261203-090000-c", "20261130-235959-a", "not-a-run" }) {
        QVERIFY(QDir(base.path()).mkpath(QLatin1String(name)));
        if (QLatin1String(name) != QLatin1String("not-a-run")) {
            QFile run(QDir(base.filePath(QLatin1String(name))).filePath(QStringLiteral("run.json")));
            QVERIFY(run.open(QIODevice::WriteOnly));
        }
    }
    const QStringList all = report::listRunFolders(base.path(), 10);
    QCOMPARE(all.size(), 3);
    QVERIFY(all[0].endsWith(QStringLiteral("-c")));
    QVERIFY(all[1].endsWith(QStringLiteral("-b")));
    QVERIFY(all[2].endsWith(QStringLiteral("-a")));
    QCOMPARE(report::listRunFolders(base.path(), 2).size(), 2);
    QVERIFY(report::listRunFolders(base.filePath(QStringLiteral("missing")), 10).isEmpty());
}

void TestMainWindow::stoppedRunColourFollowsItsErrors()
{
    using K = model::RunVerdict::Kind;
    const QColor grey = runColor(model::RunPhase::Finished, K::Stopped, 0.0);
    QCOMPARE(runColor(model::RunPhase::Finished, K::Interrupted, 0.0), grey);
    QVERIFY(runColor(model::RunPhase::Finished, K::Stopped, 1.0) == runColor(model::RunPhase::Failed));
    QVERIFY(runColor(model::RunPhase::Finished, K::Stopped, 0.2)
        == runColor(model::RunPhase::Finished, K::ThresholdsFailed));
    QVERIFY(runColor(model::RunPhase::Finished, K::Stopped, 1.0) != grey);
}

// Help: the shortcuts come from the window's own actions, the definitions from the tooltips, and the
// folders open in the desktop's handler (caught here instead of a file manager).
void TestMainWindow::helpMenu()
{
    const auto shortcuts = HelpMenu::shortcuts(m_window);
    const auto has = [&](const QString &command, const QString &keys) {
        return std::any_of(shortcuts.begin(), shortcuts.end(),
            [&](const auto &row) { return row.first == command && row.second == keys; });
    };
    QVERIFY(has(QStringLiteral("Run ▸ Start"), QStringLiteral("F5")));
    QVERIFY(has(QStringLiteral("File ▸ Open Run…"), QStringLiteral("Ctrl+Shift+O")));
    QVERIFY(has(QStringLiteral("Help ▸ Keyboard Shortcuts"), QStringLiteral("Ctrl+/")));
    QVERIFY(has(QStringLiteral("Leave Presentation Mode"), QStringLiteral("Esc")));

    action(m_window, "actionShortcuts")->trigger();
    QTRY_VERIFY(m_window->findChild<QDialog *>(QStringLiteral("shortcutsDialog")));
    auto *table = m_window->findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
    QVERIFY(table);
    QCOMPARE(table->rowCount(), shortcuts.size());
    m_window->findChild<QDialog *>(QStringLiteral("shortcutsDialog"))->close();

    action(m_window, "actionMetricDefinitions")->trigger();
    QTRY_VERIFY(m_window->findChild<QTextBrowser *>(QStringLiteral("definitionsText")));
    const QString definitions = m_window->findChild<QTextBrowser *>(QStringLiteral("definitionsText"))->toPlainText();
    QVERIFY2(definitions.contains(QStringLiteral("first"), Qt::CaseInsensitive), qPrintable(definitions.left(300)));
    QVERIFY(definitions.contains(QStringLiteral("metrics.md"))); // the source tree's docs are found
    QVERIFY(definitions.contains(QStringLiteral("Goodput")) && definitions.contains(QStringLiteral("slo_attainment")));
    m_window->findChild<QDialog *>(QStringLiteral("definitionsDialog"))->close();

    UrlCatcher catcher;
    QDesktopServices::setUrlHandler(QStringLiteral("file"), &catcher, "open");
    action(m_window, "actionOpenRunsFolder")->trigger();
    action(m_window, "actionOpenDocs")->trigger();
    QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
    QCOMPARE(catcher.urls.size(), 2);
    QCOMPARE(catcher.urls[0].toLocalFile(), m_window->session()->runsDirectory());
    QVERIFY(QDir(catcher.urls[0].toLocalFile()).exists()); // made if no run has written it yet
    QVERIFY(QFileInfo::exists(catcher.urls[1].toLocalFile() + QStringLiteral("/metrics.md")));

    // Help ▸ About: the same facts as `stampede --version`, the folders as links.
    action(m_window, "actionAbout")->trigger();
    QTRY_VERIFY(m_window->findChild<QTextBrowser *>(QStringLiteral("aboutText")));
    auto *about = m_window->findChild<QTextBrowser *>(QStringLiteral("aboutText"));
    const QString text = about->toPlainText();
    for (const QString &fact : { QStringLiteral("Stampede " STAMPEDE_VERSION), QString::fromLatin1(qVersion()),
             QStringLiteral("libcurl"), QStringLiteral("Qt Network"), QStringLiteral("Apache-2.0"),
             QSettings().fileName(), m_window->session()->runsDirectory() })
        QVERIFY2(text.contains(fact), qPrintable(fact + QStringLiteral(" not in: ") + text));
    QVERIFY(about->toHtml().contains(QUrl::fromLocalFile(m_window->session()->runsDirectory()).toString()));
    m_window->findChild<QDialog *>(QStringLiteral("aboutDialog"))->close();
}

// File ▸ New from Template lists the installed examples (<data dir>/stampede/scenarios), a broken
// one disabled with the reason, then the built-in ones; choosing one opens it untitled.
void TestMainWindow::templatesListInstalledExamples()
{
    const QString dir
        = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/stampede/scenarios");
    QVERIFY(QDir().mkpath(dir));
    scenario::Scenario example = shortScenario(2000);
    example.name = QStringLiteral("Installed example");
    QVERIFY(scenario::saveScenarioFile(example, dir + QStringLiteral("/custom.stampede.json")).isEmpty());
    QFile broken(dir + QStringLiteral("/broken.json"));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{ not json");
    broken.close();
    delete m_window; // the menu is built with the window
    m_window = new MainWindow(m_keys);
    m_window->show();
    QDir(dir).removeRecursively();

    auto *menu = m_window->findChild<QMenu *>(QStringLiteral("templateMenu"));
    QVERIFY(menu);
    QStringList titles;
    for (QAction *a : menu->actions())
        titles << a->text();
    QCOMPARE(titles.size(), 7);
    QCOMPARE(titles.at(0), QStringLiteral("broken.json"));
    QCOMPARE(titles.at(1), QStringLiteral("Installed example"));
    QVERIFY(!menu->actions().at(0)->isEnabled());
    QVERIFY2(menu->actions().at(0)->toolTip().contains(QStringLiteral("does not load")),
        qPrintable(menu->actions().at(0)->toolTip()));
    QVERIFY(menu->actions().at(1)->isEnabled());
    QVERIFY(menu->actions().at(2)->statusTip().contains(QStringLiteral("built into Stampede"))); // default
    QVERIFY(menu->actions().at(3)->statusTip().contains(QStringLiteral("built into Stampede"))); // quick
    QVERIFY(menu->actions().at(4)->statusTip().contains(QStringLiteral("built into Stampede"))); // slo
    QVERIFY(titles.at(4).startsWith(QStringLiteral("SLO demo")));
    QVERIFY2(titles.at(6).startsWith(QStringLiteral("VU sweep demo")), qPrintable(titles.at(6))); // sweep-vus

    m_window->findChild<QAction *>(QStringLiteral("template_quick"))->trigger();
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("Quick demo")));
    // The installed file is gone since the menu was built: a clear error, the document stays.
    m_window->setWindowModified(false);
    m_window->findChild<QAction *>(QStringLiteral("template_custom"))->trigger();
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("Quick demo")));
    auto *banner = m_window->findChild<NoticeBanner *>();
    QVERIFY(banner && banner->isVisible());
}

// Run ▸ Adjust Load…: a user raises 10 req/s to 40 req/s mid-run; the engine carries it out, the
// planned series shows the jump, and the change is in the summary and the run folder.
void TestMainWindow::adjustLoadWhileRunning()
{
    m_window->setUntitledScenario(shortScenario(6000, 10));
    QSignalSpy finished(m_window->session(), &RunSession::runFinished);
    QSignalSpy folders(m_window->session(), &RunSession::runFolderWritten);
    QAction *adjust = action(m_window, "actionAdjustLoad");
    QVERIFY(!adjust->isEnabled());
    action(m_window, "actionStart")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(adjust->isEnabled(), 20000); // running
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session()->plannedTarget() > 0, 10000); // a snapshot came
    QTimer::singleShot(0, [] {
        QTRY_VERIFY(qobject_cast<QInputDialog *>(QApplication::activeModalWidget()));
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        QCOMPARE(dialog->doubleValue(), 10.0); // offers the current target
        dialog->setDoubleValue(40);
        dialog->accept();
    });
    adjust->trigger();
    QVERIFY(finished.wait(60000));
    QVERIFY(!adjust->isEnabled());

    const metrics::RunSummary &summary = *m_window->runs()->run(finished.at(0).at(0).toInt()).summary();
    QCOMPARE(summary.loadChanges.size(), 1);
    QCOMPARE(summary.loadChanges[0].target, 40.0);
    const double atS = double(summary.loadChanges[0].atMs) / 1000.0;
    QVERIFY2(atS > 0 && atS < 6, qPrintable(QString::number(atS)));
    const double expected = 10 * atS + 40 * (6 - atS);
    QVERIFY2(double(summary.overall.requests) >= 0.9 * expected,
        qPrintable(QStringLiteral("%1 requests, %2 expected").arg(summary.overall.requests).arg(expected)));

    QXYSeries *planned = nullptr;
    for (QChartView *view : m_window->dashboard()->findChildren<QChartView *>())
        for (QAbstractSeries *series : view->chart()->series())
            if (series->name() == QStringLiteral("planned req/s"))
                planned = qobject_cast<QXYSeries *>(series);
    QVERIFY(planned);
    bool jump = false;
    for (int i = 0; i < planned->count(); ++i)
        jump = jump || planned->at(i).y() == 40.0;
    QVERIFY(jump);

    QTRY_VERIFY_WITH_TIMEOUT(!folders.isEmpty(), 20000);
    const QByteArray json = readAll(folders.at(0).at(1).toString() + QStringLiteral("/summary.json"));
    const QJsonArray changes = QJsonDocument::fromJson(json).object().value(QStringLiteral("load_changes")).toArray();
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.at(0).toObject().value(QStringLiteral("target")).toDouble(), 40.0);
    // ...and read back from the folder, the report and the CLI's summary say it.
    QString error;
    const auto loaded = report::loadRunFolder(folders.at(0).at(1).toString(), &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->summary.loadChanges.size(), 1);
    QVERIFY(QString::fromUtf8(report::htmlReport(*loaded)).contains(QStringLiteral("id=\"load-changes\"")));
    QVERIFY(report::summaryText(loaded->summary, {}).contains(QStringLiteral("Load adjusted at")));
}

// A message floats over the page's top: the page does not jump down when it appears, nor back up.
void TestMainWindow::bannerMovesNothing()
{
    m_window->resize(1280, 720);
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("mainTabs"));
    QTRY_COMPARE(m_window->size(), QSize(1280, 720));
    const QRect before = tabs->geometry();
    auto *banner = m_window->findChild<NoticeBanner *>();
    banner->showMessage(NoticeBanner::Kind::Error,
        QStringLiteral("A long message that the user should read, ").repeated(4), QStringLiteral("details"));
    QCoreApplication::processEvents();
    QVERIFY(banner->isVisible());
    QCOMPARE(tabs->geometry(), before);
    const QRect at(banner->mapTo(m_window, QPoint(0, 0)), banner->size());
    QVERIFY2(m_window->rect().contains(at),
        qPrintable(QStringLiteral("%1,%2 %3×%4").arg(at.x()).arg(at.y()).arg(at.width()).arg(at.height())));
    QVERIFY(at.top() >= tabs->mapTo(m_window, QPoint(0, tabs->tabBar()->height())).y()); // the tab bar stays clickable
    const int needed
        = banner->hasHeightForWidth() ? banner->heightForWidth(banner->width()) : banner->sizeHint().height();
    QVERIFY2(banner->height() >= needed, qPrintable(QStringLiteral("%1 < %2").arg(banner->height()).arg(needed)));
    banner->dismiss();
    QCoreApplication::processEvents();
    QCOMPARE(tabs->geometry(), before);
}

QTEST_MAIN(TestMainWindow)
namespace {

/// A finished run of model "m" whose successful requests took `fromMs` .. `fromMs` + 100 ms.
report::RunRecord recordedRun(const QString &dir, const QDateTime &started, double fromMs)
{
    metrics::Histogram h;
    for (int i = 0; i < 200; ++i)
        h.record(std::uint64_t((fromMs + i * 0.5) * 1000));
    metrics::GroupStats g;
    g.model = QStringLiteral("m");
    g.requests = g.successes = 200;
    g.rps = 20;
    g.latency = metrics::LatencyStats::fromHistogram(h);
    report::RunRecord record;
    record.meta.scenario = scenario::defaultScenario();
    record.meta.scenario.name = QStringLiteral("Compared");
    record.meta.startedAt = started;
    record.meta.models = { g.model };
    record.summary.startedAt = started;
    record.summary.endedAt = started.addSecs(10);
    record.summary.durationMs = 10000;
    record.summary.models << g;
    g.model = QStringLiteral("all");
    record.summary.overall = g;
    record.summary.histograms.insert(QStringLiteral("http_req_duration"), h);
    record.summary.histograms.insert(QStringLiteral("http_req_duration{model:m}"), h);
    record.runDir = dir;
    return record;
}

} // namespace

// Run ▸ Compare Selected Runs…: Ctrl+click two runs in the Runs panel, Ctrl+K; the older is the
// baseline; figures, changes coloured, the significance hint, the CDFs; saved as one HTML page.
void TestMainWindow::compareSelectedRuns()
{
    auto *runs = m_window->findChild<RunListModel *>();
    auto *list = m_window->findChild<QListView *>(QStringLiteral("runList"));
    QVERIFY(runs && list);
    const QDateTime t0 = QDateTime::currentDateTimeUtc().addSecs(-3600);
    runs->addRecord(recordedRun(m_dir.filePath(QStringLiteral("before")), t0, 100));
    runs->addRecord(recordedRun(m_dir.filePath(QStringLiteral("after")), t0.addSecs(600), 130));
    QAction *compare = action(m_window, "actionCompareRuns");
    QAction *reveal = action(m_window, "actionRevealRun");
    QVERIFY(!compare->isEnabled());

    list->setCurrentIndex(list->model()->index(0, 0)); // the newest: "after"
    QVERIFY(!compare->isEnabled()); // one run
    QVERIFY(reveal->isEnabled());
    UrlCatcher catcher;
    QDesktopServices::setUrlHandler(QStringLiteral("file"), &catcher, "open");
    reveal->trigger();
    QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
    QCOMPARE(catcher.urls.value(0).toLocalFile(), m_dir.filePath(QStringLiteral("after")));

    list->selectionModel()->select(list->model()->index(1, 0), QItemSelectionModel::Select);
    QVERIFY(compare->isEnabled());
    QVERIFY(!reveal->isEnabled()); // two runs: which folder?
    compare->trigger();
    auto *dialog = m_window->findChild<CompareDialog *>(QStringLiteral("compareDialog"));
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->comparison().runs.size(), 2);
    QCOMPARE(dialog->comparison().runs[0].label, QStringLiteral("before")); // the oldest is the baseline

    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("compareTable"));
    // The figures the runs have: no TTFT or TPOT (not streamed), no goodput (no SLO).
    QCOMPARE(table->rowCount(), 8);
    QCOMPARE(table->columnCount(), 4); // figure, A, B, B vs A
    int p95 = -1;
    for (int row = 0; row < table->rowCount(); ++row)
        if (table->item(row, 0)->text() == QStringLiteral("p95 latency (ms)"))
            p95 = row;
    QVERIFY(p95 >= 0);
    const QString p95Delta = table->item(p95, 3)->text(); // "+61.3 (+38.4 %)": absolute, then relative
    QVERIFY2(QRegularExpression(QStringLiteral("^\\+[0-9.]+ \\(\\+[0-9.]+ %\\)$")).match(p95Delta).hasMatch(),
        qPrintable(p95Delta));
    QCOMPARE(table->item(p95, 3)->foreground().color(), QColor(0xb91c1c)); // worse: red
    QCOMPARE(table->item(p95, 3)->toolTip(), QStringLiteral("Worse than the baseline"));
    const QString hint = dialog->findChild<QLabel *>(QStringLiteral("compareHint"))->text();
    QVERIFY2(hint.startsWith(QStringLiteral("Latency B vs A: slower")), qPrintable(hint));
    auto *chart = dialog->findChild<QChartView *>(QStringLiteral("compareChart"))->chart();
    QCOMPARE(chart->series().size(), 2);

    auto *group = dialog->findChild<QComboBox *>(QStringLiteral("compareGroup"));
    QCOMPARE(group->count(), 2); // all models, m
    group->setCurrentIndex(1);
    QCOMPARE(chart->series().size(), 2);

    const QString html = m_dir.filePath(QStringLiteral("compare.html"));
    QCOMPARE(dialog->saveHtml(html), QString());
    QFile file(html);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("<svg"));
    dialog->close();
}

// The Runs panel as a library: tag runs (kept in the folder), filter by name, tag or target,
// delete a run (its folder goes), as a user would from the context menu.
void TestMainWindow::runLibraryTagsFilterDelete()
{
    auto *runs = m_window->findChild<RunListModel *>();
    auto *list = m_window->findChild<QListView *>(QStringLiteral("runList"));
    auto *filter = m_window->findChild<QLineEdit *>(QStringLiteral("runFilter"));
    auto *library = m_window->findChild<RunLibrary *>();
    QVERIFY(runs && list && filter && library);
    const QString before = m_dir.filePath(QStringLiteral("lib-before")),
                  after = m_dir.filePath(QStringLiteral("lib-after"));
    QVERIFY(QDir().mkpath(before) && QDir().mkpath(after));
    const QDateTime t0 = QDateTime::currentDateTimeUtc().addSecs(-3600);
    runs->addRecord(recordedRun(before, t0, 100));
    runs->addRecord(recordedRun(after, t0.addSecs(600), 130));

    list->setCurrentIndex(list->model()->index(0, 0)); // "after", the newest
    QVERIFY(action(m_window, "actionTagRuns")->isEnabled());
    QCOMPARE(library->tagSelected(QStringLiteral(" gateway A , after change,, gateway A")), QString());
    const QStringList tags { QStringLiteral("gateway A"), QStringLiteral("after change") };
    QCOMPARE(report::readRunTags(after), tags); // kept in the run folder: a restart reads them back
    QCOMPARE(list->model()->index(0, 0).data(RunListModel::TagsRole).toStringList(), tags);
    QVERIFY(list->model()
                ->index(0, 0)
                .data(RunListModel::SubtitleRole)
                .toString()
                .endsWith(QStringLiteral(" · gateway A, after change")));

    filter->setText(QStringLiteral("GATEWAY a"));
    QCOMPARE(list->model()->rowCount(), 1);
    filter->setText(QStringLiteral("lib-before")); // the folder's name
    QCOMPARE(list->model()->rowCount(), 1);
    filter->setText(QStringLiteral("no such run"));
    QCOMPARE(list->model()->rowCount(), 0);
    filter->clear();
    QCOMPARE(list->model()->rowCount(), 2);

    list->setCurrentIndex(list->model()->index(1, 0)); // "before"
    QVERIFY(action(m_window, "actionDeleteRuns")->isEnabled());
    QCOMPARE(library->deleteSelected(false), 1);
    QVERIFY(!QFileInfo::exists(before));
    QCOMPARE(runs->rowCount(), 1);
    QVERIFY(QFileInfo::exists(after));
    QCOMPARE(library->tagSelected(QString()), QString()); // nothing selected: nothing happens
    list->setCurrentIndex(list->model()->index(0, 0));
    QCOMPARE(library->tagSelected(QString()), QString()); // empty: the tags go, and the file
    QVERIFY(!QFileInfo::exists(after + QStringLiteral("/tags.json")));
}

// Run ▸ Use as Baseline (Ctrl+B) on a finished run; the scenario's next run is drawn against it
// while it goes: every chart's faint dashed twins, each figure's change in the results table, the
// "baseline" badge in the Runs panel. Remembered across restarts; Clear Baseline drops it.
void TestMainWindow::baselineOverlayDuringARun()
{
    m_window->setUntitledScenario(shortScenario(3000));
    QSignalSpy finished(m_window->session(), &RunSession::runFinished);
    QSignalSpy started(m_window->session(), &RunSession::runStarted);
    action(m_window, "actionStart")->trigger();
    QVERIFY(finished.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->runs()->run(0).runDir().isEmpty(), 10000);
    auto *list = m_window->findChild<QListView *>(QStringLiteral("runList"));
    list->setCurrentIndex(list->model()->index(0, 0));
    QAction *use = action(m_window, "actionUseAsBaseline");
    QVERIFY(use->isEnabled() && use->isCheckable() && !use->isChecked());
    QCOMPARE(use->shortcut(), QKeySequence(QStringLiteral("Ctrl+B")));
    use->trigger();
    QVERIFY(use->isChecked());
    QVERIFY(m_window->runs()->index(0).data(RunListModel::BaselineRole).toBool());
    QVERIFY(QSettings()
                .value(QStringLiteral("baselines/Short%20test"))
                .toString()
                .endsWith(QFileInfo(m_window->runs()->run(0).runDir()).fileName()));
    QWidget *dashboard = m_window->dashboard();
    QCOMPARE(m_window->dashboard()->baselineLabel(), QString()); // the baseline itself on show: nothing to compare
    QCOMPARE(baselinePoints(dashboard), 0);

    started.clear();
    action(m_window, "actionStart")->trigger();
    QVERIFY(started.wait(20000));
    const QString label = m_window->dashboard()->baselineLabel(); // "#1 · 14:02": the run and its start
    QVERIFY2(label.startsWith(QStringLiteral("#1 · ")), qPrintable(label));
    QTRY_VERIFY_WITH_TIMEOUT(baselinePoints(dashboard) > 0, 10000); // drawn while the run goes
    QTRY_VERIFY_WITH_TIMEOUT(!resultDeltas(dashboard).isEmpty(), 10000);
    bool labelShown = false;
    for (QLabel *header : dashboard->findChildren<QLabel *>(QStringLiteral("baselineLabel")))
        labelShown = labelShown || (header->isVisibleTo(dashboard) && header->text().contains(label));
    QVERIFY(labelShown);
    for (QChartView *view : dashboard->findChildren<QChartView *>()) // the header names the baseline, not the legend
        for (QLegendMarker *marker : view->chart()->legend()->markers())
            QVERIFY2(!marker->isVisible() || !marker->series()->name().startsWith(QStringLiteral("baseline ")),
                qPrintable(marker->series()->name()));
    QVERIFY(finished.wait(60000));
    QVERIFY(baselinePoints(dashboard) > 0);
    for (const QString &delta : resultDeltas(dashboard))
        QVERIFY2(delta.endsWith(QStringLiteral(" %")) || delta.endsWith(QStringLiteral(" pt")), qPrintable(delta));
    QVERIFY(!m_window->runs()->index(1).data(RunListModel::BaselineRole).toBool());

    // Shown again later, the second run is still drawn against the first; the first one alone.
    QVERIFY(m_window->showRun(0));
    QCOMPARE(baselinePoints(dashboard), 0);
    QVERIFY(m_window->showRun(1));
    QVERIFY(baselinePoints(dashboard) > 0);
    QVERIFY(!resultDeltas(dashboard).isEmpty());

    QAction *clear = action(m_window, "actionClearBaseline");
    QVERIFY(clear->isEnabled());
    clear->trigger();
    QCOMPARE(m_window->dashboard()->baselineLabel(), QString());
    QCOMPARE(baselinePoints(dashboard), 0);
    QVERIFY(resultDeltas(dashboard).isEmpty());
    QVERIFY(!m_window->runs()->index(0).data(RunListModel::BaselineRole).toBool());
    QVERIFY(!clear->isEnabled());
}

// The Runs panel's order (newest, oldest, name, p95, requests, verdict), kept across restarts, and
// its third line: target and load.
void TestMainWindow::runLibrarySortsAndShowsTheLoad()
{
    auto *runs = m_window->findChild<RunListModel *>();
    auto *list = m_window->findChild<QListView *>(QStringLiteral("runList"));
    auto *sort = m_window->findChild<QComboBox *>(QStringLiteral("runSort"));
    QVERIFY(runs && list && sort);
    QCOMPARE(sort->currentIndex(), 0); // newest first
    const QDateTime t0 = QDateTime::currentDateTimeUtc().addSecs(-3600);
    report::RunRecord slow = recordedRun(m_dir.filePath(QStringLiteral("sort-slow")), t0, 300);
    slow.meta.scenario.name = QStringLiteral("alpha");
    report::RunRecord fast = recordedRun(m_dir.filePath(QStringLiteral("sort-fast")), t0.addSecs(60), 100);
    fast.meta.scenario.name = QStringLiteral("Beta");
    fast.meta.plan = scenario::makePlan(fast.meta.scenario.load);
    runs->addRecord(slow);
    runs->addRecord(fast);
    auto first = [list] { return list->model()->index(0, 0).data(RunListModel::NameRole).toString(); };
    QCOMPARE(first(), QStringLiteral("Beta"));
    const QString load = list->model()->index(0, 0).data(RunListModel::LoadLineRole).toString();
    QVERIFY2(load.contains(scenario::toString(fast.meta.scenario.load.executor)), qPrintable(load));
    QVERIFY2(load.contains(scenario::formatDuration(fast.meta.plan.totalMs)), qPrintable(load));
    QStyleOptionViewItem option;
    option.font = list->font();
    QVERIFY(list->itemDelegate()->sizeHint(option, list->model()->index(0, 0)).height()
        >= 3 * QFontMetrics(list->font()).height()); // title, outcome, target and load

    struct Case {
        int index;
        const char *first;
    };
    // Oldest first; by name (case aside); p95, slowest first; then newest first again.
    for (const Case &c : { Case { 1, "alpha" }, Case { 2, "alpha" }, Case { 3, "alpha" }, Case { 0, "Beta" } }) {
        Q_EMIT sort->activated(c.index);
        QCOMPARE(sort->currentIndex(), c.index);
        QCOMPARE(first(), QLatin1String(c.first));
    }
    fast.meta.scenario.name = QStringLiteral("Able"); // the name order is not the start order
    runs->addRecord(fast);
    Q_EMIT sort->activated(2);
    QCOMPARE(first(), QStringLiteral("Able"));
    Q_EMIT sort->activated(3);
    QCOMPARE(first(), QStringLiteral("alpha"));
    QCOMPARE(QSettings().value(QStringLiteral("runs/sort")).toInt(), 3);

    MainWindow second(m_keys); // a restart keeps the order
    QCOMPARE(second.findChild<QComboBox *>(QStringLiteral("runSort"))->currentIndex(), 3);
}

#include "tst_mainwindow.moc"
