#pragma once
// The engine's public face for the GUI and the CLI. Lives in the thread that creates it (the GUI
// thread or the CLI's main thread) and never blocks it: the run happens on an engine thread and
// worker threads; results arrive as queued signals carrying immutable values.

#include "engine/preflight.h"
#include "engine/runoptions.h"
#include "metrics/stats.h"
#include "report/runmeta.h"
#include "scenario/scenario.h"

#include <QList>
#include <QObject>
#include <QPointer>

class QThread;

namespace stampede::report {
class RunRecorder;
}

namespace stampede::engine {

class RunEngine;

class RunController : public QObject
{
    Q_OBJECT
public:
    explicit RunController(QObject *parent = nullptr);
    ~RunController() override; ///< aborts a run still going and waits for its threads

    /// Starts a run; false (and nothing happens) when one is already running. With `recorder`
    /// (not owned; it must outlive the run) the run folder is written from the engine's data
    /// directly: runStarted -> begin, outcomes -> journal, snapshots -> seconds, runFinished ->
    /// summary.json, none of it through this thread. Its target must already be a URL: "builtin"
    /// is resolved by the caller (launch::RunLauncher).
    bool start(const scenario::Scenario &scenario, const RunOptions &options, report::RunRecorder *recorder = nullptr);
    /// Graceful: no new requests; in-flight ones may finish within load.graceful_stop.
    void stop(model::RunEnd why = model::RunEnd::Stopped);
    /// Cancels every request in flight now (they are counted as cancelled) and ends the run.
    void abort();
    /// Run ▸ Adjust load: the target from now to the plan's end (RunEngine::adjustLoad).
    void adjustLoad(double target);
    bool isRunning() const { return m_thread != nullptr; }

Q_SIGNALS:
    void phaseChanged(stampede::model::RunPhase phase);
    void preflightFinished(const stampede::engine::PreflightResult &result);
    void runStarted(const stampede::report::RunMeta &info);
    void snapshotReady(const stampede::metrics::Snapshot &snapshot);
    void noticeRaised(const QString &text);
    void runFinished(const stampede::metrics::RunSummary &summary);
    void runFailed(const QString &message, bool preflightFailed);

private:
    void attachRecorder(RunEngine *engine, report::RunRecorder *recorder);
    /// Hands the finished run's engine and threads to a wind-down that does not block this
    /// thread (the engine's destructor joins its workers on the engine thread).
    void retire();

    QThread *m_thread = nullptr;
    QList<QThread *> m_retiring; ///< engine threads winding down; joined by the destructor
    QPointer<RunEngine> m_engine;
};

/// Registers the engine's value types with Qt's meta-type system (idempotent).
void registerMetaTypes();

} // namespace stampede::engine
