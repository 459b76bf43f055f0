#pragma once
// Reducing a series to a point budget, the same way for the dashboard and the report: points are
// grouped in buckets of `bucket` seconds of x (bucket k holds x in (k·b, (k+1)·b], i.e. the seconds
// [k·b, (k+1)·b) under the end-of-second rule, chartmodel.h) and each bucket becomes
//   MinMax: its lowest and its highest point, in time order (latencies: spikes survive), or
//   Mean:   one point at the mean x and mean y (rates: reduced and raw seconds look alike, and
//           series fed the same x stay aligned point for point, which stacks need).
// A NaN y is a second without data: ignored in a bucket that has values; a bucket with none keeps
// one NaN point, so a gap stays a gap.

#include <QList>
#include <QPointF>

#include <cmath>

namespace stampede::chart {

enum class Reduce { MinMax, Mean };

/// Buckets a whole chart is drawn in: ~600 points for a min-max line (the report's budget, and
/// the dashboard's at 600 px of plot width: a bucket per two pixels).
inline constexpr int kDisplayBuckets = 300;

/// Whole seconds per bucket so that `spanSeconds` fits in `buckets` buckets; 1 (no reduction) when
/// it already does.
double bucketFor(double spanSeconds, int buckets = kDisplayBuckets);

/// The bucket that x falls in: k for x in (k·bucket, (k+1)·bucket], so second s (drawn at s + 1)
/// is in bucket floor(s / bucket). Bucket k spans [k·bucket, (k+1)·bucket) of the run.
inline double bucketIndex(double x, double bucket)
{
    return std::ceil(x / bucket - 1e-9) - 1;
}

/// `points` (x ascending, in seconds) reduced into buckets of `bucket` seconds; the list itself
/// (shared, no copy) when bucket <= 1.
QList<QPointF> reduced(const QList<QPointF> &points, double bucket, Reduce reduce);

/// Appends the reduction of [from, to) as one bucket to `out` (see the header comment).
void reduceInto(const QPointF *from, const QPointF *to, Reduce reduce, QList<QPointF> &out);

} // namespace stampede::chart
