#pragma once
// Decides what the gateway does with one generation request, in any of its protocols (chat
// completions, Responses, Anthropic Messages, Gemini): which error to answer, or which model, how
// many tokens, how long it takes and whether it misbehaves. No sockets, no clock reads: everything
// random comes from the caller's RNG and the time is passed in, so it is testable.

#include "apierror.h"
#include "gatewayconfig.h"
#include "requestreader.h"

#include <QByteArray>
#include <QByteArrayView>

#include <cmath>
#include <random>

namespace stampede::gateway {

class PrefixCache;
class RateLimiter;

enum class Outcome {
    Normal,
    ServerError, ///< 500 or 503 at once (Anthropic: 500 or 529; the status is already in the plan)
    Stall, ///< never answer
    Cut, ///< close mid-response
    Garbage, ///< 200 with a body that is not what the client expects
};

struct ChatPlan {
    WireProtocol protocol = WireProtocol::OpenAiChat; ///< the answer's (and the error's) shape
    int errorStatus = 0; ///< non-zero: answer this status with errorBody at once
    QByteArray errorBody;
    int retryAfterSeconds = -1; ///< >= 0: send Retry-After (429)
    /// rpm_limit set: what the x-ratelimit-*-requests headers say (limit 0: not sent).
    int rateLimit = 0;
    int rateRemaining = 0;
    qint64 rateResetMs = 0;

    int model = -1; ///< index into GatewayConfig::models
    bool stream = false;
    bool includeUsage = false; ///< chat streams: stream_options.include_usage was true (and send_usage is on)
    int promptTokens = 0; ///< the whole prompt, cached tokens included
    int cacheReadTokens = 0; ///< of promptTokens: the system prompt, read from the prefix cache
    int cacheCreationTokens = 0; ///< of promptTokens: the system prompt, written to the prefix cache
    int completionTokens = 0; ///< reasoning tokens included
    int reasoningTokens = 0; ///< the first completionTokens, streamed as reasoning
    bool hitMaxTokens = false; ///< finish_reason "length"
    qint64 ttftNs = 0; ///< streams: first (reasoning or content) chunk after this
    qint64 tokenIntervalNs = 0; ///< streams: one token per this, after the first
    qint64 totalNs = 0; ///< non-streamed: the whole response after this
    Outcome outcome = Outcome::Normal;
    // integrity (issue 14)
    double usageFactor = 1.0; ///< the model's usage_factor: reported usage = tokens x this
    // tools: non-empty, the answer calls this function (RequestShape::toolName, not escaped) instead of
    // answering text; its arguments are {"input": <the content tokens' text>}
    QByteArray toolName;
    bool brokenToolArgs = false; ///< broken_tool_args_rate: the arguments leave their closing `"}` off
    /// `tokens` as the answer's usage reports them.
    int reportedTokens(int tokens) const { return int(std::lround(double(tokens) * usageFactor)); }
    int contentTokens() const { return completionTokens - reasoningTokens; }
};

/// A jittered request's token interval is at least this share of the model's 1 / tokens_per_sec.
inline constexpr double kMinPaceFactor = 0.25;

struct PlannerContext {
    const GatewayConfig &config;
    RateLimiter &limiter;
    std::mt19937_64 &rng;
    qint64 nowMs = 0; ///< steady clock, for the rate limiter
    PrefixCache *cache = nullptr; ///< shared by the gateway's threads; consulted when prefix_cache is on
};

/// Validates the request like its API does (readRequest: 400 bad JSON / missing fields, 404 unknown
/// model), applies the per-model rate limit (429), then draws the outcome and the timing, looks
/// the system prompt up in the prefix cache, and draws whether a request with tools gets a tool call
/// (tool_call_rate, broken_tool_args_rate). Errors come in the protocol's shape (apierror.h).
ChatPlan planRequest(const RequestTarget &target, const QByteArray &body, PlannerContext ctx);

/// planRequest() of an OpenAI chat completions body.
inline ChatPlan planChat(const QByteArray &body, PlannerContext ctx)
{
    return planRequest(RequestTarget {}, body, ctx);
}

} // namespace stampede::gateway
