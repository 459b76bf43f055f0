#pragma once
// The run summary as JSON (`stampede run --json`), the format of docs/metrics.md.

#include "metrics/stats.h"
#include "scenario/scenario.h"

#include <QByteArray>
#include <QUrl>

#include <nlohmann/json.hpp>

namespace stampede::report {

struct SummaryContext {
    scenario::Scenario scenario; ///< sanitised before writing
    QUrl baseUrl; ///< the URL actually used
    bool includeHistory = false; ///< per-second series
    bool includeHistograms = false; ///< run-long histograms (sparse buckets) for exact merging
};

nlohmann::json groupToJson(const metrics::GroupStats &group);
nlohmann::json latencyToJson(const metrics::LatencyStats &stats);
nlohmann::json summaryToJson(const metrics::RunSummary &summary, const SummaryContext &context);
QByteArray summaryJsonBytes(const metrics::RunSummary &summary, const SummaryContext &context);

} // namespace stampede::report
