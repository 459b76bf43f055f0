#include "gatewaymetrics.h"

#include <iterator>

namespace stampede::gateway {

namespace {
constexpr qint64 kWindowMs = 60000;
constexpr qsizetype kBucketCount = qsizetype(std::size(GatewayMetrics::kBuckets)) + 1;

QByteArray number(double value)
{
    return QByteArray::number(value, 'g', 15);
}

/// A label value in the exposition format: \\, \" and \n escaped.
QByteArray labelValue(const QString &text)
{
    QByteArray out = text.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return out;
}

qint64 sum(const QList<qint64> &counts)
{
    qint64 total = 0;
    for (qint64 n : counts)
        total += n;
    return total;
}
} // namespace

GatewayMetrics::GatewayMetrics(const QStringList &models)
    : m_models(models)
    , m_perModel(models.size() + 1, 0)
    , m_toolCalls(models.size() + 1, 0)
    , m_brokenToolCalls(models.size() + 1, 0)
    , m_bucketCounts(kBucketCount, 0)
{
}

void GatewayMetrics::chatStarted()
{
    const QMutexLocker lock(&m_mutex);
    ++m_inFlight;
}

void GatewayMetrics::chatAnswered(int model, double seconds, qint64 tokens, qint64 nowMs)
{
    const QMutexLocker lock(&m_mutex);
    --m_inFlight;
    ++m_perModel[model >= 0 && model < m_models.size() ? model : m_models.size()];
    qsizetype bucket = 0;
    while (bucket < kBucketCount - 1 && seconds > kBuckets[bucket])
        ++bucket;
    ++m_bucketCounts[bucket];
    m_durationSum += seconds;
    m_tokens += tokens;
    m_window.push_back({ nowMs, tokens });
    prune(nowMs);
}

void GatewayMetrics::toolCallAnswered(int model, bool broken)
{
    const QMutexLocker lock(&m_mutex);
    const qsizetype slot = model >= 0 && model < m_models.size() ? model : m_models.size();
    ++m_toolCalls[slot];
    if (broken)
        ++m_brokenToolCalls[slot];
}

void GatewayMetrics::chatAbandoned()
{
    const QMutexLocker lock(&m_mutex);
    --m_inFlight;
}

void GatewayMetrics::prune(qint64 nowMs) const
{
    while (!m_window.empty() && m_window.front().atMs <= nowMs - kWindowMs)
        m_window.pop_front();
}

qint64 GatewayMetrics::answered() const
{
    const QMutexLocker lock(&m_mutex);
    return sum(m_perModel);
}

qint64 GatewayMetrics::toolCalls() const
{
    const QMutexLocker lock(&m_mutex);
    return sum(m_toolCalls);
}

qint64 GatewayMetrics::brokenToolCalls() const
{
    const QMutexLocker lock(&m_mutex);
    return sum(m_brokenToolCalls);
}

void GatewayMetrics::appendPerModel(QByteArray &out, const char *name, const QList<qint64> &counts) const
{
    for (qsizetype i = 0; i < counts.size(); ++i) {
        const QString model = i < m_models.size() ? m_models[i] : QStringLiteral("unknown");
        if (i < m_models.size() || counts[i] > 0)
            out += QByteArray(name) + "{model=\"" + labelValue(model) + "\"} " + number(double(counts[i])) + '\n';
    }
}

QByteArray GatewayMetrics::prometheusText() const
{
    const QMutexLocker lock(&m_mutex);
    QByteArray out;
    out += "# HELP stampede_gateway_requests_total Chat requests answered, by requested model.\n"
           "# TYPE stampede_gateway_requests_total counter\n";
    appendPerModel(out, "stampede_gateway_requests_total", m_perModel);
    out += "# HELP stampede_gateway_requests_in_flight Chat requests being answered.\n"
           "# TYPE stampede_gateway_requests_in_flight gauge\n"
           "stampede_gateway_requests_in_flight "
        + number(m_inFlight) + "\n";
    out += "# HELP stampede_gateway_request_duration_seconds Time from a chat request to its last byte.\n"
           "# TYPE stampede_gateway_request_duration_seconds histogram\n";
    qint64 cumulative = 0;
    for (qsizetype i = 0; i < kBucketCount; ++i) {
        cumulative += m_bucketCounts[i];
        const QByteArray le = i < kBucketCount - 1 ? number(kBuckets[i]) : QByteArray("+Inf");
        out += "stampede_gateway_request_duration_seconds_bucket{le=\"" + le + "\"} " + number(cumulative) + '\n';
    }
    out += "stampede_gateway_request_duration_seconds_sum " + number(m_durationSum) + '\n';
    out += "stampede_gateway_request_duration_seconds_count " + number(cumulative) + '\n';
    out += "# HELP stampede_gateway_tokens_total Prompt + completion tokens answered.\n"
           "# TYPE stampede_gateway_tokens_total counter\n"
           "stampede_gateway_tokens_total "
        + number(m_tokens) + '\n';
    out += "# HELP stampede_gateway_tool_calls_total Answers sent whole that were a tool call, by requested model.\n"
           "# TYPE stampede_gateway_tool_calls_total counter\n";
    appendPerModel(out, "stampede_gateway_tool_calls_total", m_toolCalls);
    out += "# HELP stampede_gateway_broken_tool_calls_total Of those, the ones whose arguments were not valid JSON.\n"
           "# TYPE stampede_gateway_broken_tool_calls_total counter\n";
    appendPerModel(out, "stampede_gateway_broken_tool_calls_total", m_brokenToolCalls);
    return out;
}

QByteArray GatewayMetrics::usageJson(qint64 nowMs) const
{
    const QMutexLocker lock(&m_mutex);
    prune(nowMs);
    qint64 tokens = 0;
    for (const Answer &a : m_window)
        tokens += a.tokens;
    const double cost = double(m_tokens) * kUsdPerMillionTokens / 1e6;
    return "{\"rpm\":" + number(double(m_window.size())) + ",\"tpm\":" + number(double(tokens))
        + ",\"daily_cost\":" + number(cost) + "}";
}

} // namespace stampede::gateway
