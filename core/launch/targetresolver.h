#pragma once
// What a scenario's base URL names. "builtin" is the in-process simulated gateway: resolving it
// starts one on a free loopback port and yields its URL. Anything else is passed on unchanged (the
// engine checks that it is an http(s) URL). The engine never starts a gateway; the run launcher and
// the editor's connection check both resolve here.
//
// Thread: call it from the thread that will own the gateway (SimGateway's rule).

#include "gateway/gatewayconfig.h"
#include "gateway/simgateway.h"

#include <QString>

#include <memory>
#include <optional>

namespace stampede::launch {

struct ResolvedTarget {
    QString baseUrl; ///< what to send to: the base URL, or the built-in gateway's http://127.0.0.1:PORT/v1
    std::unique_ptr<gateway::SimGateway> gateway; ///< the built-in gateway serving baseUrl, or null
    QString error; ///< why the built-in gateway could not start (baseUrl is empty then)

    bool ok() const { return error.isEmpty(); }
    bool builtin() const { return gateway != nullptr; }
};

/// True for the scenario value that names the built-in gateway ("builtin").
bool isBuiltin(const QString &baseUrl);

/// Resolves `baseUrl`; `builtinConfig` configures the built-in gateway (default:
/// gateway::defaultConfig()); `threadNice` is added to its threads' nice value (RunOptions::threadNice).
ResolvedTarget resolveTarget(
    const QString &baseUrl, const std::optional<gateway::GatewayConfig> &builtinConfig = {}, int threadNice = 0);

} // namespace stampede::launch
