#pragma once
// One run, started the one way the CLI (`stampede run`) and the desktop app share:
//   1. the target is resolved (launch/targetresolver.h): "builtin" starts the in-process simulated
//      gateway, kept until the next run or the launcher's end, and the engine is handed its URL;
//   2. a RunRecorder for the run folder is created and handed to the controller, which attaches it
//      to the engine: the journal, the per-second series and summary.json go engine thread ->
//      recorder thread directly, never through the caller's thread;
//   3. the controller starts the engine.
// Callers connect to controller() for the run's events and to this object for the run folder's.
//
// Thread: lives in the thread that creates it (the GUI thread or the CLI's main thread); start()
// returns at once.

#include "engine/runcontroller.h"
#include "gateway/gatewayconfig.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace stampede::gateway {
class SimGateway;
}
namespace stampede::report {
class RunRecorder;
}

namespace stampede::launch {

class RunLauncher : public QObject
{
    Q_OBJECT
public:
    /// Where the run folder goes: `dir` itself when set (the CLI's --out), else a new folder under
    /// `runsDir` named after the start time and the scenario; neither: the run is not recorded.
    struct Recording {
        QString runsDir;
        QString dir;
    };

    explicit RunLauncher(QObject *parent = nullptr);
    ~RunLauncher() override; ///< aborts a run still going, waits for its threads, stops the gateway

    engine::RunController *controller() const { return m_controller; }

    /// Empty when the run started; else why it did not (nothing was started). `builtinConfig`
    /// configures the built-in gateway when the target is "builtin" (default: its default config).
    QString start(const scenario::Scenario &scenario, engine::RunOptions options, const Recording &recording = {},
        const std::optional<gateway::GatewayConfig> &builtinConfig = {});

    /// The run folder being written, from start() until it is complete or the run failed.
    QString recordingDir() const;
    /// The built-in gateway of the last run (null when its target was a URL).
    gateway::SimGateway *builtinGateway() const { return m_gateway.get(); }

Q_SIGNALS:
    /// The first write error of the run folder (the run goes on; the folder is incomplete).
    void recordingFailed(const QString &error);
    /// The run folder is complete (summary.json written) or `error` says what is missing. After a
    /// run that failed during the load the journal stays (`stampede report DIR` rebuilds it) and
    /// `error` says the run failed. Not emitted when the run failed before its load began.
    void recordingFinished(const QString &dir, const QString &error);

private:
    void onRunFailed(const QString &message);

    engine::RunController *m_controller = nullptr;
    std::unique_ptr<gateway::SimGateway> m_gateway;
    QPointer<report::RunRecorder> m_recorder; ///< the recorder of the run going on
    bool m_loadBegan = false; ///< runStarted arrived: the run folder exists
};

} // namespace stampede::launch
