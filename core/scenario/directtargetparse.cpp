// "direct_target": read and written here; validate.cpp checks it with the target's own rules
// (docs/metrics.md, "Gateway overhead, measured").

#include "scenario/naming.h"
#include "scenario/sections.h"

namespace stampede::scenario::detail {

void readHeaders(const ObjectReader &parent, QMap<QString, QString> &out)
{
    const Json *headers = parent.find("headers");
    if (!headers)
        return;
    const ObjectReader reader(*headers, parent.pathOf("headers"), parent.errors());
    if (!reader.isObject())
        return;
    out.clear();
    for (const auto &member : headers->items()) {
        QString text;
        if (readString(member.value(), reader.pathOf(member.key()), parent.errors(), text))
            out.insert(fromStd(member.key()), text);
    }
}

void readDirectTarget(const Json &value, std::optional<DirectTarget> &out, Errors &errors)
{
    const ObjectReader reader(value, QStringLiteral("direct_target"), errors);
    if (!reader.isObject())
        return;
    reader.rejectUnknownKeys({ "base_url", "api_key_env", "headers" },
        [&errors](const QString &key, const QString &path) { return rejectApiKey(errors, key, path); });
    DirectTarget direct;
    reader.require(
        "base_url", QStringLiteral("the provider or mock behind the gateway, e.g. http://127.0.0.1:8000/v1"));
    reader.read("base_url", direct.baseUrl);
    reader.read("api_key_env", direct.apiKeyEnv);
    readHeaders(reader, direct.headers);
    out = direct;
}

Json directTargetToJson(const DirectTarget &direct)
{
    Json headers = Json::object();
    for (auto it = direct.headers.cbegin(); it != direct.headers.cend(); ++it) {
        if (!isSecretHeaderName(it.key())) // validate() rejects these; a file never receives a credential
            headers[it.key().toStdString()] = it.value().toStdString();
    }
    Json json = Json::object();
    json["base_url"] = direct.baseUrl.toStdString();
    if (!direct.apiKeyEnv.isEmpty())
        json["api_key_env"] = direct.apiKeyEnv.toStdString();
    if (!headers.empty())
        json["headers"] = headers;
    return json;
}

} // namespace stampede::scenario::detail
