#pragma once
// k6 threshold expressions: "p(95)<2000", "avg<=300", "max<5000", "med<100", "rate<0.05",
// "count>=100", operators < <= > >= == !=, on a metric key with an optional tag filter
// ("http_req_duration{model:gpt-4.1}").

#include "metrics/stats.h"

#include <QString>
#include <optional>

namespace stampede::metrics {

enum class Comparison { Less, LessEq, Greater, GreaterEq, Equal, NotEqual };

struct ThresholdExpr {
    QString aggregation; ///< "avg", "min", "max", "med", "p(95)", "rate", "count"
    Comparison op = Comparison::Less;
    double bound = 0;
    bool test(double value) const;
};

struct MetricKey {
    QString metric; ///< e.g. "http_req_duration"
    QString model; ///< empty: every model
};

/// Parses an expression; on failure returns nullopt and sets `error` to a specific reason.
std::optional<ThresholdExpr> parseThresholdExpression(const QString &text, QString *error = nullptr);
/// Parses "metric{model:name}"; rejects unknown metrics and tags other than `model`.
std::optional<MetricKey> parseMetricKey(const QString &text, QString *error = nullptr);
/// Which aggregations a metric supports (trend metrics: avg/min/max/med/p(N); rates: rate; counters: count, rate).
bool aggregationAllowed(const QString &metric, const QString &aggregation);
/// Every metric name thresholds accept.
QStringList thresholdMetrics();

/// Same as aggregationAllowed(), but says what would be allowed instead, e.g.
/// "rate is not an aggregation of ttft; use avg, min, max, med or p(N)". Empty when allowed.
QString aggregationError(const QString &metric, const QString &aggregation);

/// A metric key and an expression parsed together and checked against each other.
struct ParsedThreshold {
    MetricKey key;
    ThresholdExpr expr;
};
/// What scenario validation and the aggregator use: nullopt and `error` on the first problem.
std::optional<ParsedThreshold> parseThreshold(const QString &metricKey, const QString &expression,
                                              QString *error = nullptr);

/// Evaluates an aggregation of `metric` on a group; nullopt when there is no data yet.
/// Trends: no value recorded. http_req_failed: no request. checks: no check evaluated.
/// Counters and cost_usd: nothing happened yet (no request and a zero count). A counter's "rate"
/// is its count per second of `windowSeconds`.
std::optional<double> metricValue(const GroupStats &group, const QString &metric, const QString &aggregation,
                                  std::int64_t droppedIterations, const QList<CheckResult> &checks,
                                  double windowSeconds);

} // namespace stampede::metrics
