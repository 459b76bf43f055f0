#pragma once
// A sweep's capacity verdicts (metrics/capacity.h) as summary.json's "capacity" and back, and as
// capacity.csv: the names scripts rely on (docs/metrics.md, "Capacity: the sweep").

#include "metrics/capacity.h"

#include <QByteArray>

#include <nlohmann/json.hpp>

namespace stampede::report {

/// {step_duration_s, level ("rate" or "vus"), overall, models[]}; each verdict {model, safe_rate,
/// first_failing_step, reason, steps[], frontier[]} and, in a VU sweep, safe_vus (each step then has
/// vus, and offered_rate null); null where a value does not exist (no safe rate, no failing step, no goodput).
nlohmann::json capacityToJson(const metrics::Capacity &capacity);
/// The inverse of capacityToJson(); tolerant (a missing key keeps its default).
metrics::Capacity capacityFromJson(const nlohmann::json &json);
/// One row per model (overall first, as "all") and step: the step columns of capacityToJson().
QByteArray capacityCsv(const metrics::Capacity &capacity);

} // namespace stampede::report
