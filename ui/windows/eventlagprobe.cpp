#include "ui/windows/eventlagprobe.h"

#include <algorithm>

#include <time.h>

namespace {

qint64 threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

} // namespace

namespace stampede::ui {

EventLagProbe::EventLagProbe(QObject *parent, int intervalMs, int windowMs)
    : QObject(parent)
    , m_intervalMs(std::max(1, intervalMs))
    , m_lag(std::size_t(std::max(1, windowMs / m_intervalMs)))
{
    // A precise timer keeps Qt's own 5% slack out of the measurement.
    m_tick.setTimerType(Qt::PreciseTimer);
    m_tick.setInterval(m_intervalMs);
    connect(&m_tick, &QTimer::timeout, this, &EventLagProbe::tick);
    m_report.setInterval(500);
    connect(&m_report, &QTimer::timeout, this, &EventLagProbe::report);
}

void EventLagProbe::start()
{
    m_lastNs = -1;
    m_clock.start();
    m_lastReportNs = 0;
    m_lastCpuNs = threadCpuNs();
    m_tick.start();
    m_report.start();
}

void EventLagProbe::stop()
{
    m_tick.stop();
    m_report.stop();
}

void EventLagProbe::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    if (m_lastNs >= 0) {
        // Qt keeps a precise timer on its schedule, so a tick that follows a late one may come
        // early; only lateness beyond the interval counts.
        const double lateMs = double(now - m_lastNs) / 1e6 - double(m_intervalMs);
        m_lag.add(std::max(0.0, lateMs));
    }
    m_lastNs = now;
}

void EventLagProbe::report()
{
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 cpu = threadCpuNs();
    if (now > m_lastReportNs)
        m_busyPercent = 100.0 * double(cpu - m_lastCpuNs) / double(now - m_lastReportNs);
    m_lastReportNs = now;
    m_lastCpuNs = cpu;
    Q_EMIT updated(p99Ms(), maxMs());
}

} // namespace stampede::ui
