#pragma once
// Runs the `stampede` binary as a child the test can measure: exit status, wall time, and peak RSS
// (wait4's ru_maxrss: QProcess does not give it), with a hard limit after which the child is killed.

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <sys/types.h>

namespace stampede::test {

struct ChildResult {
    bool started = false;
    bool exited = false; ///< false: killed by a signal (a crash, or our kill after the hard limit)
    int exitCode = -1;
    int signal = 0;
    bool hung = false; ///< still running at the hard limit, so killed
    double wallS = 0;
    long peakRssKb = 0; ///< the child's peak resident set, KiB
    QByteArray out, err;
    /// When hung: every thread of the child just before the kill (name, state, kernel wait channel,
    /// and a gdb backtrace when gdb is installed), so a hang seen once in CI can be explained.
    QByteArray hangDump;
};

/// Starts `program args` with STAMPEDE_API_KEY=`apiKey` added to this process's environment, stdout
/// and stderr into `outPath`/`errPath`, and waits. `whileRunning(pid, elapsedS)` is called every
/// 20 ms (for signals). After `hardLimitS` the child gets SIGKILL and the result says `hung`.
ChildResult runChild(const QString &program, const QStringList &args, const QByteArray &apiKey, const QString &outPath,
    const QString &errPath, double hardLimitS, const std::function<void(pid_t, double)> &whileRunning = {});

} // namespace stampede::test
