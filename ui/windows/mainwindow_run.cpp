// MainWindow: run control (Start / Stop / Abort and the state they show), the session's run list,
// presentation mode, copy/export of results, closing during a run.
#include "ui/windows/mainwindow.h"

#include "ui/dashboard/dashboard.h"
#include "ui/editor/scenarioeditor.h"
#include "ui/windows/eventlagprobe.h"
#include "ui/windows/noticebanner.h"
#include "ui/windows/runlistdelegate.h"
#include "ui/windows/runlistmodel.h"
#include "ui/windows/runsession.h"
#include "ui/windows/scenariosummaryview.h"

#include "report/sanitize.h"

#include <QAction>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QGuiApplication>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>

namespace stampede::ui {

namespace {

QColor stateColor(RunState state)
{
    switch (state) {
    case RunState::Idle:
    case RunState::Cancelled:
        return QColor(0x8a, 0x8f, 0x98);
    case RunState::Preflight:
    case RunState::Running:
        return QColor(0x1e, 0x88, 0xe5);
    case RunState::Stopping:
        return QColor(0xe5, 0x8e, 0x1a);
    case RunState::Finished:
        return QColor(0x2e, 0x9d, 0x4f);
    case RunState::Failed:
        return QColor(0xd3, 0x3a, 0x2f);
    }
    return Qt::gray;
}

} // namespace

void MainWindow::startRun()
{
    if (m_session->isActive())
        return;
    if (!m_editor->isValid()) {
        updateRunActions();
        showEditor();
        statusBar()->showMessage(
            QStringLiteral("Fix the scenario first: ") + m_editor->problems().section(QLatin1Char('\n'), 0, 0), 6000);
        return;
    }
    engine::RunOptions options;
    options.apiKey = m_editor->apiKey();
    // The run's threads yield to this window's thread when the machine is saturated, so the
    // dashboard stays smooth however hard the engine works. Measured (docs/benchmarks.md, UI lag):
    // nice +5 left p99 at 21-24 ms on 2 saturated cores (hundreds of runnable engine threads
    // outweigh one GUI thread), +15 gives 3-6 ms. The engine loses nothing: the GUI thread needs
    // under 10 % of a core, and an idle GUI leaves every cycle to the run.
    options.threadNice = 15;
    m_banner->dismiss();
    m_shownRow = -1;
    if (!m_session->start(m_editor->scenario(), options)) {
        m_banner->showMessage(
            NoticeBanner::Kind::Error, QStringLiteral("The run could not start: the engine is busy."));
        return;
    }
    showDashboard();
}

void MainWindow::updateRunActions()
{
    const bool active = m_session->isActive();
    const bool valid = m_editor->isValid();
    const RunState state = m_session->state();
    m_startAction->setEnabled(!active && valid);
    if (active)
        m_startAction->setToolTip(QStringLiteral("A run is going; stop it before starting another"));
    else if (!valid)
        m_startAction->setToolTip(QStringLiteral("Fix the scenario first:\n") + m_editor->problems());
    else
        m_startAction->setToolTip(QStringLiteral("Start the load test (F5)"));
    m_stopAction->setEnabled(state == RunState::Preflight || state == RunState::Running);
    m_abortAction->setEnabled(active);
    // The run uses a copy of the scenario; changing it mid-run would only confuse. Re-polishing
    // every field is not free: only on a change, not on each "Running 0:42" tick.
    if (active != m_editorLocked) {
        m_editorLocked = active;
        m_editor->setLocked(active);
    }
    for (QAction *action : { m_newAction, m_openAction })
        action->setEnabled(!active);
    m_templateMenu->setEnabled(!active);
    m_recentMenu->menuAction()->setEnabled(!active && !recentFiles().isEmpty());
    m_runList->setEnabled(!active);
    updateExportActions();
}

void MainWindow::onRunStateChanged(RunState state, const QString &text)
{
    QColor color = stateColor(state);
    if (state == RunState::Finished && m_session->liveRow() >= 0)
        color = statusColor(int(m_runs->status(m_session->liveRow())));
    m_stateBadge->setText(text);
    m_stateLabel->setText(text);
    if (color != m_badgeColor) { // a style sheet change re-polishes: not on every clock tick
        m_badgeColor = color;
        m_stateBadge->setStyleSheet(QStringLiteral("QLabel{color:white; background:%1; border-radius:9px;"
                                                   " padding:2px 10px; font-weight:600;}")
                                        .arg(color.name()));
    }
    if (state == m_lastState)
        return; // only the clock moved
    m_lastState = state;
    updateRunActions();
    if (m_quitAfterRun && !m_session->isActive())
        QTimer::singleShot(0, this, &QWidget::close);
}

void MainWindow::onRunStarted(int row)
{
    m_shownRow = row;
    m_selectingLiveRun = true;
    m_runList->setCurrentIndex(m_runs->index(row));
    m_selectingLiveRun = false;
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
    const QString headline = preflightFailed ? QStringLiteral("Preflight failed — the load did not start.\n") + message
                                             : QStringLiteral("The run could not start.\n") + message;
    m_banner->showMessage(NoticeBanner::Kind::Error, headline, details);
    if (!m_quitAfterRun)
        showEditor();
}

void MainWindow::onRunFolderWritten(int row, const QString &dir, const QString &error)
{
    if (!error.isEmpty()) {
        m_banner->appendNotice(QStringLiteral("Run folder incomplete (") + QDir::toNativeSeparators(dir)
            + QStringLiteral("): ") + error + QStringLiteral(". `stampede report DIR` rebuilds what reached the disk."));
        return;
    }
    if (row == m_session->liveRow() && !m_session->isActive())
        statusBar()->showMessage(QStringLiteral("Run saved to ") + QDir::toNativeSeparators(dir), 6000);
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
    const RunRecord &run = m_runs->run(row);
    if (!run.summary)
        return false;
    m_dashboard->showRun(run.info, *run.summary);
    m_shownRow = row;
    if (m_runList->currentIndex().row() != row) {
        m_selectingLiveRun = true;
        m_runList->setCurrentIndex(m_runs->index(row));
        m_selectingLiveRun = false;
    }
    showDashboard();
    refreshSummary();
    updateExportActions();
    return true;
}

void MainWindow::refreshSummary()
{
    int row = m_runList->currentIndex().row();
    if (row < 0)
        row = m_session->liveRow();
    if (m_tabs->currentWidget() == m_editor || row < 0) {
        m_summaryView->showScenario(QStringLiteral("Next run"), m_editor->scenario());
        return;
    }
    const RunRecord &run = m_runs->run(row);
    const QString target
        = run.info.builtinGateway ? QStringLiteral("Built-in simulated gateway") : report::displayUrl(run.info.baseUrl);
    m_summaryView->showScenario(QStringLiteral("Run #%1").arg(run.number), run.info.scenario, target);
}

void MainWindow::copyResults()
{
    const QString text = m_dashboard->resultsTableText();
    if (text.trimmed().isEmpty()) {
        statusBar()->showMessage(QStringLiteral("No results to copy yet: start a run first"), 4000);
        return;
    }
    QGuiApplication::clipboard()->setText(text);
    statusBar()->showMessage(QStringLiteral("Results table copied (tab-separated, pastes into a spreadsheet)"), 4000);
}

int MainWindow::exportRow() const
{
    if (m_session->isActive()) { // during a run: the run itself, as its folder holds it so far
        const int live = m_session->liveRow();
        return live >= 0 && m_runs->run(live).isLive() && !m_session->liveRunDir().isEmpty() ? live : -1;
    }
    const int current = m_runList->currentIndex().row();
    if (current >= 0 && m_runs->run(current).summary)
        return current;
    for (int row = m_runs->rowCount() - 1; row >= 0; --row) {
        if (m_runs->run(row).summary)
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
    m_lagLabel->setText(QStringLiteral("UI lag p99 %1 ms").arg(p99Ms, 0, 'f', 1));
    const SampleRing &repaints = m_lagProbe->repaints();
    const SampleRing &snapshots = m_session->snapshotTimes();
    m_lagLabel->setToolTip(
        QStringLiteral("How late the GUI thread's event loop ran over the last 10 s: p99 %1 ms, max %2 ms.\n"
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
        m_maximizedBeforePresentation = isMaximized();
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
    restoreState(m_stateBeforePresentation); // the toolbar and the runs panel as they were
    if (m_maximizedBeforePresentation)
        showMaximized();
    else
        showNormal();
}

bool MainWindow::confirmCloseDuringRun()
{
    QMessageBox box(QMessageBox::Question, QStringLiteral("A Run Is Going"),
        QStringLiteral("Quitting aborts the current run."), QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("closeDuringRunPrompt"));
    box.setInformativeText(
        QStringLiteral("Requests in flight are cancelled; the window closes once the engine has stopped."));
    QPushButton *abortButton = box.addButton(QStringLiteral("Abort Run and Quit"), QMessageBox::DestructiveRole);
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
        statusBar()->showMessage(QStringLiteral("Aborting the run, then quitting…"));
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

} // namespace stampede::ui
