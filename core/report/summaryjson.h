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
/// One closed second (a line of seconds.jsonl, an entry of "history"); `groupNames` are "all"
/// followed by the enabled models.
nlohmann::json secondToJson(const metrics::SecondPoint &point, const QStringList &groupNames);
/// Sparse run-long histogram: count, min, max, sum (exact) and [bucket index, count] pairs.
nlohmann::json histogramToJson(const metrics::Histogram &histogram);
nlohmann::json failureToJson(const metrics::FailureGroup &failure);
nlohmann::json summaryToJson(const metrics::RunSummary &summary, const SummaryContext &context);
QByteArray summaryJsonBytes(const metrics::RunSummary &summary, const SummaryContext &context);

} // namespace stampede::report
