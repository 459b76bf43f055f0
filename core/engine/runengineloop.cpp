// RunEngine: the executors' tick, snapshots, and the end of a run.
#include "engine/arrivalschedule.h"
#include "engine/runengine.h"
#include "engine/worker.h"
#include "gateway/simgateway.h"

#include <QTimer>

namespace stampede::engine {

void RunEngine::tick()
{
    if (m_stopping || !m_ctx)
        return;
    const std::int64_t now = m_ctx->clock.nowNs();
    const std::int64_t elapsedMs = now / 1000000;
    if (m_plan.openModel)
        tickOpen(now);
    else
        tickClosed(elapsedMs);
    if (elapsedMs >= m_plan.totalMs)
        beginStop(metrics::RunEnd::Completed, false);
}

void RunEngine::tickClosed(std::int64_t elapsedMs)
{
    const int target = m_plan.vusAt(std::min<std::int64_t>(elapsedMs, m_plan.totalMs));
    const int count = int(m_workers.size());
    for (int i = 0; i < count; ++i) {
        const int share = target / count + (i < target % count ? 1 : 0);
        if (share != m_vuShares[i]) {
            m_vuShares[i] = share;
            Worker *worker = m_workers[i];
            QMetaObject::invokeMethod(worker, [worker, share] { worker->setVuTarget(share); }, Qt::QueuedConnection);
        }
    }
}

void RunEngine::tickOpen(std::int64_t nowNs)
{
    // Every arrival due by now is dispatched with its planned time, late or not: lateness shows
    // up as client queueing, never as a shifted schedule (no coordinated omission).
    QList<QList<RequestJob>> batches(m_workers.size());
    const int maxInFlight = m_scenario.load.maxInFlight;
    while (true) {
        if (!m_nextArrivalNs)
            m_nextArrivalNs = m_arrivals->next();
        if (!m_nextArrivalNs || *m_nextArrivalNs > nowNs)
            break;
        const std::int64_t scheduled = *m_nextArrivalNs;
        m_nextArrivalNs.reset();
        if (m_ctx->outstanding.load(std::memory_order_relaxed) >= maxInFlight) {
            // At the cap: this arrival and every other one due by now is dropped, counted in one
            // step however high the rate (arrivals are never queued, never delayed).
            m_ctx->dropped.fetch_add(1 + m_arrivals->skipUntil(nowNs), std::memory_order_relaxed);
            break;
        }
        m_ctx->outstanding.fetch_add(1, std::memory_order_relaxed);
        batches[m_nextWorker].append(m_ctx->makeJob(scheduled, m_rng));
        m_nextWorker = (m_nextWorker + 1) % int(m_workers.size());
    }
    for (int i = 0; i < batches.size(); ++i) {
        if (batches[i].isEmpty())
            continue;
        Worker *worker = m_workers[i];
        QMetaObject::invokeMethod(worker, [worker, jobs = batches[i]] { worker->startJobs(jobs); },
                                  Qt::QueuedConnection);
    }
}

void RunEngine::publish()
{
    if (!m_ctx || !m_aggregator)
        return;
    const std::int64_t now = m_ctx->clock.nowNs();
    const int vus = m_ctx->vus.load(std::memory_order_relaxed);
    m_maxVus = std::max(m_maxVus, vus);
    const std::int64_t elapsedMs = std::min<std::int64_t>(now / 1000000, m_plan.totalMs);
    const double planned = m_plan.openModel ? m_plan.targetAt(elapsedMs) : double(m_plan.vusAt(elapsedMs));
    m_aggregator->setGauges(now, vus, m_ctx->outstanding.load(std::memory_order_relaxed),
                            m_ctx->dropped.load(std::memory_order_relaxed), m_stopping ? 0.0 : planned);
    metrics::Snapshot snapshot = m_aggregator->snapshot(now, m_plan.totalMs);
    snapshot.phase = m_stopping ? metrics::RunPhase::Stopping : metrics::RunPhase::Running;
    snapshot.openModel = m_plan.openModel;
    Q_EMIT snapshotReady(snapshot);
    if (!m_stopping) {
        if (auto failing = m_aggregator->abortingThreshold(now)) {
            m_endReason = QStringLiteral("threshold %1 %2 failed (value %3) with abortOnFail")
                              .arg(failing->metric, failing->expression)
                              .arg(failing->value, 0, 'f', 2);
            beginStop(metrics::RunEnd::ThresholdAborted, true);
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

void RunEngine::stop(metrics::RunEnd why)
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
        stop(metrics::RunEnd::Interrupted);
        return;
    }
    beginStop(m_stopping ? m_end : metrics::RunEnd::Interrupted, true);
}

void RunEngine::beginStop(metrics::RunEnd why, bool cancelNow)
{
    if (m_finished)
        return;
    if (!m_stopping) {
        m_stopping = true;
        m_end = why;
        m_ctx->stopping.store(true);
        m_tickTimer->stop();
        Q_EMIT phaseChanged(metrics::RunPhase::Stopping);
        for (Worker *worker : std::as_const(m_workers))
            QMetaObject::invokeMethod(worker, &Worker::stopIssuing, Qt::QueuedConnection);
        m_graceTimer = new QTimer(this);
        m_graceTimer->setSingleShot(true);
        connect(m_graceTimer, &QTimer::timeout, this, [this] { beginStop(m_end, true); });
        m_graceTimer->start(int(std::max<qint64>(0, m_scenario.load.gracefulStopMs)));
    }
    if (cancelNow) {
        m_graceTimer->stop();
        for (Worker *worker : std::as_const(m_workers))
            QMetaObject::invokeMethod(worker, &Worker::cancelAll, Qt::QueuedConnection);
    }
}

void RunEngine::onWorkerDrained(int)
{
    if (++m_drainedWorkers == m_workers.size())
        finishRun();
}

QString RunEngine::describeEnd(metrics::RunEnd end, const metrics::RunSummary &summary) const
{
    QString words;
    switch (end) {
    case metrics::RunEnd::Completed:
        words = QStringLiteral("the plan ran to its end");
        break;
    case metrics::RunEnd::Stopped:
        words = QStringLiteral("stopped before the plan's end");
        break;
    case metrics::RunEnd::Interrupted:
        words = QStringLiteral("interrupted (Ctrl-C or a signal) before the plan's end");
        break;
    case metrics::RunEnd::ThresholdAborted:
        words = QStringLiteral("a threshold with abortOnFail failed");
        break;
    case metrics::RunEnd::Failed:
        words = QStringLiteral("the run failed");
        break;
    }
    const std::int64_t cancelled = summary.overall.errors.value(QStringLiteral("cancelled"));
    if (cancelled > 0)
        words += QStringLiteral("; %1 request(s) still in flight were cancelled (load.graceful_stop %2 ms)")
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
    m_graceTimer->stop();
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
    summary.transport = describeTransport(resolveTransport(m_scenario.target));
    summary.tlsInsecure = m_scenario.target.tls.insecure;
    stopWorkers();
    Q_EMIT phaseChanged(metrics::RunPhase::Finished);
    Q_EMIT runFinished(summary);
}

void RunEngine::stopWorkers()
{
    for (int i = 0; i < m_workers.size(); ++i) {
        Worker *worker = m_workers[i];
        QMetaObject::invokeMethod(worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
        m_threads[i]->quit();
        m_threads[i]->wait();
        delete m_threads[i];
    }
    m_workers.clear();
    m_threads.clear();
    if (m_gateway)
        m_gateway->stop();
}

} // namespace stampede::engine
