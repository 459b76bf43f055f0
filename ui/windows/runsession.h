#pragma once
// Run control for the desktop app: one launch::RunLauncher (the run started as the CLI starts it:
// target resolved, run folder recorded engine-side), the run's lifecycle (model::RunPhase, the
// state machine drawn in model/runlifecycle.h) as the window shows it, and the wiring from the
// engine's signals to the dashboard and the session's run list.
// Lives on the GUI thread; everything it receives from the engine arrives as queued values, and
// none of its slots waits on the engine.

#include "engine/preflight.h"
#include "engine/runoptions.h"
#include "metrics/stats.h"
#include "model/runlifecycle.h"
#include "report/runmeta.h"
#include "scenario/scenario.h"
#include "ui/windows/samplering.h"

#include <QHash>
#include <QObject>

namespace stampede::engine {
class RunController;
}
namespace stampede::launch {
class RunLauncher;
}

namespace stampede::ui {

class Dashboard;
class RunListModel;

class RunSession : public QObject
{
    Q_OBJECT
public:
    /// Neither `dashboard` nor `runs` is owned.
    RunSession(Dashboard *dashboard, RunListModel *runs, QObject *parent = nullptr);
    ~RunSession() override;

    /// False when a run is already going; anything else that stops it (the built-in gateway, the
    /// preflight, ...) arrives as runFailed().
    bool start(const scenario::Scenario &scenario, const engine::RunOptions &options);
    void stop(); ///< graceful: no new requests, in-flight ones may finish within graceful_stop
    void abort(); ///< cancels in-flight requests now
    /// Run ▸ Adjust load: the target from now to the plan's end. False unless a run is Running.
    bool adjustLoad(double target);
    /// The planned target of the last snapshot (VUs or requests/s) and whether it is a rate.
    double plannedTarget() const { return m_plannedTarget; }
    bool openModel() const { return m_openModel; }

    model::RunPhase state() const { return m_state; }
    /// Preflight, Running or Stopping: the engine is busy and the editor stays locked.
    bool isActive() const;
    /// What the status bar and the toolbar badge say, e.g. "Running 0:42 / 3:30".
    QString stateText() const { return m_stateText; }
    /// The run-list row of the run going on (or last started); -1 before the first run.
    int liveRow() const { return m_liveRow; }
    /// The last preflight result of this session (empty before the first preflight).
    const engine::PreflightResult &lastPreflight() const { return m_preflight; }

    /// How long the dashboard took to take in each of the last 64 snapshots (ms, GUI thread).
    const SampleRing &snapshotTimes() const { return m_snapshotTimes; }

    /// Where each run's folder is created (scenario, per-request journal, per-second metrics,
    /// summary; see docs/metrics.md). Empty: runs are not recorded. Default: none (MainWindow sets
    /// report::defaultRunsDir()).
    void setRunsDirectory(const QString &dir) { m_runsDir = dir; }
    QString runsDirectory() const { return m_runsDir; }
    /// The folder the run going on is being recorded into (empty when none is).
    QString liveRunDir() const;

    /// "m:ss" (or "h:mm:ss") for a duration in ms.
    static QString clockText(qint64 ms);

Q_SIGNALS:
    void stateChanged(stampede::model::RunPhase state, const QString &text);
    void runStarted(int row);
    void runFinished(int row);
    /// Before or outside the load; `details` is the preflight's describe() text when it failed.
    void runFailed(const QString &message, const QString &details, bool preflightFailed);
    void noticeRaised(const QString &text);
    /// The run folder of `row` is complete (summary.json written), or `error` says what is missing.
    void runFolderWritten(int row, const QString &dir, const QString &error);

private:
    void connectController();
    void setState(model::RunPhase state, const QString &text);
    void onPhase(model::RunPhase phase);
    void onStarted(const report::RunMeta &info);
    void onSnapshot(const metrics::Snapshot &snapshot);
    void onFinished(const metrics::RunSummary &summary);
    void onFailed(const QString &message, bool preflightFailed);
    /// "Running 0:42 / 3:30"
    static QString runningText(qint64 elapsedMs, qint64 plannedMs);

    Dashboard *m_dashboard;
    RunListModel *m_runs;
    launch::RunLauncher *m_launcher;
    engine::RunController *m_controller; ///< the launcher's
    model::RunPhase m_state = model::RunPhase::Idle;
    QString m_stateText;
    engine::PreflightResult m_preflight;
    int m_liveRow = -1;
    bool m_started = false; ///< runStarted seen for the current run
    bool m_stopRequested = false;
    qint64 m_plannedMs = 0;
    double m_plannedTarget = 0;
    bool m_openModel = false;
    SampleRing m_snapshotTimes { 64 };
    QString m_runsDir;
    QHash<QString, int> m_rowOfFolder; ///< run folders being written -> their run-list row
};

} // namespace stampede::ui
