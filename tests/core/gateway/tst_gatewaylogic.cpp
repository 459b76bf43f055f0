// The gateway's socket-free parts: HTTP request parser, chat planner, rate limiter, response bytes.

#include "gateway/chatplanner.h"
#include "gateway/httpparser.h"
#include "gateway/prefixcache.h"
#include "gateway/ratelimiter.h"
#include "gateway/responses.h"
#include "gatewaytesthelpers.h"

#include <QTest>

#include <algorithm>

using namespace stampede;
using namespace stampede::gateway;
using Status = HttpRequestParser::Status;

Q_DECLARE_METATYPE(stampede::model::WireProtocol)

namespace {

// Feeds `bytes` in pieces of `step` bytes; returns the requests parsed and the final status.
Status feed(HttpRequestParser &parser, const QByteArray &bytes, qsizetype step, QList<HttpRequest> *out)
{
    QByteArray buffer;
    qsizetype pos = 0;
    Status status = Status::NeedMore;
    for (qsizetype at = 0; at < bytes.size(); at += step) {
        buffer += bytes.mid(at, step);
        for (;;) {
            status = parser.parse(buffer.constData(), buffer.size(), &pos);
            if (status != Status::Complete)
                break;
            out->append(parser.request());
            parser.reset();
        }
        if (status == Status::Error)
            break;
    }
    return status;
}

} // namespace

class TestGatewayLogic : public QObject
{
    Q_OBJECT
private slots:
    void parserPipelinedAnySplit_data();
    void parserPipelinedAnySplit();
    void parserFields();
    void parserErrors_data();
    void parserErrors();
    void promptTokens_data();
    void promptTokens();
    void planTimingExact();
    void planJitterShape();
    void planJitterNeverFakesAStream();
    void planMaxTokens();
    void planOutcomes();
    void rateLimiterWindow();
    void chunkFraming();
    void jsonEscape();
    // issue 16: the other protocols
    void planProtocolBodies_data();
    void planProtocolBodies();
    void planPrefixCache();
    void planConversationCacheAndPrefill();
    void planReasoning();
};

void TestGatewayLogic::parserPipelinedAnySplit_data()
{
    QTest::addColumn<qsizetype>("step");
    for (qsizetype step : { 1, 2, 3, 7, 64, 100000 })
        QTest::addRow("%d bytes at a time", int(step)) << step;
}

void TestGatewayLogic::parserPipelinedAnySplit()
{
    QFETCH(qsizetype, step);
    const QByteArray stream
        = "POST /v1/chat/completions?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
          "\r\nGET /v1/models HTTP/1.1\r\nConnection: close\r\n\r\n"
          "POST /chat/completions HTTP/1.1\nTransfer-Encoding: chunked\n\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n"
          "Trailer: t\r\n\r\n";
    HttpRequestParser parser;
    QList<HttpRequest> requests;
    QCOMPARE(feed(parser, stream, step, &requests), Status::NeedMore);
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests[0].method, "POST");
    QCOMPARE(requests[0].path, "/v1/chat/completions");
    QCOMPARE(requests[0].body, "hello");
    QVERIFY(requests[0].keepAlive);
    QCOMPARE(requests[1].path, "/v1/models");
    QVERIFY(!requests[1].keepAlive);
    QCOMPARE(requests[2].body, "abcde");
}

void TestGatewayLogic::parserFields()
{
    HttpRequestParser parser;
    QList<HttpRequest> requests;
    feed(parser,
        "GET http://example.com/v1/models HTTP/1.0\r\nauthorization:   Bearer  k  \r\nConnection: Keep-Alive\r\n\r\n",
        1000, &requests);
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests[0].path, "/v1/models");
    QCOMPARE(requests[0].authorization, "Bearer  k");
    QCOMPARE(requests[0].versionMinor, 0);
    QVERIFY(requests[0].keepAlive);

    // The headers that carry the other protocols' keys, and the query (Gemini's ?key=).
    requests.clear();
    feed(parser,
        "POST /v1beta/models/m:generateContent?alt=sse&key=k2 HTTP/1.1\r\nX-Api-Key: k1\r\n"
        "anthropic-version:2023-06-01\r\nx-goog-api-key:  k3 \r\n\r\n",
        7, &requests);
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests[0].path, "/v1beta/models/m:generateContent");
    QCOMPARE(requests[0].query, "alt=sse&key=k2");
    QCOMPARE(requests[0].xApiKey, "k1");
    QCOMPARE(requests[0].anthropicVersion, "2023-06-01");
    QCOMPARE(requests[0].googApiKey, "k3");

    HttpRequestParser waiting;
    qsizetype pos = 0;
    const QByteArray head = "POST /v1/chat/completions HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n";
    QCOMPARE(waiting.parse(head.constData(), head.size(), &pos), Status::NeedMore);
    QVERIFY(waiting.wantsContinue());
    waiting.markContinueSent();
    QVERIFY(!waiting.wantsContinue());
}

void TestGatewayLogic::parserErrors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addRow("no target") << QByteArray("GET\r\n\r\n") << 400;
    QTest::addRow("bad method char") << QByteArray("G(T / HTTP/1.1\r\n\r\n") << 400;
    QTest::addRow("relative target") << QByteArray("GET v1 HTTP/1.1\r\n\r\n") << 400;
    QTest::addRow("http/2") << QByteArray("PRI * HTTP/2.0\r\n\r\n") << 505;
    QTest::addRow("folding") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n  c\r\n\r\n") << 400;
    QTest::addRow("conflicting lengths") << QByteArray(
        "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
                                         << 400;
    QTest::addRow("too large") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 8388609\r\n\r\n") << 413;
    QTest::addRow("too large chunk") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n900000\r\n")
                                     << 413;
    QTest::addRow("bad chunk size") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << 400;
    QTest::addRow("gzip encoding") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") << 501;
    QTest::addRow("long line") << QByteArray("GET /" + QByteArray(70000, 'a')) << 414;
}

void TestGatewayLogic::parserErrors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    HttpRequestParser parser;
    QList<HttpRequest> requests;
    QCOMPARE(feed(parser, bytes, 5, &requests), Status::Error);
    QCOMPARE(parser.errorStatus(), status);
    QVERIFY(requests.isEmpty());
}

void TestGatewayLogic::promptTokens_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("tokens");
    QTest::addRow("empty") << QString() << 0;
    QTest::addRow("latin") << QStringLiteral("hello world!") << 3;
    QTest::addRow("rounds up") << QStringLiteral("hello") << 2;
    QTest::addRow("cjk") << QStringLiteral("你好世界") << 4;
    QTest::addRow("hangul") << QStringLiteral("안녕") << 2;
    QTest::addRow("mixed") << QStringLiteral("ok 你好") << 3; // "ok " -> 1, two CJK -> 2
    QTest::addRow("emoji") << QStringLiteral("\U0001F600\U0001F600") << 1;
}

void TestGatewayLogic::promptTokens()
{
    QFETCH(QString, text);
    QFETCH(int, tokens);
    QCOMPARE(estimatePromptTokens(text.toUtf8()), tokens);
}

void TestGatewayLogic::planTimingExact()
{
    GatewayConfig config = test::fastConfig();
    RateLimiter limiter(0, 2);
    std::mt19937_64 rng(1);
    const ChatPlan plan
        = planChat(R"({"model":"sim-fast","messages":[{"role":"user","content":"12345678"}],"stream":true,
        "stream_options":{"include_usage":true}})",
            { config, limiter, rng, 0 });
    QCOMPARE(plan.errorStatus, 0);
    QVERIFY(plan.stream && plan.includeUsage);
    QCOMPARE(plan.promptTokens, 2);
    QCOMPARE(plan.completionTokens, 12);
    QCOMPARE(plan.ttftNs, qint64(10'000'000));
    QCOMPARE(plan.tokenIntervalNs, qint64(1'000'000));
    QCOMPARE(plan.totalNs, qint64(22'000'000));
    config.sendUsage = false;
    const ChatPlan noUsage = planChat(R"({"model":"sim-fast","messages":[{"role":"user","content":"x"}],"stream":true,
        "stream_options":{"include_usage":true}})",
        { config, limiter, rng, 0 });
    QVERIFY(!noUsage.includeUsage);
}

void TestGatewayLogic::planJitterShape()
{
    // The lognormal factor keeps the configured mean and gives p95 about 2.7x the mean (sigma 0.8).
    const GatewayConfig config = defaultConfig();
    RateLimiter limiter(0, 4);
    std::mt19937_64 rng(42);
    std::vector<double> ms;
    for (int i = 0; i < 20000; ++i) {
        const ChatPlan p = planChat(
            R"({"model":"gpt-4.1","messages":[{"role":"user","content":"x"}]})", { config, limiter, rng, 0 });
        ms.push_back(p.totalNs / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    double mean = 0;
    for (double v : ms)
        mean += v / double(ms.size());
    const double p95 = ms[std::size_t(ms.size() * 0.95)];
    QVERIFY2(mean > 300 && mean < 340, qPrintable(QString::number(mean)));
    QVERIFY2(p95 / mean > 2.4 && p95 / mean < 3.1, qPrintable(QString::number(p95 / mean)));
}

void TestGatewayLogic::planJitterNeverFakesAStream()
{
    // The built-in gateway's honest streams must never look like fake streaming to the client's
    // integrity check (metrics/integrity.h: 32+ tokens within 10 ms): the pace is floored.
    const GatewayConfig config = defaultConfig();
    RateLimiter limiter(0, 4);
    std::mt19937_64 rng(7);
    double fastestSpreadMs = 1e9;
    for (const ModelBehaviour &model : config.models) {
        const QByteArray body
            = R"({"model":")" + model.model.toUtf8() + R"(","messages":[{"role":"user","content":"x"}],"stream":true})";
        for (int i = 0; i < 5000; ++i) {
            const ChatPlan p = planChat(body, { config, limiter, rng, 0 });
            QVERIFY(p.tokenIntervalNs >= qint64(1e9 / model.tokensPerSec * kMinPaceFactor) - 1);
            if (p.completionTokens >= 32)
                fastestSpreadMs
                    = std::min(fastestSpreadMs, double(p.completionTokens - 1) * double(p.tokenIntervalNs) / 1e6);
        }
    }
    QVERIFY2(fastestSpreadMs > 15, qPrintable(QString::number(fastestSpreadMs)));
}

void TestGatewayLogic::planMaxTokens()
{
    const GatewayConfig config = test::fastConfig();
    RateLimiter limiter(0, 2);
    std::mt19937_64 rng(1);
    const ChatPlan capped = planChat(R"({"model":"sim-fast","messages":[{"role":"user","content":"x"}],"max_tokens":100,
        "max_completion_tokens":3})",
        { config, limiter, rng, 0 });
    QCOMPARE(capped.completionTokens, 3);
    QVERIFY(capped.hitMaxTokens);
    const ChatPlan roomy
        = planChat(R"({"model":"sim-fast","messages":[{"role":"user","content":"x"}],"max_tokens":12})",
            { config, limiter, rng, 0 });
    QCOMPARE(roomy.completionTokens, 12);
    QVERIFY(!roomy.hitMaxTokens);
}

void TestGatewayLogic::planOutcomes()
{
    GatewayConfig config = test::fastConfig();
    config.stallRate = 0.25;
    config.cutStreamRate = 0.25;
    config.garbageRate = 0.25;
    RateLimiter limiter(0, 2);
    std::mt19937_64 rng(7);
    QMap<Outcome, int> counts;
    for (int i = 0; i < 4000; ++i) {
        const ChatPlan p = planChat(
            R"({"model":"sim-fast","messages":[{"role":"user","content":"x"}]})", { config, limiter, rng, 0 });
        ++counts[p.outcome];
    }
    for (Outcome o : { Outcome::Normal, Outcome::Stall, Outcome::Cut, Outcome::Garbage })
        QVERIFY2(counts.value(o) > 850 && counts.value(o) < 1150, qPrintable(QString::number(counts.value(o))));
}

void TestGatewayLogic::rateLimiterWindow()
{
    RateLimiter limiter(2, 2);
    QVERIFY(limiter.tryAcquire(0, 1000));
    QVERIFY(limiter.tryAcquire(0, 2000));
    QVERIFY(!limiter.tryAcquire(0, 3000));
    QVERIFY(limiter.tryAcquire(1, 3000)); // per model
    QVERIFY(!limiter.tryAcquire(0, 60999)); // 1000 still inside (60999 - 60000, 60999]
    QVERIFY(limiter.tryAcquire(0, 61000)); // 1000 left the window
    QVERIFY(!limiter.tryAcquire(0, 61500));
    RateLimiter unlimited(0, 1);
    for (int i = 0; i < 100; ++i)
        QVERIFY(unlimited.tryAcquire(0, 0));
}

void TestGatewayLogic::chunkFraming()
{
    QByteArray out;
    responses::appendContentChunk(out, R"({"id":"x",)", " word");
    const qsizetype crlf = out.indexOf("\r\n");
    const qsizetype size = out.left(crlf).toLongLong(nullptr, 16);
    QCOMPARE(out.size(), crlf + 2 + size + 2);
    const QByteArray event = out.mid(crlf + 2, size);
    QVERIFY(event.startsWith("data: {") && event.endsWith("}\n\n"));
    QVERIFY(test::parseJson(event.mid(6)).is_object());
    QByteArray head;
    responses::appendHead(head, { 429, "application/json", 12, false, "req_1", 3 });
    QCOMPARE(head,
        "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nContent-Length: 12\r\n"
        "Connection: close\r\nRetry-After: 3\r\nx-request-id: req_1\r\nServer: stampede-sim\r\n\r\n");
}

void TestGatewayLogic::jsonEscape()
{
    QCOMPARE(responses::jsonEscape("a\"b\\c\nd\x01"), "a\\\"b\\\\c\\nd\\u0001");
    const auto doc = test::parseJson(responses::errorBody("bad \"x\"", "t", "p", nullptr));
    QCOMPARE(test::str(doc["error"]["message"]), "bad \"x\"");
    QCOMPARE(test::str(doc["error"]["param"]), "p");
    QVERIFY(doc["error"]["code"].is_null());
}

void TestGatewayLogic::planProtocolBodies_data()
{
    QTest::addColumn<WireProtocol>("wire");
    QTest::addColumn<QByteArray>("pathModel"); // Gemini
    QTest::addColumn<bool>("pathStream"); // Gemini
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("says"); // in the error body
    QTest::addColumn<bool>("stream");
    QTest::addColumn<int>("promptTokens"); // the system prompt's 4 characters and the user's 8: 3 tokens
    QTest::addColumn<int>("completionTokens");
    const auto R = WireProtocol::OpenAiResponses;
    const auto A = WireProtocol::AnthropicMessages;
    const auto G = WireProtocol::Gemini;
    QTest::addRow("responses, string input")
        << R << QByteArray() << false
        << QByteArray(
               R"({"model":"sim-fast","input":"12345678","instructions":"abcd","max_output_tokens":5,"stream":true})")
        << 0 << QByteArray() << true << 3 << 5;
    QTest::addRow("responses, message items")
        << R << QByteArray() << false
        << QByteArray(R"({"model":"sim-fast","input":[{"role":"user","content":[{"type":"input_text",)"
                      R"("text":"1234"}]},{"role":"assistant","content":"5678"}],"instructions":"abcd"})")
        << 0 << QByteArray() << false << 3 << 12;
    QTest::addRow("responses, no input") << R << QByteArray() << false << QByteArray(R"({"model":"sim-fast"})") << 400
                                         << QByteArray("Missing required parameter: 'input'.") << false << 0 << 0;
    QTest::addRow("responses, input a number")
        << R << QByteArray() << false << QByteArray(R"({"model":"sim-fast","input":5})") << 400
        << QByteArray("Invalid type for 'input'") << false << 0 << 0;
    QTest::addRow("responses, max_output_tokens 0")
        << R << QByteArray() << false << QByteArray(R"({"model":"sim-fast","input":"x","max_output_tokens":0})") << 400
        << QByteArray("below minimum") << false << 0 << 0;
    QTest::addRow("responses, unknown model")
        << R << QByteArray() << false << QByteArray(R"({"model":"gpt-9","input":"x"})") << 404
        << QByteArray(R"("code":"model_not_found")") << false << 0 << 0;
    QTest::addRow("anthropic, blocks")
        << A << QByteArray() << false
        << QByteArray(R"({"model":"sim-fast","max_tokens":100,"system":[{"type":"text","text":"abcd"}],)"
                      R"("messages":[{"role":"user","content":[{"type":"text","text":"12345678"}]}],"stream":true})")
        << 0 << QByteArray() << true << 3 << 12;
    QTest::addRow("anthropic, strings, max_tokens 2")
        << A << QByteArray() << false
        << QByteArray(
               R"({"model":"sim-fast","max_tokens":2,"system":"abcd","messages":[{"role":"user","content":"12345678"}]})")
        << 0 << QByteArray() << false << 3 << 2;
    QTest::addRow("anthropic, no max_tokens")
        << A << QByteArray() << false
        << QByteArray(R"({"model":"sim-fast","messages":[{"role":"user","content":"x"}]})") << 400
        << QByteArray(
               R"({"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"}})")
        << false << 0 << 0;
    QTest::addRow("anthropic, no messages")
        << A << QByteArray() << false << QByteArray(R"({"model":"sim-fast","max_tokens":5,"messages":[]})") << 400
        << QByteArray("messages: at least one message is required") << false << 0 << 0;
    QTest::addRow("anthropic, system a number")
        << A << QByteArray() << false
        << QByteArray(R"({"model":"sim-fast","max_tokens":5,"system":5,"messages":[{"role":"user","content":"x"}]})")
        << 400 << QByteArray("system: Input should be a valid string") << false << 0 << 0;
    QTest::addRow("anthropic, unknown model")
        << A << QByteArray() << false
        << QByteArray(R"({"model":"gpt-9","max_tokens":5,"messages":[{"role":"user","content":"x"}]})") << 404
        << QByteArray(R"("type":"not_found_error","message":"model: gpt-9")") << false << 0 << 0;
    QTest::addRow("anthropic, not json") << A << QByteArray() << false << QByteArray("{") << 400
                                         << QByteArray(R"({"type":"error",)") << false << 0 << 0;
    QTest::addRow("gemini, camelCase, streamed")
        << G << QByteArray("sim-fast") << true
        << QByteArray(R"({"contents":[{"role":"user","parts":[{"text":"12345678"}]}],"systemInstruction":)"
                      R"({"parts":[{"text":"abcd"}]},"generationConfig":{"maxOutputTokens":3,"temperature":0.7}})")
        << 0 << QByteArray() << true << 3 << 3;
    QTest::addRow("gemini, snake_case, the path decides streaming")
        << G << QByteArray("sim-fast") << false
        << QByteArray(R"({"contents":[{"parts":[{"text":"1234"},{"text":"5678"}]}],"system_instruction":)"
                      R"({"parts":[{"text":"abcd"}]},"generation_config":{"max_output_tokens":4},"stream":true})")
        << 0 << QByteArray() << false << 3 << 4;
    QTest::addRow("gemini, no contents")
        << G << QByteArray("sim-fast") << true << QByteArray(R"({"contents":[]})") << 400
        << QByteArray(R"("code":400,"message":"* GenerateContentRequest.contents: contents is not specified",)"
                      R"("status":"INVALID_ARGUMENT")")
        << false << 0 << 0;
    QTest::addRow("gemini, maxOutputTokens 0")
        << G << QByteArray("sim-fast") << false
        << QByteArray(R"({"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"maxOutputTokens":0}})") << 400
        << QByteArray("max_output_tokens must be positive") << false << 0 << 0;
    QTest::addRow("gemini, unknown model")
        << G << QByteArray("gpt-9") << false << QByteArray(R"({"contents":[{"parts":[{"text":"x"}]}]})") << 404
        << QByteArray(R"("message":"models/gpt-9 is not found)") << false << 0 << 0;
}

void TestGatewayLogic::planProtocolBodies()
{
    QFETCH(WireProtocol, wire);
    QFETCH(QByteArray, pathModel);
    QFETCH(bool, pathStream);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QByteArray, says);
    QFETCH(bool, stream);
    QFETCH(int, promptTokens);
    QFETCH(int, completionTokens);
    const GatewayConfig config = test::fastConfig();
    RateLimiter limiter(0, 2);
    std::mt19937_64 rng(1);
    const ChatPlan plan = planRequest({ wire, pathModel, pathStream }, body, { config, limiter, rng, 0 });
    QCOMPARE(plan.protocol, wire);
    QCOMPARE(plan.errorStatus, status);
    if (status != 0) {
        QVERIFY2(plan.errorBody.contains(says), plan.errorBody.constData());
        QVERIFY(test::parseJson(plan.errorBody).is_object());
        return;
    }
    QCOMPARE(plan.model, 0);
    QCOMPARE(plan.stream, stream);
    QCOMPARE(plan.promptTokens, promptTokens);
    QCOMPARE(plan.completionTokens, completionTokens);
    QCOMPARE(plan.hitMaxTokens, completionTokens < 12);
    QVERIFY(!plan.includeUsage); // a chat-only option
}

void TestGatewayLogic::planPrefixCache()
{
    GatewayConfig config = test::fastConfig();
    config.prefixCache = { true, 4, 0.5 };
    RateLimiter limiter(0, 2);
    std::mt19937_64 rng(1);
    PrefixCache cache;
    auto plan = [&](const QByteArray &body, WireProtocol wire = WireProtocol::OpenAiChat) {
        return planRequest({ wire }, body, { config, limiter, rng, 0, &cache });
    };
    // 16 characters of system prompt (4 tokens, the minimum), 8 of user prompt: 6 tokens.
    const QByteArray chat = R"({"model":"sim-fast","messages":[{"role":"system","content":"abcdefghijklmnop"},)"
                            R"({"role":"user","content":"12345678"}]})";
    const ChatPlan first = plan(chat);
    QCOMPARE(first.promptTokens, 6);
    QCOMPARE(first.cacheCreationTokens, 4);
    QCOMPARE(first.cacheReadTokens, 0);
    QCOMPARE(first.ttftNs, qint64(10'000'000));
    const ChatPlan second = plan(chat);
    QCOMPARE(second.promptTokens, 6);
    QCOMPARE(second.cacheReadTokens, 4);
    QCOMPARE(second.cacheCreationTokens, 0);
    QCOMPARE(second.ttftNs, qint64(5'000'000)); // ttft_factor 0.5
    QCOMPARE(second.totalNs, qint64(17'000'000)); // the tokens still take their time
    // The same prefix is the same cache entry whatever the protocol; another model has its own.
    const ChatPlan anthropic = plan(R"({"model":"sim-fast","max_tokens":9,"system":"abcdefghijklmnop",)"
                                    R"("messages":[{"role":"user","content":"x"}]})",
        WireProtocol::AnthropicMessages);
    QCOMPARE(anthropic.cacheReadTokens, 4);
    QCOMPARE(plan(QByteArray(chat).replace("sim-fast", "sim-other")).cacheCreationTokens, 4);
    // Only the leading system (or developer) messages are the prefix; shorter than min_tokens is not cached.
    const QByteArray late = R"({"model":"sim-fast","messages":[{"role":"user","content":"x"},)"
                            R"({"role":"system","content":"qrstuvwxyzabcdef"}]})";
    QCOMPARE(plan(late).cacheCreationTokens, 0);
    QCOMPARE(plan(late).cacheReadTokens, 0);
    const QByteArray developer = R"({"model":"sim-fast","messages":[{"role":"developer","content":"qrstuvwx"},)"
                                 R"({"role":"system","content":"yzabcdef"},{"role":"user","content":"x"}]})";
    QCOMPARE(plan(developer).cacheCreationTokens, 4);
    QCOMPARE(plan(developer).cacheReadTokens, 4);
    const QByteArray brief = R"({"model":"sim-fast","messages":[{"role":"system","content":"short"}]})";
    QCOMPARE(plan(brief).cacheCreationTokens + plan(brief).cacheReadTokens, 0);
    // Off: nothing is cached or remembered.
    config.prefixCache.enabled = false;
    const int remembered = cache.size();
    QCOMPARE(plan(chat).cacheReadTokens, 0);
    QCOMPARE(cache.size(), remembered);
}

void TestGatewayLogic::planConversationCacheAndPrefill()
{
    GatewayConfig config = test::fastConfig();
    config.prefixCache = { true, 4, 0.5 };
    config.models[0].prefillTokensPerSec = 1000; // 1 ms a prompt token the cache did not serve
    RateLimiter limiter(0, 2);
    std::mt19937_64 rng(1);
    PrefixCache cache;
    auto plan = [&](const QByteArray &body, WireProtocol wire = WireProtocol::OpenAiChat) {
        return planRequest({ wire }, body, { config, limiter, rng, 0, &cache });
    };
    const QByteArray system = R"({"role":"system","content":"abcdefghijklmnop"})"; // 4 tokens
    const auto chat = [&](const QByteArray &messages) -> QByteArray {
        return R"({"model":"sim-fast","messages":[)" + system + "," + messages + "]}";
    };
    // Turn 1: the system prompt is written; all 6 prompt tokens are prefilled (10 + 6 ms).
    const ChatPlan first = plan(chat(R"({"role":"user","content":"12345678"})"));
    QCOMPARE(first.cacheCreationTokens, 4);
    QCOMPARE(first.ttftNs, qint64(16'000'000));
    // Turn 2 sends turn 1 and the reply back: that history (system 4 + 2 + 2 tokens) is read from the
    // cache, whatever the reply said; only the new 2 tokens are prefilled (10 x 0.5 + 2 ms).
    const QByteArray turn2 = R"({"role":"user","content":"12345678"},{"role":"assistant","content":"abcdefgh"},)"
                             R"({"role":"user","content":"ABCDEFGH"})";
    const ChatPlan second = plan(chat(turn2));
    QCOMPARE(second.promptTokens, 10);
    QCOMPARE(second.cacheReadTokens, 8);
    QCOMPARE(second.cacheCreationTokens, 0);
    QCOMPARE(second.ttftNs, qint64(7'000'000));
    QCOMPARE(plan(chat(QByteArray(turn2).replace("abcdefgh", "zyxwvuts"))).cacheReadTokens, 8);
    // Another history was never answered: only the system prompt is read (4), 6 tokens prefilled.
    const ChatPlan other = plan(chat(QByteArray(turn2).replace("12345678", "87654321")));
    QCOMPARE(other.cacheReadTokens, 4);
    QCOMPARE(other.ttftNs, qint64(11'000'000));
    // Each protocol's history is its own messages: Gemini's "model" turns, Anthropic's system apart.
    const QByteArray gemini1 = R"({"contents":[{"role":"user","parts":[{"text":"qwertyuiopasdfgh"}]}]})";
    const QByteArray gemini2 = R"({"contents":[{"role":"user","parts":[{"text":"qwertyuiopasdfgh"}]},)"
                               R"({"role":"model","parts":[{"text":"any reply"}]},)"
                               R"({"role":"user","parts":[{"text":"next"}]}]})";
    QCOMPARE(
        planRequest({ WireProtocol::Gemini, "sim-fast" }, gemini1, { config, limiter, rng, 0, &cache }).cacheReadTokens,
        0);
    QCOMPARE(
        planRequest({ WireProtocol::Gemini, "sim-fast" }, gemini2, { config, limiter, rng, 0, &cache }).cacheReadTokens,
        4 + 3); // the first message and the reply ("any reply": 9 characters, 3 tokens)
    // Without the cache, the whole prompt is prefilled each turn: a growing history costs more.
    config.prefixCache.enabled = false;
    QCOMPARE(plan(chat(turn2)).ttftNs, qint64(20'000'000));
    // fixed_latency_ms keeps its exact latency.
    config.fixedLatencyMs = 30;
    QCOMPARE(plan(chat(turn2)).ttftNs, qint64(30'000'000));
}

void TestGatewayLogic::planReasoning()
{
    GatewayConfig config = test::fastConfig();
    config.models[0].reasoningTokens = 5;
    RateLimiter limiter(0, 2);
    std::mt19937_64 rng(1);
    const QByteArray body = R"({"model":"sim-fast","messages":[{"role":"user","content":"x"}]})";
    const ChatPlan plan = planChat(body, { config, limiter, rng, 0 });
    QCOMPARE(plan.completionTokens, 17); // 5 reasoning, then the 12 of the answer
    QCOMPARE(plan.reasoningTokens, 5);
    QCOMPARE(plan.contentTokens(), 12);
    QCOMPARE(plan.totalNs, qint64(27'000'000));
    QVERIFY(!plan.hitMaxTokens);
    const ChatPlan capped = planRequest({ WireProtocol::Gemini, "sim-fast" },
        R"({"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"maxOutputTokens":3}})",
        { config, limiter, rng, 0 });
    QCOMPARE(capped.completionTokens, 3);
    QCOMPARE(capped.reasoningTokens, 3);
    QCOMPARE(capped.contentTokens(), 0);
    QVERIFY(capped.hitMaxTokens);
}

QTEST_GUILESS_MAIN(TestGatewayLogic)
#include "tst_gatewaylogic.moc"
