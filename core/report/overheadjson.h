#pragma once
// A paired run's gateway overhead (scenario direct_target; docs/metrics.md, "Gateway overhead,
// measured"): the figures every view shows (overheadRows()), summary.json's "overhead" and back, and
// the text summary's lines. The significance hint is the compare feature's (report/compare.h).

#include "metrics/overhead.h"
#include "report/compare.h"

#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace stampede::report {

/// One side's percentiles, milliseconds; nullopt when it has no success.
struct OverheadFigures {
    std::optional<double> latencyP50, latencyP95, ttftP50, ttftP95;
};

/// One group of a paired run, as every view shows it.
struct OverheadRow {
    QString model; ///< "all" or a model
    std::uint64_t gatewayRequests = 0, gatewayFailed = 0, directRequests = 0, directFailed = 0;
    OverheadFigures gateway, direct;
    OverheadFigures overhead; ///< gateway − direct, each where both sides have it
    Significance latency; ///< Mann-Whitney U of the end-to-end latencies, direct as the baseline
    Significance ttft;
};
QList<OverheadRow> overheadRows(const metrics::Overhead &overhead);

/// summary.json "overhead": direct_base_url, pairing, and per group (all first) the two sides'
/// counts, percentiles and histograms, overhead_ms and the significance.
nlohmann::json overheadToJson(const metrics::Overhead &overhead);
/// The inverse of overheadToJson() (the histograms); tolerant of missing keys.
metrics::Overhead overheadFromJson(const nlohmann::json &json);
/// The text summary's block: a table of overhead per model and the hint; empty without groups.
QString overheadText(const metrics::Overhead &overhead);
/// "+6.2 ms", "−0.4 ms", "-" (nothing to compare).
QString overheadMs(const std::optional<double> &ms);

} // namespace stampede::report
