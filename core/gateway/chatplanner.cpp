#include "chatplanner.h"

#include "prefixcache.h"
#include "ratelimiter.h"

#include <algorithm>
#include <cmath>

namespace stampede::gateway {

namespace {

ChatPlan failed(WireProtocol protocol, const ApiError &error)
{
    ChatPlan plan;
    plan.protocol = protocol;
    plan.errorStatus = error.status;
    plan.errorBody = errorBody(protocol, error);
    return plan;
}

ApiError rateLimited(WireProtocol protocol, const GatewayConfig &config, int model)
{
    const QByteArray limit = QByteArray::number(config.rpmLimit);
    const QByteArray wait = QByteArray::number(config.retryAfterSeconds);
    switch (protocol) {
    case WireProtocol::AnthropicMessages:
        return { 429,
            "This request would exceed the rate limit for your organization of " + limit
                + " requests per minute. Please try again in " + wait + "s." };
    case WireProtocol::Gemini:
        return { 429, "Resource has been exhausted (e.g. check quota)." };
    case WireProtocol::OpenAiChat:
    case WireProtocol::OpenAiResponses:
        break;
    }
    return { 429,
        "Rate limit reached for " + config.models[model].model.toUtf8() + " on requests per min (RPM): Limit " + limit
            + ". Please try again in " + wait + "s.",
        "requests", nullptr, "rate_limit_exceeded" };
}

ApiError serverError(WireProtocol protocol, bool overloaded)
{
    switch (protocol) {
    case WireProtocol::AnthropicMessages: // Anthropic says overloaded with its own 529
        return overloaded ? ApiError { 529, "Overloaded" } : ApiError { 500, "Internal server error" };
    case WireProtocol::Gemini:
        return overloaded ? ApiError { 503, "The model is overloaded. Please try again later." }
                          : ApiError { 500,
                                "An internal error has occurred. Please retry or report in "
                                "https://developers.generativeai.google/guide/troubleshooting" };
    case WireProtocol::OpenAiChat:
    case WireProtocol::OpenAiResponses:
        break;
    }
    return overloaded
        ? ApiError { 503, "The engine is currently overloaded, please try again later.", "server_error" }
        : ApiError { 500, "The server had an error while processing your request. Sorry about that!", "server_error" };
}

Outcome drawOutcome(const GatewayConfig &c, double u)
{
    double edge = c.error5xxRate;
    if (u < edge)
        return Outcome::ServerError;
    if (u < (edge += c.stallRate))
        return Outcome::Stall;
    if (u < (edge += c.cutStreamRate))
        return Outcome::Cut;
    if (u < (edge += c.garbageRate))
        return Outcome::Garbage;
    return Outcome::Normal;
}

void drawTiming(const ModelBehaviour &m, const GatewayConfig &c, qint64 maxTokens, std::mt19937_64 &rng, ChatPlan *plan)
{
    int tokens = m.outputTokensMean;
    double factor = 1.0;
    if (m.jitter > 0) {
        // Mean-preserving lognormal: E[exp(sigma Z - sigma^2 / 2)] = 1, so ttft/tps stay the configured means.
        const double z = std::normal_distribution<double>(0.0, 1.0)(rng);
        factor = std::exp(m.jitter * z - m.jitter * m.jitter / 2.0);
        const double spread = std::uniform_real_distribution<double>(0.75, 1.25)(rng);
        tokens = qMax(1, int(std::lround(m.outputTokensMean * spread)));
    }
    // Reasoning comes first and counts against the cap like any output token.
    tokens += m.reasoningTokens;
    if (maxTokens > 0 && tokens > maxTokens) {
        tokens = int(maxTokens);
        plan->hitMaxTokens = true;
    }
    plan->completionTokens = tokens;
    plan->reasoningTokens = qMin(tokens, m.reasoningTokens);
    const double intervalNs = 1e9 / m.tokensPerSec;
    if (c.fixedLatencyMs >= 0) {
        plan->ttftNs = qint64(c.fixedLatencyMs) * 1000000;
        plan->totalNs = plan->ttftNs;
        plan->tokenIntervalNs = qint64(intervalNs);
        return;
    }
    plan->ttftNs = qint64(m.ttftMs * 1e6 * factor);
    // A real model's tokens never come much faster than its rate: the stream's pace is floored at a
    // quarter of the interval (a fast draw of sigma 0.8 would otherwise deliver a whole answer within a
    // few ms and trip the client's fake-streaming check on an honest stream). Shifts the mean by < 1 %.
    const double paceFactor = std::max(factor, kMinPaceFactor);
    plan->tokenIntervalNs = qint64(intervalNs * paceFactor);
    plan->totalNs = plan->ttftNs + qint64(double(tokens) * intervalNs * paceFactor);
}

// Prompt caching: a conversation's history (every message before the last) is read from the cache
// when this model answered it lately; else a long enough system prompt is, when this model saw it
// lately; the first token then comes sooner (the prefix needs no prefill). A system prompt seen for
// the first time is written (cache creation). Every request's conversation so far is remembered,
// so that its next turn finds its history.
void applyPrefixCache(const RequestShape &shape, PlannerContext ctx, ChatPlan *plan)
{
    const PrefixCacheConfig &pc = ctx.config.prefixCache;
    if (!pc.enabled || !ctx.cache)
        return;
    int cached = 0;
    if (shape.messages > 1 && shape.historyTokens >= pc.minTokens
        && ctx.cache->lookupOrInsert(PrefixCache::keyOf(shape.model, shape.historyKey))) {
        cached = qMin(shape.historyTokens, plan->promptTokens);
    } else if (shape.systemTokens >= pc.minTokens) {
        if (ctx.cache->lookupOrInsert(PrefixCache::keyOf(shape.model, shape.systemHash)))
            cached = qMin(shape.systemTokens, plan->promptTokens);
        else
            plan->cacheCreationTokens = qMin(shape.systemTokens, plan->promptTokens);
    }
    if (shape.promptTokens >= pc.minTokens)
        ctx.cache->lookupOrInsert(PrefixCache::keyOf(shape.model, shape.conversationKey));
    if (cached == 0)
        return;
    plan->cacheReadTokens = cached;
    const qint64 ttft = qint64(double(plan->ttftNs) * pc.ttftFactor);
    plan->totalNs += ttft - plan->ttftNs;
    plan->ttftNs = ttft;
}

// Prefill: the prompt tokens not read from the cache delay the first token (and so the whole answer)
// by their count over the model's prefill rate; a conversation's growing history costs more each turn.
void applyPrefill(const ModelBehaviour &m, const GatewayConfig &c, ChatPlan *plan)
{
    if (m.prefillTokensPerSec <= 0 || c.fixedLatencyMs >= 0)
        return;
    const qint64 uncached = qMax(0, plan->promptTokens - plan->cacheReadTokens);
    const qint64 delayNs = qint64(double(uncached) / m.prefillTokensPerSec * 1e9);
    plan->ttftNs += delayNs;
    plan->totalNs += delayNs;
}

// integrity (issue 14): what the client's integrity checks must catch. The RNG is drawn only when
// empty_rate is set, so every other config keeps its sequence of answers.
void applyIntegrityMisbehaviour(const ModelBehaviour &m, std::mt19937_64 &rng, ChatPlan *plan)
{
    if (m.burstStream)
        plan->tokenIntervalNs = 0; // every chunk due at the TTFT: one write
    if (m.emptyRate > 0 && std::uniform_real_distribution<double>(0.0, 1.0)(rng) < m.emptyRate) {
        plan->completionTokens = 0;
        plan->reasoningTokens = 0;
        plan->hitMaxTokens = false;
    }
    plan->usageFactor = m.usageFactor;
}

// Tools: a request that declares a function (its choice not none) gets a call to it at the model's
// tool_call_rate, always when its choice forces one. As above, the RNG is drawn only for a rate
// strictly between 0 and 1, so configs without tools keep their sequence of answers.
void applyToolCall(
    const RequestShape &shape, const ModelBehaviour &m, const GatewayConfig &c, std::mt19937_64 &rng, ChatPlan *plan)
{
    const auto draw = [&rng](double rate) {
        return rate >= 1.0 || (rate > 0 && std::uniform_real_distribution<double>(0.0, 1.0)(rng) < rate);
    };
    if (shape.toolName.isEmpty() || !(shape.toolRequired || draw(m.toolCallRate)))
        return;
    plan->toolName = shape.toolName;
    plan->brokenToolArgs = draw(c.brokenToolArgsRate);
}

} // namespace

ChatPlan planRequest(const RequestTarget &target, const QByteArray &body, PlannerContext ctx)
{
    const WireProtocol protocol = target.protocol;
    RequestShape shape;
    if (const ApiError invalid = readRequest(target, body, ctx.config, &shape))
        return failed(protocol, invalid);
    RateLimiter::State rate;
    if (!ctx.limiter.tryAcquire(shape.model, ctx.nowMs, &rate)) {
        ChatPlan limited = failed(protocol, rateLimited(protocol, ctx.config, shape.model));
        limited.retryAfterSeconds = ctx.config.retryAfterSeconds;
        limited.rateLimit = rate.limit;
        limited.rateRemaining = rate.remaining;
        limited.rateResetMs = rate.resetMs;
        return limited;
    }
    ChatPlan plan;
    plan.protocol = protocol;
    plan.stream = shape.stream;
    plan.includeUsage = shape.includeUsage;
    plan.rateLimit = rate.limit;
    plan.rateRemaining = rate.remaining;
    plan.rateResetMs = rate.resetMs;
    plan.model = shape.model;
    plan.promptTokens = shape.promptTokens;
    plan.outcome = drawOutcome(ctx.config, std::uniform_real_distribution<double>(0.0, 1.0)(ctx.rng));
    if (plan.outcome == Outcome::ServerError) {
        const bool overloaded = std::bernoulli_distribution(0.5)(ctx.rng);
        ChatPlan error = failed(protocol, serverError(protocol, overloaded));
        error.outcome = Outcome::ServerError;
        return error;
    }
    const ModelBehaviour &m = ctx.config.models[shape.model];
    drawTiming(m, ctx.config, shape.maxTokens, ctx.rng, &plan);
    applyPrefixCache(shape, ctx, &plan);
    applyPrefill(m, ctx.config, &plan);
    applyIntegrityMisbehaviour(m, ctx.rng, &plan);
    applyToolCall(shape, m, ctx.config, ctx.rng, &plan);
    return plan;
}

} // namespace stampede::gateway
