#pragma once
// CSV exports (docs/metrics.md, "CSV columns"): summary.csv, history.csv, failures.csv and
// requests.csv. Stable header names; numbers in the C locale (a dot, no thousands separator);
// RFC 4180 quoting; an empty cell where a statistic has no data.

#include "metrics/stats.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace stampede::report {

/// RFC 4180 field: quoted when it holds a comma, a quote, CR or LF; quotes doubled.
QString csvField(const QString &text);
/// A number with three decimals in the C locale: 1234.5 -> "1234.500".
QString csvNumber(double value);

/// One row per model, then the "all" row (every model: the mixed row), every statistic.
QByteArray summaryCsv(const metrics::RunSummary &summary);
/// One row per second and group ("all" first, then each model): rate, percentiles, TTFT, errors,
/// tokens, VUs.
QByteArray historyCsv(const metrics::RunSummary &summary);
/// One row per failure group: class, status, message, count, first and last seen.
QByteArray failuresCsv(const metrics::RunSummary &summary);

/// requests.csv, streamed from a run folder's requests.jsonl (a run may have millions of
/// requests): one row per parsable line, damaged lines skipped. `checks` names the check bits.
/// Returns an empty string on success, else the error.
QString writeRequestsCsv(const QString &journalPath, const QString &csvPath, const QStringList &checks);

/// Writes summary.csv, history.csv, failures.csv (and requests.csv when `journalPath` is set)
/// into `dir`, creating it. Returns an empty string on success, else the error.
QString writeCsvFiles(
    const metrics::RunSummary &summary, const QString &dir, const QString &journalPath, const QStringList &checks);

} // namespace stampede::report
