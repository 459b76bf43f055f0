#pragma once
// A generation request's function tools and tool choice, in each protocol's spelling, validated the
// way its API does (400 with its message). Only function tools can be called by the simulator; the
// other kinds a request may declare (OpenAI custom and hosted tools, Anthropic server tools, Gemini
// googleSearch and the like) are accepted and never called.
//
//   OpenAI Chat         tools[{type: "function", function: {name, description, parameters}}],
//                       tool_choice "auto" | "required" | "none" | {type: "function", function: {name}}
//   OpenAI Responses    tools[{type: "function", name, description, parameters}],
//                       tool_choice "auto" | "required" | "none" | {type: "function", name}
//   Anthropic Messages  tools[{name, description, input_schema}],
//                       tool_choice {type: "auto" | "any" | "none" | "tool", name}
//   Gemini              tools[{functionDeclarations: [{name, description, parameters}]}],
//                       toolConfig.functionCallingConfig {mode: AUTO | ANY | NONE, allowedFunctionNames}
//                       (snake_case too: function_declarations, tool_config, ...)

#include "apierror.h"

#include <nlohmann/json_fwd.hpp>

namespace stampede::gateway {

struct RequestShape;

/// Fills out->toolName and out->toolRequired from the request's tools and tool choice (left alone
/// when it declares none), or returns the 400 to answer.
ApiError readTools(WireProtocol protocol, const nlohmann::json &doc, RequestShape *out);

} // namespace stampede::gateway
