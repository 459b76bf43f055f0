#pragma once
// One client connection of the simulated gateway: reads HTTP/1.1 requests (keep-alive, pipelined
// ones answered in order), routes them and writes the answer, at once or paced by the worker's
// scheduler.

#include "answerwriter.h"
#include "chatplanner.h"
#include "httpparser.h"

#include <QByteArray>
#include <QObject>

class QTcpSocket;

namespace stampede::gateway {

class GatewayWorker;
struct Route;

/// Lives in its worker's thread (a child of the worker). When the peer closes, it tells the worker and
/// deletes itself later; its pending scheduler events then find nobody and are dropped.
class Connection : public QObject
{
    Q_OBJECT
public:
    Connection(GatewayWorker *worker, quint64 id, qintptr descriptor);
    ~Connection() override;

    bool isOpen() const { return m_phase != Phase::Dead; }
    /// A scheduler event for this connection; ignored unless `tag` is the current response's.
    void onEvent(quint32 tag);

private:
    enum class Phase {
        Idle, ///< between requests
        Waiting, ///< non-streamed answer scheduled
        Streaming, ///< head sent, chunks scheduled
        Stalled, ///< never answers
        Closing, ///< last bytes written, lingering until the client closes
        Dead,
    };

    void onReadyRead();
    void onDisconnected();
    void processInput();
    void newResponseIds();
    void setGatewayHeaders(const GatewayConfig &config); ///< after planRequest(): m_extraHeaders
    void handle(HttpRequest &request);
    /// A generation request of any protocol (chat completions, Responses, Messages, Gemini).
    void handleGenerate(const HttpRequest &request, const Route &route);
    AnswerSpec answerSpec() const; ///< of m_plan
    /// GET /metrics, GET /v1/usage/current (the gateway's own figures, GatewayMetrics).
    void handleServerMetrics(bool prometheus);

    void sendError(int status, const QByteArray &body, int retryAfterSeconds = -1);
    void sendJson(const QByteArray &body); ///< 200 with a JSON body
    void scheduleAt(qint64 dueNs);
    void answerNonStreamed();
    void streamDue();
    void finishResponse();
    bool send(const QByteArray &bytes);
    /// send() of a response's last bytes (the response counts as served).
    bool sendLast(const QByteArray &bytes);
    void closeGracefully();
    void onBytesWritten();
    void halfClose();

    GatewayWorker *m_worker;
    QTcpSocket *m_socket = nullptr;
    const quint64 m_id;
    Phase m_phase = Phase::Idle;
    quint32 m_tag = 0; ///< bumped per response so stale events are ignored
    bool m_keepAlive = true;
    bool m_processing = false; ///< inside processInput (no re-entry)
    bool m_counted = false; ///< counted in SharedState::open
    bool m_halfClosed = false; ///< FIN sent, waiting for the client's

    QByteArray m_in;
    qsizetype m_inPos = 0;
    HttpRequestParser m_parser;
    QByteArray m_out; ///< reused write buffer

    // The response in progress.
    ChatPlan m_plan;
    QByteArray m_requestId; ///< x-request-id "req_<16 hex>"
    QByteArray m_responseId; ///< the same 16 hex: the answer's own id ("chatcmpl-<id>", "msg_<id>", ...)
    QByteArray m_extraHeaders; ///< the answer's gateway headers (overhead, x-ratelimit-*), "\r\nName: value" each
    AnswerWriter m_answer;
    qint64 m_startNs = 0;
    bool m_inChat = false; ///< a generation request is being answered (counted in GatewayMetrics' in flight)
    int m_nextToken = 0;
};

} // namespace stampede::gateway
