// The HTML report's capacity section for a sweep: latency and throughput against the offered rate,
// or the VUs of a VU sweep (the chart model of chart/sweepseries.h, as the dashboard's sweep chart), the knee marked, a
// table per step and the throughput frontier.

#include "report/htmlcharts.h"
#include "report/htmlutil.h"

#include "chart/sweepseries.h"

#include <algorithm>

namespace stampede::report::html {

namespace {

QString rate(const std::optional<double> &value)
{
    return value ? num(*value, 1) : QStringLiteral("–");
}

LineChart rateChart(
    const QString &title, const QString &unit, const QList<chart::SweepLine> &lines, const chart::SweepChart &model)
{
    LineChart out;
    out.title = title;
    out.yUnit = unit;
    out.xAxis = model.vus ? XAxis::Vus : XAxis::RequestsPerSecond;
    out.xMax = model.maxX;
    double top = 0;
    for (const chart::SweepLine &line : lines) {
        out.series.append({ line.label, chart::palette::css(line.color), line.points, line.dashed });
        for (const QPointF &p : line.points)
            top = std::max(top, p.y());
    }
    if (model.kneeX) // a vertical line at the knee's offered rate (VUs), named in the legend
        out.series.append({ model.kneeLabel, chart::palette::css(chart::palette::kFail),
            { QPointF(*model.kneeX, 0), QPointF(*model.kneeX, top) }, true });
    out.note = (model.vus ? QStringLiteral("x: VUs of each step")
                          : QStringLiteral("x: offered rate of each step (requests/s)"))
        + QStringLiteral("; one point per step, over the requests scheduled in it.");
    out.height = 240;
    return out;
}

QString stepsTable(const metrics::CapacityVerdict &verdict, bool vus)
{
    QString out = QStringLiteral("<div class=\"table-wrap\"><table class=\"results capacity-steps\">");
    out += headerRow(
        { QStringLiteral("step"), vus ? QStringLiteral("VUs") : QStringLiteral("offered/s"),
            QStringLiteral("achieved/s"), QStringLiteral("requests"), QStringLiteral("errors"),
            QStringLiteral("p50 ms"), QStringLiteral("p95 ms"), QStringLiteral("p99 ms"), QStringLiteral("TTFT p95 ms"),
            QStringLiteral("TTFT p99 ms"), QStringLiteral("goodput/s"), QStringLiteral("verdict") },
        1);
    out += QStringLiteral("<tbody>");
    for (const metrics::SweepStep &s : verdict.steps)
        out += row(
            { QString::number(s.step), vus ? QString::number(s.vus) : num(s.offeredRate, 1), num(s.achievedRate, 1),
                QString::number(s.requests), QString::number(s.errors), num(s.latencyP50), num(s.latencyP95),
                num(s.latencyP99), num(s.ttftP95), num(s.ttftP99), rate(s.goodput),
                s.passed ? QStringLiteral("held") : QString(QStringLiteral("failed: ") + s.reason) },
            1, s.passed ? QString() : QStringLiteral("fail"));
    return out + QStringLiteral("</tbody></table></div>");
}

QString frontierTable(const metrics::CapacityVerdict &verdict)
{
    QString out = QStringLiteral("<table class=\"compact capacity-frontier\">");
    out += headerRow({ QStringLiteral("p99 under"), QStringLiteral("latency: req/s"), QStringLiteral("TTFT: req/s") });
    out += QStringLiteral("<tbody>");
    for (const metrics::FrontierRow &r : verdict.frontier)
        out += row({ QString::number(r.boundMs) + QStringLiteral(" ms"), rate(r.latencyP99Rate), rate(r.ttftP99Rate) });
    return out + QStringLiteral("</tbody></table>");
}

QString verdictList(const metrics::Capacity &capacity)
{
    const bool vus = capacity.level == model::SweepLevel::Vus;
    QString out = QStringLiteral("<table class=\"compact capacity-verdicts\">");
    QStringList header { QStringLiteral("model"), QStringLiteral("safe rate req/s"),
        QStringLiteral("first failing step"), QStringLiteral("reason") };
    if (vus) // a VU sweep's safe rate is the achieved rate at its safe VUs
        header.insert(1, QStringLiteral("safe VUs"));
    out += headerRow(header);
    out += QStringLiteral("<tbody>");
    QList<metrics::CapacityVerdict> all { capacity.overall };
    all << capacity.models;
    for (const metrics::CapacityVerdict &v : std::as_const(all)) {
        QStringList cells { v.model == QLatin1StringView("all") ? QStringLiteral("all models") : v.model,
            rate(v.safeRate), v.firstFailingStep ? QString::number(*v.firstFailingStep) : QStringLiteral("–"),
            v.reason };
        if (vus)
            cells.insert(1, v.safeVus ? QString::number(*v.safeVus) : QStringLiteral("–"));
        out += row(cells, 1);
    }
    return out + QStringLiteral("</tbody></table>");
}

/// "Safe rate: 20 req/s" or, for a VU sweep, "Safe VUs: 16 (achieved 38.2 req/s)".
QString safeWords(const metrics::Capacity &capacity)
{
    const metrics::CapacityVerdict &v = capacity.overall;
    if (capacity.level != model::SweepLevel::Vus)
        return QStringLiteral("Safe rate: <strong>%1 req/s</strong>").arg(rate(v.safeRate));
    return QStringLiteral("Safe VUs: <strong>%1</strong> (achieved %2 req/s)")
        .arg(v.safeVus ? QString::number(*v.safeVus) : QStringLiteral("–"), rate(v.safeRate));
}

} // namespace

QString capacitySection(const RunRecord &record)
{
    const metrics::Capacity &capacity = record.summary.capacity;
    if (capacity.isEmpty())
        return {};
    const chart::SweepChart model = chart::sweepChart(capacity.overall.steps);
    const QString against = model.vus ? QStringLiteral("VUs") : QStringLiteral("offered rate");
    QString out = QStringLiteral("<section id=\"capacity\" class=\"page-break\"><h2>Capacity (sweep)</h2>\n");
    out += QStringLiteral("<p class=\"verdict-text\">%1%2. Steps of %3.</p>")
               .arg(safeWords(capacity),
                   capacity.overall.firstFailingStep ? QStringLiteral("; the knee is step %1: %2")
                                                           .arg(*capacity.overall.firstFailingStep)
                                                           .arg(escape(capacity.overall.reason))
                                                     : QString(QStringLiteral("; ") + escape(capacity.overall.reason)),
                   escape(duration(double(capacity.stepDurationMs) / 1000.0)));
    out += verdictList(capacity);
    out += lineChartFigure(
        rateChart(QStringLiteral("Latency against ") + against, QStringLiteral("ms"), model.latency, model));
    out += lineChartFigure(rateChart(QStringLiteral("Achieved rate and goodput against ") + against,
        QStringLiteral("req/s"), model.throughput, model));
    out += QStringLiteral("<h3>Steps (every model)</h3>") + stepsTable(capacity.overall, model.vus);
    out += QStringLiteral("<h3>Throughput frontier</h3>") + frontierTable(capacity.overall);
    out += QStringLiteral("<p class=\"note\">The highest achieved rate of a step whose p99 latency (TTFT) stayed "
                          "under each bound. A step's figures cover the requests scheduled in it.</p></section>\n");
    return out;
}

} // namespace stampede::report::html
