#pragma once
// Prompt-cache and reasoning tokens per model (issue 16; docs/metrics.md, "Protocols"): the one table
// the text summary and the HTML report print, and the shares the dashboard's tooltips give, so every
// surface shows the same figures with the same definitions.

#include "metrics/stats.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace stampede::report {

/// Cache read / (prompt + cache read + cache written): the share of a group's prompt-side tokens the
/// provider's prompt cache served. None without a prompt-side token.
std::optional<double> cacheReadShare(const metrics::GroupStats &g);
/// Reasoning / completion tokens. None without a completion token.
std::optional<double> reasoningShare(const metrics::GroupStats &g);

/// The run's prompt-cache and reasoning tokens and tool calls as a table; empty (no rows) when no
/// request reported any, so such a run's summary and report look as they did before issue 16.
struct TokenTable {
    QString title; ///< "Prompt cache and reasoning tokens", or just one of them
    QStringList header; ///< "model", then one column per figure
    QStringList definitions; ///< per column of `header` (empty for "model"): what it counts, plain text
    QList<QStringList> rows; ///< one per model, then the mixed row (every model)

    bool isEmpty() const { return rows.isEmpty(); }

    /// Cache columns when a request read or wrote a prompt cache ("cache written" only when one wrote:
    /// Anthropic reports it), reasoning columns when one reported reasoning, tool-call columns when an
    /// answer called a tool (scenario "tools"). `mixedName` names the last row.
    static TokenTable of(const metrics::RunSummary &summary, const QString &mixedName);
};

} // namespace stampede::report
