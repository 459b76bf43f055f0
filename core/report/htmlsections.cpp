// The HTML report's first page: header, verdict, per-model results, failures.

#include "report/htmlcharts.h"
#include "report/htmlutil.h"
#include "report/sanitize.h"
#include "report/summarytext.h"
#include "report/tokentable.h"
#include "report/turntable.h"

#include "chart/palette.h"

#include "scenario/duration.h"

namespace stampede::report::html {

namespace {

QString percent(double rate)
{
    return num(rate * 100.0, rate > 0 && rate < 0.001 ? 3 : 2) + QLatin1Char('%');
}

QString fact(const QString &name, const QString &valueHtml, bool wide = false)
{
    return (wide ? QStringLiteral("<div class=\"wide\"><dt>") : QStringLiteral("<div><dt>")) + escape(name)
        + QStringLiteral("</dt><dd>") + valueHtml + QStringLiteral("</dd></div>");
}

QString thresholdValue(const metrics::ThresholdResult &t)
{
    if (!t.evaluated)
        return QStringLiteral("no data");
    return std::abs(t.value) < 1 && t.value != 0 ? num(t.value, 4) : readout(t.value);
}

/// With `slo` (the run declares one): goodput and the share that met the SLO, "-" for a group not judged.
QStringList resultRow(const metrics::GroupStats &g, const QString &name, bool slo)
{
    QStringList cells { name, num(g.meanInFlight, 1), QString::number(g.requests), ms(g.latency.mean, g.latency.count),
        ms(g.latency.p95, g.latency.count), ms(g.latency.p99, g.latency.count), num(g.rps, 2), percent(g.errorRate()),
        ms(g.ttft.p95, g.ttft.count), ms(g.tpot.mean, g.tpot.count),
        QString::number(g.promptTokens) + QStringLiteral(" / ") + QString::number(g.completionTokens)
            + (g.estimatedTokenRequests ? QStringLiteral(" ~") : QString()),
        num(g.costUsd, 4) };
    if (slo)
        cells << (g.hasSlo() ? num(g.goodput, 2) : QStringLiteral("-"))
              << (g.hasSlo() ? percent(g.sloAttainment) : QStringLiteral("-"));
    return cells;
}

QStringList detailRow(const metrics::GroupStats &g, const QString &name)
{
    return { name, ms(g.latency.p50, g.latency.count), ms(g.latency.p90, g.latency.count),
        ms(g.latency.max, g.latency.count), ms(g.latencyAll.p95, g.latencyAll.count),
        ms(g.scheduledLatency.p95, g.scheduledLatency.count), ms(g.queue.p95, g.queue.count),
        ms(g.ttfb.p95, g.ttfb.count), ms(g.itl.p95, g.itl.count),
        g.outputSpeed.count ? num(g.outputSpeed.p50, 1) : QStringLiteral("-"), num(g.outputTokensPerSec, 1),
        QString::number(g.attempts - g.requests - g.cancelled), QString::number(g.truncated) };
}

/// Prompt-cache and reasoning tokens per model (issue 16): each header's title defines it, and so does
/// the note below (for print); nothing when no request reported either.
QString tokenTable(const metrics::RunSummary &s)
{
    const TokenTable table = TokenTable::of(s, QStringLiteral("mixed (all models)"));
    if (table.isEmpty())
        return {};
    QString out = QStringLiteral("<h3 id=\"tokens\">") + escape(table.title)
        + QStringLiteral("</h3><div class=\"table-wrap\"><table class=\"results compact\">")
        + headerRow(table.header, 1, table.definitions) + QStringLiteral("<tbody>");
    for (qsizetype i = 0; i < table.rows.size(); ++i)
        out += row(table.rows[i], 1, i + 1 == table.rows.size() ? QStringLiteral("total") : QString());
    QStringList definitions;
    for (qsizetype i = 1; i < table.header.size(); ++i)
        definitions << QStringLiteral("<i>") + escape(table.header[i]) + QStringLiteral("</i>: ")
                + escape(table.definitions[i]) + QLatin1Char('.');
    return out + QStringLiteral("</tbody></table></div><p class=\"note\">") + definitions.join(QLatin1Char(' '))
        + QStringLiteral("</p>");
}

/// A conversation run (scenario "conversation"): TTFT by turn number, as a chart and a table; nothing
/// for a run without conversations.
QString turnSection(const metrics::RunSummary &s)
{
    const TurnTable table = TurnTable::of(s.overall);
    if (table.isEmpty())
        return {};
    LineChart chart;
    chart.title = QStringLiteral("Time to first token by conversation turn");
    chart.yUnit = QStringLiteral("ms");
    chart.xAxis = XAxis::Turns;
    chart.xMax = double(s.overall.turns.size());
    chart.height = 220;
    for (const TurnLine &line : turnTtftLines(s))
        chart.series << Series { line.name,
            chart::palette::css(
                line.colorIndex < 0 ? chart::palette::kAllModels : chart::palette::model(line.colorIndex)),
            line.points, line.dashed };
    chart.note = QStringLiteral("Each turn sends the conversation so far: TTFT that falls with the turn shows a cache "
                                "serving the repeated prefix; TTFT that grows, a prefill paid again each turn.");
    QString out = QStringLiteral("<h3 id=\"turns\">Conversation turns</h3>") + lineChartFigure(chart)
        + QStringLiteral("<div class=\"table-wrap\"><table class=\"results compact\">")
        + headerRow(table.header, 1, table.definitions) + QStringLiteral("<tbody>");
    for (const QStringList &r : table.rows)
        out += row(r, 1);
    return out + QStringLiteral("</tbody></table></div>");
}

/// A run with shared prefixes (prompts.shared_prefix): the requests with one against the others.
QString prefixSection(const metrics::RunSummary &s)
{
    const PrefixTable table = PrefixTable::of(s.overall);
    if (table.isEmpty())
        return {};
    QString out = QStringLiteral("<h3 id=\"shared-prefix\">Shared prefix</h3>"
                                 "<div class=\"table-wrap\"><table class=\"results compact\">")
        + headerRow(table.header, 1, table.definitions) + QStringLiteral("<tbody>");
    for (const QStringList &r : table.rows)
        out += row(r, 1);
    return out
        + QStringLiteral("</tbody></table></div><p class=\"note\">A share of the requests started with one of the "
                         "scenario's long shared system prompts: with a prefix cache, their TTFT is shorter and "
                         "their prompt tokens are read from it.</p>");
}

} // namespace

QString headerSection(const RunRecord &record)
{
    const metrics::RunSummary &s = record.summary;
    const QDateTime started = (s.startedAt.isValid() ? s.startedAt : record.meta.startedAt).toUTC();
    QString target = escape(displayUrl(record.meta.baseUrl));
    if (record.meta.builtinGateway)
        target += QStringLiteral(" <span class=\"muted\">(built-in simulated gateway)</span>");
    QString out = QStringLiteral("<header><p class=\"kicker\">Stampede load test report</p><h1>")
        + escape(record.meta.scenario.name) + QStringLiteral("</h1><dl class=\"facts\">");
    out += fact(QStringLiteral("Date"),
        QStringLiteral("<span class=\"nw\">") + escape(started.toString(QStringLiteral("yyyy-MM-dd HH:mm")))
            + QStringLiteral(" UTC</span>"));
    out += fact(QStringLiteral("Duration"),
        escape(duration(double(s.durationMs) / 1000.0))
            + QStringLiteral(" <span class=\"muted\">measured window</span>"));
    out += fact(QStringLiteral("Target"), target, true);
    out += fact(QStringLiteral("Load"), escape(scenario::toString(record.meta.scenario.load.executor)));
    out += fact(QStringLiteral("Requests"), QString::number(s.overall.requests));
    out += fact(QStringLiteral("Ended"),
        record.inProgress() ? QStringLiteral("still running") : escape(model::toString(s.end)));
    out += fact(QStringLiteral("Tool"), QStringLiteral("Stampede ") + escape(record.meta.toolVersion));
    if (s.redirectsFollowed > 0)
        out += fact(QStringLiteral("Redirects followed"), QString::number(s.redirectsFollowed));
    out += QStringLiteral("</dl>");
    if (s.tlsInsecure || record.meta.scenario.target.tls.insecure)
        out += QStringLiteral("<p id=\"insecure\" class=\"insecure\" style=\"color:#fff;background:#c5221f;"
                              "padding:.5em 1em;font-weight:bold\">INSECURE: target.tls.insecure was on; the "
                              "server's TLS certificate was not verified.</p>");
    return out + QStringLiteral("</header>\n");
}

QString verdictSection(const RunRecord &record)
{
    const metrics::RunSummary &s = record.summary;
    const bool failed = s.verdict().failed();
    // A run still going has no verdict yet, whatever its thresholds say so far.
    const QString cls = record.inProgress() ? QStringLiteral("progress")
        : failed                            ? QStringLiteral("fail")
        : s.thresholds.isEmpty()            ? QStringLiteral("none")
                                            : QStringLiteral("pass");
    const QString word = record.inProgress() ? QStringLiteral("IN PROGRESS")
        : failed                             ? QStringLiteral("FAILED")
        : s.thresholds.isEmpty()             ? QStringLiteral("NO THRESHOLDS")
                                             : QStringLiteral("PASSED");
    int passed = 0;
    for (const auto &t : s.thresholds)
        passed += t.evaluated && t.passed ? 1 : 0;
    QString out = QStringLiteral(
        "<section id=\"verdict\" class=\"verdict %1\"><div class=\"badge\">%2</div><p class=\"verdict-text\">")
                      .arg(cls, word);
    out += s.thresholds.isEmpty() ? QStringLiteral("The scenario sets no thresholds.")
        : record.inProgress() ? QStringLiteral("So far %1 of %2 thresholds pass.").arg(passed).arg(s.thresholds.size())
                              : QStringLiteral("%1 of %2 thresholds passed.").arg(passed).arg(s.thresholds.size());
    if (!s.endReason.isEmpty())
        out += QStringLiteral(" Run ")
            + (record.inProgress() ? QStringLiteral("in progress") : escape(model::toString(s.end)))
            + QStringLiteral(": ") + escape(s.endReason) + QLatin1Char('.');
    out += QStringLiteral("</p>");
    if (!s.thresholds.isEmpty()) {
        out += QStringLiteral("<table class=\"thresholds\">")
            + headerRow({ QStringLiteral("metric"), QStringLiteral("threshold"), QStringLiteral("observed"),
                            QStringLiteral("result") },
                2)
            + QStringLiteral("<tbody>");
        for (const auto &t : s.thresholds) {
            const QString result = !t.evaluated ? QStringLiteral("no data")
                : t.passed                      ? QStringLiteral("pass")
                                                : QStringLiteral("FAIL");
            out += QStringLiteral("<tr class=\"%1\">")
                       .arg(!t.evaluated  ? QStringLiteral("nodata")
                               : t.passed ? QStringLiteral("ok")
                                          : QStringLiteral("bad"))
                + cell(t.metric) + cell(t.expression + (t.abortOnFail ? QStringLiteral(" (abortOnFail)") : QString()))
                + cell(thresholdValue(t), true) + cell(result, true) + QStringLiteral("</tr>");
        }
        out += QStringLiteral("</tbody></table>");
    }
    if (record.inProgress())
        out += QStringLiteral("<p class=\"warning\">Exported while the run was still going: results up to the last "
                              "second written to disk. Thresholds are evaluated on what has been measured so far.</p>");
    else if (record.rebuilt)
        out += QStringLiteral("<p class=\"warning\">This run did not finish normally: its summary was rebuilt from the "
                              "request journal, up to the last request written to disk.</p>");
    return out + QStringLiteral("</section>\n");
}

QString resultsSection(const RunRecord &record)
{
    const metrics::RunSummary &s = record.summary;
    QString out = QStringLiteral(
        "<section id=\"results\"><h2>Results per model</h2><div class=\"table-wrap\"><table class=\"results\">");
    const bool slo = s.overall.hasSlo();
    QStringList columns { QStringLiteral("model"), QStringLiteral("mean in flight"), QStringLiteral("requests"),
        QStringLiteral("mean ms"), QStringLiteral("p95 ms"), QStringLiteral("p99 ms"), QStringLiteral("req/s"),
        QStringLiteral("errors"), QStringLiteral("TTFT p95 ms"), QStringLiteral("TPOT ms"),
        QStringLiteral("tokens in / out"), QStringLiteral("cost $") };
    if (slo)
        columns << QStringLiteral("goodput/s") << QStringLiteral("SLO met");
    out += headerRow(columns);
    out += QStringLiteral("<tbody>");
    for (const auto &g : s.models)
        out += row(resultRow(g, g.model, slo));
    out += row(resultRow(s.overall, QStringLiteral("mixed (all models)"), slo), 1, QStringLiteral("total"));
    out += QStringLiteral("</tbody></table></div><p class=\"note\">Latency: request sent to last byte, successes only. "
                          "Rates and mean in flight (requests of the model in flight at once, on average) over the "
                          "measured window of %1; the load peaked at %3. ~ marks estimated token counts.%2</p>")
               .arg(escape(duration(double(s.durationMs) / 1000.0)),
                   s.overall.failedTokens > 0
                       ? QStringLiteral(" Of the tokens and cost, %1 tokens ($%2) came with failed answers: usage "
                                        "the server reported before failing, counted as a gateway bills it.")
                             .arg(s.overall.failedTokens)
                             .arg(num(s.overall.failedCostUsd, 4))
                       : QString(),
                   s.openModel ? QStringLiteral("%1 requests in flight").arg(s.peakInFlight)
                               : QStringLiteral("%1 VUs").arg(s.maxVus));
    if (slo)
        out += QStringLiteral("<p class=\"note\" id=\"slo\">SLO: %1. Goodput: requests per second that succeeded "
                              "within every bound that applies to them; SLO met: their share of the requests.</p>")
                   .arg(escape(sloDescription(s)));
    out += tokenTable(s); // prompt cache and reasoning (issue 16)
    out += turnSection(s); // conversations (issue 16)
    out += prefixSection(s); // shared prefixes (issue 16)
    out += QStringLiteral("<h3>More statistics</h3><div class=\"table-wrap\"><table class=\"results\">");
    out += headerRow({ QStringLiteral("model"), QStringLiteral("p50"), QStringLiteral("p90"), QStringLiteral("max"),
        QStringLiteral("p95 w/ errors"), QStringLiteral("p95 sched."), QStringLiteral("queue p95"),
        QStringLiteral("TTFB p95"), QStringLiteral("ITL p95"), QStringLiteral("tok/s p50"), QStringLiteral("out tok/s"),
        QStringLiteral("retries"), QStringLiteral("trunc.") });
    out += QStringLiteral("<tbody>");
    for (const auto &g : s.models)
        out += row(detailRow(g, g.model));
    out += row(detailRow(s.overall, QStringLiteral("mixed (all models)")), 1, QStringLiteral("total"));
    out += QStringLiteral(
        "</tbody></table></div><p class=\"note\">Milliseconds. w/ errors: every request that was sent; "
        "sched.: from the planned start (coordinated-omission safe); tok/s p50: median per-request output "
        "speed; trunc.: stopped at max_tokens.</p>");
    if (!s.checks.isEmpty()) {
        out += QStringLiteral("<h3>Checks</h3><table class=\"compact\">")
            + headerRow({ QStringLiteral("check"), QStringLiteral("pass rate"), QStringLiteral("passed"),
                QStringLiteral("failed") })
            + QStringLiteral("<tbody>");
        for (const auto &c : s.checks)
            out += row({ c.name, percent(c.rate()), QString::number(c.passes), QString::number(c.fails) });
        out += QStringLiteral("</tbody></table>");
    }
    if (s.openModel || s.dropped > 0)
        out += QStringLiteral(
            "<p class=\"note\">Open model: %1 dropped iterations (arrivals not started because max_in_flight "
            "requests were outstanding).</p>")
                   .arg(s.dropped);
    if (!s.loadChanges.isEmpty()) {
        QStringList changes;
        for (const metrics::LoadChange &c : s.loadChanges)
            changes << QStringLiteral("at %1 s → %2 %3")
                           .arg(double(c.atMs) / 1000.0, 0, 'f', 1)
                           .arg(c.target)
                           .arg(s.openModel ? QStringLiteral("requests/s") : QStringLiteral("VUs"));
        out += QStringLiteral("<p class=\"note\" id=\"load-changes\">Load adjusted while the run went (held to the "
                              "plan's end): %1.</p>")
                   .arg(escape(changes.join(QStringLiteral("; "))));
    }
    if (!s.warnings.isEmpty()) {
        out += QStringLiteral("<h3>Notes</h3><ul class=\"warnings\">");
        for (const QString &w : s.warnings)
            out += QStringLiteral("<li>") + escape(w) + QStringLiteral("</li>");
        out += QStringLiteral("</ul>");
    }
    return out + QStringLiteral("</section>\n");
}

QString failuresSection(const RunRecord &record)
{
    const metrics::RunSummary &s = record.summary;
    QString out = QStringLiteral("<section id=\"failures\"><h2>Failures</h2>");
    if (s.overall.cancelled > 0)
        out += QStringLiteral("<p class=\"note\" id=\"cancelled\">%1 request(s) cancelled by the run's own stop: not "
                              "failures, and not in the request count, error rate, latencies, checks or "
                              "thresholds.</p>")
                   .arg(s.overall.cancelled);
    if (s.overall.failures == 0)
        return out + QStringLiteral("<p>No request failed.</p></section>\n");
    out += QStringLiteral("<table class=\"compact\">")
        + headerRow({ QStringLiteral("class"), QStringLiteral("requests"), QStringLiteral("share of failures") })
        + QStringLiteral("<tbody>");
    for (auto it = s.overall.errors.cbegin(); it != s.overall.errors.cend(); ++it)
        out += row({ it.key(), QString::number(it.value()), percent(double(it.value()) / double(s.overall.failures)) });
    out += QStringLiteral("</tbody></table>");
    constexpr int kShown = 25;
    out += QStringLiteral("<h3>Grouped messages</h3><table class=\"failures\">")
        + headerRow({ QStringLiteral("class"), QStringLiteral("message"), QStringLiteral("model"),
                        QStringLiteral("count"), QStringLiteral("first seen"), QStringLiteral("last seen") },
            3)
        + QStringLiteral("<tbody>");
    for (qsizetype i = 0; i < s.failures.size() && i < kShown; ++i) {
        const metrics::FailureGroup &f = s.failures[i];
        const QString example = (f.example.isEmpty() ? f.message : f.example)
            + (f.exampleRequestId.isEmpty() ? QString() : QStringLiteral(" (request id %1)").arg(f.exampleRequestId));
        out += row({ f.errorKey, example, f.lastModel, QString::number(f.count),
                       duration(double(f.firstSeenMs) / 1000.0), duration(double(f.lastSeenMs) / 1000.0) },
            3);
    }
    out += QStringLiteral("</tbody></table>");
    if (s.failures.size() > kShown)
        out += QStringLiteral("<p class=\"note\">%1 more groups in failures.csv.</p>").arg(s.failures.size() - kShown);
    return out + QStringLiteral("</section>\n");
}

} // namespace stampede::report::html
