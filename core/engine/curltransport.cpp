#include "engine/curltransport.h"

#include "engine/connectionoptions.h"
#include "engine/runcontext.h"

#include <QSocketNotifier>
#include <QTimer>

#include <curl/curl.h>

#include <sys/epoll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

namespace stampede::engine {

namespace {
constexpr int kEventsPerWake = 256; ///< epoll events handled per notifier activation
constexpr qsizetype kMaxLocationBytes = 2048; ///< of a redirect's Location, kept for its message

void initCurlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

TransportError transportError(CURLcode code, long osErrno, bool viaProxy)
{
    switch (code) {
    case CURLE_OK:
        return TransportError::None;
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_PROXY:
        return TransportError::Proxy;
    case CURLE_COULDNT_CONNECT: // through a proxy, the proxy is the only host curl connects to
        return viaProxy               ? TransportError::Proxy
            : osErrno == ECONNREFUSED ? TransportError::ConnectionRefused
                                      : TransportError::Other;
    case CURLE_COULDNT_RESOLVE_HOST:
        return TransportError::HostNotFound;
    case CURLE_OPERATION_TIMEDOUT:
        return TransportError::Timeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_USE_SSL_FAILED:
        return TransportError::Tls;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
        return TransportError::RemoteClosed;
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_TOO_MANY_REDIRECTS:
        return TransportError::Protocol;
    default:
        return TransportError::Other;
    }
}

/// target.tls and target.proxy on a new easy handle (ConnectionOptions lives as long as the run).
void setConnectionOptions(CURL *easy, const ConnectionOptions &conn)
{
    if (const QByteArray &bundle = conn.curlCaBundle(); !bundle.isEmpty()) {
        // The system bundle and ca_file together: CURLOPT_CAINFO alone would replace the system store.
        curl_blob blob { const_cast<char *>(bundle.constData()), size_t(bundle.size()), CURL_BLOB_NOCOPY };
        curl_easy_setopt(easy, CURLOPT_CAINFO_BLOB, &blob);
    }
    if (!conn.clientCertFile().isEmpty()) {
        curl_easy_setopt(easy, CURLOPT_SSLCERT, conn.clientCertFile().constData());
        curl_easy_setopt(easy, CURLOPT_SSLCERTTYPE, "PEM");
        curl_easy_setopt(easy, CURLOPT_SSLKEY, conn.clientKeyFile().constData());
        curl_easy_setopt(easy, CURLOPT_SSLKEYTYPE, "PEM");
    }
    if (conn.insecure()) {
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    // "" = no proxy, never one from the environment (as the Qt transport); null = the environment's.
    if (!conn.curlProxy().isNull())
        curl_easy_setopt(easy, CURLOPT_PROXY, conn.curlProxy().constData());
    // The CONNECT answer is the proxy's, not the server's: keep it away from the header callback.
    curl_easy_setopt(easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
}

bool startsWithNoCase(QByteArrayView line, QByteArrayView prefix)
{
    return line.size() >= prefix.size() && qstrnicmp(line.data(), prefix.data(), prefix.size()) == 0;
}
} // namespace

/// One easy handle and the attempt on it. Pooled by the transport and reused across attempts (the
/// options that never change are set once); connections live in the multi handle's cache.
class CurlExchange final : public Exchange
{
public:
    CurlExchange(CurlTransport &transport, CURL *easy)
        : m_transport(transport)
        , m_easy(easy)
    {
    }
    ~CurlExchange() override { curl_easy_cleanup(m_easy); }

    void abort() override
    {
        if (!m_active || m_abortRequested)
            return;
        m_abortRequested = true;
        if (m_transport.m_curlDepth > 0)
            m_transport.m_deferredAborts.push_back(this); // curl is on the stack: not now
        else
            m_transport.abortNow(this);
    }

    static size_t onHeader(char *data, size_t size, size_t count, void *self)
    {
        auto *x = static_cast<CurlExchange *>(self);
        const size_t n = size * count;
        if (x->m_abortRequested)
            return 0;
        const QByteArrayView line(data, qsizetype(n));
        if (line.startsWith("HTTP/")) { // a new response head (a 1xx, or the final one)
            x->m_retryAfter.clear();
            x->m_location.clear();
            x->m_headers.clear();
            return n;
        }
        if (line == "\r\n" || line == "\n") {
            long status = 0;
            curl_easy_getinfo(x->m_easy, CURLINFO_RESPONSE_CODE, &status);
            if (status >= 200 && !x->m_headSeen) {
                x->m_headSeen = true;
                x->m_status = int(status);
                x->m_client->transportHead(int(status), x->m_transport.m_ctx.clock.nowNs());
            }
            return x->m_abortRequested ? 0 : n;
        }
        // A header line: kept when the scenario's capture_headers selects it (trailers too, which a
        // gateway may use for timing sent after the body).
        if (const qsizetype colon = line.indexOf(':'); colon > 0 && !x->m_transport.m_ctx.capturePatterns.isEmpty())
            captureHeader(
                line.first(colon), line.sliced(colon + 1), x->m_transport.m_ctx.capturePatterns, x->m_headers);
        if (startsWithNoCase(line, "retry-after:")) {
            x->m_retryAfter = line.sliced(12).trimmed().toByteArray();
        } else if (startsWithNoCase(line, "location:")) {
            x->m_location = line.sliced(9).trimmed().toByteArray().left(kMaxLocationBytes);
        }
        return x->m_abortRequested ? 0 : n;
    }

    static size_t onBody(char *data, size_t size, size_t count, void *self)
    {
        auto *x = static_cast<CurlExchange *>(self);
        const size_t n = size * count;
        if (x->m_abortRequested)
            return 0;
        x->m_client->transportData(QByteArrayView(data, qsizetype(n)), x->m_transport.m_ctx.clock.nowNs());
        return x->m_abortRequested ? 0 : n;
    }

    static int onPrereq(void *self, char *, char *, int, int)
    {
        auto *x = static_cast<CurlExchange *>(self);
        if (x->m_abortRequested)
            return CURL_PREREQFUNC_ABORT;
        x->m_client->transportSent(x->m_transport.m_ctx.clock.nowNs());
        return x->m_abortRequested ? CURL_PREREQFUNC_ABORT : CURL_PREREQFUNC_OK;
    }

    CurlTransport &m_transport;
    CURL *const m_easy;
    TransportClient *m_client = nullptr;
    bool m_active = false;
    bool m_abortRequested = false;
    bool m_headSeen = false;
    QByteArray m_location; ///< the final response's Location header
    bool m_reaped = false; ///< marked for deletion by reapIdle()
    int m_status = 0;
    QByteArray m_retryAfter;
    std::vector<metrics::CapturedHeader> m_headers; ///< captured (RunContext::capturePatterns), of the latest head
    char m_error[CURL_ERROR_SIZE] = {};
};

CurlTransport::CurlTransport(RunContext &context)
    : m_ctx(context)
{
    initCurlOnce();
    m_multi = curl_multi_init();
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    CURLM *multi = static_cast<CURLM *>(m_multi);
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &CurlTransport::onSocket);
    curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &CurlTransport::onTimer);
    curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
    curl_multi_setopt(multi, CURLMOPT_PIPELINING, long(CURLPIPE_MULTIPLEX));

    m_notifier = std::make_unique<QSocketNotifier>(m_epoll, QSocketNotifier::Read);
    QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [this] { socketReady(); });
    m_timer = std::make_unique<QTimer>();
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    QObject::connect(m_timer.get(), &QTimer::timeout, m_timer.get(), [this] { timerFired(); });

    for (int route = 0; route < (m_ctx.paired() ? 2 : 1); ++route) {
        const Endpoint &endpoint = route == 0 ? m_ctx.endpoint : m_ctx.directEndpoint;
        for (qsizetype model = 0; model < m_ctx.models.size(); ++model) {
            m_url[route].push_back(m_ctx.requestUrl(int(model), route == 1).toString(QUrl::FullyEncoded).toUtf8());
            curl_slist *list = nullptr;
            const auto headers = endpoint.headers(m_ctx.models[model].stream, m_ctx.models[model].protocol);
            for (const auto &[name, value] : headers)
                list = curl_slist_append(list, QByteArray(name + ": " + value).constData());
            list = curl_slist_append(list, "Expect:"); // no 100-continue round trip before the body
            m_headers[route].push_back(list);
        }
        // Wait for a multiplexed connection's streams rather than open one per request — only where
        // HTTP/2 is possible: over cleartext http:// with "auto", curl would otherwise hold a request
        // until a connection still waiting for its answer (a stalled one) says it cannot multiplex,
        // and the wait would count against connect_timeout.
        using scenario::Http2Mode;
        const Http2Mode mode = m_ctx.scenario.target.http2;
        const bool tls = endpoint.baseUrl().scheme() == QLatin1StringView("https");
        m_mayMultiplex[route] = mode == Http2Mode::H2c || (tls && mode != Http2Mode::Http1);
    }
}

CurlTransport::~CurlTransport()
{
    CURLM *multi = static_cast<CURLM *>(m_multi);
    for (auto &exchange : m_all) {
        if (exchange->m_active) {
            curl_multi_remove_handle(multi, exchange->m_easy);
            exchange->m_active = false;
        }
    }
    m_all.clear(); // easy handles first, then the multi handle that held their connections
    m_notifier.reset();
    curl_multi_cleanup(multi);
    for (auto &route : m_headers) {
        for (void *list : route)
            curl_slist_free_all(static_cast<curl_slist *>(list));
    }
    if (m_epoll >= 0)
        ::close(m_epoll);
}

QString CurlTransport::versionText()
{
    initCurlOnce();
    const curl_version_info_data *info = curl_version_info(CURLVERSION_NOW);
    QString text = QStringLiteral("libcurl ") + QString::fromLatin1(info->version);
    if (info->ssl_version)
        text += QStringLiteral(", ") + QString::fromLatin1(info->ssl_version);
    if (info->nghttp2_version)
        text += QStringLiteral(", nghttp2 ") + QString::fromLatin1(info->nghttp2_version);
    return text;
}

bool CurlTransport::reusesH2cConnections()
{
    initCurlOnce();
    return curl_version_info(CURLVERSION_NOW)->version_num >= 0x080000;
}

Exchange *CurlTransport::start(const TransportRequest &request, TransportClient &client)
{
    CurlExchange *x = nullptr;
    if (!m_free.empty()) {
        x = m_free.back();
        m_free.pop_back();
    } else {
        CURL *easy = curl_easy_init();
        m_all.push_back(std::make_unique<CurlExchange>(*this, easy));
        x = m_all.back().get();
        using scenario::Http2Mode;
        const Http2Mode mode = m_ctx.scenario.target.http2;
        curl_easy_setopt(easy, CURLOPT_POST, 1L);
        curl_easy_setopt(easy, CURLOPT_PRIVATE, x);
        curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, x->m_error);
        curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &CurlExchange::onHeader);
        curl_easy_setopt(easy, CURLOPT_HEADERDATA, x);
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &CurlExchange::onBody);
        curl_easy_setopt(easy, CURLOPT_WRITEDATA, x);
        curl_easy_setopt(easy, CURLOPT_PREREQFUNCTION, &CurlExchange::onPrereq);
        curl_easy_setopt(easy, CURLOPT_PREREQDATA, x);
        curl_easy_setopt(easy, CURLOPT_HTTP_VERSION,
            mode == Http2Mode::Http1     ? long(CURL_HTTP_VERSION_1_1)
                : mode == Http2Mode::H2c ? long(CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE)
                                         : long(CURL_HTTP_VERSION_2TLS));
        // Never follow a redirect: the key must not travel to an origin the user did not configure,
        // and a POST turned into a GET is not the request under test (as the Qt transport).
        curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
        setConnectionOptions(easy, m_ctx.endpoint.connection());
        curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, ""); // every encoding this libcurl decodes, as Qt does
        curl_easy_setopt(easy, CURLOPT_TCP_NODELAY, 1L);
    }
    CURL *easy = x->m_easy;
    // Set on every start: a pooled handle may last have followed one of the runner's redirects.
    const int route = request.direct ? 1 : 0;
    curl_easy_setopt(easy, CURLOPT_URL,
        request.url ? request.url->toString(QUrl::FullyEncoded).toUtf8().constData()
                    : m_url[route][std::size_t(request.model)].constData());
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, static_cast<curl_slist *>(m_headers[route][std::size_t(request.model)]));
    curl_easy_setopt(easy, CURLOPT_PIPEWAIT, m_mayMultiplex[route] ? 1L : 0L);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body->constData());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body->size()));
    x->m_client = &client;
    x->m_active = true;
    x->m_abortRequested = x->m_headSeen = false;
    x->m_location.clear();
    x->m_status = 0;
    x->m_retryAfter.clear();
    x->m_headers.clear();
    x->m_error[0] = '\0';
    m_peakInFlight = std::max(m_peakInFlight, ++m_inFlight);
    if (const CURLMcode added = curl_multi_add_handle(static_cast<CURLM *>(m_multi), easy); added != CURLM_OK) {
        // Only when curl itself is out of memory or misused; reported on the next pass, never inside start().
        std::strncpy(x->m_error, curl_multi_strerror(added), CURL_ERROR_SIZE - 1);
        x->m_abortRequested = false;
        QTimer::singleShot(0, m_timer.get(), [this, x] {
            if (x->m_active)
                finish(x, CURLE_FAILED_INIT);
        });
    }
    return x;
}

int CurlTransport::onSocket(void *, int fd, int what, void *self, void *)
{
    auto *t = static_cast<CurlTransport *>(self);
    epoll_event event {};
    event.data.fd = fd;
    if (what == CURL_POLL_REMOVE) {
        epoll_ctl(t->m_epoll, EPOLL_CTL_DEL, fd, nullptr); // may already be gone with the descriptor
        return 0;
    }
    event.events = ((what & CURL_POLL_IN) ? EPOLLIN : 0u) | ((what & CURL_POLL_OUT) ? EPOLLOUT : 0u);
    if (epoll_ctl(t->m_epoll, EPOLL_CTL_MOD, fd, &event) != 0 && errno == ENOENT)
        epoll_ctl(t->m_epoll, EPOLL_CTL_ADD, fd, &event);
    return 0;
}

int CurlTransport::onTimer(void *, long timeoutMs, void *self)
{
    // curl asks after nearly every socket action. Re-arming a QTimer each time costs more than the
    // transfer's own work, so the timer is only moved earlier: a wake-up that comes too soon costs
    // one curl_multi_socket_action(CURL_SOCKET_TIMEOUT), after which curl asks again.
    auto *t = static_cast<CurlTransport *>(self);
    if (timeoutMs < 0)
        return 0; // "no timeout": a pending wake-up is harmless
    const std::int64_t deadline = t->m_ctx.clock.nowNs() + std::int64_t(timeoutMs) * 1'000'000;
    if (t->m_timer->isActive() && t->m_timerDeadlineNs <= deadline)
        return 0;
    t->m_timerDeadlineNs = deadline;
    t->m_timer->start(int(std::min<long>(timeoutMs, 24L * 3600 * 1000))); // never call curl from here
    return 0;
}

void CurlTransport::action(int fd, int flags)
{
    int running = 0;
    ++m_curlDepth;
    curl_multi_socket_action(static_cast<CURLM *>(m_multi), curl_socket_t(fd), flags, &running);
    --m_curlDepth;
}

void CurlTransport::socketReady()
{
    epoll_event events[kEventsPerWake];
    const int count = epoll_wait(m_epoll, events, kEventsPerWake, 0);
    for (int i = 0; i < count; ++i) {
        int flags = 0;
        if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLRDHUP))
            flags |= CURL_CSELECT_IN;
        if (events[i].events & EPOLLOUT)
            flags |= CURL_CSELECT_OUT;
        if (events[i].events & EPOLLERR)
            flags |= CURL_CSELECT_ERR;
        action(events[i].data.fd, flags);
    }
    collectDone();
}

void CurlTransport::timerFired()
{
    action(int(CURL_SOCKET_TIMEOUT), 0);
    collectDone();
}

void CurlTransport::collectDone()
{
    // Aborts asked for while curl was on the stack, then every transfer curl reports done.
    while (!m_deferredAborts.empty()) {
        CurlExchange *x = m_deferredAborts.back();
        m_deferredAborts.pop_back();
        if (x->m_active && x->m_abortRequested)
            abortNow(x);
    }
    int queued = 0;
    while (CURLMsg *message = curl_multi_info_read(static_cast<CURLM *>(m_multi), &queued)) {
        if (message->msg != CURLMSG_DONE)
            continue;
        CurlExchange *x = nullptr;
        curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &x);
        if (x && x->m_active)
            finish(x, message->data.result);
    }
}

void CurlTransport::abortNow(CurlExchange *exchange)
{
    finish(exchange, CURLE_ABORTED_BY_CALLBACK);
}

void CurlTransport::finish(CurlExchange *x, int code)
{
    const std::int64_t now = m_ctx.clock.nowNs();
    CURL *easy = x->m_easy;
    curl_multi_remove_handle(static_cast<CURLM *>(m_multi), easy);
    TransportResult result;
    long status = 0, version = 0, osErrno = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(easy, CURLINFO_HTTP_VERSION, &version);
    curl_easy_getinfo(easy, CURLINFO_OS_ERRNO, &osErrno);
    result.status = x->m_headSeen ? x->m_status : int(status);
    result.http2 = version == CURL_HTTP_VERSION_2_0;
    result.retryAfter = std::move(x->m_retryAfter);
    result.location = std::move(x->m_location);
    result.headers = std::move(x->m_headers);
    x->m_headers.clear();
    const bool viaProxy = m_ctx.endpoint.connection().usesProxy();
    result.error = x->m_abortRequested ? TransportError::Aborted : transportError(CURLcode(code), osErrno, viaProxy);
    if (result.error != TransportError::None) {
        result.message = x->m_abortRequested ? QStringLiteral("Operation canceled")
            : x->m_error[0]                  ? QString::fromUtf8(x->m_error)
                                             : QString::fromUtf8(curl_easy_strerror(CURLcode(code)));
    }
    // Headers without end: libcurl stops at 300 KB in all ("Too large response headers") or 100 KB
    // a line (reported as out of memory). Either is the server's malformed answer, not a reset.
    if (!x->m_abortRequested && !x->m_headSeen
        && ((code == CURLE_RECV_ERROR && result.message.contains(QLatin1String("Too large response headers")))
            || code == CURLE_OUT_OF_MEMORY)) {
        result.error = TransportError::Protocol;
        result.message = QStringLiteral("response headers larger than libcurl's limit (300 KB in all, 100 KB a "
                                        "line): ")
            + result.message;
    }
    // TLS 1.3 finishes the client's handshake before the server checks it: a refusal (e.g. "tlsv13
    // alert certificate required" from a server that demands a client certificate) arrives as a
    // TLS alert on the first read, which is still a TLS failure, not a reset.
    if (result.error == TransportError::RemoteClosed && !x->m_headSeen
        && result.message.contains(QLatin1String("alert")) && result.message.contains(QLatin1String("SSL")))
        result.error = TransportError::Tls;
    long connectCode = 0;
    curl_easy_getinfo(easy, CURLINFO_HTTP_CONNECTCODE, &connectCode);
    if (viaProxy && !x->m_abortRequested && (connectCode >= 300 || (connectCode == 0 && result.status == 407))) {
        result.error = TransportError::Proxy; // the proxy refused the tunnel, or wants credentials
        if (result.message.isEmpty())
            result.message = QStringLiteral("the proxy answered HTTP %1").arg(connectCode ? connectCode : 407);
    }
    TransportClient *client = x->m_client;
    x->m_active = false;
    x->m_client = nullptr;
    --m_inFlight;
    m_free.push_back(x); // may be handed out again from inside the client's callback
    client->transportFinished(result, now);
}

int CurlTransport::reapIdle(std::int64_t)
{
    // Keep as many spare handles as were last needed at once; free the rest of a past spike.
    const std::size_t keep = std::size_t(std::max(0, m_peakInFlight - m_inFlight));
    m_peakInFlight = m_inFlight;
    if (m_free.size() <= keep)
        return 0;
    for (std::size_t i = keep; i < m_free.size(); ++i)
        m_free[i]->m_reaped = true;
    m_free.resize(keep);
    std::erase_if(m_all, [](const std::unique_ptr<CurlExchange> &x) { return x->m_reaped; });
    return 0; // handles, not connection groups: curl closes idle connections itself
}

} // namespace stampede::engine
