#include "hostileconnection.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <unistd.h>

#include <algorithm>

namespace stampede::test {

namespace {
constexpr qsizetype kMaxRequestBytes = 1024 * 1024;
} // namespace

using namespace hostile;

HostileServer::HostileServer()
{
    m_other.other = true;
    if (!openListener(m_main) || !openListener(m_other))
        return;
    m_port = m_main.port;
    m_otherPort = m_other.port;
    m_mainAccept = std::thread([this] { acceptLoop(&m_main); });
    m_otherAccept = std::thread([this] { acceptLoop(&m_other); });
}

HostileServer::~HostileServer()
{
    m_stop = true;
    if (m_mainAccept.joinable())
        m_mainAccept.join();
    if (m_otherAccept.joinable())
        m_otherAccept.join();
    dropConnections();
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(m_mutex);
        threads.swap(m_threads);
    }
    for (std::thread &t : threads)
        t.join();
    for (Listener *l : { &m_main, &m_other })
        if (l->fd >= 0)
            ::close(l->fd);
}

QStringList HostileServer::behaviours()
{
    QStringList names;
    for (const auto &[name, behaviour] : behaviourTable())
        names << QString::fromLatin1(name);
    return names;
}

QByteArray HostileServer::otherOriginBytes() const
{
    std::lock_guard lock(m_mutex);
    return m_otherBytes;
}

bool HostileServer::sawAuthorization(const QByteArray &value) const
{
    std::lock_guard lock(m_mutex);
    return m_authorizations.count(value) > 0;
}

int HostileServer::requestsFor(const QByteArray &model) const
{
    std::lock_guard lock(m_mutex);
    for (const auto &[name, count] : m_counts)
        if (name == model)
            return count;
    return 0;
}

void HostileServer::scheduleRestart(int afterMs, int downMs)
{
    m_upAtMs = nowMs() + afterMs + downMs;
    m_restartAtMs = nowMs() + afterMs;
}

bool HostileServer::openListener(Listener &listener)
{
    listener.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int one = 1;
    ::setsockopt(listener.fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(listener.port);
    socklen_t length = sizeof address;
    if (::bind(listener.fd, reinterpret_cast<sockaddr *>(&address), length) != 0 || ::listen(listener.fd, 256) != 0) {
        ::close(listener.fd);
        listener.fd = -1;
        return false;
    }
    ::getsockname(listener.fd, reinterpret_cast<sockaddr *>(&address), &length);
    listener.port = ntohs(address.sin_port);
    return true;
}

void HostileServer::acceptLoop(Listener *listener)
{
    while (!m_stop) {
        if (!listener->other && m_restartAtMs >= 0 && nowMs() >= m_restartAtMs) {
            m_restartAtMs = -1;
            ::close(listener->fd);
            listener->fd = -1;
            dropConnections();
        }
        if (listener->fd < 0) {
            if (nowMs() >= m_upAtMs && !openListener(*listener))
                m_upAtMs = nowMs() + 50; // the port may still be held a moment: try again
            if (listener->fd < 0) {
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
                continue;
            }
        }
        pollfd p { listener->fd, POLLIN, 0 };
        if (::poll(&p, 1, 20) <= 0)
            continue;
        const int fd = ::accept4(listener->fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0)
            continue;
        std::lock_guard lock(m_mutex);
        m_connections.insert(fd);
        m_threads.emplace_back([this, fd, other = listener->other] { serve(fd, other); });
    }
}

void HostileServer::dropConnections()
{
    std::lock_guard lock(m_mutex);
    for (const int fd : m_connections) {
        const linger l { 1, 0 };
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        ::shutdown(fd, SHUT_RDWR);
    }
}

void HostileServer::serve(int fd, bool other)
{
    QByteArray buffer;
    Request request;
    while (readRequest(fd, other, buffer, request)) {
        {
            std::lock_guard lock(m_mutex);
            auto it = std::find_if(
                m_counts.begin(), m_counts.end(), [&](const auto &p) { return p.first == request.model; });
            if (it == m_counts.end())
                m_counts.emplace_back(request.model, 1);
            else
                ++it->second;
            if (!request.authorization.isEmpty() && m_authorizations.size() < 16)
                m_authorizations.insert(request.authorization);
            // A redirect to "localhost" lands on this very port: record it as another origin's.
            if (request.host.startsWith("localhost"))
                m_otherBytes += request.raw;
        }
        if (!respond(fd, request))
            break;
    }
    std::lock_guard lock(m_mutex);
    m_connections.erase(fd);
    ::close(fd);
}

bool HostileServer::readRequest(int fd, bool other, QByteArray &buffer, Request &request)
{
    for (;;) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end >= 0) {
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request = Request {};
            request.method = first.value(0);
            request.path = first.value(1);
            qsizetype length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                const QByteArray name = lines[i].left(colon).trimmed().toLower(),
                                 value = lines[i].mid(colon + 1).trimmed();
                if (name == "content-length")
                    length = value.toLongLong();
                else if (name == "authorization")
                    request.authorization = value;
                else if (name == "host")
                    request.host = value;
            }
            if (buffer.size() >= end + 4 + length) {
                const QJsonObject body = QJsonDocument::fromJson(buffer.mid(end + 4, length)).object();
                request.model = body.value(QStringLiteral("model")).toString().toUtf8();
                request.stream = body.value(QStringLiteral("stream")).toBool();
                request.raw = buffer.left(end + 4 + length);
                buffer.remove(0, end + 4 + length);
                return true;
            }
        }
        if (buffer.size() > kMaxRequestBytes || m_stop)
            return false;
        pollfd p { fd, POLLIN, 0 };
        if (::poll(&p, 1, 100) <= 0)
            continue;
        char chunk[16384];
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return false;
        buffer.append(chunk, n);
        if (other) { // everything another origin receives, complete request or not
            std::lock_guard lock(m_mutex);
            m_otherBytes.append(chunk, n);
        }
    }
}

bool HostileServer::respond(int fd, const Request &request)
{
    Connection c(fd, m_stop);
    if (request.method == "GET" && request.path.endsWith("/models")) {
        QByteArray data = R"({"id":"healthy","object":"model"})";
        for (const auto &[name, behaviour] : behaviourTable())
            data += R"(,{"id":")" + name + R"(","object":"model"})";
        return sendBody(c, 200, "application/json", R"({"object":"list","data":[)" + data + "]}");
    }
    if (request.method != "POST" || !request.path.endsWith("/chat/completions"))
        return sendBody(c, 404, "application/json", errorBody("no such route"));
    for (const auto &[name, behaviour] : behaviourTable())
        if (name == request.model)
            return behaviour(c, request, m_port, m_otherPort);
    return healthy(c, request, request.model.isEmpty() ? QByteArray("healthy") : request.model);
}

} // namespace stampede::test
