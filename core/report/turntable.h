#pragma once
// A conversation run's figures by turn number (scenario "conversation"; docs/metrics.md,
// "Conversations") and a shared-prefix run's with against without ("Shared prefixes"): the tables
// the text summary, the HTML report and the dashboard print, and the series of the per-turn TTFT
// chart, so every surface shows the same figures with the same definitions.

#include "metrics/stats.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

namespace stampede::report {

struct TurnTable {
    QStringList header; ///< "turn", then one column per figure
    QStringList definitions; ///< per column of `header`: what it counts, plain text
    QList<QStringList> rows; ///< one per turn number, in order (every model together)

    bool isEmpty() const { return rows.isEmpty(); }

    /// The turns of `group` (the run's overall group, normally); empty when it has none.
    static TurnTable of(const metrics::GroupStats &group);
};

/// A run with shared prefixes (scenario prompts.shared_prefix): the requests that started with one
/// against the others, in the same columns as the turns (every model together).
struct PrefixTable {
    QStringList header; ///< an empty first column (the rows' names), then one column per figure
    QStringList definitions;
    QList<QStringList> rows; ///< "with a shared prefix", "without"

    bool isEmpty() const { return rows.isEmpty(); }
    static PrefixTable of(const metrics::GroupStats &group);
};

/// One line of the per-turn chart: (turn, milliseconds) for each turn with a value.
struct TurnLine {
    QString name;
    int colorIndex = -1; ///< a model's palette index; -1: every model (chart::palette::kAllModels)
    bool dashed = false;
    QList<QPointF> points;
};

/// TTFT p50 and p95 by turn over every model, and each model's p50 when there are several; empty
/// when the run had no conversation.
QList<TurnLine> turnTtftLines(const metrics::RunSummary &summary);

} // namespace stampede::report
