#include "protocol/streamevents.h"
#include "protocol/toolsjson.h"

#include <nlohmann/json.hpp>

#include <QUrl>

#include <algorithm>

namespace stampede::protocol {

namespace {

using json = nlohmann::json;

QString str(const json &j, const char *key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

std::optional<qint64> count(const json &j, const char *key)
{
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer() || it->get<qint64>() < 0)
        return std::nullopt;
    return it->get<qint64>();
}

const json *object(const json &j, const char *key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_object() ? &*it : nullptr;
}

QString errorText(const json &error)
{
    if (error.is_string())
        return QString::fromStdString(error.get<std::string>());
    if (!error.is_object())
        return QStringLiteral("error");
    QString message = str(error, "message");
    QString type = str(error, "type");
    for (const char *key : { "status", "code" })
        if (type.isEmpty())
            type = str(error, key); // Gemini's status, Responses' code
    if (message.isEmpty())
        message = type.isEmpty() ? QStringLiteral("error") : type;
    else if (!type.isEmpty())
        message = type + QStringLiteral(": ") + message;
    return message.left(500);
}

int indexOf(const json &j, const char *key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_number_integer() ? int(std::clamp<qint64>(it->get<qint64>(), 0, 1 << 20)) : -1;
}

/// A call's arguments given as JSON (Anthropic's input, Gemini's args): their text; an object is
/// what they must be, anything else is passed on as it is for the assembler to judge.
QString argumentsText(const json *value)
{
    if (!value)
        return QStringLiteral("{}"); // a function without parameters
    return QString::fromStdString(value->dump(-1, ' ', false, json::error_handler_t::replace));
}

void addToolPiece(StreamEvent &e, int index, const QString &name, const QString &arguments, bool whole)
{
    e.hasContent = e.toolCall = true;
    e.toolCalls.append({ index, name, arguments, whole });
}

void addText(StreamEvent &e, const QString &text, bool reasoning)
{
    if (text.isEmpty())
        return;
    e.hasContent = true;
    e.reasoning = e.reasoning || reasoning;
    e.text += text;
    if (!reasoning)
        e.replyText += text;
}

// ---- Anthropic Messages -------------------------------------------------------------------------

void anthropicUsage(const json &usage, StreamEvent &e)
{
    e.usage.promptTokens = count(usage, "input_tokens");
    e.usage.completionTokens = count(usage, "output_tokens");
    e.usage.cacheReadTokens = count(usage, "cache_read_input_tokens");
    e.usage.cacheCreationTokens = count(usage, "cache_creation_input_tokens");
}

/// The data's own "type", else the SSE event's name (both protocols send both; the data decides).
QString typeOf(const json &j, QByteArrayView eventName)
{
    const QString type = str(j, "type");
    return type.isEmpty() ? QString::fromUtf8(eventName) : type;
}

void anthropic(const json &j, const QString &type, StreamEvent &e)
{
    if (type == u"message_start") {
        if (const json *message = object(j, "message")) {
            e.model = str(*message, "model");
            if (const json *usage = object(*message, "usage"))
                anthropicUsage(*usage, e);
        }
    } else if (type == u"content_block_start") {
        if (const json *block = object(j, "content_block")) {
            const QString kind = str(*block, "type");
            if (kind == u"tool_use" || kind == u"server_tool_use") {
                // The call's name is its first token. The block's "input" is {} here: the arguments
                // follow as input_json_delta fragments.
                addToolPiece(e, indexOf(j, "index"), str(*block, "name"), {}, false);
                e.text = str(*block, "name");
            } else if (kind == u"text") {
                addText(e, str(*block, "text"), false);
            } else if (kind == u"thinking") {
                addText(e, str(*block, "thinking"), true);
            }
        }
    } else if (type == u"content_block_delta") {
        if (const json *delta = object(j, "delta")) {
            const QString kind = str(*delta, "type");
            if (kind == u"text_delta") {
                addText(e, str(*delta, "text"), false);
            } else if (kind == u"thinking_delta") {
                addText(e, str(*delta, "thinking"), true);
            } else if (kind == u"input_json_delta") {
                const QString json = str(*delta, "partial_json");
                if (!json.isEmpty()) {
                    addToolPiece(e, indexOf(j, "index"), {}, json, false);
                    e.text = json;
                }
            }
        }
    } else if (type == u"message_delta") {
        if (const json *delta = object(j, "delta"))
            e.finishReason = normalisedFinishReason(WireProtocol::AnthropicMessages, str(*delta, "stop_reason"));
        if (const json *usage = object(j, "usage"))
            anthropicUsage(*usage, e);
    } else if (type == u"message_stop") {
        e.terminal = true;
    } else if (type == u"error") {
        e.errorMessage = errorText(j.contains("error") ? j["error"] : j);
    } else if (type != u"ping" && type != u"content_block_stop") {
        return; // not an event of this protocol (an unknown new one is read past by the caller)
    }
    e.valid = true;
}

// ---- OpenAI Responses ---------------------------------------------------------------------------

void responsesUsage(const json &usage, StreamEvent &e)
{
    const auto input = count(usage, "input_tokens");
    std::optional<qint64> cached;
    if (const json *details = object(usage, "input_tokens_details"))
        cached = count(*details, "cached_tokens");
    if (input)
        e.usage.promptTokens = *input - std::min(*input, cached.value_or(0));
    e.usage.cacheReadTokens = cached;
    e.usage.completionTokens = count(usage, "output_tokens");
    if (const json *details = object(usage, "output_tokens_details"))
        e.usage.reasoningTokens = count(*details, "reasoning_tokens");
}

void responses(const json &j, const QString &type, StreamEvent &e)
{
    if (!type.startsWith(u"response.") && type != u"error")
        return;
    e.valid = true;
    if (type == u"response.output_text.delta" || type == u"response.refusal.delta") {
        addText(e, str(j, "delta"), false);
    } else if (type == u"response.reasoning_text.delta" || type == u"response.reasoning_summary_text.delta"
        || type == u"response.reasoning.delta") {
        addText(e, str(j, "delta"), true);
    } else if (type == u"response.function_call_arguments.delta") {
        const QString delta = str(j, "delta");
        if (!delta.isEmpty()) {
            addToolPiece(e, indexOf(j, "output_index"), {}, delta, false);
            e.text = delta;
        }
    } else if (type == u"response.function_call_arguments.done") {
        // The whole arguments again: they replace the fragments (not content: no TTFT, no text).
        if (j.contains("arguments"))
            e.toolCalls.append({ indexOf(j, "output_index"), {}, str(j, "arguments"), true });
    } else if (type == u"response.output_item.added") {
        if (const json *item = object(j, "item"); item && str(*item, "type") == u"function_call")
            e.toolCalls.append({ indexOf(j, "output_index"), str(*item, "name"), {}, false });
    } else if (type == u"error") {
        e.errorMessage = errorText(j);
    } else if (const json *response = object(j, "response")) {
        e.model = str(*response, "model");
        if (const json *usage = object(*response, "usage"))
            responsesUsage(*usage, e);
        if (type == u"response.completed") {
            e.terminal = true;
            bool calledTool = false;
            if (const auto output = response->find("output"); output != response->end() && output->is_array())
                for (const json &item : *output)
                    calledTool = calledTool || (item.is_object() && str(item, "type") == u"function_call");
            e.finishReason = calledTool ? QStringLiteral("tool_calls") : QStringLiteral("stop");
        } else if (type == u"response.incomplete") {
            e.terminal = true;
            const json *details = object(*response, "incomplete_details");
            e.finishReason
                = normalisedFinishReason(WireProtocol::OpenAiResponses, details ? str(*details, "reason") : QString());
        } else if (type == u"response.failed") {
            e.terminal = true;
            const auto error = response->find("error");
            e.errorMessage
                = error != response->end() && !error->is_null() ? errorText(*error) : QStringLiteral("response.failed");
        }
    }
}

// ---- Gemini ---------------------------------------------------------------------------------------

void gemini(const json &j, StreamEvent &e)
{
    if (const auto error = j.find("error"); error != j.end()) {
        e.valid = true;
        e.errorMessage = errorText(*error);
        return;
    }
    const auto candidates = j.find("candidates");
    const json *usage = object(j, "usageMetadata");
    if ((candidates == j.end() || !candidates->is_array()) && !usage)
        return;
    e.valid = true;
    e.model = str(j, "modelVersion");
    if (candidates != j.end() && candidates->is_array() && !candidates->empty() && (*candidates)[0].is_object()) {
        const json &first = (*candidates)[0];
        if (const json *content = object(first, "content"))
            if (const auto parts = content->find("parts"); parts != content->end() && parts->is_array())
                for (const json &part : *parts) {
                    if (!part.is_object())
                        continue;
                    if (const json *call = object(part, "functionCall")) {
                        const auto args = call->find("args");
                        addToolPiece(
                            e, -1, str(*call, "name"), argumentsText(args != call->end() ? &*args : nullptr), true);
                        e.text += str(*call, "name");
                    } else {
                        const auto thought = part.find("thought");
                        addText(e, str(part, "text"),
                            thought != part.end() && thought->is_boolean() && thought->get<bool>());
                    }
                }
        e.finishReason = normalisedFinishReason(WireProtocol::Gemini, str(first, "finishReason"));
        if (e.toolCall && e.finishReason == u"stop")
            e.finishReason = QStringLiteral("tool_calls");
        e.terminal = !e.finishReason.isEmpty(); // Gemini's stream has no end event: the finish reason is its last
    }
    if (usage) {
        const auto prompt = count(*usage, "promptTokenCount");
        const auto cached = count(*usage, "cachedContentTokenCount");
        if (prompt)
            e.usage.promptTokens = *prompt - std::min(*prompt, cached.value_or(0));
        e.usage.cacheReadTokens = cached;
        const auto candidatesTokens = count(*usage, "candidatesTokenCount");
        const auto thoughts = count(*usage, "thoughtsTokenCount");
        if (candidatesTokens || thoughts)
            e.usage.completionTokens = candidatesTokens.value_or(0) + thoughts.value_or(0);
        e.usage.reasoningTokens = thoughts;
    }
}

// ---- OpenAI Chat Completions: the existing reader --------------------------------------------------

/// A ChunkInfo (a streamed chunk) or a CompletionInfo (a whole completion): the same fields.
template <class ChatInfo> StreamEvent fromChat(const ChatInfo &info)
{
    StreamEvent e;
    e.valid = info.valid;
    e.hasContent = info.hasContent;
    e.text = info.contentText;
    e.replyText = info.contentText;
    e.finishReason = info.finishReason;
    e.model = info.model;
    e.errorMessage = info.errorMessage;
    e.toolCalls = info.toolCalls;
    e.toolCall = !info.toolCalls.isEmpty();
    if (info.usage) {
        // Cached tokens are part of OpenAI's prompt_tokens: taken out, as for the other protocols.
        e.usage.promptTokens = info.usage->promptTokens - info.usage->cachedTokens;
        e.usage.completionTokens = info.usage->completionTokens;
        if (info.usage->cachedTokens > 0)
            e.usage.cacheReadTokens = info.usage->cachedTokens;
        e.usage.reasoningTokens = info.usage->reasoningTokens;
    }
    return e;
}

std::string utf8(const QString &text)
{
    return text.toStdString();
}

QByteArray dump(const nlohmann::ordered_json &body)
{
    // UTF-8 passes through unescaped (valid JSON); `replace` guards against lone surrogates.
    const std::string text = body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    return QByteArray(text.data(), qsizetype(text.size()));
}

// ---- whole answers ---------------------------------------------------------------------------------

void anthropicWhole(const json &j, StreamEvent &e)
{
    if (str(j, "type") == u"error" || j.contains("error")) {
        e.valid = true;
        e.errorMessage = errorText(j.contains("error") ? j["error"] : j);
        return;
    }
    const auto content = j.find("content");
    if (content == j.end() || !content->is_array())
        return;
    e.valid = e.terminal = true;
    e.model = str(j, "model");
    for (const json &block : *content) {
        if (!block.is_object())
            continue;
        const QString kind = str(block, "type");
        if (kind == u"text")
            addText(e, str(block, "text"), false);
        else if (kind == u"thinking")
            addText(e, str(block, "thinking"), true);
        else if (kind == u"tool_use") {
            const auto input = block.find("input");
            addToolPiece(e, -1, str(block, "name"), argumentsText(input != block.end() ? &*input : nullptr), true);
            e.text += str(block, "name");
        }
    }
    e.finishReason = normalisedFinishReason(WireProtocol::AnthropicMessages, str(j, "stop_reason"));
    if (const json *usage = object(j, "usage"))
        anthropicUsage(*usage, e);
}

void responsesWhole(const json &j, StreamEvent &e)
{
    if (const auto error = j.find("error"); error != j.end() && !error->is_null() && !j.contains("output")) {
        e.valid = true;
        e.errorMessage = errorText(*error);
        return;
    }
    const auto output = j.find("output");
    if (output == j.end() || !output->is_array())
        return;
    e.valid = e.terminal = true;
    e.model = str(j, "model");
    bool calledTool = false;
    for (const json &item : *output) {
        if (!item.is_object())
            continue;
        const QString kind = str(item, "type");
        if (kind == u"function_call") {
            calledTool = true;
            addToolPiece(e, -1, str(item, "name"), str(item, "arguments"), true);
            e.text += str(item, "name");
        } else if (const auto parts = item.find(kind == u"reasoning" ? "summary" : "content");
                   parts != item.end() && parts->is_array()) {
            for (const json &part : *parts)
                if (part.is_object())
                    addText(e, str(part, "text"), kind == u"reasoning");
        }
    }
    if (const json *usage = object(j, "usage"))
        responsesUsage(*usage, e);
    const QString status = str(j, "status");
    if (status == u"incomplete") {
        const json *details = object(j, "incomplete_details");
        e.finishReason
            = normalisedFinishReason(WireProtocol::OpenAiResponses, details ? str(*details, "reason") : QString());
    } else if (status == u"failed") {
        const auto error = j.find("error");
        e.errorMessage = error != j.end() && !error->is_null() ? errorText(*error) : QStringLiteral("response failed");
    } else {
        e.finishReason = calledTool ? QStringLiteral("tool_calls") : QStringLiteral("stop");
    }
}

} // namespace

void UsageReport::mergeInto(UsageReport &total) const
{
    for (auto [from, to] :
        { std::pair { &promptTokens, &total.promptTokens }, std::pair { &completionTokens, &total.completionTokens },
            std::pair { &cacheReadTokens, &total.cacheReadTokens },
            std::pair { &cacheCreationTokens, &total.cacheCreationTokens },
            std::pair { &reasoningTokens, &total.reasoningTokens } })
        if (*from)
            *to = *from;
}

QString normalisedFinishReason(WireProtocol protocol, const QString &word)
{
    if (word.isEmpty())
        return {};
    switch (protocol) {
    case WireProtocol::OpenAiChat:
        return word;
    case WireProtocol::OpenAiResponses:
        if (word == u"max_output_tokens")
            return QStringLiteral("length");
        if (word == u"content_filter")
            return QStringLiteral("content_filter");
        return word;
    case WireProtocol::AnthropicMessages:
        if (word == u"end_turn" || word == u"stop_sequence")
            return QStringLiteral("stop");
        if (word == u"max_tokens" || word == u"model_context_window_exceeded")
            return QStringLiteral("length");
        if (word == u"tool_use")
            return QStringLiteral("tool_calls");
        if (word == u"refusal")
            return QStringLiteral("content_filter");
        return word;
    case WireProtocol::Gemini:
        if (word == u"STOP")
            return QStringLiteral("stop");
        if (word == u"MAX_TOKENS")
            return QStringLiteral("length");
        if (word == u"SAFETY" || word == u"RECITATION" || word == u"BLOCKLIST" || word == u"PROHIBITED_CONTENT"
            || word == u"SPII" || word == u"IMAGE_SAFETY")
            return QStringLiteral("content_filter");
        if (word == u"FINISH_REASON_UNSPECIFIED")
            return {};
        return word;
    }
    return word;
}

StreamEvent parseWholeResponse(WireProtocol protocol, QByteArrayView body)
{
    if (protocol == WireProtocol::OpenAiChat) {
        const CompletionInfo info = parseCompletion(body);
        StreamEvent e = fromChat(info);
        e.terminal = e.valid && e.errorMessage.isEmpty();
        e.answer = info.hasChoices;
        return e;
    }
    StreamEvent e;
    const json j = json::parse(body.begin(), body.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return e;
    switch (protocol) {
    case WireProtocol::AnthropicMessages:
        anthropicWhole(j, e);
        break;
    case WireProtocol::OpenAiResponses:
        responsesWhole(j, e);
        break;
    case WireProtocol::Gemini:
        gemini(j, e);
        e.terminal = e.valid && e.errorMessage.isEmpty();
        break;
    case WireProtocol::OpenAiChat:
        break;
    }
    e.answer = e.valid && e.errorMessage.isEmpty() && (e.terminal || e.hasContent || !e.finishReason.isEmpty());
    return e;
}

namespace {
/// The system text (the spec's own, then any "system" message of its conversation, joined) and the
/// "auto", "required", "none": a tool choice that names no function.
bool isChoiceWord(const QString &choice)
{
    return choice == u"auto" || choice == u"required" || choice == u"none";
}

/// turns without them, as the protocols other than OpenAI Chat take them (system apart).
QString systemText(const ChatRequestSpec &spec)
{
    QStringList parts;
    if (!spec.systemPrompt.isEmpty())
        parts << spec.systemPrompt;
    for (const ChatMessage &m : spec.messages)
        if (m.role == u"system" || m.role == u"developer")
            parts << m.content;
    return parts.join(QStringLiteral("\n\n"));
}

QList<ChatMessage> turns(const ChatRequestSpec &spec)
{
    if (spec.messages.isEmpty())
        return { { QStringLiteral("user"), spec.userPrompt } };
    QList<ChatMessage> out;
    for (const ChatMessage &m : spec.messages)
        if (m.role != u"system" && m.role != u"developer")
            out << m;
    return out;
}

/// [{role, content}] with `assistant` renamed for protocols that call it otherwise.
nlohmann::ordered_json messageArray(const QList<ChatMessage> &messages)
{
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    for (const ChatMessage &m : messages)
        array.push_back({ { "role", utf8(m.role) }, { "content", utf8(m.content) } });
    return array;
}
} // namespace

WireRequest buildWireRequest(WireProtocol protocol, const ChatRequestSpec &spec)
{
    using ojson = nlohmann::ordered_json;
    const QString system = systemText(spec);
    WireRequest request;
    switch (protocol) {
    case WireProtocol::OpenAiChat:
        request.path = QStringLiteral("chat/completions");
        request.body = buildChatRequestBody(spec);
        return request;
    case WireProtocol::OpenAiResponses: {
        request.path = QStringLiteral("responses");
        ojson body;
        body["model"] = utf8(spec.model);
        if (!system.isEmpty())
            body["instructions"] = utf8(system);
        body["input"] = messageArray(turns(spec));
        body["max_output_tokens"] = spec.maxTokens;
        body["temperature"] = spec.temperature;
        body["stream"] = spec.stream;
        body["store"] = false; // a load test's answers are not worth keeping on the server
        if (!spec.tools.isEmpty()) {
            ojson tools = ojson::array();
            for (const ToolDeclaration &tool : spec.tools) {
                ojson function { { "type", "function" } };
                function.update(detail::functionJson(tool, "parameters"));
                tools.push_back(std::move(function));
            }
            body["tools"] = std::move(tools);
            if (isChoiceWord(spec.toolChoice))
                body["tool_choice"] = utf8(spec.toolChoice);
            else if (!spec.toolChoice.isEmpty())
                body["tool_choice"] = { { "type", "function" }, { "name", utf8(spec.toolChoice) } };
        }
        request.body = dump(body);
        return request;
    }
    case WireProtocol::AnthropicMessages: {
        request.path = QStringLiteral("messages");
        ojson body;
        body["model"] = utf8(spec.model);
        body["max_tokens"] = spec.maxTokens;
        if (!system.isEmpty())
            body["system"] = utf8(system);
        body["messages"] = messageArray(turns(spec));
        body["temperature"] = spec.temperature;
        body["stream"] = spec.stream;
        if (!spec.tools.isEmpty()) {
            ojson tools = ojson::array();
            for (const ToolDeclaration &tool : spec.tools)
                tools.push_back(detail::functionJson(tool, "input_schema"));
            body["tools"] = std::move(tools);
            // Anthropic's words: auto, any (= required), none, or {"type":"tool","name"}.
            if (spec.toolChoice == u"required")
                body["tool_choice"] = { { "type", "any" } };
            else if (isChoiceWord(spec.toolChoice))
                body["tool_choice"] = { { "type", utf8(spec.toolChoice) } };
            else if (!spec.toolChoice.isEmpty())
                body["tool_choice"] = { { "type", "tool" }, { "name", utf8(spec.toolChoice) } };
        }
        request.body = dump(body);
        return request;
    }
    case WireProtocol::Gemini: {
        const QString model = QString::fromUtf8(QUrl::toPercentEncoding(spec.model, "-._~"));
        request.path = QStringLiteral("models/%1:%2")
                           .arg(model,
                               spec.stream ? QStringLiteral("streamGenerateContent?alt=sse")
                                           : QStringLiteral("generateContent"));
        ojson body;
        ojson contents = ojson::array();
        for (const ChatMessage &m : turns(spec)) // Gemini calls the assistant "model"
            contents.push_back({ { "role", m.role == u"assistant" ? "model" : utf8(m.role) },
                { "parts", ojson::array({ { { "text", utf8(m.content) } } }) } });
        body["contents"] = std::move(contents);
        if (!system.isEmpty())
            body["systemInstruction"] = { { "parts", ojson::array({ { { "text", utf8(system) } } }) } };
        body["generationConfig"] = { { "maxOutputTokens", spec.maxTokens }, { "temperature", spec.temperature } };
        if (!spec.tools.isEmpty()) {
            ojson declarations = ojson::array();
            for (const ToolDeclaration &tool : spec.tools)
                declarations.push_back(detail::functionJson(tool, "parameters"));
            body["tools"] = ojson::array({ { { "functionDeclarations", std::move(declarations) } } });
            // Gemini's modes: AUTO, ANY (= required; with allowedFunctionNames, one function), NONE.
            if (spec.toolChoice == u"required")
                body["toolConfig"] = { { "functionCallingConfig", { { "mode", "ANY" } } } };
            else if (isChoiceWord(spec.toolChoice))
                body["toolConfig"]
                    = { { "functionCallingConfig", { { "mode", spec.toolChoice == u"none" ? "NONE" : "AUTO" } } } };
            else if (!spec.toolChoice.isEmpty())
                body["toolConfig"] = { { "functionCallingConfig",
                    { { "mode", "ANY" }, { "allowedFunctionNames", ojson::array({ utf8(spec.toolChoice) }) } } } };
        }
        request.body = dump(body);
        return request;
    }
    }
    return request;
}

QList<QPair<QByteArray, QByteArray>> authHeaders(WireProtocol protocol, const QString &apiKey)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    const QByteArray key = apiKey.toUtf8();
    switch (protocol) {
    case WireProtocol::OpenAiChat:
    case WireProtocol::OpenAiResponses:
        if (!key.isEmpty())
            headers.append({ QByteArray("Authorization"), QByteArray("Bearer " + key) });
        break;
    case WireProtocol::AnthropicMessages:
        if (!key.isEmpty())
            headers.append({ QByteArray("x-api-key"), key });
        headers.append({ QByteArray("anthropic-version"), QByteArray("2023-06-01") });
        break;
    case WireProtocol::Gemini:
        if (!key.isEmpty())
            headers.append({ QByteArray("x-goog-api-key"), key });
        break;
    }
    return headers;
}

std::optional<QStringList> parseModelListFor(WireProtocol protocol, QByteArrayView body)
{
    if (protocol != WireProtocol::Gemini)
        return parseModelList(body);
    const json j = json::parse(body.begin(), body.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return std::nullopt;
    const auto models = j.find("models");
    if (models == j.end() || !models->is_array())
        return std::nullopt;
    QStringList ids;
    for (const json &model : *models) {
        if (!model.is_object())
            continue;
        QString name = str(model, "name");
        if (name.startsWith(u"models/"))
            name.remove(0, 7);
        if (!name.isEmpty())
            ids << name;
    }
    return ids;
}

StreamEvent parseStreamEvent(WireProtocol protocol, QByteArrayView eventName, QByteArrayView data)
{
    if (protocol == WireProtocol::OpenAiChat)
        return fromChat(parseStreamChunk(data));
    StreamEvent e;
    const json j = json::parse(data.begin(), data.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return e;
    switch (protocol) {
    case WireProtocol::AnthropicMessages:
        anthropic(j, typeOf(j, eventName), e);
        break;
    case WireProtocol::OpenAiResponses:
        responses(j, typeOf(j, eventName), e);
        break;
    case WireProtocol::Gemini:
        gemini(j, e);
        break;
    case WireProtocol::OpenAiChat:
        break;
    }
    return e;
}

} // namespace stampede::protocol
