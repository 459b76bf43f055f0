#pragma once
// Small helpers of the request readers (requestreader.cpp, requesttools.cpp): a 400 in OpenAI's
// terms (the other protocols keep only the message) and a JSON member that may be spelled two ways.

#include "apierror.h"

#include <nlohmann/json.hpp>

namespace stampede::gateway::requestjson {

inline ApiError invalid(QByteArray message, const char *param = nullptr, const char *code = nullptr)
{
    return { 400, std::move(message), "invalid_request_error", param, code };
}

/// object[key] (or object[alias] when key is absent or null); nullptr when neither is there or both are null.
inline const nlohmann::json *member(const nlohmann::json &object, const char *key, const char *alias = nullptr)
{
    auto it = object.find(key);
    if ((it == object.end() || it->is_null()) && alias)
        it = object.find(alias);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

} // namespace stampede::gateway::requestjson
