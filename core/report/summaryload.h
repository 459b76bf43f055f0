#pragma once
// Reads back what summaryjson.h writes: a summary JSON (summary.json of a run folder, or
// `stampede run --json`) becomes a RunSummary again, with its run-long histograms re-imported
// exactly, so reports can be regenerated and runs compared or merged.

#include "metrics/stats.h"

#include <nlohmann/json.hpp>

namespace stampede::report {

metrics::LatencyStats latencyFromJson(const nlohmann::json &json);
metrics::SecondPoint secondFromJson(const nlohmann::json &json);
metrics::Histogram histogramFromJson(const nlohmann::json &json);
/// "histograms" of a summary JSON: key -> histogram.
QMap<QString, metrics::Histogram> histogramsFromJson(const nlohmann::json &summary);
/// A whole summary. Latency stats keep the numbers as written and, when the summary carries its
/// histograms, the histogram too (so any p(N) can be asked).
metrics::RunSummary summaryFromJson(const nlohmann::json &json);

} // namespace stampede::report
