// RunEngine: the executors' tick, snapshots, and the end of a run.
#include "engine/costestimate.h"
#include "engine/executor.h"
#include "engine/runengine.h"
#include "engine/worker.h"

#include <QTimer>

namespace stampede::engine {

namespace {
constexpr int kStoppingTickMs = 10; ///< how often a stopping run checks graceful_stop's deadline
} // namespace

void RunEngine::tick()
{
    if (m_finished || !m_ctx)
        return;
    if (!m_stopping && m_ctx->overBudget()) {
        // The run's own limit, reached: it ends gracefully, as the plan's end would ("completed").
        m_budgetStopped = true;
        m_endReason = QStringLiteral("budget: spent $%1 of budget_usd $%2; no new requests after it, those in "
                                     "flight finished")
                          .arg(m_ctx->spentUsd(), 0, 'f', 4)
                          .arg(*m_ctx->scenario.budgetUsd, 0, 'f', 2);
        beginStop(model::RunEnd::Completed, false);
        return;
    }
    const std::int64_t now = m_ctx->clock.nowNs();
    const Executor::Step step = m_executor->tick(now, m_ctx->outstanding.load(std::memory_order_relaxed));
    for (const auto &[index, share] : step.vuTargets) {
        Worker *worker = m_workers[index];
        QMetaObject::invokeMethod(
            worker, [worker, share = share] { worker->setVuTarget(share); }, Qt::QueuedConnection);
    }
    if (step.dropped > 0)
        m_ctx->dropped.fetch_add(step.dropped, std::memory_order_relaxed);
    for (int i = 0; i < step.arrivals.size(); ++i) {
        if (step.arrivals[i].isEmpty())
            continue;
        QList<RequestJob> jobs;
        jobs.reserve(step.arrivals[i].size());
        for (std::int64_t scheduled : step.arrivals[i]) {
            jobs.append(m_ctx->makeJob(scheduled, m_rng));
            m_aggregator->scheduled(scheduled);
        }
        m_ctx->outstanding.fetch_add(jobs.size(), std::memory_order_relaxed);
        Worker *worker = m_workers[i];
        QMetaObject::invokeMethod(
            worker, [worker, jobs] { worker->startJobs(jobs); }, Qt::QueuedConnection);
    }
    if (step.planEnded)
        beginStop(model::RunEnd::Completed, false);
    if (step.cancelNow)
        beginStop(m_end, true);
}

void RunEngine::reportVuStarts()
{
    m_vuStartsReported.resize(m_ctx->vuSweepSteps());
    const std::int64_t stepNs = m_scenario.load.sweep.stepDurationMs * 1000000;
    for (int i = 0; i < m_ctx->vuSweepSteps(); ++i) {
        const std::int64_t started = m_ctx->vuStarts(i);
        if (started > m_vuStartsReported[i])
            m_aggregator->scheduled(std::int64_t(i) * stepNs, started - m_vuStartsReported[i]);
        m_vuStartsReported[i] = started;
    }
}

void RunEngine::publish()
{
    if (!m_ctx || !m_aggregator)
        return;
    reportVuStarts(); // before the snapshot judges the steps
    const std::int64_t now = m_ctx->clock.nowNs();
    const int vus = m_ctx->vus.load(std::memory_order_relaxed);
    m_maxVus = std::max(m_maxVus, vus);
    const double planned = m_executor->plannedAt(now);
    m_aggregator->setGauges(now, vus, m_ctx->outstanding.load(std::memory_order_relaxed),
        m_ctx->dropped.load(std::memory_order_relaxed), m_stopping ? 0.0 : planned);
    metrics::Snapshot snapshot = m_aggregator->snapshot(now, m_plan.totalMs);
    snapshot.phase = m_stopping ? model::RunPhase::Stopping : model::RunPhase::Running;
    snapshot.openModel = m_plan.openModel;
    snapshot.loadChanges = m_loadChanges;
    if (m_scenario.serverMetrics)
        snapshot.serverMetrics = m_serverMetrics.value_or(metrics::ServerMetrics {});
    Q_EMIT snapshotReady(snapshot);
    if (!m_stopping) {
        if (auto failing = m_aggregator->abortingThreshold(now)) {
            m_endReason = QStringLiteral("threshold %1 %2 failed (value %3) with abortOnFail")
                              .arg(failing->metric, failing->expression)
                              .arg(failing->value, 0, 'f', 2);
            beginStop(model::RunEnd::ThresholdAborted, true);
        } else if (const std::optional<metrics::SweepStep> knee
            = m_scenario.load.sweep.stopAtKnee ? m_aggregator->sweepKnee() : std::nullopt) {
            // The sweep's purpose is reached: its end is the plan's ("completed"), gracefully.
            m_endReason = QStringLiteral("sweep_knee: step %1 (%2 %3) failed: %4")
                              .arg(knee->step)
                              .arg(knee->level(), 0, 'g', 6)
                              .arg(knee->vus > 0 ? QStringLiteral("VUs") : QStringLiteral("req/s"), knee->reason);
            beginStop(model::RunEnd::Completed, false);
        }
    }
}

void RunEngine::onOutcomes(const QList<metrics::RequestOutcome> &outcomes)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (!m_aggregator)
        return;
    for (const metrics::RequestOutcome &outcome : outcomes)
        m_aggregator->add(outcome);
    Q_EMIT outcomesRecorded(outcomes);
}

void RunEngine::adjustLoad(double target)
{
    if (!m_ctx || !m_executor)
        return; // preflight: the plan has not started (the GUI offers the action only while running)
    if (m_scenario.load.executor == scenario::ExecutorKind::Sweep) {
        Q_EMIT noticeRaised(QStringLiteral("The load was not changed: a sweep's steps are its measurement."));
        return;
    }
    const std::int64_t now = m_ctx->clock.nowNs();
    if (m_stopping || !m_executor->adjust(now, target)) {
        Q_EMIT noticeRaised(QStringLiteral("The load was not changed: the run is stopping or its plan has ended."));
        return;
    }
    m_plan = m_executor->plan();
    m_loadChanges.append({ now / 1000000, target });
    const QString unit = m_plan.openModel ? QStringLiteral("requests/s") : QStringLiteral("VUs");
    Q_EMIT noticeRaised(QStringLiteral("Load set to %1 %2 at %3 s, until the plan's end (%4 s).")
                            .arg(target)
                            .arg(unit)
                            .arg(double(now / 1000000) / 1000.0, 0, 'f', 1)
                            .arg(double(m_plan.totalMs) / 1000.0, 0, 'f', 0));
    tick(); // VU targets change now, not at the next tick
}

void RunEngine::stop(model::RunEnd why)
{
    if (!m_ctx) {
        // Still in preflight (or never started): nothing measured, end now.
        if (m_preflight) {
            m_preflight->disconnect(this);
            m_preflight->deleteLater();
            m_preflight = nullptr;
        }
        Q_EMIT runFailed(QStringLiteral("stopped before the load started"), false);
        return;
    }
    beginStop(why, false);
}

void RunEngine::abort()
{
    if (!m_ctx) {
        stop(model::RunEnd::Interrupted);
        return;
    }
    beginStop(m_stopping ? m_end : model::RunEnd::Interrupted, true);
}

void RunEngine::beginStop(model::RunEnd why, bool cancelNow)
{
    if (m_finished)
        return;
    if (!m_stopping) {
        m_stopping = true;
        m_end = why;
        m_ctx->stopping.store(true);
        if (m_aggregator) // a sweep's step cut here is partial
            m_aggregator->stopIssuing(m_ctx->clock.nowNs());
        Q_EMIT phaseChanged(model::RunPhase::Stopping);
        for (Worker *worker : std::as_const(m_workers))
            QMetaObject::invokeMethod(worker, &Worker::stopIssuing, Qt::QueuedConnection);
        // graceful_stop runs on the run clock: the tick (every 10 ms from now on) asks the executor.
        m_executor->stop(m_ctx->clock.nowNs());
        m_tickTimer->start(kStoppingTickMs);
        if (!cancelNow && m_scenario.load.gracefulStopMs <= 0)
            cancelNow = true;
    }
    if (cancelNow && !m_cancelled) {
        m_cancelled = true;
        m_tickTimer->stop();
        for (Worker *worker : std::as_const(m_workers))
            QMetaObject::invokeMethod(worker, &Worker::cancelAll, Qt::QueuedConnection);
    }
}

void RunEngine::onWorkerDrained(int)
{
    if (++m_drainedWorkers == m_workers.size())
        finishRun();
}

QString RunEngine::describeEnd(model::RunEnd end, const metrics::RunSummary &summary) const
{
    QString words;
    switch (end) {
    case model::RunEnd::Completed:
        words = QStringLiteral("the plan ran to its end");
        break;
    case model::RunEnd::Stopped:
        words = QStringLiteral("stopped before the plan's end");
        break;
    case model::RunEnd::Interrupted:
        words = QStringLiteral("interrupted (Ctrl-C or a signal) before the plan's end");
        break;
    case model::RunEnd::ThresholdAborted:
        words = QStringLiteral("a threshold with abortOnFail failed");
        break;
    case model::RunEnd::Failed:
        words = QStringLiteral("the run failed");
        break;
    case model::RunEnd::InProgress: // an export's mark (report::loadRunInProgress()), never an engine's end
        words = QStringLiteral("still going");
        break;
    }
    const std::int64_t cancelled = summary.overall.cancelled;
    if (cancelled > 0)
        words += QStringLiteral("; %1 request(s) still in flight were cancelled (load.graceful_stop %2 ms; "
                                "counted apart, not as errors)")
                     .arg(cancelled)
                     .arg(m_scenario.load.gracefulStopMs);
    return words;
}

void RunEngine::finishRun()
{
    if (m_finished)
        return;
    m_finished = true;
    m_publishTimer->stop();
    m_tickTimer->stop();
    stopServerMetrics(); // the load is over: so is the polling
    publish(); // the last live snapshot, with every outcome in
    const std::int64_t now = m_ctx->clock.nowNs();
    metrics::RunSummary summary = m_aggregator->finish(now);
    summary.startedAt = QDateTime::currentDateTimeUtc().addMSecs(-now / 1000000);
    summary.endedAt = QDateTime::currentDateTimeUtc();
    summary.end = m_end;
    summary.endReason = m_endReason.isEmpty() ? describeEnd(m_end, summary) : m_endReason;
    summary.openModel = m_plan.openModel;
    summary.maxVus = m_maxVus;
    summary.dropped = m_ctx->dropped.load();
    summary.warnings << m_warnings;
    summary.loadChanges = m_loadChanges;
    summary.transport = describeTransport(resolveTransport(m_scenario.target));
    summary.tlsInsecure = m_scenario.target.tls.insecure;
    if (m_ctx->scenario.budgetUsd) // a segment's: its share of the budget and of the estimate
        summary.budget = metrics::Budget { *m_ctx->scenario.budgetUsd,
            estimateCost(m_scenario).usd / m_options.segment.count, m_budgetStopped };
    if (m_scenario.serverMetrics)
        summary.serverMetrics = m_serverMetrics.value_or(metrics::ServerMetrics {});
    stopWorkers();
    Q_EMIT phaseChanged(model::RunPhase::Finished);
    Q_EMIT runFinished(summary);
}

void RunEngine::stopWorkers()
{
    for (int i = 0; i < m_workers.size(); ++i) {
        Worker *worker = m_workers[i];
        QMetaObject::invokeMethod(
            worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
        m_threads[i]->quit();
        m_threads[i]->wait();
        delete m_threads[i];
    }
    m_workers.clear();
    m_threads.clear();
}

} // namespace stampede::engine
