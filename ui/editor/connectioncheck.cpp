#include "ui/editor/connectioncheck.h"

#include "ui/editor/editorfields.h"

#include "engine/endpoint.h"
#include "launch/targetresolver.h"

#include <QTimer>

namespace stampede::ui::editor {

ConnectionCheck::ConnectionCheck(QObject *parent)
    : QObject(parent)
{
}

ConnectionCheck::~ConnectionCheck()
{
    cancel();
}

void ConnectionCheck::cancel()
{
    ++m_generation;
    delete m_preflight.data(); // its replies are its children: they abort with it
    stopGateway();
}

void ConnectionCheck::stopGateway()
{
    if (m_gateway)
        m_gateway->stop();
    m_gateway.reset();
}

void ConnectionCheck::start(const scenario::Target &target, const QString &apiKey,
    const QList<scenario::ModelSpec> &models, const QString &keySource, std::optional<model::WireProtocol> listProtocol)
{
    cancel();
    launch::ResolvedTarget resolved = launch::resolveTarget(target.baseUrl); // the run's resolver
    if (!resolved.ok()) {
        finishLater(resolved.error);
        return;
    }
    m_gateway = std::move(resolved.gateway);
    const std::optional<QUrl> parsed = engine::httpBaseUrl(resolved.baseUrl);
    if (!parsed) {
        finishLater(tr("\"%1\" is not an http(s) URL; fix the base URL first").arg(target.baseUrl));
        return;
    }
    const QUrl url = *parsed;
    m_baseUrl = url.toDisplayString();
    engine::Endpoint endpoint(target, url, apiKey);
    endpoint.setKeySource(keySource);
    m_preflight = new engine::Preflight(endpoint, models, this);
    if (listProtocol)
        m_preflight->setListProtocol(*listProtocol);
    const quint64 generation = m_generation;
    connect(m_preflight, &engine::Preflight::finished, this, [this, generation](const engine::PreflightResult &result) {
        if (generation == m_generation) // a cancelled or restarted check says nothing
            onFinished(result);
    });
    m_preflight->start();
}

void ConnectionCheck::onFinished(const engine::PreflightResult &result)
{
    m_preflight->deleteLater(); // we are inside its signal
    m_preflight.clear();
    stopGateway();
    Q_EMIT finished(result, m_baseUrl);
}

void ConnectionCheck::finishLater(const QString &error)
{
    engine::PreflightResult result;
    result.error = error;
    const quint64 generation = m_generation;
    QTimer::singleShot(0, this, [this, generation, result] {
        if (generation == m_generation)
            Q_EMIT finished(result, m_baseUrl);
    });
}

QString ConnectionCheck::describe(
    const engine::PreflightResult &result, const QString &baseUrl, bool hasKey, const QString &apiKeyEnv)
{
    QStringList lines;
    if (result.ok)
        lines << tr("Connected to %1 in %2 ms.").arg(baseUrl).arg(result.elapsedMs);
    else
        lines << tr("Failed: %1").arg(result.error);
    if (result.modelsEndpoint)
        lines << tr("GET /models lists %1: %2")
                     .arg(counted(result.listedModels.size(), tr("model"), tr("models")),
                         result.listedModels.join(QStringLiteral(", ")));
    else if (result.ok || !result.models.isEmpty())
        lines << tr("GET /models gave no model list (some gateways have none; the pings are the real test).");
    for (const engine::PreflightResult::ModelCheck &check : result.models) {
        if (check.ok)
            lines << tr("%1: ok, ping answered in %2 ms%3")
                         .arg(check.model)
                         .arg(check.latencyMs, 0, 'f', 0)
                         .arg(check.usageSupported ? QString()
                                                   : tr(" (stream_options rejected: token counts will be estimated)"));
        else if (!check.message.isEmpty())
            lines << tr("%1: %2").arg(check.model, check.message);
    }
    if (!result.ok && !hasKey)
        lines << tr("No API key is set: type it in the API key field or set $%1.").arg(apiKeyEnv);
    return lines.join(QLatin1Char('\n'));
}

} // namespace stampede::ui::editor
