#include "engine/endpoint.h"

#include "protocol/streamevents.h"

namespace stampede::engine {

std::optional<QUrl> httpBaseUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1StringView("http") && url.scheme() != QLatin1StringView("https")))
        return std::nullopt;
    return url;
}

QUrl joinUrl(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString p = url.path();
    while (p.endsWith(QLatin1Char('/')))
        p.chop(1);
    url.setPath(p + QLatin1Char('/') + path);
    return url;
}

Endpoint::Endpoint(const scenario::Target &target, const QUrl &baseUrl, const QString &apiKey)
    : m_target(target)
    , m_base(baseUrl)
    , m_chat(joinUrl(baseUrl, QStringLiteral("chat/completions")))
    , m_models(joinUrl(baseUrl, QStringLiteral("models")))
    , m_apiKey(apiKey)
    , m_connection(std::make_shared<const ConnectionOptions>(target, m_chat))
{
}

QUrl Endpoint::urlFor(const QString &path) const
{
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    QUrl url = joinUrl(m_base, query < 0 ? path : path.left(query));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    return url;
}

QByteArray Endpoint::userAgent()
{
    return QByteArrayLiteral("Stampede/" STAMPEDE_VERSION " (+load test)");
}

QList<QPair<QByteArray, QByteArray>> Endpoint::headers(bool streaming, model::WireProtocol protocol) const
{
    QList<QPair<QByteArray, QByteArray>> all;
    const auto set = [&all](const QByteArray &name, const QByteArray &value) {
        for (auto &header : all) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
                header.second = value;
                return;
            }
        }
        all.append({ name, value });
    };
    set(QByteArrayLiteral("User-Agent"), userAgent());
    set(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    set(QByteArrayLiteral("Accept"),
        streaming ? QByteArrayLiteral("text/event-stream") : QByteArrayLiteral("application/json"));
    const auto auth = protocol::authHeaders(protocol, m_apiKey);
    for (const auto &[name, value] : auth)
        set(name, value);
    for (auto it = m_target.headers.cbegin(); it != m_target.headers.cend(); ++it)
        set(it.key().toUtf8(), it.value().toUtf8());
    return all;
}

QNetworkRequest Endpoint::request(const QUrl &url, bool streaming, model::WireProtocol protocol) const
{
    QNetworkRequest request(url);
    const auto all = headers(streaming, protocol);
    for (const auto &[name, value] : all)
        request.setRawHeader(name, value);
    using scenario::Http2Mode;
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, m_target.http2 != Http2Mode::Http1);
    if (m_target.http2 == Http2Mode::H2c)
        request.setAttribute(QNetworkRequest::Http2DirectAttribute, true);
    // Our own deadlines (worker sweep) decide timeouts; Qt's would race them with a vaguer error.
    request.setTransferTimeout(0);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    if (url.scheme() == QLatin1String("https"))
        request.setSslConfiguration(m_connection->sslConfiguration());
    return request;
}

} // namespace stampede::engine
