#include "report/sanitize.h"

#include "scenario/scenarioio.h"

#include <QUrlQuery>

namespace stampede::report {

bool isSensitiveHeader(const QString &name)
{
    const QString n = name.toLower();
    return n == QLatin1StringView("authorization") || n == QLatin1StringView("proxy-authorization")
        || n.contains(QLatin1StringView("api-key")) || n.contains(QLatin1StringView("apikey"))
        || n.contains(QLatin1StringView("api_key")) || n.contains(QLatin1StringView("token"))
        || n.contains(QLatin1StringView("secret")) || n.contains(QLatin1StringView("cookie"))
        || n.contains(QLatin1StringView("password"));
}

QString displayUrl(const QUrl &url)
{
    QUrl out = url.adjusted(QUrl::RemoveUserInfo);
    // Some gateways take the key in the query (?key=, ?api_key=): never show its value.
    if (out.hasQuery()) {
        QUrlQuery query(out);
        auto items = query.queryItems(QUrl::FullyDecoded);
        for (auto &item : items) {
            if (isSensitiveHeader(item.first) || item.first.compare(QLatin1StringView("key"), Qt::CaseInsensitive) == 0
                || item.first.compare(QLatin1StringView("sig"), Qt::CaseInsensitive) == 0)
                item.second = QStringLiteral("redacted");
        }
        query.setQueryItems(items);
        out.setQuery(query);
    }
    return out.toString();
}

scenario::Scenario sanitizedScenario(const scenario::Scenario &scenario)
{
    scenario::Scenario out = scenario;
    for (auto it = out.target.headers.begin(); it != out.target.headers.end(); ++it) {
        if (isSensitiveHeader(it.key()))
            it.value() = QStringLiteral("[redacted]");
    }
    if (out.target.baseUrl != QLatin1StringView("builtin")) {
        const QUrl url(out.target.baseUrl);
        if (url.isValid() && (!url.userInfo().isEmpty() || url.hasQuery()))
            out.target.baseUrl = displayUrl(url);
    }
    if (out.serverMetrics) // server_metrics.url: the same rule
        out.serverMetrics->url = displayUrl(QUrl(out.serverMetrics->url));
    return out;
}

QByteArray sanitizedScenarioJson(const scenario::Scenario &scenario)
{
    return scenario::toJson(sanitizedScenario(scenario));
}

} // namespace stampede::report
