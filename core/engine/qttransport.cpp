#include "engine/qttransport.h"

#include "engine/runcontext.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPointer>

#include <algorithm>

namespace stampede::engine {

namespace {
constexpr int kHttp1ConnectionsPerManager = 6; ///< Qt 6.4's fixed per-host limit per manager
constexpr int kStreamsPerHttp2Manager = 100; ///< below the common SETTINGS_MAX_CONCURRENT_STREAMS of 128

TransportError transportError(QNetworkReply::NetworkError error, int status)
{
    const int code = int(error);
    // Qt reports 4xx/5xx as "content"/"server" errors; the status says it all.
    if (status > 0 && ((code >= 201 && code < 300) || (code >= 401 && code < 500)))
        return TransportError::None;
    if (isProxyError(error))
        return TransportError::Proxy;
    switch (error) {
    case QNetworkReply::NoError:
        return TransportError::None;
    case QNetworkReply::ConnectionRefusedError:
        return TransportError::ConnectionRefused;
    case QNetworkReply::RemoteHostClosedError:
        return TransportError::RemoteClosed;
    case QNetworkReply::HostNotFoundError:
        return TransportError::HostNotFound;
    case QNetworkReply::TimeoutError:
        return TransportError::Timeout;
    case QNetworkReply::SslHandshakeFailedError:
        return TransportError::Tls;
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::ProtocolInvalidOperationError:
        return TransportError::Protocol;
    case QNetworkReply::OperationCanceledError:
        return TransportError::Aborted;
    default:
        return TransportError::Other;
    }
}
} // namespace

/// One attempt on a QNetworkReply. Lives on the worker's thread; deletes itself once finished.
class QtExchange final : public QObject, public Exchange
{
public:
    QtExchange(QtTransport &transport, TransportClient &client, QNetworkAccessManager *manager, QNetworkReply *reply)
        : m_transport(transport)
        , m_client(client)
        , m_manager(manager)
        , m_reply(reply)
    {
        connect(reply, &QNetworkReply::requestSent, this, [this] { m_client.transportSent(now()); });
        connect(reply, &QNetworkReply::metaDataChanged, this, &QtExchange::onHead);
        connect(reply, &QNetworkReply::readyRead, this, &QtExchange::onReadyRead);
        connect(reply, &QNetworkReply::finished, this, &QtExchange::onFinished);
    }

    void abort() override
    {
        if (m_reply)
            m_reply->abort(); // finished() follows synchronously
    }

private:
    std::int64_t now() const { return m_transport.m_ctx.clock.nowNs(); }

    void onHead()
    {
        if (m_headSeen)
            return;
        m_headSeen = true;
        m_status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        m_client.transportHead(m_status, now());
    }

    void onReadyRead()
    {
        const std::int64_t t = now();
        onHead();
        if (!m_reply || !m_reply->isOpen())
            return;
        const QByteArray bytes = m_reply->readAll();
        if (!bytes.isEmpty())
            m_client.transportData(bytes, t);
    }

    void onFinished()
    {
        QNetworkReply *reply = m_reply;
        const std::int64_t end = now();
        TransportResult result;
        result.status = m_status ? m_status : reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.error = transportError(reply->error(), result.status);
        // An aborted reply is closed: reading it would only print "device not open".
        if (reply->isOpen() && (reply->error() == QNetworkReply::NoError || result.status > 0)) {
            const QByteArray rest = reply->readAll();
            if (!rest.isEmpty()) {
                if (!m_headSeen)
                    onHead();
                m_client.transportData(rest, end);
            }
        }
        if (result.error != TransportError::None)
            result.message = reply->errorString();
        // Through a proxy every connection goes to the proxy: failing to connect, or a refused
        // CONNECT (Qt: "Proxy denied connection"), is the proxy's failure, not the server's.
        if (m_transport.m_ctx.endpoint.connection().usesProxy() && !m_headSeen
            && (result.error == TransportError::ConnectionRefused || result.error == TransportError::HostNotFound
                || (result.error == TransportError::Other
                    && result.message.contains(QLatin1String("proxy"), Qt::CaseInsensitive))))
            result.error = TransportError::Proxy;
        result.retryAfter = reply->rawHeader(QByteArrayLiteral("Retry-After"));
        result.location = reply->rawHeader(QByteArrayLiteral("Location")).left(2048);
        if (!m_transport.m_ctx.capturePatterns.isEmpty()) {
            for (const auto &[name, value] : reply->rawHeaderPairs())
                captureHeader(name, value, m_transport.m_ctx.capturePatterns, result.headers);
        }
        result.http2 = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
        m_transport.releaseManager(m_manager, result.http2);
        reply->disconnect(this);
        reply->deleteLater();
        m_reply = nullptr;
        deleteLater();
        m_client.transportFinished(result, end);
    }

    QtTransport &m_transport;
    TransportClient &m_client;
    QNetworkAccessManager *m_manager;
    QPointer<QNetworkReply> m_reply;
    bool m_headSeen = false;
    int m_status = 0;
};

QtTransport::QtTransport(RunContext &context)
    : m_ctx(context)
{
}

QtTransport::~QtTransport()
{
    for (PoolSlot &slot : m_pool)
        delete slot.manager; // joins its HTTP thread; its replies go with it
}

Exchange *QtTransport::start(const TransportRequest &request, TransportClient &client)
{
    QNetworkAccessManager *manager = acquireManager();
    const Endpoint &endpoint = request.direct ? m_ctx.directEndpoint : m_ctx.endpoint;
    const QUrl &url = request.url ? *request.url : m_ctx.requestUrl(request.model, request.direct);
    QNetworkReply *reply
        = manager->post(endpoint.request(url, request.stream, m_ctx.protocolOf(request.model)), *request.body);
    return new QtExchange(*this, client, manager, reply);
}

int QtTransport::slotCapacity() const
{
    return (m_ctx.endpoint.multiplexed() || m_multiplexSeen) ? kStreamsPerHttp2Manager : kHttp1ConnectionsPerManager;
}

QNetworkAccessManager *QtTransport::acquireManager()
{
    const int capacity = slotCapacity();
    while (!m_slotsWithRoom.empty()) {
        PoolSlot &slot = m_pool[m_slotsWithRoom.back()];
        if (slot.outstanding < capacity) {
            if (++slot.outstanding >= capacity) {
                slot.hasRoom = false;
                m_slotsWithRoom.pop_back();
            }
            return slot.manager;
        }
        slot.hasRoom = false;
        m_slotsWithRoom.pop_back();
    }
    auto *manager = new QNetworkAccessManager; // no parent: deleted by reapIdle() or the destructor
    manager->setProxy(m_ctx.endpoint.connection().qtProxy()); // never Qt's application-wide default
    manager->setAutoDeleteReplies(false);
    // Never follow a redirect: NoLessSafeRedirectPolicy would carry Authorization to any origin
    // and turn a 301/302 POST into a body-less GET (shared/QT64_NOTES.md).
    manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_pool.push_back({ manager, 1, capacity > 1 });
    m_slotOf.insert(manager, int(m_pool.size()) - 1);
    if (capacity > 1)
        m_slotsWithRoom.push_back(int(m_pool.size()) - 1);
    return manager;
}

void QtTransport::releaseManager(QNetworkAccessManager *manager, bool multiplexed)
{
    if (multiplexed)
        m_multiplexSeen = true;
    const int index = m_slotOf.value(manager, -1);
    if (index < 0)
        return;
    PoolSlot &slot = m_pool[index];
    if (--slot.outstanding == 0)
        slot.idleSinceNs = m_ctx.clock.nowNs();
    if (!slot.hasRoom && slot.outstanding < slotCapacity()) {
        slot.hasRoom = true;
        m_slotsWithRoom.push_back(index);
    }
}

int QtTransport::reapIdle(std::int64_t nowNs)
{
    const auto reapable
        = [&](const PoolSlot &slot) { return slot.outstanding == 0 && nowNs - slot.idleSinceNs >= m_managerIdleNs; };
    const auto idle = std::count_if(m_pool.cbegin(), m_pool.cend(), reapable);
    if (idle == 0)
        return 0;
    // Keep one: when every manager may go, the one used last (its connections are the warmest).
    std::size_t keep = m_pool.size();
    if (std::size_t(idle) == m_pool.size()) {
        keep = std::size_t(std::max_element(m_pool.cbegin(), m_pool.cend(), [](const PoolSlot &a, const PoolSlot &b) {
            return a.idleSinceNs < b.idleSinceNs;
        }) - m_pool.cbegin());
    }
    std::vector<int> newIndex(m_pool.size(), -1);
    std::vector<PoolSlot> kept;
    kept.reserve(m_pool.size() - std::size_t(idle) + 1);
    for (std::size_t i = 0; i < m_pool.size(); ++i) {
        if (i != keep && reapable(m_pool[i])) {
            delete m_pool[i].manager; // joins its HTTP thread; its finished replies go with it
            continue;
        }
        newIndex[i] = int(kept.size());
        kept.push_back(m_pool[i]);
    }
    const int reaped = int(m_pool.size() - kept.size());
    m_pool = std::move(kept);
    // Idle slots all have room, so they are in the stack: drop them, keep the order of the rest.
    std::vector<int> withRoom;
    withRoom.reserve(m_slotsWithRoom.size());
    for (int index : m_slotsWithRoom) {
        if (newIndex[std::size_t(index)] >= 0)
            withRoom.push_back(newIndex[std::size_t(index)]);
    }
    m_slotsWithRoom = std::move(withRoom);
    m_slotOf.clear();
    for (std::size_t i = 0; i < m_pool.size(); ++i)
        m_slotOf.insert(m_pool[i].manager, int(i));
    return reaped;
}

} // namespace stampede::engine
