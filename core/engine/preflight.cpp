#include "engine/preflight.h"

#include "engine/retrydelay.h"
#include "protocol/chat.h"
#include "protocol/headers.h"
#include "protocol/streamevents.h"

#include <QDateTime>
#include <QRandomGenerator>

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTimer>

#include <climits>

namespace stampede::engine {

namespace {
constexpr qint64 kMaxPreflightBody = 4 * 1024 * 1024; ///< a model list or a ping answer larger than this is hostile
constexpr const char *kStopReason = "stampedeStopReason";
} // namespace

QString PreflightResult::describe() const
{
    QStringList lines;
    if (modelsEndpoint)
        lines << QStringLiteral("GET /models: %1 models listed").arg(listedModelCount);
    for (const ModelCheck &m : models) {
        QString line = QStringLiteral("%1: %2").arg(m.model,
            m.ok ? QStringLiteral("ok, %1 ms").arg(m.latencyMs, 0, 'f', 0)
                 : (m.message.isEmpty() ? QStringLiteral("not checked") : m.message));
        if (m.ok && !m.usageSupported)
            line += QStringLiteral(" (stream_options rejected: tokens will be estimated)");
        lines << line;
    }
    for (const QString &warning : warnings)
        lines << QStringLiteral("Warning: ") + warning;
    if (!ok)
        lines << QStringLiteral("Preflight failed: ") + error;
    return lines.join(QLatin1Char('\n'));
}

Preflight::Preflight(const Endpoint &endpoint, const QList<scenario::ModelSpec> &models, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_models(models)
{
}

Preflight::~Preflight() = default;

void Preflight::start()
{
    m_manager = new QNetworkAccessManager(this);
    m_manager->setProxy(m_endpoint.connection().qtProxy()); // target.proxy; never Qt's application default
    m_manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy); // the key goes to base_url only
    m_elapsed.start();
    // The list as the first model's protocol asks for it: its key headers, and for Gemini the
    // models.list shape (the path, "models" below the base URL, is the same for every protocol).
    QNetworkReply *reply = send(m_endpoint.request(m_endpoint.modelsUrl(), false, listProtocol()), {}, true);
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onModelsReply(reply); });
}

QNetworkReply *Preflight::send(const QNetworkRequest &request, const QByteArray &body, bool get)
{
    QNetworkRequest r = request;
    // The preflight must answer quickly even when h2c meets an HTTP/1.1-only server (which hangs).
    const qint64 limit = std::min<qint64>(m_endpoint.target().timeoutMs, 30000);
    r.setTransferTimeout(int(limit));
    QNetworkReply *reply = get ? m_manager->get(r) : m_manager->post(r, body);
    reply->setParent(this);
    // The transfer timeout restarts with every byte: a server trickling bytes, or sending without
    // end, is stopped by an absolute deadline and a size cap instead.
    QTimer::singleShot(limit, reply, [reply] {
        reply->setProperty(kStopReason, QStringLiteral("deadline"));
        reply->abort();
    });
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > kMaxPreflightBody && reply->isRunning()) {
            reply->setProperty(kStopReason, QStringLiteral("size"));
            reply->abort();
        }
    });
    return reply;
}

QString Preflight::transportError(QNetworkReply *reply) const
{
    const QString base = m_endpoint.baseUrl().toDisplayString();
    if (isProxyError(reply->error()))
        return QStringLiteral("proxy %1 (target.proxy) on the way to %2: %3")
            .arg(m_endpoint.target().proxy, base, reply->errorString());
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral(
            "cannot connect to %1: connection refused (is the gateway running, and is the port right?)")
            .arg(base);
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("cannot resolve the host of %1: check the base URL").arg(base);
    case QNetworkReply::OperationCanceledError:
        if (reply->property(kStopReason).toString() == QLatin1StringView("size"))
            return QStringLiteral("%1 answered with more than %2 MB; stopped reading")
                .arg(base)
                .arg(kMaxPreflightBody / (1024 * 1024));
        Q_FALLTHROUGH();
    case QNetworkReply::TimeoutError:
        return QStringLiteral("no answer from %1 within %2 s%3")
            .arg(base)
            .arg(std::min<qint64>(m_endpoint.target().timeoutMs, 30000) / 1000)
            .arg(m_endpoint.target().http2 == scenario::Http2Mode::H2c
                    ? QStringLiteral(" (h2c is on: does the server speak HTTP/2 without TLS?)")
                    : QString());
    case QNetworkReply::SslHandshakeFailedError:
        return QStringLiteral("TLS handshake with %1 failed: %2").arg(base, reply->errorString());
    default:
        return QStringLiteral("%1: %2").arg(base, protocol::redactSecrets(reply->errorString(), m_endpoint.apiKey()));
    }
}

model::WireProtocol Preflight::listProtocol() const
{
    if (m_listProtocol)
        return *m_listProtocol;
    return m_models.isEmpty() ? model::WireProtocol::OpenAiChat : m_models.first().protocol;
}

void Preflight::onModelsReply(QNetworkReply *reply)
{
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray(); // an aborted reply is closed
    if (status == 0 || reply->property(kStopReason).isValid()) { // no answer, or stopped: see send()
        fail(transportError(reply));
        return;
    }
    if (status == 401 || status == 403) {
        fail(keyRefused(status, body));
        return;
    }
    if (status >= 200 && status < 300) {
        if (auto list = protocol::parseModelListFor(listProtocol(), body)) {
            m_result.modelsEndpoint = true;
            // Server text: redacted, and bounded however many models a server claims to have.
            for (const QString &id : std::as_const(*list)) {
                if (m_result.listedModels.size() == PreflightResult::kMaxListedModels)
                    break;
                m_result.listedModels << protocol::keptServerText(id, m_endpoint.apiKey(), 200);
            }
            m_result.listedModelCount = int(std::min<qsizetype>(list->size(), INT_MAX));
        }
    }
    // Some gateways have no /models: carry on with the pings, which are the real test.
    m_pending = int(m_models.size());
    m_attempts = QList<int>(m_models.size(), 0);
    for (int i = 0; i < m_models.size(); ++i) {
        PreflightResult::ModelCheck check;
        check.model = m_models[i].model;
        m_result.models.append(check);
        pingModel(i, m_models[i].stream);
    }
    maybeFinish();
}

void Preflight::pingModel(int index, bool includeUsage)
{
    protocol::ChatRequestSpec spec;
    spec.model = m_models[index].model;
    spec.userPrompt = QStringLiteral("ping");
    spec.maxTokens = 5;
    spec.temperature = m_models[index].temperature;
    spec.stream = m_models[index].stream;
    spec.includeUsage = includeUsage;
    QElapsedTimer timer; // by value: a preflight that ends first never runs the lambda
    timer.start();
    const model::WireProtocol wire = m_models[index].protocol;
    const protocol::WireRequest request = protocol::buildWireRequest(wire, spec);
    QNetworkReply *reply
        = send(m_endpoint.request(m_endpoint.urlFor(request.path), spec.stream, wire), request.body, false);
    connect(reply, &QNetworkReply::finished, this, [this, reply, index, includeUsage, timer] {
        m_result.models[index].latencyMs = double(timer.nsecsElapsed()) / 1e6;
        onPingReply(reply, index, includeUsage);
    });
}

void Preflight::onPingReply(QNetworkReply *reply, int index, bool includeUsage)
{
    reply->deleteLater();
    if (m_done)
        return;
    PreflightResult::ModelCheck &check = m_result.models[index];
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray(); // an aborted reply is closed
    check.httpStatus = status;
    if (includeUsage && protocol::rejectsStreamOptions(status, body)) {
        check.usageSupported = false;
        pingModel(index, false);
        return;
    }
    if (retryLimitedPing(reply, index, includeUsage, status, body))
        return;
    --m_pending;
    const QString base = m_endpoint.baseUrl().toDisplayString();
    if (status == 0 || reply->property(kStopReason).isValid()) { // no answer, or stopped: see send()
        check.message = transportError(reply);
        fail(check.message);
    } else if (status == 401 || status == 403) {
        check.message = QStringLiteral("HTTP %1").arg(status);
        fail(keyRefused(status, body));
    } else if (status == 404) {
        check.message = QStringLiteral("not found");
        QString listed = m_result.listedModels.isEmpty()
            ? QStringLiteral("the endpoint did not list its models")
            : QStringLiteral("the endpoint has: ") + m_result.listedModels.mid(0, 20).join(QStringLiteral(", "));
        if (m_result.listedModelCount > 20)
            listed += QStringLiteral(" and %1 more").arg(m_result.listedModelCount - 20);
        fail(QStringLiteral("model \"%1\" not found at %2; %3").arg(check.model, base, listed));
    } else if (status < 200 || status >= 300) {
        check.message
            = QStringLiteral("HTTP %1: %2").arg(status).arg(protocol::errorMessageFromBody(body, m_endpoint.apiKey()));
        fail(QStringLiteral("model \"%1\" at %2 answered %3").arg(check.model, base, check.message));
    } else {
        check.ok = true;
    }
    maybeFinish();
}

/// A ping answered with a retry status (429, 503 by default): retried as the run would retry a
/// request; when the retries are spent it still passes — a 429 proves the key and the model — with a
/// warning. True when handled (a retry is scheduled, or the check is settled).
bool Preflight::retryLimitedPing(QNetworkReply *reply, int index, bool includeUsage, int status, const QByteArray &body)
{
    if (status == 0 || !m_retry.onStatus.contains(status))
        return false;
    PreflightResult::ModelCheck &check = m_result.models[index];
    const int attempt = ++m_attempts[index];
    if (attempt <= m_retry.maxRetries) {
        const std::int64_t delay = retryDelayMs(m_retry, attempt, reply->rawHeader(QByteArrayLiteral("Retry-After")),
            QDateTime::currentDateTimeUtc(), QRandomGenerator::global()->generateDouble());
        QTimer::singleShot(
            int(std::min<std::int64_t>(delay, 10000)), Qt::PreciseTimer, this, [this, index, includeUsage] {
                if (!m_done)
                    pingModel(index, includeUsage);
            });
        return true;
    }
    --m_pending;
    check.ok = true;
    const QString said = protocol::errorMessageFromBody(body, m_endpoint.apiKey());
    check.message
        = QStringLiteral("HTTP %1%2").arg(status).arg(said.isEmpty() ? QString() : QStringLiteral(": ") + said);
    m_result.warnings << QStringLiteral(
        "model \"%1\" answered the preflight with HTTP %2 after %3 tries: the key and the "
        "model are valid, but the gateway is limiting or unavailable now%4")
                             .arg(check.model)
                             .arg(status)
                             .arg(attempt)
                             .arg(said.isEmpty() ? QString() : QStringLiteral(" (") + said + QLatin1Char(')'));
    maybeFinish();
    return true;
}

QString Preflight::keyRefused(int status, const QByteArray &body) const
{
    // Names where the key came from, and keeps the server's own words (redacted, bounded).
    QString message = QStringLiteral("%1 %2 from %3: check the key in %4")
                          .arg(status)
                          .arg(status == 401 ? QStringLiteral("Unauthorized") : QStringLiteral("Forbidden"),
                              m_endpoint.baseUrl().toDisplayString(),
                              m_endpoint.hasKey() ? m_endpoint.keySource()
                                                  : m_endpoint.keySource() + QStringLiteral(" (no key was sent)"));
    if (const QString said = protocol::errorMessageFromBody(body, m_endpoint.apiKey()); !said.isEmpty())
        message += QStringLiteral("; the server said: ") + said;
    return message;
}

void Preflight::fail(const QString &message)
{
    if (m_result.error.isEmpty())
        m_result.error = message;
    m_pending = 0;
    maybeFinish();
}

void Preflight::maybeFinish()
{
    if (m_done || m_pending > 0)
        return;
    m_done = true;
    m_result.ok = m_result.error.isEmpty();
    m_result.elapsedMs = m_elapsed.elapsed();
    Q_EMIT finished(m_result);
}

} // namespace stampede::engine
