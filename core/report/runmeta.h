#pragma once
// What a run folder knows about its run besides the numbers: when, against what, with which
// scenario and plan, on which machine. A plain value in the report room, so that report never
// depends on the engine: the GUI and the CLI convert engine::RunInfo into it.

#include "scenario/plan.h"
#include "scenario/scenario.h"

#include <QDateTime>
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
    scenario::Plan plan;
    QStringList models; ///< enabled models, in RequestOutcome::modelIndex order
    QString toolVersion = QStringLiteral(STAMPEDE_VERSION);
    int workerThreads = 0;
    QString transport; ///< the HTTP client that ran, e.g. "curl (libcurl 7.88.1, ...)"
    Environment environment; ///< empty os: filled with currentEnvironment() when the folder begins
};

/// RunMeta from the engine's RunInfo (engine::RunInfo has these fields). A template so that the
/// report room needs no link to the engine; the CLI and the desktop app both use it.
template <class Info>
RunMeta runMetaFrom(const Info &info)
{
    RunMeta meta;
    meta.startedAt = info.startedAt;
    meta.baseUrl = info.baseUrl;
    meta.builtinGateway = info.builtinGateway;
    meta.scenario = info.scenario;
    meta.plan = info.plan;
    meta.models = info.models;
    meta.workerThreads = info.workerThreads;
    meta.transport = info.transport;
    return meta;
}

/// run.json of a run folder (the scenario itself goes to scenario.json).
nlohmann::json runMetaToJson(const RunMeta &meta);
/// Reads run.json; `scenario` is taken from scenario.json by the caller. Missing keys keep defaults.
RunMeta runMetaFromJson(const nlohmann::json &json);

} // namespace stampede::report
