#pragma once
// Built-in list prices for the seed's models ($ per million tokens). The scenario file may override
// them per model; unknown models cost 0 until the user enters a price.

#include "scenario/scenario.h"

#include <optional>

namespace stampede::scenario {

/// The built-in price of a known model (exact, case-sensitive name), else nullopt.
std::optional<model::Price> builtinPrice(const QString &model);

} // namespace stampede::scenario
