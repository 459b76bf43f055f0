#pragma once
// Where a run is in its life: the one enum the engine's snapshots, the controller's users, the
// desktop app's state machine and its toolbar badge share.
//
//   Idle ──start──> Preflight ──> Running ──stop──> Stopping ──> Finished
//                       │            │                  └─abort─┘     ^
//                       │            └───── plan done ────────────────┘
//                       └──fail──> Failed      (stop before the load: Cancelled)
//
// How a finished run ended (completed, stopped, ...) and what that means is the verdict's
// business (model/runverdict.h).

#include <QMetaType>

namespace stampede::model {

enum class RunPhase { Idle, Preflight, Running, Stopping, Finished, Failed, Cancelled };

/// Preflight, Running or Stopping: the engine is busy with the run.
constexpr bool isActive(RunPhase phase)
{
    return phase == RunPhase::Preflight || phase == RunPhase::Running || phase == RunPhase::Stopping;
}

} // namespace stampede::model

Q_DECLARE_METATYPE(stampede::model::RunPhase)
