// The HTML report's gateway section: what the gateway said in its response headers (statistics of
// each captured header, per model, and the headers' series over time) and its 429 story (when
// they began, at which offered rate, charted against the offered load). docs/metrics.md, "Gateway
// headers" and "Rate limits (429)". Empty when nothing was captured and no 429 came.

#include "chart/palette.h"
#include "report/htmlcharts.h"
#include "report/htmlutil.h"

namespace stampede::report::html {

namespace {

constexpr int kMaxCharts = 4; ///< header series charts: the first numeric headers by name

QString headersTable(const metrics::RunSummary &s)
{
    QString out = QStringLiteral("<div class=\"table-wrap\"><table class=\"results\">")
        + headerRow({ QStringLiteral("model"), QStringLiteral("header"), QStringLiteral("readings"),
                        QStringLiteral("mean"), QStringLiteral("p50"), QStringLiteral("p95"), QStringLiteral("max"),
                        QStringLiteral("last"), QStringLiteral("values") },
            2)
        + QStringLiteral("<tbody>");
    for (const metrics::GroupStats &g : s.models) {
        for (const metrics::HeaderSummary &h : g.headers) {
            QStringList values;
            for (auto it = h.values.cbegin(); it != h.values.cend(); ++it)
                values << it.key() + QLatin1Char(' ') + QString::number(it.value());
            const bool n = h.isNumeric();
            out += row(
                { g.model, h.name, QString::number(n ? h.count : 0), n ? readout(h.mean) : QString(),
                    n ? readout(h.p50) : QString(), n ? readout(h.p95) : QString(), n ? readout(h.max) : QString(),
                    n ? readout(h.last) : QString(), values.join(QStringLiteral(", ")) },
                2);
        }
    }
    return out + QStringLiteral("</tbody></table></div>");
}

/// One chart per numeric header (the first kMaxCharts by name), a line per model.
QString headerCharts(const RunRecord &record)
{
    const metrics::RunSummary &s = record.summary;
    QStringList names;
    for (const metrics::GroupStats &g : s.models) {
        for (const metrics::HeaderSummary &h : g.headers) {
            if (h.isNumeric() && !h.series.isEmpty() && !names.contains(h.name))
                names << h.name;
        }
    }
    names.sort();
    QString out;
    for (qsizetype i = 0; i < names.size() && i < kMaxCharts; ++i) {
        LineChart chart;
        chart.title = names[i];
        chart.yUnit = names[i].endsWith(QLatin1String("-ms")) || names[i].startsWith(QLatin1String("server-timing."))
            ? QStringLiteral("ms")
            : QString();
        chart.xMax = double(s.durationMs) / 1000.0;
        chart.note = QStringLiteral("Mean of the values the responses that ended in each second carried.");
        chart.height = 200;
        for (qsizetype m = 0; m < s.models.size(); ++m) {
            for (const metrics::HeaderSummary &h : s.models[m].headers) {
                if (h.name != names[i])
                    continue;
                Series series { s.models[m].model, chart::palette::css(chart::palette::model(int(m))), {} };
                for (const metrics::HeaderSummary::Point &p : h.series)
                    series.points.append(QPointF(double(p.second) + 0.5, p.mean));
                chart.series.append(series);
            }
        }
        out += lineChartFigure(chart);
    }
    if (names.size() > kMaxCharts)
        out += QStringLiteral("<p class=\"note\">%1 more headers have series in summary.json (headers.*.series).</p>")
                   .arg(names.size() - kMaxCharts);
    return out;
}

QString rateLimitPart(const metrics::RunSummary &s)
{
    QString out;
    QList<QStringList> rows;
    LineChart chart;
    chart.title = QStringLiteral("429s against offered load");
    chart.yUnit = QStringLiteral("req/s");
    chart.xMax = double(s.durationMs) / 1000.0;
    chart.note = QStringLiteral("Solid: requests offered per second (by scheduled time); dashed: 429 responses per "
                                "second (by the time of each request's first 429).");
    for (qsizetype m = 0; m < s.models.size(); ++m) {
        const metrics::GroupStats &g = s.models[m];
        const metrics::RateLimitSummary &r = g.rateLimits;
        if (!r.any())
            continue;
        const bool began = r.first429S >= 0;
        rows << QStringList { g.model, QString::number(r.responses429), QString::number(r.requests429),
            began ? num(r.first429S, 1) : QString(), began ? num(r.offeredRpsAtFirst429, 1) : QString(),
            began ? num(r.tokenRateAtFirst429, 0) : QString(), num(r.retryAfterAskedS, 1),
            QString::number(r.retried429), num(r.retryWaitS, 1) };
        const QString color = chart::palette::css(chart::palette::model(int(m)));
        Series offered { g.model + QStringLiteral(" offered"), color, {} };
        Series limited { g.model + QStringLiteral(" 429"), color, {}, true };
        for (const metrics::RateLimitSummary::Point &p : r.series) {
            offered.points.append(QPointF(double(p.second) + 0.5, p.offered));
            limited.points.append(QPointF(double(p.second) + 0.5, p.responses429));
        }
        if (!r.series.isEmpty())
            chart.series << offered << limited;
    }
    if (rows.isEmpty())
        return {};
    out += QStringLiteral("<h3>Rate limits (429)</h3><div class=\"table-wrap\"><table class=\"results\">")
        + headerRow({ QStringLiteral("model"), QStringLiteral("429 responses"), QStringLiteral("requests with 429"),
            QStringLiteral("first 429 s"), QStringLiteral("offered req/s then"),
            QStringLiteral("offered tokens/s then"), QStringLiteral("Retry-After asked s"),
            QStringLiteral("retries after 429"), QStringLiteral("retry wait s") })
        + QStringLiteral("<tbody>");
    for (const QStringList &r : std::as_const(rows))
        out += row(r);
    out += QStringLiteral("</tbody></table></div><p class=\"note\">Offered req/s and tokens/s then: the model's "
                          "requests by scheduled time (and their prompt + completion tokens) over the 10 s up to "
                          "the first 429.</p>");
    if (!chart.series.isEmpty())
        out += lineChartFigure(chart);
    return out;
}

} // namespace

QString gatewaySection(const RunRecord &record)
{
    const metrics::RunSummary &s = record.summary;
    bool anyHeaders = false;
    for (const metrics::GroupStats &g : s.models)
        anyHeaders = anyHeaders || !g.headers.isEmpty();
    const QString limits = rateLimitPart(s);
    if (!anyHeaders && limits.isEmpty())
        return {};
    QString out = QStringLiteral("<section id=\"gateway\"><h2>What the gateway said</h2>");
    if (anyHeaders) {
        out += QStringLiteral("<h3>Response headers</h3>") + headersTable(s)
            + QStringLiteral("<p class=\"note\">The headers capture_headers selected, per model: numbers as sent "
                             "(Go-style durations such as x-ratelimit-reset-* in seconds, Server-Timing dur in ms); "
                             "text values counted. The request id of each failure example is in summary.json.</p>");
        out += headerCharts(record);
    }
    return out + limits + QStringLiteral("</section>\n");
}

} // namespace stampede::report::html
