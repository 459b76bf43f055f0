#include "scheduler.h"

#include <QTimer>

#include <algorithm>
#include <chrono>

namespace stampede::gateway {

Scheduler::Scheduler(Sink sink, LatenessCounters *counters, QObject *parent)
    : QObject(parent)
    , m_sink(std::move(sink))
    , m_counters(counters)
{
}

qint64 Scheduler::nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void Scheduler::schedule(qint64 dueNs, quint64 key, quint32 tag)
{
    m_heap.push_back({ dueNs, m_seq++, key, tag });
    std::push_heap(m_heap.begin(), m_heap.end(), Later {});
    // Re-arm only when this event is earlier than what the timer waits for: most events are later.
    if (!m_firing && (m_armedFor == 0 || dueNs < m_armedFor))
        arm(nowNs());
}

void Scheduler::clear()
{
    m_heap.clear();
    if (m_timer)
        m_timer->stop();
    m_armedFor = 0;
}

void Scheduler::arm(qint64 now)
{
    if (!m_timer) {
        // Created on first use so it is born in the handler's thread.
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        m_timer->setTimerType(Qt::PreciseTimer);
        connect(m_timer, &QTimer::timeout, this, &Scheduler::fireDue);
    }
    if (m_heap.empty()) {
        m_timer->stop();
        m_armedFor = 0;
        return;
    }
    const qint64 due = m_heap.front().due;
    const qint64 waitNs = due - now;
    const int ms = waitNs <= 0 ? 0 : int(qMin<qint64>((waitNs + 999999) / 1000000, 24 * 3600 * 1000));
    m_armedFor = due;
    m_timer->start(ms);
}

void Scheduler::fireDue()
{
    m_firing = true;
    const qint64 now = nowNs();
    quint64 fired = 0;
    qint64 lateSum = 0;
    qint64 lateMax = 0;
    // The sink may schedule more events (a stream's next chunk); those due by `now` fire in this pass.
    while (!m_heap.empty() && m_heap.front().due <= now) {
        std::pop_heap(m_heap.begin(), m_heap.end(), Later {});
        const Event e = m_heap.back();
        m_heap.pop_back();
        const qint64 late = now - e.due;
        ++fired;
        lateSum += late;
        lateMax = qMax(lateMax, late);
        m_sink(e.key, e.tag);
    }
    m_firing = false;
    if (m_counters && fired) {
        m_counters->events.fetch_add(fired, std::memory_order_relaxed);
        m_counters->lateSumNs.fetch_add(quint64(lateSum), std::memory_order_relaxed);
        qint64 seen = m_counters->lateMaxNs.load(std::memory_order_relaxed);
        while (lateMax > seen && !m_counters->lateMaxNs.compare_exchange_weak(seen, lateMax))
            ;
    }
    arm(nowNs());
}

} // namespace stampede::gateway
