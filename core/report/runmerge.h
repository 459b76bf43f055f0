#pragma once
// One run folder from the run folders of a fleet (stampede run --segment I/N on N agents, or runs
// of one scenario made side by side): the journals interleave on one clock, so the merged folder is
// a run that saw every request, and every percentile, series, threshold and export of it is
// computed from those requests exactly, as for a run on one machine (docs/scale-out.md).
//
//   agent 0: started 12:00:00.000   requests.jsonl on its clock            shift +0
//   agent 1: started 12:00:00.120   requests.jsonl on its clock            shift +120 ms
//   merged:  started 12:00:00.000   requests.jsonl: both, in end order     seconds.jsonl: VUs, in flight,
//                                   on agent 0's clock                     dropped summed per second

#include "report/runrecord.h"

#include <QStringList>

#include <optional>

namespace stampede::report {

struct MergedFolder {
    RunRecord record; ///< the merged run, as loadRunFolder() reads it back, summary.json written
    QStringList notes; ///< what the merge noticed: a missing segment, a run that did not complete
};

/// Merges the run folders `dirs` (at least two, one scenario: the same models and plan) into the
/// new folder `outDir` (run.json, scenario.json, requests.jsonl, seconds.jsonl, summary.json).
/// Memory stays bounded by the number of runs, not their length. nullopt and a specific `error`
/// when a folder cannot be read, the runs do not belong together, or `outDir` holds a run.
std::optional<MergedFolder> mergeRunFolders(const QStringList &dirs, const QString &outDir, QString *error);

} // namespace stampede::report
