#pragma once
// The engine's public face for the GUI and the CLI. Lives in the thread that creates it (the GUI
// thread or the CLI's main thread) and never blocks it: the run happens on an engine thread and
// worker threads; results arrive as queued signals carrying immutable values.

#include "engine/preflight.h"
#include "engine/runinfo.h"
#include "engine/runoptions.h"
#include "metrics/stats.h"
#include "scenario/scenario.h"

#include <QList>
#include <QObject>
#include <QPointer>

class QThread;

namespace stampede::engine {

class RunEngine;

class RunController : public QObject {
    Q_OBJECT
public:
    explicit RunController(QObject *parent = nullptr);
    ~RunController() override; ///< aborts a run still going and waits for its threads

    /// Starts a run; false (and nothing happens) when one is already running.
    bool start(const scenario::Scenario &scenario, const RunOptions &options);
    /// Graceful: no new requests; in-flight ones may finish within load.graceful_stop.
    void stop(metrics::RunEnd why = metrics::RunEnd::Stopped);
    /// Cancels every request in flight now (they are counted as cancelled) and ends the run.
    void abort();
    bool isRunning() const { return m_thread != nullptr; }
    metrics::RunPhase phase() const { return m_phase; }

Q_SIGNALS:
    void phaseChanged(stampede::metrics::RunPhase phase);
    void preflightFinished(const stampede::engine::PreflightResult &result);
    void runStarted(const stampede::engine::RunInfo &info);
    void snapshotReady(const stampede::metrics::Snapshot &snapshot);
    void outcomesRecorded(const QList<stampede::metrics::RequestOutcome> &outcomes);
    void noticeRaised(const QString &text);
    void runFinished(const stampede::metrics::RunSummary &summary);
    void runFailed(const QString &message, bool preflightFailed);

private:
    /// Hands the finished run's engine and threads to a wind-down that does not block this
    /// thread (the engine's destructor joins workers and the gateway on the engine thread).
    void retire();

    QThread *m_thread = nullptr;
    QList<QThread *> m_retiring; ///< engine threads winding down; joined by the destructor
    QPointer<RunEngine> m_engine;
    metrics::RunPhase m_phase = metrics::RunPhase::Idle;
};

/// Registers the engine's value types with Qt's meta-type system (idempotent).
void registerMetaTypes();

} // namespace stampede::engine
