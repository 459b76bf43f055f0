#include "report/turntable.h"

#include <algorithm>

namespace stampede::report {

namespace {

QString millis(double value, std::uint64_t count)
{
    return count ? QString::number(value, 'f', 1) : QStringLiteral("-");
}

QString perRequest(std::int64_t total, std::int64_t requests)
{
    return requests > 0 ? QString::number(double(total) / double(requests), 'f', 0) : QStringLiteral("-");
}

QList<QPointF> line(const metrics::GroupStats &g, double metrics::LatencyStats::*member)
{
    QList<QPointF> points;
    for (const metrics::TurnStats &t : g.turns) {
        if (t.ttft.count > 0)
            points.append(QPointF(t.turn, t.ttft.*member));
    }
    return points;
}

bool readsCache(const metrics::SliceStats &s)
{
    return s.cacheReadTokens > 0 || s.cacheCreationTokens > 0;
}

/// The columns every slice shows (`what`: "that turn", "of that kind"), after the slice's own name.
void sliceColumns(QStringList &header, QStringList &definitions, const QString &what, const QString &errors,
    const QString &context, bool cache)
{
    const auto column = [&](const QString &name, const QString &definition) {
        header << name;
        definitions << definition;
    };
    column(QStringLiteral("requests"),
        QStringLiteral("finished requests ") + what + QStringLiteral(", successes and failures"));
    column(QStringLiteral("errors"), errors);
    column(QStringLiteral("TTFT p50"), QStringLiteral("median time to first token of the successes, ms"));
    column(QStringLiteral("TTFT p95"), QStringLiteral("95th percentile time to first token, ms"));
    column(QStringLiteral("latency p50"), QStringLiteral("median request sent to last byte of the successes, ms"));
    column(QStringLiteral("prompt tok/req"),
        QStringLiteral("prompt-side tokens per request (prompt + cache read + cache written): ") + context);
    if (cache)
        column(QStringLiteral("cache read/req"), QStringLiteral("of those, the tokens read from a prompt cache"));
}

QStringList sliceCells(const QString &name, const metrics::SliceStats &t, bool cache)
{
    QStringList cells { name, QString::number(t.requests), QString::number(t.requests - t.successes),
        millis(t.ttft.p50, t.ttft.count), millis(t.ttft.p95, t.ttft.count), millis(t.latency.p50, t.latency.count),
        perRequest(t.promptTokens + t.cacheReadTokens + t.cacheCreationTokens, t.requests) };
    if (cache)
        cells << perRequest(t.cacheReadTokens, t.requests);
    return cells;
}

} // namespace

TurnTable TurnTable::of(const metrics::GroupStats &group)
{
    TurnTable table;
    if (group.turns.isEmpty())
        return table;
    const bool cache = std::any_of(group.turns.cbegin(), group.turns.cend(), readsCache);
    table.header << QStringLiteral("turn");
    table.definitions << QStringLiteral("the turn's number in its conversation (1: the first request)");
    sliceColumns(table.header, table.definitions, QStringLiteral("of that turn"),
        QStringLiteral("the failed ones; a failed turn ends its conversation"),
        QStringLiteral("the context the turn sent"), cache);
    for (const metrics::TurnStats &t : group.turns)
        table.rows << sliceCells(QString::number(t.turn), t, cache);
    return table;
}

PrefixTable PrefixTable::of(const metrics::GroupStats &group)
{
    PrefixTable table;
    if (!group.sharedPrefix)
        return table;
    const metrics::SharedPrefixStats &p = *group.sharedPrefix;
    const bool cache = readsCache(p.with) || readsCache(p.without);
    table.header << QStringLiteral("requests");
    table.definitions << QStringLiteral("whether they started with one of the shared prefixes");
    sliceColumns(table.header, table.definitions, QStringLiteral("of that kind"), QStringLiteral("the failed ones"),
        QStringLiteral("the shared prefix included"), cache);
    table.header[0] = QString(); // the row names: "with a shared prefix", "without"
    table.rows << sliceCells(QStringLiteral("with a shared prefix"), p.with, cache)
               << sliceCells(QStringLiteral("without"), p.without, cache);
    return table;
}

QList<TurnLine> turnTtftLines(const metrics::RunSummary &summary)
{
    QList<TurnLine> lines;
    if (summary.overall.turns.isEmpty())
        return lines;
    lines << TurnLine { QStringLiteral("p50, all models"), -1, false,
        line(summary.overall, &metrics::LatencyStats::p50) };
    lines << TurnLine { QStringLiteral("p95, all models"), -1, true,
        line(summary.overall, &metrics::LatencyStats::p95) };
    if (summary.models.size() > 1) {
        for (qsizetype m = 0; m < summary.models.size(); ++m) {
            if (!summary.models[m].turns.isEmpty())
                lines << TurnLine { summary.models[m].model + QStringLiteral(" p50"), int(m), false,
                    line(summary.models[m], &metrics::LatencyStats::p50) };
        }
    }
    return lines;
}

} // namespace stampede::report
