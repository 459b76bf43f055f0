#pragma once
// The QNetworkAccessManager transport. Lives on its worker's thread. Qt 6.4 opens at most 6
// HTTP/1.1 connections per host per manager and gives each manager a thread of its own, so it keeps
// a pool: a manager takes 6 requests over HTTP/1.1 (100 over HTTP/2), the pool grows with the
// requests outstanding and managers idle for kManagerIdleNs are deleted (their thread and
// connections with them), except the last one.

#include "engine/transport.h"

#include <QHash>

#include <vector>

class QNetworkAccessManager;

namespace stampede::engine {

class QtExchange;

class QtTransport final : public Transport
{
public:
    explicit QtTransport(RunContext &context);
    ~QtTransport() override;

    Exchange *start(const TransportRequest &request, TransportClient &client) override;
    /// Deletes the managers idle for the idle time at run-clock time `nowNs`, keeping at least one.
    int reapIdle(std::int64_t nowNs) override;
    int groupCount() const override { return int(m_pool.size()); }

    static constexpr std::int64_t kManagerIdleNs = 30'000'000'000;
    void setManagerIdleNs(std::int64_t idleNs) { m_managerIdleNs = idleNs; }

private:
    friend class QtExchange;
    struct PoolSlot {
        QNetworkAccessManager *manager = nullptr;
        int outstanding = 0;
        bool hasRoom = true; ///< listed in m_slotsWithRoom
        std::int64_t idleSinceNs = 0; ///< run-clock time `outstanding` last dropped to 0
    };

    QNetworkAccessManager *acquireManager();
    void releaseManager(QNetworkAccessManager *manager, bool multiplexed);
    int slotCapacity() const;

    RunContext &m_ctx;
    std::vector<PoolSlot> m_pool;
    std::vector<int> m_slotsWithRoom; ///< indexes into m_pool below capacity (stack)
    QHash<QNetworkAccessManager *, int> m_slotOf;
    std::int64_t m_managerIdleNs = kManagerIdleNs;
    bool m_multiplexSeen = false;
};

} // namespace stampede::engine
