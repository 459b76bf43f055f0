// The HTML report's gateway overhead section (scenario direct_target; docs/metrics.md, "Gateway
// overhead, measured"): per model, the gateway's and the direct target's percentiles side by side,
// the difference, and whether it is outside the noise.

#include "report/htmlutil.h"

#include "report/overheadjson.h"
#include "report/sanitize.h"

namespace stampede::report::html {

namespace {

QString msCell(const std::optional<double> &value)
{
    return value ? readout(*value) : QStringLiteral("-");
}

QStringList overheadRow(const OverheadRow &row, const QString &name)
{
    return { name, row.latency.text(), QStringLiteral("%1 / %2").arg(row.gatewayRequests).arg(row.directRequests),
        msCell(row.gateway.latencyP50), msCell(row.direct.latencyP50), overheadMs(row.overhead.latencyP50),
        overheadMs(row.overhead.latencyP95), msCell(row.gateway.ttftP50), msCell(row.direct.ttftP50),
        overheadMs(row.overhead.ttftP50), overheadMs(row.overhead.ttftP95) };
}

} // namespace

QString overheadSection(const RunRecord &record)
{
    const std::optional<metrics::Overhead> &overhead = record.summary.overhead;
    if (!overhead || overhead->groups.isEmpty())
        return {};
    const QList<OverheadRow> rows = overheadRows(*overhead);
    QString out = QStringLiteral("<section id=\"overhead\"><h2>Gateway overhead, measured</h2>"
                                 "<p>Requests alternated between the gateway (%1) and the direct target (%2), the same "
                                 "model and prompt for both of each pair. Overhead = gateway \u2212 direct.</p>")
                      .arg(escape(displayUrl(record.meta.baseUrl)), escape(overhead->directBaseUrl));
    QStringList failures;
    for (const OverheadRow &row : rows.mid(1)) {
        if (row.directFailed)
            failures << QStringLiteral("%1: %2 of %3 direct requests failed")
                            .arg(row.model)
                            .arg(row.directFailed)
                            .arg(row.directRequests);
    }
    if (!failures.isEmpty()) {
        out += QStringLiteral("<ul class=\"warnings\">");
        for (const QString &f : std::as_const(failures))
            out += QStringLiteral("<li>") + escape(f) + QStringLiteral("</li>");
        out += QStringLiteral("</ul>");
    }
    const QStringList header { QStringLiteral("model"), QStringLiteral("latency difference"),
        QStringLiteral("requests gateway / direct"), QStringLiteral("gateway p50 (ms)"),
        QStringLiteral("direct p50 (ms)"), QStringLiteral("overhead p50"), QStringLiteral("overhead p95"),
        QStringLiteral("gateway TTFT p50 (ms)"), QStringLiteral("direct TTFT p50 (ms)"),
        QStringLiteral("TTFT overhead p50"), QStringLiteral("TTFT overhead p95") };
    out += QStringLiteral("<div class=\"table-wrap\"><table class=\"results\">") + headerRow(header, 2)
        + QStringLiteral("<tbody>");
    for (const OverheadRow &row : rows.mid(1))
        out += html::row(overheadRow(row, row.model), 2);
    if (rows.size() != 2)
        out += html::row(overheadRow(rows.first(), QStringLiteral("mixed (all models)")), 2, QStringLiteral("total"));
    out += QStringLiteral(
        "</tbody></table></div><p class=\"note\">Latency is end to end (request sent to last byte), "
        "TTFT to the first content token (non-streamed: the whole answer), both of successful requests. The latency "
        "difference is a "
        "Mann-Whitney U test of the two sides' latencies (p &lt; 0.05: outside the noise). The direct "
        "target's requests count only here, never in the gateway's figures above.</p>");
    return out + QStringLiteral("</section>\n");
}

} // namespace stampede::report::html
