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

/// "+6.2", "−0.4", "-": overheadMs() without the unit (the header says ms).
QString signedMs(const std::optional<double> &value)
{
    QString text = overheadMs(value);
    if (text.endsWith(QLatin1StringView(" ms")))
        text.chop(3);
    return text;
}

/// A table row: the figures, then the significance's words last (a text cell, the one that wraps).
QString overheadRow(const OverheadRow &row, const QString &name, const QString &cls = {})
{
    QString out = html::row(
        { name, QStringLiteral("%1 / %2").arg(row.gatewayRequests).arg(row.directRequests),
            msCell(row.gateway.latencyP50), msCell(row.direct.latencyP50), signedMs(row.overhead.latencyP50),
            signedMs(row.overhead.latencyP95), signedMs(row.overhead.ttftP50), signedMs(row.overhead.ttftP95) },
        1, cls);
    out.insert(out.size() - 5, cell(row.latency.text())); // before "</tr>"
    return out;
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
    const QStringList header { QStringLiteral("model"), QStringLiteral("requests gateway / direct"),
        QStringLiteral("gateway p50"), QStringLiteral("direct p50"), QStringLiteral("overhead p50"),
        QStringLiteral("overhead p95"), QStringLiteral("TTFT overhead p50"), QStringLiteral("TTFT overhead p95"),
        QStringLiteral("latency difference") };
    out += QStringLiteral("<div class=\"table-wrap\"><table class=\"results wraphead\">") + headerRow(header, 1)
        + QStringLiteral("<tbody>");
    for (const OverheadRow &row : rows.mid(1))
        out += overheadRow(row, row.model);
    if (rows.size() != 2)
        out += overheadRow(rows.first(), QStringLiteral("mixed (all models)"), QStringLiteral("total"));
    out += QStringLiteral(
        "</tbody></table></div><p class=\"note\">Milliseconds. Latency is end to end (request sent to last byte), "
        "TTFT to the first content token (non-streamed: the whole answer), both of successful requests. The latency "
        "difference is a "
        "Mann-Whitney U test of the two sides' latencies (p &lt; 0.05: outside the noise). The direct "
        "target's requests count only here, never in the gateway's figures above.</p>");
    return out + QStringLiteral("</section>\n");
}

} // namespace stampede::report::html
