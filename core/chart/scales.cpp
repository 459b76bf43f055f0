#include "chart/scales.h"

#include <algorithm>
#include <cmath>

namespace stampede::chart {

using namespace Qt::StringLiterals;

double niceStep(double span, int ticks)
{
    const double raw = span / std::max(1, ticks);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : { 1.0, 2.0, 2.5, 5.0 }) {
        if (m * magnitude >= raw * (1 - 1e-12))
            return m * magnitude;
    }
    return 10 * magnitude;
}

int decimalsFor(double step)
{
    int decimals = 0;
    double scaled = std::abs(step);
    while (decimals < 6 && scaled > 0 && std::abs(scaled - std::round(scaled)) > 1e-9 * std::max(1.0, scaled)) {
        scaled *= 10;
        ++decimals;
    }
    return decimals;
}

QList<double> ValueAxis::ticks() const
{
    QList<double> out;
    out.reserve(intervals + 1);
    for (int i = 0; i <= intervals; ++i)
        out << step * i;
    return out;
}

ValueAxis fixedValueAxis(double top, int ticks)
{
    if (!(top > 0))
        top = 1;
    const double step = niceStep(top, ticks);
    const int intervals = int(std::ceil(top / step - 1e-9));
    return { step * intervals, step, intervals };
}

ValueAxis valueAxis(double max, int ticks)
{
    return fixedValueAxis(max > 0 ? max * kHeadroom : 1.0, ticks);
}

LogRange logRange(double lo, double hi)
{
    const double decadeLo = std::pow(10.0, std::floor(std::log10(lo)));
    double decadeHi = std::pow(10.0, std::ceil(std::log10(std::max(hi * 1.05, lo))));
    if (decadeHi <= decadeLo)
        decadeHi = decadeLo * 10;
    return { decadeLo, decadeHi };
}

TimeUnit timeUnit(double spanSeconds)
{
    if (spanSeconds <= 900)
        return { 1, u"elapsed (s)"_s };
    if (spanSeconds <= 36000)
        return { 60, u"elapsed (min)"_s };
    return { 3600, u"elapsed (h)"_s };
}

double timeTickStep(double spanSeconds, int maxTicks)
{
    // clang-format off
    static const double steps[] = { 1,    2,    5,    10,   15,    30,    60,    120,   300,   600,
                                    900,  1800, 3600, 7200, 10800, 14400, 21600, 43200, 86400, 172800 };
    // clang-format on
    for (double step : steps) {
        if (spanSeconds / step <= maxTicks)
            return step;
    }
    const double last = steps[std::size(steps) - 1];
    return last * std::ceil(spanSeconds / last / maxTicks);
}

QList<double> timeTicks(double maxSeconds, int maxTicks)
{
    const double step = timeTickStep(maxSeconds, maxTicks);
    QList<double> ticks;
    for (double t = 0; t <= maxSeconds + 1e-9; t += step)
        ticks << t;
    return ticks;
}

QString timeLabel(double seconds)
{
    const qint64 total = std::max<qint64>(0, qint64(std::floor(seconds + 1e-9)));
    const qint64 h = total / 3600, m = (total / 60) % 60, s = total % 60;
    const QString ss = QString::number(s).rightJustified(2, u'0');
    if (h > 0)
        return QString::number(h) + u':' + QString::number(m).rightJustified(2, u'0') + u':' + ss;
    return QString::number(m) + u':' + ss;
}

} // namespace stampede::chart
