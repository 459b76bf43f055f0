#pragma once
// The arithmetic of chart axes, shared by the dashboard and the HTML report: nice value ticks, the
// time axis (its unit, tick step and labels), log decades. Pure functions of numbers.

#include <QList>
#include <QString>

namespace stampede::chart {

/// Room above the highest value on a value axis, as a factor (8 %).
inline constexpr double kHeadroom = 1.08;

/// 1, 2, 2.5, 5 x 10^k: the smallest such step with at most `ticks` intervals over `span` (> 0).
double niceStep(double span, int ticks);
/// The fewest decimals that tell ticks of `step` apart (2.5 -> 1, 0.25 -> 2, 200 -> 0; at most 6).
int decimalsFor(double step);

/// A linear value axis from 0: `top` is a whole number of `step`s.
struct ValueAxis {
    double top = 1;
    double step = 1;
    int intervals = 1;
    QList<double> ticks() const;
};
/// The axis for values up to `max`, with kHeadroom above it (a `max` of 0 or less: 0 to 1).
ValueAxis valueAxis(double max, int ticks = 5);
/// The axis from 0 to exactly `top` when it falls on a nice step (e.g. 100 %), else the next one.
ValueAxis fixedValueAxis(double top, int ticks = 5);

/// Whole decades around [lo, hi] (lo > 0) for a log axis.
struct LogRange {
    double lo = 1, hi = 10;
};
LogRange logRange(double lo, double hi);

/// The unit a time axis counts in, by the span it shows: seconds up to 15 min, minutes up to
/// 10 h, hours beyond. `divisor` turns seconds into that unit.
struct TimeUnit {
    double divisor = 1;
    QString title; ///< "elapsed (s)", "elapsed (min)", "elapsed (h)"
};
TimeUnit timeUnit(double spanSeconds);
/// Tick step in seconds for a time axis spanning `spanSeconds`: a step people read (1 s, 5 s,
/// 30 s, 1 min, 5 min, 1 h, ...) with at most `maxTicks` intervals.
double timeTickStep(double spanSeconds, int maxTicks);
/// Ticks from 0 to `maxSeconds` on timeTickStep(maxSeconds, maxTicks).
QList<double> timeTicks(double maxSeconds, int maxTicks);
/// Run time as "m:ss", or "h:mm:ss" from one hour (negative: 0:00).
QString timeLabel(double seconds);

} // namespace stampede::chart
