#pragma once
// The scenario model: everything a test is, with no network and no Qt widgets.
// The same value is loaded from JSON (scenarioio.h), edited by the GUI and run by the engine.

#include "model/price.h"
#include "model/slo.h"
#include "model/sweep.h"
#include "model/wireprotocol.h"

#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <optional>

namespace stampede::scenario {

/// How requests reach the server. "auto": HTTP/2 when a TLS server offers it, else HTTP/1.1;
/// "http1": never HTTP/2; "h2c": HTTP/2 prior knowledge over cleartext (opt-in, always with a timeout).
enum class Http2Mode { Auto, Http1, H2c };

/// Which HTTP client sends the requests (engine/transport.h). "auto" picks the one the peer
/// benchmark shows to be more accurate at load (docs/benchmarks.md): curl.
enum class TransportKind { Auto, Qt, Curl };

/// target.tls: how the server's certificate is checked, and the client's own certificate (mTLS).
struct TlsOptions {
    QString caFile; ///< PEM bundle of CAs trusted in addition to the system store (never instead of it)
    QString clientCert; ///< PEM client certificate for mTLS; goes with clientKey
    QString clientKey; ///< PEM private key of clientCert (not encrypted)
    bool insecure = false; ///< no certificate verification at all: flagged in the app, the CLI and every report

    bool operator==(const TlsOptions &) const = default;
};

/// target.limits: what one response may cost the client before it is cut off and classified.
struct ResponseLimits {
    static constexpr qint64 kDefaultMaxResponseBytes = 16 * 1024 * 1024;
    static constexpr qint64 kDefaultMaxEventBytes = 1024 * 1024;
    qint64 maxResponseBytes = kDefaultMaxResponseBytes; ///< every response, streamed or not
    qint64 maxEventBytes = kDefaultMaxEventBytes; ///< one SSE line or event

    bool operator==(const ResponseLimits &) const = default;
};

struct Target {
    QString baseUrl = QStringLiteral("builtin"); ///< "builtin" starts the simulated gateway in-process
    QString apiKeyEnv = QStringLiteral("STAMPEDE_API_KEY"); ///< name of the env variable, never the key
    qint64 timeoutMs = 60000;
    qint64 connectTimeoutMs = 10000;
    QMap<QString, QString> headers; ///< extra request headers (never Authorization: that comes from the key)
    Http2Mode http2 = Http2Mode::Auto;
    TransportKind transport = TransportKind::Auto;
    TlsOptions tls;
    /// "" (none, the default: environment proxies are ignored), "system" (the environment's
    /// http_proxy/https_proxy/all_proxy/no_proxy), or an http:// or socks5:// / socks5h:// URL.
    QString proxy;
    /// Follow same-origin 307/308 redirects (never 301/302/303, never another origin), counted.
    bool followRedirects = false;
    ResponseLimits limits;
};

/// "limits": client-side caps on the rate the load is sent at (docs/metrics.md, "Quotas and
/// spend"): requests per minute and prompt + completion tokens per minute. Unset: no cap.
struct RateLimits {
    std::optional<double> rpm;
    std::optional<double> tpm;

    bool isEmpty() const { return !rpm && !tpm; }
    bool operator==(const RateLimits &) const = default;
};

/// "server_metrics": an endpoint of the gateway's own figures, polled during the run and charted beside
/// ours (docs/metrics.md, "Server-side metrics").
struct ServerMetricsConfig {
    enum class Format { Prometheus, Json };
    static constexpr qint64 kMinIntervalMs = 1000;
    static constexpr qint64 kMaxIntervalMs = 3600 * 1000;
    static constexpr int kMaxSeries = 32;

    QString url; ///< http(s)
    Format format = Format::Prometheus;
    qint64 intervalMs = 5000;
    /// Prometheus: selectors (model/promselector.h); JSON: dotted field paths ("usage.rpm").
    QStringList series;
    bool sendKey = false; ///< "send_key": send the run's API key as Authorization; off unless asked

    bool operator==(const ServerMetricsConfig &) const = default;
};

/// "direct_target": the provider (or a mock) behind the gateway. A paired run alternates its requests
/// between the gateway (target) and this target, the same model and prompt for both of a pair, and
/// reports the gateway's overhead = gateway − direct per model (docs/metrics.md, "Gateway overhead,
/// measured"). TLS, proxy, timeouts, HTTP/2 and the transport are target's.
struct DirectTarget {
    QString baseUrl; ///< http(s); never "builtin"
    /// The environment variable holding the direct target's key; empty (the default): no key is sent
    /// to it (the gateway's key never goes to the direct origin).
    QString apiKeyEnv;
    QMap<QString, QString> headers; ///< its own extra request headers (target.headers do not apply)

    bool operator==(const DirectTarget &) const = default;
};

struct ModelSpec {
    QString model;
    double weight = 1.0;
    bool enabled = true;
    int maxTokens = 150;
    double temperature = 0.7;
    bool stream = true;
    /// "protocol": how this model is spoken to (request path, body, auth headers, stream format).
    model::WireProtocol protocol = model::WireProtocol::OpenAiChat;
    model::Price price;
    model::Slo slo; ///< "slo" of this model: each bound it declares replaces the scenario's own
    RateLimits limits; ///< this model's own caps; the scenario's overall caps apply as well
};

/// A distribution of token counts (prompts.synthetic): "fixed" (mean), "uniform" [min, max],
/// "normal" (mean, stddev, clipped to [min, max]), or "histogram" (buckets of [tokens, weight]).
struct TokenDistribution {
    enum class Kind { Fixed, Uniform, Normal, Histogram } kind = Kind::Fixed;
    double mean = 0;
    double stddev = 0;
    double min = 1;
    double max = 0; ///< 0: no upper clip (normal); required for uniform
    QList<QPair<int, double>> buckets; ///< histogram: token count -> weight
    bool operator==(const TokenDistribution &) const = default;
};

/// prompts.dataset: a JSONL file referenced, not copied: one {"messages": [...]} or {"prompt": ...}
/// per line, with an optional "max_tokens".
struct PromptDataset {
    QString path; ///< as written in the scenario (relative paths: to the scenario file's folder)
    QString sha256; ///< hex; empty: not checked (the run records the file's hash)
    bool random = false; ///< "order": "random" (a seeded sample with replacement) or "sequential"
    QString resolvedPath; ///< where the file is read from (not saved): set by the scenario loader
    bool operator==(const PromptDataset &o) const { return path == o.path && sha256 == o.sha256 && random == o.random; }
};

/// prompts.synthetic: `count` prompts of a target length built from a seeded word list.
struct SyntheticPrompts {
    int count = 100;
    TokenDistribution inputTokens;
    std::optional<TokenDistribution> outputTokens; ///< set: each prompt's max_tokens drawn from it
    quint64 seed = 1;
    bool operator==(const SyntheticPrompts &) const = default;
};

/// prompts.shared_prefix: a share of requests start with one of `count` long system prompts, each
/// `tokens` long (words from the seeded list), so a prefix cache's effect shows: TTFT and cached
/// tokens of the requests with one against those without (docs/metrics.md, "Shared prefixes").
struct SharedPrefix {
    int count = 4;
    int tokens = 2000;
    double share = 0.5; ///< 0..1: the part of requests (of conversations) that start with one
    quint64 seed = 1;
    bool operator==(const SharedPrefix &) const = default;
};
inline constexpr int kMaxSharedPrefixes = 1000;
inline constexpr qint64 kMaxSharedPrefixTokens = 2000000; ///< count x tokens, all prefixes together

struct PromptItem; // scenario/promptsource.h

struct Prompts {
    QString system = QStringLiteral("You are a helpful assistant.");
    QStringList user; ///< the pool; used when neither a dataset nor synthetic prompts are set
    std::optional<PromptDataset> dataset;
    std::optional<SyntheticPrompts> synthetic;
    std::optional<SharedPrefix> sharedPrefix; ///< "shared_prefix"; any source may have one
    /// The prompts a run sends, built by loadPromptSources() before the run (never saved); null:
    /// the pool `user`.
    std::shared_ptr<const QList<PromptItem>> loaded;
};

/// "conversation": multi-turn sessions (issue 16; docs/metrics.md, "Conversations"). A conversation
/// keeps to one model; each turn sends everything said so far (every earlier prompt and the model's
/// actual reply) and the next prompt from the scenario's source, until `turns` turns are done or
/// the next request's context would pass `maxContextTokens`. A failed turn ends it; then a new one
/// begins. A VU holds one conversation at a time; an open model's arrival starts one, and its next
/// turn follows each reply at once.
struct Conversation {
    int turns = 3;
    std::optional<int> maxContextTokens; ///< "max_context_tokens": estimated prompt tokens of a turn
    bool operator==(const Conversation &) const = default;
};
inline constexpr int kMaxConversationTurns = 100;

/// "tools": every request declares these functions and asks for a tool call (issue 16;
/// docs/metrics.md, "Tool calls"). The answer's calls are assembled from their streamed pieces and
/// judged: a call to an undeclared function, or arguments that are not a JSON object, fails the
/// integrity check tool_args_invalid.
struct ToolFunction {
    QString name; ///< 1-64 of a-z, A-Z, 0-9, _ and - (the rule OpenAI, Anthropic and Gemini share)
    QString description;
    QByteArray parameters; ///< the JSON Schema object, compact JSON text; empty: no parameters
    bool operator==(const ToolFunction &) const = default;
};
struct Tools {
    QList<ToolFunction> functions;
    /// "auto" (the model decides), "required" (some call), "none", or a declared function's name.
    QString choice = QStringLiteral("auto");
    bool operator==(const Tools &) const = default;
};
inline constexpr int kMaxToolFunctions = 128;
inline constexpr qsizetype kMaxToolSchemaBytes = 64 * 1024; ///< all parameters' JSON together
inline constexpr int kMaxContextTokens = 2000000;

/// Sweep: a staircase of constant arrival rates (an open model) or of VUs (a closed model) to find the
/// knee (model/sweep.h).
enum class ExecutorKind { ConstantVus, RampingVus, ConstantArrivalRate, RampingArrivalRate, Sweep };
/// Every executor, in the order the parser's messages and the editor list them.
inline constexpr ExecutorKind kAllExecutors[] = { ExecutorKind::ConstantVus, ExecutorKind::RampingVus,
    ExecutorKind::ConstantArrivalRate, ExecutorKind::RampingArrivalRate, ExecutorKind::Sweep };
enum class Arrival { Uniform, Poisson };

struct Stage {
    qint64 durationMs = 0;
    double target = 0; ///< VUs (ramping-vus) or iterations per time_unit (ramping-arrival-rate)
};

struct LoadProfile {
    ExecutorKind executor = ExecutorKind::RampingVus;
    // constant-vus
    int vus = 10;
    // constant-vus, constant-arrival-rate
    qint64 durationMs = 60000;
    // ramping-vus
    int startVus = 0;
    // constant-arrival-rate (rate per timeUnit)
    double rate = 10;
    // ramping-arrival-rate
    double startRate = 0;
    // both arrival-rate executors
    qint64 timeUnitMs = 1000;
    int maxInFlight = 1000;
    Arrival arrival = Arrival::Uniform;
    // both ramping executors
    QList<Stage> stages;
    // VU executors: pause after each iteration, uniform in [min, max]
    qint64 thinkTimeMinMs = 0;
    qint64 thinkTimeMaxMs = 0;
    qint64 gracefulStopMs = 30000;
    // sweep (its own start_rate in requests per second, or start_vus; time_unit does not apply)
    model::Sweep sweep;

    bool isOpenModel() const
    {
        return executor == ExecutorKind::ConstantArrivalRate || executor == ExecutorKind::RampingArrivalRate
            || (executor == ExecutorKind::Sweep && !sweep.isVus());
    }
};

struct RetryPolicy {
    int maxRetries = 3;
    qint64 baseDelayMs = 1000;
    qint64 maxDelayMs = 30000;
    QList<int> onStatus = { 429, 503 };
    bool honorRetryAfter = true;
};

/// One k6-style threshold expression on a metric, e.g. "p(95)<2000".
struct ThresholdRule {
    QString expression;
    bool abortOnFail = false;
    qint64 delayAbortEvalMs = 0;
};

/// Thresholds keyed by metric with optional tag filter, e.g. "http_req_duration{model:gpt-4.1}".
struct ThresholdSet {
    QString metricKey;
    QList<ThresholdRule> rules;
};

/// The patterns of `capture_headers` when a scenario names none: rate-limit state, Retry-After,
/// LiteLLM's and Portkey's headers, Server-Timing, OpenAI's processing time, request ids and cache
/// status.
QStringList defaultCaptureHeaders();

struct Scenario {
    int version = 1;
    QString name = QStringLiteral("Untitled");
    Target target;
    QList<ModelSpec> models;
    Prompts prompts;
    LoadProfile load;
    RetryPolicy retry;
    model::Slo slo; ///< "slo": every model's requests are judged by it, unless the model declares its own bound
    QList<ThresholdSet> thresholds; ///< in file order
    QStringList checks; ///< status_200, has_choices, has_usage, has_content, under_<duration> (docs/metrics.md)
    std::optional<quint64> seed;
    bool preflight = true;
    RateLimits limits; ///< caps on every model together; each model's own caps apply as well
    std::optional<double> budgetUsd; ///< "budget_usd": the run stops gracefully once its measured spend reaches it
    /// "capture_headers": glob patterns of the response headers each request keeps (docs/metrics.md,
    /// "Gateway headers"); unset: defaultCaptureHeaders(); empty: none.
    std::optional<QStringList> captureHeaders;
    QStringList captureHeaderPatterns() const { return captureHeaders.value_or(defaultCaptureHeaders()); }
    std::optional<ServerMetricsConfig> serverMetrics; ///< "server_metrics": polled during the load when set
    std::optional<DirectTarget> directTarget; ///< "direct_target": a paired run (gateway vs direct) when set
    std::optional<Conversation> conversation; ///< "conversation": multi-turn sessions when set
    std::optional<Tools> tools; ///< "tools": functions every request declares when set

    /// Whether any cap (overall or an enabled model's) applies.
    bool hasLimits() const;

    QList<ModelSpec> enabledModels() const;
    /// The SLO a model's requests are judged by: the scenario's, with the model's own bounds in place.
    model::Slo sloFor(const ModelSpec &model) const { return slo.overriddenBy(model.slo); }
    /// Whether any enabled model's requests are judged by an SLO (else goodput and slo_attainment are absent).
    bool declaresSlo() const;
};

QString toString(ExecutorKind kind); ///< k6 name, e.g. "ramping-vus"
std::optional<ExecutorKind> executorFromString(const QString &name);
QString toString(Http2Mode mode);
QString toString(TransportKind kind); ///< "auto", "qt", "curl"
std::optional<TransportKind> transportFromName(const QString &name);
QString toString(Arrival arrival);
QString toString(ServerMetricsConfig::Format format); ///< "prometheus", "json"
/// "rpm 600, tpm 100000"; empty when no cap is set.
QString toString(const RateLimits &limits);
/// 16777216 -> "16 MiB", 4096 -> "4 KiB", 1000 -> "1000 bytes" (the limits' messages).
QString formatByteSize(qint64 bytes);

} // namespace stampede::scenario
