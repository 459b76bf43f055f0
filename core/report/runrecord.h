#pragma once
// A finished (or rebuilt) run as the exporters see it: what it was, what it measured, and where
// its folder is (requests.csv needs the folder's journal).

#include "metrics/stats.h"
#include "report/runmeta.h"

#include <QStringList>

#include <optional>

namespace stampede::report {

struct RunRecord {
    RunMeta meta;
    metrics::RunSummary summary;
    std::optional<QString> runDir; ///< the run folder, when there is one
    bool rebuilt = false; ///< summary rebuilt from the journal (the run never wrote summary.json)
    /// Read while the run was still going (loadRunInProgress()): summary.end says InProgress, and
    /// so does every export made from it.
    bool inProgress() const { return summary.end == model::RunEnd::InProgress; }
    QStringList notes; ///< what loading noticed: damaged lines skipped, files missing
    QStringList tags; ///< the user's tags (the folder's tags.json), e.g. "gateway A"
};

} // namespace stampede::report
