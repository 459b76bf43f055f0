#pragma once
// A deliberately misbehaving OpenAI-compatible gateway for tests/robustness.
//
// Plain POSIX sockets and one thread per connection, so a stall or an endless write in one answer
// never delays another, and a reset is a real RST (SO_LINGER 0). The request's "model" picks the
// behaviour: "healthy" answers as OpenAI does (SSE with a usage chunk and [DONE] when "stream" is
// true, else a JSON completion); every other name in behaviours() misbehaves in one way (the table
// in hostileserver.cpp). A second listener stands for "another origin": redirects point at it and
// it records every byte it receives, so a test can prove the key never went there.

#include <QByteArray>
#include <QStringList>

#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace stampede::test {

class HostileServer
{
public:
    /// Listens on 127.0.0.1 on two free ports (the gateway and the other origin).
    HostileServer();
    /// Stops accepting, resets every open connection and joins every thread.
    ~HostileServer();
    HostileServer(const HostileServer &) = delete;
    HostileServer &operator=(const HostileServer &) = delete;

    bool isListening() const { return m_port != 0 && m_otherPort != 0; }
    quint16 port() const { return m_port; }
    quint16 otherPort() const { return m_otherPort; }
    /// Every byte the other-origin listener received (redirect targets land there).
    QByteArray otherOriginBytes() const;
    /// True when some request carried exactly this Authorization value.
    bool sawAuthorization(const QByteArray &value) const;
    /// Requests answered so far, per model name ("healthy", "reset_before", ...).
    int requestsFor(const QByteArray &model) const;
    /// A gateway restart: `afterMs` from now, stop listening and drop every open connection; `downMs`
    /// later listen on the same port again.
    void scheduleRestart(int afterMs, int downMs);
    /// Every misbehaviour, by the model name that selects it.
    static QStringList behaviours();

    struct Request {
        QByteArray method, path, host, authorization, model;
        QByteArray raw; ///< request line, headers and body as received
        bool stream = false;
    };

private:
    struct Listener {
        int fd = -1;
        quint16 port = 0;
        bool other = false;
    };
    bool openListener(Listener &listener);
    void acceptLoop(Listener *listener);
    void serve(int fd, bool other);
    bool readRequest(int fd, bool other, QByteArray &buffer, Request &request);
    bool respond(int fd, const Request &request);
    void dropConnections();

    Listener m_main, m_other;
    quint16 m_port = 0, m_otherPort = 0;
    std::atomic<bool> m_stop { false };
    std::atomic<qint64> m_restartAtMs { -1 }, m_upAtMs { -1 };
    mutable std::mutex m_mutex; // guards everything below
    std::set<int> m_connections;
    std::vector<std::thread> m_threads;
    QByteArray m_otherBytes;
    std::vector<std::pair<QByteArray, int>> m_counts;
    std::set<QByteArray> m_authorizations;
    std::thread m_mainAccept, m_otherAccept;
};

} // namespace stampede::test
