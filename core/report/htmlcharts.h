#pragma once
// Inline SVG charts for the HTML report: drawn here in C++, so the report needs no script library
// and nothing from the network. Every chart carries its axis mapping in data-* attributes, which
// the report's small inline script reads to show values under the mouse. The data, its reduction,
// colours and ticks come from the chart model (core/chart), as the dashboard's do: only the
// drawing is here.

#include "report/runrecord.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <optional>

namespace stampede::report::html {

/// RequestsPerSecond: a sweep's offered rate (the capacity chart), not time; Vus: a VU sweep's VUs;
/// Turns: a conversation's turn number.
enum class XAxis { Seconds, Milliseconds, RequestsPerSecond, Vus, Turns };

struct Series {
    QString name;
    QString color;
    QList<QPointF> points; ///< ascending x, drawn as given (already reduced); a NaN y breaks the line
    bool dashed = false;
};

struct LineChart {
    QString title;
    QString yUnit; ///< "ms", "req/s", "%", ... shown on the axis and in the hover readout
    XAxis xAxis = XAxis::Seconds;
    QList<Series> series;
    std::optional<double> yMax; ///< fixed top (e.g. 100 %); otherwise from the data
    std::optional<double> xMax; ///< fixed right end (e.g. the run length)
    QString note; ///< a line under the chart (what is plotted, downsampling)
    int width = 960; ///< SVG user units; the figure scales to the page width
    int height = 260;
};

struct Bar {
    double x0 = 0, x1 = 0; ///< extent on the x axis
    QList<double> values; ///< one per category, stacked bottom-up
};

struct BarChart {
    QString title;
    QString yUnit;
    XAxis xAxis = XAxis::Seconds;
    QStringList categories;
    QStringList colors; ///< one per category
    QList<Bar> bars;
    std::optional<double> xMax;
    QString note;
    QString emptyText; ///< shown instead of the chart when every bar is zero
    int width = 960;
    int height = 260;
};

/// A <figure class="chart"> with title, legend, the SVG and the note.
QString lineChartFigure(const LineChart &chart);
QString barChartFigure(const BarChart &chart);

/// The run's line charts over time, as data (latency, requests/s, tokens/s, TTFT, concurrency),
/// each series reduced to the chart model's display budget: what chartsSection() draws.
QList<LineChart> overTimeCharts(const RunRecord &record);
/// Failures per second stacked by error class, from the same model.
BarChart errorsOverTime(const RunRecord &record);

} // namespace stampede::report::html
