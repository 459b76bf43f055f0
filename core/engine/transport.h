#pragma once
// The transport seam: how one HTTP attempt reaches the server and how what comes back reaches the
// request runner. Two implementations sit behind it (docs/architecture.md):
//   QtTransport   — pools of QNetworkAccessManager (Qt's TLS and proxy stack; a Qt HTTP thread per
//                   manager, 6 HTTP/1.1 connections each),
//   CurlTransport — one libcurl multi handle per worker, driven by the worker's own event loop
//                   through one epoll descriptor (no thread per connection group).
// A transport lives on its worker's thread and calls its clients on that thread only. Everything
// above the seam (SSE decoding, classification, retries, checks, deadlines) is shared.

#include "metrics/requestoutcome.h"
#include "protocol/gatewayheaders.h"
#include "scenario/scenario.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QUrl>

#include <cstdint>
#include <memory>
#include <vector>

namespace stampede::engine {

class RunContext;

/// What went wrong below HTTP, in words both transports can say.
enum class TransportError : std::uint8_t {
    None,
    ConnectionRefused,
    RemoteClosed, ///< the peer closed or reset the connection mid-exchange
    HostNotFound,
    Timeout, ///< the transport's own timeout (ours are set to none: the worker's sweep decides)
    Tls,
    Proxy, ///< the proxy (target.proxy) could not be resolved, reached, or refused the request
    Protocol, ///< not HTTP as the transport understands it (bad status line, HTTP/2 framing, ...)
    Aborted, ///< Exchange::abort() was called
    Other,
};

/// How one attempt ended. Sent exactly once per started exchange.
struct TransportResult {
    TransportError error = TransportError::None;
    QString message; ///< the transport's own words; the runner redacts it before keeping it
    int status = 0; ///< final HTTP status, 0 when no response head arrived
    bool http2 = false;
    QByteArray retryAfter; ///< the final response's Retry-After header, raw
    QByteArray location; ///< the final response's Location header (transports never follow redirects)
    /// The final response's headers that RunContext::capturePatterns selects, in arrival order: at
    /// most metrics::kMaxCapturedHeaders, each value at most metrics::kMaxHeaderValueBytes.
    std::vector<metrics::CapturedHeader> headers;
};

/// The receiving end of one attempt (the request runner). Called on the transport's thread.
class TransportClient
{
public:
    virtual ~TransportClient() = default;
    /// The request went out on an established connection (the latency clock starts here).
    virtual void transportSent(std::int64_t nowNs) = 0;
    /// The final response's status line and headers arrived (1xx and followed redirects are not reported).
    virtual void transportHead(int status, std::int64_t nowNs) = 0;
    /// Response body bytes (decoded: chunked framing and content encoding removed). `bytes` is
    /// only valid during the call.
    virtual void transportData(QByteArrayView bytes, std::int64_t nowNs) = 0;
    /// The attempt is over; the Exchange is gone once this returns. May come synchronously from
    /// Exchange::abort().
    virtual void transportFinished(const TransportResult &result, std::int64_t nowNs) = 0;
};

/// One attempt in flight. Owned by the transport; valid until transportFinished() returns.
class Exchange
{
public:
    virtual ~Exchange() = default;
    /// Stops the attempt; transportFinished(Aborted) follows, at once or (when called from inside
    /// one of this exchange's callbacks) as soon as the callback returns to the transport.
    virtual void abort() = 0;
};

/// What a transport is asked to send: always a POST of a prebuilt body to the model's URL
/// (RunContext::requestUrl()), with the headers of the model's protocol.
struct TransportRequest {
    int model = 0; ///< RunContext::models index: URL and headers
    bool stream = false;
    const QByteArray *body = nullptr; ///< owned by the RunContext; lives for the whole run
    /// A same-origin redirect's target (the runner follows redirects itself); null: the model's URL.
    const QUrl *url = nullptr;
    /// A paired run's request to the direct target (RunContext::directEndpoint): its URL and headers.
    bool direct = false;
};

class Transport
{
public:
    virtual ~Transport() = default;
    /// Starts one attempt; the client hears of it through its callbacks, the first one never
    /// before this returns.
    virtual Exchange *start(const TransportRequest &request, TransportClient &client) = 0;
    /// Called by the worker's sweep about once a second: give back what a past spike needed.
    /// Returns how many connection groups were released.
    virtual int reapIdle(std::int64_t nowNs) = 0;
    /// Connection groups open (Qt: managers, each with a thread; curl: 1).
    virtual int groupCount() const = 0;
};

/// Keeps one response header line ("Name: value", CRLF optional) in `headers` when `patterns`
/// selects it and the bound allows: the transports' shared capture rule.
void captureHeader(QByteArrayView name, QByteArrayView value, const protocol::HeaderPatterns &patterns,
    std::vector<metrics::CapturedHeader> &headers);

/// The transport that runs a target: "auto" is curl (docs/benchmarks.md says why), except where
/// this libcurl cannot do what the target asks (transportFallback()); then Qt.
scenario::TransportKind resolveTransport(const scenario::Target &target);
/// Why curl cannot run `target` with the libcurl this process links, or empty. Today: libcurl
/// before 8.0.0 (Debian 12 has 7.88.1) breaks every reuse of an h2c prior-knowledge connection
/// ("Error in the HTTP2 framing layer", curl issue 10634), so h2c runs on Qt there.
QString transportFallback(const scenario::Target &target);
/// "qt" or "curl", and the library versions behind it, e.g. "curl (libcurl 7.88.1, nghttp2 1.52.0)".
QString describeTransport(scenario::TransportKind kind);
/// A transport of `kind` (resolved: Qt or Curl) for one worker, created on the worker's thread.
std::unique_ptr<Transport> makeTransport(scenario::TransportKind kind, RunContext &context);

} // namespace stampede::engine
