#pragma once
// What the gateway said, per group, as summary.json's "headers" and "rate_limits" and back: the
// names scripts rely on (docs/metrics.md, "Gateway headers" and "Rate limits (429)").

#include "metrics/stats.h"

#include <nlohmann/json.hpp>

namespace stampede::report {

/// Adds "headers" (name -> {count, mean, p50, p95, max, last, values?, series?}) when any header
/// was captured, and "rate_limits" when the gateway answered 429 or asked for Retry-After.
void gatewayToJson(const metrics::GroupStats &group, nlohmann::json &out);
/// The inverse of gatewayToJson(); tolerant (a missing key keeps its default).
void gatewayFromJson(const nlohmann::json &json, metrics::GroupStats &group);

} // namespace stampede::report
