// The simulated gateway's errors and injected misbehaviours, over real sockets on 127.0.0.1:0.

#include "gateway/simgateway.h"
#include "gatewaytesthelpers.h"
#include "rawhttpclient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace stampede;
using stampede::test::exchange;
using stampede::test::RawHttpClient;
using stampede::test::RawResponse;
using stampede::test::waitResponses;

namespace {

std::string errorCode(const RawResponse &r)
{
    const auto doc = test::parseJson(r.body);
    return doc.is_object() && doc["error"]["code"].is_string() ? doc["error"]["code"].get<std::string>() : "";
}

} // namespace

class TestGatewayFaults : public QObject
{
    Q_OBJECT
private slots:
    void errorAnswers_data();
    void errorAnswers();
    void badBodies_data();
    void badBodies();
    void rateLimit();
    void serverErrors();
    void cutStream();
    void cutNonStreamed();
    void garbage();
    void stallUntilClientTimeout();
    void malformedHttp_data();
    void malformedHttp();
    void expectContinue();
    void chunkedRequestBody();
};

// One request, one error answer (status and OpenAI error object), then requests on fresh
// connections that show what still works.
void TestGatewayFaults::errorAnswers_data()
{
    QTest::addColumn<QString>("setup"); // "", "api key sk-right", "reject stream_options"
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("type"); // error.type; empty: not checked
    QTest::addColumn<QByteArray>("code"); // error.code; empty: not checked
    QTest::addColumn<QByteArray>("message"); // error.message, exactly; empty: not checked
    QTest::addColumn<QByteArray>("says"); // in the body; empty: not checked
    QTest::addColumn<QByteArrayList>("then");
    QTest::addColumn<QList<int>>("thenStatus");
    QTest::addRow("wrong api key") << QStringLiteral("api key sk-right")
                                   << RawHttpClient::chatRequest(
                                          "sim-fast", false, false, 0, "Authorization: Bearer sk-wrong\r\n")
                                   << 401 << QByteArray("invalid_request_error") << QByteArray("invalid_api_key")
                                   << QByteArray("Incorrect API key provided") << QByteArray()
                                   << QByteArrayList { RawHttpClient::request("GET", "/v1/models"),
                                          RawHttpClient::chatRequest(
                                              "sim-fast", false, false, 0, "authorization: bearer sk-right\r\n") }
                                   << QList<int> { 401, 200 };
    QTest::addRow("unknown model") << QString() << RawHttpClient::chatRequest("gpt-9", true) << 404 << QByteArray()
                                   << QByteArray("model_not_found") << QByteArray()
                                   << QByteArray("The model `gpt-9` does not exist") << QByteArrayList {}
                                   << QList<int> {};
    QTest::addRow("unknown route and method")
        << QString() << RawHttpClient::request("GET", "/v1/embeddings?x=1") << 404 << QByteArray() << QByteArray()
        << QByteArray() << QByteArray("Invalid URL (GET /v1/embeddings)")
        << QByteArrayList { RawHttpClient::request("GET", "/v1/chat/completions"),
               RawHttpClient::request("GET", "/models?limit=3") }
        << QList<int> { 405, 200 };
    QTest::addRow("rejected stream_options")
        << QStringLiteral("reject stream_options") << RawHttpClient::chatRequest("sim-fast", true, true) << 400
        << QByteArray() << QByteArray() << QByteArray("Unrecognized request argument supplied: stream_options")
        << QByteArray() << QByteArrayList { RawHttpClient::chatRequest("sim-fast", true, false) } << QList<int> { 200 };
}

void TestGatewayFaults::errorAnswers()
{
    QFETCH(QString, setup);
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, code);
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, says);
    QFETCH(QByteArrayList, then);
    QFETCH(QList<int>, thenStatus);
    gateway::GatewayConfig config = test::fastConfig();
    if (setup == QLatin1StringView("api key sk-right"))
        config.apiKey = QStringLiteral("sk-right");
    config.rejectStreamOptions = setup == QLatin1StringView("reject stream_options");
    gateway::SimGateway gw;
    QVERIFY(gw.start(config));
    const RawResponse r = exchange(gw.port(), request);
    QCOMPARE(r.status, status);
    const auto doc = test::parseJson(r.body);
    if (!type.isEmpty())
        QCOMPARE(test::str(doc["error"]["type"]), type);
    if (!code.isEmpty())
        QCOMPARE(QByteArray::fromStdString(errorCode(r)), code);
    if (!message.isEmpty())
        QCOMPARE(test::str(doc["error"]["message"]), message);
    if (!says.isEmpty())
        QVERIFY2(r.body.contains(says), r.body.constData());
    for (qsizetype i = 0; i < then.size(); ++i)
        QCOMPARE(exchange(gw.port(), then[i]).status, thenStatus[i]);
}

void TestGatewayFaults::badBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("says");
    QTest::addRow("not json") << QByteArray("{model: x") << QByteArray("could not parse the JSON body");
    QTest::addRow("json array") << QByteArray("[1,2]") << QByteArray("could not parse the JSON body");
    QTest::addRow("no model") << QByteArray(R"({"messages":[]})") << QByteArray("provide a model");
    QTest::addRow("no messages") << QByteArray(R"({"model":"sim-fast"})") << QByteArray("'messages'");
    QTest::addRow("empty messages") << QByteArray(R"({"model":"sim-fast","messages":[]})") << QByteArray("too short");
    QTest::addRow("max_tokens 0") << QByteArray(
        R"({"model":"sim-fast","messages":[{"role":"user","content":"x"}],"max_tokens":0})")
                                  << QByteArray("below minimum");
    QTest::addRow("stream_options without stream") << QByteArray(
        R"({"model":"sim-fast","messages":[{"role":"user","content":"x"}],"stream_options":{"include_usage":true}})")
                                                   << QByteArray("only allowed when 'stream' is enabled");
}

void TestGatewayFaults::badBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, says);
    gateway::SimGateway gw;
    QVERIFY(gw.start(test::fastConfig()));
    RawHttpClient client(gw.port());
    client.open();
    client.send(RawHttpClient::request("POST", "/v1/chat/completions", body));
    QVERIFY(waitResponses(client, 1));
    const RawResponse &r = client.responses().first();
    QCOMPARE(r.status, 400);
    QVERIFY2(r.body.contains(says), r.body.constData());
    QCOMPARE(test::str(test::parseJson(r.body)["error"]["type"]), "invalid_request_error");
    // a JSON-level error keeps the connection usable
    client.send(RawHttpClient::request("GET", "/v1/models"));
    QVERIFY(waitResponses(client, 2));
    QCOMPARE(client.responses().last().status, 200);
}

void TestGatewayFaults::rateLimit()
{
    gateway::GatewayConfig config = test::fastConfig();
    config.rpmLimit = 3;
    config.retryAfterSeconds = 7;
    config.threads = 2;
    gateway::SimGateway gw;
    QVERIFY(gw.start(config));
    for (int i = 0; i < 3; ++i) // on separate connections, so both threads share the one window
        QCOMPARE(exchange(gw.port(), RawHttpClient::chatRequest("sim-other", false)).status, 200);
    const RawResponse limited = exchange(gw.port(), RawHttpClient::chatRequest("sim-other", true));
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.headers.value("retry-after"), "7");
    QCOMPARE(errorCode(limited), "rate_limit_exceeded");
    QCOMPARE(test::str(test::parseJson(limited.body)["error"]["type"]), "requests");
    QCOMPARE(exchange(gw.port(), RawHttpClient::chatRequest("sim-fast", false)).status, 200); // per model
}

void TestGatewayFaults::serverErrors()
{
    gateway::GatewayConfig config = test::fastConfig();
    config.error5xxRate = 1.0;
    gateway::SimGateway gw;
    QVERIFY(gw.start(config));
    RawHttpClient client(gw.port());
    client.open();
    QSet<int> seen;
    for (int i = 1; i <= 12; ++i) {
        client.send(RawHttpClient::chatRequest("sim-fast", i % 2));
        QVERIFY(waitResponses(client, i));
        const RawResponse &r = client.responses().last();
        QVERIFY2(r.status == 500 || r.status == 503, qPrintable(QString::number(r.status)));
        QCOMPARE(test::str(test::parseJson(r.body)["error"]["type"]), "server_error");
        seen.insert(r.status);
    }
    QCOMPARE(seen.size(), 2);
}

void TestGatewayFaults::cutStream()
{
    gateway::GatewayConfig config = test::fastConfig();
    config.cutStreamRate = 1.0;
    gateway::SimGateway gw;
    QVERIFY(gw.start(config));
    RawHttpClient client(gw.port());
    client.open();
    client.send(RawHttpClient::chatRequest("sim-fast", true, true));
    QTRY_VERIFY(client.closedByPeer());
    QVERIFY(client.responses().isEmpty()); // the chunked body never ended
    QVERIFY(client.partial());
    const QList<QByteArray> data = test::sseData(client.partial()->body);
    QCOMPARE(data.size(), 1 + 6); // role chunk, then half of the 12 tokens
    QVERIFY(!client.partial()->body.contains("[DONE]"));
    QTRY_COMPARE(gw.openConnections(), 0);
}

void TestGatewayFaults::cutNonStreamed()
{
    gateway::GatewayConfig config = test::fastConfig();
    config.cutStreamRate = 1.0;
    gateway::SimGateway gw;
    QVERIFY(gw.start(config));
    RawHttpClient client(gw.port());
    client.open();
    client.send(RawHttpClient::chatRequest("sim-fast", false));
    QTRY_VERIFY(client.closedByPeer());
    QVERIFY(client.responses().isEmpty());
    QVERIFY(client.partial());
    const qint64 promised = client.partial()->headers.value("content-length").toLongLong();
    QVERIFY(promised > 0);
    QCOMPARE(client.partial()->body.size(), promised / 2);
}

void TestGatewayFaults::garbage()
{
    gateway::GatewayConfig config = test::fastConfig();
    config.garbageRate = 1.0;
    gateway::SimGateway gw;
    QVERIFY(gw.start(config));
    RawHttpClient client(gw.port());
    client.open();
    client.send(RawHttpClient::chatRequest("sim-fast", false));
    QVERIFY(waitResponses(client, 1));
    QCOMPARE(client.responses()[0].status, 200);
    QCOMPARE(client.responses()[0].body, "<html>oops");
    client.send(RawHttpClient::chatRequest("sim-fast", true));
    QVERIFY(waitResponses(client, 2));
    const QList<QByteArray> data = test::sseData(client.responses()[1].body);
    QVERIFY(!data.isEmpty());
    QCOMPARE(data.first(), "{not json");
    QVERIFY(test::parseJson(data.first()).is_discarded());
}

void TestGatewayFaults::stallUntilClientTimeout()
{
    gateway::GatewayConfig config = test::fastConfig();
    config.stallRate = 1.0;
    gateway::SimGateway gw;
    QVERIFY(gw.start(config));
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(gw.baseUrl().toString() + QStringLiteral("/chat/completions")));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("stampede-tests"));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(300);
    std::unique_ptr<QNetworkReply> reply(
        nam.post(request, R"({"model":"sim-fast","messages":[{"role":"user","content":"x"}]})"));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(5000));
    QVERIFY(reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError);
    QCOMPARE(gw.requestsServed(), quint64(0));
    QTRY_COMPARE(gw.openConnections(), 0); // the client's abort closes the stalled connection
}

void TestGatewayFaults::malformedHttp_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addRow("garbage line") << QByteArray("GARBAGE\r\n\r\n") << 400;
    QTest::addRow("bad version") << QByteArray("GET /v1/models HTTP/x\r\n\r\n") << 400;
    QTest::addRow("http2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505;
    QTest::addRow("bad header") << QByteArray("GET /v1/models HTTP/1.1\r\nno colon here\r\n\r\n") << 400;
    QTest::addRow("bad length") << QByteArray("POST /v1/chat/completions HTTP/1.1\r\nContent-Length: 1x\r\n\r\n")
                                << 400;
    QTest::addRow("length and chunked") << QByteArray(
        "POST /v1/chat/completions HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n")
                                        << 400;
    QTest::addRow("huge header") << QByteArray("GET /v1/models HTTP/1.1\r\nX-Big: " + QByteArray(70000, 'a')
        + "\r\n\r\n") << 431;
    QTest::addRow("too large body") << QByteArray(
        "POST /v1/chat/completions HTTP/1.1\r\nContent-Length: 9000000\r\n\r\n{\"model\":")
                                    << 413;
}

void TestGatewayFaults::malformedHttp()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    gateway::SimGateway gw;
    QVERIFY(gw.start(test::fastConfig()));
    RawHttpClient client(gw.port());
    client.open();
    client.send(request);
    QTRY_VERIFY(client.closedByPeer());
    QCOMPARE(client.responses().size(), 1);
    QCOMPARE(client.responses()[0].status, status);
    QCOMPARE(client.responses()[0].headers.value("connection"), "close");
}

void TestGatewayFaults::expectContinue()
{
    gateway::SimGateway gw;
    QVERIFY(gw.start(test::fastConfig()));
    RawHttpClient client(gw.port());
    client.keepRaw = true;
    client.open();
    const QByteArray body = R"({"model":"sim-other","messages":[{"role":"user","content":"x"}]})";
    client.send("POST /v1/chat/completions HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n");
    QTRY_VERIFY(client.raw.startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
    client.send(body);
    QVERIFY(waitResponses(client, 1));
    QCOMPARE(client.responses()[0].status, 200);
}

void TestGatewayFaults::chunkedRequestBody()
{
    gateway::SimGateway gw;
    QVERIFY(gw.start(test::fastConfig()));
    const QByteArray a = R"({"model":"sim-other",)";
    const QByteArray b = R"("messages":[{"role":"user","content":"x"}]})";
    const QByteArray request = "POST /v1/chat/completions HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
        + QByteArray::number(a.size(), 16) + "\r\n" + a + "\r\n" + QByteArray::number(b.size(), 16) + ";ext=1\r\n" + b
        + "\r\n0\r\n\r\n";
    QCOMPARE(exchange(gw.port(), request).status, 200);
}

QTEST_GUILESS_MAIN(TestGatewayFaults)
#include "tst_gatewayfaults.moc"
