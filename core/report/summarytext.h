#pragma once
// The end-of-run summary as plain text for terminals and CI logs (`stampede run`).

#include "metrics/stats.h"

#include <QString>
#include <QUrl>

namespace stampede::report {

/// Per-model results table (the seed article's columns plus tokens, TTFT, TPOT and cost, and a
/// mixed row), errors by class, thresholds and checks.
QString summaryText(const metrics::RunSummary &summary, const QUrl &baseUrl);
/// One live status line: elapsed/total, VUs or rate, req/s, p95, errors, $.
QString statusLine(const metrics::Snapshot &snapshot);
/// A fixed-width table; the first row is the header. Numbers right-aligned.
QString formatTable(const QList<QStringList> &rows);

} // namespace stampede::report
