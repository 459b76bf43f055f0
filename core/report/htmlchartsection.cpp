// The charts of the HTML report, built from the per-second history and the run-long histograms.

#include "report/htmlcharts.h"
#include "report/htmlutil.h"

#include <QMap>

#include <cmath>
#include <limits>

namespace stampede::report::html {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kMaxBars = 300;

using Group = metrics::SecondPoint::Group;

/// One point per second of `group` (0: every model, i + 1: model i); NaN where `value` has no data.
template <typename F> QList<QPointF> perSecond(const metrics::RunSummary &summary, int group, F value)
{
    QList<QPointF> points;
    points.reserve(summary.history.size());
    for (const metrics::SecondPoint &p : summary.history) {
        const double x = double(p.second);
        points << QPointF(x, group < p.groups.size() ? value(p.groups[group]) : kNaN);
    }
    return points;
}

double windowEnd(const metrics::RunSummary &summary)
{
    double end = double(summary.durationMs) / 1000.0;
    if (!summary.history.isEmpty())
        end = std::max(end, double(summary.history.last().second + 1));
    return end;
}

QString downsampleNote(const metrics::RunSummary &summary)
{
    return summary.history.size() > 600
        ? QStringLiteral(" Long run: each line keeps the minimum and maximum of every %1 seconds.")
              .arg(std::ceil(double(summary.history.size()) / 299.0))
        : QString();
}

QString latencyChart(const metrics::RunSummary &summary)
{
    LineChart chart;
    chart.title = QStringLiteral("Latency percentiles over time (all models)");
    chart.yUnit = QStringLiteral("ms");
    chart.xMax = windowEnd(summary);
    for (int q : { 50, 90, 95, 99 }) {
        chart.series << Series { QStringLiteral("p%1").arg(q), percentileColor(q),
            perSecond(summary, 0, [q](const Group &g) {
                if (g.latency.count == 0)
                    return kNaN;
                return double(q == 50 ? g.latency.p50 : q == 90 ? g.latency.p90 : q == 95 ? g.latency.p95 : g.latency.p99);
            }) };
    }
    chart.note
        = QStringLiteral("http_req_duration (request sent to last byte) of the successes that ended in each second.")
        + downsampleNote(summary);
    return lineChartFigure(chart);
}

QString throughputCharts(const metrics::RunSummary &summary)
{
    LineChart rps;
    rps.title = QStringLiteral("Throughput: finished requests per second");
    rps.yUnit = QStringLiteral("req/s");
    rps.xMax = windowEnd(summary);
    LineChart tokens = rps;
    tokens.title = QStringLiteral("Throughput: output tokens per second");
    tokens.yUnit = QStringLiteral("tok/s");
    rps.series << Series { QStringLiteral("all models"), QStringLiteral("#111827"),
        perSecond(summary, 0, [](const Group &g) { return double(g.requests); }) };
    if (summary.overall.failures > 0)
        rps.series << Series { QStringLiteral("failed"), QStringLiteral("#dc2626"),
            perSecond(summary, 0, [](const Group &g) { return double(g.failures); }), true };
    tokens.series << Series { QStringLiteral("all models"), QStringLiteral("#111827"),
        perSecond(summary, 0, [](const Group &g) { return double(g.completionTokens); }) };
    for (int m = 0; m < summary.models.size(); ++m) {
        rps.series << Series { summary.models[m].model, paletteColor(m),
            perSecond(summary, m + 1, [](const Group &g) { return double(g.requests); }) };
        tokens.series << Series { summary.models[m].model, paletteColor(m),
            perSecond(summary, m + 1, [](const Group &g) { return double(g.completionTokens); }) };
    }
    rps.note = QStringLiteral("Requests counted in the second they ended, successes and failures.")
        + downsampleNote(summary);
    tokens.note
        = QStringLiteral("Completion tokens of the requests that ended in each second (server usage, or estimates).");
    return lineChartFigure(rps) + lineChartFigure(tokens);
}

QString errorsChart(const metrics::RunSummary &summary)
{
    // Classes by total count, most frequent at the bottom of each stack.
    QList<QPair<std::int64_t, QString>> totals;
    for (auto it = summary.overall.errors.cbegin(); it != summary.overall.errors.cend(); ++it)
        totals << qMakePair(-it.value(), it.key());
    std::sort(totals.begin(), totals.end());
    BarChart chart;
    chart.title = QStringLiteral("Errors per second by class");
    chart.yUnit = QStringLiteral("errors/s");
    chart.emptyText = QStringLiteral("No failed requests in this run.");
    chart.xMax = windowEnd(summary);
    for (int i = 0; i < totals.size(); ++i) {
        chart.categories << totals[i].second;
        chart.colors << paletteColor(i + 4);
    }
    const qsizetype n = summary.history.size();
    const qsizetype per = std::max<qsizetype>(1, (n + kMaxBars - 1) / kMaxBars);
    for (qsizetype from = 0; from < n; from += per) {
        const qsizetype to = std::min(n, from + per);
        Bar bar { double(summary.history[from].second), double(summary.history[to - 1].second + 1), {} };
        for (const QString &cls : std::as_const(chart.categories)) {
            double sum = 0;
            for (qsizetype i = from; i < to; ++i)
                sum += double(summary.history[i].groups.value(0).errors.value(cls));
            bar.values << sum / double(to - from);
        }
        chart.bars << bar;
    }
    chart.note = per > 1 ? QStringLiteral("Each bar is the mean of %1 seconds.").arg(per)
                         : QStringLiteral("Failed requests (after retries) by the second they ended.");
    return barChartFigure(chart);
}

QString ttftChart(const metrics::RunSummary &summary)
{
    LineChart chart;
    chart.title = QStringLiteral("Time to first token, p95 per model");
    chart.yUnit = QStringLiteral("ms");
    chart.xMax = windowEnd(summary);
    const auto p95 = [](const Group &g) { return g.ttft.count ? g.ttft.p95 : kNaN; };
    for (int m = 0; m < summary.models.size(); ++m)
        chart.series << Series { summary.models[m].model, paletteColor(m), perSecond(summary, m + 1, p95) };
    chart.series << Series { QStringLiteral("all models"), QStringLiteral("#111827"), perSecond(summary, 0, p95),
        true };
    chart.note = QStringLiteral("TTFT: request sent to the first content token, successes, per second of request end.");
    return lineChartFigure(chart);
}

QString concurrencyChart(const metrics::RunSummary &summary)
{
    LineChart chart;
    chart.title = summary.openModel ? QStringLiteral("Arrival rate and requests in flight")
                                    : QStringLiteral("Virtual users and requests in flight");
    chart.yUnit = summary.openModel ? QStringLiteral("req/s | requests") : QStringLiteral("VUs | requests");
    chart.xMax = windowEnd(summary);
    QList<QPointF> planned, vus, inFlight;
    for (const metrics::SecondPoint &p : summary.history) {
        planned << QPointF(double(p.second), p.plannedTarget);
        vus << QPointF(double(p.second), double(p.vus));
        inFlight << QPointF(double(p.second), double(p.inFlight));
    }
    chart.series << Series { summary.openModel ? QStringLiteral("planned rate") : QStringLiteral("planned VUs"),
        QStringLiteral("#6b7280"), planned, true };
    if (!summary.openModel)
        chart.series << Series { QStringLiteral("VUs"), QStringLiteral("#2563eb"), vus };
    chart.series << Series { QStringLiteral("in flight"), QStringLiteral("#9333ea"), inFlight };
    chart.note = QStringLiteral("Sampled once per second by the engine.");
    return lineChartFigure(chart);
}

const metrics::Histogram *latencyHistogram(const metrics::RunSummary &summary, const QString &model)
{
    const auto it = summary.histograms.constFind(QStringLiteral("http_req_duration{model:") + model + QLatin1Char('}'));
    return it == summary.histograms.cend() || it->count() == 0 ? nullptr : &*it;
}

QString distributionCharts(const metrics::RunSummary &summary)
{
    double xMax = 0;
    for (const auto &group : summary.models)
        if (const metrics::Histogram *h = latencyHistogram(summary, group.model))
            xMax = std::max(xMax, h->percentile(99.9) / 1000.0 * 1.05);
    LineChart cdf;
    cdf.title = QStringLiteral("Latency distribution per model (cumulative)");
    cdf.yUnit = QStringLiteral("% of requests");
    cdf.xAxis = XAxis::Milliseconds;
    cdf.yMax = 100;
    cdf.xMax = xMax;
    QString small;
    for (int m = 0; m < summary.models.size(); ++m) {
        const metrics::Histogram *h = latencyHistogram(summary, summary.models[m].model);
        if (!h)
            continue;
        QList<QPointF> points { QPointF(double(h->min()) / 1000.0, 0) };
        BarChart bars;
        bars.title = summary.models[m].model;
        bars.yUnit = QStringLiteral("%");
        bars.xAxis = XAxis::Milliseconds;
        bars.categories << summary.models[m].model;
        bars.colors << paletteColor(m);
        bars.width = 480;
        bars.height = 200;
        constexpr int bins = 40;
        const double binMs = xMax / bins;
        QList<double> counts(bins, 0.0);
        double cumulative = 0;
        for (const auto &[index, count] : h->nonZeroBuckets()) {
            cumulative += double(count);
            const double upperMs
                = std::min(double(metrics::Histogram::bucketUpperBound(index)), double(h->max()) + 1) / 1000.0;
            const double midMs = (double(metrics::Histogram::bucketLowerBound(index)) / 1000.0 + upperMs) / 2;
            counts[std::clamp(int(midMs / binMs), 0, bins - 1)] += double(count);
            if (upperMs <= xMax)
                points << QPointF(upperMs, 100.0 * cumulative / double(h->count()));
        }
        for (int b = 0; b < bins; ++b)
            bars.bars << Bar { b * binMs, (b + 1) * binMs, { 100.0 * counts[b] / double(h->count()) } };
        bars.xMax = xMax;
        bars.note = QStringLiteral("%1 successes; p50 %2 ms, p95 %3 ms, p99 %4 ms.")
                        .arg(h->count())
                        .arg(readout(h->percentile(50) / 1000.0), readout(h->percentile(95) / 1000.0),
                            readout(h->percentile(99) / 1000.0));
        small += barChartFigure(bars);
        cdf.series << Series { summary.models[m].model, paletteColor(m), points };
    }
    cdf.note = QStringLiteral("Share of successful requests at or below each latency, from the run-long histograms "
                              "(<= 0.4 % error); the axis stops at the largest p99.9.");
    return lineChartFigure(cdf) + QStringLiteral("<div class=\"small-multiples\">") + small + QStringLiteral("</div>");
}

} // namespace

QString chartsSection(const RunRecord &record)
{
    const metrics::RunSummary &s = record.summary;
    return QStringLiteral("<section id=\"charts\" class=\"page-break\"><h2>Over time</h2>\n") + latencyChart(s)
        + throughputCharts(s) + errorsChart(s) + ttftChart(s) + concurrencyChart(s)
        + QStringLiteral("<h2>Latency distribution</h2>\n") + distributionCharts(s) + QStringLiteral("</section>\n");
}

} // namespace stampede::report::html
