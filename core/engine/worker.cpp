#include "engine/worker.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace stampede::engine {

namespace {
constexpr int kHttp1ConnectionsPerManager = 6; ///< Qt 6.4's fixed per-host limit per manager
constexpr int kStreamsPerHttp2Manager = 100; ///< below the common SETTINGS_MAX_CONCURRENT_STREAMS of 128
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
    for (PoolSlot &slot : m_pool)
        delete slot.manager;
}

void Worker::init()
{
    Q_ASSERT(QThread::currentThread() == thread());
    m_flushTimer = new QTimer(this);
    connect(m_flushTimer, &QTimer::timeout, this, &Worker::flush);
    m_flushTimer->start(kFlushIntervalMs);
    m_sweepTimer = new QTimer(this);
    connect(m_sweepTimer, &QTimer::timeout, this, &Worker::sweep);
    m_sweepTimer->start(kSweepIntervalMs);
}

int Worker::slotCapacity() const
{
    return (m_ctx->endpoint.multiplexed() || m_multiplexSeen) ? kStreamsPerHttp2Manager : kHttp1ConnectionsPerManager;
}

QNetworkAccessManager *Worker::acquireManager()
{
    const int capacity = slotCapacity();
    while (!m_slotsWithRoom.empty()) {
        PoolSlot &slot = m_pool[m_slotsWithRoom.back()];
        if (slot.outstanding < capacity) {
            if (++slot.outstanding >= capacity) {
                slot.hasRoom = false;
                m_slotsWithRoom.pop_back();
            }
            return slot.manager;
        }
        slot.hasRoom = false;
        m_slotsWithRoom.pop_back();
    }
    auto *manager = new QNetworkAccessManager; // no parent: deleted in shutdown()/destructor, after replies
    manager->setProxy(QNetworkProxy::NoProxy);
    manager->setAutoDeleteReplies(false);
    manager->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    m_pool.push_back({ manager, 1, capacity > 1 });
    m_slotOf.insert(manager, int(m_pool.size()) - 1);
    if (capacity > 1)
        m_slotsWithRoom.push_back(int(m_pool.size()) - 1);
    return manager;
}

void Worker::releaseManager(QNetworkAccessManager *manager, bool multiplexed)
{
    if (multiplexed)
        m_multiplexSeen = true;
    const int index = m_slotOf.value(manager, -1);
    if (index < 0)
        return;
    PoolSlot &slot = m_pool[index];
    if (--slot.outstanding == 0)
        slot.idleSinceNs = m_ctx->clock.nowNs();
    if (!slot.hasRoom && slot.outstanding < slotCapacity()) {
        slot.hasRoom = true;
        m_slotsWithRoom.push_back(index);
    }
}

int Worker::reapIdleManagers(std::int64_t nowNs)
{
    const auto reapable
        = [&](const PoolSlot &slot) { return slot.outstanding == 0 && nowNs - slot.idleSinceNs >= m_managerIdleNs; };
    const auto idle = std::count_if(m_pool.cbegin(), m_pool.cend(), reapable);
    if (idle == 0)
        return 0;
    // Keep one: when every manager may go, the one used last (its connections are the warmest).
    std::size_t keep = m_pool.size();
    if (std::size_t(idle) == m_pool.size()) {
        keep = std::size_t(std::max_element(m_pool.cbegin(), m_pool.cend(),
                               [](const PoolSlot &a, const PoolSlot &b) { return a.idleSinceNs < b.idleSinceNs; })
            - m_pool.cbegin());
    }
    std::vector<int> newIndex(m_pool.size(), -1);
    std::vector<PoolSlot> kept;
    kept.reserve(m_pool.size() - std::size_t(idle) + 1);
    for (std::size_t i = 0; i < m_pool.size(); ++i) {
        if (i != keep && reapable(m_pool[i])) {
            delete m_pool[i].manager; // joins its HTTP thread; its finished replies go with it
            continue;
        }
        newIndex[i] = int(kept.size());
        kept.push_back(m_pool[i]);
    }
    const int reaped = int(m_pool.size() - kept.size());
    m_pool = std::move(kept);
    // Idle slots all have room, so they are in the stack: drop them, keep the order of the rest.
    std::vector<int> withRoom;
    withRoom.reserve(m_slotsWithRoom.size());
    for (int index : m_slotsWithRoom) {
        if (newIndex[std::size_t(index)] >= 0)
            withRoom.push_back(newIndex[std::size_t(index)]);
    }
    m_slotsWithRoom = std::move(withRoom);
    m_slotOf.clear();
    for (std::size_t i = 0; i < m_pool.size(); ++i)
        m_slotOf.insert(m_pool[i].manager, int(i));
    return reaped;
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

void Worker::startRequest(const RequestJob &job, int vuId)
{
    auto *runner = new RequestRunner(*m_ctx, *this, job, this);
    m_runners.insert(runner);
    if (vuId >= 0) {
        m_runnerVu.insert(runner, vuId);
        m_ctx->outstanding.fetch_add(1, std::memory_order_relaxed); // open-model jobs count at dispatch
    }
    runner->start();
}

void Worker::requestFinished(RequestRunner *runner, metrics::RequestOutcome &&outcome)
{
    m_pending.append(std::move(outcome));
    m_runners.remove(runner);
    int vuId = -1;
    if (auto it = m_runnerVu.find(runner); it != m_runnerVu.end()) {
        vuId = it.value();
        m_runnerVu.erase(it);
    }
    runner->deleteLater();
    m_ctx->outstanding.fetch_sub(1, std::memory_order_relaxed);
    if (vuId >= 0 && m_vus.contains(vuId)) {
        Vu &vu = m_vus[vuId];
        vu.busy = false;
        if (vu.retiring || !m_issuing)
            retireVu(vuId);
        else
            scheduleNextIteration(vuId);
    }
    checkDrained();
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
        if (reapIdleManagers(now) > 0)
            m_trimWanted = true; // the spike that needed those managers is over, so is its memory
        if (m_trimWanted && releaseFreedMemory())
            m_trimWanted = false;
    }
}

void Worker::flush()
{
    if (m_pending.isEmpty())
        return;
    Q_EMIT outcomesReady(m_pending);
    m_pending.clear();
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
    for (PoolSlot &slot : m_pool)
        delete slot.manager;
    m_pool.clear();
    m_slotOf.clear();
    m_slotsWithRoom.clear();
}

} // namespace stampede::engine
