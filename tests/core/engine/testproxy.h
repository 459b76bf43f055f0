#pragma once
// A small HTTP proxy for engine tests, on 127.0.0.1 only: CONNECT tunnels and absolute-URI
// forwarding to 127.0.0.1, recording the first request of each connection (to prove what went
// through it, and what it could read), or refusing as told (403 to CONNECT, 407 to everything).

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

namespace stampede::test {

class TestProxy : public QObject
{
public:
    enum class Mode { Pass, RefuseConnect, RequireAuth, Socks5 };

    explicit TestProxy(Mode mode = Mode::Pass)
        : m_mode(mode)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection()) {
                client->setParent(this);
                connect(client, &QTcpSocket::readyRead, this, [this, client] { onClientData(client); });
                connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
            }
        });
    }
    ~TestProxy() override
    {
        // The sockets' lambdas use the members: silence and delete them before the members go.
        const QList<QTcpSocket *> sockets = findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
        for (QTcpSocket *socket : sockets)
            socket->disconnect();
        qDeleteAll(sockets);
    }

    QString url() const
    {
        return QStringLiteral("%1://127.0.0.1:%2")
            .arg(m_mode == Mode::Socks5 ? QStringLiteral("socks5") : QStringLiteral("http"))
            .arg(m_server.serverPort());
    }

    /// The head (request line and headers) of the first request of every proxied connection.
    QList<QByteArray> heads;

private:
    void onClientData(QTcpSocket *client)
    {
        QByteArray &buffer = m_buffers[client];
        if (m_piping.contains(client)) {
            if (QTcpSocket *upstream = m_piping.value(client))
                upstream->write(client->readAll());
            return;
        }
        buffer += client->readAll();
        if (m_mode == Mode::Socks5) {
            onSocks5(client, buffer);
            return;
        }
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = buffer.left(end + 4);
        heads.append(head);
        const QByteArray requestLine = head.left(head.indexOf("\r\n"));
        const QList<QByteArray> parts = requestLine.split(' ');
        const bool tunnel = parts.value(0) == "CONNECT";
        if (m_mode == Mode::RequireAuth) {
            client->write("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"t\"\r\n"
                          "Content-Length: 0\r\nConnection: close\r\n\r\n");
            client->disconnectFromHost();
            return;
        }
        if (tunnel && m_mode == Mode::RefuseConnect) {
            client->write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            client->disconnectFromHost();
            return;
        }
        const QUrl target = tunnel ? QUrl(QStringLiteral("//") + QString::fromLatin1(parts.value(1)))
                                   : QUrl(QString::fromLatin1(parts.value(1)));
        QByteArray forward = buffer;
        if (tunnel) {
            forward = buffer.mid(end + 4);
        } else { // absolute-URI -> origin-form for the server
            const QByteArray path = target.path(QUrl::FullyEncoded).toLatin1();
            forward = parts.value(0) + ' ' + path + ' ' + parts.value(2) + buffer.mid(requestLine.size());
        }
        buffer.clear();
        pipe(client, quint16(target.port(80)),
            tunnel ? QByteArray("HTTP/1.1 200 Connection established\r\n\r\n") : QByteArray(), forward);
    }

    /// RFC 1928, no authentication, CONNECT to an IPv4 address or a host name (always 127.0.0.1 here).
    void onSocks5(QTcpSocket *client, QByteArray &buffer)
    {
        if (!m_greeted.contains(client)) {
            if (buffer.size() < 2 || buffer.size() < 2 + quint8(buffer[1]))
                return;
            buffer.remove(0, 2 + quint8(buffer[1]));
            m_greeted.insert(client);
            client->write(QByteArray("\x05\x00", 2));
        }
        if (buffer.size() < 5)
            return;
        const quint8 type = quint8(buffer[3]);
        const qsizetype addressBytes = type == 1 ? 4 : type == 4 ? 16 : 1 + quint8(buffer[4]);
        if (buffer.size() < 4 + addressBytes + 2)
            return;
        const quint16 port = quint16((quint8(buffer[4 + addressBytes]) << 8) | quint8(buffer[5 + addressBytes]));
        heads.append("SOCKS5 CONNECT port " + QByteArray::number(port));
        const QByteArray rest = buffer.mid(4 + addressBytes + 2);
        buffer.clear();
        pipe(client, port, QByteArray("\x05\x00\x00\x01\x00\x00\x00\x00\x00\x00", 10), rest);
    }

    /// Connects to 127.0.0.1:`port`; once there, answers the client with `reply`, sends `forward`
    /// upstream, then copies bytes both ways until either side closes.
    void pipe(QTcpSocket *client, quint16 port, const QByteArray &reply, const QByteArray &forward)
    {
        auto *upstream = new QTcpSocket(this);
        m_piping.insert(client, upstream);
        connect(upstream, &QTcpSocket::connected, this, [client = QPointer(client), upstream, reply, forward] {
            if (!client)
                return;
            if (!reply.isEmpty())
                client->write(reply);
            upstream->write(forward);
        });
        connect(upstream, &QTcpSocket::readyRead, this, [client = QPointer(client), upstream] {
            if (client)
                client->write(upstream->readAll());
        });
        connect(upstream, &QTcpSocket::disconnected, this, [client = QPointer(client)] {
            if (client)
                client->disconnectFromHost();
        });
        connect(client, &QTcpSocket::disconnected, upstream, [this, client, upstream] {
            m_piping.remove(client);
            upstream->disconnectFromHost();
            upstream->deleteLater();
        });
        upstream->connectToHost(QHostAddress::LocalHost, port);
    }

    Mode m_mode;
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QHash<QTcpSocket *, QTcpSocket *> m_piping;
    QSet<QTcpSocket *> m_greeted; ///< SOCKS5 clients past the method negotiation
};

} // namespace stampede::test
