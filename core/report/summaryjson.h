#pragma once
// The run summary as JSON (`stampede run --json`), the format of docs/metrics.md.

#include "metrics/stats.h"
#include "scenario/scenario.h"

#include <QByteArray>
#include <QIODevice>
#include <QUrl>

#include <nlohmann/json.hpp>

namespace stampede::report {

struct SummaryContext {
    scenario::Scenario scenario; ///< sanitised before writing
    QUrl baseUrl; ///< the URL actually used
    bool includeHistory = false; ///< per-second series
    bool includeHistograms = false; ///< run-long histograms (sparse buckets) for exact merging
};

/// A group; with an SLO also "slo" (sloBoundsToJson()), "slo_met", "goodput_rps", "slo_attainment".
nlohmann::json groupToJson(const metrics::GroupStats &group);
/// An SLO's bounds in milliseconds by metric name: {"http_req_duration": 2000, "ttft": 500}.
nlohmann::json sloBoundsToJson(const model::Slo &slo);
nlohmann::json latencyToJson(const metrics::LatencyStats &stats);
/// A workload slice (a conversation's turn; the requests with or without a shared prefix).
nlohmann::json sliceToJson(const metrics::SliceStats &slice);
/// One closed second (a line of seconds.jsonl, an entry of "history"); `groupNames` are "all"
/// followed by the enabled models.
nlohmann::json secondToJson(const metrics::SecondPoint &point, const QStringList &groupNames);
/// Sparse run-long histogram: count, min, max, sum (exact) and [bucket index, count] pairs.
nlohmann::json histogramToJson(const metrics::Histogram &histogram);
nlohmann::json failureToJson(const metrics::FailureGroup &failure);
/// The whole summary as one document. For a long run with history, prefer writeSummaryJson():
/// an hour of history with four models peaks at ~125 MB as a document, for 23 MB of text.
nlohmann::json summaryToJson(const metrics::RunSummary &summary, const SummaryContext &context);
/// Writes summaryToJson(summary, context).dump(2) and a newline to `out`, byte for byte, without
/// building the history as a document: everything else is one small document, the history is
/// written one second at a time. False when a write fails (see out.errorString()).
bool writeSummaryJson(QIODevice &out, const metrics::RunSummary &summary, const SummaryContext &context);
/// writeSummaryJson() into the file `path`, atomically (QSaveFile). Empty on success, else
/// "<path>: <error>".
QString saveSummaryJson(const QString &path, const metrics::RunSummary &summary, const SummaryContext &context);
/// writeSummaryJson() into memory.
QByteArray summaryJsonBytes(const metrics::RunSummary &summary, const SummaryContext &context);

} // namespace stampede::report
