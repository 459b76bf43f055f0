#pragma once
// Which of the gateway's routes a request is for, in which protocol's shape it is answered, and
// whether it carries the key the way that protocol does. Pure functions of the parsed request.
//
//   POST /v1/chat/completions, /chat/completions        OpenAI Chat        Authorization: Bearer
//   POST /v1/responses, /responses                      OpenAI Responses   Authorization: Bearer
//   POST /v1/messages, /messages                        Anthropic Messages x-api-key (+ anthropic-version)
//   POST {any}/models/{model}:generateContent           Gemini             x-goog-api-key or ?key=
//   POST {any}/models/{model}:streamGenerateContent     Gemini (always SSE)
//   GET  /v1/models, /models, {any}/models              the model list, in the shape the request's headers
//                                                       and path say (Gemini: /v1beta... or x-goog-api-key;
//                                                       Anthropic: anthropic-version; else OpenAI)
//   GET  /metrics, /v1/usage/current                    the gateway's own figures (no key)

#include "apierror.h"
#include "httpparser.h"

#include <QByteArray>
#include <QByteArrayView>

namespace stampede::gateway {

struct Route {
    enum class Kind { Generate, Models, PrometheusMetrics, Usage, NotFound };
    Kind kind = Kind::NotFound;
    WireProtocol protocol = WireProtocol::OpenAiChat; ///< the shape of the answer, errors included
    const char *method = "POST"; ///< the one method the route takes
    QByteArray model; ///< Gemini: the model named by the path, percent-decoded
    bool stream = false; ///< Gemini: :streamGenerateContent
};

Route routeRequest(const HttpRequest &request);

/// The protocol a request not for a known route seems to speak (for its 404's shape).
WireProtocol guessProtocol(const HttpRequest &request);

/// True when `apiKey` is empty or the request carries it the way `protocol` does.
bool authorized(const HttpRequest &request, WireProtocol protocol, QByteArrayView apiKey);

} // namespace stampede::gateway
