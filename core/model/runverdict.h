#pragma once
// How a run ended and what that means: the one judgement behind the CLI's exit code, the desktop
// app's run list and status text, and the HTML report's badge. Each of them words it its own way;
// none decides it again.

#include <QString>

namespace stampede::model {

/// Why the load stopped (summary.json "end"). InProgress: it has not: an export made while the run
/// was still going (report::loadRunInProgress()), marked so in every export.
enum class RunEnd { Completed, Stopped, ThresholdAborted, Interrupted, Failed, InProgress };

/// "completed", "stopped", "threshold_aborted", "interrupted", "failed", "in_progress".
QString toString(RunEnd end);
/// The inverse of toString(); anything else is Failed.
RunEnd runEndFromString(const QString &text);

struct RunVerdict {
    enum class Kind {
        Passed, ///< the plan ran to its end and no threshold failed
        ThresholdsFailed, ///< the plan ran to its end and a threshold failed
        ThresholdAborted, ///< a threshold with abortOnFail ended it
        Stopped, ///< stopped by the user before the plan's end
        Interrupted, ///< interrupted (Ctrl-C, a signal, Abort) before the plan's end
        Failed, ///< the run itself failed
        InProgress, ///< still going: every figure is "so far"
    };
    Kind kind = Kind::Passed;
    bool thresholdsFailed = false; ///< an evaluated threshold failed, whatever ended the run

    /// A threshold failed or ended the run, or the run failed: the report's FAILED badge and a
    /// non-zero exit.
    bool failed() const;
    /// Lower case, for lists: "passed", "thresholds failed", "aborted by threshold", "stopped",
    /// "aborted", "failed", "in progress".
    QString words() const;
};

/// `thresholdsPassed`: no evaluated threshold failed (metrics::RunSummary::thresholdsPassed()).
RunVerdict verdict(RunEnd end, bool thresholdsPassed);

} // namespace stampede::model
