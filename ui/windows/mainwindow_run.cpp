// MainWindow: run control (Start / Stop / Abort and the state they show), the session's run list,
// presentation mode, copy/export of results, closing during a run.
#include "ui/windows/mainwindow.h"

#include "ui/windows/runlibrary.h"

#include "ui/dashboard/dashboard.h"
#include "ui/editor/scenarioeditor.h"
#include "ui/windows/eventlagprobe.h"
#include "ui/windows/fleetdialog.h"
#include "ui/windows/fleetwatch.h"
#include "ui/windows/noticebanner.h"
#include "ui/windows/runhistory.h"
#include "ui/windows/runlistdelegate.h"
#include "ui/windows/runlistmodel.h"
#include "ui/windows/runsession.h"
#include "ui/windows/scenariosummaryview.h"

#include "report/sanitize.h"
#include "scenario/scenarioio.h"

#include <QAction>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QGuiApplication>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>

namespace stampede::ui {

void MainWindow::startRun()
{
    if (m_session->isActive())
        return;
    if (!m_editor->isValid()) {
        updateRunActions();
        showEditor();
        statusBar()->showMessage(
            tr("Fix the scenario first: %1").arg(m_editor->problems().section(QLatin1Char('\n'), 0, 0)), 6000);
        return;
    }
    engine::RunOptions options;
    options.apiKey = m_editor->apiKey();
    options.apiKeySource = m_editor->apiKeySource();
    // The run's threads yield to this window's thread when the machine is saturated, so the
    // dashboard stays smooth however hard the engine works. Measured (docs/benchmarks.md, UI lag):
    // nice +5 left p99 at 21-24 ms on 2 saturated cores (hundreds of runnable engine threads
    // outweigh one GUI thread), +15 gives 3-6 ms. The engine loses nothing: the GUI thread needs
    // under 10 % of a core, and an idle GUI leaves every cycle to the run.
    options.threadNice = 15;
    m_fleet->detach(); // the dashboard is the run's now
    m_banner->dismiss();
    m_shownRow = -1;
    if (!m_session->start(m_editor->scenario(), options)) {
        m_banner->showMessage(NoticeBanner::Kind::Error, tr("The run could not start: the engine is busy."));
        return;
    }
    showDashboard();
}

void MainWindow::updateRunActions()
{
    const bool active = m_session->isActive();
    const bool valid = m_editor->isValid();
    const model::RunPhase state = m_session->state();
    m_startAction->setEnabled(!active && valid);
    if (active)
        m_startAction->setToolTip(tr("A run is going; stop it before starting another"));
    else if (!valid)
        m_startAction->setToolTip(tr("Fix the scenario first:\n%1").arg(m_editor->problems()));
    else
        m_startAction->setToolTip(tr("Start the load test (F5)"));
    m_stopAction->setEnabled(state == model::RunPhase::Preflight || state == model::RunPhase::Running);
    m_abortAction->setEnabled(active);
    m_adjustLoadAction->setEnabled(state == model::RunPhase::Running);
    // The run uses a copy of the scenario; changing it mid-run would only confuse. Re-polishing
    // every field is not free: only on a change, not on each "Running 0:42" tick.
    if (active != m_editorLocked) {
        m_editorLocked = active;
        m_editor->setLocked(active);
    }
    for (QAction *action : { m_newAction, m_openAction, m_openRunAction, m_attachFleetAction })
        action->setEnabled(!active);
    m_detachFleetAction->setEnabled(m_fleet->isAttached());
    m_templateMenu->setEnabled(!active);
    m_recentMenu->menuAction()->setEnabled(!active && !recentFiles().isEmpty());
    m_runList->setEnabled(!active);
    updateExportActions();
}

void MainWindow::onRunStateChanged(model::RunPhase state, const QString &text)
{
    const int live = m_session->liveRow();
    const bool ended = state == model::RunPhase::Finished && live >= 0;
    showStateBadge(text,
        runColor(state, ended ? m_runs->verdict(live).kind : model::RunVerdict::Kind::Passed,
            ended ? m_runs->index(live).data(RunListModel::FailedShareRole).toDouble() : 0.0));
    if (state == m_lastState)
        return; // only the clock moved
    m_lastState = state;
    updateRunActions();
    if (m_quitAfterRun && !m_session->isActive())
        QTimer::singleShot(0, this, &QWidget::close);
}

void MainWindow::attachFleet()
{
    if (m_session->isActive())
        return; // the dashboard shows the run going on
    FleetDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_shownRow = -1;
    m_banner->dismiss();
    m_fleet->attach(dialog.urls(), dialog.mode());
    showDashboard();
    updateRunActions();
}

void MainWindow::onFleetStatus(const QString &text)
{
    if (!m_fleet->isAttached()) {
        updateRunActions();
        onRunStateChanged(m_session->state(), m_session->stateText()); // the run's state again
        statusBar()->showMessage(text, 4000);
        return;
    }
    showStateBadge(tr("Fleet"), QColor(0x00, 0x6d, 0x77));
    m_stateLabel->setText(text);
    m_stateLabel->setToolTip(text);
}

void MainWindow::showStateBadge(const QString &text, const QColor &color)
{
    m_stateBadge->setText(text);
    m_stateLabel->setText(text);
    if (color != m_badgeColor) { // a style sheet change re-polishes: not on every clock tick
        m_badgeColor = color;
        m_stateBadge->setStyleSheet(QStringLiteral("QLabel{color:white; background:%1; border-radius:9px;"
                                                   " padding:2px 10px; font-weight:600;}")
                                        .arg(color.name()));
    }
}

int MainWindow::currentRunRow() const
{
    return m_runsNewestFirst->mapToSource(m_runList->currentIndex()).row();
}

void MainWindow::selectRunRow(int row)
{
    m_selectingLiveRun = true;
    m_runList->setCurrentIndex(m_runsNewestFirst->mapFromSource(m_runs->index(row)));
    m_selectingLiveRun = false;
}

void MainWindow::onRunStarted(int row)
{
    m_shownRow = row;
    applyBaseline(row);
    selectRunRow(row);
    refreshSummary();
    updateExportActions(); // the live run can be exported from its folder
}

void MainWindow::onRunEnded()
{
    refreshSummary();
    updateExportActions();
}

void MainWindow::onRunFailed(const QString &message, const QString &details, bool preflightFailed)
{
    // Non-modal: the message already says what to fix; the editor is where it gets fixed.
    const QString headline = preflightFailed ? tr("Preflight failed — the load did not start.\n%1").arg(message)
                                             : tr("The run could not start.\n%1").arg(message);
    m_banner->showMessage(NoticeBanner::Kind::Error, headline, details);
    if (!m_quitAfterRun)
        showEditor();
}

void MainWindow::onRunFolderWritten(int row, const QString &dir, const QString &error)
{
    if (!error.isEmpty()) {
        m_banner->appendNotice(
            tr("Run folder incomplete (%1): %2. `stampede report DIR` rebuilds what reached the disk.")
                .arg(QDir::toNativeSeparators(dir), error));
        return;
    }
    if (row == m_session->liveRow() && !m_session->isActive())
        statusBar()->showMessage(tr("Run saved to %1").arg(QDir::toNativeSeparators(dir)), 6000);
    updateExportActions();
}

void MainWindow::onRunSelected(int row)
{
    if (m_selectingLiveRun || row < 0 || row == m_shownRow || m_session->isActive())
        return;
    showRun(row);
}

bool MainWindow::showRun(int row)
{
    if (row < 0 || row >= m_runs->rowCount() || m_session->isActive())
        return false;
    const SessionRun &run = m_runs->run(row);
    if (!run.summary())
        return false;
    m_fleet->detach(); // the dashboard shows this run now
    m_dashboard->showRun(run.meta(), *run.summary());
    m_shownRow = row;
    applyBaseline(row);
    if (currentRunRow() != row)
        selectRunRow(row);
    // The badge speaks of the run on show, not of the last one that ran.
    const model::RunVerdict verdict = m_runs->verdict(row);
    const QString words = verdict.words();
    showStateBadge(run.fromDisk() ? tr("Earlier run: %1").arg(words) : tr("Run #%1: %2").arg(run.number).arg(words),
        runColor(model::RunPhase::Finished, verdict.kind, run.summary()->overall.errorRate()));
    showDashboard();
    refreshSummary();
    updateExportActions();
    return true;
}

void MainWindow::applyBaseline(int row)
{
    const int base = m_library->baselineRowFor(row);
    if (base < 0) {
        m_dashboard->setBaseline(QString(), nullptr);
        return;
    }
    const SessionRun &baseline = m_runs->run(base);
    m_dashboard->setBaseline(RunLibrary::baselineLabel(baseline), baseline.summary());
}

void MainWindow::chooseRunFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Run Folder"), m_session->runsDirectory());
    if (!dir.isEmpty())
        openRunFolder(dir);
}

bool MainWindow::openRunFolder(const QString &dir)
{
    if (m_session->isActive())
        return false;
    const int listed = m_runs->rowOfFolder(dir);
    if (listed >= 0)
        return showRun(listed);
    m_history->open(dir); // after the job going on, if any
    statusBar()->showMessage(tr("Reading %1…").arg(QDir::toNativeSeparators(dir)));
    return true;
}

void MainWindow::onHistoryRun(const report::RunRecord &record, bool opened)
{
    const int known = record.runDir ? m_runs->rowOfFolder(*record.runDir) : -1;
    const int row = known >= 0 ? known : m_runs->addRecord(record);
    if (!opened)
        return;
    statusBar()->clearMessage();
    if (!m_session->isActive())
        showRun(row);
}

void MainWindow::onHistoryLoaded(int listed, const QStringList &skipped)
{
    const QString where = QDir::toNativeSeparators(m_session->runsDirectory());
    if (listed > 0)
        statusBar()->showMessage(listed == 1 ? tr("1 earlier run read from %1").arg(where)
                                             : tr("%1 earlier runs read from %2").arg(listed).arg(where),
            5000);
    if (!skipped.isEmpty())
        m_banner->appendNotice(tr("Not listed: %1 run folder(s) under %2 could not be read. The first: %3")
                                   .arg(skipped.size())
                                   .arg(where, skipped.first()));
}

void MainWindow::refreshSummary()
{
    int row = currentRunRow();
    if (row < 0)
        row = m_session->liveRow();
    if (m_tabs->currentWidget() == m_editor || row < 0) {
        m_summaryView->showScenario(tr("Next run"), m_editor->scenario());
        return;
    }
    const SessionRun &run = m_runs->run(row);
    const QString target
        = run.meta().builtinGateway ? tr("Built-in simulated gateway") : report::displayUrl(run.meta().baseUrl);
    const QString title = run.fromDisk()
        ? tr("Run of %1").arg(QLocale().toString(run.meta().startedAt.toLocalTime(), QLocale::ShortFormat))
        : tr("Run #%1").arg(run.number);
    m_summaryView->showScenario(title, run.meta().scenario, target);
}

void MainWindow::copyResults()
{
    const QString text = m_dashboard->resultsTableText();
    if (text.trimmed().isEmpty()) {
        statusBar()->showMessage(tr("No results to copy yet: start a run first"), 4000);
        return;
    }
    QGuiApplication::clipboard()->setText(text);
    statusBar()->showMessage(tr("Results table copied (tab-separated, pastes into a spreadsheet)"), 4000);
}

int MainWindow::exportRow() const
{
    if (m_session->isActive()) { // during a run: the run itself, as its folder holds it so far
        const int live = m_session->liveRow();
        return live >= 0 && m_runs->run(live).isLive() && !m_session->liveRunDir().isEmpty() ? live : -1;
    }
    const int current = currentRunRow();
    if (current >= 0 && m_runs->run(current).summary())
        return current;
    for (int row = m_runs->rowCount() - 1; row >= 0; --row) {
        if (m_runs->run(row).summary())
            return row;
    }
    return -1;
}

void MainWindow::updateExportActions()
{
    const bool enabled = exportRow() >= 0;
    for (QAction *action : std::as_const(m_exportActions))
        action->setEnabled(enabled);
}

QAction *MainWindow::addExportAction(const QString &text, const QString &toolTip, ExportHandler handler)
{
    QAction *action = m_exportMenu->addAction(text);
    action->setToolTip(toolTip);
    action->setStatusTip(toolTip);
    connect(action, &QAction::triggered, this, [this, handler = std::move(handler)] {
        const int row = exportRow();
        if (row >= 0)
            handler(this, m_runs->run(row));
    });
    m_exportActions.append(action);
    m_exportMenu->menuAction()->setVisible(true);
    updateExportActions();
    return action;
}

void MainWindow::onLagUpdated(double p99Ms, double maxMs)
{
    m_lagLabel->setText(tr("UI lag p99 %1 ms").arg(p99Ms, 0, 'f', 1));
    const SampleRing &repaints = m_lagProbe->repaints();
    const SampleRing &snapshots = m_session->snapshotTimes();
    m_lagLabel->setToolTip(tr("How late the GUI thread's event loop ran over the last 10 s: p99 %1 ms, max %2 ms.\n"
                              "Window repaints: p99 %3 ms, max %4 ms. Taking in a snapshot: p99 %5 ms.\n"
                              "GUI thread busy %6% of a core. Under 16 ms lag the window never stutters.")
                               .arg(p99Ms, 0, 'f', 1)
                               .arg(maxMs, 0, 'f', 1)
                               .arg(repaints.percentile(99), 0, 'f', 1)
                               .arg(repaints.max(), 0, 'f', 1)
                               .arg(snapshots.percentile(99), 0, 'f', 1)
                               .arg(m_lagProbe->busyPercent(), 0, 'f', 0));
}

void MainWindow::setPresentationMode(bool on)
{
    if (on == m_presentation)
        return;
    m_presentation = on;
    m_presentationAction->setChecked(on);
    m_leavePresentationAction->setEnabled(on);
    if (on) {
        m_stateBeforePresentation = saveState();
        m_runsDockWidthBeforePresentation = m_runsDock->isVisible() ? m_runsDock->width() : 0;
        m_maximizedBeforePresentation = isMaximized();
        m_banner->dismiss(); // an audience sees the run, not last hour's notice
        for (QWidget *w : { static_cast<QWidget *>(menuBar()), static_cast<QWidget *>(statusBar()),
                 static_cast<QWidget *>(m_runToolBar), static_cast<QWidget *>(m_runsDock) })
            w->hide();
        m_tabs->tabBar()->hide();
        showDashboard();
        m_dashboard->setPresentationMode(true);
        showFullScreen();
        return;
    }
    m_dashboard->setPresentationMode(false);
    menuBar()->show();
    statusBar()->show();
    m_tabs->tabBar()->show();
    if (m_maximizedBeforePresentation)
        showMaximized();
    else
        showNormal();
    // The toolbar and the runs panel as they were, once the window has its normal size again: restored
    // into the full-screen geometry, the panel would keep a full-screen share and be saved narrow.
    restoreState(m_stateBeforePresentation);
    QTimer::singleShot(0, this, [this] {
        if (m_presentation || m_runsDockWidthBeforePresentation <= 0)
            return;
        restoreState(m_stateBeforePresentation);
        resizeDocks({ m_runsDock }, { m_runsDockWidthBeforePresentation }, Qt::Horizontal);
    });
}

bool MainWindow::confirmCloseDuringRun()
{
    QMessageBox box(
        QMessageBox::Question, tr("A Run Is Going"), tr("Quitting aborts the current run."), QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("closeDuringRunPrompt"));
    box.setInformativeText(tr("Requests in flight are cancelled; the window closes once the engine has stopped."));
    QPushButton *abortButton = box.addButton(tr("Abort Run and Quit"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == abortButton;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_session->isActive() && !m_forceClose) {
        event->ignore();
        if (m_quitAfterRun || !confirmCloseDuringRun())
            return;
        m_quitAfterRun = true;
        statusBar()->showMessage(tr("Aborting the run, then quitting…"));
        m_session->abort();
        // Should the engine not answer, close anyway: RunController's destructor cancels and joins.
        QTimer::singleShot(10000, this, [this] {
            m_forceClose = true;
            close();
        });
        return;
    }
    if (!maybeSave()) {
        m_quitAfterRun = false;
        event->ignore();
        return;
    }
    setPresentationMode(false);
    writeSettings();
    m_lagProbe->stop();
    event->accept();
}

void MainWindow::chooseLoad()
{
    if (m_session->state() != model::RunPhase::Running)
        return;
    const bool open = m_session->openModel();
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("adjustLoadDialog"));
    dialog.setWindowTitle(tr("Adjust Load"));
    dialog.setLabelText(open ? tr("Arrival rate from now to the plan's end (requests/s):")
                             : tr("Virtual users from now to the plan's end:"));
    dialog.setInputMode(QInputDialog::DoubleInput);
    dialog.setDoubleDecimals(open ? 2 : 0);
    // No more than a scenario could plan (scenario::validate's bounds).
    dialog.setDoubleRange(0, open ? scenario::kMaxRatePerSecond : double(scenario::kMaxVus));
    dialog.setDoubleValue(m_session->plannedTarget());
    dialog.setToolTip(tr("The change is drawn on the charts and kept in the run folder and the report."));
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_session->adjustLoad(dialog.doubleValue());
}

} // namespace stampede::ui
