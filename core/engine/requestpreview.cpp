#include "engine/requestpreview.h"

#include "engine/endpoint.h"
#include "engine/runcontext.h"
#include "protocol/streamevents.h"

#include <nlohmann/json.hpp>

namespace stampede::engine {

namespace {
/// The key the preview's headers are built with: wherever a header carries it (the protocol's own
/// key header, or any the transports put it in), it is shown as "[redacted]", so the preview cannot
/// drift from protocol::authHeaders().
const QString kPlaceholderKey = QStringLiteral("stampede-preview-placeholder-key");

QString prettyJson(const QByteArray &body)
{
    const nlohmann::ordered_json json = nlohmann::ordered_json::parse(body.begin(), body.end(), nullptr, false);
    if (json.is_discarded())
        return QString::fromUtf8(body);
    const std::string text = json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}
} // namespace

QString requestPreview(const scenario::Scenario &scenario, int model, bool hasKey)
{
    if (model < 0 || model >= scenario.models.size())
        return QStringLiteral("Select a model to see the request it sends.");
    const scenario::ModelSpec &spec = scenario.models[model];
    // "builtin": the simulated gateway, on a port picked when the run starts.
    const bool builtin = scenario.target.baseUrl.trimmed() == QLatin1StringView("builtin");
    const std::optional<QUrl> base = builtin ? std::optional<QUrl>(QUrl(QStringLiteral("http://127.0.0.1/v1")))
                                             : httpBaseUrl(scenario.target.baseUrl.trimmed());
    if (!base)
        return QStringLiteral("The base URL (Target page) is not an http(s) URL yet.");
    // The key's headers are built with a placeholder, then shown redacted: the real key is not needed.
    const Endpoint endpoint(scenario.target, *base, hasKey ? kPlaceholderKey : QString());

    protocol::ChatRequestSpec request;
    request.model = spec.model;
    request.systemPrompt = scenario.prompts.system;
    request.userPrompt = scenario.prompts.user.value(0, QStringLiteral("Hello"));
    request.maxTokens = spec.maxTokens;
    request.temperature = spec.temperature;
    request.stream = spec.stream;
    request.includeUsage = spec.stream;
    declareTools(scenario, request);
    const protocol::WireRequest wire = protocol::buildWireRequest(spec.protocol, request);

    QString url = endpoint.urlFor(wire.path).toDisplayString();
    if (builtin)
        url.replace(QStringLiteral("//127.0.0.1/"), QStringLiteral("//127.0.0.1:<port>/"));
    QString text = QStringLiteral("POST ") + url + QLatin1Char('\n');
    const auto headers = endpoint.headers(spec.stream, spec.protocol);
    for (const auto &[name, value] : headers) {
        QString shown = QString::fromUtf8(value);
        shown.replace(kPlaceholderKey, QStringLiteral("[redacted]"));
        text += QString::fromUtf8(name) + QStringLiteral(": ") + shown + QLatin1Char('\n');
    }
    if (!hasKey)
        text += QStringLiteral("(no key set: the request goes without one)\n");
    text += QLatin1Char('\n') + prettyJson(wire.body);
    return text;
}

} // namespace stampede::engine
