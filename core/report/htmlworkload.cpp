// The HTML report's workload section (issue 16; docs/metrics.md, "Workloads"): what the run sent, in
// words from its scenario, and the token lengths its successful requests actually sent and got back,
// per model and as histograms for all models together. Empty before the first success.

#include "report/htmlutil.h"
#include "report/workload.h"

#include <algorithm>

namespace stampede::report::html {

namespace {

/// One histogram as rows of range | bar | count | share; bars scale to the fullest bucket.
QString histogramTable(const QString &title, const metrics::TokenLengthHistogram &h)
{
    const std::int64_t top = *std::max_element(h.buckets.cbegin(), h.buckets.cend());
    QString out = QStringLiteral("<div class=\"workload-hist\"><h3>%1</h3><table class=\"compact histogram\">")
                      .arg(escape(title))
        + headerRow(
            { QStringLiteral("tokens"), QStringLiteral("requests"), QStringLiteral("count"), QStringLiteral("share") },
            2)
        + QStringLiteral("<tbody>");
    for (int b = 0; b < metrics::TokenLengthHistogram::kBuckets; ++b) {
        const std::int64_t n = h.buckets[std::size_t(b)];
        if (n == 0)
            continue;
        const double width = top > 0 ? 100.0 * double(n) / double(top) : 0;
        out += QStringLiteral("<tr><td>%1</td><td class=\"bar-cell\"><span class=\"hbar\" style=\"width:%2%\"></span>"
                              "</td>%3%4</tr>")
                   .arg(escape(tokenBucketLabel(b, h.max)), num(std::max(width, 0.5), 1),
                       cell(QString::number(n), true), cell(num(100.0 * double(n) / double(h.count), 1) + u'%', true));
    }
    return out + QStringLiteral("</tbody></table><p class=\"note\">%1</p></div>").arg(escape(tokenLengthSummary(h)));
}

} // namespace

QString workloadSection(const RunRecord &record)
{
    const metrics::RunSummary &s = record.summary;
    QString out = QStringLiteral("<section id=\"workload\"><h2>Workload</h2><ul class=\"workload\">");
    for (const QString &line : workloadDescription(record.meta.scenario))
        out += QStringLiteral("<li>") + escape(line) + QStringLiteral("</li>");
    out += QStringLiteral("</ul>");
    const metrics::TokenLengths &all = s.overall.tokenLengths;
    if (all.prompt.count == 0)
        return out + QStringLiteral("<p class=\"note\">No successful request yet: no token lengths.</p></section>\n");
    out += QStringLiteral("<table class=\"compact\">")
        + headerRow({ QStringLiteral("model"), QStringLiteral("successes"), QStringLiteral("prompt tokens sent"),
            QStringLiteral("completion tokens received") })
        + QStringLiteral("<tbody>");
    const auto lengthRow = [](const metrics::GroupStats &g, const QString &name) {
        return QStringList { name, QString::number(g.tokenLengths.prompt.count),
            tokenLengthSummary(g.tokenLengths.prompt), tokenLengthSummary(g.tokenLengths.completion) };
    };
    for (const auto &g : s.models)
        out += row(lengthRow(g, g.model));
    out += row(lengthRow(s.overall, QStringLiteral("mixed (all models)")), 1, QStringLiteral("total"));
    out += QStringLiteral("</tbody></table><div class=\"workload-hists\">");
    out += histogramTable(QStringLiteral("Prompt tokens sent per request (all models)"), all.prompt);
    out += histogramTable(QStringLiteral("Completion tokens received per request (all models)"), all.completion);
    out += QStringLiteral(
        "</div><p class=\"note\">Per successful request, as the server's usage counted them (estimated where it "
        "reported none): prompt tokens sent are the whole prompt side (the prompt tokens and those read from or "
        "written to a prompt cache: the "
        "history of a conversation and any shared prefix included). Buckets double: 512&ndash;1,023, "
        "1,024&ndash;2,047, ...</p>");
    return out + QStringLiteral("</section>\n");
}

} // namespace stampede::report::html
