#pragma once
// Field-by-field comparison of two scenarios for the round-trip tests: names every difference, so a
// failure says "load.stages[1].target: 20 != 25" instead of "not equal".

#include "scenario/scenario.h"
#include "scenario/scenarioio.h"

#include <QStringList>

namespace stampede::test {

/// Every field that differs, as "path: a != b"; empty when the scenarios are equal.
QStringList scenarioDifferences(const scenario::Scenario &a, const scenario::Scenario &b);
/// Each error of a load as "path: message", for failure messages and comparisons.
QStringList errorTexts(const scenario::LoadResult &result);

} // namespace stampede::test
