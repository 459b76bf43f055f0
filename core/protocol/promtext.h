#pragma once
// The Prometheus text exposition format (version 0.0.4, what vLLM, LiteLLM and most gateways serve at
// /metrics), parsed into samples and TYPEs; the series selectors are model/promselector.h. Pure
// functions, no network: docs/metrics.md, "Server-side metrics".

#include "model/promselector.h"

#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace stampede::protocol {

/// A metric family's `# TYPE`; a sample with none is Untyped (read as a gauge).
enum class PromType { Untyped, Counter, Gauge, Histogram, Summary };

using model::PromLabels;
using model::PromSelector;

struct PromSample {
    QString name; ///< the sample's own name, e.g. "x_bucket" of histogram "x"
    PromLabels labels; ///< in file order, values unescaped
    double value = 0; ///< +Inf, -Inf and NaN as read
    std::optional<qint64> timestampMs;

    /// The value of label `name`; nullopt when the sample has none.
    std::optional<QString> label(const QString &name) const;
};

struct PromScrape {
    QList<PromSample> samples;
    QHash<QString, PromType> types; ///< family name -> its `# TYPE`
    /// Lines that could not be read ("line 7: ..."): reported, never fatal. The first kMaxProblems kept.
    QStringList problems;
    qsizetype problemCount = 0; ///< all of them, kept or not
    static constexpr qsizetype kMaxProblems = 20;
    /// The most samples read from one exposition (memory stays bounded whatever a server sends);
    /// past it reading stops with a problem saying so.
    static constexpr qsizetype kMaxSamples = 200000;

    /// The TYPE declared for `family`, Untyped when none.
    PromType typeOf(const QString &family) const { return types.value(family, PromType::Untyped); }
};

/// Reads a whole exposition. Blank lines and comments other than TYPE (HELP included) are skipped;
/// a line that is not a sample is a problem and the rest is still read, up to `maxSamples` samples.
PromScrape parsePromText(QByteArrayView text, qsizetype maxSamples = PromScrape::kMaxSamples);

/// One bucket of a cumulative histogram: observations <= upperBound.
struct PromBucket {
    double upperBound = 0;
    double count = 0;
};

/// Prometheus' histogram_quantile(): the q-quantile (0..1) of cumulative `buckets`, which must end with
/// +Inf, by linear interpolation inside the bucket holding the rank; the first bucket starts at 0 (when
/// its bound is > 0); a rank in the +Inf bucket gives the highest finite bound. NaN with no observations
/// or no +Inf bucket. Buckets are sorted here; counts that fall are raised to stay monotonic.
double histogramQuantile(double q, QList<PromBucket> buckets);

} // namespace stampede::protocol
