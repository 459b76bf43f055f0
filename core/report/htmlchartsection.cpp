// The charts of the HTML report: over time from the chart model (core/chart, as the dashboard),
// the latency distribution from the run-long histograms.

#include "report/htmlcharts.h"
#include "report/htmlutil.h"

#include "chart/chartmodel.h"

#include <cmath>

namespace stampede::report::html {

namespace {

using Model = chart::ChartModel;

double windowEnd(const metrics::RunSummary &summary)
{
    double end = double(summary.durationMs) / 1000.0;
    if (!summary.history.isEmpty())
        end = std::max(end, chart::xOf(summary.history.last().second));
    return end;
}

/// The chart model of the run: the dashboard's, fed the whole history at once.
Model runModel(const RunRecord &record)
{
    QStringList models;
    for (const metrics::GroupStats &group : record.summary.models)
        models << group.model;
    return Model::fromHistory(
        models, Model::planAsRun(record.meta.plan, record.summary.loadChanges), record.summary.history);
}

Series drawn(const chart::Series &s, double bucket, bool dashed = false)
{
    return Series { s.label, chart::palette::css(s.color), s.display(bucket), dashed || s.dashed };
}

QString reductionNote(double bucket)
{
    return bucket > 1 ? QStringLiteral(" Long run: each %1 seconds are drawn as their minimum and maximum "
                                       "(latencies, concurrency) or their mean (rates).")
                            .arg(bucket)
                      : QString();
}

LineChart timeChart(const QString &title, const QString &unit, double xMax)
{
    LineChart chart;
    chart.title = title;
    chart.yUnit = unit;
    chart.xMax = xMax;
    return chart;
}

} // namespace

QList<LineChart> overTimeCharts(const RunRecord &record)
{
    const metrics::RunSummary &summary = record.summary;
    const Model model = runModel(record);
    const double end = windowEnd(summary);
    const double bucket = chart::bucketFor(end);
    const QString reduction = reductionNote(bucket);

    LineChart latency
        = timeChart(QStringLiteral("Latency percentiles over time (all models)"), QStringLiteral("ms"), end);
    for (std::size_t i = 0; i < Model::kPercentiles.size(); ++i)
        latency.series << drawn(model.latency(0, int(i)), bucket);
    latency.note
        = QStringLiteral("http_req_duration (request sent to last byte) of the successes that ended in each second.")
        + reduction;

    LineChart rps = timeChart(QStringLiteral("Throughput: finished requests per second"), QStringLiteral("req/s"), end);
    LineChart tokens = timeChart(QStringLiteral("Throughput: output tokens per second"), QStringLiteral("tok/s"), end);
    LineChart ttft = timeChart(QStringLiteral("Time to first token, p95 per model"), QStringLiteral("ms"), end);
    rps.series << drawn(model.requests(0), bucket);
    if (summary.overall.failures > 0)
        rps.series << drawn(model.failures(), bucket);
    if (!model.goodput().points().isEmpty()) // an SLO was declared
        rps.series << drawn(model.goodput(), bucket);
    tokens.series << drawn(model.tokens(0), bucket);
    for (int g = 1; g <= model.models().size(); ++g) {
        rps.series << drawn(model.requests(g), bucket);
        tokens.series << drawn(model.tokens(g), bucket);
        ttft.series << drawn(model.ttft(g), bucket);
    }
    ttft.series << drawn(model.ttft(0), bucket, true);
    rps.note = QStringLiteral("Requests counted in the second they ended, successes and failures")
        + (model.goodput().points().isEmpty() ? QString() : QStringLiteral("; goodput: those that met the SLO"))
        + QLatin1Char('.') + reduction;
    tokens.note
        = QStringLiteral("Completion tokens of the requests that ended in each second (server usage, or estimates).");
    ttft.note = QStringLiteral("TTFT: request sent to the first content token, successes, per second of request end.");

    LineChart concurrency = timeChart(summary.openModel ? QStringLiteral("Arrival rate and requests in flight")
                                                        : QStringLiteral("Virtual users and requests in flight"),
        summary.openModel ? QStringLiteral("req/s | requests") : QStringLiteral("VUs | requests"), end);
    const chart::Series &planned = model.planned();
    concurrency.series << Series { planned.label, chart::palette::css(planned.color), model.plannedPoints(), true };
    if (!summary.openModel)
        concurrency.series << drawn(model.vus(), bucket);
    concurrency.series << drawn(model.inFlight(), bucket);
    concurrency.note = QStringLiteral("Sampled once per second by the engine.");
    return { latency, rps, tokens, ttft, concurrency };
}

BarChart errorsOverTime(const RunRecord &record)
{
    const Model model = runModel(record);
    const double end = windowEnd(record.summary);
    const double bucket = chart::bucketFor(end);
    BarChart chart;
    chart.title = QStringLiteral("Errors per second by class");
    chart.yUnit = QStringLiteral("errors/s");
    chart.emptyText = QStringLiteral("No failed requests in this run.");
    chart.xMax = end;
    QList<QList<QPointF>> classes;
    for (const chart::Series &s : model.errorClasses()) {
        chart.categories << s.label;
        chart.colors << chart::palette::css(s.color);
        classes << s.display(bucket);
    }
    // Every class has the same x positions (the model keeps them aligned): one bar per point, over
    // the seconds of its bucket.
    for (qsizetype i = 0; !classes.isEmpty() && i < classes.constFirst().size(); ++i) {
        const double k = chart::bucketIndex(classes.constFirst()[i].x(), bucket);
        Bar bar { k * bucket, std::min((k + 1) * bucket, end), {} };
        for (const QList<QPointF> &points : std::as_const(classes))
            bar.values << points.value(i).y();
        chart.bars << bar;
    }
    chart.note = bucket > 1 ? QStringLiteral("Each bar is the mean of %1 seconds.").arg(bucket)
                            : QStringLiteral("Failed requests (after retries) by the second they ended.");
    return chart;
}

namespace {

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
        bars.colors << chart::palette::css(chart::palette::model(m));
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
        // The CDF rises monotonically: min-max buckets of the x span keep its shape in <= 600 points.
        cdf.series << Series { summary.models[m].model, chart::palette::css(chart::palette::model(m)),
            chart::reduced(points, chart::bucketFor(xMax), chart::Reduce::MinMax) };
    }
    cdf.note = QStringLiteral("Share of successful requests at or below each latency, from the run-long histograms "
                              "(<= 0.4 % error); the axis stops at the largest p99.9.");
    return lineChartFigure(cdf) + QStringLiteral("<div class=\"small-multiples\">") + small + QStringLiteral("</div>");
}

} // namespace

QString chartsSection(const RunRecord &record)
{
    QString lines;
    const QList<LineChart> overTime = overTimeCharts(record);
    for (qsizetype i = 0; i < overTime.size(); ++i)
        lines += lineChartFigure(overTime[i]) + (i == 2 ? barChartFigure(errorsOverTime(record)) : QString());
    return QStringLiteral("<section id=\"charts\" class=\"page-break\"><h2>Over time</h2>\n") + lines
        + QStringLiteral("<h2>Latency distribution</h2>\n") + distributionCharts(record.summary)
        + QStringLiteral("</section>\n");
}

} // namespace stampede::report::html
