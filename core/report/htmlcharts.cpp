#include "report/htmlcharts.h"

#include "report/htmlutil.h"

#include "chart/scales.h"

#include <cmath>

namespace stampede::report::html {

namespace {

constexpr double kLeft = 64, kRight = 20, kTop = 28, kBottom = 30;

/// Maps data to SVG pixels for one chart's plot box.
struct Frame {
    double x0, x1, y0, y1; ///< data ranges
    double height;
    double width;
    double px0() const { return kLeft; }
    double px1() const { return width - kRight; }
    double py0() const { return height - kBottom; } ///< bottom (y0)
    double py1() const { return kTop; } ///< top (y1)
    double px(double x) const { return px0() + (x - x0) / (x1 - x0) * (px1() - px0()); }
    double py(double y) const { return py0() - (y - y0) / (y1 - y0) * (py0() - py1()); }
};

struct Axes {
    Frame frame;
    QList<double> yTicks, xTicks;
};

/// Ranges rounded out to nice ticks: y from 0 to `y` (the chart model's value axis), x from 0 to `xMax`
/// (turns: from 1, whole numbers).
Axes makeAxes(double xMax, const chart::ValueAxis &y, int width, int height, XAxis axis)
{
    Axes a { { 0, xMax, 0, y.top, double(height), double(width) }, y.ticks(), {} };
    const int xCount = std::max(3, width / 96);
    if (axis == XAxis::Seconds) {
        a.xTicks = chart::timeTicks(xMax, xCount);
    } else if (axis == XAxis::Turns) { // turns count from 1, in whole steps
        a.frame.x0 = 1;
        a.frame.x1 = std::max(2.0, std::ceil(xMax));
        const double step = std::max(1.0, std::ceil(chart::niceStep(a.frame.x1 - 1, xCount)));
        for (double t = 1; t <= a.frame.x1 + 1e-9; t += step)
            a.xTicks << t;
    } else {
        const chart::ValueAxis x = chart::fixedValueAxis(xMax, xCount);
        a.xTicks = x.ticks();
        a.frame.x1 = x.top;
    }
    return a;
}

QString f1(double v)
{
    return QString::number(v, 'f', 1);
}

QString xLabel(double x, XAxis axis, double step)
{
    return axis == XAxis::Seconds ? chart::timeLabel(x) : axisNumber(x, step);
}

QString xUnit(XAxis axis)
{
    switch (axis) {
    case XAxis::Seconds:
        return QStringLiteral("s");
    case XAxis::Milliseconds:
        break;
    case XAxis::RequestsPerSecond:
        return QStringLiteral("req/s");
    case XAxis::Vus:
        return QStringLiteral("VUs");
    case XAxis::Turns:
        return QStringLiteral("turn");
    }
    return QStringLiteral("ms");
}

QString svgOpen(const Frame &fr, const QString &title, XAxis axis, const QString &yUnit)
{
    return QStringLiteral("<svg class=\"chart-svg\" viewBox=\"0 0 %1 %2\" role=\"img\" aria-label=\"%3\" "
                          "data-x0=\"%4\" data-x1=\"%5\" data-y0=\"%6\" data-y1=\"%7\" data-px0=\"%8\" "
                          "data-px1=\"%9\" data-py0=\"%10\" data-py1=\"%11\" data-xunit=\"%12\" data-yunit=\"%13\">")
        .arg(num(fr.width), num(fr.height), escape(title), QString::number(fr.x0), QString::number(fr.x1),
            QString::number(fr.y0), QString::number(fr.y1), f1(fr.px0()), f1(fr.px1()))
        .arg(f1(fr.py0()), f1(fr.py1()), xUnit(axis), escape(yUnit));
}

/// Grid lines, tick labels and the unit; returns the ticks used so callers can align to them.
QString grid(
    const Frame &fr, const QList<double> &yTicks, const QList<double> &xTicks, XAxis axis, const QString &yUnit)
{
    QString out = QStringLiteral("<g class=\"grid\">");
    const double yStep = yTicks.size() > 1 ? yTicks[1] - yTicks[0] : 1;
    for (double y : yTicks)
        out += QStringLiteral(
            "<line x1=\"%1\" x2=\"%2\" y1=\"%3\" y2=\"%3\"/><text class=\"yl\" x=\"%4\" y=\"%5\">%6</text>")
                   .arg(f1(fr.px0()), f1(fr.px1()), f1(fr.py(y)), f1(fr.px0() - 6), f1(fr.py(y) + 4),
                       axisNumber(y, yStep));
    const double xStep = xTicks.size() > 1 ? xTicks[1] - xTicks[0] : 1;
    for (double x : xTicks)
        out += QStringLiteral("<line class=\"xt\" x1=\"%1\" x2=\"%1\" y1=\"%2\" y2=\"%3\"/><text class=\"xl\" x=\"%1\" "
                              "y=\"%4\">%5</text>")
                   .arg(f1(fr.px(x)), f1(fr.py0()), f1(fr.py0() + 4), f1(fr.py0() + 18), xLabel(x, axis, xStep));
    out += QStringLiteral("<line class=\"axis\" x1=\"%1\" x2=\"%2\" y1=\"%3\" y2=\"%3\"/>")
               .arg(f1(fr.px0()), f1(fr.px1()), f1(fr.py0()));
    out += QStringLiteral("<text class=\"unit\" x=\"%1\" y=\"%2\">%3</text></g>")
               .arg(f1(4), f1(fr.py1() - 14), escape(yUnit));
    return out;
}

QString pathData(const Frame &fr, const QList<QPointF> &points)
{
    QString d;
    bool pen = false;
    for (const QPointF &p : points) {
        if (std::isnan(p.y())) {
            pen = false;
            continue;
        }
        d += (pen ? QLatin1Char('L') : QLatin1Char('M')) + f1(fr.px(p.x())) + QLatin1Char(' ') + f1(fr.py(p.y()));
        pen = true;
    }
    return d;
}

QString legend(const QStringList &names, const QStringList &colors)
{
    QString out = QStringLiteral("<div class=\"legend\">");
    for (qsizetype i = 0; i < names.size(); ++i)
        out += QStringLiteral("<span><i style=\"background:%1\"></i>%2</span>").arg(colors.value(i), escape(names[i]));
    return out + QStringLiteral("</div>");
}

QString figure(const QString &title, const QString &legendHtml, const QString &svg, const QString &note)
{
    return QStringLiteral("<figure class=\"chart\"><figcaption>%1</figcaption>%2<div class=\"plot\">%3"
                          "<div class=\"tip\"></div></div>%4</figure>\n")
        .arg(escape(title), legendHtml, svg,
            note.isEmpty() ? QString() : QStringLiteral("<p class=\"note\">") + escape(note) + QStringLiteral("</p>"));
}

double xExtent(const std::optional<double> &fixed, double dataMax)
{
    return fixed && *fixed > 0 ? *fixed : std::max(dataMax, 1.0);
}

} // namespace

QString lineChartFigure(const LineChart &chart)
{
    double dataX = 0, dataY = 0;
    bool any = false;
    for (const Series &s : chart.series)
        for (const QPointF &p : s.points) {
            dataX = std::max(dataX, p.x());
            if (!std::isnan(p.y())) {
                dataY = std::max(dataY, p.y());
                any = true;
            }
        }
    const Axes axes = makeAxes(xExtent(chart.xMax, dataX),
        chart.yMax ? chart::fixedValueAxis(*chart.yMax) : chart::valueAxis(dataY), chart.width, chart.height,
        chart.xAxis);
    const Frame &fr = axes.frame;
    QString svg = svgOpen(fr, chart.title, chart.xAxis, chart.yUnit)
        + grid(fr, axes.yTicks, axes.xTicks, chart.xAxis, chart.yUnit);
    QStringList names, colors;
    for (const Series &s : chart.series) {
        names << s.name;
        colors << s.color;
        const QString d = pathData(fr, s.points);
        if (d.isEmpty())
            continue;
        svg += QStringLiteral("<path class=\"series%1\" data-name=\"%2\" stroke=\"%3\" d=\"%4\"/>")
                   .arg(s.dashed ? QStringLiteral(" dashed") : QString(), escape(s.name), s.color, d);
    }
    svg += QStringLiteral("<line class=\"cursor\" x1=\"0\" x2=\"0\" y1=\"%1\" y2=\"%2\"/></svg>")
               .arg(f1(fr.py1()), f1(fr.py0()));
    if (!any)
        return figure(
            chart.title, QString(), QStringLiteral("<p class=\"empty\">No data in this run.</p>"), chart.note);
    return figure(chart.title, legend(names, colors), svg, chart.note);
}

QString barChartFigure(const BarChart &chart)
{
    double top = 0, dataX = 0;
    for (const Bar &bar : chart.bars) {
        double total = 0;
        for (double v : bar.values)
            total += v;
        top = std::max(top, total);
        dataX = std::max(dataX, bar.x1);
    }
    if (top <= 0)
        return figure(chart.title, QString(),
            QStringLiteral("<p class=\"empty\">") + escape(chart.emptyText) + QStringLiteral("</p>"), chart.note);
    const Axes axes
        = makeAxes(xExtent(chart.xMax, dataX), chart::valueAxis(top), chart.width, chart.height, chart.xAxis);
    const Frame &fr = axes.frame;
    QString svg = svgOpen(fr, chart.title, chart.xAxis, chart.yUnit)
        + grid(fr, axes.yTicks, axes.xTicks, chart.xAxis, chart.yUnit);
    for (const Bar &bar : chart.bars) {
        const double left = fr.px(bar.x0);
        const double width = std::max(0.6, fr.px(bar.x1) - left - (fr.px(bar.x1) - left > 4 ? 1.0 : 0.0));
        double base = 0;
        for (qsizetype c = 0; c < bar.values.size() && c < chart.categories.size(); ++c) {
            const double v = bar.values[c];
            if (v <= 0)
                continue;
            svg += QStringLiteral("<rect class=\"bar\" x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"%5\">"
                                  "<title>%6 %7: %8 %9</title></rect>")
                       .arg(f1(left), f1(fr.py(base + v)), f1(width), f1(fr.py(base) - fr.py(base + v)),
                           chart.colors.value(c), xLabel(bar.x0, chart.xAxis, 1), escape(chart.categories[c]),
                           readout(v), escape(chart.yUnit));
            base += v;
        }
    }
    svg += QStringLiteral("</svg>");
    return figure(
        chart.title, chart.categories.size() > 1 ? legend(chart.categories, chart.colors) : QString(), svg, chart.note);
}

} // namespace stampede::report::html
