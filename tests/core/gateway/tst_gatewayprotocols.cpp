// The simulated gateway's four protocols over real sockets on 127.0.0.1:0 (issue 16): each answer is
// read back by the client's own readers (protocol/streamevents.h, protocol/ssedecoder.h) from the
// requests the client builds (buildWireRequest, authHeaders).

#include "gateway/simgateway.h"
#include "gatewaytesthelpers.h"
#include "protocol/ssedecoder.h"
#include "protocol/streamevents.h"
#include "rawhttpclient.h"

#include <QEventLoop>
#include <QTest>
#include <QTimer>

using namespace stampede;
using protocol::StreamEvent;
using protocol::WireProtocol;
using stampede::test::RawHttpClient;
using stampede::test::RawResponse;

Q_DECLARE_METATYPE(stampede::protocol::WireProtocol)

namespace {

constexpr WireProtocol kNew[]
    = { WireProtocol::OpenAiResponses, WireProtocol::AnthropicMessages, WireProtocol::Gemini };

QByteArray nameOf(WireProtocol p)
{
    return protocol::wireProtocolName(p).toUtf8();
}

/// The request the client sends for `spec`, below /v1 (Gemini: /v1beta), with the key's headers.
QByteArray wireRequest(
    WireProtocol p, const protocol::ChatRequestSpec &spec, const QString &key = {}, const QByteArray &extraHeaders = {})
{
    const protocol::WireRequest w = protocol::buildWireRequest(p, spec);
    QByteArray headers = extraHeaders;
    for (const auto &[name, value] : protocol::authHeaders(p, key))
        headers += name + ": " + value + "\r\n";
    const QByteArray prefix = p == WireProtocol::Gemini ? "/v1beta/" : "/v1/";
    return RawHttpClient::request("POST", prefix + w.path.toUtf8(), w.body, headers);
}

protocol::ChatRequestSpec spec(
    bool stream, int maxTokens = 150, const QString &system = {}, const QString &model = QStringLiteral("sim-fast"))
{
    protocol::ChatRequestSpec s;
    s.model = model;
    s.systemPrompt = system;
    s.userPrompt = QStringLiteral("Say hello to the load tester.");
    s.maxTokens = maxTokens;
    s.stream = stream;
    return s;
}

int words(const QString &text)
{
    return int(text.split(QLatin1Char(' '), Qt::SkipEmptyParts).size());
}

/// What the client's readers make of one answer.
struct Reading {
    RawResponse response;
    QList<StreamEvent> events;
    int invalid = 0; ///< events (or a whole body) the reader could not read
    int contentWords = 0; ///< streams: words of the content deltas
    int reasoningWords = 0; ///< streams: words of the reasoning deltas
    bool reasoningFirst = true; ///< no content delta came before a reasoning delta
    protocol::UsageReport usage;
    QString finish;
    QString model;
    QString error;
    int terminals = 0;
    int eventsAfterTerminal = 0;
    qint64 ttftNs = -1; ///< first content (or reasoning) event after the request was written; whole: the answer
    bool closed = false; ///< the gateway closed before the answer was complete
};

void take(Reading &r, const StreamEvent &e, qint64 atNs)
{
    if (!e.valid)
        ++r.invalid;
    if (r.terminals > 0)
        ++r.eventsAfterTerminal;
    if (e.hasContent && r.ttftNs < 0)
        r.ttftNs = atNs;
    if (e.reasoning)
        r.reasoningWords += words(e.text);
    else
        r.contentWords += words(e.text);
    r.reasoningFirst = r.reasoningFirst && !(e.reasoning && r.contentWords > 0);
    e.usage.mergeInto(r.usage);
    if (!e.finishReason.isEmpty())
        r.finish = e.finishReason;
    if (!e.model.isEmpty())
        r.model = e.model;
    if (!e.errorMessage.isEmpty())
        r.error = e.errorMessage;
    r.terminals += e.terminal ? 1 : 0;
    r.events.append(e);
}

/// Until the response is complete or the gateway closed the connection (a cut answer), or the timeout.
bool waitAnswer(RawHttpClient &client, int timeoutMs)
{
    QEventLoop loop;
    QObject::connect(&client, &RawHttpClient::responseReceived, &loop, &QEventLoop::quit);
    QObject::connect(&client.socket(), &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (client.responses().isEmpty() && !client.closedByPeer())
        loop.exec();
    return !client.responses().isEmpty();
}

/// One request on a fresh connection, read as the client reads its protocol.
Reading ask(quint16 port, WireProtocol p, const QByteArray &request, int timeoutMs = 10000)
{
    RawHttpClient client(port);
    client.open();
    const qint64 sentNs = client.nowNs();
    client.send(request);
    Reading r;
    if (waitAnswer(client, timeoutMs)) {
        r.response = client.responses().first();
    } else if (const RawResponse *partial = client.partial()) {
        r.response = *partial;
        r.closed = true;
    }
    const RawResponse &resp = r.response;
    if (!resp.headers.value("content-type").startsWith("text/event-stream")) {
        if (resp.status == 200 && !r.closed) {
            take(r, protocol::parseWholeResponse(p, resp.body), resp.doneNs - sentNs);
            r.contentWords = -1; // not counted: a whole answer's text mixes reasoning and content
        }
        return r;
    }
    protocol::SseDecoder decoder;
    for (qsizetype i = 0; i < resp.chunks.size(); ++i) {
        QList<protocol::SseEvent> events;
        decoder.feed(resp.chunks[i], events);
        for (const protocol::SseEvent &event : std::as_const(events)) {
            if (!event.isDone()) {
                take(r, protocol::parseStreamEvent(p, event.event, event.data), resp.chunkNs[i] - sentNs);
            } else {
                r.eventsAfterTerminal += r.terminals;
                ++r.terminals; // OpenAI Chat's end of the answer
            }
        }
    }
    return r;
}

gateway::GatewayConfig exactConfig(int fixedLatencyMs = -1)
{
    gateway::GatewayConfig c = test::fastConfig();
    c.fixedLatencyMs = fixedLatencyMs;
    return c;
}

nlohmann::json errorOf(const RawResponse &r)
{
    return test::parseJson(r.body);
}

/// The error body is the protocol's own shape, with the type (Anthropic), status (Gemini) or code (OpenAI) given.
bool hasErrorShape(
    WireProtocol p, const RawResponse &r, const char *anthropicType, const char *geminiStatus, const char *openAiCode)
{
    const auto doc = errorOf(r);
    if (!doc.is_object() || !doc["error"].is_object() || !doc["error"]["message"].is_string())
        return false;
    switch (p) {
    case WireProtocol::AnthropicMessages:
        return test::str(doc["type"]) == "error" && test::str(doc["error"]["type"]) == anthropicType;
    case WireProtocol::Gemini:
        return test::str(doc["error"]["status"]) == geminiStatus && doc["error"]["code"] == r.status;
    case WireProtocol::OpenAiChat:
    case WireProtocol::OpenAiResponses:
        break;
    }
    return !openAiCode || test::str(doc["error"]["code"]) == openAiCode;
}

void addProtocolRows(bool withChat = false)
{
    QTest::addColumn<WireProtocol>("wire");
    if (withChat)
        QTest::addRow("openai-chat") << WireProtocol::OpenAiChat;
    for (WireProtocol p : kNew)
        QTest::addRow("%s", nameOf(p).constData()) << p;
}

} // namespace

class TestGatewayProtocols : public QObject
{
    Q_OBJECT
private slots:
    void answers_data();
    void answers();
    void wrongKey_data() { addProtocolRows(); }
    void wrongKey();
    void unknownModel_data() { addProtocolRows(); }
    void unknownModel();
    void rateLimited_data() { addProtocolRows(); }
    void rateLimited();
    void anthropicNeedsVersion();
    void prefixCache_data() { addProtocolRows(true); }
    void prefixCache();
    void reasoning_data() { addProtocolRows(true); }
    void reasoning();
    void misbehaviours_data() { addProtocolRows(); }
    void misbehaviours();
    void modelLists();
    void metricsCountEveryProtocol();
};

void TestGatewayProtocols::answers_data()
{
    QTest::addColumn<WireProtocol>("wire");
    QTest::addColumn<bool>("stream");
    QTest::addColumn<int>("maxTokens");
    for (WireProtocol p : { WireProtocol::OpenAiChat, WireProtocol::OpenAiResponses, WireProtocol::AnthropicMessages,
             WireProtocol::Gemini }) {
        for (bool stream : { true, false }) {
            const char *how = stream ? "stream" : "whole";
            QTest::addRow("%s %s stop", nameOf(p).constData(), how) << p << stream << 150;
            QTest::addRow("%s %s length", nameOf(p).constData(), how) << p << stream << 5;
        }
    }
}

void TestGatewayProtocols::answers()
{
    QFETCH(WireProtocol, wire);
    QFETCH(bool, stream);
    QFETCH(int, maxTokens);
    gateway::SimGateway gw;
    QVERIFY(gw.start(exactConfig(100))); // sim-fast: 12 tokens at 1000/s; the first after exactly 100 ms
    const Reading r = ask(gw.port(), wire, wireRequest(wire, spec(stream, maxTokens, QStringLiteral("Be brief."))));
    QCOMPARE(r.response.status, 200);
    QVERIFY2(r.response.headers.value("content-type").startsWith(stream ? "text/event-stream" : "application/json"),
        r.response.headers.value("content-type").constData());
    QCOMPARE(r.invalid, 0);
    QVERIFY(!r.events.isEmpty());
    const int expected = maxTokens < 12 ? maxTokens : 12;
    QCOMPARE(r.usage.completionTokens.value_or(-1), qint64(expected));
    if (stream)
        QCOMPARE(r.contentWords, expected); // every content token streamed is counted in the usage
    else
        QCOMPARE(words(r.events.first().text), expected);
    QVERIFY(r.usage.promptTokens.value_or(0) > 0);
    QCOMPARE(r.finish, maxTokens < 12 ? QStringLiteral("length") : QStringLiteral("stop"));
    QCOMPARE(r.model, QStringLiteral("sim-fast"));
    QCOMPARE(r.error, QString());
    QCOMPARE(r.terminals, 1);
    QCOMPARE(r.eventsAfterTerminal, 0);
    // The latency model: the first token (or the whole answer) after the fixed 100 ms, generously bounded.
    QVERIFY2(r.ttftNs >= 95'000'000 && r.ttftNs < qint64(2e9 * test::timingSlack()),
        qPrintable(QString::number(r.ttftNs / 1e6)));
}

void TestGatewayProtocols::wrongKey()
{
    QFETCH(WireProtocol, wire);
    gateway::GatewayConfig config = exactConfig();
    config.apiKey = QStringLiteral("sk-right");
    gateway::SimGateway gw;
    QVERIFY(gw.start(config));
    const RawResponse wrong = ask(gw.port(), wire, wireRequest(wire, spec(true), QStringLiteral("sk-wrong"))).response;
    QCOMPARE(wrong.status, 401);
    QVERIFY2(hasErrorShape(wire, wrong, "authentication_error", "UNAUTHENTICATED", "invalid_api_key"),
        wrong.body.constData());
    QCOMPARE(ask(gw.port(), wire, wireRequest(wire, spec(true))).response.status, 401); // no key at all
    // The key in another protocol's header does not count.
    const QByteArray bearer = "Authorization: Bearer sk-right\r\n";
    if (wire != WireProtocol::OpenAiResponses)
        QCOMPARE(ask(gw.port(), wire, wireRequest(wire, spec(true), {}, bearer)).response.status, 401);
    QCOMPARE(ask(gw.port(), wire, wireRequest(wire, spec(true), QStringLiteral("sk-right"))).response.status, 200);
    if (wire == WireProtocol::Gemini) { // Gemini also takes the key as ?key=
        const protocol::WireRequest w = protocol::buildWireRequest(wire, spec(false));
        const QByteArray path = "/v1beta/" + w.path.toUtf8() + "?key=sk-right";
        QCOMPARE(test::exchange(gw.port(), RawHttpClient::request("POST", path, w.body)).status, 200);
    }
}

void TestGatewayProtocols::unknownModel()
{
    QFETCH(WireProtocol, wire);
    gateway::SimGateway gw;
    QVERIFY(gw.start(exactConfig()));
    for (bool stream : { true, false }) {
        const RawResponse r
            = ask(gw.port(), wire, wireRequest(wire, spec(stream, 150, {}, QStringLiteral("gpt-9")))).response;
        QCOMPARE(r.status, 404);
        QVERIFY2(hasErrorShape(wire, r, "not_found_error", "NOT_FOUND", "model_not_found"), r.body.constData());
        QVERIFY2(r.body.contains("gpt-9"), r.body.constData());
    }
}

void TestGatewayProtocols::rateLimited()
{
    QFETCH(WireProtocol, wire);
    gateway::GatewayConfig config = exactConfig();
    config.rpmLimit = 1;
    config.retryAfterSeconds = 7;
    gateway::SimGateway gw;
    QVERIFY(gw.start(config));
    QCOMPARE(ask(gw.port(), wire, wireRequest(wire, spec(true))).response.status, 200);
    const RawResponse r = ask(gw.port(), wire, wireRequest(wire, spec(true))).response;
    QCOMPARE(r.status, 429);
    QCOMPARE(r.headers.value("retry-after"), "7");
    QVERIFY2(
        hasErrorShape(wire, r, "rate_limit_error", "RESOURCE_EXHAUSTED", "rate_limit_exceeded"), r.body.constData());
    QCOMPARE(r.headers.value("x-ratelimit-remaining-requests"), "0");
}

void TestGatewayProtocols::anthropicNeedsVersion()
{
    gateway::SimGateway gw;
    QVERIFY(gw.start(exactConfig()));
    const protocol::WireRequest w = protocol::buildWireRequest(WireProtocol::AnthropicMessages, spec(false));
    const RawResponse r = test::exchange(
        gw.port(), RawHttpClient::request("POST", "/v1/" + w.path.toUtf8(), w.body, "x-api-key: k\r\n"));
    QCOMPARE(r.status, 400);
    QVERIFY2(hasErrorShape(WireProtocol::AnthropicMessages, r, "invalid_request_error", nullptr, nullptr),
        r.body.constData());
    QVERIFY(r.body.contains("anthropic-version"));
    const QByteArray noMaxTokens = R"({"model":"sim-fast","messages":[{"role":"user","content":"hi"}]})";
    const RawResponse bad = test::exchange(
        gw.port(), RawHttpClient::request("POST", "/v1/messages", noMaxTokens, "anthropic-version: 2023-06-01\r\n"));
    QCOMPARE(bad.status, 400);
    QCOMPARE(test::str(errorOf(bad)["error"]["message"]), "max_tokens: Field required");
}

void TestGatewayProtocols::prefixCache()
{
    QFETCH(WireProtocol, wire);
    gateway::GatewayConfig config = exactConfig(400);
    config.prefixCache = { true, 32, 0.1 };
    gateway::SimGateway gw;
    QVERIFY(gw.start(config));
    const QString system = QStringLiteral("You are a careful assistant for a load test. ").repeated(8); // 360 chars
    const int systemTokens = 90;
    const Reading first = ask(gw.port(), wire, wireRequest(wire, spec(true, 150, system)));
    const Reading second = ask(gw.port(), wire, wireRequest(wire, spec(true, 150, system)));
    const Reading whole = ask(gw.port(), wire, wireRequest(wire, spec(false, 150, system)));
    QCOMPARE(first.response.status, 200);
    QCOMPARE(second.response.status, 200);
    QCOMPARE(whole.response.status, 200);
    // First sight: written to the cache; only Anthropic says so (the others report no cache at all).
    QCOMPARE(first.usage.cacheReadTokens.value_or(0), 0);
    if (wire == WireProtocol::AnthropicMessages)
        QCOMPARE(first.usage.cacheCreationTokens.value_or(-1), qint64(systemTokens));
    else
        QVERIFY(!first.usage.cacheCreationTokens);
    // Then read from it, and the normalised prompt tokens leave the cached ones out in every protocol.
    for (const Reading *again : { &second, &whole }) {
        QCOMPARE(again->usage.cacheReadTokens.value_or(-1), qint64(systemTokens));
        QCOMPARE(again->usage.promptTokens.value_or(-1) + systemTokens,
            first.usage.promptTokens.value_or(-1) + first.usage.cacheCreationTokens.value_or(0));
    }
    // A hit's first token comes ttft_factor (0.1) times as late: 40 ms instead of 400.
    QVERIFY2(first.ttftNs >= 395'000'000, qPrintable(QString::number(first.ttftNs / 1e6)));
    QVERIFY2(
        second.ttftNs >= 35'000'000 && second.ttftNs < 300'000'000, qPrintable(QString::number(second.ttftNs / 1e6)));
    // A short system prompt is never cached.
    const Reading shortOne = ask(gw.port(), wire, wireRequest(wire, spec(true, 150, QStringLiteral("Be brief."))));
    const Reading shortAgain = ask(gw.port(), wire, wireRequest(wire, spec(true, 150, QStringLiteral("Be brief."))));
    QCOMPARE(shortAgain.usage.cacheReadTokens.value_or(0), 0);
    QCOMPARE(shortOne.usage.cacheCreationTokens.value_or(0), 0);
}

void TestGatewayProtocols::reasoning()
{
    QFETCH(WireProtocol, wire);
    gateway::GatewayConfig config = exactConfig();
    config.models[0].reasoningTokens = 6;
    config.chunkTokens = 4; // chunks never mix reasoning and content: 4 + 2 reasoning, then 4 + 4 + 4 content
    gateway::SimGateway gw;
    QVERIFY(gw.start(config));
    const Reading r = ask(gw.port(), wire, wireRequest(wire, spec(true)));
    QCOMPARE(r.response.status, 200);
    QCOMPARE(r.invalid, 0);
    // The chat reader does not tell reasoning_content from content: only the total is compared there.
    const bool chat = wire == WireProtocol::OpenAiChat;
    if (chat) {
        QCOMPARE(r.reasoningWords + r.contentWords, 18);
        QCOMPARE(r.response.body.count("\"reasoning_content\":"), 2);
    } else {
        QCOMPARE(r.reasoningWords, 6);
        QCOMPARE(r.contentWords, 12);
        QVERIFY(r.reasoningFirst);
    }
    QCOMPARE(r.usage.completionTokens.value_or(-1), qint64(18));
    if (wire != WireProtocol::AnthropicMessages) // Anthropic bills thinking as output without saying how much
        QCOMPARE(r.usage.reasoningTokens.value_or(-1), qint64(6));
    QCOMPARE(r.finish, QStringLiteral("stop"));
    QCOMPARE(r.terminals, 1);
    // The cap takes reasoning first: 4 tokens are all reasoning, and the answer is cut for length.
    const Reading capped = ask(gw.port(), wire, wireRequest(wire, spec(true, 4)));
    QCOMPARE(capped.invalid, 0);
    QCOMPARE(capped.reasoningWords + capped.contentWords, 4);
    if (!chat)
        QCOMPARE(capped.reasoningWords, 4);
    QCOMPARE(capped.finish, QStringLiteral("length"));
    QCOMPARE(capped.usage.completionTokens.value_or(-1), qint64(4));
    QCOMPARE(capped.terminals, 1);
    // A whole answer carries both, with the same usage.
    const Reading whole = ask(gw.port(), wire, wireRequest(wire, spec(false)));
    QCOMPARE(whole.invalid, 0);
    QVERIFY(chat || whole.events.first().reasoning);
    QCOMPARE(whole.usage.completionTokens.value_or(-1), qint64(18));
}

void TestGatewayProtocols::misbehaviours()
{
    QFETCH(WireProtocol, wire);
    auto start = [](gateway::SimGateway &gw, double gateway::GatewayConfig::*rate) {
        gateway::GatewayConfig config = exactConfig();
        config.*rate = 1.0;
        return gw.start(config);
    };
    {
        gateway::SimGateway gw;
        QVERIFY(start(gw, &gateway::GatewayConfig::garbageRate));
        const Reading r = ask(gw.port(), wire, wireRequest(wire, spec(true)));
        QCOMPARE(r.response.status, 200);
        QVERIFY(r.invalid > 0);
        QCOMPARE(r.terminals, 0);
        QVERIFY(!r.error.isEmpty()); // then the protocol's own in-stream error
        const Reading whole = ask(gw.port(), wire, wireRequest(wire, spec(false)));
        QCOMPARE(whole.response.status, 200);
        QVERIFY(protocol::parseWholeResponse(wire, whole.response.body).valid == false);
    }
    {
        gateway::SimGateway gw;
        QVERIFY(start(gw, &gateway::GatewayConfig::cutStreamRate));
        const Reading r = ask(gw.port(), wire, wireRequest(wire, spec(true)));
        QVERIFY(r.closed);
        QCOMPARE(r.terminals, 0);
        QCOMPARE(r.invalid, 0);
        QCOMPARE(r.contentWords, 6); // half of the 12 tokens
    }
    {
        gateway::SimGateway gw;
        QVERIFY(start(gw, &gateway::GatewayConfig::error5xxRate));
        for (int i = 0; i < 6; ++i) {
            const RawResponse r = ask(gw.port(), wire, wireRequest(wire, spec(i % 2 == 0))).response;
            const bool overloaded = r.status == (wire == WireProtocol::AnthropicMessages ? 529 : 503);
            QVERIFY2(r.status == 500 || overloaded, qPrintable(QString::number(r.status)));
            QVERIFY2(hasErrorShape(wire, r, overloaded ? "overloaded_error" : "api_error",
                         overloaded ? "UNAVAILABLE" : "INTERNAL", nullptr),
                r.body.constData());
        }
    }
}

void TestGatewayProtocols::modelLists()
{
    gateway::SimGateway gw;
    gateway::GatewayConfig config = exactConfig();
    config.apiKey = QStringLiteral("k");
    QVERIFY(gw.start(config));
    const QStringList ids = { QStringLiteral("sim-fast"), QStringLiteral("sim-other") };
    for (WireProtocol p : { WireProtocol::OpenAiResponses, WireProtocol::AnthropicMessages, WireProtocol::Gemini }) {
        QByteArray headers;
        for (const auto &[name, value] : protocol::authHeaders(p, QStringLiteral("k")))
            headers += name + ": " + value + "\r\n";
        const QByteArray path = p == WireProtocol::Gemini ? "/v1beta/models" : "/v1/models";
        const RawResponse r = test::exchange(gw.port(), RawHttpClient::request("GET", path, {}, headers));
        QCOMPARE(r.status, 200);
        QCOMPARE(protocol::parseModelListFor(p, r.body).value_or(QStringList()), ids);
    }
    const auto gemini = test::parseJson(
        test::exchange(gw.port(), RawHttpClient::request("GET", "/v1beta/models", {}, "x-goog-api-key: k\r\n")).body);
    QCOMPARE(test::str(gemini["models"][0]["name"]), "models/sim-fast");
    QCOMPARE(gemini["models"][0]["supportedGenerationMethods"].size(), std::size_t(2));
    QCOMPARE(test::exchange(gw.port(), RawHttpClient::request("GET", "/v1beta/models")).status, 401);
    // A Gemini model id travels percent-encoded in its path segment.
    const RawResponse encoded = test::exchange(gw.port(),
        RawHttpClient::request("POST", "/v1beta/models/sim%2Dfast:generateContent",
            R"({"contents":[{"role":"user","parts":[{"text":"hi"}]}]})", "x-goog-api-key: k\r\n"));
    QCOMPARE(encoded.status, 200);
}

void TestGatewayProtocols::metricsCountEveryProtocol()
{
    gateway::SimGateway gw;
    QVERIFY(gw.start(exactConfig()));
    for (WireProtocol p : { WireProtocol::OpenAiChat, WireProtocol::OpenAiResponses, WireProtocol::AnthropicMessages,
             WireProtocol::Gemini })
        QCOMPARE(ask(gw.port(), p, wireRequest(p, spec(true))).response.status, 200);
    QCOMPARE(gw.chatRequestsAnswered(), qint64(4));
    const RawResponse metrics = test::exchange(gw.port(), RawHttpClient::request("GET", "/metrics"));
    QVERIFY2(metrics.body.contains("stampede_gateway_requests_total{model=\"sim-fast\"} 4"), metrics.body.constData());
}

QTEST_GUILESS_MAIN(TestGatewayProtocols)
#include "tst_gatewayprotocols.moc"
