// The HTML comparison: one offline page (the run report's style sheet, inline SVG, no script).
#include "report/compare.h"

#include "chart/palette.h"
#include "chart/scales.h"
#include "report/htmlutil.h"
#include "report/sanitize.h"

#include <cmath>

namespace stampede::report {

namespace {

using html::escape;

QString letter(int index)
{
    return index < 26 ? QString(QChar(u'A' + index)) : QStringLiteral("R%1").arg(index + 1);
}

QString runColor(int index)
{
    return chart::palette::css(chart::palette::model(index));
}

QString runsTable(const Comparison &c)
{
    QString out = QStringLiteral("<div class=\"table-wrap\"><table><thead><tr><th></th><th>Run</th><th>Started</th>"
                                 "<th>Scenario</th><th>Target</th><th>Verdict</th><th class=\"n\">Requests</th>"
                                 "</tr></thead><tbody>");
    for (int r = 0; r < c.runs.size(); ++r) {
        const RunRecord &rec = c.runs[r].record;
        out += QStringLiteral("<tr><td><b style=\"color:%1\">%2</b>%3</td><td>%4</td><td>%5</td><td>%6</td><td>%7</td>"
                              "<td>%8</td><td class=\"n\">%9</td></tr>")
                   .arg(runColor(r), letter(r),
                       r == 0 ? QStringLiteral(" <span class=\"muted\">baseline</span>") : QString(),
                       escape(c.runs[r].label),
                       escape(rec.summary.startedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))),
                       escape(rec.meta.scenario.name),
                       escape(
                           rec.meta.builtinGateway ? QStringLiteral("built-in gateway") : displayUrl(rec.meta.baseUrl)),
                       escape(rec.summary.verdict().words()))
                   .arg(rec.summary.overall.requests);
    }
    return out + QStringLiteral("</tbody></table></div>");
}

QString groupTable(const Comparison &c, const CompareGroup &g)
{
    const QList<CompareMetric> &metrics = compareMetrics();
    QString out = QStringLiteral("<div class=\"table-wrap\"><table class=\"results\"><thead><tr><th>Figure</th>");
    for (int r = 0; r < c.runs.size(); ++r)
        out += QStringLiteral("<th class=\"n\" style=\"color:%1\">%2</th>").arg(runColor(r), letter(r));
    for (int r = 1; r < c.runs.size(); ++r)
        out += QStringLiteral("<th class=\"n\">%1 vs A</th>").arg(letter(r));
    out += QStringLiteral("</tr></thead><tbody>");
    for (int m = 0; m < metrics.size(); ++m) {
        if (!g.measured(m))
            continue;
        out += QStringLiteral("<tr><td>%1</td>").arg(escape(metrics[m].label));
        for (int r = 0; r < c.runs.size(); ++r) {
            const auto v = g.values[m][r];
            out += QStringLiteral("<td class=\"n\">%1</td>")
                       .arg(v ? QString::number(*v, 'f', metrics[m].decimals) : QStringLiteral("–"));
        }
        for (int r = 1; r < c.runs.size(); ++r) {
            const DeltaCell cell = deltaCell(g, m, r);
            if (cell.text.isEmpty()) {
                out += QStringLiteral("<td class=\"n muted\">–</td>");
                continue;
            }
            const QString color = cell.tone == DeltaCell::Tone::Better ? QStringLiteral("var(--ok)")
                : cell.tone == DeltaCell::Tone::Worse                  ? QStringLiteral("var(--bad)")
                                                                       : QStringLiteral("var(--muted)");
            out += QStringLiteral("<td class=\"n\" style=\"color:%1;font-weight:600\">%2</td>")
                       .arg(color, escape(cell.text));
        }
        out += QStringLiteral("</tr>");
    }
    out += QStringLiteral("</tbody></table></div>");
    for (int r = 1; r < c.runs.size(); ++r) {
        if (g.latency.size() > r && (g.latency[r].enough || g.latency[r].pValue < 1))
            out += QStringLiteral(
                "<p class=\"note\">Latency %1 vs A: %2, by Mann–Whitney U on the run-long latency "
                "histograms (it tests the whole distribution, not one percentile: docs/metrics.md)</p>")
                       .arg(letter(r), escape(g.latency[r].text()));
    }
    return out;
}

QString cdfChart(const Comparison &c, const CompareGroup &g)
{
    const QString key = g.model == QLatin1String("all") ? QStringLiteral("http_req_duration")
                                                        : QStringLiteral("http_req_duration{model:%1}").arg(g.model);
    QList<QList<QPair<double, double>>> curves;
    double xMax = 0;
    for (const ComparedRun &run : c.runs) {
        const auto it = run.record.summary.histograms.constFind(key);
        curves << (it == run.record.summary.histograms.constEnd() ? QList<QPair<double, double>>() : latencyCdf(*it));
        if (it != run.record.summary.histograms.constEnd() && it->count())
            xMax = std::max(xMax, it->percentile(99.5) / 1000.0);
    }
    if (xMax <= 0)
        return {};
    const double step = chart::niceStep(xMax, 6);
    xMax = std::ceil(xMax / step) * step;
    const double w = 1000, h = 300, left = 52, right = 30, top = 12, bottom = 36;
    const auto px = [&](double x) { return left + std::min(x, xMax) / xMax * (w - left - right); };
    const auto py = [&](double y) { return top + (1 - y) * (h - top - bottom); };
    QString svg = QStringLiteral("<svg class=\"chart-svg\" viewBox=\"0 0 %1 %2\" role=\"img\"><g class=\"grid\">")
                      .arg(w)
                      .arg(h);
    for (double y : { 0.0, 0.25, 0.5, 0.75, 1.0 })
        svg += QStringLiteral(
            "<line x1=\"%1\" x2=\"%2\" y1=\"%3\" y2=\"%3\"/><text class=\"yl\" x=\"%4\" y=\"%5\">%6</text>")
                   .arg(left)
                   .arg(w - right)
                   .arg(py(y))
                   .arg(left - 6)
                   .arg(py(y) + 4)
                   .arg(QStringLiteral("%1 %").arg(int(y * 100)));
    for (double x = 0; x <= xMax + step / 2; x += step)
        svg += QStringLiteral("<text class=\"xl\" x=\"%1\" y=\"%2\">%3</text>")
                   .arg(px(x))
                   .arg(h - bottom + 16)
                   .arg(html::axisNumber(x, step));
    svg += QStringLiteral("<text class=\"xl\" x=\"%1\" y=\"%2\">latency (ms)</text></g>")
               .arg((w + left) / 2)
               .arg(h - 2);
    for (int r = 0; r < curves.size(); ++r) {
        if (curves[r].isEmpty())
            continue;
        QString d = QStringLiteral("M%1,%2").arg(px(0)).arg(py(0));
        double previous = 0;
        for (const auto &[x, y] : curves[r]) {
            d += QStringLiteral(" L%1,%2 L%1,%3").arg(px(x)).arg(py(previous)).arg(py(y)); // a step per bucket
            previous = y;
        }
        svg += QStringLiteral("<path class=\"series%1\" stroke=\"%2\" d=\"%3\"/>")
                   .arg(r == 0 ? QStringLiteral(" dashed") : QString(), runColor(r), d);
    }
    svg += QStringLiteral("</svg>");
    QString legend = QStringLiteral("<div class=\"legend\">");
    for (int r = 0; r < c.runs.size(); ++r)
        legend += QStringLiteral("<span><i style=\"background:%1\"></i>%2 %3</span>")
                      .arg(runColor(r), letter(r), escape(c.runs[r].label));
    legend += QStringLiteral("</div>");
    return QStringLiteral("<figure class=\"chart\"><figcaption>Latency CDF — share of successful requests faster "
                          "than x (up to the largest p99.5)</figcaption>%1<div class=\"plot\">%2</div></figure>")
        .arg(legend, svg);
}

} // namespace

QString comparisonHtml(const Comparison &c, const QStringList &breaches)
{
    QString body = QStringLiteral("<p class=\"kicker\">Stampede comparison</p><h1>%1 runs, A is the baseline</h1>")
                       .arg(c.runs.size());
    if (!breaches.isEmpty()) {
        body += QStringLiteral("<div class=\"verdict fail\"><span class=\"badge\">REGRESSION</span><ul>");
        for (const QString &b : breaches)
            body += QStringLiteral("<li>%1</li>").arg(escape(b));
        body += QStringLiteral("</ul></div>");
    }
    body += QStringLiteral("<h2>Runs</h2>") + runsTable(c);
    for (const CompareGroup &g : c.groups) {
        body += QStringLiteral("<h2>%1</h2>")
                    .arg(escape(g.model == QLatin1String("all") ? QStringLiteral("All models") : g.model));
        body += groupTable(c, g) + cdfChart(c, g);
    }
    body += QStringLiteral(
        "<footer>Deltas: the difference in the figure's unit, then in %; green is better, red is worse, "
        "grey under 1 %. Made by Stampede %1; "
        "every figure comes from the runs' summary.json.</footer>")
                .arg(QStringLiteral(STAMPEDE_VERSION));
    return QStringLiteral(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>Stampede comparison</title><style>%1</style></head><body><main>%2</main></body></html>\n")
        .arg(html::styleSheet(), body);
}

} // namespace stampede::report
