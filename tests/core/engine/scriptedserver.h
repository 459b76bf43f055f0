#pragma once
// A scripted HTTP/1.1 server for engine tests: every request is answered by a function of its head
// (request line and headers), optionally followed by a reset.

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QtTest/QTest>

#include <functional>

namespace stampede::test {

/// Answers every request with `reply(request)`, then closes the connection when `close` is set.
class ScriptedServer : public QObject
{
public:
    using Reply = std::function<QByteArray(const QByteArray &head)>;
    ScriptedServer(Reply reply, bool close)
        : m_reply(std::move(reply))
        , m_close(close)
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    QUrl baseUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(m_server.serverPort())); }
    /// Each answer is written `delay()` ms after its request arrived (asked once per request, in order).
    void setDelay(std::function<qint64()> delay) { m_delay = std::move(delay); }

private:
    void onData(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = buffer.left(end);
        qsizetype length = 0;
        for (const QByteArray &line : head.split('\n'))
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        if (buffer.size() < end + 4 + length)
            return;
        buffer.remove(0, end + 4 + length);
        if (m_delay) {
            QTimer::singleShot(std::chrono::milliseconds(m_delay()), Qt::PreciseTimer, this,
                [socket = QPointer<QTcpSocket>(socket), answer = m_reply(head)] {
                    if (socket)
                        socket->write(answer);
                });
            return;
        }
        socket->write(m_reply(head));
        if (m_close) {
            socket->flush();
            socket->abort(); // a reset: the stream is cut
        }
    }

    QTcpServer m_server;
    Reply m_reply;
    bool m_close;
    std::function<qint64()> m_delay;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

inline QByteArray response(int status, const QByteArray &type, const QByteArray &body, const QByteArray &extra = {})
{
    return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + type + "\r\n" + extra
        + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace stampede::test

Q_DECLARE_METATYPE(stampede::test::ScriptedServer::Reply)
