#pragma once
// A minimal HTTP/1.1 server for engine tests: records every request and answers as told (a chat
// completion, a slow SSE stream, a huge body, an endless stream, a redirect, or a fixed status).

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

namespace stampede::test {

const QByteArray kCompletion = R"({"id":"c1","object":"chat.completion","model":"m","choices":[{"index":0,)"
                               R"("message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],)"
                               R"("usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}})";

/// A minimal HTTP/1.1 server that records each request and answers with `kCompletion`, or, with
/// `sseGapMs` > 0, with a stream of three content chunks `sseGapMs` apart. Keep-alive.
class RecordingServer : public QObject
{
public:
    struct Request {
        QByteArray requestLine;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const
        {
            for (const auto &[n, v] : headers)
                if (n.compare(name, Qt::CaseInsensitive) == 0)
                    return v;
            return {};
        }
    };

    /// A 200 SSE stream that never ends: one line that never ends, or valid events without end.
    enum class Endless { No, Line, Events };

    explicit RecordingServer(QTcpServer *server, int sseGapMs = 0, qsizetype hugeBody = 0,
        Endless endless = Endless::No, QByteArray redirectTo = {})
        : m_server(server)
        , m_sseGapMs(sseGapMs)
        , m_hugeBody(hugeBody)
        , m_endless(endless)
        , m_redirectTo(std::move(redirectTo))
    {
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    QUrl baseUrl(const char *scheme = "http") const
    {
        return QUrl(QStringLiteral("%1://127.0.0.1:%2/v1").arg(QLatin1String(scheme)).arg(m_server->serverPort()));
    }
    QList<Request> requests;
    /// When set, every POST is answered with this status (Retry-After: 0, an OpenAI error body) and
    /// GET /models with a list holding "m".
    int fixedStatus = 0;
    /// The status of the redirect answered when constructed with `redirectTo`. A request whose
    /// path is `redirectTo` itself (a relative Location) is answered normally.
    QByteArray redirectStatus = "307 Temporary Redirect";

private:
    void onData(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            Request request;
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            request.requestLine = lines.value(0).trimmed();
            qsizetype length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                const QByteArray name = lines[i].left(colon).trimmed(), value = lines[i].mid(colon + 1).trimmed();
                request.headers.append({ name, value });
                if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                    length = value.toLongLong();
            }
            if (buffer.size() < end + 4 + length)
                return;
            request.body = buffer.mid(end + 4, length);
            buffer.remove(0, end + 4 + length);
            requests.append(request);
            respond(socket);
        }
    }

    void respond(QTcpSocket *socket)
    {
        if (fixedStatus) {
            const bool models = requests.last().requestLine.startsWith("GET");
            const QByteArray body = models
                ? QByteArray(R"({"object":"list","data":[{"id":"m","object":"model"}]})")
                : QByteArray(R"({"error":{"message":"Rate limit reached for m","type":"requests"}})");
            socket->write("HTTP/1.1 " + QByteArray::number(models ? 200 : fixedStatus)
                + " X\r\nContent-Type: application/json\r\nRetry-After: 0\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            return;
        }
        if (!m_redirectTo.isEmpty() && !requests.last().requestLine.contains(QByteArray(" " + m_redirectTo + " "))) {
            socket->write(
                "HTTP/1.1 " + redirectStatus + "\r\nLocation: " + m_redirectTo + "\r\nContent-Length: 0\r\n\r\n");
            return;
        }
        if (m_endless != Endless::No) {
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n");
            const QByteArray block = m_endless == Endless::Line
                ? QByteArray(256 * 1024, 'x')
                : QByteArray(R"(data: {"model":"m","choices":[{"index":0,"delta":{"content":"x"}}]})"
                             "\n\n")
                      .repeated(2000);
            socket->write(m_endless == Endless::Line ? QByteArray("data: ") + block : block);
            // Keep about 1 MB queued for as long as the client reads (bounded: it stops at its cap).
            connect(socket, &QTcpSocket::bytesWritten, socket, [socket, block] {
                if (socket->bytesToWrite() < 1024 * 1024)
                    socket->write(block);
            });
            return;
        }
        if (m_hugeBody > 0) { // a 2xx whose body never ends soon enough
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + QByteArray::number(m_hugeBody) + "\r\n\r\n{\"pad\":\"" + QByteArray(m_hugeBody - 10, 'x') + "\"}");
            return;
        }
        if (m_sseGapMs <= 0) {
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + QByteArray::number(kCompletion.size()) + "\r\n\r\n" + kCompletion);
            return;
        }
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i <= 3; ++i) {
            QTimer::singleShot(i * m_sseGapMs, socket, [socket, i] {
                const QByteArray event = i < 3
                    ? QByteArray(R"(data: {"model":"m","choices":[{"index":0,"delta":{"content":"x"}}]})"
                                 "\n\n")
                    : QByteArray(R"(data: {"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],)"
                                 R"("usage":{"prompt_tokens":3,"completion_tokens":3}})"
                                 "\n\ndata: [DONE]\n\n");
                socket->write(
                    QByteArray::number(event.size(), 16) + "\r\n" + event + "\r\n" + (i == 3 ? "0\r\n\r\n" : ""));
            });
        }
    }

    QTcpServer *m_server;
    int m_sseGapMs;
    qsizetype m_hugeBody;
    Endless m_endless;
    QByteArray m_redirectTo;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace stampede::test
