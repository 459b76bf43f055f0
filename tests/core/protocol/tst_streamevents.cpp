// The wire protocols' streams (issue 16): recorded Anthropic Messages, OpenAI Responses and Gemini
// streams (tests/data/protocol/streams, expectations in expected.json) read into the protocol-neutral
// StreamEvent give the expected text, TTFT events, usage with the cache apart, finish reason, model
// and error — whole, and for thousands of random splits of the bytes through the SSE decoder.
#include "protocol/ssedecoder.h"
#include "protocol/streamevents.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QtTest/QTest>

using namespace stampede::protocol;
using namespace Qt::StringLiterals;

namespace {

/// What a whole stream adds up to, as a runner would keep it.
struct Aggregate {
    QString text, finish, error, model;
    int content = 0, reasoning = 0, tool = 0, invalid = 0;
    bool terminal = false;
    UsageReport usage;
    ToolCallAssembler tools;

    void add(const StreamEvent &e)
    {
        if (!e.valid) {
            ++invalid;
            return;
        }
        text += e.text;
        content += e.hasContent ? 1 : 0;
        reasoning += e.hasContent && e.reasoning ? 1 : 0;
        tool += e.hasContent && e.toolCall ? 1 : 0;
        if (!e.finishReason.isEmpty())
            finish = e.finishReason;
        if (error.isEmpty())
            error = e.errorMessage;
        if (model.isEmpty())
            model = e.model;
        terminal = terminal || e.terminal;
        e.usage.mergeInto(usage);
        tools.add(e.toolCalls);
    }
    bool operator==(const Aggregate &o) const
    {
        return text == o.text && finish == o.finish && error == o.error && model == o.model && content == o.content
            && reasoning == o.reasoning && tool == o.tool && invalid == o.invalid && terminal == o.terminal
            && usage.promptTokens == o.usage.promptTokens && usage.completionTokens == o.usage.completionTokens
            && usage.cacheReadTokens == o.usage.cacheReadTokens
            && usage.cacheCreationTokens == o.usage.cacheCreationTokens
            && usage.reasoningTokens == o.usage.reasoningTokens && tools.calls() == o.tools.calls();
    }
};

/// `bytes` through the SSE decoder in pieces cut at `cuts` (ascending offsets).
Aggregate read(WireProtocol protocol, const QByteArray &bytes, const QList<qsizetype> &cuts = {})
{
    SseDecoder decoder;
    QList<SseEvent> events;
    qsizetype from = 0;
    for (const qsizetype cut : cuts) {
        decoder.feed(QByteArrayView(bytes).sliced(from, cut - from), events);
        from = cut;
    }
    decoder.feed(QByteArrayView(bytes).sliced(from), events);
    Aggregate a;
    for (const SseEvent &event : std::as_const(events))
        if (!event.isDone()) // OpenAI Chat's end, which the runner reads apart
            a.add(parseStreamEvent(protocol, event.event, event.data));
    return a;
}

QVariant optionalValue(const std::optional<qint64> &v)
{
    return v ? QVariant(*v) : QVariant();
}

QJsonObject expectations()
{
    return QJsonDocument::fromJson(stampede::test::readData(QStringLiteral("protocol/streams/expected.json"))).object();
}

/// Whole answers with one tool call, per protocol (outside the class: moc reads its body, and
/// multi-line raw strings are not for moc).
void addWholeToolAnswerRows()
{
    QTest::newRow("chat") << int(WireProtocol::OpenAiChat)
                          << QByteArray(R"({"id":"c","object":"chat.completion","model":"gpt-4.1","choices":[{"index":0,
"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather",
"arguments":"{\"city\":\"Seoul\"}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":9,"completion_tokens":5}})")
                          << R"({"city":"Seoul"})" << 0;
    QTest::newRow("chat broken") << int(WireProtocol::OpenAiChat)
                                 << QByteArray(
                                        R"({"id":"c","object":"chat.completion","model":"gpt-4.1","choices":[{"index":0,
"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather",
"arguments":"{\"city\":\"Seo"}}]},"finish_reason":"tool_calls"}]})")
                                 << "{\"city\":\"Seo" << 1; // (no raw string: an odd count of quotes misleads moc)
    QTest::newRow("responses") << int(WireProtocol::OpenAiResponses)
                               << QByteArray(
                                      R"({"id":"resp_1","object":"response","status":"completed","model":"gpt-4.1",
"output":[{"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Seoul\"}","status":"completed"}],
"usage":{"input_tokens":9,"output_tokens":5}})")
                               << R"({"city":"Seoul"})" << 0;
    QTest::newRow("anthropic") << int(WireProtocol::AnthropicMessages)
                               << QByteArray(
                                      R"({"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
"content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Seoul"}}],"stop_reason":"tool_use",
"usage":{"input_tokens":9,"output_tokens":5}})")
                               << R"({"city":"Seoul"})" << 0;
    QTest::newRow("anthropic input not an object")
        << int(WireProtocol::AnthropicMessages)
        << QByteArray(R"({"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
"content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":"{\"city\":\"Seo"}],"stop_reason":"tool_use"})")
        << "\"{\\\"city\\\":\\\"Seo\"" << 1;
    QTest::newRow("gemini") << int(WireProtocol::Gemini)
                            << QByteArray(R"({"candidates":[{"content":{"role":"model","parts":[{"functionCall":
{"name":"get_weather","args":{"city":"Seoul"}}}]},"finishReason":"STOP"}],"modelVersion":"gemini-2.5-flash"})")
                            << R"({"city":"Seoul"})" << 0;
    QTest::newRow("gemini no args") << int(WireProtocol::Gemini)
                                    << QByteArray(R"({"candidates":[{"content":{"role":"model","parts":[{"functionCall":
{"name":"get_weather"}}]},"finishReason":"STOP"}]})")
                                    << "{}" << 0;
}

} // namespace

class TestStreamEvents : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recordedStreams_data()
    {
        QTest::addColumn<QString>("file");
        const QJsonObject all = expectations();
        QVERIFY(all.size() >= 9);
        for (auto it = all.begin(); it != all.end(); ++it)
            QTest::newRow(qPrintable(it.key())) << it.key();
    }
    void recordedStreams()
    {
        QFETCH(QString, file);
        const QJsonObject want = expectations()[file].toObject();
        const auto protocol = wireProtocolFromName(want[QStringLiteral("protocol")].toString());
        QVERIFY(protocol);
        const QByteArray bytes = stampede::test::readData(QStringLiteral("protocol/streams/") + file);
        QVERIFY(!bytes.isEmpty());
        const Aggregate whole = read(*protocol, bytes);
        QCOMPARE(whole.text, want[QStringLiteral("text")].toString());
        QCOMPARE(whole.content, want[QStringLiteral("content")].toInt());
        QCOMPARE(whole.reasoning, want[QStringLiteral("reasoning")].toInt());
        QCOMPARE(whole.tool, want[QStringLiteral("tool")].toInt());
        QCOMPARE(whole.finish, want[QStringLiteral("finish")].toString());
        QCOMPARE(whole.error, want[QStringLiteral("error")].toString());
        QCOMPARE(whole.terminal, want[QStringLiteral("terminal")].toBool());
        QCOMPARE(whole.model, want[QStringLiteral("model")].toString());
        QCOMPARE(whole.invalid, want[QStringLiteral("invalid")].toInt());
        const auto expect = [&](const char *key) {
            const QJsonValue v = want[QLatin1StringView(key)];
            return v.isNull() ? QVariant() : QVariant(qint64(v.toInteger()));
        };
        QCOMPARE(optionalValue(whole.usage.promptTokens), expect("prompt"));
        QCOMPARE(optionalValue(whole.usage.completionTokens), expect("completion"));
        QCOMPARE(optionalValue(whole.usage.cacheReadTokens), expect("cache_read"));
        QCOMPARE(optionalValue(whole.usage.cacheCreationTokens), expect("cache_creation"));
        QCOMPARE(optionalValue(whole.usage.reasoningTokens), expect("reasoning_tokens"));
        // Tool calls: each assembled from its pieces (by index; Responses' .done replaces the
        // fragments), and judged against the functions the request declared.
        QList<QPair<QString, QString>> calls;
        QStringList declared;
        for (const QJsonValue &call : want[QStringLiteral("tool_calls")].toArray()) {
            calls.append({ call[0].toString(), call[1].toString() });
            declared << call[0].toString();
        }
        QCOMPARE(whole.tools.calls(), calls);
        const ToolCallAssembler::Verdict verdict = whole.tools.judge(declared);
        QCOMPARE(verdict.calls, int(calls.size()));
        QCOMPARE(verdict.invalid, want[QStringLiteral("tool_invalid")].toInt());
        QCOMPARE(verdict.firstProblem.isEmpty(), verdict.invalid == 0);
        if (!calls.isEmpty()) { // an undeclared name is invalid whatever its arguments
            const ToolCallAssembler::Verdict stranger = whole.tools.judge({ QStringLiteral("other_function") });
            QCOMPARE(stranger.invalid, int(calls.size()));
            QVERIFY2(stranger.firstProblem.contains(QLatin1String("not a declared function")),
                qPrintable(stranger.firstProblem));
        }

        // However the bytes arrive: 1,000 random splits into 1 to 40 pieces, and every single cut.
        QRandomGenerator rng(qHash(file));
        for (int round = 0; round < 1000; ++round) {
            QList<qsizetype> cuts;
            const int pieces = 1 + int(rng.bounded(40));
            for (int i = 0; i < pieces; ++i)
                cuts.append(qsizetype(rng.bounded(quint32(bytes.size()))));
            std::sort(cuts.begin(), cuts.end());
            QVERIFY2(read(*protocol, bytes, cuts) == whole, qPrintable(QStringLiteral("round %1").arg(round)));
        }
        for (qsizetype cut = 1; cut < bytes.size(); ++cut)
            QVERIFY2(read(*protocol, bytes, { cut }) == whole, qPrintable(QStringLiteral("cut at %1").arg(cut)));
    }

    void namesAndFinishWords()
    {
        for (const auto p : { WireProtocol::OpenAiChat, WireProtocol::OpenAiResponses, WireProtocol::AnthropicMessages,
                 WireProtocol::Gemini })
            QCOMPARE(wireProtocolFromName(wireProtocolName(p)), std::optional<WireProtocol>(p));
        QVERIFY(!wireProtocolFromName(u"anthropic"));
        QCOMPARE(normalisedFinishReason(WireProtocol::AnthropicMessages, QStringLiteral("max_tokens")),
            QStringLiteral("length"));
        QCOMPARE(normalisedFinishReason(WireProtocol::Gemini, QStringLiteral("MAX_TOKENS")), QStringLiteral("length"));
        QCOMPARE(normalisedFinishReason(WireProtocol::OpenAiResponses, QStringLiteral("max_output_tokens")),
            QStringLiteral("length"));
        QCOMPARE(
            normalisedFinishReason(WireProtocol::Gemini, QStringLiteral("SAFETY")), QStringLiteral("content_filter"));
        QCOMPARE(normalisedFinishReason(WireProtocol::AnthropicMessages, QStringLiteral("pause_turn")),
            QStringLiteral("pause_turn"));
    }

    void toolsPerProtocol()
    {
        ChatRequestSpec spec;
        spec.model = QStringLiteral("m-1");
        spec.userPrompt = QStringLiteral("Weather in Seoul?");
        spec.tools = { { QStringLiteral("get_weather"), QStringLiteral("Current weather"),
                           R"({"type":"object","properties":{"city":{"type":"string"}},"required":["city"]})" },
            { QStringLiteral("get_time"), {}, {} } };
        const auto body
            = [&](WireProtocol p) { return QJsonDocument::fromJson(buildWireRequest(p, spec).body).object(); };
        const QJsonObject schema = QJsonDocument::fromJson(spec.tools[0].parameters).object();
        const QJsonObject empty { { u"type"_s, u"object"_s }, { u"properties"_s, QJsonObject() } };

        spec.toolChoice = QStringLiteral("required");
        QJsonObject b = body(WireProtocol::OpenAiChat);
        QCOMPARE(b[u"tools"][0][u"type"].toString(), u"function"_s);
        QCOMPARE(b[u"tools"][0][u"function"][u"name"].toString(), u"get_weather"_s);
        QCOMPARE(b[u"tools"][0][u"function"][u"description"].toString(), u"Current weather"_s);
        QCOMPARE(b[u"tools"][0][u"function"][u"parameters"].toObject(), schema);
        QCOMPARE(b[u"tools"][1][u"function"][u"parameters"].toObject(), empty);
        QVERIFY(!b[u"tools"][1][u"function"].toObject().contains(u"description"_s));
        QCOMPARE(b[u"tool_choice"].toString(), u"required"_s);
        b = body(WireProtocol::OpenAiResponses);
        QCOMPARE(b[u"tools"][0][u"type"].toString(), u"function"_s);
        QCOMPARE(b[u"tools"][0][u"name"].toString(), u"get_weather"_s);
        QCOMPARE(b[u"tools"][0][u"parameters"].toObject(), schema);
        QCOMPARE(b[u"tool_choice"].toString(), u"required"_s);
        b = body(WireProtocol::AnthropicMessages);
        QCOMPARE(b[u"tools"][0][u"name"].toString(), u"get_weather"_s);
        QCOMPARE(b[u"tools"][0][u"input_schema"].toObject(), schema);
        QCOMPARE(b[u"tool_choice"][u"type"].toString(), u"any"_s);
        b = body(WireProtocol::Gemini);
        QCOMPARE(b[u"tools"][0][u"functionDeclarations"][0][u"name"].toString(), u"get_weather"_s);
        QCOMPARE(b[u"tools"][0][u"functionDeclarations"][0][u"parameters"].toObject(), schema);
        QCOMPARE(b[u"tools"][0][u"functionDeclarations"][1][u"name"].toString(), u"get_time"_s);
        QCOMPARE(b[u"toolConfig"][u"functionCallingConfig"][u"mode"].toString(), u"ANY"_s);

        // A named function: each protocol's way of forcing one.
        spec.toolChoice = QStringLiteral("get_time");
        QCOMPARE(body(WireProtocol::OpenAiChat)[u"tool_choice"][u"function"][u"name"].toString(), u"get_time"_s);
        QCOMPARE(body(WireProtocol::OpenAiResponses)[u"tool_choice"][u"name"].toString(), u"get_time"_s);
        QCOMPARE(body(WireProtocol::AnthropicMessages)[u"tool_choice"][u"type"].toString(), u"tool"_s);
        QCOMPARE(body(WireProtocol::AnthropicMessages)[u"tool_choice"][u"name"].toString(), u"get_time"_s);
        b = body(WireProtocol::Gemini);
        QCOMPARE(b[u"toolConfig"][u"functionCallingConfig"][u"allowedFunctionNames"][0].toString(), u"get_time"_s);
        spec.toolChoice = QStringLiteral("none");
        QCOMPARE(body(WireProtocol::AnthropicMessages)[u"tool_choice"][u"type"].toString(), u"none"_s);
        QCOMPARE(body(WireProtocol::Gemini)[u"toolConfig"][u"functionCallingConfig"][u"mode"].toString(), u"NONE"_s);
        // No tools: no tool keys at all.
        spec.tools.clear();
        for (const auto p : { WireProtocol::OpenAiChat, WireProtocol::OpenAiResponses, WireProtocol::AnthropicMessages,
                 WireProtocol::Gemini }) {
            QVERIFY(!body(p).contains(u"tools"_s));
            QVERIFY(!body(p).contains(u"tool_choice"_s));
        }
    }

    void toolCallsInWholeAnswers_data()
    {
        QTest::addColumn<int>("protocol");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("arguments");
        QTest::addColumn<int>("invalid");
        addWholeToolAnswerRows();
    }

    void toolCallsInWholeAnswers()
    {
        QFETCH(int, protocol);
        QFETCH(QByteArray, body);
        QFETCH(QString, arguments);
        QFETCH(int, invalid);
        const StreamEvent e = parseWholeResponse(WireProtocol(protocol), body);
        QVERIFY(e.answer);
        QVERIFY(e.hasContent && e.toolCall);
        QCOMPARE(e.finishReason, u"tool_calls"_s);
        ToolCallAssembler tools;
        tools.add(e.toolCalls);
        QCOMPARE(tools.calls(), (QList<QPair<QString, QString>> { { u"get_weather"_s, arguments } }));
        const ToolCallAssembler::Verdict verdict = tools.judge({ u"get_weather"_s, u"get_time"_s });
        QCOMPARE(verdict.calls, 1);
        QCOMPARE(verdict.invalid, invalid);
    }

    void toolCallAssemblerBounds()
    {
        // Empty arguments are a call without parameters; JSON that is not an object is invalid.
        ToolCallAssembler a;
        a.add({ 0, u"f"_s, {}, false });
        a.add({ 1, u"f"_s, u"[1, 2]"_s, false });
        a.add({ 2, u"f"_s, u"  {\"a\": [1, {\"b\": null}]}  "_s, false });
        a.add({ 3, {}, u"{}"_s, false });
        ToolCallAssembler::Verdict v = a.judge({ u"f"_s });
        QCOMPARE(v.calls, 4);
        QCOMPARE(v.invalid, 2);
        QVERIFY2(v.firstProblem.contains(u"not an object"_s), qPrintable(v.firstProblem));

        // Whole arguments replace the fragments; -1 opens the next index.
        a.reset();
        a.add({ 5, u"f"_s, u"{\"a\":"_s, false });
        a.add({ 5, {}, u"{\"a\":1}"_s, true });
        a.add({ -1, u"g"_s, u"{}"_s, true });
        QCOMPARE(a.calls(), (QList<QPair<QString, QString>> { { u"f"_s, u"{\"a\":1}"_s }, { u"g"_s, u"{}"_s } }));
        QCOMPARE(a.judge({}).invalid, 0); // no declared names known: any name goes

        // Bounded: past kMaxCalls calls are counted and invalid, never kept; past kMaxArgumentChars
        // the call's arguments are dropped and it is invalid.
        a.reset();
        for (int i = 0; i < ToolCallAssembler::kMaxCalls + 10; ++i)
            a.add({ i, u"f"_s, u"{}"_s, false });
        a.add({ ToolCallAssembler::kMaxCalls + 50, {}, u"fragment of a call never opened"_s, false });
        QCOMPARE(a.calls().size(), ToolCallAssembler::kMaxCalls);
        v = a.judge({ u"f"_s });
        QCOMPARE(v.calls, ToolCallAssembler::kMaxCalls + 10);
        QCOMPARE(v.invalid, 10);
        a.reset();
        const QString chunk(64 * 1024, u'x');
        a.add({ 0, u"f"_s, u"{\"a\":\""_s, false });
        for (int i = 0; i < 20; ++i) // 1.25 MiB of fragments
            a.add({ 0, {}, chunk, false });
        a.add({ 1, u"f"_s, u"{}"_s, false });
        v = a.judge({ u"f"_s });
        QCOMPARE(v.calls, 2);
        QCOMPARE(v.invalid, 1);
        QVERIFY2(v.firstProblem.contains(u"over"_s), qPrintable(v.firstProblem));
        QVERIFY(a.calls()[0].second.isEmpty()); // dropped, not kept
    }

    void requestsPerProtocol()
    {
        ChatRequestSpec spec;
        spec.model = QStringLiteral("m-1");
        spec.systemPrompt = QStringLiteral("Be brief.");
        spec.userPrompt = QStringLiteral("你好");
        spec.maxTokens = 64;
        spec.temperature = 0.5;
        const auto body = [](const WireRequest &r) { return QJsonDocument::fromJson(r.body).object(); };

        WireRequest r = buildWireRequest(WireProtocol::OpenAiChat, spec);
        QCOMPARE(r.path, QStringLiteral("chat/completions"));
        QCOMPARE(r.body, buildChatRequestBody(spec)); // the one Chat body there is

        r = buildWireRequest(WireProtocol::OpenAiResponses, spec);
        QCOMPARE(r.path, QStringLiteral("responses"));
        QJsonObject b = body(r);
        QCOMPARE(b[u"instructions"].toString(), QStringLiteral("Be brief."));
        QCOMPARE(b[u"input"][0][u"content"].toString(), QStringLiteral("你好"));
        QCOMPARE(b[u"max_output_tokens"].toInt(), 64);
        QCOMPARE(b[u"stream"].toBool(), true);
        QCOMPARE(b[u"store"].toBool(true), false);

        r = buildWireRequest(WireProtocol::AnthropicMessages, spec);
        QCOMPARE(r.path, QStringLiteral("messages"));
        b = body(r);
        QCOMPARE(b[u"system"].toString(), QStringLiteral("Be brief."));
        QCOMPARE(b[u"messages"][0][u"role"].toString(), QStringLiteral("user"));
        QCOMPARE(b[u"messages"][0][u"content"].toString(), QStringLiteral("你好"));
        QCOMPARE(b[u"max_tokens"].toInt(), 64);
        QVERIFY(r.body.contains("你好")); // UTF-8 as it is, not escaped

        r = buildWireRequest(WireProtocol::Gemini, spec);
        QCOMPARE(r.path, QStringLiteral("models/m-1:streamGenerateContent?alt=sse"));
        b = body(r);
        QCOMPARE(b[u"contents"][0][u"parts"][0][u"text"].toString(), QStringLiteral("你好"));
        QCOMPARE(b[u"systemInstruction"][u"parts"][0][u"text"].toString(), QStringLiteral("Be brief."));
        QCOMPARE(b[u"generationConfig"][u"maxOutputTokens"].toInt(), 64);
        spec.stream = false;
        spec.systemPrompt.clear();
        spec.model = QStringLiteral("a/b c");
        r = buildWireRequest(WireProtocol::Gemini, spec);
        QCOMPARE(
            r.path, QStringLiteral("models/a%2Fb%20c:generateContent")); // a model id cannot leave its path segment
        QVERIFY(!body(r).contains(u"systemInstruction"));
        QCOMPARE(body(buildWireRequest(WireProtocol::AnthropicMessages, spec))[u"stream"].toBool(true), false);
    }

    void keysGoWhereEachProtocolWantsThem()
    {
        using H = QList<QPair<QByteArray, QByteArray>>;
        QCOMPARE(authHeaders(WireProtocol::OpenAiChat, QStringLiteral("k")), (H { { "Authorization", "Bearer k" } }));
        QCOMPARE(
            authHeaders(WireProtocol::OpenAiResponses, QStringLiteral("k")), (H { { "Authorization", "Bearer k" } }));
        QCOMPARE(authHeaders(WireProtocol::AnthropicMessages, QStringLiteral("k")),
            (H { { "x-api-key", "k" }, { "anthropic-version", "2023-06-01" } }));
        QCOMPARE(authHeaders(WireProtocol::Gemini, QStringLiteral("k")), (H { { "x-goog-api-key", "k" } }));
        QCOMPARE(authHeaders(WireProtocol::Gemini, QString()), H {});
        QCOMPARE(
            authHeaders(WireProtocol::AnthropicMessages, QString()), (H { { "anthropic-version", "2023-06-01" } }));
    }

    void wholeAnswers_data()
    {
        QTest::addColumn<int>("protocol");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("finish");
        QTest::addColumn<qint64>("prompt");
        QTest::addColumn<qint64>("completion");
        QTest::addColumn<qint64>("cacheRead");
        QTest::addColumn<QString>("error");
        QTest::newRow("anthropic")
            << int(WireProtocol::AnthropicMessages)
            << QByteArray(R"({"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
            "content":[{"type":"thinking","thinking":"Hmm. ","signature":"x"},{"type":"text","text":"Hi!"}],
            "stop_reason":"max_tokens","usage":{"input_tokens":10,"cache_read_input_tokens":90,"output_tokens":5}})")
            << "Hmm. Hi!"
            << "length" << qint64(10) << qint64(5) << qint64(90) << QString();
        QTest::newRow("anthropic error")
            << int(WireProtocol::AnthropicMessages)
            << QByteArray(R"({"type":"error","error":{"type":"rate_limit_error","message":"Slow down"}})") << ""
            << "" << qint64(-1) << qint64(-1) << qint64(-1) << "rate_limit_error: Slow down";
        QTest::newRow("responses") << int(WireProtocol::OpenAiResponses)
                                   << QByteArray(
                                          R"({"id":"resp_1","object":"response","status":"completed","model":"gpt-4.1",
            "output":[{"type":"reasoning","summary":[{"type":"summary_text","text":"Plan. "}]},
                      {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Done."}]}],
            "usage":{"input_tokens":100,"input_tokens_details":{"cached_tokens":60},"output_tokens":7}})")
                                   << "Plan. Done."
                                   << "stop" << qint64(40) << qint64(7) << qint64(60) << QString();
        QTest::newRow("responses error")
            << int(WireProtocol::OpenAiResponses)
            << QByteArray(R"({"error":{"message":"Invalid model","type":"invalid_request_error"}})") << ""
            << "" << qint64(-1) << qint64(-1) << qint64(-1) << "invalid_request_error: Invalid model";
        QTest::newRow("gemini") << int(WireProtocol::Gemini)
                                << QByteArray(
                                       R"({"candidates":[{"content":{"role":"model","parts":[{"text":"1+1 equals 2."}]},
            "finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":15,"candidatesTokenCount":6,"totalTokenCount":21},
            "modelVersion":"gemini-2.5-flash"})")
                                << "1+1 equals 2."
                                << "stop" << qint64(15) << qint64(6) << qint64(-1) << QString();
        QTest::newRow("openai chat") << int(WireProtocol::OpenAiChat)
                                     << stampede::test::readData(QStringLiteral("protocol/completion.json")) << ""
                                     << "" << qint64(-2) << qint64(-2) << qint64(-2) << QString();
    }
    void wholeAnswers()
    {
        QFETCH(int, protocol);
        QFETCH(QByteArray, body);
        QFETCH(QString, text);
        QFETCH(QString, finish);
        QFETCH(qint64, prompt);
        QFETCH(qint64, completion);
        QFETCH(qint64, cacheRead);
        QFETCH(QString, error);
        const StreamEvent e = parseWholeResponse(WireProtocol(protocol), body);
        QVERIFY(e.valid);
        QCOMPARE(e.errorMessage, error);
        if (prompt == -2) { // the Chat reader, whose own tests check the figures: the same here
            const CompletionInfo info = parseCompletion(body);
            QCOMPARE(e.text, info.contentText);
            QCOMPARE(e.usage.promptTokens.value_or(-1), info.usage ? info.usage->promptTokens : -1);
            return;
        }
        QCOMPARE(e.text, text);
        QCOMPARE(e.finishReason, finish);
        QCOMPARE(e.usage.promptTokens.value_or(-1), prompt);
        QCOMPARE(e.usage.completionTokens.value_or(-1), completion);
        QCOMPARE(e.usage.cacheReadTokens.value_or(-1), cacheRead);
        QCOMPARE(e.terminal, error.isEmpty());
    }

    void modelLists()
    {
        QCOMPARE(
            parseModelListFor(WireProtocol::AnthropicMessages,
                R"({"data":[{"type":"model","id":"claude-sonnet-4-5","display_name":"Claude Sonnet 4.5"}],"has_more":false})"),
            std::optional<QStringList>(QStringList { QStringLiteral("claude-sonnet-4-5") }));
        QCOMPARE(
            parseModelListFor(WireProtocol::Gemini,
                R"({"models":[{"name":"models/gemini-2.5-flash","supportedGenerationMethods":["generateContent"]},{"name":"models/embedding-001"}]})"),
            std::optional<QStringList>(
                QStringList { QStringLiteral("gemini-2.5-flash"), QStringLiteral("embedding-001") }));
        QVERIFY(!parseModelListFor(WireProtocol::Gemini, R"({"data":[]})"));
        QVERIFY(!parseModelListFor(WireProtocol::Gemini, "<html>"));
    }

    // Garbage never throws and is never taken for content.
    void garbageIsInvalid()
    {
        for (const auto p : { WireProtocol::OpenAiResponses, WireProtocol::AnthropicMessages, WireProtocol::Gemini })
            for (const QByteArray &data : { QByteArray("{not json"), QByteArray("[1,2]"), QByteArray("\"x\""),
                     QByteArray("{\"type\":\"something_else\"}"), QByteArray("{}"), QByteArray() }) {
                const StreamEvent e = parseStreamEvent(p, {}, data);
                QVERIFY2(!e.valid && !e.hasContent, data.constData());
            }
        // Counts that are not plain non-negative integers are not counts.
        const StreamEvent e = parseStreamEvent(WireProtocol::AnthropicMessages, {},
            R"({"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":-3}})");
        QVERIFY(e.valid);
        QVERIFY(!e.usage.completionTokens);
        // The SSE event's name stands in for a data object without "type".
        const StreamEvent stop = parseStreamEvent(WireProtocol::AnthropicMessages, "message_stop", "{}");
        QVERIFY(stop.valid && stop.terminal);
    }
};

QTEST_GUILESS_MAIN(TestStreamEvents)
#include "tst_streamevents.moc"
