#pragma once
// Syntax check for k6-style thresholds in a scenario file, with no dependency on the metrics room
// (which owns the full evaluator): metric key "name" or "name{model:NAME}", expression
// "<aggregation> <operator> <number>", e.g. "p(95)<2000", "rate<0.05", "count>=100".

#include <QString>
#include <QStringList>

#include <optional>

namespace stampede::scenario {

/// Why the metric key is not usable (unknown metric, tag other than model, unknown model), or nullopt.
std::optional<QString> metricKeySyntaxError(const QString& metricKey, const QStringList& modelNames);
/// Why the threshold is not usable (the key's reason first, then the expression's), or nullopt.
std::optional<QString> thresholdSyntaxError(
    const QString& metricKey, const QString& expression, const QStringList& modelNames);
/// The metric names thresholds accept, in documentation order.
QStringList thresholdMetricNames();

} // namespace stampede::scenario
