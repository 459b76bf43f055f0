#include "metrics/threshold.h"

#include "metrics/metricnames.h"
#include "metrics/trendmetrics.h"

#include <QLocale>

#include <array>
#include <cmath>

namespace stampede::metrics {

using namespace Qt::StringLiterals;

namespace {

enum class Kind { Trend, Rate, Counter, Cost };

struct MetricInfo
{
    QLatin1StringView name;
    Kind kind;
    bool perModel; ///< accepts {model:NAME}
};

constexpr std::array<MetricInfo, 17> metricTable { {
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
} };

const MetricInfo* findMetric(QStringView name)
{
    for (const MetricInfo& info : metricTable) {
        if (name == info.name)
            return &info;
    }
    return nullptr;
}

struct OperatorInfo
{
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

template <typename T> std::optional<T> fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

QString quoted(QStringView text)
{
    return u'"' + text.toString() + u'"';
}

/// "avg", "p(95)", ...: normalised ("p( 95.0 )" -> "p(95)"), or nullopt with a reason.
std::optional<QString> parseAggregation(QStringView text, QString* error)
{
    static const QLatin1StringView plain[] = { "avg"_L1, "min"_L1, "max"_L1, "med"_L1, "rate"_L1, "count"_L1 };
    for (QLatin1StringView name : plain) {
        if (text == name)
            return QString(name);
    }
    if (isPercentileForm(text)) {
        if (const auto q = percentileArgument(text))
            return u"p("_s + QString::number(*q, 'g', QLocale::FloatingPointShortest) + u')';
        return fail<QString>(error, text.toString() + u" is not a percentile: use p(0..100)"_s);
    }
    if (text.isEmpty())
        return fail<QString>(error, u"missing aggregation before the comparison"_s);
    return fail<QString>(
        error, u"unknown aggregation "_s + quoted(text) + u"; use avg, min, max, med, p(N), rate or count"_s);
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

bool kindAllows(Kind kind, const QString& aggregation)
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

std::optional<ThresholdExpr> parseThresholdExpression(const QString& text, QString* error)
{
    const QString expr = text.trimmed();
    if (expr.isEmpty())
        return fail<ThresholdExpr>(error, u"empty threshold expression"_s);
    qsizetype at = 0;
    while (at < expr.size() && !u"<>=!"_s.contains(expr.at(at)))
        ++at;
    if (at == expr.size())
        return fail<ThresholdExpr>(
            error, u"no comparison in "_s + quoted(expr) + u"; expected e.g. p(95)<2000 with <, <=, >, >=, == or !="_s);
    const OperatorInfo* found = nullptr;
    for (const OperatorInfo& candidate : operatorTable) {
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
    const auto aggregation = parseAggregation(QStringView(expr).left(at).trimmed(), error);
    if (!aggregation)
        return std::nullopt;
    result.aggregation = *aggregation;
    bool ok = false;
    result.bound = rest.toDouble(&ok);
    if (rest.isEmpty())
        return fail<ThresholdExpr>(error, u"missing bound after "_s + QString(found->text) + u" in "_s + quoted(expr));
    if (!ok || !std::isfinite(result.bound))
        return fail<ThresholdExpr>(error, quoted(rest) + u" is not a number (in "_s + quoted(expr) + u')');
    return result;
}

std::optional<MetricKey> parseMetricKey(const QString& text, QString* error)
{
    const QString key = text.trimmed();
    const qsizetype brace = key.indexOf(u'{');
    MetricKey result;
    result.metric = (brace < 0 ? key : key.left(brace)).trimmed();
    const MetricInfo* info = findMetric(result.metric);
    if (!info)
        return fail<MetricKey>(
            error, u"unknown metric "_s + quoted(result.metric) + u"; known: "_s + thresholdMetrics().join(u", "_s));
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
    return result;
}

bool aggregationAllowed(const QString& metric, const QString& aggregation)
{
    const MetricInfo* info = findMetric(metric);
    return info && kindAllows(info->kind, aggregation);
}

QString aggregationError(const QString& metric, const QString& aggregation)
{
    const MetricInfo* info = findMetric(metric);
    if (!info)
        return u"unknown metric "_s + quoted(metric);
    if (kindAllows(info->kind, aggregation))
        return {};
    return aggregation + u" is not an aggregation of "_s + metric + u"; use "_s + allowedAggregations(info->kind);
}

std::optional<ParsedThreshold> parseThreshold(const QString& metricKey, const QString& expression, QString* error)
{
    auto key = parseMetricKey(metricKey, error);
    if (!key)
        return std::nullopt;
    auto expr = parseThresholdExpression(expression, error);
    if (!expr)
        return std::nullopt;
    const QString problem = aggregationError(key->metric, expr->aggregation);
    if (!problem.isEmpty())
        return fail<ParsedThreshold>(error, problem);
    return ParsedThreshold { *key, *expr };
}

QStringList thresholdMetrics()
{
    QStringList list;
    list.reserve(qsizetype(metricTable.size()));
    for (const MetricInfo& info : metricTable)
        list.append(info.name);
    return list;
}

namespace {

std::optional<double> counterValue(double count, bool anything, const QString& aggregation, double windowSeconds)
{
    if (!anything)
        return std::nullopt;
    if (aggregation == "count"_L1)
        return count;
    if (windowSeconds <= 0)
        return std::nullopt;
    return count / windowSeconds;
}

std::optional<double> checksRate(const QList<CheckResult>& checks)
{
    std::int64_t passes = 0;
    std::int64_t total = 0;
    for (const CheckResult& check : checks) {
        passes += check.passes;
        total += check.passes + check.fails;
    }
    return total ? std::optional<double>(double(passes) / double(total)) : std::nullopt;
}

} // namespace

std::optional<double> metricValue(const GroupStats& group, const QString& metric, const QString& aggregation,
    std::int64_t droppedIterations, const QList<CheckResult>& checks, double windowSeconds)
{
    if (!aggregationAllowed(metric, aggregation))
        return std::nullopt;
    if (const auto trend = trendFromName(metric)) {
        const LatencyStats& stats = trendStats(group, *trend);
        bool ok = false;
        const double v = stats.value(aggregation, &ok);
        return stats.count && ok ? std::optional<double>(v) : std::nullopt;
    }
    const bool started = group.requests > 0;
    if (metric == names::httpReqFailed)
        return started ? std::optional<double>(group.errorRate()) : std::nullopt;
    if (metric == names::checks)
        return checksRate(checks);
    if (metric == names::costUsd)
        return started ? std::optional<double>(group.costUsd) : std::nullopt;
    std::int64_t count = 0;
    if (metric == names::httpReqs)
        count = group.attempts;
    else if (metric == names::iterations)
        count = group.requests;
    else if (metric == names::droppedIterations)
        count = droppedIterations;
    else if (metric == names::completionTokens)
        count = group.completionTokens;
    else if (metric == names::promptTokens)
        count = group.promptTokens;
    return counterValue(double(count), started || count > 0, aggregation, windowSeconds);
}

} // namespace stampede::metrics
