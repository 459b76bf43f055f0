#pragma once
// Measures how late the GUI thread's event loop runs: a precise timer asks for a tick every
// `interval` ms and records how much later than that each tick arrived. Anything that blocks the
// GUI thread (a slow redraw, a synchronous call) shows up as lateness. To tell where lateness
// comes from, the window also records how long each of its repaints took. Lives on the GUI thread.

#include "ui/windows/samplering.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace stampede::ui {

class EventLagProbe : public QObject
{
    Q_OBJECT
public:
    /// Keeps the lateness of the ticks of the last `windowMs` (2000 samples by default).
    explicit EventLagProbe(QObject *parent = nullptr, int intervalMs = 5, int windowMs = 10000);

    void start();
    void stop();
    bool isActive() const { return m_tick.isActive(); }

    /// Tick lateness over the window, in ms (0 without samples).
    double percentileMs(double p) const { return m_lag.percentile(p); }
    double p99Ms() const { return m_lag.percentile(99.0); }
    double maxMs() const { return m_lag.max(); }
    int sampleCount() const { return m_lag.count(); }

    /// Share of one core the GUI thread used over the last report period (0..100): separates
    /// "the GUI thread does too much" (high) from "the GUI thread waits for a CPU" (low, yet late).
    double busyPercent() const { return m_busyPercent; }

    /// One repaint of the window took `ms` (recorded by the window; the last 256 are kept).
    void recordRepaint(double ms) { m_repaints.add(ms); }
    const SampleRing &repaints() const { return m_repaints; }

Q_SIGNALS:
    /// Twice a second while running: the current p99 and max over the window.
    void updated(double p99Ms, double maxMs);

private:
    void tick();
    void report();

    QTimer m_tick;
    QTimer m_report;
    QElapsedTimer m_clock;
    qint64 m_lastNs = -1;
    int m_intervalMs;
    SampleRing m_lag;
    SampleRing m_repaints { 256 };
    qint64 m_lastReportNs = 0;
    qint64 m_lastCpuNs = 0;
    double m_busyPercent = 0;
};

} // namespace stampede::ui
