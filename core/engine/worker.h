#pragma once
// A load-generating thread's object. Lives on its own QThread (moved there by the engine); owns its
// QNetworkAccessManagers, every QNetworkReply and every timer it uses — all created in init() or
// later, never in the constructor. Commands arrive as queued calls; outcomes leave in batches as
// queued signals (no locks on the hot path).

#include "engine/requestrunner.h"
#include "engine/runcontext.h"
#include "metrics/requestoutcome.h"

#include <QList>
#include <QSet>
#include <QObject>
#include <QRandomGenerator>

#include <memory>
#include <vector>

class QNetworkAccessManager;
class QTimer;

namespace stampede::engine {

class Worker : public QObject, public RequestHost {
    Q_OBJECT
public:
    Worker(int index, std::shared_ptr<RunContext> context);
    ~Worker() override;

    int index() const { return m_index; }

    // Commands (call through queued invocations from the engine thread).
    void init();
    void startJobs(const QList<stampede::engine::RequestJob> &jobs); ///< open model
    void setVuTarget(int vus); ///< closed model
    void stopIssuing(); ///< graceful stop: finish what is in flight, start nothing new
    void cancelAll(); ///< end everything in flight as cancelled
    void shutdown(); ///< delete managers (before the thread quits)

    // RequestHost
    QNetworkAccessManager *acquireManager() override;
    void releaseManager(QNetworkAccessManager *manager, bool multiplexed) override;
    void requestFinished(RequestRunner *runner, metrics::RequestOutcome &&outcome) override;
    void notice(const QString &text) override;

    /// Managers in the pool (each has a Qt HTTP thread and its connections).
    int managerCount() const { return int(m_pool.size()); }
    /// A manager with nothing outstanding for this long is deleted (its thread and connections
    /// with it), except the last one: the pool grows with load spikes and shrinks after them.
    static constexpr std::int64_t kManagerIdleNs = 30'000'000'000;
    void setManagerIdleNs(std::int64_t idleNs) { m_managerIdleNs = idleNs; }
    /// Deletes the managers idle for the idle time at run-clock time `nowNs`, keeping at least one;
    /// returns how many. The sweep calls it about once a second (and when some go, has glibc give
    /// the memory freed since back to the system); tests call it with a virtual time.
    int reapIdleManagers(std::int64_t nowNs);

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
    };
    struct PoolSlot {
        QNetworkAccessManager *manager = nullptr;
        int outstanding = 0;
        bool hasRoom = true; ///< listed in m_slotsWithRoom
        std::int64_t idleSinceNs = 0; ///< run-clock time `outstanding` last dropped to 0
    };

    void startRequest(const RequestJob &job, int vuId);
    void startVuIteration(int vuId);
    void scheduleNextIteration(int vuId);
    void adjustVus();
    void retireVu(int vuId);
    void sweep();
    void flush();
    void checkDrained();
    int slotCapacity() const;

    const int m_index;
    std::shared_ptr<RunContext> m_ctx;
    QRandomGenerator m_rng;
    std::vector<PoolSlot> m_pool;
    std::vector<int> m_slotsWithRoom; ///< indexes into m_pool below capacity (stack)
    QHash<QNetworkAccessManager *, int> m_slotOf;
    std::int64_t m_managerIdleNs = kManagerIdleNs;
    std::int64_t m_nextReapNs = 0;
    bool m_trimWanted = false; ///< managers were reaped: give the memory of that spike back
    bool m_multiplexSeen = false;
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
