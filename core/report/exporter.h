#pragma once
// One call for every export of a run: the GUI's File > Export, `stampede run --html/--csv/--json`
// and `stampede report`. A pure function of its inputs (no globals, no GUI): call it off the GUI
// thread for long runs.

#include "report/runrecord.h"

#include <QString>

namespace stampede::report {

struct ExportRequest {
    QString htmlPath; ///< self-contained HTML report; empty: none
    QString csvDir; ///< summary.csv, history.csv, failures.csv (+ requests.csv from the run folder); empty: none
    QString jsonPath; ///< summary JSON with per-second history and histograms; empty: none
    /// The run-long latency histograms as an HdrHistogram interval log (report/hdrlog.h); empty: none
    QString hdrLogPath;
};

/// Writes what `request` asks for. Returns an empty string on success, else every error, one a line.
QString exportRun(const RunRecord &record, const ExportRequest &request);

/// The summary JSON of a record (history and histograms included).
QByteArray recordJsonBytes(const RunRecord &record);

} // namespace stampede::report
