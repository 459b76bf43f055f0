#pragma once
// The run itself: preflight, executors (the scheduler), workers and the aggregator. Lives on the
// engine thread that RunController creates; every signal is delivered queued to the controller.
//
// Threads:  engine thread  -- this object, the executors' tick, the aggregator, the preflight
//           worker threads -- one Worker each: managers, replies, VU loops
//           poller thread  -- scenario "server_metrics" only: ServerMetricsPoller
//           Qt's own       -- one per QNetworkAccessManager
// The target is a URL: "builtin" is resolved before the engine starts (launch::RunLauncher).

#include "engine/preflight.h"
#include "engine/runcontext.h"
#include "engine/runoptions.h"
#include "metrics/aggregator.h"
#include "report/runmeta.h"
#include "scenario/plan.h"

#include <QObject>
#include <QThread>

#include <memory>
#include <optional>

class QTimer;

namespace stampede::engine {

class Executor;
class ServerMetricsPoller;
class Worker;

class RunEngine : public QObject
{
    Q_OBJECT
public:
    RunEngine(const scenario::Scenario &scenario, const RunOptions &options);
    ~RunEngine() override;

    // Commands (queued from the controller)
    void start();
    void stop(stampede::model::RunEnd why); ///< graceful: in flight may finish within graceful_stop
    void abort(); ///< cancel everything in flight now
    /// From now to the plan's end the target is `target` (VUs, or requests/s for an open model);
    /// recorded in the snapshots and the summary (loadChanges). Ignored, with a notice, once stopping.
    void adjustLoad(double target);

Q_SIGNALS:
    void phaseChanged(stampede::model::RunPhase phase);
    void preflightFinished(const stampede::engine::PreflightResult &result);
    void runStarted(const stampede::report::RunMeta &info);
    void snapshotReady(const stampede::metrics::Snapshot &snapshot);
    void outcomesRecorded(const QList<stampede::metrics::RequestOutcome> &outcomes);
    void noticeRaised(const QString &text);
    void runFinished(const stampede::metrics::RunSummary &summary);
    /// The run could not start (bad URL, TLS files, preflight); `preflightFailed` tells which.
    void runFailed(const QString &message, bool preflightFailed);

private:
    bool resolveTarget(QUrl &url, QString &error);
    void beginLoad(const PreflightResult *preflight);
    /// The run's context: this agent's share of the scenario (scenarioForSegment); the clock starts.
    std::shared_ptr<RunContext> newContext(const Endpoint &endpoint, const Endpoint &direct = {}) const;
    /// A paired run's second preflight, of scenario direct_target, after the gateway's passed.
    void preflightDirect(const Endpoint &endpoint, const Endpoint &direct, const PreflightResult &gatewayResult);
    void startWorkers();
    int workerCount() const;
    void tick();
    void publish();
    /// A VU sweep: hands the iterations the workers started since the last call to the aggregator.
    void reportVuStarts();
    /// summary.end_reason in words when nothing more specific (a threshold) set it.
    QString describeEnd(model::RunEnd end, const metrics::RunSummary &summary) const;
    void onOutcomes(const QList<metrics::RequestOutcome> &outcomes);
    void onWorkerDrained(int index);
    void beginStop(model::RunEnd why, bool cancelNow);
    void finishRun();
    void stopWorkers();
    /// scenario "server_metrics": starts its poller on its own thread / stops it and keeps the result.
    void startServerMetrics();
    void stopServerMetrics();
    metrics::AggregatorConfig aggregatorConfig() const;

    scenario::Scenario m_scenario;
    RunOptions m_options;
    Preflight *m_preflight = nullptr;
    std::shared_ptr<RunContext> m_ctx;
    scenario::Plan m_plan;
    std::unique_ptr<Executor> m_executor; ///< the load's decisions on the run clock (engine/executor.h)
    std::unique_ptr<metrics::Aggregator> m_aggregator;
    QList<QThread *> m_threads;
    QList<Worker *> m_workers;
    QRandomGenerator m_rng;
    QTimer *m_tickTimer = nullptr;
    QTimer *m_publishTimer = nullptr;
    int m_drainedWorkers = 0;
    bool m_stopping = false;
    bool m_cancelled = false; ///< in-flight requests were cancelled (abort, or graceful_stop ran out)
    bool m_finished = false;
    bool m_budgetStopped = false; ///< the spend reached scenario budget_usd
    model::RunEnd m_end = model::RunEnd::Completed;
    QString m_endReason;
    QStringList m_warnings;
    QList<metrics::LoadChange> m_loadChanges;
    int m_maxVus = 0;
    QList<std::int64_t> m_vuStartsReported;
    QThread *m_pollerThread = nullptr;
    ServerMetricsPoller *m_poller = nullptr; ///< lives on m_pollerThread
    std::optional<metrics::ServerMetrics>
        m_serverMetrics; ///< the poller's latest value ///< a VU sweep: each step's starts handed to the aggregator
};

} // namespace stampede::engine
