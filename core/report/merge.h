#pragma once
// Merging runs exactly: the run-long histograms of several summary JSON files (several load
// generators, or repeated runs) add bucket by bucket, so the merged percentiles are those of one
// run that saw every request (k6-operator #812). Counters add too.

#include "metrics/histogram.h"

#include <QMap>
#include <QStringList>

#include <optional>

namespace stampede::report {

struct MergedRuns {
    int runs = 0;
    QMap<QString, metrics::Histogram> histograms; ///< same keys as RunSummary::histograms
    std::int64_t requests = 0;
    std::int64_t failures = 0;
    std::int64_t cancelled = 0; ///< cut by the run's own stop (metrics::GroupStats::cancelled)
    std::int64_t completionTokens = 0;
    double costUsd = 0;
};

/// Reads summary JSON files (written with histograms) and merges them. nullopt and `error` when a
/// file cannot be read or has no histograms.
std::optional<MergedRuns> mergeSummaryFiles(const QStringList &paths, QString *error);
/// Merges histogram maps key by key.
void mergeHistograms(QMap<QString, metrics::Histogram> &into, const QMap<QString, metrics::Histogram> &from);

} // namespace stampede::report
