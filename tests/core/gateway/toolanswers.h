#pragma once
// For tst_gatewaytools: requests that declare tools in each protocol the simulated gateway speaks,
// and their answers read back as a client assembles them (the call's name, id and arguments, the
// fragments concatenated), with the raw JSON of each event or body.

#include "gatewaytesthelpers.h"
#include "protocol/ssedecoder.h"
#include "protocol/streamevents.h"
#include "rawhttpclient.h"

#include <nlohmann/json.hpp>

#include <QByteArray>
#include <QList>
#include <QString>

namespace stampede::test {

using nlohmann::json;
using protocol::WireProtocol;

// How a request chooses (a test column of int: these values).
enum ToolChoice { Unset, Auto, Required, None, Named }; // Named: get_time, the second function declared

/// Two functions, get_weather then get_time, as `p` declares them.
inline QByteArray toolsJson(WireProtocol p)
{
    switch (p) {
    case WireProtocol::OpenAiChat:
        return R"([{"type":"function","function":{"name":"get_weather","description":"The weather in a city.",)"
               R"("parameters":{"type":"object","properties":{"input":{"type":"string"}}}}},)"
               R"({"type":"function","function":{"name":"get_time","parameters":{"type":"object"}}}])";
    case WireProtocol::OpenAiResponses:
        return R"([{"type":"function","name":"get_weather","description":"The weather in a city.",)"
               R"("parameters":{"type":"object","properties":{"input":{"type":"string"}}}},)"
               R"({"type":"web_search"},{"type":"function","name":"get_time","parameters":{"type":"object"}}])";
    case WireProtocol::AnthropicMessages:
        return R"([{"name":"get_weather","description":"The weather in a city.",)"
               R"("input_schema":{"type":"object","properties":{"input":{"type":"string"}}}},)"
               R"({"type":"custom","name":"get_time","input_schema":{"type":"object"}}])";
    case WireProtocol::Gemini:
        return R"([{"googleSearch":{}},{"functionDeclarations":[{"name":"get_weather","description":"The weather.",)"
               R"("parameters":{"type":"OBJECT","properties":{"input":{"type":"STRING"}}}},)"
               R"({"name":"get_time","parameters":{"type":"OBJECT"}}]}])";
    }
    return {};
}

/// The tool choice member, with its leading comma, as `p` spells `choice` (empty: unset).
inline QByteArray choiceJson(WireProtocol p, int choice)
{
    if (choice == Unset)
        return {};
    switch (p) {
    case WireProtocol::OpenAiChat:
    case WireProtocol::OpenAiResponses: {
        const QByteArray named = p == WireProtocol::OpenAiChat ? R"({"type":"function","function":{"name":"get_time"}})"
                                                               : R"({"type":"function","name":"get_time"})";
        const QByteArray words[] = { {}, "\"auto\"", "\"required\"", "\"none\"", named };
        return ",\"tool_choice\":" + words[choice];
    }
    case WireProtocol::AnthropicMessages: {
        const char *types[] = { "", "auto", "any", "none", R"(tool","name":"get_time)" };
        return QByteArray(",\"tool_choice\":{\"type\":\"") + types[choice] + "\"}";
    }
    case WireProtocol::Gemini: {
        const char *modes[] = { "", "AUTO", "ANY", "NONE", R"(ANY","allowedFunctionNames":["get_time"])" };
        return QByteArray(R"(,"toolConfig":{"functionCallingConfig":{"mode":")") + modes[choice]
            + (choice == Named ? "}}" : "\"}}");
    }
    }
    return {};
}

/// A generation request of `p` for sim-fast whose body ends with `extra` members.
inline QByteArray request(WireProtocol p, bool stream, const QByteArray &extra, int maxTokens = 150)
{
    const QByteArray s = stream ? "true" : "false";
    const QByteArray max = QByteArray::number(maxTokens);
    const QByteArray user = R"([{"role":"user","content":"What is the weather in Paris?"}])";
    switch (p) {
    case WireProtocol::OpenAiChat:
        return RawHttpClient::request("POST", "/v1/chat/completions",
            R"({"model":"sim-fast","stream":)" + s + R"(,"max_tokens":)" + max + R"(,"messages":)" + user + extra
                + '}');
    case WireProtocol::OpenAiResponses:
        return RawHttpClient::request("POST", "/v1/responses",
            R"({"model":"sim-fast","stream":)" + s + R"(,"max_output_tokens":)" + max
                + R"(,"input":"What is the weather in Paris?")" + extra + '}');
    case WireProtocol::AnthropicMessages:
        return RawHttpClient::request("POST", "/v1/messages",
            R"({"model":"sim-fast","stream":)" + s + R"(,"max_tokens":)" + max + R"(,"messages":)" + user + extra + '}',
            "anthropic-version: 2023-06-01\r\n");
    case WireProtocol::Gemini:
        return RawHttpClient::request("POST",
            stream ? "/v1beta/models/sim-fast:streamGenerateContent?alt=sse"
                   : "/v1beta/models/sim-fast:generateContent",
            R"({"contents":[{"role":"user","parts":[{"text":"What is the weather in Paris?"}]}],)"
            R"("generationConfig":{"maxOutputTokens":)"
                + max + '}' + extra + '}');
    }
    return {};
}

inline QByteArray withTools(WireProtocol p, bool stream, int choice, int maxTokens = 150)
{
    return request(p, stream, ",\"tools\":" + toolsJson(p) + choiceJson(p, choice), maxTokens);
}

inline QByteArray text(const json &v)
{
    return v.is_string() ? QByteArray::fromStdString(v.get<std::string>()) : QByteArray();
}

/// Arguments a protocol carries as a JSON value (Anthropic's input, Gemini's args): the object's text,
/// or the string's (broken arguments come as a string).
inline QByteArray argumentsOf(const json &v)
{
    return v.is_string() ? text(v) : QByteArray::fromStdString(v.dump());
}

inline const json &nullJson()
{
    static const json null;
    return null;
}

/// v[key], or null when v is not an object or has no such member (const json's [] would be undefined).
inline const json &at(const json &v, const char *key)
{
    return v.is_object() && v.contains(key) ? v[key] : nullJson();
}

/// v[0], or null when v is not a non-empty array.
inline const json &first(const json &v)
{
    return v.is_array() && !v.empty() ? v[0] : nullJson();
}

/// What one answer says, read from its bytes as a client assembles them.
struct Answer {
    int status = 0;
    QByteArray name; ///< the function called; empty: none
    QByteArray callId;
    QByteArray arguments; ///< streams: the fragments concatenated
    int fragments = 0; ///< streams: argument fragments (Gemini: the functionCall parts)
    QByteArray repeated; ///< Responses streams: the arguments function_call_arguments.done repeats
    QByteArray finalArguments; ///< Responses streams: the function_call item's of response.completed
    QByteArray content; ///< the text answer (not reasoning)
    bool contentNull = false; ///< chat whole: message.content is null
    QByteArray finish; ///< the protocol's own word (Responses: the response's status)
    QString clientFinish; ///< the client's reader: the normalised finish reason
    int clientInvalid = 0; ///< events (or the body) the client's reader could not read
    int notJson = 0;
    QByteArray errorMessage; ///< non-200: error.message
};

inline void readGemini(const json &doc, Answer &a)
{
    const json &candidate = first(at(doc, "candidates"));
    for (const json &part : at(at(candidate, "content"), "parts")) {
        if (at(part, "functionCall").is_object()) {
            a.name = text(at(at(part, "functionCall"), "name"));
            a.arguments += argumentsOf(at(at(part, "functionCall"), "args"));
            ++a.fragments;
        } else if (!at(part, "thought").is_boolean()) {
            a.content += text(at(part, "text"));
        }
    }
    if (at(candidate, "finishReason").is_string())
        a.finish = text(at(candidate, "finishReason"));
}

inline void readWhole(WireProtocol p, const json &doc, Answer &a)
{
    switch (p) {
    case WireProtocol::OpenAiChat: {
        const json &message = at(first(at(doc, "choices")), "message");
        const json &call = first(at(message, "tool_calls"));
        a.callId = text(at(call, "id"));
        a.name = text(at(at(call, "function"), "name"));
        a.arguments = text(at(at(call, "function"), "arguments"));
        a.content = text(at(message, "content"));
        a.contentNull = at(message, "content").is_null();
        a.finish = text(at(first(at(doc, "choices")), "finish_reason"));
        return;
    }
    case WireProtocol::OpenAiResponses:
        for (const json &item : at(doc, "output")) {
            if (text(at(item, "type")) == "function_call") {
                a.name = text(at(item, "name"));
                a.callId = text(at(item, "call_id"));
                a.arguments = text(at(item, "arguments"));
            } else if (text(at(item, "type")) == "message") {
                a.content += text(at(first(at(item, "content")), "text"));
            }
        }
        a.finish = text(at(doc, "status"));
        return;
    case WireProtocol::AnthropicMessages:
        for (const json &block : at(doc, "content")) {
            if (text(at(block, "type")) == "tool_use") {
                a.name = text(at(block, "name"));
                a.callId = text(at(block, "id"));
                a.arguments = argumentsOf(at(block, "input"));
            } else if (text(at(block, "type")) == "text") {
                a.content += text(at(block, "text"));
            }
        }
        a.finish = text(at(doc, "stop_reason"));
        return;
    case WireProtocol::Gemini:
        return readGemini(doc, a);
    }
}

inline void readChatEvent(const json &doc, Answer &a)
{
    const json &choice = first(at(doc, "choices")); // null in the usage chunk
    const json &delta = at(choice, "delta");
    if (at(delta, "tool_calls").is_array()) {
        const json &call = first(at(delta, "tool_calls"));
        if (at(call, "id").is_string()) { // the call's first chunk: its id and function, arguments ""
            a.callId = text(at(call, "id"));
            a.name = text(at(at(call, "function"), "name"));
            a.repeated += text(at(at(call, "function"), "arguments"));
        } else {
            a.arguments += text(at(at(call, "function"), "arguments"));
            ++a.fragments;
        }
    }
    a.content += text(at(delta, "content"));
    if (at(choice, "finish_reason").is_string())
        a.finish = text(at(choice, "finish_reason"));
}

inline void readResponsesEvent(const json &doc, Answer &a)
{
    const QByteArray type = text(at(doc, "type"));
    if (type == "response.output_item.added" && text(at(at(doc, "item"), "type")) == "function_call") {
        a.name = text(at(at(doc, "item"), "name"));
        a.callId = text(at(at(doc, "item"), "call_id"));
    } else if (type == "response.function_call_arguments.delta") {
        a.arguments += text(at(doc, "delta"));
        ++a.fragments;
    } else if (type == "response.function_call_arguments.done") {
        a.repeated = text(at(doc, "arguments"));
    } else if (type == "response.output_text.delta") {
        a.content += text(at(doc, "delta"));
    } else if (type == "response.completed" || type == "response.incomplete") {
        a.finish = text(at(at(doc, "response"), "status"));
        for (const json &item : at(at(doc, "response"), "output")) {
            if (text(at(item, "type")) == "function_call")
                a.finalArguments = text(at(item, "arguments"));
        }
    }
}

inline void readAnthropicEvent(const json &doc, Answer &a)
{
    const QByteArray type = text(at(doc, "type"));
    const json &block = at(doc, "content_block");
    const json &delta = at(doc, "delta");
    if (type == "content_block_start" && text(at(block, "type")) == "tool_use") {
        a.name = text(at(block, "name"));
        a.callId = text(at(block, "id"));
    } else if (type == "content_block_delta" && text(at(delta, "type")) == "input_json_delta") {
        a.arguments += text(at(delta, "partial_json"));
        ++a.fragments;
    } else if (type == "content_block_delta" && text(at(delta, "type")) == "text_delta") {
        a.content += text(at(delta, "text"));
    } else if (type == "message_delta") {
        a.finish = text(at(delta, "stop_reason"));
    }
}

inline Answer readAnswer(WireProtocol p, const RawResponse &r)
{
    Answer a;
    a.status = r.status;
    const json body = test::parseJson(r.body);
    if (r.status != 200) {
        a.errorMessage = text(at(at(body, "error"), "message"));
        return a;
    }
    if (!r.headers.value("content-type").startsWith("text/event-stream")) {
        const protocol::StreamEvent e = protocol::parseWholeResponse(p, r.body);
        a.clientInvalid = e.valid ? 0 : 1;
        a.clientFinish = e.finishReason;
        a.notJson = body.is_discarded() ? 1 : 0;
        readWhole(p, body, a);
        return a;
    }
    protocol::SseDecoder decoder;
    QList<protocol::SseEvent> events;
    decoder.feed(r.body, events);
    for (const protocol::SseEvent &event : std::as_const(events)) {
        if (event.isDone())
            continue;
        const protocol::StreamEvent e = protocol::parseStreamEvent(p, event.event, event.data);
        a.clientInvalid += e.valid ? 0 : 1;
        if (!e.finishReason.isEmpty())
            a.clientFinish = e.finishReason;
        const json doc = test::parseJson(event.data);
        if (doc.is_discarded()) {
            ++a.notJson;
            continue;
        }
        switch (p) {
        case WireProtocol::OpenAiChat:
            readChatEvent(doc, a);
            break;
        case WireProtocol::OpenAiResponses:
            readResponsesEvent(doc, a);
            break;
        case WireProtocol::AnthropicMessages:
            readAnthropicEvent(doc, a);
            break;
        case WireProtocol::Gemini:
            readGemini(doc, a);
            break;
        }
    }
    return a;
}

} // namespace stampede::test
