#pragma once
// One timer per handler thread for every delayed write of every connection on it.
//
// Thousands of streams each wait for their next chunk; one QTimer per request would cost a timer
// registration per chunk. Instead due events sit in a min-heap on the steady clock and a single
// Qt::PreciseTimer is armed for the earliest one (rounded up to the next millisecond, so an event
// never fires early and fires at most ~1 ms late on an idle machine). Each wake-up fires every event
// that is due, in due order (FIFO for equal times).
//
//   heap: [t=3.2ms c7] [t=3.2ms c9] [t=5.0ms c2] ...     timer armed for ceil(3.2 - now)
//
// Events are (key, tag) pairs handed to one sink: the owner looks the key up and ignores events whose
// tag is stale, so cancelling is free (a closed connection's events simply find nobody).

#include <QObject>

#include <atomic>
#include <functional>
#include <vector>

class QTimer;

namespace stampede::gateway {

/// How late events fire, summed over all schedulers of a gateway (written by their threads).
struct LatenessCounters {
    std::atomic<quint64> events { 0 };
    std::atomic<quint64> lateSumNs { 0 };
    std::atomic<qint64> lateMaxNs { 0 };
};

/// Lives in (and must only be used from) the thread of its parent, a handler.
class Scheduler : public QObject
{
    Q_OBJECT
public:
    using Sink = std::function<void(quint64 key, quint32 tag)>;

    /// counters may be null; else every wake-up adds to them.
    Scheduler(Sink sink, LatenessCounters *counters, QObject *parent = nullptr);

    /// Steady-clock nanoseconds (the time base of every due time).
    static qint64 nowNs();

    /// Fires sink(key, tag) at dueNs; a due time in the past fires on the next event-loop pass.
    void schedule(qint64 dueNs, quint64 key, quint32 tag);
    std::size_t pending() const { return m_heap.size(); }
    /// Drops every pending event and stops the timer.
    void clear();

private:
    struct Event {
        qint64 due;
        quint64 seq;
        quint64 key;
        quint32 tag;
    };
    struct Later {
        bool operator()(const Event &a, const Event &b) const { return a.due != b.due ? a.due > b.due : a.seq > b.seq; }
    };

    void fireDue();
    void arm(qint64 now);

    Sink m_sink;
    LatenessCounters *m_counters;
    std::vector<Event> m_heap;
    QTimer *m_timer = nullptr;
    quint64 m_seq = 0;
    qint64 m_armedFor = 0; ///< due time the timer is armed for; 0 when idle
    bool m_firing = false;
};

} // namespace stampede::gateway
