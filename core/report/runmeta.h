#pragma once
// What a run folder knows about its run besides the numbers: when, against what, with which
// scenario and plan, on which machine. A plain value in the report room, so that report never
// depends on the engine: the GUI and the CLI convert report::RunMeta into it.

#include "scenario/plan.h"
#include "scenario/scenario.h"
#include "scenario/segment.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <nlohmann/json.hpp>

namespace stampede::report {

/// The machine the run was measured on (stated in every report: results depend on it).
struct Environment {
    QString os; ///< QSysInfo::prettyProductName()
    QString kernel; ///< kernelType + kernelVersion
    QString cpuArchitecture;
    int cpuCount = 0;
    QString qtVersion; ///< the Qt the binary runs on
    QString hostname;
};

/// The environment of this process.
Environment currentEnvironment();

struct RunMeta {
    QDateTime startedAt; ///< wall clock, UTC, at run-clock zero
    QUrl baseUrl; ///< the URL used; written only through displayUrl() (no user info, no key)
    bool builtinGateway = false;
    scenario::Scenario scenario; ///< sanitised whenever it is written
    scenario::Plan plan; ///< the whole plan, also for a segment
    /// The share of the plan this run carried out (stampede run --segment I/N); whole: 0/1.
    scenario::Segment segment;
    QStringList models; ///< enabled models, in RequestOutcome::modelIndex order
    QString toolVersion = QStringLiteral(STAMPEDE_VERSION);
    int workerThreads = 0;
    QString transport; ///< the HTTP client that ran, e.g. "curl (libcurl 7.88.1, ...)"
    Environment environment; ///< empty os: filled with currentEnvironment() when the folder begins
};

/// run.json of a run folder (the scenario itself goes to scenario.json).
nlohmann::json runMetaToJson(const RunMeta &meta);
/// Reads run.json; `scenario` is taken from scenario.json by the caller. Missing keys keep defaults.
RunMeta runMetaFromJson(const nlohmann::json &json);

} // namespace stampede::report

Q_DECLARE_METATYPE(stampede::report::RunMeta)
