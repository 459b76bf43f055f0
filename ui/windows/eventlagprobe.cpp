#include "ui/windows/eventlagprobe.h"

#include <algorithm>
#include <QDateTime>

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
    connect(&m_report, &QTimer::timeout, this, [this] { Q_EMIT updated(p99Ms(), maxMs()); });
}

void EventLagProbe::start()
{
    m_lastNs = -1;
    m_clock.start();
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
        if (lateMs > 300) qInfo("DEBUG late %.0f ms at %lld", lateMs, (long long)(QDateTime::currentMSecsSinceEpoch() % 100000));
    }
    m_lastNs = now;
}

} // namespace stampede::ui
