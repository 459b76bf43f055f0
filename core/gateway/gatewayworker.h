#pragma once
// One handler thread of the simulated gateway: its connections, its scheduler and its RNG.

#include "gatewayconfig.h"
#include "gatewaymetrics.h"
#include "model/wireprotocol.h"
#include "prefixcache.h"
#include "ratelimiter.h"
#include "scheduler.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>

#include <atomic>
#include <memory>
#include <random>

class QTcpServer;

namespace stampede::gateway {

class Connection;

/// Read-only after start, except the atomics and the (internally locked) rate limiter.
struct SharedState {
    explicit SharedState(const GatewayConfig &c);

    const GatewayConfig config;
    QList<QByteArray> escapedModels; ///< JSON-escaped model ids answered (substitute_model if set), by model index
    QByteArray modelsBody; ///< GET /models, OpenAI's shape
    QByteArray anthropicModelsBody; ///< GET /models, Anthropic's shape
    QByteArray geminiModelsBody; ///< GET /v1beta/models, Gemini's shape
    QByteArray apiKey; ///< config.apiKey in UTF-8; empty when any key is accepted
    RateLimiter limiter;
    PrefixCache prefixCache; ///< used when config.prefixCache.enabled
    std::atomic<quint64> served { 0 };
    std::atomic<int> open { 0 };
    LatenessCounters lateness;
    // GET /metrics and GET /v1/usage/current (server_metrics).
    GatewayMetrics metrics;

    const QByteArray &modelsBodyFor(model::WireProtocol protocol) const
    {
        return protocol == model::WireProtocol::AnthropicMessages ? anthropicModelsBody
            : protocol == model::WireProtocol::Gemini             ? geminiModelsBody
                                                                  : modelsBody;
    }
};

/// Lives in its handler thread (moved there by SimGateway before the thread starts); every method
/// runs in that thread. Worker 0 also owns the listening socket and deals accepted descriptors
/// round-robin to all workers, itself included.
class GatewayWorker : public QObject
{
    Q_OBJECT
public:
    GatewayWorker(std::shared_ptr<SharedState> shared, int index);
    ~GatewayWorker() override;

    /// Worker 0 only: listens and starts dealing connections to `workers`. False with *error on failure.
    bool listen(const QHostAddress &address, quint16 port, const QList<GatewayWorker *> &workers, quint16 *boundPort,
        QString *error);
    /// Takes over an accepted socket descriptor (closes it if the socket cannot be set up).
    void adopt(qintptr descriptor);
    /// Closes the listener and every connection, then hands this object to `owner` for deletion.
    void shutdown(QThread *owner);

    // For this thread's connections.
    SharedState &shared() { return *m_shared; }
    Scheduler &scheduler() { return *m_scheduler; }
    std::mt19937_64 &rng() { return m_rng; }
    /// A fresh 16-hex-digit id, unique across the gateway's threads.
    QByteArray nextId();
    /// Called by a connection whose socket closed; it deletes itself later.
    void forget(quint64 connectionId);

private:
    void dispatch(qintptr descriptor);
    void onEvent(quint64 key, quint32 tag);

    std::shared_ptr<SharedState> m_shared;
    const int m_index;
    std::mt19937_64 m_rng;
    Scheduler *m_scheduler = nullptr;
    QTcpServer *m_listener = nullptr;
    QList<GatewayWorker *> m_workers; ///< worker 0 only
    quint64 m_nextDeal = 0;
    quint64 m_nextConnectionId = 1;
    quint64 m_idCounter = 0;
    QHash<quint64, Connection *> m_connections;
};

} // namespace stampede::gateway
