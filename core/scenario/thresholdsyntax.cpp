#include "scenario/thresholdsyntax.h"

#include "scenario/naming.h"

#include <cmath>

namespace stampede::scenario {

namespace {

enum class MetricKind { Trend, Rate, Counter, Value };

struct MetricInfo
{
    QLatin1StringView name;
    MetricKind kind;
    bool perModel = true; ///< accepts {model:NAME}; metrics/threshold.cpp refuses the tag otherwise
};

// Same names as metrics/metricnames.h; repeated here because scenario sits below metrics.
constexpr MetricInfo kMetrics[] = {
    { QLatin1StringView("http_req_duration"), MetricKind::Trend },
    { QLatin1StringView("http_req_duration_all"), MetricKind::Trend },
    { QLatin1StringView("scheduled_duration"), MetricKind::Trend },
    { QLatin1StringView("client_queue"), MetricKind::Trend },
    { QLatin1StringView("ttfb"), MetricKind::Trend },
    { QLatin1StringView("ttft"), MetricKind::Trend },
    { QLatin1StringView("tpot"), MetricKind::Trend },
    { QLatin1StringView("itl"), MetricKind::Trend },
    { QLatin1StringView("output_tokens_per_s"), MetricKind::Trend },
    { QLatin1StringView("http_req_failed"), MetricKind::Rate },
    { QLatin1StringView("http_reqs"), MetricKind::Counter },
    { QLatin1StringView("iterations"), MetricKind::Counter },
    { QLatin1StringView("dropped_iterations"), MetricKind::Counter, false },
    { QLatin1StringView("checks"), MetricKind::Rate, false },
    { QLatin1StringView("completion_tokens"), MetricKind::Counter },
    { QLatin1StringView("prompt_tokens"), MetricKind::Counter },
    { QLatin1StringView("cost_usd"), MetricKind::Value },
};

const QLatin1StringView kOperators[] = { QLatin1StringView("<="), QLatin1StringView(">="), QLatin1StringView("=="),
    QLatin1StringView("!="), QLatin1StringView("<"), QLatin1StringView(">") };

QString quoted(QStringView text)
{
    return QLatin1Char('"') + text.toString() + QLatin1Char('"');
}

const MetricInfo* metricInfo(QStringView name)
{
    for (const MetricInfo& info : kMetrics) {
        if (name == info.name)
            return &info;
    }
    return nullptr;
}

/// The metric name part of a key ("ttft{model:x}" -> "ttft").
QStringView metricName(const QString& metricKey)
{
    const qsizetype brace = metricKey.indexOf(QLatin1Char('{'));
    return QStringView(metricKey).left(brace < 0 ? metricKey.size() : brace).trimmed();
}

std::optional<QString> tagFilterError(QStringView filter, const QStringList& modelNames)
{
    if (!filter.endsWith(u'}'))
        return QStringLiteral("the tag filter must end with '}', e.g. {model:gpt-4.1}");
    const QStringView inner = filter.mid(1, filter.size() - 2);
    const qsizetype colon = inner.indexOf(u':');
    const QStringView tag = inner.left(colon < 0 ? 0 : colon).trimmed();
    if (colon < 0 || tag != u"model")
        return QStringLiteral("only the model tag can filter a threshold, e.g. {model:gpt-4.1}");
    const QString model = inner.mid(colon + 1).trimmed().toString();
    if (model.isEmpty())
        return QStringLiteral("the model tag needs a model name, e.g. {model:gpt-4.1}");
    if (!modelNames.contains(model))
        return QStringLiteral("unknown model ") + quoted(model) + detail::suggestionSuffix(model, modelNames)
            + QStringLiteral(" (this scenario's models: ") + modelNames.join(QStringLiteral(", ")) + QLatin1Char(')');
    return std::nullopt;
}

QString allowedAggregations(MetricKind kind)
{
    switch (kind) {
    case MetricKind::Trend:
        return QStringLiteral("avg, min, max, med or p(N)");
    case MetricKind::Rate:
        return QStringLiteral("rate");
    case MetricKind::Counter:
        return QStringLiteral("count or rate");
    case MetricKind::Value:
        return QStringLiteral("count");
    }
    return {};
}

std::optional<QString> percentileError(QStringView aggregation)
{
    const QStringView number = aggregation.mid(2, aggregation.size() - 3).trimmed();
    bool ok = false;
    const double n = number.toDouble(&ok);
    if (!ok || !(n > 0 && n <= 100))
        return QStringLiteral("p(N) needs a number 0 < N <= 100, got ") + quoted(aggregation);
    return std::nullopt;
}

std::optional<QString> aggregationError(QStringView metric, MetricKind kind, QStringView aggregation)
{
    const bool percentile = aggregation.startsWith(u"p(") && aggregation.endsWith(u')');
    bool allowed = false;
    switch (kind) {
    case MetricKind::Trend:
        allowed = percentile || aggregation == u"avg" || aggregation == u"min" || aggregation == u"max"
            || aggregation == u"med";
        break;
    case MetricKind::Rate:
        allowed = aggregation == u"rate";
        break;
    case MetricKind::Counter:
        allowed = aggregation == u"count" || aggregation == u"rate";
        break;
    case MetricKind::Value:
        allowed = aggregation == u"count";
        break;
    }
    if (aggregation.isEmpty())
        return QStringLiteral("missing aggregation before the operator; ") + metric.toString()
            + QStringLiteral(" takes ") + allowedAggregations(kind);
    if (!allowed)
        return QStringLiteral("aggregation ") + quoted(aggregation) + QStringLiteral(" does not apply to ")
            + metric.toString() + QStringLiteral("; use ") + allowedAggregations(kind);
    return percentile ? percentileError(aggregation) : std::nullopt;
}

/// The comparison operator at the first operator character, or an empty view.
QLatin1StringView operatorAt(QStringView text, qsizetype& position)
{
    position = -1;
    for (qsizetype i = 0; i < text.size() && position < 0; ++i) {
        if (QStringView(u"<>=!").contains(text[i]))
            position = i;
    }
    for (QLatin1StringView candidate : kOperators) {
        if (position >= 0 && text.mid(position).startsWith(candidate))
            return candidate;
    }
    return {};
}

std::optional<QString> expressionError(QStringView metric, MetricKind kind, const QString& expression)
{
    const QStringView text = QStringView(expression).trimmed();
    if (text.isEmpty())
        return QStringLiteral("empty expression; write e.g. \"p(95)<2000\"");
    qsizetype position = -1;
    const QLatin1StringView op = operatorAt(text, position);
    if (op.isEmpty())
        return quoted(text) + QStringLiteral(" has no valid comparison operator; use <, <=, >, >=, == or !=");
    if (std::optional<QString> error = aggregationError(metric, kind, text.left(position).trimmed()))
        return error;
    const QStringView bound = text.mid(position + op.size()).trimmed();
    bool ok = false;
    const double value = bound.toDouble(&ok);
    if (bound.isEmpty())
        return QStringLiteral("missing number after ") + quoted(op.toString());
    if (!ok || !std::isfinite(value))
        return QStringLiteral("bound ") + quoted(bound)
            + QStringLiteral(" is not a number (times are in milliseconds, e.g. p(95)<2000)");
    return std::nullopt;
}

} // namespace

std::optional<QString> metricKeySyntaxError(const QString& metricKey, const QStringList& modelNames)
{
    const QStringView name = metricName(metricKey);
    if (name.isEmpty())
        return QStringLiteral("empty metric name; use e.g. http_req_duration or ttft");
    const MetricInfo* info = metricInfo(name);
    if (!info)
        return QStringLiteral("unknown metric ") + quoted(name)
            + detail::suggestionSuffix(name.toString(), thresholdMetricNames()) + QStringLiteral(" (metrics: ")
            + thresholdMetricNames().join(QStringLiteral(", ")) + QLatin1Char(')');
    const qsizetype brace = metricKey.indexOf(QLatin1Char('{'));
    if (brace < 0)
        return std::nullopt;
    // Run time refuses a filter on run-wide metrics; accepting it here would load a file whose
    // threshold is then never evaluated (found by tests/fuzz/fuzz_threshold).
    if (!info->perModel)
        return name.toString() + QStringLiteral(" is counted for the whole run: remove the {model:...} filter");
    return tagFilterError(QStringView(metricKey).mid(brace).trimmed(), modelNames);
}

std::optional<QString> thresholdSyntaxError(
    const QString& metricKey, const QString& expression, const QStringList& modelNames)
{
    if (std::optional<QString> keyError = metricKeySyntaxError(metricKey, modelNames))
        return keyError;
    const QStringView metric = metricName(metricKey);
    return expressionError(metric, metricInfo(metric)->kind, expression);
}

QStringList thresholdMetricNames()
{
    QStringList names;
    for (const MetricInfo& info : kMetrics)
        names.append(info.name);
    return names;
}

} // namespace stampede::scenario
