#pragma once
// Inside the protocol room only: a declared function as JSON, for the four request builders.

#include "protocol/toolcalls.h"

#include <nlohmann/json.hpp>

namespace stampede::protocol::detail {

/// {"name": .., "description": .. (when set), <schemaKey>: the parameters' schema} — the function
/// object every protocol shares but for the schema's key ("parameters", Anthropic's "input_schema").
/// Parameters that are not a JSON object (never from a validated scenario) send an empty schema.
nlohmann::ordered_json functionJson(const ToolDeclaration &tool, const char *schemaKey);

} // namespace stampede::protocol::detail
