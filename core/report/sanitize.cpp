#include "report/sanitize.h"

#include "scenario/scenarioio.h"

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
    return url.adjusted(QUrl::RemoveUserInfo).toString();
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
        if (url.isValid() && !url.userInfo().isEmpty())
            out.target.baseUrl = displayUrl(url);
    }
    return out;
}

QByteArray sanitizedScenarioJson(const scenario::Scenario &scenario)
{
    return scenario::toJson(sanitizedScenario(scenario));
}

} // namespace stampede::report
