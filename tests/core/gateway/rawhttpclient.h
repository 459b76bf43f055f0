#pragma once
// A raw HTTP/1.1 client for the gateway tests and benchmark: one QTcpSocket, requests written as bytes,
// responses parsed incrementally (Content-Length or chunked) with the arrival time of every chunk.
// QNetworkAccessManager hides what these tests look at (chunk framing, pipelining, one connection).

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QMap>
#include <QObject>
#include <QTcpSocket>

namespace stampede::test {

struct RawResponse {
    int status = 0;
    QMap<QByteArray, QByteArray> headers; ///< lower-case names
    QByteArray body; ///< de-chunked
    QList<QByteArray> chunks; ///< chunked responses: each chunk's payload
    QList<qint64> chunkNs; ///< when each chunk was parsed (ns since the client's clock started)
    qint64 headNs = 0;
    qint64 doneNs = 0;
    bool chunked = false;
};

class RawHttpClient : public QObject
{
    Q_OBJECT
public:
    explicit RawHttpClient(quint16 port, QObject *parent = nullptr);

    /// Connects (asynchronously; writes before the connection is up are queued by the socket).
    void open();
    void send(const QByteArray &bytes);
    void close() { m_socket.abort(); }

    QTcpSocket &socket() { return m_socket; }
    const QList<RawResponse> &responses() const { return m_responses; }
    /// The response being received (head parsed, body not complete), if any.
    const RawResponse *partial() const { return m_haveHead ? &m_current : nullptr; }
    bool closedByPeer() const { return m_closed; }
    qint64 nowNs() const { return m_clock.nsecsElapsed(); }
    /// Raw bytes received so far (when keepRaw is set).
    QByteArray raw;
    bool keepRaw = false;
    /// Set when a response could not be parsed.
    QString parseError;

    /// An OpenAI chat request: model, stream, include_usage (adds stream_options), max_tokens (<= 0: none).
    static QByteArray chatRequest(const QByteArray &model, bool stream, bool includeUsage = false, int maxTokens = 0,
        const QByteArray &extraHeaders = {}, const QByteArray &content = "Say hello to the load tester.");
    static QByteArray request(const QByteArray &method, const QByteArray &path, const QByteArray &body = {},
        const QByteArray &extraHeaders = {});

signals:
    void responseReceived();
    void chunkReceived();

private:
    void onReadyRead();
    bool parseHead();
    bool parseBody();

    QTcpSocket m_socket;
    quint16 m_port;
    QElapsedTimer m_clock;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    RawResponse m_current;
    bool m_haveHead = false;
    qint64 m_remaining = 0;
    bool m_inChunk = false;
    bool m_closed = false;
    QList<RawResponse> m_responses;
};

} // namespace stampede::test
