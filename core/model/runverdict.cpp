#include "model/runverdict.h"

namespace stampede::model {

QString toString(RunEnd end)
{
    switch (end) {
    case RunEnd::Completed:
        return QStringLiteral("completed");
    case RunEnd::Stopped:
        return QStringLiteral("stopped");
    case RunEnd::ThresholdAborted:
        return QStringLiteral("threshold_aborted");
    case RunEnd::Interrupted:
        return QStringLiteral("interrupted");
    case RunEnd::Failed:
        return QStringLiteral("failed");
    case RunEnd::InProgress:
        return QStringLiteral("in_progress");
    }
    return QStringLiteral("failed");
}

RunEnd runEndFromString(const QString &text)
{
    for (auto end :
        { RunEnd::Completed, RunEnd::Stopped, RunEnd::ThresholdAborted, RunEnd::Interrupted, RunEnd::InProgress }) {
        if (toString(end) == text)
            return end;
    }
    return RunEnd::Failed;
}

RunVerdict verdict(RunEnd end, bool thresholdsPassed)
{
    using Kind = RunVerdict::Kind;
    RunVerdict v;
    v.thresholdsFailed = !thresholdsPassed;
    switch (end) {
    case RunEnd::Completed:
        v.kind = thresholdsPassed ? Kind::Passed : Kind::ThresholdsFailed;
        break;
    case RunEnd::Stopped:
        v.kind = Kind::Stopped;
        break;
    case RunEnd::ThresholdAborted:
        v.kind = Kind::ThresholdAborted;
        break;
    case RunEnd::Interrupted:
        v.kind = Kind::Interrupted;
        break;
    case RunEnd::Failed:
        v.kind = Kind::Failed;
        break;
    case RunEnd::InProgress:
        v.kind = Kind::InProgress;
        break;
    }
    return v;
}

bool RunVerdict::failed() const
{
    return thresholdsFailed || kind == Kind::ThresholdAborted || kind == Kind::Failed;
}

QString RunVerdict::words() const
{
    switch (kind) {
    case Kind::Passed:
        return QStringLiteral("passed");
    case Kind::ThresholdsFailed:
        return QStringLiteral("thresholds failed");
    case Kind::ThresholdAborted:
        return QStringLiteral("aborted by threshold");
    case Kind::Stopped:
        return QStringLiteral("stopped");
    case Kind::Interrupted:
        return QStringLiteral("aborted");
    case Kind::Failed:
        return QStringLiteral("failed");
    case Kind::InProgress:
        return QStringLiteral("in progress");
    }
    return QStringLiteral("failed");
}

} // namespace stampede::model
