#include "router.h"

#include <QList>

#include <algorithm>

namespace stampede::gateway {

namespace {

bool isPath(const QByteArray &path, const char *v1, const char *bare)
{
    return path == v1 || path == bare;
}

// "{any}/models/{model}:method": the model's segment, percent-decoded ("" when the path is not one).
bool geminiTarget(const QByteArray &path, Route *route)
{
    const qsizetype colon = path.lastIndexOf(':');
    if (colon < 0)
        return false;
    const QByteArrayView method = QByteArrayView(path).sliced(colon + 1);
    if (method != "generateContent" && method != "streamGenerateContent")
        return false;
    const qsizetype models = path.lastIndexOf("/models/", colon);
    if (models < 0)
        return false;
    route->model = QByteArray::fromPercentEncoding(path.mid(models + 8, colon - models - 8));
    route->stream = method == "streamGenerateContent";
    return true;
}

// "Bearer <key>", with the scheme matched case-insensitively as RFC 9110 says.
bool bearerIs(const QByteArray &given, QByteArrayView key)
{
    return given.size() == key.size() + 7 && qstrnicmp(given.constData(), "Bearer ", 7) == 0
        && QByteArrayView(given).sliced(7) == key;
}

bool queryKeyIs(const QByteArray &query, QByteArrayView key)
{
    const QList<QByteArray> pairs = query.split('&');
    return std::any_of(pairs.begin(), pairs.end(), [key](const QByteArray &pair) {
        return pair.startsWith("key=") && QByteArray::fromPercentEncoding(pair.mid(4)) == key;
    });
}

} // namespace

WireProtocol guessProtocol(const HttpRequest &request)
{
    if (!request.googApiKey.isEmpty() || request.path.startsWith("/v1beta"))
        return WireProtocol::Gemini;
    if (!request.anthropicVersion.isEmpty() || !request.xApiKey.isEmpty())
        return WireProtocol::AnthropicMessages;
    return WireProtocol::OpenAiChat;
}

Route routeRequest(const HttpRequest &request)
{
    const QByteArray &path = request.path;
    Route route;
    route.kind = Route::Kind::Generate;
    if (isPath(path, "/v1/chat/completions", "/chat/completions"))
        return route;
    route.protocol = WireProtocol::OpenAiResponses;
    if (isPath(path, "/v1/responses", "/responses"))
        return route;
    route.protocol = WireProtocol::AnthropicMessages;
    if (isPath(path, "/v1/messages", "/messages"))
        return route;
    route.protocol = WireProtocol::Gemini;
    if (geminiTarget(path, &route))
        return route;
    route = Route {};
    route.protocol = guessProtocol(request);
    // The gateway's own figures: GET only (another method is not a route at all, as before).
    if (request.method == "GET" && path == "/metrics")
        route.kind = Route::Kind::PrometheusMetrics;
    else if (request.method == "GET" && isPath(path, "/v1/usage/current", "/usage/current"))
        route.kind = Route::Kind::Usage;
    else if (path.endsWith("/models")) // /v1/models, /models, /v1beta/models, ...
        route.kind = Route::Kind::Models;
    route.method = "GET";
    return route;
}

bool authorized(const HttpRequest &request, WireProtocol protocol, QByteArrayView apiKey)
{
    if (apiKey.isEmpty())
        return true;
    switch (protocol) {
    case WireProtocol::AnthropicMessages:
        return request.xApiKey == apiKey;
    case WireProtocol::Gemini:
        return request.googApiKey == apiKey || queryKeyIs(request.query, apiKey);
    case WireProtocol::OpenAiChat:
    case WireProtocol::OpenAiResponses:
        break;
    }
    return bearerIs(request.authorization, apiKey);
}

} // namespace stampede::gateway
