#include "report/summarytext.h"

#include "chart/serverlines.h"

#include "report/overheadjson.h"
#include "report/sanitize.h"
#include "report/tokentable.h"
#include "report/turntable.h"

#include "scenario/duration.h"

#include <QLocale>

namespace stampede::report {

namespace {
QString num(double value, int decimals = 0)
{
    return QString::number(value, 'f', decimals);
}

QString ms(const metrics::LatencyStats &stats, double value)
{
    return stats.count ? num(value, value < 10 ? 1 : 0) : QStringLiteral("-");
}

QString pct(double rate)
{
    return num(rate * 100.0, 2) + QLatin1Char('%');
}

/// With `slo` (the run declares one): goodput and the share that met the SLO, "-" for a group not judged.
QStringList groupRow(const metrics::GroupStats &g, const QString &name, bool slo)
{
    QStringList row { name, num(g.meanInFlight, 1), QString::number(g.requests), ms(g.latency, g.latency.mean),
        ms(g.latency, g.latency.p95), ms(g.latency, g.latency.p99), num(g.rps, 1), pct(g.errorRate()),
        ms(g.ttft, g.ttft.p95), ms(g.tpot, g.tpot.mean),
        QString::number(g.promptTokens) + QLatin1Char('/') + QString::number(g.completionTokens)
            + (g.estimatedTokenRequests ? QStringLiteral("~") : QString()),
        num(g.costUsd, 4) };
    if (slo)
        row << (g.hasSlo() ? num(g.goodput, 1) : QStringLiteral("-"))
            << (g.hasSlo() ? pct(g.sloAttainment) : QStringLiteral("-"));
    return row;
}

/// limit_wait_ms per group where a cap applies, and the budget: nothing when neither is set.
QString quotaText(const metrics::RunSummary &summary)
{
    QString out;
    if (summary.overall.hasLimitWait()) {
        QList<QStringList> rows { { QStringLiteral("waited for cap"), QStringLiteral("requests"),
            QStringLiteral("mean ms"), QStringLiteral("p50 ms"), QStringLiteral("p95 ms"), QStringLiteral("max ms") } };
        const auto row = [&rows](const metrics::GroupStats &g, const QString &name) {
            const metrics::LatencyStats &w = g.limitWait;
            if (g.hasLimitWait())
                rows << QStringList { name, QString::number(w.count), ms(w, w.mean), ms(w, w.p50), ms(w, w.p95),
                    ms(w, w.max) };
        };
        for (const auto &group : summary.models)
            row(group, group.model);
        row(summary.overall, QStringLiteral("mixed"));
        out += QStringLiteral("\n  Waited for the caps (limit_wait_ms: queued on the client for limits.rpm/tpm "
                              "before sending; not latency):\n")
            + formatTable(rows);
    }
    if (const std::optional<metrics::Budget> &b = summary.budget)
        out += QStringLiteral("\n  Budget: spent $%1 of $%2 (estimated before the run: ~$%3)%4\n")
                   .arg(num(summary.overall.costUsd, 4), num(b->limitUsd, 2), num(b->estimatedUsd, 4),
                       b->stopped ? QStringLiteral("; the run stopped at the budget") : QString());
    if (const std::optional<metrics::ServerMetrics> &sm = summary.serverMetrics) // scenario server_metrics
        out += QStringLiteral("\n  Server metrics: %1\n").arg(chart::serverCaption(*sm));
    return out;
}

/// What the gateway said (docs/metrics.md, "Gateway headers", "Rate limits (429)"): per model, the
/// numeric captured headers and the counted text values; then each model's 429 story.
QString gatewayText(const metrics::RunSummary &summary)
{
    QString out;
    QList<QStringList> rows { { QStringLiteral("model"), QStringLiteral("header"), QStringLiteral("mean"),
        QStringLiteral("p50"), QStringLiteral("p95"), QStringLiteral("max"), QStringLiteral("last") } };
    QStringList texts;
    for (const metrics::GroupStats &g : summary.models) {
        for (const metrics::HeaderSummary &h : g.headers) {
            if (h.isNumeric())
                rows << QStringList { g.model, h.name, num(h.mean, 2), num(h.p50, 2), num(h.p95, 2), num(h.max, 2),
                    num(h.last, 2) };
            if (!h.values.isEmpty()) {
                QStringList values;
                for (auto it = h.values.cbegin(); it != h.values.cend(); ++it)
                    values << it.key() + QLatin1Char(' ') + QString::number(it.value());
                texts << QStringLiteral("    %1 %2: %3").arg(g.model, h.name, values.join(QStringLiteral(", ")));
            }
        }
    }
    if (rows.size() > 1 || !texts.isEmpty()) {
        out += QStringLiteral("\n  Gateway headers (capture_headers; durations in s, Server-Timing in ms):\n");
        if (rows.size() > 1)
            out += formatTable(rows);
        if (!texts.isEmpty())
            out += texts.join(QLatin1Char('\n')) + QLatin1Char('\n');
    }
    for (const metrics::GroupStats &g : summary.models) {
        const metrics::RateLimitSummary &r = g.rateLimits;
        if (!r.any())
            continue;
        out += QStringLiteral("\n  Rate limits, %1: %2 responses 429 (%3 requests)")
                   .arg(g.model)
                   .arg(r.responses429)
                   .arg(r.requests429);
        if (r.first429S >= 0)
            out += QStringLiteral(", the first at %1 s with %2 req/s and %3 tokens/s offered")
                       .arg(num(r.first429S, 1), num(r.offeredRpsAtFirst429, 1), num(r.tokenRateAtFirst429, 0));
        out += QStringLiteral("; Retry-After asked %1 s; %2 retries after 429 waited %3 s\n")
                   .arg(num(r.retryAfterAskedS, 1))
                   .arg(r.retried429)
                   .arg(num(r.retryWaitS, 1));
    }
    return out;
}

// integrity (issue 14): a warning per check that fired, per model, and the finish_reason counts
// beside them; nothing when no check fired (docs/metrics.md, "Integrity checks").
QString integrityText(const metrics::RunSummary &summary)
{
    if (!summary.overall.integrity.any())
        return {};
    QString out = QStringLiteral("\n  Integrity warnings (docs/metrics.md, \"Integrity checks\"):\n");
    for (const auto &group : summary.models) {
        for (const QString &line : metrics::integrityWarnings(group.integrity, group.model, group.successes))
            out += QStringLiteral("    Warning: ") + line + QLatin1Char('\n');
    }
    for (const auto &group : summary.models) {
        if (!group.integrity.finishReasons.isEmpty())
            out += QStringLiteral("    finish_reason %1: %2\n").arg(group.model, finishReasonsText(group.integrity));
    }
    return out;
}

/// A titled table with each column (after the first) defined below it; nothing without rows.
QString definedTable(
    const QString &title, const QStringList &header, const QList<QStringList> &rows, const QStringList &definitions)
{
    if (rows.isEmpty())
        return {};
    QString out
        = QStringLiteral("\n  ") + title + QStringLiteral(":\n") + formatTable(QList<QStringList> { header } + rows);
    for (qsizetype i = 1; i < header.size() && i < definitions.size(); ++i)
        out += QStringLiteral("    ") + header[i] + QStringLiteral(": ") + definitions[i] + QLatin1Char('\n');
    return out;
}

/// Prompt-cache and reasoning tokens per model (issue 16); nothing when no request reported either.
QString tokenText(const metrics::RunSummary &summary)
{
    const TokenTable table = TokenTable::of(summary, QStringLiteral("mixed"));
    return definedTable(table.title, table.header, table.rows, table.definitions);
}

/// A conversation run's figures by turn number (every model together); nothing without conversations.
QString turnText(const metrics::RunSummary &summary)
{
    const TurnTable table = TurnTable::of(summary.overall);
    return definedTable(QStringLiteral("Conversation turns (all models)"), table.header, table.rows, table.definitions);
}

/// A run with shared prefixes: the requests with one against the others; nothing otherwise. Its
/// columns are the turns' (defined there), so they are not defined again.
QString prefixText(const metrics::RunSummary &summary)
{
    const PrefixTable table = PrefixTable::of(summary.overall);
    return definedTable(QStringLiteral("Shared prefix (all models)"), table.header, table.rows, {});
}

QString formatDurationShort(std::int64_t ms)
{
    const std::int64_t s = ms / 1000;
    return s >= 60 ? QStringLiteral("%1m%2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'))
                   : QStringLiteral("%1s").arg(s);
}
} // namespace

QString formatTable(const QList<QStringList> &rows)
{
    QList<int> widths;
    for (const QStringList &row : rows)
        for (int c = 0; c < row.size(); ++c) {
            if (widths.size() <= c)
                widths << 0;
            widths[c] = std::max(widths[c], int(row[c].size()));
        }
    QString out;
    for (int r = 0; r < rows.size(); ++r) {
        QStringList cells;
        for (int c = 0; c < rows[r].size(); ++c)
            cells << (c == 0 ? rows[r][c].leftJustified(widths[c]) : rows[r][c].rightJustified(widths[c]));
        out += QLatin1String("  ") + cells.join(QLatin1String("  ")) + QLatin1Char('\n');
        if (r == 0) {
            int total = 0;
            for (int w : widths)
                total += w + 2;
            out += QLatin1String("  ") + QString(total - 2, QLatin1Char('-')) + QLatin1Char('\n');
        }
    }
    return out;
}

QString sloText(const model::Slo &slo)
{
    QStringList bounds;
    for (model::SloMetric metric : model::allSloMetrics()) {
        if (const std::optional<std::int64_t> ms = slo.bound(metric))
            bounds << model::sloMetricName(metric) + QStringLiteral(" < ") + scenario::formatDuration(*ms);
    }
    return bounds.isEmpty() ? QStringLiteral("no bound") : bounds.join(QStringLiteral(", "));
}

QString finishReasonsText(const metrics::IntegrityCounts &counts)
{
    QStringList reasons;
    for (auto it = counts.finishReasons.cbegin(); it != counts.finishReasons.cend(); ++it)
        reasons << it.key() + QLatin1Char(' ') + QString::number(it.value());
    return reasons.join(QStringLiteral(", "));
}

QString sloDescription(const metrics::RunSummary &summary)
{
    if (!summary.overall.hasSlo())
        return {};
    const model::Slo &top = *summary.overall.slo;
    QStringList parts;
    if (!top.isEmpty())
        parts << sloText(top);
    for (const metrics::GroupStats &g : summary.models) {
        const model::Slo own = g.slo.value_or(model::Slo {});
        if (own != top)
            parts << g.model + QStringLiteral(": ") + sloText(own);
    }
    return parts.join(QStringLiteral("; "));
}

QString statusLine(const metrics::Snapshot &snap)
{
    const QString load = snap.openModel ? QStringLiteral("rate %1/s").arg(num(snap.plannedTarget, 1))
                                        : QStringLiteral("VUs %1").arg(snap.vus);
    const QString goodput = snap.overall.hasSlo()
        ? QStringLiteral(" | goodput %1/s (%2 met SLO)")
              .arg(num(snap.overall.goodput, 1), pct(snap.overall.sloAttainment))
        : QString();
    return QStringLiteral("[%1/%2] %3 | in flight %4 | %5 req/s | p95 %6 ms | errors %7 (%8)%11 | %9 tok | $%10")
        .arg(formatDurationShort(snap.elapsedMs), formatDurationShort(snap.plannedMs), load)
        .arg(snap.inFlight)
        .arg(num(snap.overall.rps, 1), snap.overall.latency.count ? num(snap.overall.latency.p95) : QStringLiteral("-"))
        .arg(snap.overall.failures)
        .arg(pct(snap.overall.errorRate()))
        .arg(snap.overall.completionTokens)
        .arg(num(snap.overall.costUsd, 4), goodput);
}

QString summaryText(const metrics::RunSummary &summary, const QUrl &baseUrl)
{
    QString out;
    out += QStringLiteral("\nStampede run %1 against %2: %3 in %4 s%5\n\n")
               .arg(summary.startedAt.toString(Qt::ISODate), displayUrl(baseUrl), model::toString(summary.end),
                   num(double(summary.durationMs) / 1000.0, 1),
                   summary.endReason.isEmpty() ? QString()
                                               : QStringLiteral(" (") + summary.endReason + QLatin1Char(')'));
    if (summary.tlsInsecure)
        out += QStringLiteral("  WARNING: INSECURE: target.tls.insecure is on; the server's certificate was NOT "
                              "verified\n\n");
    // The seed's "concurrent users" column, measured per model: mean requests in flight (docs/metrics.md).
    QList<QStringList> rows { { QStringLiteral("model"), QStringLiteral("in flight"), QStringLiteral("requests"),
        QStringLiteral("mean ms"), QStringLiteral("p95 ms"), QStringLiteral("p99 ms"), QStringLiteral("req/s"),
        QStringLiteral("errors"), QStringLiteral("TTFT p95"), QStringLiteral("TPOT ms"),
        QStringLiteral("tokens in/out"), QStringLiteral("cost $") } };
    const bool slo = summary.overall.hasSlo();
    if (slo)
        rows.first() << QStringLiteral("goodput/s") << QStringLiteral("SLO met");
    for (const auto &group : summary.models)
        rows << groupRow(group, group.model, slo);
    rows << groupRow(summary.overall, QStringLiteral("mixed"), slo);
    out += formatTable(rows);
    out += QStringLiteral("  Latency = request sent -> last byte, successes only. %1 tokens = estimated (no usage).\n")
               .arg(QStringLiteral("~"));
    out += QStringLiteral("  In flight = mean requests in flight over the window; load peaked at %1 %2.\n")
               .arg(summary.openModel ? summary.peakInFlight : summary.maxVus)
               .arg(summary.openModel ? QStringLiteral("in flight") : QStringLiteral("VUs"));
    if (slo)
        out += QStringLiteral("  SLO: %1. Goodput = requests/s that succeeded within every bound that applies; "
                              "SLO met = their share of requests.\n")
                   .arg(sloDescription(summary));
    if (!summary.transport.isEmpty())
        out += QStringLiteral("  Transport: %1\n").arg(summary.transport);
    if (summary.redirectsFollowed > 0)
        out += QStringLiteral("  Redirects followed: %1 (same-origin 307/308, target.follow_redirects)\n")
                   .arg(summary.redirectsFollowed);
    if (summary.openModel || summary.dropped > 0)
        out += QStringLiteral("  From scheduled start: p95 %1 ms, p99 %2 ms; client queue p95 %3 ms; dropped %4\n")
                   .arg(num(summary.overall.scheduledLatency.p95), num(summary.overall.scheduledLatency.p99),
                       num(summary.overall.queue.p95, 1))
                   .arg(summary.dropped);
    if (!summary.overall.errors.isEmpty()) {
        out += QStringLiteral("\n  Errors by class:\n");
        for (auto it = summary.overall.errors.cbegin(); it != summary.overall.errors.cend(); ++it)
            out += QStringLiteral("    %1  %2\n").arg(it.key().leftJustified(20)).arg(it.value());
    }
    if (summary.overall.cancelled > 0)
        out += QStringLiteral("\n  Cancelled by the stop: %1 (the run's own, not errors: not in requests, error rate, "
                              "latency, checks or thresholds)\n")
                   .arg(summary.overall.cancelled);
    if (summary.overall.attempts > summary.overall.requests + summary.overall.cancelled)
        out += QStringLiteral("  Attempts %1 for %2 requests (retries)\n")
                   .arg(summary.overall.attempts)
                   .arg(summary.overall.requests + summary.overall.cancelled);
    if (summary.overall.failedTokens > 0)
        out += QStringLiteral("  Of the tokens and cost, %1 tokens ($%2) came with failed answers (usage the server "
                              "reported before failing)\n")
                   .arg(summary.overall.failedTokens)
                   .arg(num(summary.overall.failedCostUsd, 4));
    if (summary.overall.truncated)
        out += QStringLiteral("  Warning: %1 responses stopped at max_tokens (finish_reason=length)\n")
                   .arg(summary.overall.truncated);
    out += tokenText(summary); // prompt cache and reasoning (issue 16)
    out += turnText(summary); // conversations (issue 16)
    out += prefixText(summary); // shared prefixes (issue 16)
    out += capacityText(summary.capacity);
    out += quotaText(summary);
    out += gatewayText(summary);
    out += integrityText(summary); // integrity (issue 14)
    if (summary.overhead) // a paired run (scenario direct_target)
        out += overheadText(*summary.overhead);
    if (!summary.thresholds.isEmpty()) {
        out += QStringLiteral("\n  Thresholds:\n");
        for (const auto &t : summary.thresholds)
            out += QStringLiteral("    %1 %2 %3  %4\n")
                       .arg(!t.evaluated  ? QStringLiteral("[no data]")
                               : t.passed ? QStringLiteral("[pass]   ")
                                          : QStringLiteral("[FAIL]   "),
                           t.metric, t.expression, t.evaluated ? num(t.value, 2) : QStringLiteral("-"));
    }
    if (!summary.checks.isEmpty()) {
        out += QStringLiteral("\n  Checks:\n");
        for (const auto &c : summary.checks)
            out += QStringLiteral("    %1 %2 (%3 of %4)\n")
                       .arg(c.name.leftJustified(14), pct(c.rate()))
                       .arg(c.passes)
                       .arg(c.passes + c.fails);
    }
    for (const metrics::LoadChange &c : summary.loadChanges)
        out += QStringLiteral("  Load adjusted at %1 s: %2 %3 to the plan's end\n")
                   .arg(double(c.atMs) / 1000.0, 0, 'f', 1)
                   .arg(c.target)
                   .arg(summary.openModel ? QStringLiteral("requests/s") : QStringLiteral("VUs"));
    for (const QString &w : summary.warnings)
        out += QStringLiteral("  Note: ") + w + QLatin1Char('\n');
    return out;
}

} // namespace stampede::report
