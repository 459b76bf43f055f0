#pragma once
// One logical request (with its retries) from dispatch to outcome. Lives on its worker's thread;
// owned by the worker, which deletes it after requestFinished(). Timestamps come from the run
// clock: the latency clock starts when the transport says the request went out on a connection
// (Qt: QNetworkReply::requestSent; curl: its pre-request callback), not at dispatch, because a
// transport may hold a request back (Qt: 6 connections per host per manager over HTTP/1.1).
// Transport-neutral: it speaks to the server only through engine/transport.h.

#include "engine/runcontext.h"
#include "engine/transport.h"
#include "metrics/requestoutcome.h"
#include "protocol/chat.h"
#include "protocol/ssedecoder.h"
#include "protocol/streamevents.h"

#include <QObject>

class QTimer;

namespace stampede::engine {

class RequestRunner;

/// What a runner needs from its worker.
class RequestHost
{
public:
    virtual ~RequestHost() = default;
    virtual Transport &transport() = 0;
    virtual void requestFinished(RequestRunner *runner, metrics::RequestOutcome &&outcome) = 0;
    virtual void notice(const QString &text) = 0;
    /// The request ends without being sent and without an outcome: the budget was spent before
    /// it started, or the run stopped while it waited for the caps.
    virtual void requestDropped(RequestRunner *runner) = 0;
};

class RequestRunner : public QObject, private TransportClient
{
    Q_OBJECT
public:
    RequestRunner(RunContext &context, RequestHost &host, const RequestJob &job, QObject *parent);
    ~RequestRunner() override;

    void start();
    /// Called by the worker's sweep; aborts the attempt when a deadline has passed.
    void checkDeadline(std::int64_t nowNs);
    /// Ends the request as cancelled (graceful stop ran out, or abort).
    void cancel();
    bool isWaitingForRetry() const { return !m_exchange; }
    const RequestJob &job() const { return m_job; }
    /// A conversation's turn: the model's answer text (replyText of the final attempt, at most
    /// kMaxReplyChars), what the next turn sends back. Empty otherwise.
    const QString &reply() const { return m_reply; }
    static constexpr qsizetype kMaxReplyChars = 1024 * 1024;
    /// The run is stopping: a request still waiting for the caps before its first attempt is
    /// dropped (requestDropped()) instead of sent; returns whether it was.
    bool dropIfWaitingForCap();

private:
    // TransportClient
    void transportSent(std::int64_t nowNs) override;
    void transportHead(int status, std::int64_t nowNs) override;
    void transportData(QByteArrayView bytes, std::int64_t nowNs) override;
    void transportFinished(const TransportResult &result, std::int64_t nowNs) override;

    void consumeStream(QByteArrayView bytes, std::int64_t now);
    /// One SSE event of the model's protocol (protocol::parseStreamEvent()).
    void handleEvent(const protocol::SseEvent &sse, std::int64_t now);
    /// The usage reported so far (m_usage) into `out`'s token counts.
    void takeUsage(metrics::RequestOutcome &out) const;
    void keepReply(const QString &text); ///< a conversation turn's answer text, bounded (reply())
    void stampToken(std::int64_t now);
    void classify(metrics::RequestOutcome &out, const TransportResult &result);
    void classifyTransport(metrics::RequestOutcome &out, const TransportResult &result);
    void classifySuccessBody(metrics::RequestOutcome &out);
    bool maybeRetry(const metrics::RequestOutcome &out);
    // Redirects (requestredirect.cpp): followed here, above the seam, so both transports and the
    // key policy behave the same.
    bool maybeFollowRedirect(const TransportResult &result);
    QUrl redirectTarget(const QByteArray &location) const; ///< resolved when same-origin, else invalid
    QString redirectRefusal(const QByteArray &location) const; ///< why a 3xx was not followed
    void send(); ///< one attempt, now
    /// The next stage of the caps (the model's, then the overall: RateLimiter): wait, or send.
    void waitForCaps(std::int64_t nowNs);
    void capWaitOver();
    void correctReservation();
    void issue();
    bool maybeFallBackWithoutUsage(int status);
    void evaluateChecks(metrics::RequestOutcome &out) const;
    /// The final attempt's captured headers and request id into the outcome; 429s and Retry-After counted.
    void keepHeaders(const TransportResult &result, std::int64_t nowNs);
    void finish(metrics::RequestOutcome &&out);
    void resetAttempt();

    RunContext &m_ctx;
    RequestHost &m_host;
    RequestJob m_job;
    const Endpoint &m_endpoint; ///< where this request goes: the gateway, or a paired run's direct target
    bool m_stream = false;
    model::WireProtocol m_protocol = model::WireProtocol::OpenAiChat;
    bool m_includeUsage = false;
    Exchange *m_exchange = nullptr; ///< the attempt in flight (owned by the transport)
    bool m_detached = false; ///< being destroyed: a late transportFinished() is ignored
    QTimer *m_retryTimer = nullptr;
    QTimer *m_capTimer = nullptr; ///< waiting for the caps (RunContext::limiter())
    std::int64_t m_capWaitFromNs = -1; ///< when the current wait for the caps began; -1: not waiting
    double m_reservedTokens = -1; ///< the current attempt's TPM reservation; -1: none
    int m_capStage = 0; ///< 0: the model's buckets are next, 1: the overall ones, 2: done
    enum class AbortReason {
        None,
        Timeout,
        ConnectTimeout,
        Cancelled,
        TooLarge, ///< more than target.limits.max_response_bytes in all
        EventTooLarge, ///< one SSE event (or unfinished line) over the decoder's bound
    } m_abortReason
        = AbortReason::None;

    // Per attempt
    metrics::RequestOutcome m_out;
    protocol::SseDecoder m_decoder;
    QList<protocol::SseEvent> m_events;
    QByteArray m_body; ///< non-streamed body, or the first bytes of an error / non-SSE stream body
    bool m_sawDone = false;
    bool m_sawChoices = false;
    bool m_sawMalformedChunk = false;
    bool m_sawUsage = false;
    bool m_sawContent = false;
    bool m_sawEvent = false; ///< the decoder produced an event this attempt
    bool m_sawEnd = false; ///< the protocol's own end event (message_stop, response.completed, ...)
    protocol::UsageReport m_usage; ///< the usage reported so far, merged (UsageReport::mergeInto())
    QString m_streamError;
    QByteArray m_malformedChunk; ///< the first chunk that was not JSON (512 bytes at most), for the message
    /// The received text counted (no text kept): the estimate when the server sends no usage, and
    /// integrity's local count beside the usage it sends (RequestOutcome::completionTextTokens).
    protocol::TokenTally m_contentTally;
    protocol::ToolCallAssembler m_toolCalls; ///< the answer's tool calls, from their pieces
    std::int64_t m_lastContentNs = -1;
    QByteArray m_retryAfterHeader;
    QString m_reply; ///< a conversation turn's answer text (reply())
    QByteArray m_ownBody; ///< this request's body when none was built ahead (RunContext::prebuiltBody())
    bool m_ownBodyUsage = false; ///< m_ownBody carries stream_options
    QUrl m_redirectUrl; ///< where a followed redirect pointed; empty: the chat URL
    int m_redirectHops = 0; ///< in the current attempt
    int m_status = 0;
};

} // namespace stampede::engine
