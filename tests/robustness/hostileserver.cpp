#include "hostileserver.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <functional>

namespace stampede::test {

namespace {

qint64 nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

constexpr qsizetype kMaxRequestBytes = 1024 * 1024;
constexpr int kStallMs = 60000; ///< "forever" for a test whose client gives up after 2 s

} // namespace

/// One accepted socket and the primitives a misbehaviour is written with. Every primitive returns
/// false once the peer is gone or the server stops, so no answer outlives its client.
class Connection
{
public:
    Connection(int fd, const std::atomic<bool> &stop)
        : m_fd(fd)
        , m_stop(stop)
    {
    }
    bool send(const QByteArray &data)
    {
        qsizetype done = 0;
        while (done < data.size()) {
            if (m_stop)
                return false;
            pollfd p { m_fd, POLLOUT, 0 };
            if (::poll(&p, 1, 100) <= 0)
                continue;
            const ssize_t n = ::send(m_fd, data.constData() + done, size_t(data.size() - done), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            done += n;
        }
        return true;
    }
    /// One HTTP/1.1 chunk (the framing of every stream here).
    bool chunk(const QByteArray &data) { return send(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n"); }
    bool endChunks() { return send("0\r\n\r\n"); }
    /// Waits `ms`, or less when the peer closes (then false).
    bool stall(int ms)
    {
        const qint64 end = nowMs() + ms;
        while (nowMs() < end) {
            if (m_stop)
                return false;
            pollfd p { m_fd, POLLIN | POLLRDHUP, 0 };
            if (::poll(&p, 1, 50) > 0) {
                char byte;
                if (p.revents & (POLLRDHUP | POLLHUP | POLLERR) || ::recv(m_fd, &byte, 1, MSG_PEEK) <= 0)
                    return false;
                std::this_thread::sleep_for(std::chrono::milliseconds(50)); // bytes we do not read yet
            }
        }
        return true;
    }
    /// A TCP reset: SO_LINGER 0 then close. The connection is over.
    bool reset()
    {
        const linger l { 1, 0 };
        ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        return false;
    }
    bool trickle(const QByteArray &data, int gapMs)
    {
        for (const char byte : data)
            if (!send(QByteArray(1, byte)) || !stall(gapMs))
                return false;
        return true;
    }
    /// Writes `block` again and again until the peer or the server gives up, at most `limit` bytes.
    bool repeat(const QByteArray &block, qint64 limit)
    {
        for (qint64 sent = 0; sent < limit; sent += block.size())
            if (!send(block))
                return false;
        return true;
    }

private:
    int m_fd;
    const std::atomic<bool> &m_stop;
};

namespace {

using Request = HostileServer::Request;

QByteArray statusText(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 429:
        return "Too Many Requests";
    default:
        return "Status";
    }
}

QByteArray head(int status, const QByteArray &type, const QByteArray &extra = {})
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + statusText(status) + "\r\nContent-Type: " + type + "\r\n"
        + extra;
}

bool sendBody(Connection &c, int status, const QByteArray &type, const QByteArray &body, const QByteArray &extra = {})
{
    return c.send(head(status, type, extra) + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
}

QByteArray jsonString(const QByteArray &text)
{
    QJsonObject o { { QStringLiteral("s"), QString::fromUtf8(text) } };
    const QByteArray doc = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return doc.mid(5, doc.size() - 6); // {"s":"..."} -> "..."
}

QByteArray errorBody(const QByteArray &message, const QByteArray &type = "invalid_request_error")
{
    return R"({"error":{"message":)" + jsonString(message) + R"(,"type":")" + type + R"(","code":null}})";
}

QByteArray completion(const QByteArray &model, const QByteArray &content = "Hello there, friend.")
{
    return R"({"id":"chatcmpl-1","object":"chat.completion","created":1,"model":)" + jsonString(model)
        + R"(,"choices":[{"index":0,"message":{"role":"assistant","content":)" + jsonString(content)
        + R"(},"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":5,"total_tokens":14}})";
}

QByteArray contentEvent(const QByteArray &model, const QByteArray &content)
{
    return R"(data: {"id":"c","object":"chat.completion.chunk","model":)" + jsonString(model)
        + R"(,"choices":[{"index":0,"delta":{"content":)" + jsonString(content) + "}}]}\n\n";
}

QByteArray finalEvents(const QByteArray &model)
{
    return R"(data: {"id":"c","object":"chat.completion.chunk","model":)" + jsonString(model)
        + R"(,"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})"
          "\n\n"
          R"(data: {"id":"c","object":"chat.completion.chunk","model":)"
        + jsonString(model)
        + R"(,"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":5,"total_tokens":14}})"
          "\n\ndata: [DONE]\n\n";
}

const QByteArray kSseHead = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";

/// A correct answer: the reference every misbehaviour departs from.
bool healthy(
    Connection &c, const Request &r, const QByteArray &model, const QByteArray &content = "Hello there, friend.")
{
    if (!r.stream)
        return sendBody(c, 200, "application/json", completion(model, content));
    return c.send(kSseHead)
        && c.chunk(R"(data: {"id":"c","object":"chat.completion.chunk","model":)" + jsonString(model)
            + R"(,"choices":[{"index":0,"delta":{"role":"assistant"}}]})"
              "\n\n")
        && c.chunk(contentEvent(model, content)) && c.chunk(finalEvents(model)) && c.endChunks();
}

bool httpError(Connection &c, int status, const QByteArray &extra = {})
{
    return sendBody(c, status, "application/json",
        errorBody("hostile server says " + QByteArray::number(status),
            status >= 500 ? "server_error" : "invalid_request_error"),
        extra);
}

QByteArray key(const Request &r)
{
    return r.authorization.startsWith("Bearer ") ? r.authorization.mid(7) : r.authorization;
}

QByteArray httpDateIn(int seconds)
{
    return QLocale::c()
        .toString(QDateTime::currentDateTimeUtc().addSecs(seconds), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .toLatin1();
}

using Behaviour = std::function<bool(Connection &, const Request &, quint16 port, quint16 otherPort)>;

bool redirect(Connection &c, int status, const QByteArray &location)
{
    return c.send(head(status, "text/plain", "Location: " + location + "\r\n") + "Content-Length: 0\r\n\r\n");
}

QByteArray otherUrl(const char *host, quint16 port)
{
    return "http://" + QByteArray(host) + ':' + QByteArray::number(port) + "/v1/chat/completions";
}

const std::vector<std::pair<QByteArray, Behaviour>> &behaviourTable()
{
    static const std::vector<std::pair<QByteArray, Behaviour>> table = [] {
        std::vector<std::pair<QByteArray, Behaviour>> t;
        const auto add = [&t](const char *name, Behaviour b) { t.emplace_back(QByteArray(name), std::move(b)); };
        // Connections that break.
        add("reset_before", [](Connection &c, const Request &, quint16, quint16) { return c.reset(); });
        add("close_before", [](Connection &, const Request &, quint16, quint16) { return false; });
        add("reset_midstream", [](Connection &c, const Request &, quint16, quint16) {
            c.send(kSseHead) && c.chunk(contentEvent("reset_midstream", "partial ")) && c.stall(50);
            return c.reset();
        });
        add("reset_midbody", [](Connection &c, const Request &, quint16, quint16) {
            c.send(head(200, "application/json") + "Content-Length: 4000\r\n\r\n" + completion("x").left(60))
                && c.stall(50);
            return c.reset();
        });
        // Stalls and slowness.
        add("stall_headers",
            [](Connection &c, const Request &, quint16, quint16) { return c.stall(kStallMs) && false; });
        add("stall_midstream", [](Connection &c, const Request &, quint16, quint16) {
            return c.send(kSseHead) && c.chunk(contentEvent("stall_midstream", "then nothing")) && c.stall(kStallMs)
                && false;
        });
        add("stall_midbody", [](Connection &c, const Request &, quint16, quint16) {
            return c.send(head(200, "application/json") + "Content-Length: 4000\r\n\r\n{\"id\":") && c.stall(kStallMs)
                && false;
        });
        add("trickle", [](Connection &c, const Request &, quint16, quint16) {
            const QByteArray body = completion("trickle");
            return c.trickle(head(200, "application/json") + "Content-Length: " + QByteArray::number(body.size())
                    + "\r\n\r\n" + body,
                100);
        });
        add("trickle_stream", [](Connection &c, const Request &, quint16, quint16) {
            return c.send(kSseHead)
                && c.trickle("1000\r\n" + contentEvent("trickle_stream", QByteArray(4000, 'a')), 100);
        });
        // Too much.
        add("endless_events", [](Connection &c, const Request &, quint16, quint16) {
            return c.send(kSseHead)
                && c.repeat("8000\r\n"
                        + contentEvent("endless_events", QByteArray(0x8000 - 400, 'e'))
                              .leftJustified(0x8000, '\n', true)
                        + "\r\n",
                    qint64(1) << 40)
                && false;
        });
        add("endless_line", [](Connection &c, const Request &, quint16, quint16) {
            return c.send(kSseHead + "10000\r\ndata: " + QByteArray(0x10000 - 6, 'x') + "\r\n")
                && c.repeat("10000\r\n" + QByteArray(0x10000, 'x') + "\r\n", qint64(1) << 40) && false;
        });
        add("stream_100mb", [](Connection &c, const Request &, quint16, quint16) {
            const QByteArray event
                = contentEvent("stream_100mb", QByteArray(0x8000 - 400, 's')).leftJustified(0x8000, '\n', true);
            return c.send(kSseHead) && c.repeat("8000\r\n" + event + "\r\n", 100 << 20)
                && c.chunk(finalEvents("stream_100mb")) && c.endChunks();
        });
        add("body_100mb", [](Connection &c, const Request &, quint16, quint16) {
            const qint64 size = 100 << 20;
            return c.send(head(200, "application/json") + "Content-Length: " + QByteArray::number(size)
                       + "\r\n\r\n{\"pad\":\"")
                && c.repeat(QByteArray(1 << 16, 'b'), size - 10) && false;
        });
        add("endless_headers", [](Connection &c, const Request &, quint16, quint16) {
            return c.send("HTTP/1.1 200 OK\r\n")
                && c.repeat(QByteArray("X-Pad: ") + QByteArray(90, 'h') + "\r\n", qint64(1) << 40) && false;
        });
        add("endless_header_line", [](Connection &c, const Request &, quint16, quint16) {
            return c.send("HTTP/1.1 200 OK\r\nX-Pad: ") && c.repeat(QByteArray(1 << 16, 'h'), qint64(1) << 40) && false;
        });
        // Not what was asked for.
        add("bad_json_body", [](Connection &c, const Request &, quint16, quint16) {
            return sendBody(c, 200, "application/json", R"({"id":"x","choices":[{"message":{"content":"unterminated)");
        });
        add("bad_json_chunk", [](Connection &c, const Request &, quint16, quint16) {
            return c.send(kSseHead) && c.chunk("data: {\"choices\":[{\"delta\":{\"content\":\"x\"\n\ndata: [DONE]\n\n")
                && c.endChunks();
        });
        add("empty_200",
            [](Connection &c, const Request &, quint16, quint16) { return sendBody(c, 200, "application/json", {}); });
        add("not_http", [](Connection &c, const Request &, quint16, quint16) {
            static const char garbage[]
                = "\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\xff\xfe garbage \x00\x01\x02\r\n\r\n";
            c.send(QByteArray(garbage, sizeof garbage - 1));
            return false;
        });
        add("not_http_text", [](Connection &c, const Request &, quint16, quint16) {
            c.send("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\nProtocol mismatch.\r\n");
            return false;
        });
        add("bad_gzip", [](Connection &c, const Request &, quint16, quint16) {
            return sendBody(
                c, 200, "application/json", "this is not gzip at all, not even close", "Content-Encoding: gzip\r\n");
        });
        add("bad_gzip_stream", [](Connection &c, const Request &, quint16, quint16) {
            return c.send("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Encoding: "
                          "gzip\r\nTransfer-Encoding: chunked\r\n\r\n")
                && c.chunk("\x1f\x8b\x08\x00 this is a gzip magic and then garbage") && c.endChunks();
        });
        add("error_200", [](Connection &c, const Request &, quint16, quint16) {
            return sendBody(c, 200, "application/json",
                errorBody("The upstream model is overloaded (hostile-marker-7)", "server_error"));
        });
        add("utf8_json", [](Connection &c, const Request &, quint16, quint16) {
            const QByteArray body = completion("utf8_json", "ok OK").replace("ok OK", "ok \xff\xfe\xc3( OK");
            return sendBody(c, 200, "application/json", body);
        });
        add("utf8_stream", [](Connection &c, const Request &, quint16, quint16) {
            return c.send(kSseHead)
                && c.chunk(contentEvent("utf8_stream", "ok OK").replace("ok OK", "ok \xff\xfe\xc3( OK"))
                && c.chunk(finalEvents("utf8_stream")) && c.endChunks();
        });
        // Every status with an OpenAI error body; Retry-After in every form.
        for (const int status : { 400, 401, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504 })
            t.emplace_back(
                "status_" + QByteArray::number(status), [status](Connection &c, const Request &, quint16, quint16) {
                    return httpError(c, status, status == 429 || status == 503 ? "Retry-After: 0\r\n" : "");
                });
        add("retry_after_seconds",
            [](Connection &c, const Request &, quint16, quint16) { return httpError(c, 429, "Retry-After: 1\r\n"); });
        add("retry_after_date", [](Connection &c, const Request &, quint16, quint16) {
            return httpError(c, 503, "Retry-After: " + httpDateIn(1) + "\r\n");
        });
        add("retry_after_garbage", [](Connection &c, const Request &, quint16, quint16) {
            return httpError(c, 429, "Retry-After: soon, maybe; \xff\r\n");
        });
        add("retry_after_huge", [](Connection &c, const Request &, quint16, quint16) {
            return httpError(c, 429, "Retry-After: 86400\r\n");
        });
        // Redirects to another origin: another port, another host name.
        for (const int status : { 301, 302, 307, 308 })
            t.emplace_back("redirect_" + QByteArray::number(status),
                [status](Connection &c, const Request &, quint16, quint16 other) {
                    return redirect(c, status, otherUrl("127.0.0.1", other));
                });
        for (const int status : { 307, 308 })
            t.emplace_back("redirect_" + QByteArray::number(status) + "_localhost",
                [status](Connection &c, const Request &, quint16 port, quint16) {
                    return redirect(c, status, otherUrl("localhost", port));
                });
        // The key sent back in every place a client might keep text from a server.
        add("echo_text", [](Connection &c, const Request &r, quint16, quint16) {
            return sendBody(c, 200, "text/plain", "your key is " + key(r) + " and nothing else");
        });
        add("echo_nonsse", [](Connection &c, const Request &r, quint16, quint16) {
            return c.send(kSseHead) && c.chunk("hello " + key(r) + "\nthis is not server-sent events\n\n")
                && c.endChunks();
        });
        add("echo_error_json", [](Connection &c, const Request &r, quint16, quint16) {
            return sendBody(
                c, 401, "application/json", errorBody("Incorrect API key provided: " + key(r) + ". Check it."));
        });
        add("echo_stream_reset", [](Connection &c, const Request &r, quint16, quint16) {
            c.send(kSseHead) && c.chunk(contentEvent("echo_stream_reset", "the key is " + key(r)))
                && c.chunk("data: " + key(r) + "\n") && c.stall(50);
            return c.reset();
        });
        add("echo_bearer", [](Connection &c, const Request &r, quint16, quint16) {
            return sendBody(c, 500, "text/plain", "upstream rejected Authorization: " + r.authorization);
        });
        add("echo_model", [](Connection &c, const Request &r, quint16, quint16) { return healthy(c, r, key(r)); });
        add("echo_content", [](Connection &c, const Request &r, quint16, quint16) {
            return healthy(c, r, "echo_content", "you sent " + r.authorization);
        });
        add("echo_200_error", [](Connection &c, const Request &r, quint16, quint16) {
            return sendBody(c, 200, "application/json", errorBody("key " + key(r) + " is over quota"));
        });
        add("echo_sse_error", [](Connection &c, const Request &r, quint16, quint16) {
            return c.send(kSseHead) && c.chunk("data: " + errorBody("bad key " + r.authorization) + "\n\n")
                && c.endChunks();
        });
        add("echo_location", [](Connection &c, const Request &r, quint16, quint16 other) {
            return redirect(c, 302, otherUrl("127.0.0.1", other) + "?api_key=" + key(r));
        });
        add("echo_header", [](Connection &c, const Request &r, quint16, quint16) {
            return httpError(
                c, 500, "X-Echo: " + r.authorization + "\r\nWWW-Authenticate: Bearer realm=\"" + key(r) + "\"\r\n");
        });
        add("restart", [](Connection &c, const Request &r, quint16, quint16) { return healthy(c, r, "restart"); });
        return t;
    }();
    return table;
}

} // namespace

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
