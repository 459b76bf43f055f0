#include "requestreader.h"

#include "prefixcache.h"
#include "requestjson.h"
#include "requesttools.h"

#include <nlohmann/json.hpp>

#include <limits>
#include <string_view>

namespace stampede::gateway {

using nlohmann::json;
using requestjson::invalid;
using requestjson::member;

namespace {

struct TextCount {
    qint64 cjk = 0;
    qint64 other = 0;

    void add(std::string_view s)
    {
        for (std::size_t i = 0; i < s.size();) {
            const uchar c = uchar(s[i]);
            const int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
            char32_t cp = len == 1 ? c : len == 2 ? c & 0x1f : len == 3 ? c & 0x0f : c & 0x07;
            for (int k = 1; k < len && i + std::size_t(k) < s.size(); ++k)
                cp = (cp << 6) | (uchar(s[i + std::size_t(k)]) & 0x3f);
            i += std::size_t(len);
            const bool isCjk = (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x2FFFF);
            ++(isCjk ? cjk : other);
        }
    }
    int tokens() const { return int(qMin<qint64>(cjk + (other + 3) / 4, std::numeric_limits<int>::max())); }
};

/// The prompt's text as it is read: all of it, and the system prompt apart (counted and hashed).
struct Prompt {
    TextCount all;
    TextCount system;
    quint64 systemHash = 0;
    bool hashing = false; ///< the prefix cache is on
    // The messages besides the system prompt (beginMessage()), for a conversation's history.
    int messages = 0;
    bool fromModel = false; ///< the current message is the model's own (assistant / model)
    TextCount conversation; ///< the messages' text so far
    quint64 conversationHash = 0; ///< of the messages' text so far, the model's own left out
    TextCount beforeLast; ///< `conversation` when the last message began
    quint64 hashBeforeLast = 0;

    void beginMessage(bool isModel)
    {
        ++messages;
        fromModel = isModel;
        beforeLast = conversation;
        hashBeforeLast = conversationHash;
    }
    void add(const std::string &text, bool isSystem)
    {
        all.add(text);
        if (!isSystem) {
            conversation.add(text);
            if (hashing && !fromModel)
                conversationHash = PrefixCache::hashText(conversationHash, text.data(), qsizetype(text.size()));
            return;
        }
        system.add(text);
        if (hashing)
            systemHash = PrefixCache::hashText(systemHash, text.data(), qsizetype(text.size()));
    }
    /// A string, or an array of blocks/parts with a "text" string each (other blocks are skipped).
    void addContent(const json &content, bool isSystem)
    {
        if (content.is_string())
            return add(content.get_ref<const std::string &>(), isSystem);
        if (!content.is_array())
            return;
        for (const json &part : content) {
            if (const auto text = part.find("text"); part.is_object() && text != part.end() && text->is_string())
                add(text->get_ref<const std::string &>(), isSystem);
        }
    }
};

/// `object`'s "role" is `role`.
bool isRole(const json &object, const char *role)
{
    const auto it = object.find("role");
    return it != object.end() && it->is_string() && it->get_ref<const std::string &>() == role;
}

// ---- OpenAI (Chat and Responses) ----------------------------------------------------------------

ApiError openAiStream(const json &doc, RequestShape *out)
{
    if (const json *s = member(doc, "stream")) {
        if (!s->is_boolean())
            return invalid("Invalid type for 'stream': expected a boolean.", "stream", "invalid_type");
        out->stream = s->get<bool>();
    }
    return {};
}

ApiError openAiMaxTokens(const json &doc, std::initializer_list<const char *> keys, RequestShape *out)
{
    for (const char *key : keys) {
        const json *mt = member(doc, key);
        if (!mt)
            continue;
        if (!mt->is_number_integer())
            return invalid(QByteArray("Invalid type for '") + key + "': expected an integer.", key, "invalid_type");
        if (mt->get<qint64>() < 1)
            return invalid(QByteArray("Invalid '") + key + "': integer below minimum value. Expected a value >= 1.",
                key, "integer_below_min_value");
        out->maxTokens = mt->get<qint64>();
        break;
    }
    return {};
}

// Checks stream, stream_options and max_tokens.
ApiError chatOptions(const json &doc, const GatewayConfig &config, RequestShape *out)
{
    if (ApiError e = openAiStream(doc, out))
        return e;
    if (const json *so = member(doc, "stream_options")) {
        if (config.rejectStreamOptions)
            return invalid("Unrecognized request argument supplied: stream_options");
        if (!out->stream)
            return invalid("The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options",
                "invalid_value");
        if (!so->is_object())
            return invalid("Invalid type for 'stream_options': expected an object.", "stream_options", "invalid_type");
        const auto usage = so->find("include_usage");
        out->includeUsage = usage != so->end() && usage->is_boolean() && usage->get<bool>() && config.sendUsage;
    }
    return openAiMaxTokens(doc, { "max_completion_tokens", "max_tokens" }, out);
}

// Messages must be a non-empty array of objects; the leading system or developer ones are the system prompt.
ApiError chatBody(const json &doc, const GatewayConfig &config, RequestShape *out, Prompt *prompt)
{
    const auto messages = doc.find("messages");
    if (messages == doc.end())
        return invalid("Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
    if (!messages->is_array() || messages->empty()) {
        return messages->is_array()
            ? invalid("[] is too short - 'messages'", "messages", "empty_array")
            : invalid("Invalid type for 'messages': expected an array.", "messages", "invalid_type");
    }
    bool leading = true;
    for (const json &m : *messages) {
        if (!m.is_object())
            return invalid("Invalid type for 'messages[]': expected an object.", "messages", "invalid_type");
        const auto role = m.find("role");
        leading = leading && role != m.end() && role->is_string()
            && (role->get_ref<const std::string &>() == "system"
                || role->get_ref<const std::string &>() == "developer");
        if (!leading)
            prompt->beginMessage(isRole(m, "assistant"));
        if (const auto content = m.find("content"); content != m.end())
            prompt->addContent(*content, leading);
    }
    return chatOptions(doc, config, out);
}

ApiError responsesBody(const json &doc, RequestShape *out, Prompt *prompt)
{
    const json *input = member(doc, "input");
    if (!input)
        return invalid("Missing required parameter: 'input'.", "input", "missing_required_parameter");
    if (input->is_string()) {
        prompt->add(input->get_ref<const std::string &>(), false);
    } else if (input->is_array()) {
        for (const json &item : *input) {
            if (!item.is_object())
                return invalid("Invalid type for 'input[]': expected an object.", "input", "invalid_type");
            prompt->beginMessage(isRole(item, "assistant"));
            if (const auto content = item.find("content"); content != item.end())
                prompt->addContent(*content, false);
        }
    } else {
        return invalid(
            "Invalid type for 'input': expected one of a string or array of input items.", "input", "invalid_type");
    }
    if (const json *instructions = member(doc, "instructions")) {
        if (!instructions->is_string())
            return invalid("Invalid type for 'instructions': expected a string.", "instructions", "invalid_type");
        prompt->add(instructions->get_ref<const std::string &>(), true);
    }
    if (ApiError e = openAiStream(doc, out))
        return e;
    return openAiMaxTokens(doc, { "max_output_tokens" }, out);
}

// ---- Anthropic Messages --------------------------------------------------------------------------

ApiError anthropicBody(const json &doc, RequestShape *out, Prompt *prompt)
{
    const json *maxTokens = member(doc, "max_tokens");
    if (!maxTokens)
        return invalid("max_tokens: Field required");
    if (!maxTokens->is_number_integer())
        return invalid("max_tokens: Input should be a valid integer");
    if (maxTokens->get<qint64>() < 1)
        return invalid("max_tokens: Input should be greater than or equal to 1");
    out->maxTokens = maxTokens->get<qint64>();
    const json *messages = member(doc, "messages");
    if (!messages)
        return invalid("messages: Field required");
    if (!messages->is_array())
        return invalid("messages: Input should be a valid list");
    if (messages->empty())
        return invalid("messages: at least one message is required");
    for (std::size_t i = 0; i < messages->size(); ++i) {
        const json &m = (*messages)[i];
        if (!m.is_object())
            return invalid("messages." + QByteArray::number(qulonglong(i)) + ": Input should be a valid dictionary");
        prompt->beginMessage(isRole(m, "assistant"));
        if (const auto content = m.find("content"); content != m.end())
            prompt->addContent(*content, false);
    }
    if (const json *system = member(doc, "system")) {
        if (!system->is_string() && !system->is_array())
            return invalid("system: Input should be a valid string");
        prompt->addContent(*system, true);
    }
    if (const json *stream = member(doc, "stream")) {
        if (!stream->is_boolean())
            return invalid("stream: Input should be a valid boolean");
        out->stream = stream->get<bool>();
    }
    return {};
}

// ---- Gemini --------------------------------------------------------------------------------------

void geminiParts(const json &content, bool isSystem, Prompt *prompt)
{
    if (const json *parts = content.is_object() ? member(content, "parts") : nullptr)
        prompt->addContent(*parts, isSystem);
}

ApiError geminiBody(const json &doc, RequestShape *out, Prompt *prompt)
{
    const json *contents = member(doc, "contents");
    if (!contents || (contents->is_array() && contents->empty()))
        return invalid("* GenerateContentRequest.contents: contents is not specified");
    if (!contents->is_array())
        return invalid("Invalid JSON payload received. Unknown name \"contents\": Proto field is not repeating, "
                       "cannot start list.");
    for (const json &content : *contents) {
        prompt->beginMessage(content.is_object() && isRole(content, "model"));
        geminiParts(content, false, prompt);
    }
    if (const json *system = member(doc, "systemInstruction", "system_instruction"))
        geminiParts(*system, true, prompt);
    if (const json *config = member(doc, "generationConfig", "generation_config")) {
        const json *maxTokens = config->is_object() ? member(*config, "maxOutputTokens", "max_output_tokens") : nullptr;
        if (maxTokens && (!maxTokens->is_number_integer() || maxTokens->get<qint64>() < 1))
            return invalid("* GenerateContentRequest.generation_config.max_output_tokens: max_output_tokens must be "
                           "positive.");
        if (maxTokens)
            out->maxTokens = maxTokens->get<qint64>();
    }
    out->stream = false; // the path says it (RequestTarget::pathStream), not the body
    return {};
}

// ---- the model and the JSON, per protocol ----------------------------------------------------------

ApiError badJson(WireProtocol protocol)
{
    switch (protocol) {
    case WireProtocol::AnthropicMessages:
        return invalid("There was an error parsing the body of your request. Check that it is valid JSON.");
    case WireProtocol::Gemini:
        return invalid("Invalid JSON payload received. Expected an object.");
    case WireProtocol::OpenAiChat:
    case WireProtocol::OpenAiResponses:
        break;
    }
    return invalid("We could not parse the JSON body of your request. (HINT: This likely means you aren't using "
                   "your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was "
                   "not valid JSON.)");
}

ApiError noModel(WireProtocol protocol)
{
    switch (protocol) {
    case WireProtocol::OpenAiChat:
        return invalid("you must provide a model parameter", "model", "missing_required_parameter");
    case WireProtocol::OpenAiResponses:
        return invalid("Missing required parameter: 'model'.", "model", "missing_required_parameter");
    case WireProtocol::AnthropicMessages:
        return invalid("model: Field required");
    case WireProtocol::Gemini:
        break;
    }
    return { 404, "Model name is missing from the path.", "invalid_request_error" };
}

ApiError unknownModel(WireProtocol protocol, QByteArray name)
{
    name = name.left(256);
    switch (protocol) {
    case WireProtocol::AnthropicMessages:
        return { 404, "model: " + name, "invalid_request_error" };
    case WireProtocol::Gemini:
        return { 404,
            "models/" + name
                + " is not found for API version v1beta, or is not supported for generateContent. Call ListModels "
                  "to see the list of available models and their supported methods.",
            "invalid_request_error" };
    case WireProtocol::OpenAiChat:
    case WireProtocol::OpenAiResponses:
        break;
    }
    return { 404, "The model `" + name + "` does not exist or you do not have access to it.", "invalid_request_error",
        nullptr, "model_not_found" };
}

} // namespace

int estimatePromptTokens(QByteArrayView utf8)
{
    TextCount count;
    count.add(std::string_view(utf8.data(), std::size_t(utf8.size())));
    return count.tokens();
}

int findModel(const GatewayConfig &config, QByteArrayView name)
{
    const QString model = QString::fromUtf8(name);
    for (qsizetype i = 0; i < config.models.size(); ++i) {
        if (config.models[i].model == model)
            return int(i);
    }
    return -1;
}

ApiError readRequest(
    const RequestTarget &target, const QByteArray &body, const GatewayConfig &config, RequestShape *out)
{
    const WireProtocol protocol = target.protocol;
    const json doc = json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return badJson(protocol);
    QByteArray name = target.pathModel;
    if (protocol != WireProtocol::Gemini) {
        const auto model = doc.find("model");
        if (model == doc.end() || !model->is_string())
            return noModel(protocol);
        name = QByteArray::fromStdString(model->get<std::string>());
    } else if (name.isEmpty()) {
        return noModel(protocol);
    }
    *out = RequestShape {};
    out->model = findModel(config, name);
    if (out->model < 0)
        return unknownModel(protocol, name);
    Prompt prompt;
    prompt.hashing = config.prefixCache.enabled;
    ApiError error;
    switch (protocol) {
    case WireProtocol::OpenAiChat:
        error = chatBody(doc, config, out, &prompt);
        break;
    case WireProtocol::OpenAiResponses:
        error = responsesBody(doc, out, &prompt);
        break;
    case WireProtocol::AnthropicMessages:
        error = anthropicBody(doc, out, &prompt);
        break;
    case WireProtocol::Gemini:
        error = geminiBody(doc, out, &prompt);
        out->stream = target.pathStream;
        break;
    }
    if (!error)
        error = readTools(protocol, doc, out);
    if (error)
        return error;
    out->promptTokens = qMax(1, prompt.all.tokens());
    out->systemTokens = prompt.system.tokens();
    out->systemHash = prompt.systemHash;
    out->messages = prompt.messages;
    if (prompt.hashing) {
        // The system prompt's hash leads, so two conversations under different system prompts differ.
        const auto key = [&prompt](quint64 messagesHash) {
            return PrefixCache::hashText(prompt.systemHash, reinterpret_cast<const char *>(&messagesHash),
                       qsizetype(sizeof messagesHash))
                ^ 0xC0C0C0C0C0C0C0C0ULL; // apart from the system prompts' keys
        };
        out->conversationKey = key(prompt.conversationHash);
        if (prompt.messages > 1) {
            out->historyKey = key(prompt.hashBeforeLast);
            out->historyTokens = prompt.beforeLast.tokens() + prompt.system.tokens();
        }
    }
    return {};
}

} // namespace stampede::gateway
