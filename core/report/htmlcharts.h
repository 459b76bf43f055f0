#pragma once
// Inline SVG charts for the HTML report: drawn here in C++, so the report needs no script library
// and nothing from the network. Every chart carries its axis mapping in data-* attributes, which
// the report's small inline script reads to show values under the mouse.

#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <optional>

namespace stampede::report::html {

enum class XAxis { Seconds, Milliseconds };

struct Series {
    QString name;
    QString color;
    QList<QPointF> points; ///< ascending x; a NaN y breaks the line
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

/// Keeps the first and last point and, per bucket, its minimum and maximum (in x order), so peaks
/// survive: at most `maxPoints` points. Gaps (NaN y) are kept as one NaN per bucket of gaps.
QList<QPointF> downsampleMinMax(const QList<QPointF> &points, int maxPoints);

/// About `count` tick positions covering [min, max] in "nice" steps (1, 2, 5 x 10^n).
QList<double> niceTicks(double min, double max, int count);
/// Ticks for a time axis in seconds, in steps people read: 1 s, 5 s, 30 s, 1 min, 5 min, 1 h, ...
QList<double> timeTicks(double maxSeconds, int count);

} // namespace stampede::report::html
