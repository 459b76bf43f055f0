#include "ui/windows/mainwindow.h"

#include "ui/dashboard/dashboard.h"
#include "ui/editor/scenarioeditor.h"
#include "ui/windows/eventlagprobe.h"
#include "ui/windows/fleetwatch.h"
#include "ui/windows/helpmenu.h"
#include "ui/windows/noticebanner.h"
#include "ui/windows/recentfiles.h"
#include "ui/windows/runexports.h"
#include "ui/windows/runhistory.h"
#include "ui/windows/runlibrary.h"
#include "ui/windows/runlistmodel.h"
#include "ui/windows/runlistview.h"
#include "ui/windows/runsession.h"
#include "ui/windows/scenariosummaryview.h"

#include "report/runfolder.h"
#include "scenario/scenarioio.h"
#include "scenario/templates.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QScreen>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace stampede::ui {

MainWindow::MainWindow(KeyStore *keys, QWidget *parent)
    : QMainWindow(parent)
    , m_keys(keys)
{
    setObjectName(QStringLiteral("mainWindow"));
    setupCentral();
    setupActions();
    setupMenus();
    setupToolBar();
    setupStatusBar();
    setupDocks();
    connectParts();
    m_exports = new RunExports(this); // File > Export entries (needs the menus and the run list)
    m_library = new RunLibrary(this, { m_runList, m_runFilter, m_runSort, m_runsNewestFirst, m_runs, m_runMenu });
    connect(m_library, &RunLibrary::baselineChanged, this,
        [this] { applyBaseline(m_session->isActive() ? m_session->liveRow() : m_shownRow); });
    readSettings();
    setDocument(scenario::defaultScenario(), QString());
    onRunStateChanged(m_session->state(), m_session->stateText()); // "Ready"
    m_lagProbe->start();
    m_history->load(m_session->runsDirectory()); // the runs of earlier sessions, newest first
}

MainWindow::~MainWindow() = default;

void MainWindow::setupCentral()
{
    m_editor = new ScenarioEditor(m_keys);
    m_editor->setObjectName(QStringLiteral("scenarioEditor"));
    m_dashboard = new Dashboard;
    m_dashboard->setObjectName(QStringLiteral("dashboard"));
    m_runs = new RunListModel(this);
    m_history = new RunHistory(this);
    m_session = new RunSession(m_dashboard, m_runs, this);
    m_session->setRunsDirectory(report::defaultRunsDir()); // every run leaves a run folder, as in the CLI
    m_fleet = new FleetWatch(m_dashboard, this);
    m_lagProbe = new EventLagProbe(this);

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_editor, tr("Scenario"));
    m_tabs->addTab(m_dashboard, tr("Dashboard"));
    m_tabs->setTabToolTip(0, tr("What to test: target, models, prompts, load, thresholds (Ctrl+1)"));
    m_tabs->setTabToolTip(1, tr("Live charts and results of the current or selected run (Ctrl+2)"));

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    // The banner floats over the top of the page, under the tab bar: a message appearing or going
    // away moves nothing (it used to push the whole page down and back).
    m_banner = new NoticeBanner(central);
    central->installEventFilter(this);
    m_banner->installEventFilter(this);

    m_summaryTimer = new QTimer(this);
    m_summaryTimer->setSingleShot(true);
    m_summaryTimer->setInterval(300);
}

QAction *MainWindow::makeAction(
    const QString &objectName, const QString &text, const QKeySequence &shortcut, const QString &toolTip)
{
    auto *action = new QAction(text, this);
    action->setObjectName(objectName);
    action->setShortcut(shortcut);
    const QString keys = shortcut.toString(QKeySequence::NativeText);
    action->setToolTip(keys.isEmpty() ? toolTip : tr("%1 (%2)", "tooltip (shortcut)").arg(toolTip, keys));
    action->setStatusTip(toolTip);
    // Added to the window itself so shortcuts keep working with the menu bar hidden (presentation).
    addAction(action);
    return action;
}

void MainWindow::setupActions()
{
    setupFileActions();
    setupRunActions();
    setupViewActions();
}

void MainWindow::setupFileActions()
{
    QStyle *s = style();
    m_newAction = makeAction(
        QStringLiteral("actionNew"), tr("&New"), QKeySequence::New, tr("Start a new scenario from the default one"));
    m_newAction->setIcon(QIcon::fromTheme(QStringLiteral("document-new"), s->standardIcon(QStyle::SP_FileIcon)));
    m_openAction = makeAction(QStringLiteral("actionOpen"), tr("&Open…"), QKeySequence::Open,
        tr("Open a scenario file (.json, the same format as the CLI)"));
    m_openAction->setIcon(
        QIcon::fromTheme(QStringLiteral("document-open"), s->standardIcon(QStyle::SP_DialogOpenButton)));
    m_openRunAction
        = makeAction(QStringLiteral("actionOpenRun"), tr("Open R&un…"), QKeySequence(QStringLiteral("Ctrl+Shift+O")),
            tr("Open a run folder (a copied one, or one older than the Runs panel lists) to see its results"));
    m_attachFleetAction = makeAction(QStringLiteral("actionAttachFleet"), tr("Attach to &Fleet…"),
        QKeySequence(QStringLiteral("Ctrl+Shift+F")),
        tr("Watch agents running elsewhere (stampede run --metrics-port, or their Prometheus) in the dashboard, "
           "their figures added up"));
    m_detachFleetAction = makeAction(QStringLiteral("actionDetachFleet"), tr("&Detach from Fleet"), QKeySequence(),
        tr("Stop watching the fleet; the dashboard keeps its last figures"));
    m_detachFleetAction->setEnabled(false);
    m_saveAction = makeAction(QStringLiteral("actionSave"), tr("&Save"), QKeySequence::Save, tr("Save the scenario"));
    m_saveAction->setIcon(
        QIcon::fromTheme(QStringLiteral("document-save"), s->standardIcon(QStyle::SP_DialogSaveButton)));
    m_saveAsAction = makeAction(QStringLiteral("actionSaveAs"), tr("Save &As…"),
        QKeySequence(QStringLiteral("Ctrl+Shift+S")), tr("Save the scenario under a new name"));
    m_quitAction = makeAction(
        QStringLiteral("actionQuit"), tr("&Quit"), QKeySequence(QStringLiteral("Ctrl+Q")), tr("Quit Stampede"));
    m_quitAction->setMenuRole(QAction::QuitRole);
    m_copyAction = makeAction(QStringLiteral("actionCopyResults"), tr("&Copy Results"),
        QKeySequence(QStringLiteral("Ctrl+Shift+C")), tr("Copy the per-model results table as tab-separated text"));
    m_copyAction->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
}

void MainWindow::setupRunActions()
{
    QStyle *s = style();
    m_startAction
        = makeAction(QStringLiteral("actionStart"), tr("&Start"), QKeySequence(Qt::Key_F5), tr("Start the load test"));
    m_startAction->setIcon(
        QIcon::fromTheme(QStringLiteral("media-playback-start"), s->standardIcon(QStyle::SP_MediaPlay)));
    m_stopAction = makeAction(QStringLiteral("actionStop"), tr("S&top"), QKeySequence(Qt::SHIFT | Qt::Key_F5),
        tr("Stop gracefully: no new requests, in-flight ones may finish"));
    m_stopAction->setIcon(
        QIcon::fromTheme(QStringLiteral("media-playback-stop"), s->standardIcon(QStyle::SP_MediaStop)));
    m_abortAction = makeAction(QStringLiteral("actionAbort"), tr("&Abort"), QKeySequence(Qt::CTRL | Qt::Key_F5),
        tr("Abort now: cancel every request in flight"));
    m_abortAction->setIcon(QIcon::fromTheme(QStringLiteral("process-stop"), s->standardIcon(QStyle::SP_BrowserStop)));
    m_adjustLoadAction
        = makeAction(QStringLiteral("actionAdjustLoad"), tr("Adjust &Load…"), QKeySequence(QStringLiteral("Ctrl+L")),
            tr("Set the VUs or the arrival rate from now to the plan's end, while the run goes"));
    m_adjustLoadAction->setEnabled(false);
}

void MainWindow::setupViewActions()
{
    m_showEditorAction = makeAction(QStringLiteral("actionShowScenario"), tr("&Scenario"),
        QKeySequence(QStringLiteral("Ctrl+1")), tr("Show the scenario editor"));
    m_showDashboardAction = makeAction(QStringLiteral("actionShowDashboard"), tr("&Dashboard"),
        QKeySequence(QStringLiteral("Ctrl+2")), tr("Show the live dashboard"));
    m_presentationAction = makeAction(QStringLiteral("actionPresentation"), tr("&Presentation Mode"),
        QKeySequence(Qt::Key_F11), tr("Full-screen dashboard with large fonts for demos; Esc leaves"));
    m_presentationAction->setCheckable(true);
    m_presentationAction->setIcon(
        QIcon::fromTheme(QStringLiteral("view-fullscreen"), style()->standardIcon(QStyle::SP_TitleBarMaxButton)));
    m_leavePresentationAction = makeAction(QStringLiteral("actionLeavePresentation"), tr("Leave Presentation Mode"),
        QKeySequence(Qt::Key_Escape), tr("Back to the normal window"));
    m_leavePresentationAction->setEnabled(false);
    m_lagAction = makeAction(QStringLiteral("actionShowLag"), tr("Show UI &Lag Probe"), {},
        tr("Show how late the GUI thread's event loop runs (p99 over 10 s)"));
    m_lagAction->setCheckable(true);
    m_lagAction->setChecked(true);
}

void MainWindow::setupMenus()
{
    setupFileMenu();
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_copyAction);

    QMenu *run = menuBar()->addMenu(tr("&Run"));
    m_runMenu = run;
    run->addActions({ m_startAction, m_stopAction, m_abortAction });
    run->addSeparator();
    run->addAction(m_adjustLoadAction);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addActions({ m_showEditorAction, m_showDashboardAction });
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_presentationAction);
    m_viewMenu->addAction(m_lagAction);

    new HelpMenu(this, menuBar()->addMenu(tr("&Help")), m_session->runsDirectory());
}

void MainWindow::setupFileMenu()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    m_templateMenu = file->addMenu(tr("New from &Template"));
    m_templateMenu->setObjectName(QStringLiteral("templateMenu"));
    for (const scenario::ScenarioTemplate &t : scenario::scenarioTemplates()) {
        QAction *action = m_templateMenu->addAction(t.title);
        action->setObjectName(QStringLiteral("template_") + t.key);
        const QString where = t.builtin ? tr("built into Stampede") : QDir::toNativeSeparators(t.path);
        action->setStatusTip(tr("A new, untitled scenario from the example \"%1\" (%2)").arg(t.key, where));
        action->setToolTip(t.error.isEmpty() ? where : tr("%1 does not load: %2").arg(where, t.error));
        action->setEnabled(t.error.isEmpty());
        const QString path = t.path;
        connect(action, &QAction::triggered, this, [this, path] { newFromTemplate(path); });
    }
    m_templateMenu->setToolTipsVisible(true);
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    m_recent = new RecentFiles(m_recentMenu, this);
    file->addAction(m_openRunAction);
    file->addSeparator();
    file->addAction(m_attachFleetAction);
    file->addAction(m_detachFleetAction);
    file->addSeparator();
    file->addAction(m_saveAction);
    file->addAction(m_saveAsAction);
    file->addSeparator();
    m_exportMenu = file->addMenu(tr("&Export"));
    m_exportMenu->setObjectName(QStringLiteral("exportMenu"));
    m_exportMenu->menuAction()->setVisible(false); // shown by the first addExportAction()
    file->addSeparator();
    file->addAction(m_quitAction);
}

void MainWindow::setupToolBar()
{
    m_runToolBar = addToolBar(tr("Run"));
    m_runToolBar->setObjectName(QStringLiteral("runToolBar"));
    m_runToolBar->setMovable(false);
    m_runToolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_runToolBar->addActions({ m_newAction, m_openAction, m_saveAction });
    m_runToolBar->addSeparator();
    m_runToolBar->addActions({ m_startAction, m_stopAction, m_abortAction });
    m_runToolBar->addSeparator();
    m_stateBadge = new QLabel;
    m_stateBadge->setObjectName(QStringLiteral("runStateBadge"));
    m_stateBadge->setToolTip(tr("What the run is doing"));
    m_runToolBar->addWidget(m_stateBadge);
    auto *spacer = new QWidget;
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_runToolBar->addWidget(spacer);
    m_runToolBar->addAction(m_presentationAction);
}

void MainWindow::setupStatusBar()
{
    m_stateLabel = new QLabel;
    m_stateLabel->setObjectName(QStringLiteral("runStateLabel"));
    statusBar()->addWidget(m_stateLabel, 1);
    m_lagLabel = new QLabel;
    m_lagLabel->setObjectName(QStringLiteral("lagLabel"));
    m_lagLabel->setToolTip(tr("How late the GUI thread's event loop ran: p99 and max over the last 10 s. "
                              "Under 16 ms means the window never stutters."));
    m_lagLabel->setStyleSheet(QStringLiteral("color: palette(mid);"));
    statusBar()->addPermanentWidget(m_lagLabel);
}

void MainWindow::setupDocks()
{
    auto *runList = new RunListView;
    m_runsNewestFirst = new QSortFilterProxyModel(this);
    m_runsNewestFirst->setSourceModel(m_runs);
    m_runsNewestFirst->setSortRole(RunListModel::StartedRole); // RunLibrary applies the saved order
    m_runsNewestFirst->sort(0, Qt::DescendingOrder);
    runList->setModel(m_runsNewestFirst);
    runList->setPlaceholderText(tr("No runs yet.\nPress Start (F5) to run the scenario;\n"
                                   "every run is kept here, across restarts."));
    m_runList = runList;
    m_summaryView = new ScenarioSummaryView;

    m_runFilter = new QLineEdit;
    m_runFilter->setObjectName(QStringLiteral("runFilter"));
    m_runFilter->setPlaceholderText(tr("Filter: name, tag, target, verdict"));
    m_runFilter->setClearButtonEnabled(true);
    m_runFilter->setToolTip(tr("Show only the runs whose name, tags, target, verdict or folder contain this text"));
    auto *listBox = new QWidget;
    auto *listLayout = new QVBoxLayout(listBox);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->setSpacing(2);
    m_runSort = new QComboBox;
    auto *filterRow = new QHBoxLayout;
    filterRow->setSpacing(2);
    filterRow->addWidget(m_runFilter, 1);
    filterRow->addWidget(m_runSort);
    listLayout->addLayout(filterRow);
    listLayout->addWidget(m_runList, 1);

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(QStringLiteral("runsSplitter"));
    splitter->addWidget(listBox);
    splitter->addWidget(m_summaryView);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({ 180, 540 });

    m_runsDock = new QDockWidget(tr("Runs"), this);
    m_runsDock->setObjectName(QStringLiteral("runsDock"));
    m_runsDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    m_runsDock->setWidget(splitter);
    // Never so narrow that the run names and the scenario summary break words in the middle.
    splitter->setMinimumWidth(200);
    addDockWidget(Qt::LeftDockWidgetArea, m_runsDock);
    // A 1280-px screen keeps its width for the dashboard; a saved state (readSettings) overrides this.
    const QScreen *screen = QGuiApplication::primaryScreen();
    const bool narrow = screen && screen->availableGeometry().width() < 1500;
    resizeDocks({ m_runsDock }, { narrow ? 240 : 300 }, Qt::Horizontal);
    QAction *toggle = m_runsDock->toggleViewAction();
    toggle->setText(tr("&Runs Panel"));
    toggle->setShortcut(QKeySequence(QStringLiteral("Ctrl+3")));
    toggle->setToolTip(tr("Show or hide the session's runs (Ctrl+3)"));
    addAction(toggle);
    m_viewMenu->insertAction(m_presentationAction, toggle);
}

void MainWindow::connectParts()
{
    connect(m_newAction, &QAction::triggered, this, &MainWindow::newScenario);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openScenario);
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::save);
    connect(m_saveAsAction, &QAction::triggered, this, &MainWindow::saveAs);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_recent, &RecentFiles::openRequested, this, &MainWindow::openRecent);
    connect(m_copyAction, &QAction::triggered, this, &MainWindow::copyResults);

    connect(m_startAction, &QAction::triggered, this, &MainWindow::startRun);
    connect(m_stopAction, &QAction::triggered, m_session, &RunSession::stop);
    connect(m_abortAction, &QAction::triggered, m_session, &RunSession::abort);
    connect(m_adjustLoadAction, &QAction::triggered, this, &MainWindow::chooseLoad);
    connect(m_session, &RunSession::stateChanged, this, &MainWindow::onRunStateChanged);
    connect(m_session, &RunSession::runStarted, this, &MainWindow::onRunStarted);
    connect(m_session, &RunSession::runFinished, this, &MainWindow::onRunEnded);
    connect(m_session, &RunSession::runFailed, this, &MainWindow::onRunFailed);
    connect(m_session, &RunSession::runFolderWritten, this, &MainWindow::onRunFolderWritten);
    connect(m_session, &RunSession::noticeRaised, m_banner, &NoticeBanner::appendNotice);
    connect(m_runList->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) { onRunSelected(m_runsNewestFirst->mapToSource(current).row()); });
    // A click on the row already current still reopens it (after a new run replaced the dashboard).
    connect(m_runList, &QAbstractItemView::clicked, this,
        [this](const QModelIndex &index) { onRunSelected(m_runsNewestFirst->mapToSource(index).row()); });
    connect(m_openRunAction, &QAction::triggered, this, &MainWindow::chooseRunFolder);
    connect(m_attachFleetAction, &QAction::triggered, this, &MainWindow::attachFleet);
    connect(m_detachFleetAction, &QAction::triggered, m_fleet, &FleetWatch::detach);
    connect(m_fleet, &FleetWatch::statusChanged, this, &MainWindow::onFleetStatus);
    connect(m_history, &RunHistory::runLoaded, this, &MainWindow::onHistoryRun);
    connect(m_history, &RunHistory::loadFinished, this, &MainWindow::onHistoryLoaded);
    connect(m_history, &RunHistory::openFailed, this, [this](const QString &dir, const QString &error) {
        m_banner->showMessage(NoticeBanner::Kind::Error,
            tr("%1 is not a run folder Stampede can read.").arg(QDir::toNativeSeparators(dir)), error);
    });

    connect(m_editor, &ScenarioEditor::changed, this, &MainWindow::onEditorChanged);
    connect(m_editor, &ScenarioEditor::validityChanged, this, &MainWindow::updateRunActions);
    connect(m_summaryTimer, &QTimer::timeout, this, &MainWindow::refreshSummary);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::refreshSummary);

    connect(m_showEditorAction, &QAction::triggered, this, &MainWindow::showEditor);
    connect(m_showDashboardAction, &QAction::triggered, this, &MainWindow::showDashboard);
    connect(m_presentationAction, &QAction::toggled, this, &MainWindow::setPresentationMode);
    connect(m_leavePresentationAction, &QAction::triggered, this, [this] { setPresentationMode(false); });
    connect(m_lagAction, &QAction::toggled, m_lagLabel, &QWidget::setVisible);
    connect(m_lagProbe, &EventLagProbe::updated, this, &MainWindow::onLagUpdated);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    const bool resized
        = event->type() == QEvent::Resize || event->type() == QEvent::Show || event->type() == QEvent::LayoutRequest;
    if (resized && (watched == centralWidget() || watched == m_banner))
        placeBanner();
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::placeBanner()
{
    if (!m_banner || !m_banner->isVisible())
        return;
    const int width = std::max(0, centralWidget()->width() - 16);
    const int height = m_banner->hasHeightForWidth() ? m_banner->heightForWidth(width) : m_banner->sizeHint().height();
    const int top = m_tabs->geometry().top() + m_tabs->tabBar()->height() + 4;
    const QRect wanted(8, top, width, std::min(height, centralWidget()->height() - top));
    if (m_banner->geometry() != wanted)
        m_banner->setGeometry(wanted);
    m_banner->raise();
}

bool MainWindow::event(QEvent *event)
{
    if (event->type() != QEvent::UpdateRequest)
        return QMainWindow::event(event);
    // Widgets repaint in one pass per frame, on the window's UpdateRequest: time the whole pass.
    QElapsedTimer timer;
    timer.start();
    const bool handled = QMainWindow::event(event);
    m_lagProbe->recordRepaint(double(timer.nsecsElapsed()) / 1e6);
    return handled;
}

void MainWindow::showEditor()
{
    m_tabs->setCurrentWidget(m_editor);
}

void MainWindow::showDashboard()
{
    m_tabs->setCurrentWidget(m_dashboard);
}

} // namespace stampede::ui
