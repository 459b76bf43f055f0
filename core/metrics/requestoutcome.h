#pragma once
// One finished request (after its retries), as the engine hands it to the metrics. A plain value:
// created on a worker thread, moved to the aggregator's thread, never shared.

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace stampede::metrics {

enum class ErrorClass : std::uint8_t {
    None,
    Http, ///< non-2xx status: the key is "http_<status>"
    Timeout, ///< no complete response within target.timeout
    ConnectTimeout, ///< not connected within target.connect_timeout
    ConnectionRefused,
    ConnectionReset,
    Tls,
    Malformed, ///< 2xx but the body is not a chat completion
    StreamCut, ///< SSE stream ended before [DONE] / finish_reason
    /// Still in flight when the graceful stop ran out, or aborted: the user's own stop, not the
    /// gateway's fault. Counted apart (GroupStats::cancelled), never as a failure.
    Cancelled,
    Network, ///< any other transport error (host not found, ...)
    Proxy, ///< target.proxy could not be resolved or reached, refused the tunnel, or wants credentials (407)
};

enum class FinishReason : std::uint8_t { None, Stop, Length, ToolCalls, ContentFilter, Other };

/// Stable key of an error class, used in tables, CSV, the journal and thresholds: "http_429", "timeout", ...
QString errorKey(ErrorClass cls, int httpStatus);
/// The inverse of errorKey(): "http_429" -> (Http, 429), "timeout" -> (Timeout, 0), ...
/// An unknown key is Network (still a failure).
ErrorClass errorClassFromKey(const QString &key, int *httpStatus);
/// "stop", "length", "tool_calls", "content_filter", "other"; empty for None.
QString finishReasonName(FinishReason reason);
/// The inverse of finishReasonName(); an unknown non-empty reason is Other.
FinishReason finishReasonFromString(const QString &text);

/// At most this many headers are kept per response (the first ones that match), each value cut
/// to kMaxHeaderValueBytes: a server cannot grow an outcome by sending more.
inline constexpr int kMaxCapturedHeaders = 32;
inline constexpr int kMaxHeaderValueBytes = 256;

/// A response header the scenario's capture_headers selected: lowercase name, trimmed value (at most
/// kMaxHeaderValueBytes), redacted of the API key.
struct CapturedHeader {
    QByteArray name;
    QByteArray value;
    bool operator==(const CapturedHeader &) const = default;
};

/// RequestOutcome::sharedPrefix of a request without a shared prefix, and of any request of a run
/// without shared prefixes.
inline constexpr int kWithoutSharedPrefix = -1;
inline constexpr int kNoSharedPrefixRun = -2;

struct RequestOutcome {
    int modelIndex = 0; ///< index into the scenario's enabled models
    // Run-clock times in nanoseconds since run start; -1 when the event did not happen.
    std::int64_t scheduledNs = -1; ///< when the executor meant the request to start
    std::int64_t dispatchedNs = -1; ///< when the final attempt was handed to the network stack
    std::int64_t sentNs = -1; ///< QNetworkReply::requestSent of the final attempt
    std::int64_t firstByteNs = -1;
    std::int64_t firstTokenNs = -1; ///< first SSE event with non-empty content/reasoning/tool delta
    std::int64_t lastTokenNs = -1;
    std::int64_t endNs = -1;
    /// Time the request waited for the scenario's caps ("limits"), every attempt together; not
    /// latency (the latency clock starts at sent). -1: no cap applies to its model.
    std::int64_t limitWaitNs = -1;

    int httpStatus = 0;
    ErrorClass errorClass = ErrorClass::None;
    QString errorMessage; ///< short, never contains the API key
    FinishReason finishReason = FinishReason::None;
    int attempts = 1;
    int redirects = 0; ///< same-origin 307/308 redirects followed (target.follow_redirects), all attempts
    QStringList retryReasons; ///< error keys of the attempts that were retried
    std::int64_t promptTokens = 0;
    std::int64_t completionTokens = 0;
    /// Prompt tokens read from / written to a prompt cache, apart from promptTokens (which never
    /// include them, whatever the protocol: docs/metrics.md, "Protocols").
    std::int64_t cacheReadTokens = 0;
    std::int64_t cacheCreationTokens = 0;
    /// The part of completionTokens the server says was reasoning; 0 when it does not say.
    std::int64_t reasoningTokens = 0;
    bool tokensEstimated = false; ///< no usage from the server: estimated from the text
    QString modelReturned;
    std::int64_t bytesReceived = 0;
    bool http2 = false;
    bool streamed = false;
    /// Bit i: check i of the scenario's `checks` list (names: scenario/validate.cpp; evaluated by
    /// engine/runcontext.h CheckSpec) was evaluated / passed.
    std::uint32_t checksEvaluated = 0;
    std::uint32_t checksPassed = 0;
    // integrity (issue 14)
    /// The completion's tokens estimated locally from the received text (content + reasoning) when
    /// the server reported `usage` (metrics/integrity.h, usage_mismatch); -1: not counted.
    std::int64_t completionTextTokens = -1;
    std::vector<std::uint32_t> itlUs; ///< gaps between consecutive content chunks, microseconds
    /// Tool calls the answer made (scenario "tools"; protocol/toolcalls.h), and how many of them
    /// called an undeclared function or had arguments that are not a JSON object.
    int toolCalls = 0;
    int toolCallsInvalid = 0;
    // What the gateway said in its headers (issue 14; docs/metrics.md, "Gateway headers").
    QString requestId; ///< the final response's request id (protocol::requestIdRank()), redacted
    std::vector<CapturedHeader> headers; ///< the final response's captured headers, the request id's excluded
    int rateLimited = 0; ///< attempts answered 429
    std::int64_t first429Ns = -1; ///< when the first of them ended; -1: none
    std::int64_t retryAfterMs = 0; ///< Retry-After asked by the failed attempts (429, 503, ...), summed
    std::int64_t retryWaitMs = 0; ///< time waited before retries, summed

    /// A paired run's request to the direct target (scenario direct_target): counted only in the
    /// overhead comparison (metrics/overhead.h), never in the gateway's figures.
    bool direct = false;
    /// A conversation's turn number (scenario "conversation"): 1, 2, ...; 0: not a conversation.
    int turn = 0;
    /// Which of the scenario's shared prefixes (prompts.shared_prefix) the request started with
    /// (0, 1, ...); kWithoutSharedPrefix: none, in a run that has them; kNoSharedPrefixRun: the run
    /// has none.
    int sharedPrefix = kNoSharedPrefixRun;

    bool succeeded() const { return errorClass == ErrorClass::None; }
    bool cancelled() const { return errorClass == ErrorClass::Cancelled; }
    /// Failed through the gateway or the network; a cancelled request is neither success nor failure.
    bool failed() const { return !succeeded() && !cancelled(); }
};

} // namespace stampede::metrics

Q_DECLARE_METATYPE(stampede::metrics::RequestOutcome)
