#include "requesttools.h"

#include "requestjson.h"
#include "requestreader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace stampede::gateway {

using nlohmann::json;
using requestjson::invalid;
using requestjson::member;

namespace {

enum class Choice { Auto, Required, None };

/// What a request declares and chooses: its functions in order, and the choice.
struct Declared {
    std::vector<std::string> functions;
    Choice choice = Choice::Auto;
    std::string named; ///< the function the choice names; empty: the first declared
    bool has(const std::string &name) const
    {
        return std::find(functions.begin(), functions.end(), name) != functions.end();
    }
};

QByteArray echoed(const std::string &s)
{
    return QByteArray::fromStdString(s).left(256); // echoed in a message: cut like the model's name
}

QByteArray number(std::size_t i)
{
    return QByteArray::number(qulonglong(i));
}

/// [a-zA-Z0-9_-]{1,maxLength}; Gemini also allows . and :, and starts with a letter or an underscore.
bool goodName(const std::string &name, std::size_t maxLength, bool gemini)
{
    if (name.empty() || name.size() > maxLength)
        return false;
    const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (gemini && !letter(name.front()) && name.front() != '_')
        return false;
    return std::all_of(name.begin(), name.end(), [&](char c) {
        return letter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' || (gemini && (c == '.' || c == ':'));
    });
}

// ---- OpenAI (Chat and Responses) ----------------------------------------------------------------

// A function's own fields, the same in Chat (inside "function") and Responses (in the tool itself).
ApiError openAiFunction(const json &fn, const QByteArray &at, Declared *d)
{
    const json *name = member(fn, "name");
    if (!name)
        return invalid("Missing required parameter: '" + at + ".name'.", "tools", "missing_required_parameter");
    if (!name->is_string())
        return invalid("Invalid type for '" + at + ".name': expected a string.", "tools", "invalid_type");
    const std::string &n = name->get_ref<const std::string &>();
    if (n.empty())
        return invalid("Invalid '" + at
                + ".name': empty string. Expected a string with minimum length 1, but got an empty string instead.",
            "tools", "empty_string");
    if (n.size() > 64)
        return invalid("Invalid '" + at
                + ".name': string too long. Expected a string with maximum length 64, but got a string with length "
                + number(n.size()) + " instead.",
            "tools", "string_above_max_length");
    if (!goodName(n, 64, false))
        return invalid("Invalid '" + at
                + ".name': string does not match pattern. Expected a string that matches the pattern "
                  "'^[a-zA-Z0-9_-]+$'.",
            "tools", "invalid_value");
    if (const json *p = member(fn, "parameters"); p && !p->is_object())
        return invalid("Invalid type for '" + at + ".parameters': expected an object.", "tools", "invalid_type");
    if (const json *p = member(fn, "description"); p && !p->is_string())
        return invalid("Invalid type for '" + at + ".description': expected a string.", "tools", "invalid_type");
    d->functions.push_back(n);
    return {};
}

ApiError openAiTool(const json &tool, const QByteArray &at, bool chat, Declared *d)
{
    if (!tool.is_object())
        return invalid("Invalid type for '" + at + "': expected an object.", "tools", "invalid_type");
    const json *type = member(tool, "type");
    if (!type)
        return invalid("Missing required parameter: '" + at + ".type'.", "tools", "missing_required_parameter");
    if (!type->is_string())
        return invalid("Invalid type for '" + at + ".type': expected a string.", "tools", "invalid_type");
    const std::string &kind = type->get_ref<const std::string &>();
    if (!chat) // Responses: hosted tools (web_search, file_search, mcp, ...) and custom ones are never called here
        return kind == "function" ? openAiFunction(tool, at, d) : ApiError {};
    if (kind == "custom")
        return {};
    if (kind != "function")
        return invalid("Invalid value: '" + echoed(kind) + "'. Supported values are: 'function' and 'custom'.", "tools",
            "invalid_value");
    const json *fn = member(tool, "function");
    if (!fn)
        return invalid("Missing required parameter: '" + at + ".function'.", "tools", "missing_required_parameter");
    if (!fn->is_object())
        return invalid("Invalid type for '" + at + ".function': expected an object.", "tools", "invalid_type");
    return openAiFunction(*fn, at + ".function", d);
}

// "auto" | "required" | "none" | {type: "function", function: {name}} (Responses: {type: "function", name});
// {type: "allowed_tools", mode} too; a hosted or custom tool's choice calls no function.
ApiError openAiChoice(const json &choice, bool chat, Declared *d)
{
    if (choice.is_string()) {
        const std::string &s = choice.get_ref<const std::string &>();
        if (s != "auto" && s != "required" && s != "none")
            return invalid("Invalid value: '" + echoed(s) + "'. Supported values are: 'none', 'auto', and 'required'.",
                "tool_choice", "invalid_value");
        d->choice = s == "none" ? Choice::None : s == "required" ? Choice::Required : Choice::Auto;
        return {};
    }
    if (!choice.is_object())
        return invalid(
            "Invalid type for 'tool_choice': expected one of a string or an object.", "tool_choice", "invalid_type");
    const json *type = member(choice, "type");
    if (!type || !type->is_string())
        return invalid("Missing required parameter: 'tool_choice.type'.", "tool_choice", "missing_required_parameter");
    const std::string &kind = type->get_ref<const std::string &>();
    if (kind == "allowed_tools") {
        const json *allowed = chat ? member(choice, "allowed_tools") : &choice;
        const json *mode = allowed && allowed->is_object() ? member(*allowed, "mode") : nullptr;
        d->choice = mode && mode->is_string() && mode->get_ref<const std::string &>() == "required" ? Choice::Required
                                                                                                    : Choice::Auto;
        return {};
    }
    if (kind != "function") {
        d->choice = Choice::None;
        return {};
    }
    const json *fn = chat ? member(choice, "function") : &choice;
    const json *name = fn && fn->is_object() ? member(*fn, "name") : nullptr;
    if (!name || !name->is_string())
        return invalid(chat ? "Missing required parameter: 'tool_choice.function.name'."
                            : "Missing required parameter: 'tool_choice.name'.",
            "tool_choice", "missing_required_parameter");
    d->choice = Choice::Required;
    d->named = name->get<std::string>();
    if (!d->has(d->named))
        return invalid("Invalid value for 'tool_choice': no function named '" + echoed(d->named) + "' in 'tools'.",
            "tool_choice", "invalid_value");
    return {};
}

ApiError openAiTools(const json &doc, bool chat, Declared *d)
{
    const json *tools = member(doc, "tools");
    if (tools && !tools->is_array())
        return invalid("Invalid type for 'tools': expected an array of objects.", "tools", "invalid_type");
    if (tools && tools->empty() && chat)
        return invalid(
            "Invalid 'tools': empty array. Expected an array with minimum length 1, but got an empty array instead.",
            "tools", "empty_array");
    for (std::size_t i = 0; tools && i < tools->size(); ++i) {
        if (ApiError e = openAiTool((*tools)[i], "tools[" + number(i) + ']', chat, d))
            return e;
    }
    const json *choice = member(doc, "tool_choice");
    if (!choice)
        return {};
    if (!tools && chat)
        return invalid("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
            "tool_choice");
    return openAiChoice(*choice, chat, d);
}

// ---- Anthropic Messages --------------------------------------------------------------------------

// A custom tool (no type, or "custom") has a name and an input_schema; Anthropic's own tools (web_search_...,
// bash_..., text_editor_...) carry a type and a name and are never called here.
ApiError anthropicTool(const json &tool, const QByteArray &at, Declared *d)
{
    if (!tool.is_object())
        return invalid(at + ": Input should be a valid dictionary");
    const json *type = member(tool, "type");
    if (type && !type->is_string())
        return invalid(at + ".type: Input should be a valid string");
    const bool custom = !type || type->get_ref<const std::string &>() == "custom";
    const QByteArray where = custom ? QByteArray(at + ".custom") : at;
    const json *name = member(tool, "name");
    if (!name)
        return invalid(where + ".name: Field required");
    if (!name->is_string())
        return invalid(where + ".name: Input should be a valid string");
    if (!custom)
        return {};
    const std::string &n = name->get_ref<const std::string &>();
    if (!goodName(n, 128, false))
        return invalid(where + ".name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'");
    const json *schema = member(tool, "input_schema");
    if (!schema)
        return invalid(where + ".input_schema: Field required");
    if (!schema->is_object())
        return invalid(where + ".input_schema: Input should be a valid dictionary");
    if (const json *p = member(tool, "description"); p && !p->is_string())
        return invalid(where + ".description: Input should be a valid string");
    d->functions.push_back(n);
    return {};
}

ApiError anthropicChoice(const json &choice, Declared *d)
{
    if (!choice.is_object())
        return invalid("tool_choice: Input should be a valid dictionary or object to extract fields from");
    const json *type = member(choice, "type");
    if (!type || !type->is_string())
        return invalid("tool_choice: Unable to extract tag using discriminator 'type'");
    const std::string &kind = type->get_ref<const std::string &>();
    if (kind == "auto" || kind == "any" || kind == "none") {
        d->choice = kind == "any" ? Choice::Required : kind == "none" ? Choice::None : Choice::Auto;
        return {};
    }
    if (kind != "tool")
        return invalid("tool_choice: Input tag '" + echoed(kind)
            + "' found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'");
    const json *name = member(choice, "name");
    if (!name)
        return invalid("tool_choice.tool.name: Field required");
    if (!name->is_string())
        return invalid("tool_choice.tool.name: Input should be a valid string");
    d->choice = Choice::Required;
    d->named = name->get<std::string>();
    if (!d->has(d->named))
        return invalid("tool_choice.tool.name: Tool '" + echoed(d->named) + "' not found in tools");
    return {};
}

ApiError anthropicTools(const json &doc, Declared *d)
{
    const json *tools = member(doc, "tools");
    if (tools && !tools->is_array())
        return invalid("tools: Input should be a valid list");
    for (std::size_t i = 0; tools && i < tools->size(); ++i) {
        if (ApiError e = anthropicTool((*tools)[i], "tools." + number(i), d))
            return e;
    }
    const json *choice = member(doc, "tool_choice");
    if (!choice)
        return {};
    if (ApiError e = anthropicChoice(*choice, d))
        return e;
    if (!tools && d->choice != Choice::None)
        return invalid("tool_choice may only be specified while providing tools.");
    return {};
}

// ---- Gemini --------------------------------------------------------------------------------------

ApiError geminiDeclaration(const json &decl, const QByteArray &at, Declared *d)
{
    if (!decl.is_object())
        return invalid("Invalid value at '" + at
            + "' (type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionDeclaration)");
    const json *name = member(decl, "name");
    if (name && !name->is_string())
        return invalid("Invalid value at '" + at + ".name' (TYPE_STRING)");
    if (!name || name->get_ref<const std::string &>().empty())
        return invalid("* GenerateContentRequest." + at + ".name: Name cannot be empty.");
    const std::string &n = name->get_ref<const std::string &>();
    if (!goodName(n, 64, true))
        return invalid("* GenerateContentRequest." + at
            + ".name: Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, "
              "A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-), with a maximum length of 64.");
    if (const json *p = member(decl, "parameters"); p && !p->is_object())
        return invalid("Invalid value at '" + at
            + ".parameters' (type.googleapis.com/google.ai.generativelanguage.v1beta.Schema)");
    if (const json *p = member(decl, "description"); p && !p->is_string())
        return invalid("Invalid value at '" + at + ".description' (TYPE_STRING)");
    d->functions.push_back(n);
    return {};
}

ApiError geminiDeclarations(const json &doc, Declared *d)
{
    const json *tools = member(doc, "tools");
    if (tools && !tools->is_array())
        return invalid("Invalid value at 'tools' (type.googleapis.com/google.ai.generativelanguage.v1beta.Tool): "
                       "expected a list");
    for (std::size_t i = 0; tools && i < tools->size(); ++i) {
        const json &tool = (*tools)[i];
        const QByteArray at = "tools[" + number(i) + ']';
        if (!tool.is_object())
            return invalid(
                "Invalid value at '" + at + "' (type.googleapis.com/google.ai.generativelanguage.v1beta.Tool)");
        const json *decls = member(tool, "functionDeclarations", "function_declarations");
        if (!decls) // googleSearch, codeExecution, urlContext, ...
            continue;
        if (!decls->is_array())
            return invalid("Invalid value at '" + at
                + ".function_declarations' "
                  "(type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionDeclaration)"
                  ": expected a list");
        for (std::size_t j = 0; j < decls->size(); ++j) {
            if (ApiError e = geminiDeclaration((*decls)[j], at + ".function_declarations[" + number(j) + ']', d))
                return e;
        }
    }
    return {};
}

// toolConfig.functionCallingConfig: mode AUTO (VALIDATED too) | ANY | NONE; allowedFunctionNames only with ANY,
// every one declared; the first is the one called.
ApiError geminiToolConfig(const json &doc, Declared *d)
{
    const json *config = member(doc, "toolConfig", "tool_config");
    const json *fcc
        = config && config->is_object() ? member(*config, "functionCallingConfig", "function_calling_config") : nullptr;
    if (!fcc || !fcc->is_object())
        return {};
    static const QByteArray at = "tool_config.function_calling_config";
    if (const json *mode = member(*fcc, "mode")) {
        const std::string word = mode->is_string() ? mode->get<std::string>() : std::string("<not a string>");
        if (word == "ANY" || word == "NONE")
            d->choice = word == "ANY" ? Choice::Required : Choice::None;
        else if (word != "AUTO" && word != "VALIDATED" && word != "MODE_UNSPECIFIED")
            return invalid("Invalid value at '" + at
                + ".mode' (type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), \""
                + echoed(word) + '"');
    }
    const json *allowed = member(*fcc, "allowedFunctionNames", "allowed_function_names");
    if (!allowed || (allowed->is_array() && allowed->empty()))
        return {};
    if (!allowed->is_array()
        || !std::all_of(allowed->begin(), allowed->end(), [](const json &n) { return n.is_string(); }))
        return invalid("Invalid value at '" + at + ".allowed_function_names' (TYPE_STRING)");
    if (d->choice != Choice::Required)
        return invalid("* GenerateContentRequest." + at
            + ".allowed_function_names: allowed_function_names may only be set when mode is ANY.");
    for (std::size_t k = 0; k < allowed->size(); ++k) {
        const std::string &n = (*allowed)[k].get_ref<const std::string &>();
        if (!d->has(n))
            return invalid("* GenerateContentRequest." + at + ".allowed_function_names[" + number(k) + "]: function '"
                + echoed(n) + "' is not declared in tools.");
    }
    d->named = allowed->front().get<std::string>();
    return {};
}

} // namespace

ApiError readTools(WireProtocol protocol, const json &doc, RequestShape *out)
{
    Declared d;
    ApiError error;
    switch (protocol) {
    case WireProtocol::OpenAiChat:
    case WireProtocol::OpenAiResponses:
        error = openAiTools(doc, protocol == WireProtocol::OpenAiChat, &d);
        break;
    case WireProtocol::AnthropicMessages:
        error = anthropicTools(doc, &d);
        break;
    case WireProtocol::Gemini:
        error = geminiDeclarations(doc, &d);
        if (!error)
            error = geminiToolConfig(doc, &d);
        break;
    }
    if (error || d.choice == Choice::None || d.functions.empty())
        return error;
    out->toolName = QByteArray::fromStdString(d.named.empty() ? d.functions.front() : d.named);
    out->toolRequired = d.choice == Choice::Required;
    return {};
}

} // namespace stampede::gateway
