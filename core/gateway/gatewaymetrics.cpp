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
} // namespace

GatewayMetrics::GatewayMetrics(const QStringList &models)
    : m_models(models)
    , m_perModel(models.size() + 1, 0)
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
    qint64 sum = 0;
    for (qint64 n : m_perModel)
        sum += n;
    return sum;
}

QByteArray GatewayMetrics::prometheusText() const
{
    const QMutexLocker lock(&m_mutex);
    QByteArray out;
    out += "# HELP stampede_gateway_requests_total Chat requests answered, by requested model.\n"
           "# TYPE stampede_gateway_requests_total counter\n";
    for (qsizetype i = 0; i < m_perModel.size(); ++i) {
        const QString model = i < m_models.size() ? m_models[i] : QStringLiteral("unknown");
        if (i < m_models.size() || m_perModel[i] > 0)
            out += "stampede_gateway_requests_total{model=\"" + labelValue(model) + "\"} " + number(m_perModel[i])
                + '\n';
    }
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
