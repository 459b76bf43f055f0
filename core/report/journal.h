#pragma once
// The per-request journal of a run folder (requests.jsonl): one compact JSON object per line per
// finished request, holding every RequestOutcome field the metrics need, so that replaying the
// lines into a metrics::Aggregator rebuilds the run (docs/metrics.md, "Run folders").
// Defaults are left out of a line (absent times are -1, empty strings and false flags are omitted).

#include "metrics/requestoutcome.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace stampede::report {

/// One journal line, without the trailing newline. `model` is the name of outcome.modelIndex.
/// Keys in byte order, compact, UTF-8 unescaped: the same text nlohmann::json::dump() gives, written
/// directly (one line per request at tens of thousands a second; the DOM took ~6 us a line).
QByteArray outcomeToJsonLine(const metrics::RequestOutcome &outcome, const QString &model);
namespace detail {
/// The same line through an nlohmann document: the reference the tests compare with.
QByteArray outcomeToJsonLineDom(const metrics::RequestOutcome &outcome, const QString &model);
} // namespace detail
/// Parses one line; nullopt for a damaged line (e.g. the truncated last line of a killed run).
/// `model` (optional) receives the model name written with it.
std::optional<metrics::RequestOutcome> outcomeFromJsonLine(const QByteArray &line, QString *model = nullptr);

} // namespace stampede::report
