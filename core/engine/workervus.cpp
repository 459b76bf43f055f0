// Worker: the closed model. Each VU loops request -> think time -> request while it is wanted;
// a VU above the target retires at the end of its current request (k6's graceful ramp-down).
#include "engine/worker.h"

#include <QTimer>

namespace stampede::engine {

void Worker::setVuTarget(int vus)
{
    m_vuTarget = std::max(0, vus);
    adjustVus();
}

void Worker::adjustVus()
{
    if (!m_issuing || m_ctx->overBudget())
        return;
    int active = 0;
    for (const Vu &vu : std::as_const(m_vus))
        active += vu.retiring ? 0 : 1;
    while (active < m_vuTarget) {
        const int id = m_nextVuId++;
        Vu vu;
        vu.id = id;
        m_vus.insert(id, vu);
        m_ctx->vus.fetch_add(1, std::memory_order_relaxed);
        ++active;
        startVuIteration(id);
    }
    if (active > m_vuTarget) {
        // Retire the newest VUs first, so the oldest keep their connections warm.
        QList<int> ids = m_vus.keys();
        std::sort(ids.begin(), ids.end(), std::greater<int>());
        for (int id : ids) {
            if (active <= m_vuTarget)
                break;
            Vu &vu = m_vus[id];
            if (vu.retiring)
                continue;
            --active;
            if (vu.busy)
                vu.retiring = true;
            else
                retireVu(id);
        }
    }
}

void Worker::startVuIteration(int vuId)
{
    auto it = m_vus.find(vuId);
    if (it == m_vus.end() || !m_issuing)
        return;
    it->busy = true;
    const std::int64_t now = m_ctx->clock.nowNs();
    m_ctx->noteVuStart(now);
    if (std::optional<RequestJob> turn = std::exchange(it->nextTurn, std::nullopt)) {
        turn->scheduledNs = now;
        startRequest(*turn, vuId);
    } else {
        startRequest(m_ctx->makeJob(now, m_rng), vuId);
    }
}

void Worker::scheduleNextIteration(int vuId)
{
    const auto &load = m_ctx->scenario.load;
    const qint64 span = load.thinkTimeMaxMs - load.thinkTimeMinMs;
    const qint64 pause = load.thinkTimeMinMs + (span > 0 ? qint64(m_rng.bounded(double(span))) : 0);
    Vu &vu = m_vus[vuId];
    if (!vu.thinkTimer) {
        vu.thinkTimer = new QTimer(this);
        vu.thinkTimer->setSingleShot(true);
        vu.thinkTimer->setTimerType(Qt::PreciseTimer);
        connect(vu.thinkTimer, &QTimer::timeout, this, [this, vuId] { startVuIteration(vuId); });
    }
    vu.busy = false; // thinking: may be retired at once
    vu.thinkTimer->start(int(pause));
}

void Worker::retireVu(int vuId)
{
    auto it = m_vus.find(vuId);
    if (it == m_vus.end())
        return;
    if (it->thinkTimer) {
        // Later, not now: a VU may retire from inside its own think timer's timeout (its next
        // request refused at once: the budget is spent).
        it->thinkTimer->stop();
        it->thinkTimer->deleteLater();
    }
    m_vus.erase(it);
    m_ctx->vus.fetch_sub(1, std::memory_order_relaxed);
}

} // namespace stampede::engine
