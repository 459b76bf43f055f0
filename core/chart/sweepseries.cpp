#include "chart/sweepseries.h"

#include <algorithm>

namespace stampede::chart {

namespace {

template <typename Value>
SweepLine line(const QList<metrics::SweepStep> &steps, const char *key, const QString &label, const char *unit,
    Rgb color, Value value)
{
    SweepLine out { QLatin1StringView(key), label, QLatin1StringView(unit), color, false, {} };
    for (const metrics::SweepStep &step : steps)
        out.points.append({ step.level(), value(step) });
    return out;
}

} // namespace

SweepChart sweepChart(const QList<metrics::SweepStep> &steps)
{
    SweepChart chart;
    using Step = metrics::SweepStep;
    chart.latency = {
        line(steps, "latency:p(50)", QStringLiteral("p50"), "ms", palette::percentile(50),
            [](const Step &s) { return s.latencyP50; }),
        line(steps, "latency:p(95)", QStringLiteral("p95"), "ms", palette::percentile(95),
            [](const Step &s) { return s.latencyP95; }),
        line(steps, "latency:p(99)", QStringLiteral("p99"), "ms", palette::percentile(99),
            [](const Step &s) { return s.latencyP99; }),
    };
    if (std::any_of(steps.cbegin(), steps.cend(), [](const Step &s) { return s.ttftP95 > 0; })) {
        chart.latency.append(line(steps, "ttft:p(95)", QStringLiteral("TTFT p95"), "ms", palette::kVus,
            [](const Step &s) { return s.ttftP95; }));
        chart.latency.last().dashed = true;
    }
    chart.throughput.append(line(steps, "achieved", QStringLiteral("achieved req/s"), "req/s", palette::kAllModels,
        [](const Step &s) { return s.achievedRate; }));
    if (std::any_of(steps.cbegin(), steps.cend(), [](const Step &s) { return s.goodput.has_value(); }))
        chart.throughput.append(line(steps, "goodput", QStringLiteral("goodput req/s"), "req/s", palette::kGoodput,
            [](const Step &s) { return s.goodput.value_or(0.0); }));
    chart.vus = !steps.isEmpty() && steps.first().vus > 0;
    const QString unit = chart.vus ? QStringLiteral("VUs") : QStringLiteral("req/s");
    for (const Step &step : steps) {
        chart.maxX = std::max(chart.maxX, step.level());
        if (!chart.kneeX && step.judged && !step.passed) {
            chart.kneeX = step.level();
            chart.kneeLabel
                = QStringLiteral("knee: step %1 (%2 %3)").arg(step.step).arg(step.level(), 0, 'g', 6).arg(unit);
        }
    }
    return chart;
}

} // namespace stampede::chart
