#pragma once
// Scenarios compiled into the binary (resources/scenarios/*.json, resource prefix
// ":/stampede/scenarios/"): "default" (the seed mix, ramping VUs), "quick" (a 20 s arrival-rate demo),
// "slo" (the quick demo judged by SLOs: goodput and slo_attainment), "sweep" (steps of rate to the
// knee: the capacity verdict) and "sweep-vus" (the same with steps of VUs).

#include "scenario/scenarioio.h"

#include <QStringList>

namespace stampede::scenario {

/// Names accepted by loadBuiltinScenario(), e.g. {"default", "quick"}.
QStringList builtinScenarioNames();
/// Loads a built-in scenario by name; an unknown name is one error listing the known ones.
LoadResult loadBuiltinScenario(const QString &name);

} // namespace stampede::scenario
