#pragma once

#include "gateway/gatewayconfig.h"

#include <QString>
#include <optional>

namespace stampede::engine {

/// How to run a scenario; never persisted (it carries the API key).
struct RunOptions {
    QString apiKey; ///< resolved by the caller (environment or keychain); empty: no Authorization header
    QString baseUrlOverride; ///< replaces target.base_url when set (CLI --base-url)
    bool preflight = true; ///< false skips the preflight even when the scenario asks for it
    int workerThreads = 0; ///< 0: one per core, at least 2
    /// Configuration of the in-process simulated gateway when base_url is "builtin".
    std::optional<gateway::GatewayConfig> builtinGateway;
};

/// The key from the environment variable a scenario names (empty when unset).
QString apiKeyFromEnvironment(const QString &variableName);

} // namespace stampede::engine
