#pragma once
// Run control for the desktop app: one RunController, the run state machine the window shows,
// and the wiring from the engine's signals to the dashboard and the session's run list.
// Lives on the GUI thread; everything it receives from the engine arrives as queued values, and
// none of its slots waits on the engine.
//
//   Idle ──start──> Preflight ──> Running ──stop──> Stopping ──> Finished
//                       │            │                  └─abort─┘     ^
//                       │            └───── plan done ────────────────┘
//                       └──fail──> Failed      (stop before the load: Cancelled)

#include "engine/preflight.h"
#include "engine/runinfo.h"
#include "engine/runoptions.h"
#include "metrics/stats.h"
#include "scenario/scenario.h"
#include "ui/windows/samplering.h"

#include <QObject>

namespace stampede::engine {
class RunController;
}
namespace stampede::report {
class RunRecorder;
}

namespace stampede::ui {

class Dashboard;
class RunListModel;

enum class RunState { Idle, Preflight, Running, Stopping, Finished, Failed, Cancelled };

class RunSession : public QObject
{
    Q_OBJECT
public:
    /// Neither `dashboard` nor `runs` is owned.
    RunSession(Dashboard *dashboard, RunListModel *runs, QObject *parent = nullptr);
    ~RunSession() override;

    /// False when a run is already going or the engine refused to start.
    bool start(const scenario::Scenario &scenario, const engine::RunOptions &options);
    void stop(); ///< graceful: no new requests, in-flight ones may finish within graceful_stop
    void abort(); ///< cancels in-flight requests now

    RunState state() const { return m_state; }
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
    void stateChanged(stampede::ui::RunState state, const QString &text);
    void runStarted(int row);
    void runFinished(int row);
    /// Before or outside the load; `details` is the preflight's describe() text when it failed.
    void runFailed(const QString &message, const QString &details, bool preflightFailed);
    void noticeRaised(const QString &text);
    /// The run folder of `row` is complete (summary.json written), or `error` says what is missing.
    void runFolderWritten(int row, const QString &dir, const QString &error);

private:
    void connectController();
    void setState(RunState state, const QString &text);
    void onPhase(metrics::RunPhase phase);
    void onStarted(const engine::RunInfo &info);
    void onSnapshot(const metrics::Snapshot &snapshot);
    void onFinished(const metrics::RunSummary &summary);
    void onFailed(const QString &message, bool preflightFailed);
    void beginRecording(const engine::RunInfo &info);

    Dashboard *m_dashboard;
    RunListModel *m_runs;
    engine::RunController *m_controller;
    RunState m_state = RunState::Idle;
    QString m_stateText;
    engine::PreflightResult m_preflight;
    int m_liveRow = -1;
    bool m_started = false; ///< runStarted seen for the current run
    bool m_stopRequested = false;
    qint64 m_plannedMs = 0;
    SampleRing m_snapshotTimes { 64 };
    QString m_runsDir;
    report::RunRecorder *m_recorder = nullptr; ///< the live run's folder writer (own thread)
};

} // namespace stampede::ui

Q_DECLARE_METATYPE(stampede::ui::RunState)
