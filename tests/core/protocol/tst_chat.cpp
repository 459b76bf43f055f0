#include "chatcompare.h"
#include "protocol/chat.h"
#include "protocol/chunkscan.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QtTest/QTest>

using namespace stampede::protocol;
using stampede::test::sameChunk;
using stampede::test::sameCompletion;

namespace {

QString u(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

} // namespace

class TestChat : public QObject
{
    Q_OBJECT

private slots:
    void requestBody_data();
    void requestBody();
    void requestBodyEscapesText();
    void streamChunk_data();
    void streamChunk();
    void chunkScannerAgreesWithDom_data();
    void chunkScannerAgreesWithDom();
    void streamChunkNeverThrows();
    void completion_data();
    void completion();
    void errorMessage_data();
    void errorMessage();
    void modelList_data();
    void modelList();
    void estimateTokens_data();
    void estimateTokens();
    void rejectsStreamOptions_data();
    void rejectsStreamOptions();
};

void TestChat::requestBody_data()
{
    QTest::addColumn<QString>("system");
    QTest::addColumn<bool>("stream");
    QTest::addColumn<bool>("includeUsage");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("stream with usage")
        << u("Be brief.") << true << true
        << QByteArray(R"({"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},)"
                      R"({"role":"user","content":"Hi"}],"max_tokens":150,"temperature":0.7,"stream":true,)"
                      R"("stream_options":{"include_usage":true}})");
    QTest::addRow("stream without usage")
        << QString() << true << false
        << QByteArray(R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],)"
                      R"("max_tokens":150,"temperature":0.7,"stream":true})");
    QTest::addRow("not streamed: no stream_options")
        << QString() << false << true
        << QByteArray(R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],)"
                      R"("max_tokens":150,"temperature":0.7,"stream":false})");
}

void TestChat::requestBody()
{
    QFETCH(QString, system);
    QFETCH(bool, stream);
    QFETCH(bool, includeUsage);
    QFETCH(QByteArray, expected);
    ChatRequestSpec spec;
    spec.model = u("gpt-4o-mini");
    spec.systemPrompt = system;
    spec.userPrompt = u("Hi");
    spec.stream = stream;
    spec.includeUsage = includeUsage;
    QCOMPARE(buildChatRequestBody(spec), expected);
}

void TestChat::requestBodyEscapesText()
{
    ChatRequestSpec spec;
    spec.model = u("qwen/qwen2.5-7b");
    spec.systemPrompt = u("你是一个助手。日本語、한국어 \"quoted\" back\\slash\ttab\nnewline \x01 ctrl");
    spec.userPrompt = u("Emoji 🚀 and </script>");
    spec.maxTokens = 1;
    spec.temperature = 0.0;

    const QByteArray body = buildChatRequestBody(spec);
    QVERIFY(body.contains("你是一个助手")); // UTF-8 as is, not \u escapes: readable in logs
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(body, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonArray messages = root.value(u("messages")).toArray();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).toObject().value(u("content")).toString(), spec.systemPrompt);
    QCOMPARE(messages.at(1).toObject().value(u("content")).toString(), spec.userPrompt);
    QCOMPARE(root.value(u("model")).toString(), spec.model);
    QCOMPARE(root.value(u("max_tokens")).toInt(), 1);
    QCOMPARE(root.value(u("temperature")).toDouble(), 0.0);

    // A lone surrogate cannot be encoded: it must not throw or produce invalid JSON.
    spec.userPrompt = QString(QChar(0xD800)) + u("x");
    QVERIFY(!QJsonDocument::fromJson(buildChatRequestBody(spec)).isNull());
}

void TestChat::streamChunk_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("hasContent");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("finish");
    QTest::addColumn<QString>("model");
    QTest::addColumn<qint64>("completionTokens"); // -1: no usage
    QTest::addColumn<QString>("error");

    const auto chunk = [](const char *delta, const char *finish = "null") -> QByteArray {
        return QByteArray(R"({"id":"c","object":"chat.completion.chunk","model":"m1","choices":[{"index":0,"delta":)")
            + delta + R"(,"finish_reason":)" + finish + "}]}";
    };
    QTest::addRow("role only") << chunk(R"({"role":"assistant","content":""})") << true << false << QString()
                               << QString() << u("m1") << -1LL << QString();
    QTest::addRow("role, null content") << chunk(R"({"role":"assistant","content":null})") << true << false << QString()
                                        << QString() << u("m1") << -1LL << QString();
    QTest::addRow("content") << chunk(R"({"content":"Hello"})") << true << true << u("Hello") << QString() << u("m1")
                             << -1LL << QString();
    QTest::addRow("cjk content") << chunk(R"({"content":"你好"})") << true << true << u("你好") << QString() << u("m1")
                                 << -1LL << QString();
    QTest::addRow("escaped content") << chunk(R"({"content":"a\n\"b\"\u00e9"})") << true << true << u("a\n\"b\"\u00e9")
                                     << QString() << u("m1") << -1LL << QString();
    QTest::addRow("reasoning_content") << chunk(R"({"content":null,"reasoning_content":"Let me think"})") << true
                                       << true << u("Let me think") << QString() << u("m1") << -1LL << QString();
    QTest::addRow("reasoning") << chunk(R"({"reasoning":"Hmm"})") << true << true << u("Hmm") << QString() << u("m1")
                               << -1LL << QString();
    QTest::addRow("tool call") << chunk(R"({"tool_calls":[{"index":0,"id":"call_1","type":"function",)"
                                        R"("function":{"name":"get_weather","arguments":""}}]})")
                               << true << true << QString() << QString() << u("m1") << -1LL << QString();
    QTest::addRow("empty tool calls") << chunk(R"({"tool_calls":[]})") << true << false << QString() << QString()
                                      << u("m1") << -1LL << QString();
    QTest::addRow("content parts") << chunk(R"({"content":[{"type":"text","text":"A"},{"type":"text","text":"B"}]})")
                                   << true << true << u("AB") << QString() << u("m1") << -1LL << QString();
    QTest::addRow("finish") << chunk("{}", R"("stop")") << true << false << QString() << u("stop") << u("m1") << -1LL
                            << QString();
    QTest::addRow("null usage") << QByteArray(R"({"model":"m","choices":[{"delta":{"content":"x"}}],"usage":null})")
                                << true << true << u("x") << QString() << u("m") << -1LL << QString();
    QTest::addRow("usage, empty choices")
        << QByteArray(R"({"id":"c","model":"m2","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":34}})")
        << true << false << QString() << QString() << u("m2") << 34LL << QString();
    QTest::addRow("usage as float") << QByteArray(
        R"({"choices":[],"usage":{"prompt_tokens":1.0,"completion_tokens":7.0}})")
                                    << true << false << QString() << QString() << QString() << 7LL << QString();
    QTest::addRow("usage wrong types") << QByteArray(R"({"usage":{"prompt_tokens":"12","completion_tokens":[]}})")
                                       << true << false << QString() << QString() << QString() << -1LL << QString();
    QTest::addRow("usage not an object") << QByteArray(R"({"usage":"lots"})") << true << false << QString() << QString()
                                         << QString() << -1LL << QString();
    QTest::addRow("error object") << QByteArray(R"({"error":{"message":"Rate limit reached","type":"rate_limit"}})")
                                  << true << false << QString() << QString() << QString() << -1LL
                                  << u("Rate limit reached");
    QTest::addRow("error string") << QByteArray(R"({"error":"upstream timed out"})") << true << false << QString()
                                  << QString() << QString() << -1LL << u("upstream timed out");
    QTest::addRow("error without message") << QByteArray(R"({"error":{"code":500}})") << true << false << QString()
                                           << QString() << QString() << -1LL << u("{\"code\":500}");
    QTest::addRow("error null") << QByteArray(R"({"error":null,"choices":[]})") << true << false << QString()
                                << QString() << QString() << -1LL << QString();
    QTest::addRow("choices wrong type") << QByteArray(R"({"choices":"x","model":7})") << true << false << QString()
                                        << QString() << QString() << -1LL << QString();
    QTest::addRow("delta wrong types") << QByteArray(
        R"({"choices":[1,{"delta":5},{"delta":{"content":9,"tool_calls":{}}}]})")
                                       << true << false << QString() << QString() << QString() << -1LL << QString();
    QTest::addRow("truncated") << QByteArray(R"({"choices":[{"delta":{"content":"Hel)") << false << false << QString()
                               << QString() << QString() << -1LL << QString();
    QTest::addRow("done marker") << QByteArray("[DONE]") << false << false << QString() << QString() << QString()
                                 << -1LL << QString();
    QTest::addRow("array") << QByteArray("[1,2]") << false << false << QString() << QString() << QString() << -1LL
                           << QString();
    QTest::addRow("number") << QByteArray("42") << false << false << QString() << QString() << QString() << -1LL
                            << QString();
    QTest::addRow("empty") << QByteArray() << false << false << QString() << QString() << QString() << -1LL
                           << QString();
    QTest::addRow("invalid utf-8") << QByteArray("{\"model\":\"\xff\xfe\"}") << false << false << QString() << QString()
                                   << QString() << -1LL << QString();
}

void TestChat::streamChunk()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, valid);
    QFETCH(bool, hasContent);
    QFETCH(QString, text);
    QFETCH(QString, finish);
    QFETCH(QString, model);
    QFETCH(qint64, completionTokens);
    QFETCH(QString, error);

    const ChunkInfo info = parseStreamChunk(json);
    QVERIFY(sameChunk(info, detail::parseStreamChunkDom(json)));
    QCOMPARE(info.valid, valid);
    QCOMPARE(info.hasContent, hasContent);
    QCOMPARE(info.contentText, text);
    QCOMPARE(info.finishReason, finish);
    QCOMPARE(info.model, model);
    QCOMPARE(info.usage.has_value(), completionTokens >= 0);
    if (info.usage)
        QCOMPARE(info.usage->completionTokens, completionTokens);
    QCOMPARE(info.errorMessage, error);
}

void TestChat::chunkScannerAgreesWithDom_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("scanned"); // the fast path decides it (not handed to the DOM parser)
    const auto row = [](const char *name, const char *json, bool scanned) {
        QTest::addRow("%s", name) << QByteArray(json) << scanned;
    };
    row("openai content",
        R"({"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4.1","system_fingerprint":null,)"
        R"("choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}],"usage":null})",
        true);
    row("role only", R"({"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]})", true);
    row("finish + usage",
        R"({"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,)"
        R"("completion_tokens":34,"total_tokens":46,"prompt_tokens_details":{"cached_tokens":0}}})",
        true);
    row("usage only", R"({"model":"m","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":5}})", true);
    row("escapes", R"({"choices":[{"delta":{"content":"a\"b\\c\/d\b\f\n\r\t\u00e9\u4f60\ud83d\ude00"}}]})", true);
    row("raw utf-8", "{\"choices\":[{\"delta\":{\"content\":\"\xe4\xbd\xa0\xe5\xa5\xbd \xf0\x9f\x98\x80\"}}]}", true);
    row("reasoning then content", R"({"choices":[{"delta":{"reasoning":"r","content":"c","reasoning_content":"rc"}}]})",
        true);
    // A tool call's pieces are the DOM's to read (issue 16): the scanner declines the chunk.
    row("tool call", R"({"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{"}}]}}]})", false);
    row("empty tool calls", R"({"choices":[{"delta":{"tool_calls":[ ]}}]})", true);
    row("two choices",
        R"({"choices":[{"index":1,"delta":{"content":"b"},"finish_reason":""},)"
        R"({"index":0,"delta":{"content":"a"},"finish_reason":"length"}]})",
        true);
    row("numbers everywhere",
        R"({"created":-1.5e+3,"x":[0,-0,1.25E-2,{"y":true,"z":false}],"choices":[{"delta":{"content":null}}]})", true);
    row("whitespace", " \n{ \"model\" : \"m\" ,\t\"choices\" : [ ] }\r\n ", true);
    row("non-string model", R"({"model":7,"choices":[]})", true);
    row("usage null counts", R"({"usage":{"prompt_tokens":null,"completion_tokens":"5"}})", true);
    row("error object", R"({"error":{"message":"overloaded","type":"server_error"}})", false);
    row("error false", R"({"error":false,"choices":[]})", false);
    row("content parts", R"({"choices":[{"delta":{"content":[{"type":"text","text":"hi"}]}}]})", false);
    row("float usage", R"({"usage":{"prompt_tokens":1.0,"completion_tokens":2}})", false);
    row("negative usage", R"({"usage":{"prompt_tokens":-4,"completion_tokens":2}})", false);
    row("duplicate model", R"({"model":"a","model":"b"})", false);
    row("escaped key", R"({"mod\u0065l":"a"})", false);
    row("array root", R"([{"model":"m"}])", false);
    row("trailing garbage", R"({"model":"m"} x)", false);
    row("lone surrogate", R"({"choices":[{"delta":{"content":"\ud800"}}]})", false);
    row("bad escape", R"({"choices":[{"delta":{"content":"\x"}}]})", false);
    row("control char", "{\"model\":\"a\tb\"}", false);
    row("overlong utf-8", "{\"model\":\"\xc0\xaf\"}", false);
    row("trailing comma", R"({"model":"m",})", false);
    row("leading zero", R"({"n":01})", false);
    // Numbers a double cannot hold: the DOM refuses the document (overflow), so the scanner must not
    // accept it (found by fuzz_chunk: "created": 17211e2741).
    row("exponent overflow", R"({"created":17211e2741,"choices":[]})", false);
    row("400-digit integer", ("{\"n\":" + std::string(400, '9') + ",\"choices\":[]}").c_str(), false);
    row("negative overflow", R"({"x":[-1e999],"choices":[]})", false);
    row("big but finite", R"({"x":1.5e308,"choices":[]})", true);
}

void TestChat::chunkScannerAgreesWithDom()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, scanned);
    ChunkInfo fast;
    QCOMPARE(detail::scanStreamChunk(json, fast), scanned);
    const ChunkInfo dom = detail::parseStreamChunkDom(json);
    if (scanned)
        QVERIFY(sameChunk(fast, dom));
    QVERIFY(sameChunk(parseStreamChunk(json), dom));
}

void TestChat::streamChunkNeverThrows()
{
    const QByteArray sample = R"({"id":"c","model":"m","choices":[{"index":0,"delta":{"content":"日本"},)"
                              R"("finish_reason":null}],"usage":{"prompt_tokens":1,"completion_tokens":2}})";
    for (qsizetype n = 0; n < sample.size(); ++n)
        QVERIFY2(!parseStreamChunk(QByteArrayView(sample).first(n)).valid, qPrintable(QString::number(n)));
    QVERIFY(parseStreamChunk(sample).valid);

    QRandomGenerator rng(7);
    for (int i = 0; i < 2000; ++i) {
        QByteArray garbage = sample;
        for (int flips = 0; flips < 3; ++flips)
            garbage[rng.bounded(static_cast<int>(garbage.size()))] = static_cast<char>(rng.bounded(256));
        QVERIFY2(
            sameChunk(parseStreamChunk(garbage), detail::parseStreamChunkDom(garbage)), garbage.toHex().constData());
        QVERIFY2(
            sameCompletion(parseCompletion(garbage), detail::parseCompletionDom(garbage)), garbage.toHex().constData());
        parseCompletion(garbage);
        errorMessageFromBody(garbage);
        parseModelList(garbage);
    }
    const QByteArray whole = R"({"id":"x","object":"chat.completion","model":"m","choices":[{"index":0,"message":)"
                             R"({"role":"assistant","content":"\u4f60 ok","tool_calls":[]},"finish_reason":"stop"}],)"
                             R"("usage":{"prompt_tokens":9,"completion_tokens":3}})";
    CompletionInfo scanned;
    QVERIFY(detail::scanCompletion(whole, scanned)); // the common shape takes the fast path
    for (int i = 0; i < 2000; ++i) {
        QByteArray garbage = whole;
        for (int flips = 0; flips < 2; ++flips)
            garbage[rng.bounded(static_cast<int>(garbage.size()))] = static_cast<char>(rng.bounded(256));
        QVERIFY2(
            sameCompletion(parseCompletion(garbage), detail::parseCompletionDom(garbage)), garbage.toHex().constData());
    }
    const QByteArray deep = QByteArray(100000, '[') + QByteArray(100000, ']');
    QVERIFY(!parseStreamChunk(deep).valid);
}

void TestChat::completion_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("hasChoices");
    QTest::addColumn<bool>("hasContent");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("finish");
    QTest::addColumn<qint64>("completionTokens");

    QTest::addRow("openai sample") << stampede::test::readData(QStringLiteral("protocol/completion.json")) << true
                                   << true << true << u("Hello! How can I assist you today? 你好！") << u("stop")
                                   << 10LL;
    QTest::addRow("reasoning model") << QByteArray(
        R"({"choices":[{"message":{"role":"assistant","content":"42","reasoning_content":"think"},)"
        R"("finish_reason":"length"}],"usage":{"prompt_tokens":3,"completion_tokens":9}})")
                                     << true << true << true << u("42think") << u("length") << 9LL;
    QTest::addRow("tool calls only") << QByteArray(
        R"({"choices":[{"message":{"role":"assistant","content":null,"tool_calls":[{"id":"1"}]},)"
        R"("finish_reason":"tool_calls"}]})")
                                     << true << true << true << QString() << u("tool_calls") << -1LL;
    QTest::addRow("empty message") << QByteArray(R"({"choices":[{"message":{"role":"assistant","content":""}}]})")
                                   << true << true << false << QString() << QString() << -1LL;
    QTest::addRow("no choices") << QByteArray(R"({"choices":[]})") << true << false << false << QString() << QString()
                                << -1LL;
    QTest::addRow("error body") << QByteArray(R"({"error":{"message":"bad"}})") << true << false << false << QString()
                                << QString() << -1LL;
    QTest::addRow("not json") << QByteArray("<html>") << false << false << false << QString() << QString() << -1LL;
}

void TestChat::completion()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, valid);
    QFETCH(bool, hasChoices);
    QFETCH(bool, hasContent);
    QFETCH(QString, text);
    QFETCH(QString, finish);
    QFETCH(qint64, completionTokens);

    const CompletionInfo info = parseCompletion(json);
    CompletionInfo scanned;
    if (detail::scanCompletion(json, scanned))
        QVERIFY(sameCompletion(scanned, detail::parseCompletionDom(json)));
    QVERIFY(sameCompletion(info, detail::parseCompletionDom(json)));
    QCOMPARE(info.valid, valid);
    QCOMPARE(info.hasChoices, hasChoices);
    QCOMPARE(info.hasContent, hasContent);
    QCOMPARE(info.contentText, text);
    QCOMPARE(info.finishReason, finish);
    QCOMPARE(info.usage.has_value(), completionTokens >= 0);
    if (info.usage)
        QCOMPARE(info.usage->completionTokens, completionTokens);
    if (QTest::currentDataTag() == QByteArray("openai sample")) {
        QCOMPARE(info.model, u("gpt-4o-2024-08-06"));
        QCOMPARE(info.usage->promptTokens, 19);
    }
    if (QTest::currentDataTag() == QByteArray("error body"))
        QCOMPARE(info.errorMessage, u("bad"));
}

void TestChat::errorMessage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");

    QTest::addRow("openai") << QByteArray(R"({"error":{"message":"Invalid API key","type":"invalid_request_error"}})")
                            << u("Invalid API key");
    QTest::addRow("error string") << QByteArray(R"({"error":"Model not found"})") << u("Model not found");
    QTest::addRow("message") << QByteArray(R"({"message":" Too many requests ","code":429})") << u("Too many requests");
    QTest::addRow("detail string") << QByteArray(R"({"detail":"Not Found"})") << u("Not Found");
    QTest::addRow("fastapi list") << stampede::test::readData(QStringLiteral("protocol/fastapi_422.json"))
                                  << u("body.stream_options: Extra inputs are not permitted; "
                                       "body.messages.0.content: Field required");
    QTest::addRow("cjk message") << QByteArray(R"({"error":{"message":"请求过多"}})") << u("请求过多");
    QTest::addRow("empty message falls back to text") << QByteArray(R"({"message":""})") << u("{\"message\":\"\"}");
    QTest::addRow("unknown json") << QByteArray(R"({"foo": 1})") << u("{\"foo\": 1}");
    QTest::addRow("plain text") << QByteArray("  Bad Gateway\r\n") << u("Bad Gateway");
    QTest::addRow("nginx html, first 200 bytes")
        << stampede::test::readData(QStringLiteral("protocol/nginx_502.html"))
        << u("<html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad Gateway</h1></center> "
             "<hr><center>nginx/1.25.3</center> </body> </html> <!-- a padding to the response to disable M");
    QTest::addRow("cut on a utf-8 boundary")
        << QByteArray(QByteArray(199, 'a') + "中文") << QString(199, QLatin1Char('a'));
    QTest::addRow("invalid utf-8 and controls") << QByteArray("bad\xff\x01\x02text") << u("bad\xEF\xBF\xBD text");
    QTest::addRow("empty") << QByteArray() << QString();
}

void TestChat::errorMessage()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    QCOMPARE(errorMessageFromBody(body), expected);
}

void TestChat::modelList_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QStringList>("ids");

    QTest::addRow("mixed servers") << stampede::test::readData(QStringLiteral("protocol/models.json")) << true
                                   << QStringList { u("gpt-4o-mini"), u("meta-llama/Llama-3.1-8B-Instruct"),
                                          u("qwen2.5:7b") };
    QTest::addRow("empty list") << QByteArray(R"({"object":"list","data":[]})") << true << QStringList {};
    QTest::addRow("no data") << QByteArray(R"({"models":[]})") << false << QStringList {};
    QTest::addRow("data not array") << QByteArray(R"({"data":{"id":"x"}})") << false << QStringList {};
    QTest::addRow("top-level array") << QByteArray(R"([{"id":"x"}])") << false << QStringList {};
    QTest::addRow("garbage") << QByteArray("not json") << false << QStringList {};
}

void TestChat::modelList()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(QStringList, ids);
    const auto list = parseModelList(body);
    QCOMPARE(list.has_value(), ok);
    if (list)
        QCOMPARE(*list, ids);
}

void TestChat::estimateTokens_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("tokens");

    QTest::addRow("empty") << QString() << 0LL;
    QTest::addRow("one char") << u("a") << 1LL;
    QTest::addRow("four chars") << u("abcd") << 1LL;
    QTest::addRow("five chars") << u("abcde") << 2LL;
    QTest::addRow("sentence") << u("The quick brown fox jumps.") << 7LL;
    QTest::addRow("400 latin") << QString(400, QLatin1Char('x')) << 100LL;
    QTest::addRow("chinese") << u("你好世界") << 4LL;
    QTest::addRow("japanese kana") << u("こんにちはカタカナ") << 9LL;
    QTest::addRow("korean") << u("안녕하세요") << 5LL;
    QTest::addRow("cjk punctuation") << u("好。") << 2LL;
    QTest::addRow("mixed") << u("Hello 世界") << 4LL;
    QTest::addRow("emoji is one char") << u("🚀") << 1LL;
    QTest::addRow("extension b") << u("𠀀𠀁") << 2LL;
    QTest::addRow("whitespace only") << u(" ") << 1LL;
}

void TestChat::estimateTokens()
{
    QFETCH(QString, text);
    QFETCH(qint64, tokens);
    QCOMPARE(stampede::protocol::estimateTokens(text), tokens);
}

void TestChat::rejectsStreamOptions_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("rejects");

    QTest::addRow("400 stream_options")
        << 400 << QByteArray(R"({"error":{"message":"Unrecognized request argument supplied: stream_options"}})")
        << true;
    QTest::addRow("422 fastapi") << 422 << stampede::test::readData(QStringLiteral("protocol/fastapi_422.json"))
                                 << true;
    QTest::addRow("400 include_usage, upper case") << 400 << QByteArray("INCLUDE_USAGE is not supported") << true;
    QTest::addRow("400 unrelated") << 400 << QByteArray(R"({"error":{"message":"max_tokens too large"}})") << false;
    QTest::addRow("500 mentions it") << 500 << QByteArray("stream_options crashed us") << false;
    QTest::addRow("200") << 200 << QByteArray("stream_options") << false;
    QTest::addRow("400 empty") << 400 << QByteArray() << false;
}

void TestChat::rejectsStreamOptions()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, rejects);
    QCOMPARE(stampede::protocol::rejectsStreamOptions(status, body), rejects);
}

QTEST_GUILESS_MAIN(TestChat)
#include "tst_chat.moc"
