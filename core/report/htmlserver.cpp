// The HTML report's server-side metrics section (scenario "server_metrics", docs/metrics.md
// "Server-side metrics"): the polled series on the run's time axis, from the chart model the
// dashboard's Server chart draws (chart/serverlines.h), with the endpoint, interval, scrapes and errors.
// Empty when the run polled nothing.

#include "report/htmlcharts.h"
#include "report/htmlutil.h"

#include "chart/serverlines.h"

#include <algorithm>

namespace stampede::report::html {

QString serverMetricsSection(const RunRecord &record)
{
    const std::optional<metrics::ServerMetrics> &sm = record.summary.serverMetrics;
    if (!sm)
        return {};
    QString out = QStringLiteral("<section id=\"server-metrics\"><h2>Server-side metrics</h2>");
    out += QStringLiteral("<p class=\"note\">Polled from <code>%1</code> (%2) every %3 s while the load ran: "
                          "%4 scrape(s), %5 error(s)%6.</p>")
               .arg(escape(sm->url), escape(sm->format), QString::number(sm->intervalS, 'g', 6))
               .arg(sm->scrapes)
               .arg(sm->errors)
               .arg(sm->lastError.isEmpty() ? QString() : QStringLiteral("; the last error: ") + escape(sm->lastError));
    const QList<chart::ServerLine> lines = chart::serverLines(*sm);
    if (lines.isEmpty())
        return out + QStringLiteral("<p class=\"note\">No series yielded a value.</p></section>\n");
    LineChart chart;
    chart.title = QStringLiteral("Server: the gateway's own series over time");
    chart.yUnit = QString();
    chart.xMax = std::max(1.0, double(record.summary.durationMs) / 1000.0);
    QStringList explained;
    for (const chart::ServerLine &line : lines) {
        chart.series << Series { line.label, chart::palette::css(line.color), line.points, false };
        explained << escape(line.label) + QStringLiteral(" — ") + escape(line.explanation);
    }
    chart.note = QStringLiteral("x: seconds since the run's start, as in the charts above.");
    out += lineChartFigure(chart);
    out += QStringLiteral("<ul class=\"note\"><li>") + explained.join(QStringLiteral("</li><li>"))
        + QStringLiteral("</li></ul>");
    return out + QStringLiteral("</section>\n");
}

} // namespace stampede::report::html
