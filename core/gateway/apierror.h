#pragma once
// The gateway's error answers in each protocol's own shape (issue 16):
//   OpenAI (Chat, Responses)  {"error":{"message","type","param","code"}}
//   Anthropic Messages        {"type":"error","error":{"type":"not_found_error",...,"message"}}
//   Gemini                    {"error":{"code":404,"message","status":"NOT_FOUND"}}
// Anthropic's type and Gemini's status follow from the HTTP status; OpenAI's are given.

#include "model/wireprotocol.h"

#include <QByteArray>
#include <QByteArrayView>

namespace stampede::gateway {

using model::WireProtocol;

/// One error answer, before it is spelled in a protocol. status 0: no error.
struct ApiError {
    int status = 0;
    QByteArray message;
    const char *type = "invalid_request_error"; ///< OpenAI's error.type
    const char *param = nullptr; ///< OpenAI's error.param (null when not given)
    const char *code = nullptr; ///< OpenAI's error.code (null when not given)
    explicit operator bool() const { return status != 0; }
};

/// The body of `error` as `protocol` spells it.
QByteArray errorBody(WireProtocol protocol, const ApiError &error);

/// Anthropic's error.type for an HTTP status ("not_found_error", "overloaded_error", ...).
const char *anthropicErrorType(int status);
/// Gemini's (google.rpc) error.status for an HTTP status ("NOT_FOUND", "RESOURCE_EXHAUSTED", ...).
const char *geminiErrorStatus(int status);

} // namespace stampede::gateway
