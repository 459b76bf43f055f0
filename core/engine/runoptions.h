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
    /// Added to the nice value of every thread of the run (engine, workers, Qt's HTTP threads,
    /// the in-process gateway; Linux threads inherit it). The desktop app sets it so that its GUI
    /// thread wins the CPU when the run saturates the machine; 0 leaves priorities alone.
    int threadNice = 0;
    /// Configuration of the in-process simulated gateway when base_url is "builtin".
    std::optional<gateway::GatewayConfig> builtinGateway;
};

/// The key from the environment variable a scenario names (empty when unset).
QString apiKeyFromEnvironment(const QString &variableName);

} // namespace stampede::engine
