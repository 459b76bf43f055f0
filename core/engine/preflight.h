#pragma once
// Before the load: GET /models, then one tiny request per model (max_tokens 5, "ping", in the
// model's protocol), so that a wrong key, an unknown model or a gateway that rejects stream_options
// is found in seconds, with words saying what to do. Its requests are not part of the run's statistics. Also the GUI's
// "Test connection". Lives in the thread that creates it; owns its QNetworkAccessManager.

#include "engine/endpoint.h"
#include "scenario/scenario.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QStringList>

class QNetworkAccessManager;
class QNetworkReply;

namespace stampede::engine {

struct PreflightResult {
    bool ok = false;
    QString error; ///< the first problem, in words, with the fix (empty when ok)
    bool modelsEndpoint = false; ///< GET /models answered with a model list
    QStringList listedModels; ///< redacted; at most kMaxListedModels of them
    int listedModelCount = 0; ///< how many GET /models listed, kept or not
    static constexpr qsizetype kMaxListedModels = 5000;
    struct ModelCheck {
        QString model;
        bool ok = false;
        int httpStatus = 0;
        double latencyMs = 0;
        bool usageSupported = true; ///< false: the endpoint rejected stream_options.include_usage
        QString message;
    };
    QList<ModelCheck> models;
    /// Passed, with something to know: e.g. a model answered 429 (the key and model are valid,
    /// the gateway is limiting), after the retries retry.on_status allows.
    QStringList warnings;
    std::int64_t elapsedMs = 0;
    QString describe() const; ///< several lines for a terminal or a dialog
};

class Preflight : public QObject
{
    Q_OBJECT
public:
    Preflight(const Endpoint &endpoint, const QList<scenario::ModelSpec> &models, QObject *parent = nullptr);
    ~Preflight() override;
    /// The scenario's retry block: a ping answered with one of its statuses is retried like a
    /// request, and if it still is, the preflight passes with a warning (default: RetryPolicy{}).
    void setRetryPolicy(const scenario::RetryPolicy &policy) { m_retry = policy; }
    /// The protocol GET /models is asked in (default: the first model's, else OpenAI Chat).
    void setListProtocol(model::WireProtocol protocol) { m_listProtocol = protocol; }
    void start();

Q_SIGNALS:
    void finished(const stampede::engine::PreflightResult &result);

private:
    QNetworkReply *send(const QNetworkRequest &request, const QByteArray &body, bool get);
    void onModelsReply(QNetworkReply *reply);
    model::WireProtocol listProtocol() const; ///< setListProtocol()'s, else the first model's

    void pingModel(int index, bool includeUsage);
    void onPingReply(QNetworkReply *reply, int index, bool includeUsage);
    bool retryLimitedPing(QNetworkReply *reply, int index, bool includeUsage, int status, const QByteArray &body);
    QString transportError(QNetworkReply *reply) const;
    /// The message for a 401/403: where the key came from, and what the server said.
    QString keyRefused(int status, const QByteArray &body) const;
    void fail(const QString &message);
    void maybeFinish();

    Endpoint m_endpoint;
    QList<scenario::ModelSpec> m_models;
    scenario::RetryPolicy m_retry;
    std::optional<model::WireProtocol> m_listProtocol;
    QList<int> m_attempts; ///< per model: ping attempts answered with a retry status
    QNetworkAccessManager *m_manager = nullptr;
    PreflightResult m_result;
    QElapsedTimer m_elapsed;
    int m_pending = 0;
    bool m_done = false;
};

} // namespace stampede::engine

Q_DECLARE_METATYPE(stampede::engine::PreflightResult)
