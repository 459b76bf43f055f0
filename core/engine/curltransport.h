#pragma once
// The libcurl transport: one curl multi handle per worker, driven by the worker's own Qt event loop.
// Lives on its worker's thread; no thread of its own.
//
//   curl sockets --(CURLMOPT_SOCKETFUNCTION)--> one epoll set --(one QSocketNotifier)--> Qt loop
//   curl timeout --(CURLMOPT_TIMERFUNCTION)---> one precise QTimer
//   readable/timer -> curl_multi_socket_action -> write/header callbacks -> TransportClient
//
// Qt polls a single descriptor however many connections are open, and a callback hands the
// client curl's own buffer (no copy, no queued event). Connections are reused from the multi
// handle's cache; HTTP/1.1 opens as many as there are requests in flight, HTTP/2 (h2c, or h2
// over TLS via ALPN) multiplexes, waiting for a connection's streams rather than opening one per
// request (CURLOPT_PIPEWAIT).

#include "engine/transport.h"

#include <memory>
#include <vector>

class QSocketNotifier;
class QTimer;

namespace stampede::engine {

class CurlExchange;

class CurlTransport final : public Transport
{
public:
    explicit CurlTransport(RunContext &context);
    ~CurlTransport() override;
    CurlTransport(const CurlTransport &) = delete;
    CurlTransport &operator=(const CurlTransport &) = delete;

    Exchange *start(const TransportRequest &request, TransportClient &client) override;
    /// Frees the easy handles kept for reuse beyond the most in flight since the last call.
    int reapIdle(std::int64_t nowNs) override;
    int groupCount() const override { return 1; }

    /// "libcurl 7.88.1, OpenSSL/3.0.x, nghttp2 1.52.0" (what this process links).
    static QString versionText();
    /// False for libcurl before 8.0.0: reusing an h2c prior-knowledge connection fails there.
    static bool reusesH2cConnections();

private:
    friend class CurlExchange;
    static int onSocket(void *easy, int fd, int what, void *self, void *socketData);
    static int onTimer(void *multi, long timeoutMs, void *self);
    void socketReady();
    void timerFired();
    void action(int fd, int flags);
    void collectDone();
    void finish(CurlExchange *exchange, int code);
    void abortNow(CurlExchange *exchange);

    RunContext &m_ctx;
    void *m_multi = nullptr; ///< CURLM*
    int m_epoll = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
    std::unique_ptr<QTimer> m_timer;
    /// route 1: a paired run's direct target.
    std::vector<void *> m_headers[2]; ///< [route][model] curl_slist of Endpoint::headers() in the model's protocol
    std::vector<QByteArray> m_url[2]; ///< [route][model] RunContext::requestUrl(), encoded
    bool m_mayMultiplex[2] = { false, false }; ///< [route] CURLOPT_PIPEWAIT

    std::vector<std::unique_ptr<CurlExchange>> m_all;
    std::vector<CurlExchange *> m_free;
    std::vector<CurlExchange *> m_deferredAborts; ///< abort() while curl was on the stack
    std::int64_t m_timerDeadlineNs = 0; ///< when m_timer fires, on the run clock
    int m_curlDepth = 0; ///< > 0 while inside curl_multi_socket_action
    int m_inFlight = 0;
    int m_peakInFlight = 0; ///< since the last reapIdle()
};

} // namespace stampede::engine
