#pragma once
// The end-of-run summary as plain text for terminals and CI logs (`stampede run`).

#include "metrics/stats.h"

#include <QString>
#include <QUrl>

namespace stampede::report {

/// Per-model results table (the seed article's columns plus tokens, TTFT, TPOT and cost, and a
/// mixed row), errors by class, thresholds and checks.
QString summaryText(const metrics::RunSummary &summary, const QUrl &baseUrl);
/// A sweep's capacity: the overall step table, each verdict and the throughput frontier
/// (capacitytext.cpp); empty for any other run.
QString capacityText(const metrics::Capacity &capacity);
/// One live status line: elapsed/total, VUs or rate, req/s, p95, errors, $.
QString statusLine(const metrics::Snapshot &snapshot);
/// A fixed-width table; the first row is the header. Numbers right-aligned.
QString formatTable(const QList<QStringList> &rows);
/// An SLO's bounds in the scenario's words: "http_req_duration < 2s, ttft < 500ms"; "no bound" when empty.
QString sloText(const model::Slo &slo);
/// integrity (issue 14): a group's finish_reason distribution, "length 2, stop 10" (the text summary and the report).
QString finishReasonsText(const metrics::IntegrityCounts &counts);
/// The SLOs a run was judged by: the top level's bounds, then each model whose own differ
/// ("http_req_duration < 2s; b: ttft < 250ms, http_req_duration < 2s"). Empty without an SLO.
QString sloDescription(const metrics::RunSummary &summary);

} // namespace stampede::report
