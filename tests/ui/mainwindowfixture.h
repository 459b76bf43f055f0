#pragma once
// What the main-window tests share: a short run on the built-in gateway, a named action, the
// test-mode settings, the GUI thread's CPU clock.

#include "ui/windows/mainwindow.h"

#include "engine/runcontroller.h"
#include "report/runfolder.h"
#include "scenario/scenarioio.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <time.h>

namespace stampede::test {

/// A short open-model run on the in-process simulated gateway.
inline scenario::Scenario shortScenario(qint64 durationMs, double rate = 20)
{
    scenario::Scenario s = scenario::defaultScenario();
    s.name = QStringLiteral("Short test");
    s.target.baseUrl = QStringLiteral("builtin");
    s.load.executor = scenario::ExecutorKind::ConstantArrivalRate;
    s.load.rate = rate;
    s.load.timeUnitMs = 1000;
    s.load.durationMs = durationMs;
    s.load.gracefulStopMs = 10000;
    s.load.stages.clear();
    s.thresholds.clear();
    s.preflight = true;
    return s;
}

inline QAction *action(QWidget *window, const char *name)
{
    auto *a = window->findChild<QAction *>(QLatin1String(name));
    if (!a)
        qFatal("no action %s", name);
    return a;
}

/// Settings in `dir`, test-mode standard paths (no run folders yet), a window that closes without
/// quitting the test.
inline void mainWindowTestSetup(const QTemporaryDir &dir, const QString &applicationName)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StampedeTest"));
    QCoreApplication::setApplicationName(applicationName);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.filePath(QStringLiteral("settings")));
    engine::registerMetaTypes();
    QApplication::setQuitOnLastWindowClosed(false); // closing a window under test must not end the test
    // A window lists every run folder it finds: start with none from an earlier test run.
    QDir(report::defaultRunsDir()).removeRecursively();
}

/// CPU time of the calling thread, ns.
inline qint64 threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

} // namespace stampede::test
