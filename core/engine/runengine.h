#pragma once
// The run itself: preflight, executors (the scheduler), workers and the aggregator. Lives on the
// engine thread that RunController creates; every signal is delivered queued to the controller.
//
// Threads:  engine thread  -- this object, the executors' tick, the aggregator, the preflight,
//                             the in-process simulated gateway's acceptor
//           worker threads -- one Worker each: managers, replies, VU loops
//           Qt's own       -- one per QNetworkAccessManager, plus the gateway's handlers

#include "engine/preflight.h"
#include "engine/runcontext.h"
#include "engine/runinfo.h"
#include "engine/runoptions.h"
#include "metrics/aggregator.h"
#include "scenario/plan.h"

#include <QObject>
#include <QThread>

#include <memory>
#include <optional>

class QTimer;

namespace stampede::gateway {
class SimGateway;
}

namespace stampede::engine {

class ArrivalSchedule;
class Worker;

class RunEngine : public QObject {
    Q_OBJECT
public:
    RunEngine(const scenario::Scenario &scenario, const RunOptions &options);
    ~RunEngine() override;

    // Commands (queued from the controller)
    void start();
    void stop(stampede::metrics::RunEnd why); ///< graceful: in flight may finish within graceful_stop
    void abort(); ///< cancel everything in flight now

Q_SIGNALS:
    void phaseChanged(stampede::metrics::RunPhase phase);
    void preflightFinished(const stampede::engine::PreflightResult &result);
    void runStarted(const stampede::engine::RunInfo &info);
    void snapshotReady(const stampede::metrics::Snapshot &snapshot);
    void outcomesRecorded(const QList<stampede::metrics::RequestOutcome> &outcomes);
    void noticeRaised(const QString &text);
    void runFinished(const stampede::metrics::RunSummary &summary);
    /// The run could not start (bad URL, gateway, preflight); `preflightFailed` tells which.
    void runFailed(const QString &message, bool preflightFailed);

private:
    bool resolveTarget(QUrl &url, QString &error);
    void beginLoad(const PreflightResult *preflight);
    void startWorkers();
    void tick();
    void tickClosed(std::int64_t elapsedMs);
    void tickOpen(std::int64_t nowNs);
    void publish();
    /// summary.end_reason in words when nothing more specific (a threshold) set it.
    QString describeEnd(metrics::RunEnd end, const metrics::RunSummary &summary) const;
    void onOutcomes(const QList<metrics::RequestOutcome> &outcomes);
    void onWorkerDrained(int index);
    void beginStop(metrics::RunEnd why, bool cancelNow);
    void finishRun();
    void stopWorkers();
    metrics::AggregatorConfig aggregatorConfig() const;

    scenario::Scenario m_scenario;
    RunOptions m_options;
    std::unique_ptr<gateway::SimGateway> m_gateway;
    Preflight *m_preflight = nullptr;
    std::shared_ptr<RunContext> m_ctx;
    scenario::Plan m_plan;
    std::unique_ptr<ArrivalSchedule> m_arrivals;
    std::optional<std::int64_t> m_nextArrivalNs;
    std::unique_ptr<metrics::Aggregator> m_aggregator;
    QList<QThread *> m_threads;
    QList<Worker *> m_workers;
    QList<int> m_vuShares;
    int m_nextWorker = 0;
    QRandomGenerator m_rng;
    QTimer *m_tickTimer = nullptr;
    QTimer *m_publishTimer = nullptr;
    QTimer *m_graceTimer = nullptr;
    int m_drainedWorkers = 0;
    bool m_stopping = false;
    bool m_finished = false;
    metrics::RunEnd m_end = metrics::RunEnd::Completed;
    QString m_endReason;
    QStringList m_warnings;
    int m_maxVus = 0;
};

} // namespace stampede::engine
