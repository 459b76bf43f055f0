#include "scenariocompare.h"

#include "scenario/duration.h"

namespace stampede::test {

using namespace scenario;

namespace {

QString show(const QString &value)
{
    return QLatin1Char('"') + value + QLatin1Char('"');
}
QString show(double value)
{
    return QString::number(value, 'g', 17);
}
QString show(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}
QString show(const QStringList &values)
{
    return QLatin1Char('[') + values.join(QStringLiteral(", ")) + QLatin1Char(']');
}

class Differ
{
public:
    QStringList out;

    void slo(const QString &path, const model::Slo &a, const model::Slo &b)
    {
        for (model::SloMetric metric : model::allSloMetrics()) {
            const auto boundA = a.bound(metric);
            const auto boundB = b.bound(metric);
            if (boundA != boundB)
                out.append(path + QLatin1Char('.') + model::sloMetricName(metric) + QStringLiteral(": ")
                    + (boundA ? formatDuration(*boundA) : QStringLiteral("none")) + QStringLiteral(" != ")
                    + (boundB ? formatDuration(*boundB) : QStringLiteral("none")));
        }
    }

    template <typename T> void field(const QString &path, const T &a, const T &b)
    {
        if (!(a == b))
            out.append(path + QStringLiteral(": ") + show(a) + QStringLiteral(" != ") + show(b));
    }
    void duration(const QString &path, qint64 a, qint64 b)
    {
        if (a != b)
            out.append(path + QStringLiteral(": ") + formatDuration(a) + QStringLiteral(" != ") + formatDuration(b));
    }
    void count(const QString &path, qsizetype a, qsizetype b)
    {
        if (a != b)
            out.append(path + QStringLiteral(": %1 entries != %2 entries").arg(a).arg(b));
    }
};

void compareTarget(Differ &d, const Target &a, const Target &b)
{
    d.field(QStringLiteral("target.base_url"), a.baseUrl, b.baseUrl);
    d.field(QStringLiteral("target.api_key_env"), a.apiKeyEnv, b.apiKeyEnv);
    d.duration(QStringLiteral("target.timeout"), a.timeoutMs, b.timeoutMs);
    d.duration(QStringLiteral("target.connect_timeout"), a.connectTimeoutMs, b.connectTimeoutMs);
    d.field(QStringLiteral("target.headers"), QStringList(a.headers.keys()) + a.headers.values(),
        QStringList(b.headers.keys()) + b.headers.values());
    d.field(QStringLiteral("target.http2"), toString(a.http2), toString(b.http2));
    d.field(QStringLiteral("target.transport"), toString(a.transport), toString(b.transport));
    d.field(QStringLiteral("target.tls.ca_file"), a.tls.caFile, b.tls.caFile);
    d.field(QStringLiteral("target.tls.client_cert"), a.tls.clientCert, b.tls.clientCert);
    d.field(QStringLiteral("target.tls.client_key"), a.tls.clientKey, b.tls.clientKey);
    d.field(QStringLiteral("target.tls.insecure"), a.tls.insecure, b.tls.insecure);
    d.field(QStringLiteral("target.proxy"), a.proxy, b.proxy);
    d.field(QStringLiteral("target.follow_redirects"), a.followRedirects, b.followRedirects);
    d.field(QStringLiteral("target.limits.max_response_bytes"), double(a.limits.maxResponseBytes),
        double(b.limits.maxResponseBytes));
    d.field(QStringLiteral("target.limits.max_event_bytes"), double(a.limits.maxEventBytes),
        double(b.limits.maxEventBytes));
}

void compareLimits(Differ &d, const QString &path, const RateLimits &a, const RateLimits &b);

void compareModels(Differ &d, const QList<ModelSpec> &a, const QList<ModelSpec> &b)
{
    d.count(QStringLiteral("models"), a.size(), b.size());
    for (qsizetype i = 0; i < qMin(a.size(), b.size()); ++i) {
        const QString p = QStringLiteral("models[%1].").arg(i);
        d.field(p + QStringLiteral("model"), a[i].model, b[i].model);
        d.field(p + QStringLiteral("weight"), a[i].weight, b[i].weight);
        d.field(p + QStringLiteral("enabled"), a[i].enabled, b[i].enabled);
        d.field(p + QStringLiteral("max_tokens"), double(a[i].maxTokens), double(b[i].maxTokens));
        d.field(p + QStringLiteral("temperature"), a[i].temperature, b[i].temperature);
        d.field(p + QStringLiteral("stream"), a[i].stream, b[i].stream);
        d.field(p + QStringLiteral("protocol"), model::wireProtocolName(a[i].protocol),
            model::wireProtocolName(b[i].protocol));
        d.field(p + QStringLiteral("price.input_per_mtok"), a[i].price.inputPerMTok, b[i].price.inputPerMTok);
        d.field(p + QStringLiteral("price.output_per_mtok"), a[i].price.outputPerMTok, b[i].price.outputPerMTok);
        d.field(p + QStringLiteral("price.cache_read_per_mtok"), a[i].price.cacheReadPerMTok.value_or(-1),
            b[i].price.cacheReadPerMTok.value_or(-1));
        d.field(p + QStringLiteral("price.cache_write_per_mtok"), a[i].price.cacheWritePerMTok.value_or(-1),
            b[i].price.cacheWritePerMTok.value_or(-1));
        d.slo(p + QStringLiteral("slo"), a[i].slo, b[i].slo);
        compareLimits(d, p + QStringLiteral("limits"), a[i].limits, b[i].limits);
    }
}

void compareLoad(Differ &d, const LoadProfile &a, const LoadProfile &b)
{
    d.field(QStringLiteral("load.executor"), toString(a.executor), toString(b.executor));
    d.field(QStringLiteral("load.vus"), double(a.vus), double(b.vus));
    d.duration(QStringLiteral("load.duration"), a.durationMs, b.durationMs);
    d.field(QStringLiteral("load.start_vus"), double(a.startVus), double(b.startVus));
    d.field(QStringLiteral("load.rate"), a.rate, b.rate);
    d.field(QStringLiteral("load.start_rate"), a.startRate, b.startRate);
    d.duration(QStringLiteral("load.time_unit"), a.timeUnitMs, b.timeUnitMs);
    d.field(QStringLiteral("load.max_in_flight"), double(a.maxInFlight), double(b.maxInFlight));
    d.field(QStringLiteral("load.arrival"), toString(a.arrival), toString(b.arrival));
    d.count(QStringLiteral("load.stages"), a.stages.size(), b.stages.size());
    for (qsizetype i = 0; i < qMin(a.stages.size(), b.stages.size()); ++i) {
        d.duration(QStringLiteral("load.stages[%1].duration").arg(i), a.stages[i].durationMs, b.stages[i].durationMs);
        d.field(QStringLiteral("load.stages[%1].target").arg(i), a.stages[i].target, b.stages[i].target);
    }
    d.duration(QStringLiteral("load.think_time.min"), a.thinkTimeMinMs, b.thinkTimeMinMs);
    d.duration(QStringLiteral("load.think_time.max"), a.thinkTimeMaxMs, b.thinkTimeMaxMs);
    d.duration(QStringLiteral("load.graceful_stop"), a.gracefulStopMs, b.gracefulStopMs);
}

void compareRetry(Differ &d, const RetryPolicy &a, const RetryPolicy &b)
{
    d.field(QStringLiteral("retry.max_retries"), double(a.maxRetries), double(b.maxRetries));
    d.duration(QStringLiteral("retry.base_delay"), a.baseDelayMs, b.baseDelayMs);
    d.duration(QStringLiteral("retry.max_delay"), a.maxDelayMs, b.maxDelayMs);
    QStringList sa, sb;
    for (int s : a.onStatus)
        sa.append(QString::number(s));
    for (int s : b.onStatus)
        sb.append(QString::number(s));
    d.field(QStringLiteral("retry.on_status"), sa, sb);
    d.field(QStringLiteral("retry.honor_retry_after"), a.honorRetryAfter, b.honorRetryAfter);
}

void compareThresholds(Differ &d, const QList<ThresholdSet> &a, const QList<ThresholdSet> &b)
{
    d.count(QStringLiteral("thresholds"), a.size(), b.size());
    for (qsizetype i = 0; i < qMin(a.size(), b.size()); ++i) {
        const QString p = QStringLiteral("thresholds[%1]").arg(i);
        d.field(p + QStringLiteral(".key"), a[i].metricKey, b[i].metricKey);
        d.count(p, a[i].rules.size(), b[i].rules.size());
        for (qsizetype r = 0; r < qMin(a[i].rules.size(), b[i].rules.size()); ++r) {
            const QString rp = p + QStringLiteral("[%1]").arg(r);
            d.field(rp + QStringLiteral(".threshold"), a[i].rules[r].expression, b[i].rules[r].expression);
            d.field(rp + QStringLiteral(".abortOnFail"), a[i].rules[r].abortOnFail, b[i].rules[r].abortOnFail);
            d.duration(
                rp + QStringLiteral(".delayAbortEval"), a[i].rules[r].delayAbortEvalMs, b[i].rules[r].delayAbortEvalMs);
        }
    }
}

QString seedText(const std::optional<quint64> &seed)
{
    return seed ? QString::number(*seed) : QStringLiteral("none");
}

/// The number, or "none" when unset.
QString optionalText(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'g', 17) : QStringLiteral("none");
}

void compareLimits(Differ &d, const QString &path, const RateLimits &a, const RateLimits &b)
{
    d.field(path + QStringLiteral(".rpm"), optionalText(a.rpm), optionalText(b.rpm));
    d.field(path + QStringLiteral(".tpm"), optionalText(a.tpm), optionalText(b.tpm));
}

} // namespace

QStringList scenarioDifferences(const Scenario &a, const Scenario &b)
{
    Differ d;
    d.field(QStringLiteral("version"), double(a.version), double(b.version));
    d.field(QStringLiteral("name"), a.name, b.name);
    compareTarget(d, a.target, b.target);
    compareModels(d, a.models, b.models);
    d.field(QStringLiteral("prompts.system"), a.prompts.system, b.prompts.system);
    d.field(QStringLiteral("prompts.user"), a.prompts.user, b.prompts.user);
    d.field(QStringLiteral("prompts.dataset"),
        a.prompts.dataset.has_value() && (*a.prompts.dataset == *b.prompts.dataset), b.prompts.dataset.has_value());
    d.field(QStringLiteral("prompts.synthetic"),
        a.prompts.synthetic.has_value() && b.prompts.synthetic.has_value()
            && *a.prompts.synthetic == *b.prompts.synthetic,
        b.prompts.synthetic.has_value());
    d.field(QStringLiteral("conversation"), a.conversation == b.conversation, true);
    d.field(QStringLiteral("tools"), a.tools == b.tools, true);
    d.field(QStringLiteral("prompts.shared_prefix"), a.prompts.sharedPrefix == b.prompts.sharedPrefix, true);
    compareLoad(d, a.load, b.load);
    compareRetry(d, a.retry, b.retry);
    d.slo(QStringLiteral("slo"), a.slo, b.slo);
    compareThresholds(d, a.thresholds, b.thresholds);
    d.field(QStringLiteral("checks"), a.checks, b.checks);
    d.field(QStringLiteral("seed"), seedText(a.seed), seedText(b.seed));
    d.field(QStringLiteral("preflight"), a.preflight, b.preflight);
    compareLimits(d, QStringLiteral("limits"), a.limits, b.limits);
    d.field(QStringLiteral("budget_usd"), optionalText(a.budgetUsd), optionalText(b.budgetUsd));
    d.field(QStringLiteral("server_metrics"), bool(a.serverMetrics), bool(b.serverMetrics));
    if (a.serverMetrics && b.serverMetrics) {
        const scenario::ServerMetricsConfig &x = *a.serverMetrics, &y = *b.serverMetrics;
        d.field(QStringLiteral("server_metrics.url"), x.url, y.url);
        d.field(QStringLiteral("server_metrics.format"), toString(x.format), toString(y.format));
        d.field(QStringLiteral("server_metrics.interval"), double(x.intervalMs), double(y.intervalMs));
        d.field(QStringLiteral("server_metrics.series"), x.series, y.series);
        d.field(QStringLiteral("server_metrics.send_key"), x.sendKey, y.sendKey);
    }
    return d.out;
}

QStringList errorTexts(const LoadResult &result)
{
    QStringList out;
    for (const ValidationError &error : result.errors)
        out << error.toString();
    return out;
}

} // namespace stampede::test
