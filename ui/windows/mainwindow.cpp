#include "ui/windows/mainwindow.h"

#include "ui/dashboard/dashboard.h"
#include "ui/editor/scenarioeditor.h"
#include "ui/windows/eventlagprobe.h"
#include "ui/windows/noticebanner.h"
#include "ui/windows/recentfiles.h"
#include "ui/windows/runexports.h"
#include "ui/windows/runlistmodel.h"
#include "ui/windows/runlistview.h"
#include "ui/windows/runsession.h"
#include "ui/windows/scenariosummaryview.h"

#include "report/runfolder.h"
#include "scenario/builtinscenarios.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
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
    readSettings();
    setDocument(scenario::defaultScenario(), QString());
    onRunStateChanged(m_session->state(), m_session->stateText()); // "Ready"
    m_lagProbe->start();
}

MainWindow::~MainWindow() = default;

void MainWindow::setupCentral()
{
    m_editor = new ScenarioEditor(m_keys);
    m_editor->setObjectName(QStringLiteral("scenarioEditor"));
    m_dashboard = new Dashboard;
    m_dashboard->setObjectName(QStringLiteral("dashboard"));
    m_runs = new RunListModel(this);
    m_session = new RunSession(m_dashboard, m_runs, this);
    m_session->setRunsDirectory(report::defaultRunsDir()); // every run leaves a run folder, as in the CLI
    m_lagProbe = new EventLagProbe(this);

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_editor, QStringLiteral("Scenario"));
    m_tabs->addTab(m_dashboard, QStringLiteral("Dashboard"));
    m_tabs->setTabToolTip(0, QStringLiteral("What to test: target, models, prompts, load, thresholds (Ctrl+1)"));
    m_tabs->setTabToolTip(1, QStringLiteral("Live charts and results of the current or selected run (Ctrl+2)"));

    m_banner = new NoticeBanner;
    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto *bannerBox = new QVBoxLayout;
    bannerBox->setContentsMargins(8, 6, 8, 0);
    bannerBox->addWidget(m_banner);
    layout->addLayout(bannerBox);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

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
    action->setToolTip(keys.isEmpty() ? toolTip : toolTip + QStringLiteral(" (") + keys + QLatin1Char(')'));
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
    m_newAction = makeAction(QStringLiteral("actionNew"), QStringLiteral("&New"), QKeySequence::New,
        QStringLiteral("Start a new scenario from the default one"));
    m_newAction->setIcon(QIcon::fromTheme(QStringLiteral("document-new"), s->standardIcon(QStyle::SP_FileIcon)));
    m_openAction = makeAction(QStringLiteral("actionOpen"), QStringLiteral("&Open…"), QKeySequence::Open,
        QStringLiteral("Open a scenario file (.json, the same format as the CLI)"));
    m_openAction->setIcon(
        QIcon::fromTheme(QStringLiteral("document-open"), s->standardIcon(QStyle::SP_DialogOpenButton)));
    m_saveAction = makeAction(
        QStringLiteral("actionSave"), QStringLiteral("&Save"), QKeySequence::Save, QStringLiteral("Save the scenario"));
    m_saveAction->setIcon(
        QIcon::fromTheme(QStringLiteral("document-save"), s->standardIcon(QStyle::SP_DialogSaveButton)));
    m_saveAsAction = makeAction(QStringLiteral("actionSaveAs"), QStringLiteral("Save &As…"),
        QKeySequence(QStringLiteral("Ctrl+Shift+S")), QStringLiteral("Save the scenario under a new name"));
    m_quitAction = makeAction(QStringLiteral("actionQuit"), QStringLiteral("&Quit"),
        QKeySequence(QStringLiteral("Ctrl+Q")), QStringLiteral("Quit Stampede"));
    m_quitAction->setMenuRole(QAction::QuitRole);
    m_copyAction = makeAction(QStringLiteral("actionCopyResults"), QStringLiteral("&Copy Results"),
        QKeySequence(QStringLiteral("Ctrl+Shift+C")),
        QStringLiteral("Copy the per-model results table as tab-separated text"));
    m_copyAction->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
}

void MainWindow::setupRunActions()
{
    QStyle *s = style();
    m_startAction = makeAction(QStringLiteral("actionStart"), QStringLiteral("&Start"), QKeySequence(Qt::Key_F5),
        QStringLiteral("Start the load test"));
    m_startAction->setIcon(
        QIcon::fromTheme(QStringLiteral("media-playback-start"), s->standardIcon(QStyle::SP_MediaPlay)));
    m_stopAction
        = makeAction(QStringLiteral("actionStop"), QStringLiteral("S&top"), QKeySequence(Qt::SHIFT | Qt::Key_F5),
            QStringLiteral("Stop gracefully: no new requests, in-flight ones may finish"));
    m_stopAction->setIcon(
        QIcon::fromTheme(QStringLiteral("media-playback-stop"), s->standardIcon(QStyle::SP_MediaStop)));
    m_abortAction = makeAction(QStringLiteral("actionAbort"), QStringLiteral("&Abort"),
        QKeySequence(Qt::CTRL | Qt::Key_F5), QStringLiteral("Abort now: cancel every request in flight"));
    m_abortAction->setIcon(QIcon::fromTheme(QStringLiteral("process-stop"), s->standardIcon(QStyle::SP_BrowserStop)));
}

void MainWindow::setupViewActions()
{
    m_showEditorAction = makeAction(QStringLiteral("actionShowScenario"), QStringLiteral("&Scenario"),
        QKeySequence(QStringLiteral("Ctrl+1")), QStringLiteral("Show the scenario editor"));
    m_showDashboardAction = makeAction(QStringLiteral("actionShowDashboard"), QStringLiteral("&Dashboard"),
        QKeySequence(QStringLiteral("Ctrl+2")), QStringLiteral("Show the live dashboard"));
    m_presentationAction = makeAction(QStringLiteral("actionPresentation"), QStringLiteral("&Presentation Mode"),
        QKeySequence(Qt::Key_F11), QStringLiteral("Full-screen dashboard with large fonts for demos; Esc leaves"));
    m_presentationAction->setCheckable(true);
    m_presentationAction->setIcon(
        QIcon::fromTheme(QStringLiteral("view-fullscreen"), style()->standardIcon(QStyle::SP_TitleBarMaxButton)));
    m_leavePresentationAction
        = makeAction(QStringLiteral("actionLeavePresentation"), QStringLiteral("Leave Presentation Mode"),
            QKeySequence(Qt::Key_Escape), QStringLiteral("Back to the normal window"));
    m_leavePresentationAction->setEnabled(false);
    m_lagAction = makeAction(QStringLiteral("actionShowLag"), QStringLiteral("Show UI &Lag Probe"), {},
        QStringLiteral("Show how late the GUI thread's event loop runs (p99 over 10 s)"));
    m_lagAction->setCheckable(true);
    m_lagAction->setChecked(true);
}

void MainWindow::setupMenus()
{
    setupFileMenu();
    QMenu *edit = menuBar()->addMenu(QStringLiteral("&Edit"));
    edit->addAction(m_copyAction);

    QMenu *run = menuBar()->addMenu(QStringLiteral("&Run"));
    run->addActions({ m_startAction, m_stopAction, m_abortAction });

    m_viewMenu = menuBar()->addMenu(QStringLiteral("&View"));
    m_viewMenu->addActions({ m_showEditorAction, m_showDashboardAction });
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_presentationAction);
    m_viewMenu->addAction(m_lagAction);

    QMenu *help = menuBar()->addMenu(QStringLiteral("&Help"));
    QAction *about = help->addAction(QStringLiteral("&About Stampede"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, QStringLiteral("About Stampede"),
            QStringLiteral("<h3>Stampede " STAMPEDE_VERSION "</h3>"
                           "<p>Load tests for OpenAI-compatible AI gateways.</p>"
                           "<p>The same engine runs headless for CI: "
                           "<code>stampede run scenario.json</code></p>"));
    });
}

void MainWindow::setupFileMenu()
{
    QMenu *file = menuBar()->addMenu(QStringLiteral("&File"));
    file->addAction(m_newAction);
    m_templateMenu = file->addMenu(QStringLiteral("New from &Template"));
    m_templateMenu->setObjectName(QStringLiteral("templateMenu"));
    for (const QString &name : scenario::builtinScenarioNames()) {
        QAction *action = m_templateMenu->addAction(name.at(0).toUpper() + name.mid(1));
        action->setStatusTip(
            QStringLiteral("A new scenario from the built-in \"") + name + QStringLiteral("\" scenario"));
        connect(action, &QAction::triggered, this, [this, name] { newFromTemplate(name); });
    }
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(QStringLiteral("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    m_recent = new RecentFiles(m_recentMenu, this);
    file->addSeparator();
    file->addAction(m_saveAction);
    file->addAction(m_saveAsAction);
    file->addSeparator();
    m_exportMenu = file->addMenu(QStringLiteral("&Export"));
    m_exportMenu->setObjectName(QStringLiteral("exportMenu"));
    m_exportMenu->menuAction()->setVisible(false); // shown by the first addExportAction()
    file->addSeparator();
    file->addAction(m_quitAction);
}

void MainWindow::setupToolBar()
{
    m_runToolBar = addToolBar(QStringLiteral("Run"));
    m_runToolBar->setObjectName(QStringLiteral("runToolBar"));
    m_runToolBar->setMovable(false);
    m_runToolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_runToolBar->addActions({ m_newAction, m_openAction, m_saveAction });
    m_runToolBar->addSeparator();
    m_runToolBar->addActions({ m_startAction, m_stopAction, m_abortAction });
    m_runToolBar->addSeparator();
    m_stateBadge = new QLabel;
    m_stateBadge->setObjectName(QStringLiteral("runStateBadge"));
    m_stateBadge->setToolTip(QStringLiteral("What the run is doing"));
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
    m_lagLabel->setToolTip(QStringLiteral("How late the GUI thread's event loop ran: p99 and max over the last 10 s. "
                                          "Under 16 ms means the window never stutters."));
    m_lagLabel->setStyleSheet(QStringLiteral("color: palette(mid);"));
    statusBar()->addPermanentWidget(m_lagLabel);
}

void MainWindow::setupDocks()
{
    auto *runList = new RunListView;
    runList->setModel(m_runs);
    runList->setPlaceholderText(QStringLiteral("No runs yet.\nPress Start (F5) to run the scenario;\n"
                                               "each run of this session is kept here."));
    m_runList = runList;
    m_summaryView = new ScenarioSummaryView;

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(QStringLiteral("runsSplitter"));
    splitter->addWidget(m_runList);
    splitter->addWidget(m_summaryView);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({ 180, 540 });

    m_runsDock = new QDockWidget(QStringLiteral("Runs"), this);
    m_runsDock->setObjectName(QStringLiteral("runsDock"));
    m_runsDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    m_runsDock->setWidget(splitter);
    addDockWidget(Qt::LeftDockWidgetArea, m_runsDock);
    resizeDocks({ m_runsDock }, { 300 }, Qt::Horizontal);
    QAction *toggle = m_runsDock->toggleViewAction();
    toggle->setText(QStringLiteral("&Runs Panel"));
    toggle->setShortcut(QKeySequence(QStringLiteral("Ctrl+3")));
    toggle->setToolTip(QStringLiteral("Show or hide the session's runs (Ctrl+3)"));
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
    connect(m_session, &RunSession::stateChanged, this, &MainWindow::onRunStateChanged);
    connect(m_session, &RunSession::runStarted, this, &MainWindow::onRunStarted);
    connect(m_session, &RunSession::runFinished, this, &MainWindow::onRunEnded);
    connect(m_session, &RunSession::runFailed, this, &MainWindow::onRunFailed);
    connect(m_session, &RunSession::runFolderWritten, this, &MainWindow::onRunFolderWritten);
    connect(m_session, &RunSession::noticeRaised, m_banner, &NoticeBanner::appendNotice);
    connect(m_runList->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) { onRunSelected(current.row()); });
    // A click on the row already current still reopens it (after a new run replaced the dashboard).
    connect(
        m_runList, &QAbstractItemView::clicked, this, [this](const QModelIndex &index) { onRunSelected(index.row()); });

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
