#pragma once
// What the simulated gateway pretends to be: its models, their speed, and how often it misbehaves.
// A plain value: built in code (tests, the "builtin" base URL) or loaded from JSON (`stampede gateway
// --config gw.json`, see resources/gateway/example.json).

#include <QByteArray>
#include <QList>
#include <QString>

namespace stampede::gateway {

/// How one model answers. A request's latency is ttft + outputTokens / tokensPerSec, scaled by one
/// mean-preserving lognormal factor per request (exp(sigma*Z - sigma^2/2), sigma = jitter).
struct ModelBehaviour {
    QString model;
    double ttftMs = 100.0;
    double tokensPerSec = 500.0;
    int outputTokensMean = 100; ///< jitter > 0: uniform in [0.75, 1.25] x mean; jitter == 0: exactly the mean
    double jitter = 0.0; ///< lognormal sigma for latency tails, 0 = exact
    // integrity (issue 14): misbehaviours the client's integrity checks must catch
    QString substituteModel {}; ///< non-empty: answers name this model instead of the requested one
    bool burstStream = false; ///< streams: every content chunk at once after the TTFT (fake streaming)
    double usageFactor = 1.0; ///< reported usage (prompt and completion tokens) x this, rounded
    double emptyRate = 0.0; ///< share of successful answers with no content at all (0 completion tokens)
    /// Reasoning ("thinking") tokens streamed before the content (issue 16): part of the completion
    /// tokens, reported as reasoning where the protocol does. 0 = none.
    int reasoningTokens = 0;
    /// "prefill_tokens_per_sec" (issue 16): the first token waits for the prompt tokens the cache did
    /// not serve at this rate (a long conversation's later turns come slower; a cache hit helps).
    /// 0 = no prefill cost. Ignored with fixed_latency_ms.
    double prefillTokensPerSec = 0.0;
    /// "tool_call_rate": when a request declares function tools (and its tool choice is not none),
    /// the share of its answers that call one instead of answering text; a choice that forces a
    /// call (required, any, a named function, ANY) always gets one. 0 to 1.
    double toolCallRate = 1.0;
};

/// Prompt caching as providers do it (issue 16): a system prompt of at least minTokens estimated
/// tokens, seen before for the same model, is read from the cache (reported as cached tokens) and
/// its answer's first token comes ttftFactor times as late; the first time it is written (Anthropic
/// reports that as cache creation). A conversation's history (every message before the last, at
/// least minTokens) that the same model answered before is read from the cache the same way.
/// Remembers the 4096 prompts used last (prefixcache.h).
struct PrefixCacheConfig {
    bool enabled = false;
    int minTokens = 1024; ///< OpenAI's and Anthropic's (Sonnet) smallest cacheable prefix
    double ttftFactor = 0.5; ///< TTFT (fixed_latency_ms too) x this on a cache hit
};

struct GatewayConfig {
    QList<ModelBehaviour> models;
    // Outcome rates are probabilities of one draw per request (any protocol): exclusive, so they sum to <= 1.
    double error5xxRate = 0.0; ///< answer 500 or 503 at once
    double stallRate = 0.0; ///< accept then never answer (socket stays open until the client closes it)
    double cutStreamRate = 0.0; ///< close mid-response (stream: after ~half the chunks; else half the body)
    double garbageRate = 0.0; ///< 200 with a non-JSON body, or `data: {not json` SSE events
    /// Drawn apart, per tool-call answer: its arguments are not valid JSON (the closing `"}` is left off).
    double brokenToolArgsRate = 0.0;
    int rpmLimit = 0; ///< per model, sliding 60 s window shared by all threads; 0 = none; above it: 429
    int retryAfterSeconds = 1; ///< Retry-After of a 429
    /// empty: any key accepted; else 401 unless the request carries it the way its protocol does:
    /// `Authorization: Bearer` (OpenAI), `x-api-key` (Anthropic), `x-goog-api-key` or `?key=` (Gemini)
    QString apiKey;
    bool rejectStreamOptions = false; ///< 400 on any request carrying stream_options, like some gateways
    /// usage in completions and (when include_usage is asked) in streams; Responses answers say "usage": null
    /// and Gemini's carry no usageMetadata when off (Anthropic's usage is part of its shape: always sent)
    bool sendUsage = true;
    int fixedLatencyMs = -1; ///< >= 0: every non-streamed response takes exactly this; streams: TTFT exactly this
    int threads = 2; ///< handler threads (the first one also accepts connections)
    quint64 seed = 1; ///< per-thread RNGs derive from it
    int chunkTokens = 1; ///< tokens per streamed content chunk
    /// >= 0: every chat response says `x-litellm-overhead-duration-ms: <this>`, like LiteLLM (the
    /// header Stampede's "Gateway headers" read); -1: not sent. With rpm_limit, responses also carry
    /// x-ratelimit-limit-requests / -remaining-requests / -reset-requests.
    int overheadMs = -1;
    PrefixCacheConfig prefixCache; ///< off by default
};

/// Four models echoing the seed article's results (gemini-2.5-flash fastest, claude-sonnet-4-5 slowest):
/// non-streamed means of about 320 / 450 / 180 / 280 ms with p95 about 2.7x the mean.
GatewayConfig defaultConfig();

/// Empty when the config can be served; else the first problem, in the JSON key names of parseGatewayConfig.
QString validateConfig(const GatewayConfig &config);

/// Reads a JSON object with snake_case keys: models[{model, ttft_ms, tokens_per_sec, output_tokens,
/// jitter, substitute_model, burst_stream, usage_factor, empty_rate, reasoning_tokens, prefill_tokens_per_sec,
/// tool_call_rate}], error_5xx_rate, rpm_limit, retry_after_s, api_key, stall_rate, cut_stream_rate, garbage_rate,
/// broken_tool_args_rate, reject_stream_options, send_usage,
/// fixed_latency_ms, threads, seed, chunk_tokens, overhead_ms, prefix_cache{enabled, min_tokens, ttft_factor} (an
/// object turns the cache on unless it says "enabled": false; null turns it off). Keys left out keep their
/// defaultConfig() values ("models", when given, replaces the whole list). Unknown keys, wrong types and out-of-range
/// values are errors: returns a default GatewayConfig{} and sets *error (e.g. `models[1].ttft_ms: expected a number`).
/// *error is cleared on success.
GatewayConfig parseGatewayConfig(const QByteArray &json, QString *error);

/// resources/gateway/example.json (compiled in): every key, with the defaultConfig() models.
QByteArray exampleGatewayConfigJson();

/// The config as JSON, in the format parseGatewayConfig reads (for `--print-config` and logs).
QByteArray gatewayConfigToJson(const GatewayConfig &config);

} // namespace stampede::gateway
