#include "launch/targetresolver.h"

namespace stampede::launch {

bool isBuiltin(const QString &baseUrl)
{
    return baseUrl == QLatin1StringView("builtin");
}

ResolvedTarget resolveTarget(
    const QString &baseUrl, const std::optional<gateway::GatewayConfig> &builtinConfig, int threadNice)
{
    ResolvedTarget target;
    if (!isBuiltin(baseUrl)) {
        target.baseUrl = baseUrl;
        return target;
    }
    auto server = std::make_unique<gateway::SimGateway>();
    server->setThreadNice(threadNice);
    if (!server->start(builtinConfig.value_or(gateway::defaultConfig()), 0)) {
        target.error = QStringLiteral("could not start the built-in simulated gateway: ") + server->errorString();
        return target;
    }
    target.baseUrl = server->baseUrl().toString();
    target.gateway = std::move(server);
    return target;
}

} // namespace stampede::launch
