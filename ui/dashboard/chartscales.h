#pragma once
// The arithmetic behind the dashboard's axes and the points they show: nice tick steps, label
// formats, time ticks per unit, and averaging rates into display buckets. Pure functions.

#include <QList>
#include <QPointF>
#include <QString>

namespace stampede::ui::scales {

/// 1, 2, 2.5, 5 x 10^k: the smallest such step with at most `ticks` intervals up to `max` (> 0).
double niceStep(double max, int ticks);
/// A printf format with enough decimals to tell ticks of `step` apart (2.5 -> "%.1f").
QString labelFormatFor(double step);
/// Tick interval for a time axis spanning `span` units of `divisor` seconds (1, 60 or 3600).
double timeTickInterval(double span, double divisor);
/// How a display bucket shows its points: their mean (rates, stacks) or their lowest and highest
/// point in time order (latencies: spikes survive, PlotJuggler-style).
enum class DisplayReduce { Mean, MinMax };
/// `points` (x in seconds) reduced per time bucket of `bucket` seconds when bucket >= 2, with x
/// divided by `divisor`: at most ~1 point per pixel, whatever the run length. Returns the list
/// itself (shared) when there is nothing to do.
QList<QPointF> forDisplay(const QList<QPointF> &points, double bucket, double divisor,
                          DisplayReduce reduce = DisplayReduce::Mean);

} // namespace stampede::ui::scales
