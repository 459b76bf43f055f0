#include "connection.h"

#include "gatewayworker.h"
#include "responses.h"
#include "router.h"
#include "scheduler.h"

#include <QTcpSocket>

#include <ctime>

#if defined(Q_OS_UNIX)
#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace stampede::gateway {

namespace {

constexpr qsizetype kMaxBuffered = HttpRequestParser::kMaxBody + HttpRequestParser::kMaxHeaderBytes;
constexpr char kGarbageBody[] = "<html>oops";
constexpr qint64 kLingerNs = 2'000'000'000;

ApiError wrongKey(WireProtocol protocol)
{
    switch (protocol) {
    case WireProtocol::AnthropicMessages:
        return { 401, "invalid x-api-key" };
    case WireProtocol::Gemini:
        return { 401, "API key not valid. Please pass a valid API key." };
    case WireProtocol::OpenAiChat:
    case WireProtocol::OpenAiResponses:
        break;
    }
    return { 401, "Incorrect API key provided", "invalid_request_error", nullptr, "invalid_api_key" };
}

} // namespace

Connection::Connection(GatewayWorker *worker, quint64 id, qintptr descriptor)
    : QObject(worker)
    , m_worker(worker)
    , m_id(id)
{
    m_socket = new QTcpSocket(this);
    if (!m_socket->setSocketDescriptor(descriptor)) {
        ::close(int(descriptor));
        m_phase = Phase::Dead;
        return;
    }
    // Streams write small chunks that must leave at once, not wait for Nagle.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &Connection::onDisconnected);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &Connection::onBytesWritten);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            onDisconnected();
    });
    m_worker->shared().open.fetch_add(1, std::memory_order_relaxed);
    m_counted = true;
}

Connection::~Connection()
{
    m_socket->disconnect(this);
    m_socket->abort(); // no-op once closed; drops unsent bytes when the gateway stops
    if (m_counted)
        m_worker->shared().open.fetch_sub(1, std::memory_order_relaxed);
}

void Connection::onReadyRead()
{
    if (m_phase == Phase::Stalled || m_phase == Phase::Closing || m_phase == Phase::Dead) {
        m_socket->skip(m_socket->bytesAvailable()); // still read, so a close by the client is seen
        return;
    }
    if (m_in.isEmpty())
        m_in = m_socket->readAll();
    else
        m_in.append(m_socket->readAll());
    if (m_phase != Phase::Idle && m_in.size() - m_inPos > kMaxBuffered) {
        m_socket->abort(); // a client pipelining more than a whole request ahead of a slow answer
        onDisconnected();
        return;
    }
    processInput();
}

void Connection::onDisconnected()
{
    if (m_phase == Phase::Dead)
        return;
    m_phase = Phase::Dead;
    ++m_tag;
    if (m_inChat) {
        m_inChat = false;
        m_worker->shared().metrics.chatAbandoned();
    }
    m_worker->forget(m_id);
    deleteLater();
}

void Connection::processInput()
{
    if (m_processing)
        return;
    m_processing = true;
    while (m_phase == Phase::Idle && m_inPos < m_in.size()) {
        const auto status = m_parser.parse(m_in.constData(), m_in.size(), &m_inPos);
        if (status == HttpRequestParser::Status::NeedMore) {
            if (m_parser.wantsContinue()) {
                m_parser.markContinueSent();
                send(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
            }
            break;
        }
        if (status == HttpRequestParser::Status::Error) {
            m_keepAlive = false;
            newResponseIds();
            sendError(m_parser.errorStatus(),
                responses::errorBody(
                    QByteArray(QByteArray("Bad request: ") + m_parser.errorReason()), "invalid_request_error"));
            break;
        }
        HttpRequest &request = m_parser.request();
        m_keepAlive = request.keepAlive;
        handle(request);
        m_parser.reset();
    }
    if (m_inPos >= m_in.size()) {
        m_in.clear();
        m_inPos = 0;
    } else if (m_inPos > 65536) {
        m_in.remove(0, m_inPos);
        m_inPos = 0;
    }
    m_processing = false;
}

void Connection::newResponseIds()
{
    m_responseId = m_worker->nextId();
    m_requestId = "req_" + m_responseId;
    m_extraHeaders.clear();
}

void Connection::setGatewayHeaders(const GatewayConfig &config)
{
    // What a gateway like LiteLLM says about itself: its overhead and the rate-limit window.
    if (config.overheadMs >= 0)
        m_extraHeaders += "\r\nx-litellm-overhead-duration-ms: " + QByteArray::number(config.overheadMs);
    if (m_plan.rateLimit > 0) {
        m_extraHeaders += "\r\nx-ratelimit-limit-requests: " + QByteArray::number(m_plan.rateLimit)
            + "\r\nx-ratelimit-remaining-requests: " + QByteArray::number(m_plan.rateRemaining)
            + "\r\nx-ratelimit-reset-requests: " + QByteArray::number(double(m_plan.rateResetMs) / 1000.0, 'f', 3)
            + 's';
    }
}

void Connection::handle(HttpRequest &request)
{
    newResponseIds();
    const Route route = routeRequest(request);
    auto fail = [&](const ApiError &error) { sendError(error.status, errorBody(route.protocol, error)); };
    switch (route.kind) {
    case Route::Kind::PrometheusMetrics: // the gateway's own figures (server_metrics): no key needed, as
    case Route::Kind::Usage: //              Prometheus scrapes usually are not
        return handleServerMetrics(route.kind == Route::Kind::PrometheusMetrics);
    case Route::Kind::NotFound:
        return fail({ 404, "Invalid URL (" + request.method + ' ' + request.path + ')' });
    case Route::Kind::Models:
    case Route::Kind::Generate:
        break;
    }
    if (request.method != route.method)
        return fail({ 405, "Invalid method for URL (" + request.method + ' ' + request.path + ')' });
    const SharedState &shared = m_worker->shared();
    if (!authorized(request, route.protocol, shared.apiKey))
        return fail(wrongKey(route.protocol));
    if (route.kind == Route::Kind::Models)
        return sendJson(shared.modelsBodyFor(route.protocol));
    if (route.protocol == WireProtocol::AnthropicMessages && request.anthropicVersion.isEmpty())
        return fail({ 400, "anthropic-version: header is required" });
    handleGenerate(request, route);
}

void Connection::sendJson(const QByteArray &body)
{
    m_out.resize(0);
    responses::appendHead(m_out, { 200, "application/json", body.size(), m_keepAlive, m_requestId });
    m_out.append(body);
    if (sendLast(m_out))
        finishResponse();
}

void Connection::handleServerMetrics(bool prometheus)
{
    const GatewayMetrics &metrics = m_worker->shared().metrics;
    const QByteArray body = prometheus ? metrics.prometheusText() : metrics.usageJson(Scheduler::nowNs() / 1000000);
    m_out.resize(0);
    responses::appendHead(m_out,
        { 200, prometheus ? "text/plain; version=0.0.4; charset=utf-8" : "application/json", body.size(), m_keepAlive,
            m_requestId });
    m_out.append(body);
    if (sendLast(m_out))
        finishResponse();
}

void Connection::handleGenerate(const HttpRequest &request, const Route &route)
{
    SharedState &shared = m_worker->shared();
    m_startNs = Scheduler::nowNs();
    m_inChat = true;
    shared.metrics.chatStarted();
    m_plan = planRequest({ route.protocol, route.model, route.stream }, request.body,
        { shared.config, shared.limiter, m_worker->rng(), m_startNs / 1000000, &shared.prefixCache });
    setGatewayHeaders(shared.config);
    if (m_plan.errorStatus != 0)
        return sendError(m_plan.errorStatus, m_plan.errorBody, m_plan.retryAfterSeconds);
    ++m_tag;
    if (m_plan.outcome == Outcome::Stall) {
        m_phase = Phase::Stalled;
        return;
    }
    m_answer.begin(answerSpec());
    if (!m_plan.stream) {
        m_phase = Phase::Waiting;
        if (m_plan.totalNs <= 0)
            return answerNonStreamed(); // zero latency: no trip through the scheduler
        return scheduleAt(m_startNs + m_plan.totalNs);
    }
    m_out.resize(0);
    responses::appendHead(
        m_out, { 200, "text/event-stream; charset=utf-8", -1, m_keepAlive, m_requestId, -1, m_extraHeaders });
    if (m_plan.outcome != Outcome::Garbage)
        m_answer.appendStart(m_out);
    m_nextToken = 0;
    m_phase = Phase::Streaming;
    if (send(m_out))
        scheduleAt(m_startNs + m_plan.ttftNs);
}

AnswerSpec Connection::answerSpec() const
{
    const SharedState &shared = m_worker->shared();
    const ChatPlan &p = m_plan;
    AnswerSpec spec;
    spec.protocol = p.protocol;
    spec.id = m_responseId;
    spec.created = qint64(std::time(nullptr));
    spec.model = shared.escapedModels.at(p.model);
    spec.seed = quint64(m_startNs) ^ m_id;
    spec.reasoningTokens = p.reasoningTokens;
    spec.contentTokens = p.contentTokens();
    spec.hitMaxTokens = p.hitMaxTokens;
    spec.sendUsage = shared.config.sendUsage;
    spec.includeUsage = p.includeUsage;
    spec.usage = { p.reportedTokens(p.promptTokens), p.reportedTokens(p.cacheReadTokens),
        p.reportedTokens(p.cacheCreationTokens), p.reportedTokens(p.completionTokens),
        p.reportedTokens(p.reasoningTokens), shared.config.prefixCache.enabled,
        shared.config.models.at(p.model).reasoningTokens > 0 };
    if (!p.toolName.isEmpty())
        spec.toolName = responses::jsonEscape(p.toolName); // validated names need none; the writer trusts it
    spec.brokenToolArgs = p.brokenToolArgs;
    return spec;
}

void Connection::scheduleAt(qint64 dueNs)
{
    m_worker->scheduler().schedule(dueNs, m_id, m_tag);
}

void Connection::onEvent(quint32 tag)
{
    if (tag != m_tag)
        return;
    if (m_phase == Phase::Closing)
        m_socket->abort(), onDisconnected(); // the lingering close timed out
    else if (m_phase == Phase::Waiting)
        answerNonStreamed();
    else if (m_phase == Phase::Streaming)
        streamDue();
}

void Connection::sendError(int status, const QByteArray &body, int retryAfterSeconds)
{
    m_out.resize(0);
    responses::appendHead(m_out,
        { status, "application/json", body.size(), m_keepAlive, m_requestId, retryAfterSeconds, m_extraHeaders });
    m_out.append(body);
    if (sendLast(m_out))
        finishResponse();
}

void Connection::answerNonStreamed()
{
    const bool garbage = m_plan.outcome == Outcome::Garbage;
    const QByteArray body = garbage ? QByteArray(kGarbageBody) : m_answer.body();
    m_out.resize(0);
    responses::appendHead(m_out,
        { 200, garbage ? "text/html" : "application/json", body.size(), m_keepAlive, m_requestId, -1, m_extraHeaders });
    if (m_plan.outcome == Outcome::Cut) {
        m_out.append(body.constData(), body.size() / 2);
        if (sendLast(m_out))
            closeGracefully();
        return;
    }
    m_out.append(body);
    if (sendLast(m_out))
        finishResponse();
}

void Connection::streamDue()
{
    m_out.resize(0);
    if (m_plan.outcome == Outcome::Garbage) {
        m_answer.appendGarbage(m_out);
        if (sendLast(m_out))
            finishResponse();
        return;
    }
    const int total = m_plan.completionTokens;
    const int perChunk = m_worker->shared().config.chunkTokens;
    const int cutAt = m_plan.outcome == Outcome::Cut ? total / 2 : -1;
    const qint64 base = m_startNs + m_plan.ttftNs;
    const qint64 now = Scheduler::nowNs();
    // Everything already due goes in one write: a late wake-up catches up instead of drifting.
    while (m_nextToken < total && base + m_nextToken * m_plan.tokenIntervalNs <= now) {
        if (cutAt >= 0 && m_nextToken >= cutAt) {
            if (sendLast(m_out))
                closeGracefully();
            return;
        }
        const int count = m_answer.chunkCount(m_nextToken, perChunk);
        m_answer.appendTokens(m_out, m_nextToken, count);
        m_nextToken += count;
    }
    if (m_nextToken >= total) {
        m_answer.appendEnd(m_out);
        if (sendLast(m_out))
            finishResponse();
        return;
    }
    if (m_out.isEmpty() || send(m_out))
        scheduleAt(base + m_nextToken * m_plan.tokenIntervalNs);
}

void Connection::finishResponse()
{
    ++m_tag;
    if (!m_keepAlive)
        return closeGracefully();
    m_phase = Phase::Idle;
    if (!m_processing && m_inPos < m_in.size())
        processInput(); // the next pipelined request
}

bool Connection::sendLast(const QByteArray &bytes)
{
    // Counted before the bytes leave, so a client that has its answer also sees it counted.
    m_worker->shared().served.fetch_add(1, std::memory_order_relaxed);
    if (m_inChat) {
        m_inChat = false;
        const qint64 now = Scheduler::nowNs();
        // A tool call counts once its answer is whole (a cut or garbled one carries no usable call).
        if (!m_plan.errorStatus && !m_plan.toolName.isEmpty() && m_plan.outcome == Outcome::Normal)
            m_worker->shared().metrics.toolCallAnswered(m_plan.model, m_plan.brokenToolArgs);
        m_worker->shared().metrics.chatAnswered(m_plan.model, double(now - m_startNs) / 1e9,
            m_plan.errorStatus ? 0 : qint64(m_plan.promptTokens) + m_plan.completionTokens, now / 1000000);
    }
    return bytes.isEmpty() ? m_phase != Phase::Dead : send(bytes);
}

bool Connection::send(const QByteArray &bytes)
{
    if (m_phase == Phase::Dead)
        return false;
    qsizetype done = 0;
#if defined(Q_OS_UNIX)
    // Straight to the kernel while QTcpSocket holds nothing unsent. QTcpSocket::write() would switch
    // its write notifier on and off around every write, and with the glib event dispatcher removing a
    // notifier walks a list of all of them: O(open connections) per chunk, which made 5,000 streams
    // crawl. Only what the kernel does not take now goes through QTcpSocket.
    if (m_socket->bytesToWrite() == 0) {
        const int fd = int(m_socket->socketDescriptor());
        while (done < bytes.size()) {
            const ssize_t n = ::send(fd, bytes.constData() + done, size_t(bytes.size() - done), MSG_NOSIGNAL);
            if (n > 0) {
                done += n;
            } else if (n < 0 && errno == EINTR) {
                continue;
            } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                break;
            } else {
                m_socket->abort(); // EPIPE, ECONNRESET: the client is gone
                onDisconnected();
                return false;
            }
        }
    }
#endif
    if (done < bytes.size()) {
        m_socket->write(bytes.constData() + done, bytes.size() - done);
        m_socket->flush();
    }
    return m_phase != Phase::Dead;
}

void Connection::closeGracefully()
{
    m_phase = Phase::Closing;
    ++m_tag;
    if (m_socket->bytesToWrite() == 0)
        halfClose(); // else onBytesWritten does it once the last byte left
}

void Connection::onBytesWritten()
{
    if (m_phase == Phase::Closing && !m_halfClosed && m_socket->bytesToWrite() == 0)
        halfClose();
}

void Connection::halfClose()
{
    // Lingering close: send FIN but keep reading until the client closes too. Closing outright while
    // the client still sends (an oversized body, pipelined requests) would make the kernel answer
    // with RST, and the client could lose the response we just wrote.
    m_halfClosed = true;
#if defined(Q_OS_UNIX)
    if (::shutdown(int(m_socket->socketDescriptor()), SHUT_WR) == 0) {
        scheduleAt(Scheduler::nowNs() + kLingerNs); // then give up on the client
        return;
    }
#endif
    m_socket->disconnectFromHost();
}

} // namespace stampede::gateway
