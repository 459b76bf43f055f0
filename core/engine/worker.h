#pragma once
// A load-generating thread's object. Lives on its own QThread (moved there by the engine); owns its
// transport (engine/transport.h: a pool of QNetworkAccessManagers or a libcurl multi handle), the
// request runners and every timer it uses — all created in init() or later, never in the constructor. Commands arrive
// as queued calls; outcomes leave in batches as queued signals (no locks on the hot path).

#include "engine/requestrunner.h"
#include "engine/runcontext.h"
#include "metrics/requestoutcome.h"

#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QSet>

#include <functional>
#include <memory>
#include <vector>

class QTimer;

namespace stampede::engine {

class Worker : public QObject, public RequestHost
{
    Q_OBJECT
public:
    Worker(int index, std::shared_ptr<RunContext> context);
    ~Worker() override;

    int index() const { return m_index; }

    /// Makes the worker's transport instead of makeTransport(): tests and benchmarks inject a
    /// transport (e.g. one that answers without a network). Call before init(); init() calls it on
    /// the worker's thread.
    using TransportFactory = std::function<std::unique_ptr<Transport>(RunContext &)>;
    void setTransportFactory(TransportFactory factory) { m_transportFactory = std::move(factory); }

    // Commands (call through queued invocations from the engine thread).
    void init();
    void startJobs(const QList<stampede::engine::RequestJob> &jobs); ///< open model
    void setVuTarget(int vus); ///< closed model
    void stopIssuing(); ///< graceful stop: finish what is in flight, start nothing new
    void cancelAll(); ///< end everything in flight as cancelled
    void shutdown(); ///< end what is in flight and delete the transport (before the thread quits)

    // RequestHost
    Transport &transport() override;
    void requestFinished(RequestRunner *runner, metrics::RequestOutcome &&outcome) override;
    void notice(const QString &text) override;
    void requestDropped(RequestRunner *runner) override;

Q_SIGNALS:
    void outcomesReady(const QList<stampede::metrics::RequestOutcome> &outcomes);
    /// After stopIssuing() or cancelAll(): nothing is in flight and every outcome has been emitted.
    void drained(int workerIndex);
    void noticeRaised(const QString &text);

private:
    struct Vu {
        int id = 0;
        bool retiring = false;
        QTimer *thinkTimer = nullptr;
        bool busy = false;
        /// The next turn of the VU's conversation (scenario "conversation"); unset: a new one starts.
        std::optional<RequestJob> nextTurn;
    };
    /// `chained`: an open model's conversation turn that follows its previous one (counted in
    /// `outstanding` here, as a VU's request is, not at dispatch).
    void startRequest(const RequestJob &job, int vuId, bool chained = false);
    void startVuIteration(int vuId);
    void scheduleNextIteration(int vuId);
    void adjustVus();
    void retireVu(int vuId);
    void sweep();
    void flush();
    void checkDrained();
    /// Forgets a runner that has ended; returns the VU it belonged to (-1: an open-model job).
    int release(RequestRunner *runner);
    /// After a VU's request ended: retire the VU, or start its next iteration after the think time.
    void continueVu(int vuId);

    const int m_index;
    std::shared_ptr<RunContext> m_ctx;
    QRandomGenerator m_rng;
    TransportFactory m_transportFactory; ///< empty: makeTransport() for the scenario's transport
    std::unique_ptr<Transport> m_transport;
    std::int64_t m_nextReapNs = 0;
    bool m_trimWanted = false; ///< managers were reaped: give the memory of that spike back
    QSet<RequestRunner *> m_runners; ///< in flight or waiting to retry
    QHash<RequestRunner *, int> m_runnerVu; ///< closed model: which VU a request belongs to
    QHash<int, Vu> m_vus;
    int m_vuTarget = 0;
    int m_nextVuId = 0;
    bool m_issuing = true;
    bool m_drainSignalled = false;
    QList<metrics::RequestOutcome> m_pending;
    QTimer *m_flushTimer = nullptr;
    QTimer *m_sweepTimer = nullptr;
};

} // namespace stampede::engine
