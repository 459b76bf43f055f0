// The HTML report's quota section: how long requests waited for the scenario's caps ("limits")
// and the spend against budget_usd (docs/metrics.md, "Quotas and spend"). Empty when neither is set.

#include "report/htmlutil.h"

namespace stampede::report::html {

namespace {

QStringList waitRow(const metrics::GroupStats &g, const QString &name)
{
    const metrics::LatencyStats &w = g.limitWait;
    return { name, QString::number(w.count), ms(w.mean, w.count), ms(w.p50, w.count), ms(w.p95, w.count),
        ms(w.max, w.count) };
}

} // namespace

QString quotaSection(const RunRecord &record)
{
    const metrics::RunSummary &s = record.summary;
    if (!s.overall.hasLimitWait() && !s.budget)
        return {};
    QString out = QStringLiteral("<section id=\"quota\"><h2>Quotas and spend</h2>");
    if (s.overall.hasLimitWait()) {
        out += QStringLiteral("<div class=\"table-wrap\"><table class=\"results\">")
            + headerRow({ QStringLiteral("waited for cap"), QStringLiteral("requests"), QStringLiteral("mean ms"),
                QStringLiteral("p50 ms"), QStringLiteral("p95 ms"), QStringLiteral("max ms") })
            + QStringLiteral("<tbody>");
        for (const auto &g : s.models) {
            if (g.hasLimitWait())
                out += row(waitRow(g, g.model));
        }
        out += row(waitRow(s.overall, QStringLiteral("mixed (all models)")), 1, QStringLiteral("total"));
        out += QStringLiteral("</tbody></table></div><p class=\"note\">limit_wait_ms: the time a request waited on "
                              "the client for the scenario's limits (rpm, tpm) before it was sent; not part of "
                              "latency, which starts when the request is sent.</p>");
    }
    if (const std::optional<metrics::Budget> &b = s.budget)
        out += QStringLiteral("<p class=\"note\" id=\"budget\">Budget: spent $%1 of $%2 (estimated before the run: "
                              "~$%3, an upper bound at max_tokens)%4.</p>")
                   .arg(num(s.overall.costUsd, 4), num(b->limitUsd, 2), num(b->estimatedUsd, 4),
                       b->stopped ? QStringLiteral("; the run stopped when the spend reached the budget") : QString());
    return out + QStringLiteral("</section>\n");
}

} // namespace stampede::report::html
