#pragma once
// "Test connection" and "Fetch models": the engine's Preflight against the target, asynchronous. For
// base URL "builtin" it starts the simulated gateway in-process for the duration of the check. Lives on
// the GUI thread; everything it does there is non-blocking (Preflight's replies arrive as signals).

#include "engine/preflight.h"
#include "scenario/scenario.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace stampede::gateway {
class SimGateway;
}

namespace stampede::ui::editor {

class ConnectionCheck : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionCheck(QObject *parent = nullptr);
    ~ConnectionCheck() override;

    /// Starts a check (a running one is dropped): GET /models, then a tiny request per model in `models`
    /// (none: only the model list).
    /// `keySource` names where apiKey came from in a 401/403 message (empty: $target.api_key_env).
    /// `listProtocol`: the protocol GET /models is asked in (unset: the first model's).
    void start(const scenario::Target &target, const QString &apiKey, const QList<scenario::ModelSpec> &models,
        const QString &keySource = {}, std::optional<model::WireProtocol> listProtocol = std::nullopt);
    void cancel();
    bool isRunning() const { return !m_preflight.isNull(); }

    /// The result in words for a person: what was found, how fast, or what went wrong and what to do.
    static QString describe(
        const engine::PreflightResult &result, const QString &baseUrl, bool hasKey, const QString &apiKeyEnv);

Q_SIGNALS:
    /// `baseUrl`: the URL actually contacted (the simulated gateway's loopback URL for "builtin").
    void finished(const stampede::engine::PreflightResult &result, const QString &baseUrl);

private:
    void onFinished(const engine::PreflightResult &result);
    void finishLater(const QString &error);
    void stopGateway();

    QPointer<engine::Preflight> m_preflight;
    std::unique_ptr<gateway::SimGateway> m_gateway;
    QString m_baseUrl;
    quint64 m_generation = 0;
};

} // namespace stampede::ui::editor
