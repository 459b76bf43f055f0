#pragma once

#include "metrics/requestoutcome.h"
#include "metrics/stats.h"
#include "scenario/plan.h"
#include "scenario/scenario.h"

#include <QDateTime>
#include <QMetaType>
#include <QUrl>

namespace stampede::engine {

/// What is known when the load starts (after the preflight): for run folders and the GUI.
struct RunInfo {
    QDateTime startedAt; ///< wall clock, UTC, at run-clock zero
    QUrl baseUrl; ///< resolved (the simulated gateway's loopback URL for "builtin")
    bool builtinGateway = false;
    scenario::Scenario scenario; ///< as run; carries no key (the file format cannot hold one)
    scenario::Plan plan;
    QStringList models; ///< enabled models, in RequestOutcome::modelIndex order
    int workerThreads = 0;
    QString transport; ///< describeTransport() of the transport that runs (engine/transport.h)
};

} // namespace stampede::engine

Q_DECLARE_METATYPE(stampede::engine::RunInfo)
Q_DECLARE_METATYPE(stampede::metrics::Snapshot)
Q_DECLARE_METATYPE(stampede::metrics::RunSummary)
Q_DECLARE_METATYPE(stampede::metrics::RequestOutcome)
Q_DECLARE_METATYPE(stampede::metrics::RunPhase)
