#include "apierror.h"

#include "responses.h"

namespace stampede::gateway {

const char *anthropicErrorType(int status)
{
    switch (status) {
    case 401:
        return "authentication_error";
    case 403:
        return "permission_error";
    case 404:
        return "not_found_error";
    case 413:
        return "request_too_large";
    case 429:
        return "rate_limit_error";
    case 529:
        return "overloaded_error";
    default:
        return status >= 500 ? "api_error" : "invalid_request_error";
    }
}

const char *geminiErrorStatus(int status)
{
    switch (status) {
    case 401:
        return "UNAUTHENTICATED";
    case 403:
        return "PERMISSION_DENIED";
    case 404:
        return "NOT_FOUND";
    case 429:
        return "RESOURCE_EXHAUSTED";
    case 501:
        return "UNIMPLEMENTED";
    case 503:
        return "UNAVAILABLE";
    case 504:
        return "DEADLINE_EXCEEDED";
    default:
        return status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
    }
}

QByteArray errorBody(WireProtocol protocol, const ApiError &e)
{
    switch (protocol) {
    case WireProtocol::AnthropicMessages:
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + QByteArray(anthropicErrorType(e.status))
            + "\",\"message\":\"" + responses::jsonEscape(e.message) + "\"}}";
    case WireProtocol::Gemini:
        return "{\"error\":{\"code\":" + QByteArray::number(e.status) + ",\"message\":\""
            + responses::jsonEscape(e.message) + "\",\"status\":\"" + geminiErrorStatus(e.status) + "\"}}";
    case WireProtocol::OpenAiChat:
    case WireProtocol::OpenAiResponses:
        break;
    }
    return responses::errorBody(e.message, e.type, e.param, e.code);
}

} // namespace stampede::gateway
