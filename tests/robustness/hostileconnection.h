#pragma once
// Internal to the hostile server: one connection's primitives and the table of misbehaviours.

#include "hostileserver.h"

#include <QByteArray>

#include <poll.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>
#include <utility>
#include <vector>

namespace stampede::test {

inline qint64 nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

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

namespace hostile {

/// Answers one request; false closes (or, after Connection::reset, resets) the connection.
using Behaviour = std::function<bool(Connection &, const HostileServer::Request &, quint16 port, quint16 otherPort)>;
/// Every misbehaviour by the model name that selects it.
const std::vector<std::pair<QByteArray, Behaviour>> &behaviourTable();
/// A response with a Content-Length body.
bool sendBody(Connection &c, int status, const QByteArray &type, const QByteArray &body, const QByteArray &extra = {});
/// An OpenAI error body: {"error": {"message": ..., "type": ...}}.
QByteArray errorBody(const QByteArray &message, const QByteArray &type = "invalid_request_error");
/// A correct answer for `model`: SSE when the request asked for a stream, else a JSON completion.
bool healthy(Connection &c, const HostileServer::Request &r, const QByteArray &model,
    const QByteArray &content = "Hello there, friend.");

} // namespace hostile
} // namespace stampede::test
