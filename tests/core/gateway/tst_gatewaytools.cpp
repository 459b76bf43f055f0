// Tool calls of the simulated gateway, in its four protocols, over real sockets on 127.0.0.1:0: a
// request that declares function tools gets a call to the first declared (or the chosen) function
// whose arguments are {"input": <the content tokens' words>}, streamed in the protocol's own
// fragments (Gemini: whole, in the last chunk); text when the choice is none or the model's
// tool_call_rate says so; broken arguments at broken_tool_args_rate; a malformed tools array or
// tool choice is the protocol's 400. Every answer is also read by the client's own readers
// (protocol/streamevents.h), which must find nothing invalid and the normalised finish reason.

#include "gateway/requestreader.h"
#include "gateway/simgateway.h"
#include "gatewaytesthelpers.h"
#include "toolanswers.h"

#include <QTest>

using namespace stampede;
using namespace stampede::test; // toolanswers.h: json, WireProtocol, the requests and readers

Q_DECLARE_METATYPE(stampede::protocol::WireProtocol)

namespace {

constexpr WireProtocol kAll[] = { WireProtocol::OpenAiChat, WireProtocol::OpenAiResponses,
    WireProtocol::AnthropicMessages, WireProtocol::Gemini };

constexpr int kTokens = 12; // test::fastConfig()'s sim-fast: exactly 12 output tokens

QByteArray nameOf(WireProtocol p)
{
    return protocol::wireProtocolName(p).toUtf8();
}

/// The protocol's own finish word for a complete tool call, and for one the output cap cut.
QByteArray callFinish(WireProtocol p, bool length)
{
    switch (p) {
    case WireProtocol::OpenAiChat:
        return length ? "length" : "tool_calls";
    case WireProtocol::OpenAiResponses:
        return length ? "incomplete" : "completed";
    case WireProtocol::AnthropicMessages:
        return length ? "max_tokens" : "tool_use";
    case WireProtocol::Gemini:
        break;
    }
    return length ? "MAX_TOKENS" : "STOP";
}

/// The call's id as the protocol spells it: call_<16 hex>, toolu_<16 hex>; Gemini's calls have none.
bool goodCallId(WireProtocol p, const QByteArray &id)
{
    if (p == WireProtocol::Gemini)
        return id.isEmpty();
    const QByteArray prefix = p == WireProtocol::AnthropicMessages ? "toolu_" : "call_";
    return id.startsWith(prefix) && id.size() == prefix.size() + 16;
}

int wordCount(const std::string &s)
{
    return int(QByteArray::fromStdString(s).split(' ').size()) - (s.empty() ? 1 : 0);
}

gateway::GatewayConfig config()
{
    gateway::GatewayConfig c = test::fastConfig();
    c.fixedLatencyMs = 0;
    return c;
}

gateway::SimGateway *started(gateway::SimGateway &gw, const gateway::GatewayConfig &c)
{
    return gw.start(c) ? &gw : nullptr;
}

void addRows()
{
    QTest::addColumn<WireProtocol>("wire");
    QTest::addColumn<bool>("stream");
    for (WireProtocol p : kAll) {
        for (bool stream : { true, false })
            QTest::addRow("%s %s", nameOf(p).constData(), stream ? "stream" : "whole") << p << stream;
    }
}

} // namespace

class TestGatewayTools : public QObject
{
    Q_OBJECT
private slots:
    void readsToolChoice_data();
    void readsToolChoice();
    void calls_data();
    void calls();
    void callAfterReasoning_data() { addRows(); }
    void callAfterReasoning();
    void emptyCall_data() { addRows(); }
    void emptyCall();
    void answersText_data();
    void answersText();
    void brokenArguments_data() { addRows(); }
    void brokenArguments();
    void toolCallRate();
    void malformedTools_data();
    void malformedTools();
};

void TestGatewayTools::readsToolChoice_data()
{
    QTest::addColumn<WireProtocol>("wire");
    QTest::addColumn<QByteArray>("extra");
    QTest::addColumn<QByteArray>("tool");
    QTest::addColumn<bool>("required");
    for (WireProtocol p : kAll) {
        const QByteArray tools = ",\"tools\":" + toolsJson(p);
        const QByteArray nameBytes = nameOf(p);
        const char *name = nameBytes.constData();
        QTest::addRow("%s no tools", name) << p << QByteArray() << QByteArray() << false;
        QTest::addRow("%s unset", name) << p << tools << QByteArray("get_weather") << false;
        QTest::addRow("%s auto", name) << p << tools + choiceJson(p, Auto) << QByteArray("get_weather") << false;
        QTest::addRow("%s required", name) << p << tools + choiceJson(p, Required) << QByteArray("get_weather") << true;
        QTest::addRow("%s none", name) << p << tools + choiceJson(p, None) << QByteArray() << false;
        QTest::addRow("%s named", name) << p << tools + choiceJson(p, Named) << QByteArray("get_time") << true;
    }
    // Gemini's snake_case spellings; tools of other kinds are never called.
    QTest::addRow("gemini snake_case") << WireProtocol::Gemini
                                       << QByteArray(
                                              R"(,"tools":[{"function_declarations":[{"name":"a.b:c"},{"name":"d"}]}],)"
                                              R"("tool_config":{"function_calling_config":{"mode":"ANY",)"
                                              R"("allowed_function_names":["d"]}})")
                                       << QByteArray("d") << true;
    QTest::addRow("gemini search only") << WireProtocol::Gemini << QByteArray(R"(,"tools":[{"googleSearch":{}}])")
                                        << QByteArray() << false;
    QTest::addRow("chat custom only") << WireProtocol::OpenAiChat
                                      << QByteArray(R"(,"tools":[{"type":"custom","custom":{"name":"x"}}])")
                                      << QByteArray() << false;
    QTest::addRow("anthropic server tool first")
        << WireProtocol::AnthropicMessages
        << QByteArray(R"(,"tools":[{"type":"web_search_20250305","name":"web_search"},)"
                      R"({"name":"lookup","input_schema":{"type":"object"}}])")
        << QByteArray("lookup") << false;
    QTest::addRow("responses hosted choice") << WireProtocol::OpenAiResponses
                                             << QByteArray(R"(,"tools":[{"type":"function","name":"f"}],)"
                                                           R"("tool_choice":{"type":"web_search_preview"})")
                                             << QByteArray() << false;
}

void TestGatewayTools::readsToolChoice()
{
    QFETCH(WireProtocol, wire);
    QFETCH(QByteArray, extra);
    QFETCH(QByteArray, tool);
    QFETCH(bool, required);
    const QByteArray raw = request(wire, false, extra);
    const QByteArray body = raw.mid(raw.indexOf("\r\n\r\n") + 4);
    gateway::RequestTarget target { wire, {}, false };
    if (wire == WireProtocol::Gemini)
        target.pathModel = "sim-fast";
    gateway::RequestShape shape;
    const gateway::ApiError error = gateway::readRequest(target, body, test::fastConfig(), &shape);
    QVERIFY2(!error, error.message.constData());
    QCOMPARE(shape.toolName, tool);
    QCOMPARE(shape.toolRequired, required);
    QCOMPARE(shape.model, 0);
}

void TestGatewayTools::calls_data()
{
    QTest::addColumn<WireProtocol>("wire");
    QTest::addColumn<bool>("stream");
    QTest::addColumn<int>("choice");
    QTest::addColumn<int>("maxTokens");
    QTest::addColumn<QByteArray>("function");
    for (WireProtocol p : kAll) {
        for (bool stream : { true, false }) {
            const char *how = stream ? "stream" : "whole";
            const QByteArray nameBytes = nameOf(p);
            const char *name = nameBytes.constData();
            QTest::addRow("%s %s unset", name, how) << p << stream << int(Unset) << 150 << QByteArray("get_weather");
            QTest::addRow("%s %s auto", name, how) << p << stream << int(Auto) << 150 << QByteArray("get_weather");
            QTest::addRow("%s %s required", name, how)
                << p << stream << int(Required) << 150 << QByteArray("get_weather");
            QTest::addRow("%s %s named", name, how) << p << stream << int(Named) << 150 << QByteArray("get_time");
            QTest::addRow("%s %s length", name, how) << p << stream << int(Unset) << 5 << QByteArray("get_weather");
        }
    }
}

void TestGatewayTools::calls()
{
    QFETCH(WireProtocol, wire);
    QFETCH(bool, stream);
    QFETCH(int, choice);
    QFETCH(int, maxTokens);
    QFETCH(QByteArray, function);
    gateway::SimGateway gw;
    QVERIFY(started(gw, config()));
    const Answer a = readAnswer(wire, test::exchange(gw.port(), withTools(wire, stream, choice, maxTokens)));
    QCOMPARE(a.status, 200);
    QCOMPARE(a.notJson, 0);
    QCOMPARE(a.clientInvalid, 0);
    QCOMPARE(a.name, function);
    QVERIFY2(goodCallId(wire, a.callId), a.callId.constData());
    // The arguments are exactly {"input": <one word per content token>}: the usage is the text answer's.
    const int tokens = qMin(maxTokens, kTokens);
    const json args = test::parseJson(a.arguments);
    QVERIFY2(args.is_object() && args.size() == 1 && at(args, "input").is_string(), a.arguments.constData());
    QCOMPARE(wordCount(args["input"].get<std::string>()), tokens);
    if (wire != WireProtocol::Gemini) // Gemini's carries an object: its text is nlohmann's, not the gateway's
        QVERIFY2(a.arguments.startsWith("{\"input\":\"") && a.arguments.endsWith("\"}"), a.arguments.constData());
    QCOMPARE(a.content, QByteArray()); // the call takes the text's place
    QCOMPARE(a.finish, callFinish(wire, maxTokens < kTokens));
    QCOMPARE(a.clientFinish, maxTokens < kTokens ? QStringLiteral("length") : QStringLiteral("tool_calls"));
    if (stream) {
        // One fragment per content token (chunk_tokens 1); Gemini's call comes whole, once.
        QCOMPARE(a.fragments, wire == WireProtocol::Gemini ? 1 : tokens);
        if (wire == WireProtocol::OpenAiChat)
            QCOMPARE(a.repeated, QByteArray()); // the first chunk's arguments are ""
        if (wire == WireProtocol::OpenAiResponses) {
            QCOMPARE(a.repeated, a.arguments);
            QCOMPARE(a.finalArguments, a.arguments);
        }
    } else if (wire == WireProtocol::OpenAiChat) {
        QVERIFY(a.contentNull);
    }
    QCOMPARE(gw.toolCallsAnswered(), qint64(1));
    QCOMPARE(gw.brokenToolCallsAnswered(), qint64(0));
    QCOMPARE(gw.chatRequestsAnswered(), qint64(1));
}

void TestGatewayTools::callAfterReasoning()
{
    QFETCH(WireProtocol, wire);
    QFETCH(bool, stream);
    gateway::GatewayConfig c = config();
    c.models[0].reasoningTokens = 5;
    c.chunkTokens = 4; // 4 + 1 reasoning, then 4 + 4 + 4 content: three fragments
    gateway::SimGateway gw;
    QVERIFY(started(gw, c));
    const RawResponse r = test::exchange(gw.port(), withTools(wire, stream, Unset));
    const Answer a = readAnswer(wire, r);
    QCOMPARE(a.status, 200);
    QCOMPARE(a.clientInvalid, 0);
    QCOMPARE(a.name, QByteArray("get_weather"));
    const json args = test::parseJson(a.arguments);
    QVERIFY2(args.is_object() && at(args, "input").is_string(), a.arguments.constData());
    QCOMPARE(wordCount(args["input"].get<std::string>()), kTokens);
    QCOMPARE(a.clientFinish, QStringLiteral("tool_calls"));
    if (stream)
        QCOMPARE(a.fragments, wire == WireProtocol::Gemini ? 1 : 3);
    // The reasoning still comes first: before the call in the bytes.
    const char *reasoningMark[]
        = { "\"reasoning_content\"", "\"type\":\"reasoning\"", "\"thinking\"", "\"thought\":true" };
    const char *callMark[] = { "\"tool_calls\"", "\"function_call\"", "\"tool_use\"", "\"functionCall\"" };
    const int i = int(wire == WireProtocol::OpenAiChat ? 0
            : wire == WireProtocol::OpenAiResponses    ? 1
            : wire == WireProtocol::AnthropicMessages  ? 2
                                                       : 3);
    QVERIFY(r.body.indexOf(reasoningMark[i]) >= 0);
    QVERIFY(r.body.indexOf(reasoningMark[i]) < r.body.indexOf(callMark[i]));
}

void TestGatewayTools::emptyCall()
{
    // An answer with no content token (empty_rate) still calls the function, with {"input":""}.
    QFETCH(WireProtocol, wire);
    QFETCH(bool, stream);
    gateway::GatewayConfig c = config();
    c.models[0].emptyRate = 1.0;
    gateway::SimGateway gw;
    QVERIFY(started(gw, c));
    const Answer a = readAnswer(wire, test::exchange(gw.port(), withTools(wire, stream, Unset)));
    QCOMPARE(a.status, 200);
    QCOMPARE(a.clientInvalid, 0);
    QCOMPARE(a.name, QByteArray("get_weather"));
    QCOMPARE(a.arguments, QByteArray(R"({"input":""})"));
    if (stream)
        QCOMPARE(a.fragments, 1);
    QCOMPARE(a.finish, callFinish(wire, false));
    QCOMPARE(gw.toolCallsAnswered(), qint64(1));
}

void TestGatewayTools::answersText_data()
{
    QTest::addColumn<WireProtocol>("wire");
    QTest::addColumn<bool>("stream");
    QTest::addColumn<int>("choice");
    QTest::addColumn<double>("rate");
    QTest::addColumn<bool>("call");
    for (WireProtocol p : kAll) {
        for (bool stream : { true, false }) {
            const char *how = stream ? "stream" : "whole";
            const QByteArray nameBytes = nameOf(p);
            const char *name = nameBytes.constData();
            QTest::addRow("%s %s choice none", name, how) << p << stream << int(None) << 1.0 << false;
            QTest::addRow("%s %s rate 0", name, how) << p << stream << int(Unset) << 0.0 << false;
            QTest::addRow("%s %s rate 0 auto", name, how) << p << stream << int(Auto) << 0.0 << false;
            QTest::addRow("%s %s rate 0 required", name, how) << p << stream << int(Required) << 0.0 << true;
            QTest::addRow("%s %s rate 0 named", name, how) << p << stream << int(Named) << 0.0 << true;
        }
    }
}

void TestGatewayTools::answersText()
{
    QFETCH(WireProtocol, wire);
    QFETCH(bool, stream);
    QFETCH(int, choice);
    QFETCH(double, rate);
    QFETCH(bool, call);
    gateway::GatewayConfig c = config();
    c.models[0].toolCallRate = rate;
    gateway::SimGateway gw;
    QVERIFY(started(gw, c));
    const Answer a = readAnswer(wire, test::exchange(gw.port(), withTools(wire, stream, choice)));
    QCOMPARE(a.status, 200);
    QCOMPARE(a.clientInvalid, 0);
    QCOMPARE(gw.toolCallsAnswered(), qint64(call ? 1 : 0));
    if (call) { // a choice that forces a call gets one whatever the rate
        QCOMPARE(a.name, QByteArray(choice == Named ? "get_time" : "get_weather"));
        QCOMPARE(a.clientFinish, QStringLiteral("tool_calls"));
        return;
    }
    QCOMPARE(a.name, QByteArray());
    QCOMPARE(a.arguments, QByteArray());
    QCOMPARE(wordCount(a.content.toStdString()), kTokens);
    QCOMPARE(a.clientFinish, QStringLiteral("stop"));
    const QByteArray stop[] = { "stop", "completed", "end_turn", "STOP" };
    QCOMPARE(a.finish,
        stop[wire == WireProtocol::OpenAiChat             ? 0
                : wire == WireProtocol::OpenAiResponses   ? 1
                : wire == WireProtocol::AnthropicMessages ? 2
                                                          : 3]);
}

void TestGatewayTools::brokenArguments()
{
    QFETCH(WireProtocol, wire);
    QFETCH(bool, stream);
    gateway::GatewayConfig c = config();
    c.brokenToolArgsRate = 1.0;
    gateway::SimGateway gw;
    QVERIFY(started(gw, c));
    const Answer a = readAnswer(wire, test::exchange(gw.port(), withTools(wire, stream, Unset)));
    QCOMPARE(a.status, 200);
    QCOMPARE(a.notJson, 0); // the events and bodies are JSON; the arguments in them are not
    QCOMPARE(a.name, QByteArray("get_weather"));
    QVERIFY2(test::parseJson(a.arguments).is_discarded(), a.arguments.constData());
    // The object left unclosed: its opening and every word, without the closing "}.
    QVERIFY2(a.arguments.startsWith("{\"input\":\"") && !a.arguments.endsWith("\"}"), a.arguments.constData());
    QCOMPARE(wordCount(a.arguments.mid(10).toStdString()), kTokens);
    QCOMPARE(test::parseJson(a.arguments + "\"}")["input"].is_string(), true);
    if (stream && wire == WireProtocol::OpenAiResponses) {
        QCOMPARE(a.repeated, a.arguments);
        QCOMPARE(a.finalArguments, a.arguments);
    }
    QCOMPARE(gw.toolCallsAnswered(), qint64(1));
    QCOMPARE(gw.brokenToolCallsAnswered(), qint64(1));
    const RawResponse metrics = test::exchange(gw.port(), RawHttpClient::request("GET", "/metrics"));
    QVERIFY2(
        metrics.body.contains("stampede_gateway_tool_calls_total{model=\"sim-fast\"} 1\n"), metrics.body.constData());
    QVERIFY2(metrics.body.contains("stampede_gateway_broken_tool_calls_total{model=\"sim-fast\"} 1\n"),
        metrics.body.constData());
    QVERIFY(metrics.body.contains("stampede_gateway_tool_calls_total{model=\"sim-other\"} 0\n"));
}

void TestGatewayTools::toolCallRate()
{
    // A rate between 0 and 1 is a draw per answer: some calls and some text, each counted.
    gateway::GatewayConfig c = config();
    c.models[0].toolCallRate = 0.5;
    c.brokenToolArgsRate = 0.5;
    gateway::SimGateway gw;
    QVERIFY(started(gw, c));
    RawHttpClient client(gw.port());
    client.open();
    constexpr int kRequests = 60;
    for (int i = 0; i < kRequests; ++i)
        client.send(withTools(WireProtocol::OpenAiChat, false, Unset));
    QVERIFY(test::waitResponses(client, kRequests));
    int calls = 0, broken = 0;
    for (const RawResponse &r : client.responses()) {
        const Answer a = readAnswer(WireProtocol::OpenAiChat, r);
        QCOMPARE(a.status, 200);
        const bool call = !a.name.isEmpty();
        calls += call ? 1 : 0;
        broken += call && test::parseJson(a.arguments).is_discarded() ? 1 : 0;
        QCOMPARE(a.finish, QByteArray(call ? "tool_calls" : "stop"));
    }
    QVERIFY2(calls > 10 && calls < 50, qPrintable(QString::number(calls))); // binomial(60, 0.5): 30 +- 4
    QVERIFY2(broken > 2 && broken < calls, qPrintable(QString::number(broken)));
    QCOMPARE(gw.toolCallsAnswered(), qint64(calls));
    QCOMPARE(gw.brokenToolCallsAnswered(), qint64(broken));
}

void TestGatewayTools::malformedTools_data()
{
    QTest::addColumn<WireProtocol>("wire");
    QTest::addColumn<QByteArray>("extra");
    QTest::addColumn<QByteArray>("message");
    const WireProtocol chat = WireProtocol::OpenAiChat;
    QTest::addRow("chat function without name")
        << chat << QByteArray(R"(,"tools":[{"type":"function","function":{"parameters":{}}}])")
        << QByteArray("Missing required parameter: 'tools[0].function.name'.");
    QTest::addRow("chat tools not an array") << chat << QByteArray(R"(,"tools":{"type":"function"})")
                                             << QByteArray("Invalid type for 'tools': expected an array of objects.");
    QTest::addRow("chat empty tools") << chat << QByteArray(R"(,"tools":[])")
                                      << QByteArray("Invalid 'tools': empty array. Expected an array with minimum "
                                                    "length 1, but got an empty array instead.");
    QTest::addRow("chat bad type") << chat << QByteArray(R"(,"tools":[{"type":"fn","function":{"name":"f"}}])")
                                   << QByteArray("Invalid value: 'fn'. Supported values are: 'function' and 'custom'.");
    QTest::addRow("chat bad name") << chat
                                   << QByteArray(R"(,"tools":[{"type":"function","function":{"name":"get weather"}}])")
                                   << QByteArray("Invalid 'tools[0].function.name': string does not match pattern. "
                                                 "Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.");
    QTest::addRow("chat parameters not an object")
        << chat << QByteArray(R"(,"tools":[{"type":"function","function":{"name":"f","parameters":"x"}}])")
        << QByteArray("Invalid type for 'tools[0].function.parameters': expected an object.");
    QTest::addRow("chat choice undeclared")
        << chat << ",\"tools\":" + toolsJson(chat) + R"(,"tool_choice":{"type":"function","function":{"name":"nope"}})"
        << QByteArray("Invalid value for 'tool_choice': no function named 'nope' in 'tools'.");
    QTest::addRow("chat choice word") << chat << ",\"tools\":" + toolsJson(chat) + R"(,"tool_choice":"always")"
                                      << QByteArray("Invalid value: 'always'. Supported values are: 'none', 'auto', "
                                                    "and 'required'.");
    QTest::addRow("chat choice without tools")
        << chat << QByteArray(R"(,"tool_choice":"required")")
        << QByteArray("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.");
    const WireProtocol responses = WireProtocol::OpenAiResponses;
    QTest::addRow("responses function without name")
        << responses << QByteArray(R"(,"tools":[{"type":"function","parameters":{}}])")
        << QByteArray("Missing required parameter: 'tools[0].name'.");
    QTest::addRow("responses tool without type") << responses << QByteArray(R"(,"tools":[{"name":"f"}])")
                                                 << QByteArray("Missing required parameter: 'tools[0].type'.");
    QTest::addRow("responses choice undeclared")
        << responses << ",\"tools\":" + toolsJson(responses) + R"(,"tool_choice":{"type":"function","name":"nope"})"
        << QByteArray("Invalid value for 'tool_choice': no function named 'nope' in 'tools'.");
    const WireProtocol anthropic = WireProtocol::AnthropicMessages;
    QTest::addRow("anthropic tool without name") << anthropic << QByteArray(R"(,"tools":[{"input_schema":{}}])")
                                                 << QByteArray("tools.0.custom.name: Field required");
    QTest::addRow("anthropic tool without schema") << anthropic << QByteArray(R"(,"tools":[{"name":"f"}])")
                                                   << QByteArray("tools.0.custom.input_schema: Field required");
    QTest::addRow("anthropic tools not a list")
        << anthropic << QByteArray(R"(,"tools":{"name":"f"})") << QByteArray("tools: Input should be a valid list");
    QTest::addRow("anthropic choice type")
        << anthropic << ",\"tools\":" + toolsJson(anthropic) + R"(,"tool_choice":{"type":"required"})"
        << QByteArray("tool_choice: Input tag 'required' found using 'type' does not match any of the expected tags: "
                      "'auto', 'any', 'tool', 'none'");
    QTest::addRow("anthropic choice undeclared")
        << anthropic << ",\"tools\":" + toolsJson(anthropic) + R"(,"tool_choice":{"type":"tool","name":"nope"})"
        << QByteArray("tool_choice.tool.name: Tool 'nope' not found in tools");
    QTest::addRow("anthropic choice without tools") << anthropic << QByteArray(R"(,"tool_choice":{"type":"any"})")
                                                    << QByteArray("tool_choice may only be specified while providing "
                                                                  "tools.");
    const WireProtocol gemini = WireProtocol::Gemini;
    QTest::addRow("gemini function without name")
        << gemini << QByteArray(R"(,"tools":[{"functionDeclarations":[{"description":"x"}]}])")
        << QByteArray("* GenerateContentRequest.tools[0].function_declarations[0].name: Name cannot be empty.");
    QTest::addRow("gemini bad name") << gemini << QByteArray(R"(,"tools":[{"functionDeclarations":[{"name":"1f"}]}])")
                                     << QByteArray("* GenerateContentRequest.tools[0].function_declarations[0].name: "
                                                   "Invalid function name. Must start with a letter or an underscore. "
                                                   "Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), "
                                                   "colons (:), or dashes (-), with a maximum length of 64.");
    QTest::addRow("gemini bad mode")
        << gemini << ",\"tools\":" + toolsJson(gemini) + R"(,"toolConfig":{"functionCallingConfig":{"mode":"SOME"}})"
        << QByteArray("Invalid value at 'tool_config.function_calling_config.mode' "
                      "(type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), \"SOME\"");
    QTest::addRow("gemini allowed undeclared")
        << gemini
        << ",\"tools\":" + toolsJson(gemini)
            + R"(,"tool_config":{"function_calling_config":{"mode":"ANY","allowed_function_names":["nope"]}})"
        << QByteArray("* GenerateContentRequest.tool_config.function_calling_config.allowed_function_names[0]: "
                      "function 'nope' is not declared in tools.");
    QTest::addRow("gemini allowed without ANY")
        << gemini
        << ",\"tools\":" + toolsJson(gemini)
            + R"(,"toolConfig":{"functionCallingConfig":{"mode":"AUTO","allowedFunctionNames":["get_time"]}})"
        << QByteArray("* GenerateContentRequest.tool_config.function_calling_config.allowed_function_names: "
                      "allowed_function_names may only be set when mode is ANY.");
}

void TestGatewayTools::malformedTools()
{
    QFETCH(WireProtocol, wire);
    QFETCH(QByteArray, extra);
    QFETCH(QByteArray, message);
    gateway::SimGateway gw;
    QVERIFY(started(gw, config()));
    for (bool stream : { true, false }) {
        const RawResponse r = test::exchange(gw.port(), request(wire, stream, extra));
        QCOMPARE(r.status, 400);
        const json doc = test::parseJson(r.body);
        QCOMPARE(text(at(at(doc, "error"), "message")), message);
        if (wire == WireProtocol::AnthropicMessages)
            QCOMPARE(test::str(at(at(doc, "error"), "type")), "invalid_request_error");
        if (wire == WireProtocol::Gemini)
            QCOMPARE(test::str(at(at(doc, "error"), "status")), "INVALID_ARGUMENT");
        if (wire == WireProtocol::OpenAiChat || wire == WireProtocol::OpenAiResponses)
            QCOMPARE(test::str(at(at(doc, "error"), "type")), "invalid_request_error");
    }
    QCOMPARE(gw.toolCallsAnswered(), qint64(0));
}

QTEST_GUILESS_MAIN(TestGatewayTools)
#include "tst_gatewaytools.moc"
