#pragma once

#include "scenario/segment.h"

#include <QString>

namespace stampede::engine {

/// How to run a scenario; never persisted (it carries the API key).
struct RunOptions {
    QString apiKey; ///< resolved by the caller (environment or keychain); empty: no Authorization header
    /// Where apiKey came from, named in messages about it (e.g. "the API key field"); empty: the
    /// scenario's $target.api_key_env.
    QString apiKeySource;
    /// The key for a paired run's direct target, from $direct_target.api_key_env (launch::RunLauncher
    /// reads it); empty: no Authorization header goes to the direct target.
    QString directApiKey;
    QString baseUrlOverride; ///< replaces target.base_url when set (CLI --base-url)
    bool preflight = true; ///< false skips the preflight even when the scenario asks for it
    int workerThreads = 0; ///< 0: one per core, at least 2
    /// Added to the nice value of every thread of the run (engine, workers, Qt's HTTP threads;
    /// Linux threads inherit it; launch::RunLauncher gives it to the built-in gateway too). The
    /// desktop app sets it so that its GUI thread wins the CPU when the run saturates the machine;
    /// 0 leaves priorities alone.
    int threadNice = 0;
    /// The base URL is the app's in-process simulated gateway (launch::resolveTarget() set
    /// baseUrlOverride to it); the run's RunMeta says so. The engine itself never starts a gateway.
    bool builtinGateway = false;
    /// This agent's share of the load (stampede run --segment I/N, scenario/segment.h); whole by default.
    scenario::Segment segment;
};

/// The key from the environment variable a scenario names (empty when unset).
QString apiKeyFromEnvironment(const QString &variableName);

} // namespace stampede::engine
