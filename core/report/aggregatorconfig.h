#pragma once
// What a run's Aggregator is told about the scenario: models, prices, SLOs, thresholds, checks and
// the sweep. One definition, so a run and its rebuild from the journal (journalreplay.cpp) judge
// the same requests the same way.

#include "metrics/aggregator.h"
#include "scenario/scenario.h"

#include <QStringList>

namespace stampede::report {

/// The Aggregator's configuration for a run of `scenario` over `models` (the enabled models'
/// names, in the order RequestOutcome::modelIndex counts them). A name the scenario no longer has
/// gets no price and the scenario-wide SLO.
metrics::AggregatorConfig aggregatorConfigFor(const scenario::Scenario &scenario, const QStringList &models);

} // namespace stampede::report
