#pragma once
// The desktop app's window: the scenario editor and the live dashboard as tabs, the session's
// runs in a side panel, run control on a toolbar, the run state in the status bar. Lives on the
// GUI thread and never blocks it: runs go through RunSession (engine threads), file dialogs and
// prompts are ordinary modal dialogs.
//
// The implementation is split by concern: mainwindow.cpp (construction: setupActions(),
// setupMenus(), ...), mainwindow_files.cpp (New/Open/Save, recent files, unsaved changes, QSettings),
// mainwindow_run.cpp (Start/Stop/Abort, run list, presentation mode, export actions).

#include "model/runlifecycle.h"
#include "report/runrecord.h"
#include "scenario/scenario.h"

#include <QColor>
#include <QMainWindow>

#include <functional>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QListView;
class QMenu;
class QSortFilterProxyModel;
class QTabWidget;
class QTimer;
class QToolBar;

namespace stampede::ui {

class Dashboard;
class EventLagProbe;
class FleetWatch;
class KeyStore;
class NoticeBanner;
class RecentFiles;
class RunHistory;
class RunExports;
class RunLibrary;
class RunListModel;
class RunSession;
class ScenarioEditor;
class ScenarioSummaryView;
struct SessionRun;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// `keys` (not owned) holds API keys for the editor; it must outlive the window.
    explicit MainWindow(KeyStore *keys, QWidget *parent = nullptr);
    ~MainWindow() override;

    // ---- Documents (mainwindow_files.cpp). None of these prompts about unsaved changes.
    /// Opens a scenario file into the editor; on error shows it in the banner and returns false.
    bool openFile(const QString &path);
    /// Saves the editor's scenario to `path` (it becomes the current file); false on error.
    bool saveFile(const QString &path);
    /// Replaces the editor's scenario with an unsaved, untitled one.
    void setUntitledScenario(const scenario::Scenario &scenario);
    QString currentFile() const { return m_path; }
    QStringList recentFiles() const;

    // ---- Runs (mainwindow_run.cpp)
    /// Shows a finished run of the list (`row` of runs()) in the dashboard; false when it cannot be shown.
    bool showRun(int row);
    /// File > Open Run…: reads the run folder `dir` off the GUI thread, lists it (once) and shows
    /// it; a folder that cannot be read is explained in the banner. While the run folders are still
    /// being read, it is read after them. False while a run is going.
    bool openRunFolder(const QString &dir);
    void setPresentationMode(bool on);
    bool presentationMode() const { return m_presentation; }

    /// Export wiring for the report room. Each call adds one entry to File > Export (the menu,
    /// objectName "exportMenu", stays hidden until the first entry exists). The entry is enabled
    /// for the run going on (recorded in a run folder: `run` is live, see RunSession::liveRunDir())
    /// or else the finished run selected in "Runs" (else the latest finished run); triggering it
    /// calls `handler(this, run)` on the GUI thread. A handler with a long
    /// job must run it off the GUI thread (house style).
    ///   window.addExportAction(tr("HTML Report…"), tr("Save the run as a self-contained HTML page"),
    ///       [](QWidget *parent, const SessionRun &run) { ... QFileDialog + writer ... });
    using ExportHandler = std::function<void(QWidget *parent, const SessionRun &run)>;
    QAction *addExportAction(const QString &text, const QString &toolTip, ExportHandler handler);

    // ---- Parts, for guiMain, tests and the screenshot driver
    ScenarioEditor *editor() const { return m_editor; }
    Dashboard *dashboard() const { return m_dashboard; }
    RunSession *session() const { return m_session; }
    FleetWatch *fleet() const { return m_fleet; }
    RunListModel *runs() const { return m_runs; }
    RunHistory *history() const { return m_history; }
    /// The row of runs() selected in the "Runs" panel (which lists them newest first), or -1.
    int currentRunRow() const;
    void selectRunRow(int row);
    EventLagProbe *lagProbe() const { return m_lagProbe; }
    NoticeBanner *banner() const { return m_banner; }
    RunExports *exports() const { return m_exports; }
    void showEditor();
    void showDashboard();

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    bool event(QEvent *event) override; ///< times repaints for the lag probe

private:
    // mainwindow.cpp
    void setupActions();
    void setupFileActions();
    void setupRunActions();
    void setupViewActions();
    void setupMenus();
    void setupFileMenu();
    void setupToolBar();
    void setupStatusBar();
    void setupDocks();
    void setupCentral();
    void connectParts();
    QAction *makeAction(
        const QString &objectName, const QString &text, const QKeySequence &shortcut, const QString &toolTip);

    // mainwindow_files.cpp
    void newScenario();
    void newFromTemplate(const QString &path); ///< an installed example or a built-in resource path
    void openScenario();
    void openRecent(const QString &path);
    void chooseRunFolder();
    void chooseLoad(); ///< Run ▸ Adjust Load…: asks for the new target
    void placeBanner(); ///< over the page's top, under the tab bar, as wide as the window
    bool save();
    bool saveAs();
    bool maybeSave();
    void setDocument(const scenario::Scenario &scenario, const QString &path);
    void onEditorChanged();
    void updateTitle();
    void readSettings();
    void writeSettings();

    // mainwindow_run.cpp
    void startRun();
    void updateRunActions();
    void onRunStateChanged(model::RunPhase state, const QString &text);
    void onRunStarted(int row);
    void onRunEnded();
    void onRunFailed(const QString &message, const QString &details, bool preflightFailed);
    void onRunFolderWritten(int row, const QString &dir, const QString &error);
    void onRunSelected(int row);
    /// Draws the run at `row` against its scenario's baseline (RunLibrary), or against none.
    void applyBaseline(int row);
    void onHistoryRun(const report::RunRecord &record, bool opened);
    void onHistoryLoaded(int listed, const QStringList &skipped);
    /// The toolbar's state badge (and the status bar's state text).
    void showStateBadge(const QString &text, const QColor &color);
    void refreshSummary();
    void copyResults();
    void updateExportActions();
    int exportRow() const;
    void onLagUpdated(double p99Ms, double maxMs);
    /// File ▸ Attach to Fleet…: asks where, then feeds the dashboard from the fleet (FleetWatch).
    void attachFleet();
    void onFleetStatus(const QString &text);
    bool confirmCloseDuringRun();

    // parts
    KeyStore *m_keys;
    ScenarioEditor *m_editor = nullptr;
    Dashboard *m_dashboard = nullptr;
    FleetWatch *m_fleet = nullptr;
    RunListModel *m_runs = nullptr;
    QSortFilterProxyModel *m_runsNewestFirst = nullptr; ///< what the "Runs" panel shows of m_runs
    RunHistory *m_history = nullptr;
    RunSession *m_session = nullptr;
    EventLagProbe *m_lagProbe = nullptr;
    NoticeBanner *m_banner = nullptr;
    QTabWidget *m_tabs = nullptr;
    QListView *m_runList = nullptr;
    QLineEdit *m_runFilter = nullptr; ///< above the run list: filters it
    QComboBox *m_runSort = nullptr; ///< beside the filter: the list's order
    RunLibrary *m_library = nullptr; ///< compare, tag, delete, sort, baseline
    ScenarioSummaryView *m_summaryView = nullptr;
    QDockWidget *m_runsDock = nullptr;
    QToolBar *m_runToolBar = nullptr;
    QLabel *m_stateBadge = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_lagLabel = nullptr;
    QTimer *m_summaryTimer = nullptr;
    RecentFiles *m_recent = nullptr;
    RunExports *m_exports = nullptr;

    // actions
    QAction *m_newAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_openRunAction = nullptr;
    QAction *m_attachFleetAction = nullptr;
    QAction *m_detachFleetAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_startAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_abortAction = nullptr;
    QAction *m_adjustLoadAction = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_presentationAction = nullptr;
    QAction *m_leavePresentationAction = nullptr;
    QAction *m_lagAction = nullptr;
    QAction *m_showEditorAction = nullptr;
    QAction *m_showDashboardAction = nullptr;
    QMenu *m_templateMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_exportMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_runMenu = nullptr;
    QList<QAction *> m_exportActions;

    // state
    QString m_path; ///< empty: untitled
    QByteArray m_stateBeforePresentation;
    bool m_presentation = false;
    int m_runsDockWidthBeforePresentation = 0;
    bool m_maximizedBeforePresentation = false;
    bool m_quitAfterRun = false;
    bool m_forceClose = false;
    bool m_selectingLiveRun = false;
    bool m_editorLocked = false;
    QColor m_badgeColor;
    model::RunPhase m_lastState {}; ///< Idle
    int m_shownRow = -1; ///< the run-list row the dashboard shows (-1: none or a run not listed yet)
};

} // namespace stampede::ui
