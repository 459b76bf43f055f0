#include "scenario/scenario.h"

#include <algorithm>

namespace stampede::scenario {

QList<ModelSpec> Scenario::enabledModels() const
{
    QList<ModelSpec> enabled;
    for (const ModelSpec &spec : models) {
        if (spec.enabled)
            enabled.append(spec);
    }
    return enabled;
}

bool Scenario::declaresSlo() const
{
    for (const ModelSpec &spec : models) {
        if (spec.enabled && !sloFor(spec).isEmpty())
            return true;
    }
    return false;
}

bool Scenario::hasLimits() const
{
    return !limits.isEmpty() || std::any_of(models.cbegin(), models.cend(), [](const ModelSpec &m) {
        return m.enabled && !m.limits.isEmpty();
    });
}

QStringList defaultCaptureHeaders()
{
    return { QStringLiteral("x-ratelimit-*"), QStringLiteral("retry-after"), QStringLiteral("retry-after-ms"),
        QStringLiteral("x-litellm-*"), QStringLiteral("x-portkey-*"), QStringLiteral("server-timing"),
        QStringLiteral("openai-processing-ms"), QStringLiteral("x-request-id"), QStringLiteral("request-id"),
        QStringLiteral("openai-request-id"), QStringLiteral("x-amzn-requestid"), QStringLiteral("cf-ray"),
        QStringLiteral("x-cache"), QStringLiteral("x-cache-status"), QStringLiteral("cf-cache-status") };
}

QString toString(const RateLimits &limits)
{
    QStringList parts;
    if (limits.rpm)
        parts << QStringLiteral("rpm ") + QString::number(*limits.rpm, 'g', 15);
    if (limits.tpm)
        parts << QStringLiteral("tpm ") + QString::number(*limits.tpm, 'g', 15);
    return parts.join(QStringLiteral(", "));
}

QString toString(ExecutorKind kind)
{
    switch (kind) {
    case ExecutorKind::ConstantVus:
        return QStringLiteral("constant-vus");
    case ExecutorKind::RampingVus:
        return QStringLiteral("ramping-vus");
    case ExecutorKind::ConstantArrivalRate:
        return QStringLiteral("constant-arrival-rate");
    case ExecutorKind::RampingArrivalRate:
        return QStringLiteral("ramping-arrival-rate");
    case ExecutorKind::Sweep:
        return QStringLiteral("sweep");
    }
    return {};
}

std::optional<ExecutorKind> executorFromString(const QString &name)
{
    for (ExecutorKind kind : kAllExecutors) {
        if (toString(kind) == name)
            return kind;
    }
    return std::nullopt;
}

QString toString(Http2Mode mode)
{
    switch (mode) {
    case Http2Mode::Auto:
        return QStringLiteral("auto");
    case Http2Mode::Http1:
        return QStringLiteral("http1");
    case Http2Mode::H2c:
        return QStringLiteral("h2c");
    }
    return {};
}

QString toString(TransportKind kind)
{
    switch (kind) {
    case TransportKind::Auto:
        return QStringLiteral("auto");
    case TransportKind::Qt:
        return QStringLiteral("qt");
    case TransportKind::Curl:
        return QStringLiteral("curl");
    }
    return {};
}

std::optional<TransportKind> transportFromName(const QString &name)
{
    for (TransportKind kind : { TransportKind::Auto, TransportKind::Qt, TransportKind::Curl }) {
        if (toString(kind) == name)
            return kind;
    }
    return std::nullopt;
}

QString toString(ServerMetricsConfig::Format format)
{
    return format == ServerMetricsConfig::Format::Json ? QStringLiteral("json") : QStringLiteral("prometheus");
}

QString toString(Arrival arrival)
{
    switch (arrival) {
    case Arrival::Uniform:
        return QStringLiteral("uniform");
    case Arrival::Poisson:
        return QStringLiteral("poisson");
    }
    return {};
}

} // namespace stampede::scenario
