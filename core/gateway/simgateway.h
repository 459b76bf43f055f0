#pragma once
// The built-in simulated gateway: `stampede gateway --port 8080`, the "builtin" base URL of a
// scenario, and the server of the integration tests and benchmarks.
//
// Routes (router.h): POST /v1/chat/completions, /v1/responses, /v1/messages and Gemini's
// {prefix}/models/{model}:generateContent / :streamGenerateContent, streamed (SSE, chunked) or not;
// GET /v1/models (in the shape of the protocol the request speaks), /metrics, /v1/usage/current.
// HTTP/1.1 with keep-alive and pipelining; see GatewayConfig for the models' speed and the injected
// failures, which are the same in every protocol.

#include "gatewayconfig.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

class QThread;

namespace stampede::gateway {

class GatewayWorker;
struct SharedState;

/// Lives in the thread that creates it; call it from that thread only. It needs no event loop there:
/// connections are accepted and served by its own handler threads (the first one also accepts).
class SimGateway : public QObject
{
    Q_OBJECT
public:
    explicit SimGateway(QObject *parent = nullptr);
    ~SimGateway() override; ///< stops

    /// Starts config.threads handler threads and listens on address:port (0 = a free port). False with
    /// errorString() when the config is invalid or the port cannot be bound. Stops a running gateway first.
    bool start(const GatewayConfig &config, quint16 port = 0, const QHostAddress &address = QHostAddress::LocalHost);
    /// Added to the nice value of the handler threads the next start() creates (> 0 lowers their
    /// priority, e.g. for the desktop app's built-in gateway; 0 leaves them alone).
    void setThreadNice(int nice) { m_threadNice = nice; }
    /// Closes the listener and every connection (in-flight responses are dropped) and joins the threads.
    void stop();

    bool isRunning() const { return !m_workers.isEmpty(); }
    quint16 port() const { return m_port; }
    /// http://127.0.0.1:PORT/v1 (the bound address when it is a specific one; loopback for Any).
    QUrl baseUrl() const;
    QString errorString() const { return m_error; }
    /// The config being served (default-constructed when not running).
    GatewayConfig config() const;

    /// Responses finished since start: complete ones, errors and cut ones; stalled requests are not counted.
    quint64 requestsServed() const;
    /// Generation requests (of every protocol) answered since start (the sum of GET /metrics'
    /// stampede_gateway_requests_total).
    qint64 chatRequestsAnswered() const;
    /// Of those, the answers sent whole that were a tool call (GET /metrics' stampede_gateway_tool_calls_total),
    /// and the ones of them whose arguments were broken (broken_tool_args_rate).
    qint64 toolCallsAnswered() const;
    qint64 brokenToolCallsAnswered() const;
    /// Client connections open right now.
    int openConnections() const;

    /// How late the scheduled writes (delayed answers, stream chunks) left, since start: the gateway's
    /// own contribution to measured latency. On an idle machine the mean is about 0.5 ms (timers have
    /// millisecond granularity); a growing mean says the gateway itself is the bottleneck.
    struct Lateness {
        quint64 events = 0;
        double meanMs = 0;
        double maxMs = 0;
    };
    Lateness lateness() const;

private:
    std::shared_ptr<SharedState> m_shared;
    QList<QThread *> m_threads;
    QList<GatewayWorker *> m_workers;
    QHostAddress m_address;
    quint16 m_port = 0;
    QString m_error;
    int m_threadNice = 0;
};

/// Raises this process's soft limit on open files towards the hard limit (a client and the gateway in
/// one process need two descriptors per connection: 5,000 streams are 10,000 descriptors). Returns the
/// soft limit in force afterwards; 0 where the platform has no such limit.
quint64 raiseOpenFileLimit(quint64 wanted = 65536);

} // namespace stampede::gateway
