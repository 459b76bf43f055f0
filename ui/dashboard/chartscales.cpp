#include "ui/dashboard/chartscales.h"

#include <cmath>

namespace stampede::ui::scales {

using namespace Qt::StringLiterals;

double niceStep(double max, int ticks)
{
    const double raw = max / ticks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : { 1.0, 2.0, 2.5, 5.0, 10.0 }) {
        if (m * magnitude >= raw)
            return m * magnitude;
    }
    return 10 * magnitude;
}

QString labelFormatFor(double step)
{
    int decimals = 0;
    double scaled = step;
    while (decimals < 6 && std::abs(scaled - std::round(scaled)) > 1e-9 * std::max(1.0, scaled)) {
        scaled *= 10;
        ++decimals;
    }
    return u"%."_s + QString::number(decimals) + u"f"_s;
}

double timeTickInterval(double span, double divisor)
{
    static const QList<double> seconds = { 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800 };
    static const QList<double> minutes = { 0.5, 1, 2, 5, 10, 15, 30, 60, 120 };
    static const QList<double> hours = { 0.25, 0.5, 1, 2, 3, 6, 12, 24, 48 };
    const QList<double> &steps = divisor == 1 ? seconds : divisor == 60 ? minutes : hours;
    for (double step : steps) {
        if (span / step <= 8)
            return step;
    }
    return steps.constLast() * std::ceil(span / steps.constLast() / 8);
}

namespace {

// Appends the reduction of points [from, to) to `out`, x divided by `divisor`.
void reduceBucket(const QList<QPointF> &points, qsizetype from, qsizetype to, double divisor, DisplayReduce reduce,
                  QList<QPointF> &out)
{
    if (reduce == DisplayReduce::Mean) {
        QPointF sum;
        for (qsizetype i = from; i < to; ++i)
            sum += points[i];
        const double n = double(to - from);
        out.append(QPointF(sum.x() / n / divisor, sum.y() / n));
        return;
    }
    qsizetype lo = from, hi = from;
    for (qsizetype i = from; i < to; ++i) {
        lo = points[i].y() < points[lo].y() ? i : lo;
        hi = points[i].y() >= points[hi].y() ? i : hi;
    }
    for (qsizetype i : { std::min(lo, hi), std::max(lo, hi) }) {
        out.append(QPointF(points[i].x() / divisor, points[i].y()));
        if (lo == hi)
            break;
    }
}

} // namespace

QList<QPointF> forDisplay(const QList<QPointF> &points, double bucket, double divisor, DisplayReduce reduce)
{
    if (bucket < 2 && divisor == 1)
        return points;
    QList<QPointF> out;
    out.reserve(points.size());
    if (bucket < 2) {
        for (const QPointF &p : points)
            out.append(QPointF(p.x() / divisor, p.y()));
        return out;
    }
    qsizetype from = 0;
    while (from < points.size()) {
        const double key = std::floor(points[from].x() / bucket);
        qsizetype to = from + 1;
        while (to < points.size() && std::floor(points[to].x() / bucket) == key)
            ++to;
        reduceBucket(points, from, to, divisor, reduce, out);
        from = to;
    }
    return out;
}

} // namespace stampede::ui::scales
