#pragma once
// scenario "server_metrics" as summary.json's "server_metrics" and back (docs/metrics.md,
// "Server-side metrics").

#include "metrics/servermetrics.h"

#include <nlohmann/json.hpp>

namespace stampede::report {

/// {url, format, interval_s, scrapes, errors, last_error, series: [{name, kind, samples: [[t_s, value]],
/// dropped}]}.
nlohmann::json serverMetricsToJson(const metrics::ServerMetrics &metrics);
/// The inverse of serverMetricsToJson(); tolerant (a missing key keeps its default, a bad sample is skipped).
metrics::ServerMetrics serverMetricsFromJson(const nlohmann::json &json);

} // namespace stampede::report
