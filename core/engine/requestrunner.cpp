#include "engine/requestrunner.h"

#include "engine/retrydelay.h"
#include "protocol/gatewayheaders.h"
#include "protocol/headers.h"
#include "protocol/retryafter.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace stampede::engine {

namespace {
constexpr qsizetype kKeptErrorBytes = 64 * 1024;
using metrics::ErrorClass;
} // namespace

RequestRunner::RequestRunner(RunContext &context, RequestHost &host, const RequestJob &job, QObject *parent)
    : QObject(parent)
    , m_ctx(context)
    , m_host(host)
    , m_job(job)
    , m_endpoint(context.endpointFor(job))
    , m_stream(context.models[job.modelIndex].stream)
    , m_protocol(context.models[job.modelIndex].protocol)
{
    m_out.modelIndex = job.modelIndex;
    m_out.scheduledNs = job.scheduledNs;
    m_out.streamed = m_stream;
    m_out.direct = job.direct;
    m_out.turn = job.turn;
    m_out.sharedPrefix = context.hasSharedPrefixes() ? job.prefix : metrics::kNoSharedPrefixRun;
    m_out.attempts = 0;
    m_decoder.setMaxEventBytes(qsizetype(context.scenario.target.limits.maxEventBytes));
}

RequestRunner::~RequestRunner()
{
    if (Exchange *exchange = std::exchange(m_exchange, nullptr)) {
        m_abortReason = AbortReason::Cancelled;
        m_detached = true; // the finish that abort() reports must not reach the (dying) worker
        exchange->abort();
    }
}

void RequestRunner::resetAttempt()
{
    m_decoder.reset();
    m_events.clear();
    m_body.clear();
    m_sawDone = m_sawChoices = m_sawMalformedChunk = m_sawUsage = m_sawContent = m_sawEvent = m_sawEnd = false;
    m_streamError.clear();
    m_malformedChunk.clear();
    m_contentTally.reset();
    m_toolCalls.reset();
    m_reply.clear();
    m_lastContentNs = -1;
    m_status = 0;
    m_abortReason = AbortReason::None;
    m_out.dispatchedNs = m_out.sentNs = m_out.firstByteNs = -1;
    m_out.firstTokenNs = m_out.lastTokenNs = m_out.endNs = -1;
    m_out.httpStatus = 0;
    m_out.errorClass = ErrorClass::None;
    m_out.errorMessage.clear();
    m_out.finishReason = metrics::FinishReason::None;
    m_out.promptTokens = m_out.completionTokens = 0;
    m_out.cacheReadTokens = m_out.cacheCreationTokens = m_out.reasoningTokens = 0;
    m_usage = {};
    m_out.tokensEstimated = false;
    m_out.bytesReceived = 0;
    m_out.itlUs.clear();
    m_out.completionTextTokens = -1; // integrity (issue 14)
    m_out.toolCalls = m_out.toolCallsInvalid = 0;
}

void RequestRunner::start()
{
    if (m_out.attempts == 0 && m_ctx.overBudget()) {
        m_host.requestDropped(this); // the budget is spent: nothing new starts (the engine stops the run)
        return;
    }
    if (RateLimiter *limiter = m_ctx.limiter(); limiter && limiter->applies(m_job.modelIndex)) {
        m_reservedTokens = m_ctx.tokenReservation(m_job);
        m_out.limitWaitNs = std::max<std::int64_t>(m_out.limitWaitNs, 0);
        m_capStage = 0;
        waitForCaps(m_ctx.clock.nowNs());
        return;
    }
    send();
}

void RequestRunner::waitForCaps(std::int64_t nowNs)
{
    while (m_capStage < 2) {
        const int buckets = m_capStage == 0 ? m_job.modelIndex : RateLimiter::kOverall;
        const std::int64_t at = m_ctx.limiter()->reserve(buckets, m_reservedTokens, nowNs);
        ++m_capStage;
        if (at > nowNs) {
            if (!m_capTimer) {
                m_capTimer = new QTimer(this);
                m_capTimer->setSingleShot(true);
                m_capTimer->setTimerType(Qt::PreciseTimer); // never before the bucket allows it
                connect(m_capTimer, &QTimer::timeout, this, &RequestRunner::capWaitOver);
            }
            m_capWaitFromNs = nowNs;
            m_capTimer->start(int((at - nowNs + 999999) / 1000000));
            return;
        }
    }
    send();
}

void RequestRunner::capWaitOver()
{
    const std::int64_t now = m_ctx.clock.nowNs();
    m_out.limitWaitNs += now - m_capWaitFromNs;
    m_capWaitFromNs = -1;
    waitForCaps(now);
}

bool RequestRunner::dropIfWaitingForCap()
{
    if (m_capWaitFromNs < 0 || m_out.attempts > 0)
        return false;
    m_capTimer->stop();
    m_capWaitFromNs = -1;
    m_host.requestDropped(this);
    return true;
}

void RequestRunner::correctReservation()
{
    if (m_reservedTokens < 0)
        return;
    // The reservation becomes what the server reported; with no usage, the estimate stands.
    if (!m_out.tokensEstimated && (m_out.promptTokens > 0 || m_out.completionTokens > 0 || m_out.succeeded()))
        m_ctx.limiter()->correct(
            m_job.modelIndex, m_reservedTokens, double(m_out.promptTokens + m_out.completionTokens));
    m_reservedTokens = -1;
}

void RequestRunner::send()
{
    resetAttempt();
    m_includeUsage = m_stream && !m_ctx.usageDisabled(m_job.modelIndex);
    m_out.attempts += 1;
    m_ctx.attemptsSent.fetch_add(1, std::memory_order_relaxed);
    m_out.dispatchedNs = m_ctx.clock.nowNs();
    m_redirectUrl.clear();
    m_redirectHops = 0;
    issue();
}

void RequestRunner::issue()
{
    TransportRequest request;
    request.model = m_job.modelIndex;
    request.stream = m_stream;
    // The body built ahead when there is one and it is the one to send (it carries stream_options
    // where OpenAI Chat streams; a model whose gateway refused them gets one without).
    // A conversation's later turn carries its history, a shared prefix its own system prompt: always
    // a body of their own.
    const QByteArray *prebuilt
        = m_job.history || m_job.prefix >= 0 ? nullptr : m_ctx.prebuiltBody(m_job.modelIndex, m_job.promptIndex);
    const bool usageVariant = m_stream && m_protocol == model::WireProtocol::OpenAiChat && !m_includeUsage;
    if (!prebuilt || usageVariant) {
        if (m_ownBody.isEmpty() || m_ownBodyUsage != m_includeUsage) {
            m_ownBody = m_ctx.buildBody(
                m_job.modelIndex, m_job.promptIndex, m_includeUsage, m_job.history.get(), m_job.prefix);
            m_ownBodyUsage = m_includeUsage;
        }
        prebuilt = &m_ownBody;
    }
    request.body = prebuilt;
    request.url = m_redirectUrl.isEmpty() ? nullptr : &m_redirectUrl;
    request.direct = m_job.direct;
    m_exchange = m_host.transport().start(request, *this);
}

void RequestRunner::transportSent(std::int64_t nowNs)
{
    if (m_out.sentNs < 0)
        m_out.sentNs = nowNs;
}

void RequestRunner::transportHead(int status, std::int64_t nowNs)
{
    if (m_out.firstByteNs < 0)
        m_out.firstByteNs = nowNs;
    if (m_out.sentNs < 0)
        m_out.sentNs = m_out.dispatchedNs; // no sent stamp delivered (e.g. some Qt HTTP/2 paths)
    m_status = status;
}

void RequestRunner::transportData(QByteArrayView bytes, std::int64_t now)
{
    if (m_abortReason != AbortReason::None)
        return; // aborted from inside a callback: the transport ends the attempt on return
    m_out.bytesReceived += bytes.size();
    const qsizetype maxResponse = qsizetype(m_ctx.scenario.target.limits.maxResponseBytes);
    const bool successStream = m_stream && m_status >= 200 && m_status < 300;
    if (successStream) {
        consumeStream(bytes, now);
    } else {
        const qsizetype limit = (m_status >= 200 && m_status < 300) ? maxResponse : kKeptErrorBytes;
        m_body.append(bytes.first(std::clamp<qsizetype>(limit - m_body.size(), 0, bytes.size())));
    }
    if (m_out.bytesReceived > maxResponse && m_abortReason == AbortReason::None) { // streamed or not
        m_abortReason = AbortReason::TooLarge;
        if (m_exchange)
            m_exchange->abort();
    }
}

void RequestRunner::consumeStream(QByteArrayView bytes, std::int64_t now)
{
    // Until the first event, the bytes may be an error or a non-SSE body that classification words;
    // after it, the start already kept is all a message needs.
    if (!m_sawEvent && m_body.size() < kKeptErrorBytes)
        m_body.append(bytes.first(std::min<qsizetype>(kKeptErrorBytes - m_body.size(), bytes.size())));
    m_events.clear();
    if (m_decoder.feed(bytes, m_events) > 0)
        m_sawEvent = true;
    if (m_decoder.overflowed()) {
        m_abortReason = AbortReason::EventTooLarge;
        if (m_exchange)
            m_exchange->abort();
    }
    for (const protocol::SseEvent &event : std::as_const(m_events)) {
        if (event.isDone())
            m_sawDone = true;
        else
            handleEvent(event, now);
    }
}

void RequestRunner::handleEvent(const protocol::SseEvent &sse, std::int64_t now)
{
    const protocol::StreamEvent event = protocol::parseStreamEvent(m_protocol, sse.event, sse.data);
    if (!event.valid) {
        if (sse.data.trimmed().isEmpty())
            return; // an empty data line (some servers send them as keep-alives) is not a chunk
        if (!m_sawMalformedChunk)
            m_malformedChunk = sse.data.left(512);
        m_sawMalformedChunk = true;
        return;
    }
    if (!event.errorMessage.isEmpty()) {
        m_streamError = event.errorMessage;
        return;
    }
    if (!event.toolCalls.isEmpty())
        m_toolCalls.add(event.toolCalls);
    if (event.hasContent) {
        m_sawChoices = true;
        m_sawContent = true;
        stampToken(now);
        m_contentTally.add(event.text); // with usage too: integrity's usage_mismatch compares them
        keepReply(event.replyText);
    }
    if (!event.finishReason.isEmpty()) {
        m_sawChoices = true;
        m_out.finishReason = metrics::finishReasonFromString(event.finishReason);
    }
    if (!event.model.isEmpty() && m_out.modelReturned.isEmpty())
        m_out.modelReturned = event.model;
    if (event.usage.any()) {
        m_sawUsage = true;
        event.usage.mergeInto(m_usage); // Anthropic: the input at message_start, the output at message_delta
        takeUsage(m_out);
    }
    if (event.terminal)
        m_sawEnd = true;
}

void RequestRunner::keepReply(const QString &text)
{
    if (m_job.turn > 0 && m_reply.size() < kMaxReplyChars)
        m_reply.append(QStringView(text).first(std::min(text.size(), kMaxReplyChars - m_reply.size())));
}

void RequestRunner::takeUsage(metrics::RequestOutcome &out) const
{
    out.promptTokens = m_usage.promptTokens.value_or(0);
    out.completionTokens = m_usage.completionTokens.value_or(0);
    out.cacheReadTokens = m_usage.cacheReadTokens.value_or(0);
    out.cacheCreationTokens = m_usage.cacheCreationTokens.value_or(0);
    out.reasoningTokens = m_usage.reasoningTokens.value_or(0);
}

void RequestRunner::stampToken(std::int64_t now)
{
    if (m_out.firstTokenNs < 0)
        m_out.firstTokenNs = now;
    else if (m_lastContentNs >= 0)
        m_out.itlUs.push_back(std::uint32_t(std::min<std::int64_t>((now - m_lastContentNs) / 1000, UINT32_MAX)));
    m_lastContentNs = now;
    m_out.lastTokenNs = now;
}

void RequestRunner::checkDeadline(std::int64_t nowNs)
{
    if (!m_exchange || m_out.dispatchedNs < 0)
        return;
    const auto &target = m_ctx.scenario.target;
    const std::int64_t age = nowNs - m_out.dispatchedNs;
    if (m_out.sentNs < 0 && m_out.firstByteNs < 0 && age > target.connectTimeoutMs * 1000000)
        m_abortReason = AbortReason::ConnectTimeout;
    else if (age > target.timeoutMs * 1000000)
        m_abortReason = AbortReason::Timeout;
    else
        return;
    m_exchange->abort();
}

void RequestRunner::cancel()
{
    if (m_exchange) {
        m_abortReason = AbortReason::Cancelled;
        m_exchange->abort(); // transportFinished() follows and ends the request
        return;
    }
    if (dropIfWaitingForCap())
        return; // never sent: no outcome
    // Waiting for a retry (or a retry waiting for the caps): end now with what the last attempt
    // gave, marked cancelled.
    if (m_retryTimer)
        m_retryTimer->stop();
    if (m_capTimer)
        m_capTimer->stop();
    m_out.errorClass = ErrorClass::Cancelled;
    m_out.errorMessage = QStringLiteral("cancelled while waiting to retry");
    m_out.endNs = m_ctx.clock.nowNs(); // the request lasted until now, not until its last attempt ended
    finish(std::move(m_out));
}

void RequestRunner::transportFinished(const TransportResult &result, std::int64_t nowNs)
{
    m_exchange = nullptr;
    if (m_detached)
        return;
    m_out.endNs = nowNs;
    if (m_out.sentNs < 0 && result.error == TransportError::None)
        m_out.sentNs = m_out.dispatchedNs;
    if (m_status == 0)
        m_status = result.status;
    m_retryAfterHeader = result.retryAfter;
    keepHeaders(result, nowNs);
    m_out.http2 = result.http2;
    m_out.httpStatus = m_status;
    if (maybeFollowRedirect(result))
        return;
    classify(m_out, result);
    correctReservation();

    if (maybeFallBackWithoutUsage(m_status) || maybeRetry(m_out))
        return;
    evaluateChecks(m_out);
    finish(std::move(m_out));
}

void RequestRunner::keepHeaders(const TransportResult &result, std::int64_t nowNs)
{
    // The final attempt's headers are the outcome's; every attempt's 429 and Retry-After count.
    m_out.headers.clear();
    m_out.requestId.clear();
    int bestRank = -1;
    for (const metrics::CapturedHeader &h : result.headers) {
        if (const int rank = protocol::requestIdRank(h.name); rank >= 0) {
            if ((bestRank < 0 || rank < bestRank) && !h.value.isEmpty()) {
                bestRank = rank;
                m_out.requestId = QString::fromUtf8(h.value);
            }
        } else {
            m_out.headers.push_back(h);
        }
    }
    if (m_status == 429) {
        ++m_out.rateLimited;
        if (m_out.first429Ns < 0)
            m_out.first429Ns = nowNs;
    }
    if (m_status >= 400 && !result.retryAfter.isEmpty()) {
        if (const auto ms = protocol::parseRetryAfter(result.retryAfter, QDateTime::currentDateTimeUtc()))
            m_out.retryAfterMs += *ms;
    }
}

void RequestRunner::finish(metrics::RequestOutcome &&out)
{
    // The one door every outcome leaves by: whatever text a server put into it (an error message,
    // a model name) is redacted by the key's value here, so no path can skip it.
    const QString &key = m_endpoint.apiKey();
    out.errorMessage = protocol::keptServerText(out.errorMessage, key);
    out.modelReturned = protocol::keptServerText(out.modelReturned, key, 200);
    if (!key.isEmpty()) {
        for (metrics::CapturedHeader &h : out.headers) {
            // A wildcard pattern keeps names a server chose ("x-litellm-*"): they are redacted too.
            h.name = protocol::keptServerText(QString::fromUtf8(h.name), key, 128).toUtf8();
            h.value = protocol::keptServerText(QString::fromUtf8(h.value), key, metrics::kMaxHeaderValueBytes).toUtf8();
        }
    }
    out.requestId = protocol::keptServerText(out.requestId, key, 96);
    m_host.requestFinished(this, std::move(out));
}

bool RequestRunner::maybeFallBackWithoutUsage(int status)
{
    if (!m_includeUsage || m_protocol != model::WireProtocol::OpenAiChat || m_abortReason != AbortReason::None
        || !protocol::rejectsStreamOptions(status, m_body))
        return false;
    if (m_ctx.disableUsage(m_job.modelIndex))
        m_host.notice(QStringLiteral("%1 rejected stream_options.include_usage (HTTP %2); sending without it, "
                                     "completion tokens are estimated")
                          .arg(m_ctx.models[m_job.modelIndex].model)
                          .arg(status));
    m_out.attempts -= 1; // the probe attempt is not the user's request failing
    start();
    return true;
}

bool RequestRunner::maybeRetry(const metrics::RequestOutcome &out)
{
    const auto &retry = m_ctx.scenario.retry;
    if (out.errorClass != ErrorClass::Http || !retry.onStatus.contains(out.httpStatus))
        return false;
    if (out.attempts > retry.maxRetries || m_ctx.stopping.load(std::memory_order_relaxed))
        return false;
    const std::int64_t delayMs = retryDelayMs(retry, out.attempts, m_retryAfterHeader, QDateTime::currentDateTimeUtc(),
        QRandomGenerator::global()->generateDouble());
    m_out.retryReasons.append(metrics::errorKey(out.errorClass, out.httpStatus));
    m_out.retryWaitMs += delayMs;
    if (!m_retryTimer) {
        m_retryTimer = new QTimer(this);
        m_retryTimer->setSingleShot(true);
        m_retryTimer->setTimerType(Qt::PreciseTimer); // coarse timers fire up to 5 % early: never before Retry-After
        connect(m_retryTimer, &QTimer::timeout, this, &RequestRunner::start);
    }
    m_retryTimer->start(int(delayMs));
    return true;
}

} // namespace stampede::engine
