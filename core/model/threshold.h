#pragma once
// The k6 threshold grammar, parsed in one place for every room: a metric key ("ttft", or
// "ttft{model:gpt-4.1}" for one model) and an expression "<aggregation> <operator> <bound>"
// ("p(95)<2000", "avg<=300", "max<5000", "med<100", "rate<0.05", "count>=100"; operators
// < <= > >= == !=). A metric's kind decides its aggregations: trends take avg, min, max, med and
// p(N) with 0 <= N <= 100, rates take rate, counters count and rate (per second), cost_usd count;
// slo_attainment (a share) and goodput (per second) take rate, and need the scenario's "slo".
// Scenario validation, the aggregator, the dashboard and the editor all call parseThreshold().

#include <QString>
#include <QStringList>

#include <optional>

namespace stampede::model {

enum class Comparison { Less, LessEq, Greater, GreaterEq, Equal, NotEqual };

struct MetricKey {
    QString metric; ///< e.g. "http_req_duration"
    QString model; ///< empty: every model
};

struct ThresholdExpr {
    QString aggregation; ///< normalised: "avg", "min", "max", "med", "p(95)", "rate", "count"
    Comparison op = Comparison::Less;
    double bound = 0;
    bool test(double value) const;
};

/// A metric key and an expression, parsed together and checked against each other.
struct Threshold {
    MetricKey key;
    ThresholdExpr expr;
    bool test(double value) const { return expr.test(value); }
};

/// Parses "metric" or "metric{model:NAME}". With `modelNames` (the scenario's models) NAME must
/// be one of them; without, any NAME is accepted. On failure: nullopt, and `error` says why.
std::optional<MetricKey> parseMetricKey(
    const QString &text, QString *error = nullptr, const QStringList *modelNames = nullptr);
/// Parses an expression on its own (no metric to check the aggregation against).
std::optional<ThresholdExpr> parseThresholdExpression(const QString &text, QString *error = nullptr);
/// The key's problem first, then the expression's (read left to right), then whether the
/// aggregation applies to the metric.
std::optional<Threshold> parseThreshold(const QString &metricKey, const QString &expression, QString *error = nullptr,
    const QStringList *modelNames = nullptr);

/// Every metric name thresholds accept, in documentation order.
QStringList thresholdMetrics();
/// Whether the metric exists only where an SLO is declared (goodput, slo_attainment).
bool needsSlo(QStringView metric);
/// Whether a (normalised) aggregation applies to a metric; false for an unknown metric.
bool aggregationAllowed(QStringView metric, QStringView aggregation);
/// The N of "p(N)" when it is a number in [0, 100] (p(0) is the minimum, p(100) the maximum).
std::optional<double> percentileArgument(QStringView aggregation);

} // namespace stampede::model
