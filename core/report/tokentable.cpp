#include "report/tokentable.h"

namespace stampede::report {

namespace {

QString share(std::optional<double> fraction)
{
    return fraction ? QString::number(*fraction * 100.0, 'f', 1) + QLatin1Char('%') : QStringLiteral("-");
}

} // namespace

std::optional<double> cacheReadShare(const metrics::GroupStats &g)
{
    const std::int64_t promptSide = g.promptTokens + g.cacheReadTokens + g.cacheCreationTokens;
    return promptSide > 0 ? std::optional(double(g.cacheReadTokens) / double(promptSide)) : std::nullopt;
}

std::optional<double> reasoningShare(const metrics::GroupStats &g)
{
    return g.completionTokens > 0 ? std::optional(double(g.reasoningTokens) / double(g.completionTokens))
                                  : std::nullopt;
}

TokenTable TokenTable::of(const metrics::RunSummary &summary, const QString &mixedName)
{
    const metrics::GroupStats &all = summary.overall;
    const bool written = all.cacheCreationTokens > 0;
    const bool cache = all.cacheReadTokens > 0 || written;
    const bool reasoning = all.reasoningTokens > 0;
    const bool tools = all.toolCalls > 0;
    TokenTable table;
    if (!cache && !reasoning && !tools)
        return table;
    table.title = cache && reasoning ? QStringLiteral("Prompt cache and reasoning tokens")
        : cache                      ? QStringLiteral("Prompt cache tokens")
        : reasoning                  ? QStringLiteral("Reasoning tokens")
                                     : QString();
    if (tools)
        table.title
            = table.title.isEmpty() ? QStringLiteral("Tool calls") : table.title + QStringLiteral(" and tool calls");
    const auto column = [&table](const QString &name, const QString &definition) {
        table.header << name;
        table.definitions << definition;
    };
    column(QStringLiteral("model"), QString());
    if (cache) {
        column(QStringLiteral("cache read"),
            QStringLiteral("prompt-side tokens read from the provider's prompt cache; not counted in tokens in, "
                           "charged at the model's cache-read price"));
        if (written)
            column(QStringLiteral("cache written"),
                QStringLiteral("prompt-side tokens written to the provider's prompt cache (Anthropic reports "
                               "this); not counted in tokens in, charged at the model's cache-write price"));
        column(QStringLiteral("read share"),
            written ? QStringLiteral("cache read of every prompt-side token (tokens in + cache read + cache written)")
                    : QStringLiteral("cache read of every prompt-side token (tokens in + cache read)"));
    }
    if (reasoning) {
        column(QStringLiteral("reasoning"),
            QStringLiteral("the part of the completion tokens (out) the server reported as reasoning"));
        column(QStringLiteral("reasoning share"), QStringLiteral("reasoning of the completion tokens"));
    }
    if (tools) {
        column(QStringLiteral("tool calls"),
            QStringLiteral("function calls in successful answers, each assembled from its streamed pieces"));
        column(QStringLiteral("invalid"),
            QStringLiteral("tool calls to a function the request did not declare, or whose arguments are not a "
                           "JSON object"));
    }
    const auto row = [&](const metrics::GroupStats &g, const QString &name) {
        QStringList cells { name };
        if (cache) {
            cells << QString::number(g.cacheReadTokens);
            if (written)
                cells << QString::number(g.cacheCreationTokens);
            cells << share(cacheReadShare(g));
        }
        if (reasoning)
            cells << QString::number(g.reasoningTokens) << share(reasoningShare(g));
        if (tools)
            cells << QString::number(g.toolCalls) << QString::number(g.toolCallsInvalid);
        table.rows << cells;
    };
    for (const metrics::GroupStats &g : summary.models)
        row(g, g.model);
    row(all, mixedName);
    return table;
}

} // namespace stampede::report
