#pragma once
// Everything needed to talk to one OpenAI-compatible endpoint: URLs, headers, HTTP/2 choice.
// Built once per run; requests are stamped from it without re-parsing anything.

#include "engine/connectionoptions.h"
#include "model/wireprotocol.h"
#include "scenario/scenario.h"

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QPair>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

namespace stampede::engine {

/// `text` as a base URL: http or https, with a host (StrictMode); nullopt otherwise.
std::optional<QUrl> httpBaseUrl(const QString &text);

class Endpoint
{
public:
    Endpoint() = default;
    Endpoint(const scenario::Target &target, const QUrl &baseUrl, const QString &apiKey);

    QUrl baseUrl() const { return m_base; }
    QUrl chatUrl() const { return m_chat; }
    QUrl modelsUrl() const { return m_models; }
    /// The URL of a protocol's request path below the base URL (protocol::WireRequest::path; a
    /// query after '?' stays a query, as Gemini's "?alt=sse").
    QUrl urlFor(const QString &path) const;
    /// A ready request for `url`: headers(), Qt's HTTP/2 attributes and the TLS configuration.
    QNetworkRequest request(
        const QUrl &url, bool streaming, model::WireProtocol protocol = model::WireProtocol::OpenAiChat) const;
    /// Every request header, in order, names unique (case-insensitive): User-Agent, Content-Type,
    /// Accept, the key's headers as `protocol` sends it (protocol::authHeaders(): Authorization,
    /// x-api-key + anthropic-version, x-goog-api-key), then the scenario's extra headers, which
    /// replace a default of the same name. Both transports send exactly these.
    QList<QPair<QByteArray, QByteArray>> headers(
        bool streaming, model::WireProtocol protocol = model::WireProtocol::OpenAiChat) const;
    bool hasKey() const { return !m_apiKey.isEmpty(); }
    const QString &apiKey() const { return m_apiKey; }
    /// Where the key came from, for messages about it ("$STAMPEDE_API_KEY", "the API key field").
    /// Defaults to the scenario's target.api_key_env.
    QString keySource() const { return m_keySource.isEmpty() ? QLatin1Char('$') + m_target.apiKeyEnv : m_keySource; }
    void setKeySource(const QString &source) { m_keySource = source; }
    const scenario::Target &target() const { return m_target; }
    /// target.tls and target.proxy, loaded (shared by copies: loaded once per run).
    const ConnectionOptions &connection() const { return *m_connection; }
    /// Whether one connection may carry many requests at once (h2c, or h2 once seen over TLS).
    bool multiplexed() const { return m_target.http2 == scenario::Http2Mode::H2c; }

    static QByteArray userAgent();

private:
    scenario::Target m_target;
    QUrl m_base, m_chat, m_models;
    QString m_apiKey;
    QString m_keySource;
    std::shared_ptr<const ConnectionOptions> m_connection = std::make_shared<const ConnectionOptions>();
};

/// base_url + "/chat/completions" etc., with exactly one slash between.
QUrl joinUrl(const QUrl &base, const QString &path);

} // namespace stampede::engine
