#include "engine/worker.h"

#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <utility>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace stampede::engine {

namespace {
constexpr int kFlushIntervalMs = 100;
constexpr int kSweepIntervalMs = 50;
constexpr std::int64_t kReapIntervalNs = 1'000'000'000;
constexpr std::int64_t kTrimIntervalNs = 5'000'000'000;

/// glibc keeps freed chunks in its arenas (one per thread that allocates, up to 8 per core), and
/// they stay resident: after a spike to 400 req/s on 2 cores, RSS stayed at 195 MB for the rest of
/// the run (23 MB before it). malloc_trim() gives every whole free page of every arena back (RSS
/// 31-44 MB). It holds each arena's lock while it walks it (6-700 ms in all, the most on a
/// saturated machine), so it runs on a pool thread, one at a time and at most every 5 s, never on
/// a worker's event loop.
/// False when it cannot start now (ask again later).
bool releaseFreedMemory()
{
#if defined(__GLIBC__)
    static std::atomic<bool> running { false };
    static std::atomic<std::int64_t> lastStartNs { 0 };
    const std::int64_t now
        = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
              .count();
    if (now - lastStartNs.load() < kTrimIntervalNs || running.exchange(true))
        return false;
    lastStartNs.store(now);
    QThreadPool::globalInstance()->start([] {
        malloc_trim(0);
        running.store(false);
    });
#endif
    return true;
}
} // namespace

Worker::Worker(int index, std::shared_ptr<RunContext> context)
    : m_index(index)
    , m_ctx(std::move(context))
    , m_rng(quint32(m_ctx->scenario.seed.value_or(QRandomGenerator::system()->generate64()) * 7919 + index))
{
}

Worker::~Worker()
{
    qDeleteAll(m_runners);
}

void Worker::init()
{
    Q_ASSERT(QThread::currentThread() == thread());
    m_transport = m_transportFactory ? m_transportFactory(*m_ctx)
                                     : makeTransport(resolveTransport(m_ctx->scenario.target), *m_ctx);
    m_flushTimer = new QTimer(this);
    connect(m_flushTimer, &QTimer::timeout, this, &Worker::flush);
    m_flushTimer->start(kFlushIntervalMs);
    m_sweepTimer = new QTimer(this);
    connect(m_sweepTimer, &QTimer::timeout, this, &Worker::sweep);
    m_sweepTimer->start(kSweepIntervalMs);
}

Transport &Worker::transport()
{
    Q_ASSERT(m_transport); // created in init(), on this thread
    return *m_transport;
}

void Worker::startJobs(const QList<RequestJob> &jobs)
{
    for (const RequestJob &job : jobs) {
        if (m_issuing) {
            startRequest(job, -1);
        } else {
            m_ctx->outstanding.fetch_sub(1, std::memory_order_relaxed);
        }
    }
}

void Worker::startRequest(const RequestJob &job, int vuId, bool chained)
{
    auto *runner = new RequestRunner(*m_ctx, *this, job, this);
    m_runners.insert(runner);
    if (vuId >= 0)
        m_runnerVu.insert(runner, vuId);
    if (vuId >= 0 || chained)
        m_ctx->outstanding.fetch_add(1, std::memory_order_relaxed); // open-model jobs count at dispatch
    runner->start();
}

void Worker::requestFinished(RequestRunner *runner, metrics::RequestOutcome &&outcome)
{
    m_ctx->addSpend(outcome);
    // A conversation goes on after a turn that succeeded (a failed one ends it: what the model
    // said is unknown); its next turn carries the reply.
    std::optional<RequestJob> next;
    if (outcome.turn > 0 && outcome.succeeded())
        next = m_ctx->nextTurn(runner->job(), runner->reply(), m_rng);
    m_pending.append(std::move(outcome));
    const int vuId = release(runner);
    if (vuId >= 0 && m_vus.contains(vuId)) {
        m_vus[vuId].nextTurn = std::move(next);
    } else if (vuId < 0 && next && m_issuing && !m_ctx->overBudget()) {
        next->scheduledNs = m_ctx->clock.nowNs();
        startRequest(*next, -1, true);
    }
    continueVu(vuId);
    checkDrained();
}

void Worker::requestDropped(RequestRunner *runner)
{
    continueVu(release(runner));
    checkDrained();
}

int Worker::release(RequestRunner *runner)
{
    m_runners.remove(runner);
    int vuId = -1;
    if (auto it = m_runnerVu.find(runner); it != m_runnerVu.end()) {
        vuId = it.value();
        m_runnerVu.erase(it);
    }
    runner->deleteLater();
    m_ctx->outstanding.fetch_sub(1, std::memory_order_relaxed);
    return vuId;
}

void Worker::continueVu(int vuId)
{
    if (vuId < 0 || !m_vus.contains(vuId))
        return;
    Vu &vu = m_vus[vuId];
    vu.busy = false;
    // Over budget: the engine is about to stop the run; the VU starts nothing more.
    if (vu.retiring || !m_issuing || m_ctx->overBudget())
        retireVu(vuId);
    else
        scheduleNextIteration(vuId);
}

void Worker::notice(const QString &text)
{
    Q_EMIT noticeRaised(text);
}

void Worker::sweep()
{
    const std::int64_t now = m_ctx->clock.nowNs();
    const QList<RequestRunner *> runners = m_runners.values(); // a deadline abort removes from m_runners
    for (RequestRunner *runner : runners)
        runner->checkDeadline(now);
    if (now >= m_nextReapNs) {
        m_nextReapNs = now + kReapIntervalNs;
        if (m_transport->reapIdle(now) > 0)
            m_trimWanted = true; // the spike that needed those managers is over, so is its memory
        if (m_trimWanted && releaseFreedMemory())
            m_trimWanted = false;
    }
}

void Worker::flush()
{
    if (m_pending.isEmpty())
        return;
    // Hand the batch over rather than clear() it: clear() on a list whose queued copy the receiver
    // has already dropped destroys the elements in place after only a relaxed read of the count,
    // which orders nothing after the receiver's reads; releasing our reference does.
    const QList<metrics::RequestOutcome> batch = std::exchange(m_pending, {});
    Q_EMIT outcomesReady(batch);
}

void Worker::checkDrained()
{
    if (m_issuing || m_drainSignalled || !m_runners.isEmpty() || !m_vus.isEmpty())
        return;
    m_drainSignalled = true;
    flush();
    Q_EMIT drained(m_index);
}

void Worker::stopIssuing()
{
    m_issuing = false;
    const QList<RequestRunner *> runners = m_runners.values(); // a drop removes from m_runners
    for (RequestRunner *runner : runners)
        runner->dropIfWaitingForCap(); // not sent yet: never sent (docs/metrics.md, "Quotas and spend")
    const QList<int> ids = m_vus.keys();
    for (int id : ids) {
        if (!m_vus[id].busy)
            retireVu(id);
    }
    checkDrained();
}

void Worker::cancelAll()
{
    m_issuing = false;
    const QList<RequestRunner *> runners = m_runners.values();
    for (RequestRunner *runner : runners)
        runner->cancel();
    const QList<int> ids = m_vus.keys();
    for (int id : ids)
        retireVu(id);
    checkDrained();
}

void Worker::shutdown()
{
    qDeleteAll(m_runners);
    m_runners.clear();
    m_transport.reset();
}

} // namespace stampede::engine
