#pragma once
// What the simulated gateway says about itself: GET /metrics (Prometheus text) and GET /v1/usage/current
// (JSON), computed from the generation requests it answered (chat, Responses, Messages and Gemini alike),
// so tests can check Stampede's "server_metrics" against known figures (docs/metrics.md, "Server-side
// metrics").

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QStringList>

#include <deque>

namespace stampede::gateway {

/// Shared by every handler thread; each call takes one small mutex.
class GatewayMetrics
{
public:
    /// The notional price of /v1/usage/current's daily_cost: $ per million prompt + completion tokens.
    static constexpr double kUsdPerMillionTokens = 1.0;
    /// stampede_gateway_request_duration_seconds' bucket bounds (+Inf implied).
    static constexpr double kBuckets[] = { 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 };

    explicit GatewayMetrics(const QStringList &models);

    /// A chat request of model `model` (an index, or -1 when none was named) is being answered.
    void chatStarted();
    /// Its last bytes went out after `seconds`, with `tokens` prompt + completion tokens.
    void chatAnswered(int model, double seconds, qint64 tokens, qint64 nowMs);
    /// The client left before the answer (in flight no more, not counted as answered).
    void chatAbandoned();
    /// The answer being sent whole is a tool call of model `model`, its arguments broken or not
    /// (called before chatAnswered()).
    void toolCallAnswered(int model, bool broken);

    /// stampede_gateway_requests_total{model} (counter), stampede_gateway_requests_in_flight (gauge),
    /// stampede_gateway_request_duration_seconds (histogram), stampede_gateway_tokens_total (counter),
    /// stampede_gateway_tool_calls_total{model} and stampede_gateway_broken_tool_calls_total{model} (counters).
    QByteArray prometheusText() const;
    /// {"rpm", "tpm", "daily_cost"}: answers and tokens in the 60 s before `nowMs`, cost since start.
    QByteArray usageJson(qint64 nowMs) const;
    /// Every chat request answered so far (the sum of requests_total).
    qint64 answered() const;
    /// Tool-call answers sent whole so far, and those of them whose arguments were broken.
    qint64 toolCalls() const;
    qint64 brokenToolCalls() const;

private:
    struct Answer {
        qint64 atMs;
        qint64 tokens;
    };
    void prune(qint64 nowMs) const;
    /// `name`{model="..."} per model (the "unknown" slot only when not 0); the mutex is held.
    void appendPerModel(QByteArray &out, const char *name, const QList<qint64> &counts) const;

    const QStringList m_models;
    mutable QMutex m_mutex;
    QList<qint64> m_perModel; ///< by model index; the last slot is "unknown"
    QList<qint64> m_toolCalls; ///< by model index, like m_perModel
    QList<qint64> m_brokenToolCalls;
    qint64 m_inFlight = 0;
    QList<qint64> m_bucketCounts; ///< per kBuckets bound, not cumulative; the last is +Inf
    double m_durationSum = 0;
    qint64 m_tokens = 0;
    mutable std::deque<Answer> m_window; ///< the last 60 s of answers
};

} // namespace stampede::gateway
