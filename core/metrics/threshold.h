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

/// Evaluates an aggregation of `metric` on a group; nullopt when there is no data yet.
std::optional<double> metricValue(const GroupStats &group, const QString &metric, const QString &aggregation,
                                  std::int64_t droppedIterations, const QList<CheckResult> &checks,
                                  double windowSeconds);

} // namespace stampede::metrics
