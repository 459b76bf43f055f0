#include "chart/reduce.h"

#include <cmath>
#include <limits>

namespace stampede::chart {

double bucketFor(double spanSeconds, int buckets)
{
    return std::max(1.0, std::ceil(spanSeconds / std::max(1, buckets) - 1e-9));
}

void reduceInto(const QPointF *from, const QPointF *to, Reduce reduce, QList<QPointF> &out)
{
    if (reduce == Reduce::Mean) {
        double x = 0, y = 0;
        int n = 0;
        for (const QPointF *p = from; p != to; ++p) {
            if (!std::isnan(p->y())) {
                x += p->x();
                y += p->y();
                ++n;
            }
        }
        out.append(n ? QPointF(x / n, y / n) : QPointF(from->x(), std::numeric_limits<double>::quiet_NaN()));
        return;
    }
    const QPointF *lo = nullptr, *hi = nullptr;
    for (const QPointF *p = from; p != to; ++p) {
        if (std::isnan(p->y()))
            continue;
        if (!lo || p->y() < lo->y())
            lo = p;
        if (!hi || p->y() >= hi->y())
            hi = p;
    }
    if (!lo) {
        out.append(*from);
        return;
    }
    out.append(*std::min(lo, hi));
    if (lo != hi)
        out.append(*std::max(lo, hi));
}

QList<QPointF> reduced(const QList<QPointF> &points, double bucket, Reduce reduce)
{
    if (bucket <= 1)
        return points;
    QList<QPointF> out;
    out.reserve(points.size() / qsizetype(bucket) * 2 + 2);
    const QPointF *begin = points.constData(), *end = begin + points.size();
    for (const QPointF *from = begin; from != end;) {
        const double k = bucketIndex(from->x(), bucket);
        const QPointF *to = from + 1;
        while (to != end && bucketIndex(to->x(), bucket) == k)
            ++to;
        reduceInto(from, to, reduce, out);
        from = to;
    }
    return out;
}

} // namespace stampede::chart
