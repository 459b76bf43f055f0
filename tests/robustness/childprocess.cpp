#include "childprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <vector>

extern char **environ;

namespace stampede::test {

namespace {

/// The child's own high-water mark so far (VmHWM), 0 once it is gone.
long vmHwmKb(pid_t pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    return 0;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray firstLine(const QString &path)
{
    return readAll(path).split('\n').value(0).trimmed();
}

/// Name, state and wait channel of each thread of `pid`, then gdb's backtraces (at most 30 s).
QByteArray threadDump(pid_t pid)
{
    QByteArray out;
    const QString tasks = QStringLiteral("/proc/%1/task").arg(pid);
    const QStringList tids = QDir(tasks).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &tid : tids) {
        const QString dir = tasks + QLatin1Char('/') + tid;
        const QByteArray stat = firstLine(dir + QStringLiteral("/stat"));
        const qsizetype close = stat.lastIndexOf(')');
        out += tid.toLatin1() + ' ' + firstLine(dir + QStringLiteral("/comm")) + " state "
            + (close > 0 ? stat.mid(close + 2, 1) : QByteArray("?")) + " wchan "
            + firstLine(dir + QStringLiteral("/wchan")) + '\n';
    }
    if (QFile::exists(QStringLiteral("/usr/bin/gdb"))) {
        QProcess gdb;
        gdb.setProcessChannelMode(QProcess::MergedChannels);
        gdb.start(QStringLiteral("/usr/bin/gdb"),
            { QStringLiteral("-p"), QString::number(pid), QStringLiteral("-batch"), QStringLiteral("-nx"),
                QStringLiteral("-ex"), QStringLiteral("thread apply all bt 20") });
        if (!gdb.waitForFinished(30000)) {
            gdb.kill();
            gdb.waitForFinished(1000);
        }
        for (const QByteArray &line : gdb.readAll().split('\n')) {
            if (line.startsWith('#') || line.startsWith("Thread "))
                out += line + '\n';
        }
    }
    return out;
}

} // namespace

ChildResult runChild(const QString &program, const QStringList &args, const QByteArray &apiKey, const QString &outPath,
    const QString &errPath, double hardLimitS, const std::function<void(pid_t, double)> &whileRunning)
{
    std::vector<QByteArray> argStore { program.toLocal8Bit() };
    for (const QString &a : args)
        argStore.push_back(a.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &a : argStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    std::vector<QByteArray> envStore { "STAMPEDE_API_KEY=" + apiKey };
    for (char **e = environ; *e; ++e)
        if (qstrncmp(*e, "STAMPEDE_API_KEY=", 17) != 0)
            envStore.emplace_back(*e);
    std::vector<char *> envp;
    for (QByteArray &e : envStore)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    const QByteArray outFile = outPath.toLocal8Bit(), errFile = errPath.toLocal8Bit();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, outFile.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, errFile.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);

    ChildResult result;
    QElapsedTimer clock;
    clock.start();
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        return result;
    result.started = true;
    // posix_spawn's child shares our memory until it execs, and the kernel carries that memory's
    // high-water mark into the child's ru_maxrss: a ru_maxrss at or below our own peak may be ours,
    // not the child's. Then the child's VmHWM, read every 20 ms, is the figure.
    rusage self {};
    ::getrusage(RUSAGE_SELF, &self);
    long polledKb = vmHwmKb(pid);

    int status = 0;
    rusage usage {};
    for (;;) {
        const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
        if (done == pid || (done < 0 && errno != EINTR))
            break;
        const double elapsed = double(clock.nsecsElapsed()) / 1e9;
        if (elapsed > hardLimitS && !result.hung) {
            result.hung = true;
            result.hangDump = threadDump(pid);
            ::kill(pid, SIGKILL);
            ::wait4(pid, &status, 0, &usage);
            break;
        }
        polledKb = std::max(polledKb, vmHwmKb(pid));
        if (whileRunning)
            whileRunning(pid, elapsed);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    result.wallS = double(clock.nsecsElapsed()) / 1e9;
    result.peakRssKb = usage.ru_maxrss > self.ru_maxrss || polledKb == 0 ? usage.ru_maxrss : polledKb;
    result.exited = WIFEXITED(status);
    result.exitCode = result.exited ? WEXITSTATUS(status) : -1;
    result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    result.out = readAll(outPath);
    result.err = readAll(errPath);
    return result;
}

} // namespace stampede::test
