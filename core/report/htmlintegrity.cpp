// The HTML report's integrity section (issue 14; docs/metrics.md, "Integrity checks"): a warning per
// check that fired, and per model the four counts and the finish_reason distribution. Empty before
// the first success (nothing was judged).

#include "report/htmlutil.h"

#include "metrics/integrity.h"
#include "report/summarytext.h"

namespace stampede::report::html {

namespace {

QStringList integrityRow(const metrics::GroupStats &g, const QString &name)
{
    // The finish_reason text second: row() sets the leading columns as text, the counts as numbers.
    QStringList cells { name, finishReasonsText(g.integrity), QString::number(g.successes) };
    for (metrics::IntegrityCheck check : metrics::allIntegrityChecks)
        cells << QString::number(g.integrity.count(check));
    return cells;
}

} // namespace

QString integritySection(const RunRecord &record)
{
    const metrics::RunSummary &s = record.summary;
    if (s.overall.successes == 0)
        return {};
    QString out = QStringLiteral("<section id=\"integrity\"><h2>Integrity</h2>");
    QStringList warnings;
    for (const auto &g : s.models)
        warnings << metrics::integrityWarnings(g.integrity, g.model, g.successes);
    if (!warnings.isEmpty()) {
        out += QStringLiteral("<ul class=\"warnings\">");
        for (const QString &w : std::as_const(warnings))
            out += QStringLiteral("<li>") + escape(w) + QStringLiteral("</li>");
        out += QStringLiteral("</ul>");
    }
    QStringList header { QStringLiteral("model"), QStringLiteral("finish_reason"), QStringLiteral("successes") };
    for (metrics::IntegrityCheck check : metrics::allIntegrityChecks)
        header << QString(metrics::integrityCheckName(check));
    out += QStringLiteral("<div class=\"table-wrap\"><table class=\"results\">") + headerRow(header, 2)
        + QStringLiteral("<tbody>");
    for (const auto &g : s.models)
        out += row(integrityRow(g, g.model), 2);
    out += row(integrityRow(s.overall, QStringLiteral("mixed (all models)")), 2, QStringLiteral("total"));
    out += QStringLiteral("</tbody></table></div><p class=\"note\">Each check counts successes: substituted (the "
                          "response's model is another than the one requested; a dated snapshot of the same name "
                          "is not), fake_streaming (%1+ tokens delivered within %2 ms), usage_mismatch (usage "
                          "completion_tokens off the local count of the text by more than %3x), empty_200 (HTTP 200 "
                          "with no content or tool call), tool_args_invalid (a tool call to an undeclared function, "
                          "or arguments that are not a JSON object).</p>")
               .arg(metrics::kFakeStreamMinTokens)
               .arg(metrics::kFakeStreamMaxSpreadNs / 1'000'000)
               .arg(metrics::kUsageMismatchFactor);
    return out + QStringLiteral("</section>\n");
}

} // namespace stampede::report::html
