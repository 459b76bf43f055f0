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

} // namespace

TurnTable TurnTable::of(const metrics::GroupStats &group)
{
    TurnTable table;
    if (group.turns.isEmpty())
        return table;
    const bool cache = std::any_of(group.turns.cbegin(), group.turns.cend(),
        [](const metrics::TurnStats &t) { return t.cacheReadTokens > 0 || t.cacheCreationTokens > 0; });
    const auto column = [&table](const QString &name, const QString &definition) {
        table.header << name;
        table.definitions << definition;
    };
    column(QStringLiteral("turn"), QStringLiteral("the turn's number in its conversation (1: the first request)"));
    column(QStringLiteral("requests"), QStringLiteral("finished requests of that turn, successes and failures"));
    column(QStringLiteral("errors"), QStringLiteral("the failed ones; a failed turn ends its conversation"));
    column(QStringLiteral("TTFT p50"), QStringLiteral("median time to first token of the successes, ms"));
    column(QStringLiteral("TTFT p95"), QStringLiteral("95th percentile time to first token, ms"));
    column(QStringLiteral("latency p50"), QStringLiteral("median request sent to last byte of the successes, ms"));
    column(QStringLiteral("prompt tok/req"),
        QStringLiteral("prompt-side tokens per request (prompt + cache read + cache written): the context the "
                       "turn sent"));
    if (cache)
        column(QStringLiteral("cache read/req"), QStringLiteral("of those, the tokens read from a prompt cache"));
    for (const metrics::TurnStats &t : group.turns) {
        QStringList cells { QString::number(t.turn), QString::number(t.requests),
            QString::number(t.requests - t.successes), millis(t.ttft.p50, t.ttft.count),
            millis(t.ttft.p95, t.ttft.count), millis(t.latency.p50, t.latency.count),
            perRequest(t.promptTokens + t.cacheReadTokens + t.cacheCreationTokens, t.requests) };
        if (cache)
            cells << perRequest(t.cacheReadTokens, t.requests);
        table.rows << cells;
    }
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
