// The HTML report's reference pages: the scenario as run, metric definitions, environment.

#include "report/htmlcharts.h"
#include "report/htmlutil.h"
#include "report/sanitize.h"

#include "chart/chartmodel.h"
#include "scenario/duration.h"

namespace stampede::report::html {

namespace {

QString dur(qint64 ms)
{
    return escape(scenario::formatDuration(ms));
}

QString pair(const QString &name, const QString &valueHtml)
{
    return QStringLiteral("<tr><th>") + escape(name) + QStringLiteral("</th><td>") + valueHtml
        + QStringLiteral("</td></tr>");
}

QString modelsTable(const scenario::Scenario &s)
{
    double totalWeight = 0;
    for (const auto &m : s.models)
        totalWeight += m.enabled ? m.weight : 0;
    QString out = QStringLiteral(
        "<table class=\"compact\"><thead><tr><th>model</th><th class=\"n\">weight</th><th class=\"n\">share</th>"
        "<th class=\"n\">max_tokens</th><th class=\"n\">temperature</th><th>stream</th>"
        "<th class=\"n\">input $/Mtok</th><th class=\"n\">output $/Mtok</th></tr></thead><tbody>");
    for (const auto &m : s.models) {
        const QString share = m.enabled && totalWeight > 0 ? num(100.0 * m.weight / totalWeight, 1) + QLatin1Char('%')
                                                           : QStringLiteral("disabled");
        out += QStringLiteral("<tr><td>%1</td><td class=\"n\">%2</td><td class=\"n\">%3</td><td class=\"n\">%4</td>"
                              "<td class=\"n\">%5</td><td>%6</td><td class=\"n\">%7</td><td class=\"n\">%8</td></tr>")
                   .arg(escape(m.model), readout(m.weight), share, QString::number(m.maxTokens), num(m.temperature, 2),
                       m.stream ? QStringLiteral("yes") : QStringLiteral("no"), num(m.price.inputPerMTok, 2),
                       num(m.price.outputPerMTok, 2));
    }
    return out + QStringLiteral("</tbody></table>");
}

QString sweepRows(const model::Sweep &sweep)
{
    const QString unit = sweep.isVus() ? QStringLiteral(" VUs") : QStringLiteral(" req/s");
    const std::optional<double> cap = sweep.isVus() ? std::optional<double>(sweep.maxVus) : sweep.maxRate;
    return pair(sweep.isVus() ? QStringLiteral("start VUs") : QStringLiteral("start rate"),
               (sweep.isVus() ? QString::number(sweep.startVus) : readout(sweep.startRate)) + unit)
        + pair(QStringLiteral("each step"),
            sweep.increment > 0 ? QString(QStringLiteral("+ ") + readout(sweep.increment) + unit)
                                : QString(QStringLiteral("&times; ") + readout(sweep.factor)))
        + pair(QStringLiteral("step duration"), dur(sweep.stepDurationMs))
        + pair(QStringLiteral("max steps"), QString::number(sweep.maxSteps))
        + pair(sweep.isVus() ? QStringLiteral("max VUs") : QStringLiteral("max rate"),
            cap ? QString(readout(*cap) + unit) : QStringLiteral("none"));
}

QString loadTable(const scenario::LoadProfile &load)
{
    using scenario::ExecutorKind;
    QString rows = pair(QStringLiteral("executor"), escape(scenario::toString(load.executor)));
    const QString unit = QStringLiteral(" per ") + dur(load.timeUnitMs);
    switch (load.executor) {
    case ExecutorKind::ConstantVus:
        rows += pair(QStringLiteral("VUs"), QString::number(load.vus))
            + pair(QStringLiteral("duration"), dur(load.durationMs));
        break;
    case ExecutorKind::RampingVus:
        rows += pair(QStringLiteral("start VUs"), QString::number(load.startVus));
        break;
    case ExecutorKind::ConstantArrivalRate:
        rows += pair(QStringLiteral("rate"), readout(load.rate) + unit)
            + pair(QStringLiteral("duration"), dur(load.durationMs));
        break;
    case ExecutorKind::RampingArrivalRate:
        rows += pair(QStringLiteral("start rate"), readout(load.startRate) + unit);
        break;
    case ExecutorKind::Sweep:
        rows += sweepRows(load.sweep);
        break;
    }
    if (load.executor == ExecutorKind::RampingVus || load.executor == ExecutorKind::RampingArrivalRate) {
        QStringList stages;
        for (const auto &stage : load.stages)
            stages << dur(stage.durationMs) + QStringLiteral(" &rarr; ") + readout(stage.target);
        rows += pair(QStringLiteral("stages"), stages.join(QStringLiteral(", ")));
    }
    if (load.isOpenModel()) {
        rows += pair(QStringLiteral("max in flight"), QString::number(load.maxInFlight));
        rows += pair(QStringLiteral("arrivals"), escape(scenario::toString(load.arrival)));
    } else if (load.executor != ExecutorKind::Sweep) { // a VU sweep has no think time
        rows += pair(
            QStringLiteral("think time"), dur(load.thinkTimeMinMs) + QStringLiteral(" – ") + dur(load.thinkTimeMaxMs));
    }
    rows += pair(QStringLiteral("graceful stop"), dur(load.gracefulStopMs));
    return QStringLiteral("<table class=\"pairs\">") + rows + QStringLiteral("</table>");
}

QString planChart(const RunMeta &meta)
{
    LineChart chart;
    chart.title = QStringLiteral("Load plan");
    chart.yUnit = meta.plan.openModel ? QStringLiteral("req/s") : QStringLiteral("VUs");
    chart.height = 200;
    // The planned series of the chart model: the same line, label and colour as on the charts over time.
    const chart::ChartModel model({}, meta.plan);
    const chart::Series &planned = model.planned();
    chart.series << Series { planned.label, chart::palette::css(planned.color), model.plannedPoints(), planned.dashed };
    chart.note
        = QStringLiteral("Planned duration %1 (plus graceful stop).").arg(scenario::formatDuration(meta.plan.totalMs));
    return lineChartFigure(chart);
}

QString targetTable(const scenario::Scenario &s, const RunMeta &meta)
{
    QStringList headers;
    for (auto it = s.target.headers.cbegin(); it != s.target.headers.cend(); ++it)
        headers << escape(it.key()) + QStringLiteral(": ") + escape(it.value());
    QStringList statuses;
    for (int status : s.retry.onStatus)
        statuses << QString::number(status);
    return QStringLiteral("<table class=\"pairs\">")
        + pair(QStringLiteral("base URL"), escape(displayUrl(meta.baseUrl)))
        + pair(QStringLiteral("API key"),
            QStringLiteral("from $") + escape(s.target.apiKeyEnv) + QStringLiteral(" (never written)"))
        + pair(QStringLiteral("timeouts"),
            dur(s.target.timeoutMs) + QStringLiteral(" (connect ") + dur(s.target.connectTimeoutMs) + QLatin1Char(')'))
        + pair(QStringLiteral("HTTP/2"), escape(scenario::toString(s.target.http2)))
        + pair(QStringLiteral("extra headers"),
            headers.isEmpty() ? QStringLiteral("none") : headers.join(QStringLiteral("<br>")))
        + pair(QStringLiteral("retries"),
            QStringLiteral("%1, backoff %2 – %3 on %4%5")
                .arg(s.retry.maxRetries)
                .arg(dur(s.retry.baseDelayMs), dur(s.retry.maxDelayMs),
                    statuses.isEmpty() ? QStringLiteral("nothing") : statuses.join(QStringLiteral(", ")),
                    s.retry.honorRetryAfter ? QStringLiteral(", honouring Retry-After") : QString()))
        + pair(QStringLiteral("checks"),
            s.checks.isEmpty() ? QStringLiteral("none") : escape(s.checks.join(QStringLiteral(", "))))
        + pair(QStringLiteral("seed"), s.seed ? QString::number(*s.seed) : QStringLiteral("random"))
        + QStringLiteral("</table>");
}

QString promptsBlock(const scenario::Scenario &s)
{
    QString out = QStringLiteral("<details><summary>Prompts (%1 user prompts)</summary><p><b>System:</b> %2</p><ol>")
                      .arg(s.prompts.user.size())
                      .arg(escape(s.prompts.system));
    for (const QString &prompt : s.prompts.user)
        out += QStringLiteral("<li>") + escape(prompt) + QStringLiteral("</li>");
    return out + QStringLiteral("</ol></details>");
}

} // namespace

QString scenarioSection(const RunRecord &record)
{
    const scenario::Scenario s = sanitizedScenario(record.meta.scenario);
    QString out = QStringLiteral("<section id=\"scenario\" class=\"page-break\"><h2>Scenario</h2><h3>Models</h3>")
        + modelsTable(s);
    out += QStringLiteral("<div class=\"two\"><div><h3>Load profile</h3>") + loadTable(s.load)
        + QStringLiteral("</div><div><h3>Target and policy</h3>") + targetTable(s, record.meta)
        + QStringLiteral("</div></div>");
    out += planChart(record.meta);
    if (!s.thresholds.isEmpty()) {
        out += QStringLiteral("<h3>Thresholds</h3><ul>");
        for (const auto &set : s.thresholds)
            for (const auto &rule : set.rules)
                out += QStringLiteral("<li><code>") + escape(set.metricKey) + QStringLiteral(": ")
                    + escape(rule.expression) + QStringLiteral("</code>")
                    + (rule.abortOnFail ? QStringLiteral(" (abortOnFail)") : QString()) + QStringLiteral("</li>");
        out += QStringLiteral("</ul>");
    }
    out += promptsBlock(s);
    out += QStringLiteral("<details><summary>Scenario file (secrets removed)</summary><pre>")
        + escape(QString::fromUtf8(sanitizedScenarioJson(record.meta.scenario))) + QStringLiteral("</pre></details>");
    return out + QStringLiteral("</section>\n");
}

QString definitionsSection()
{
    static const char *const defs[][2] = {
        { "Latency (http_req_duration)",
            "Request sent to the last byte of the response, over successful requests. "
            "The “incl. errors” view counts every request that was sent." },
        { "From schedule (scheduled_duration)",
            "Planned start to the last byte: includes client-side queueing and retry "
            "waits, so it is safe from coordinated omission (open model)." },
        { "Queue (client_queue)", "Planned start to request sent." },
        { "TTFB", "Request sent to the first response byte." },
        { "TTFT",
            "Request sent to the first SSE event carrying content, reasoning or a tool call (a role-only chunk does "
            "not count); non-streamed: the end." },
        { "TPOT", "(last token − first token) / (completion tokens − 1), successes with at least 2 tokens." },
        { "ITL", "Every gap between consecutive content chunks of streamed successes." },
        { "Output speed", "Completion tokens / (end − first token) per request." },
        { "Tokens",
            "From the server’s usage; when absent, estimated from the text (~4 characters or 1 CJK character per "
            "token) and marked ~. Never chunk counts." },
        { "Requests/s, output tokens/s",
            "Finished requests (or completion tokens) / the measured window: load start to "
            "the end of the last request." },
        { "Errors",
            "Final failures after retries, by class: http_<status>, timeout, connect_timeout, "
            "connection_refused, connection_reset, tls, malformed_response, stream_cut, proxy, network. "
            "Error rate = failed / finished. Requests cut by the run's own stop (abort, graceful stop ran out) "
            "are cancelled: counted apart, never as errors." },
        { "Percentiles",
            "Nearest rank from a log-linear histogram (128 sub-buckets per power of two, <= 0.4 % error), "
            "clamped to the exact min and max; mergeable exactly across runs." },
        { "Cost", "Prompt tokens × input price + completion tokens × output price, per model ($ per million tokens)." },
        { "Per-second charts", "A request counts in the second it ended." },
    };
    QString out = QStringLiteral("<section id=\"definitions\"><h2>Metric definitions</h2><dl class=\"defs\">");
    for (const auto &def : defs)
        out += QStringLiteral("<dt>") + escape(QString::fromUtf8(def[0])) + QStringLiteral("</dt><dd>")
            + escape(QString::fromUtf8(def[1])) + QStringLiteral("</dd>");
    return out + QStringLiteral("</dl></section>\n");
}

QString environmentSection(const RunRecord &record)
{
    const Environment &env = record.meta.environment;
    const metrics::RunSummary &s = record.summary;
    return QStringLiteral("<section id=\"environment\"><h2>Environment</h2><table class=\"pairs\">")
        + pair(QStringLiteral("tool"), QStringLiteral("Stampede ") + escape(record.meta.toolVersion))
        + pair(QStringLiteral("operating system"), escape(env.os)) + pair(QStringLiteral("kernel"), escape(env.kernel))
        + pair(QStringLiteral("CPU"),
            escape(env.cpuArchitecture) + QStringLiteral(", ") + QString::number(env.cpuCount)
                + QStringLiteral(" logical cores"))
        + pair(QStringLiteral("worker threads"), QString::number(record.meta.workerThreads))
        + pair(QStringLiteral("transport"),
            escape(record.meta.transport.isEmpty() ? record.summary.transport : record.meta.transport))
        + pair(QStringLiteral("Qt"), escape(env.qtVersion)) + pair(QStringLiteral("host"), escape(env.hostname))
        + pair(QStringLiteral("started"), escape(s.startedAt.toUTC().toString(Qt::ISODateWithMs)))
        + pair(QStringLiteral("ended"), escape(s.endedAt.toUTC().toString(Qt::ISODateWithMs)))
        + pair(QStringLiteral("measured window"), escape(duration(double(s.durationMs) / 1000.0)))
        + QStringLiteral("</table></section>\n");
}

} // namespace stampede::report::html
