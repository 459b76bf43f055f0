#include "model/threshold.h"

#include "model/metricnames.h"
#include "model/suggestion.h"

#include <QLocale>

#include <array>
#include <cmath>

namespace stampede::model {

using namespace Qt::StringLiterals;

namespace {

enum class Kind { Trend, Rate, Counter, Cost };

struct MetricInfo {
    QLatin1StringView name;
    Kind kind;
    bool perModel; ///< accepts {model:NAME}
};

constexpr std::array<MetricInfo, 24> metricTable { {
    { names::httpReqDuration, Kind::Trend, true },
    { names::httpReqDurationAll, Kind::Trend, true },
    { names::scheduledDuration, Kind::Trend, true },
    { names::queueDelay, Kind::Trend, true },
    { names::ttfb, Kind::Trend, true },
    { names::ttft, Kind::Trend, true },
    { names::tpot, Kind::Trend, true },
    { names::itl, Kind::Trend, true },
    { names::outputSpeed, Kind::Trend, true },
    { names::httpReqFailed, Kind::Rate, true },
    { names::checks, Kind::Rate, false }, // checks are counted for the whole run only
    { names::httpReqs, Kind::Counter, true },
    { names::iterations, Kind::Counter, true },
    { names::droppedIterations, Kind::Counter, false }, // dropped before a model was chosen
    { names::completionTokens, Kind::Counter, true },
    { names::promptTokens, Kind::Counter, true },
    { names::costUsd, Kind::Cost, true },
    { names::sloAttainment, Kind::Rate, true }, // share of requests meeting the SLO (needs a scenario "slo")
    { names::goodput, Kind::Rate, true }, // requests meeting the SLO per second: "rate" is per second
    // integrity (issue 14): successes that failed a check, counted per model
    { names::integritySubstituted, Kind::Counter, true },
    { names::integrityFakeStreaming, Kind::Counter, true },
    { names::integrityUsageMismatch, Kind::Counter, true },
    { names::integrityEmpty200, Kind::Counter, true },
    { names::integrityToolArgsInvalid, Kind::Counter, true },
} };

const MetricInfo *findMetric(QStringView name)
{
    for (const MetricInfo &info : metricTable) {
        if (name == info.name)
            return &info;
    }
    return nullptr;
}

struct OperatorInfo {
    QLatin1StringView text;
    Comparison op;
};

// Two-character operators first, so "<=" is not read as "<" followed by "=2000".
constexpr std::array<OperatorInfo, 6> operatorTable { {
    { "<="_L1, Comparison::LessEq },
    { ">="_L1, Comparison::GreaterEq },
    { "=="_L1, Comparison::Equal },
    { "!="_L1, Comparison::NotEqual },
    { "<"_L1, Comparison::Less },
    { ">"_L1, Comparison::Greater },
} };

template <typename T> std::optional<T> fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

QString quoted(QStringView text)
{
    return u'"' + text.toString() + u'"';
}

bool isPercentileForm(QStringView aggregation)
{
    return aggregation.startsWith(u"p(") && aggregation.endsWith(u')');
}

QString allowedAggregations(Kind kind)
{
    switch (kind) {
    case Kind::Trend:
        return u"avg, min, max, med or p(N)"_s;
    case Kind::Rate:
        return u"rate"_s;
    case Kind::Counter:
        return u"count or rate"_s;
    case Kind::Cost:
        return u"count"_s;
    }
    return {};
}

bool kindAllows(Kind kind, QStringView aggregation)
{
    switch (kind) {
    case Kind::Trend:
        return aggregation == "avg"_L1 || aggregation == "min"_L1 || aggregation == "max"_L1 || aggregation == "med"_L1
            || percentileArgument(aggregation).has_value();
    case Kind::Rate:
        return aggregation == "rate"_L1;
    case Kind::Counter:
        return aggregation == "count"_L1 || aggregation == "rate"_L1;
    case Kind::Cost:
        return aggregation == "count"_L1;
    }
    return false;
}

/// "avg", "p(95)", ...: normalised ("p( 95.0 )" -> "p(95)"), or nullopt with a reason. With a
/// metric, the aggregation must also apply to it.
std::optional<QString> parseAggregation(QStringView text, const MetricInfo *metric, QString *error)
{
    if (text.isEmpty()) {
        const QString takes
            = metric ? u"; "_s + metric->name + u" takes "_s + allowedAggregations(metric->kind) : QString();
        return fail<QString>(error, u"missing aggregation before the comparison"_s + takes);
    }
    std::optional<QString> aggregation;
    static const QLatin1StringView plain[] = { "avg"_L1, "min"_L1, "max"_L1, "med"_L1, "rate"_L1, "count"_L1 };
    for (QLatin1StringView name : plain) {
        if (text == name)
            aggregation = QString(name);
    }
    if (isPercentileForm(text)) {
        const auto q = percentileArgument(text);
        if (!q)
            return fail<QString>(error, text.toString() + u" is not a percentile: use p(0..100)"_s);
        aggregation = u"p("_s + QString::number(*q, 'g', QLocale::FloatingPointShortest) + u')';
    }
    if (!aggregation)
        return fail<QString>(error,
            u"unknown aggregation "_s + quoted(text) + u"; use "_s
                + (metric ? allowedAggregations(metric->kind) : u"avg, min, max, med, p(N), rate or count"_s));
    if (metric && !kindAllows(metric->kind, *aggregation))
        return fail<QString>(error,
            *aggregation + u" is not an aggregation of "_s + metric->name + u"; use "_s
                + allowedAggregations(metric->kind));
    return aggregation;
}

std::optional<ThresholdExpr> parseExpression(const QString &text, const MetricInfo *metric, QString *error)
{
    const QString expr = text.trimmed();
    if (expr.isEmpty())
        return fail<ThresholdExpr>(error, u"empty expression; write e.g. \"p(95)<2000\""_s);
    qsizetype at = 0;
    while (at < expr.size() && !u"<>=!"_s.contains(expr.at(at)))
        ++at;
    if (at == expr.size())
        return fail<ThresholdExpr>(
            error, u"no comparison in "_s + quoted(expr) + u"; expected e.g. p(95)<2000 with <, <=, >, >=, == or !="_s);
    const OperatorInfo *found = nullptr;
    for (const OperatorInfo &candidate : operatorTable) {
        if (QStringView(expr).mid(at).startsWith(candidate.text)) {
            found = &candidate;
            break;
        }
    }
    const QStringView rest = QStringView(expr).mid(at + (found ? found->text.size() : 0)).trimmed();
    if (!found || rest.startsWith(u'=') || rest.startsWith(u'<') || rest.startsWith(u'>'))
        return fail<ThresholdExpr>(
            error, u"invalid comparison in "_s + quoted(expr) + u"; use <, <=, >, >=, == or !="_s);
    ThresholdExpr result;
    result.op = found->op;
    const auto aggregation = parseAggregation(QStringView(expr).left(at).trimmed(), metric, error);
    if (!aggregation)
        return std::nullopt;
    result.aggregation = *aggregation;
    if (rest.isEmpty())
        return fail<ThresholdExpr>(error, u"missing bound after "_s + QString(found->text) + u" in "_s + quoted(expr));
    bool ok = false;
    result.bound = rest.toDouble(&ok);
    if (!ok || !std::isfinite(result.bound))
        return fail<ThresholdExpr>(
            error, u"bound "_s + quoted(rest) + u" is not a number (times are in milliseconds, e.g. p(95)<2000)"_s);
    return result;
}

std::optional<QString> unknownModelError(const QString &model, const QStringList *modelNames)
{
    if (!modelNames || modelNames->contains(model))
        return std::nullopt;
    return u"unknown model "_s + quoted(model) + suggestionSuffix(model, *modelNames) + u" (this scenario's models: "_s
        + modelNames->join(u", "_s) + u')';
}

} // namespace

bool ThresholdExpr::test(double value) const
{
    switch (op) {
    case Comparison::Less:
        return value < bound;
    case Comparison::LessEq:
        return value <= bound;
    case Comparison::Greater:
        return value > bound;
    case Comparison::GreaterEq:
        return value >= bound;
    case Comparison::Equal:
        return value == bound;
    case Comparison::NotEqual:
        return value != bound;
    }
    return false;
}

std::optional<MetricKey> parseMetricKey(const QString &text, QString *error, const QStringList *modelNames)
{
    const QString key = text.trimmed();
    const qsizetype brace = key.indexOf(u'{');
    MetricKey result;
    result.metric = (brace < 0 ? key : key.left(brace)).trimmed();
    if (result.metric.isEmpty())
        return fail<MetricKey>(error, u"empty metric name; use e.g. http_req_duration or ttft"_s);
    const MetricInfo *info = findMetric(result.metric);
    if (!info)
        return fail<MetricKey>(error,
            u"unknown metric "_s + quoted(result.metric) + suggestionSuffix(result.metric, thresholdMetrics())
                + u" (metrics: "_s + thresholdMetrics().join(u", "_s) + u')');
    if (brace < 0)
        return result;
    const qsizetype colon = key.indexOf(u':', brace);
    if (!key.endsWith(u'}') || colon < 0)
        return fail<MetricKey>(
            error, u"malformed tag filter in "_s + quoted(key) + u"; expected "_s + result.metric + u"{model:NAME}"_s);
    const QString tag = key.mid(brace + 1, colon - brace - 1).trimmed();
    result.model = key.mid(colon + 1, key.size() - colon - 2).trimmed();
    if (tag != "model"_L1)
        return fail<MetricKey>(
            error, u"unknown tag "_s + quoted(tag) + u" in "_s + quoted(key) + u"; only {model:NAME} is supported"_s);
    if (result.model.isEmpty())
        return fail<MetricKey>(error, u"empty model name in "_s + quoted(key));
    if (!info->perModel)
        return fail<MetricKey>(
            error, result.metric + u" is counted for the whole run; remove {model:"_s + result.model + u'}');
    if (const std::optional<QString> unknown = unknownModelError(result.model, modelNames))
        return fail<MetricKey>(error, *unknown);
    return result;
}

std::optional<ThresholdExpr> parseThresholdExpression(const QString &text, QString *error)
{
    return parseExpression(text, nullptr, error);
}

std::optional<Threshold> parseThreshold(
    const QString &metricKey, const QString &expression, QString *error, const QStringList *modelNames)
{
    auto key = parseMetricKey(metricKey, error, modelNames);
    if (!key)
        return std::nullopt;
    auto expr = parseExpression(expression, findMetric(key->metric), error);
    if (!expr)
        return std::nullopt;
    return Threshold { *key, *expr };
}

QStringList thresholdMetrics()
{
    QStringList list;
    list.reserve(qsizetype(metricTable.size()));
    for (const MetricInfo &info : metricTable)
        list.append(info.name);
    return list;
}

bool needsSlo(QStringView metric)
{
    return metric == names::goodput || metric == names::sloAttainment;
}

bool aggregationAllowed(QStringView metric, QStringView aggregation)
{
    const MetricInfo *info = findMetric(metric);
    return info && kindAllows(info->kind, aggregation);
}

std::optional<double> percentileArgument(QStringView aggregation)
{
    if (!isPercentileForm(aggregation))
        return std::nullopt;
    bool ok = false;
    const double q = aggregation.mid(2, aggregation.size() - 3).trimmed().toDouble(&ok);
    if (!ok || !(q >= 0.0 && q <= 100.0))
        return std::nullopt;
    return q;
}

} // namespace stampede::model
