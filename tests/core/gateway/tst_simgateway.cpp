// The simulated gateway over real sockets on 127.0.0.1:0: wire format, streaming, timing, connections.

#include "gateway/simgateway.h"
#include "gatewaytesthelpers.h"
#include "rawhttpclient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace stampede;
using stampede::test::RawHttpClient;
using stampede::test::RawResponse;
using stampede::test::waitResponses;

namespace {

QNetworkRequest apiRequest(const QUrl &base, const QString &path)
{
    QNetworkRequest request(QUrl(base.toString() + path));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("stampede-tests"));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Authorization", "Bearer test-key");
    return request;
}

} // namespace

class TestSimGateway : public QObject
{
    Q_OBJECT
private slots:
    void modelsList();
    void nonStreamedCompletion();
    void maxTokensGivesLength();
    void streamedSseOrder();
    void streamedUsageOnlyWhenAsked();
    void streamPacing();
    void chunkTokensGroupsTokens();
    void fixedLatencyNonStreamed();
    void fixedLatencyStreamTtft();
    void keepAliveSequential();
    void pipelinedRequestsInOrder();
    void qnamReusesOneConnection();
    void concurrentStreams();
    void clientDisconnectMidStream();
    void stopWithOpenStreams();
    void portInUse();
    void invalidConfigRejected();
};

void TestSimGateway::modelsList()
{
    gateway::SimGateway gw;
    QVERIFY2(gw.start(gateway::defaultConfig()), qPrintable(gw.errorString()));
    QVERIFY(gw.port() != 0);
    QCOMPARE(gw.baseUrl(), QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(gw.port())));
    QNetworkAccessManager nam;
    std::unique_ptr<QNetworkReply> reply(nam.get(apiRequest(gw.baseUrl(), QStringLiteral("/models"))));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const auto doc = test::parseJson(reply->readAll());
    QCOMPARE(test::str(doc["object"]), "list");
    QCOMPARE(doc["data"].size(), std::size_t(4));
    QCOMPARE(test::str(doc["data"][2]["id"]), "gemini-2.5-flash");
    QCOMPARE(test::str(doc["data"][0]["object"]), "model");
    QCOMPARE(test::str(doc["data"][0]["owned_by"]), "stampede-sim");
}

void TestSimGateway::nonStreamedCompletion()
{
    gateway::SimGateway gw;
    QVERIFY(gw.start(test::fastConfig()));
    QNetworkAccessManager nam;
    const QByteArray body = R"({"model":"sim-fast","messages":[{"role":"system","content":"Be brief."},)"
                            R"({"role":"user","content":[{"type":"text","text":"Hello there, gateway"}]}]})";
    std::unique_ptr<QNetworkReply> reply(nam.post(apiRequest(gw.baseUrl(), QStringLiteral("/chat/completions")), body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(reply->rawHeader("x-request-id").startsWith("req_"));
    QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(), QStringLiteral("application/json"));
    const auto doc = test::parseJson(reply->readAll());
    QVERIFY(doc.is_object());
    QVERIFY(doc["id"].get<std::string>().rfind("chatcmpl-", 0) == 0);
    QCOMPARE(test::str(doc["object"]), "chat.completion");
    QCOMPARE(test::str(doc["model"]), "sim-fast");
    QVERIFY(doc["created"].is_number_integer());
    const auto &choice = doc["choices"][0];
    QCOMPARE(choice["index"].get<int>(), 0);
    QCOMPARE(test::str(choice["message"]["role"]), "assistant");
    QCOMPARE(test::str(choice["finish_reason"]), "stop");
    const QByteArray content = QByteArray::fromStdString(choice["message"]["content"].get<std::string>());
    QCOMPARE(content.split(' ').size(), 12); // one short word per token
    // "Be brief." (9) + "Hello there, gateway" (20) = 29 chars -> 8 tokens at ~4 chars/token
    QCOMPARE(doc["usage"]["prompt_tokens"].get<int>(), 8);
    QCOMPARE(doc["usage"]["completion_tokens"].get<int>(), 12);
    QCOMPARE(doc["usage"]["total_tokens"].get<int>(), 20);
    QTRY_COMPARE(gw.requestsServed(), quint64(1));
}

void TestSimGateway::maxTokensGivesLength()
{
    gateway::GatewayConfig config = test::fastConfig();
    config.sendUsage = false;
    gateway::SimGateway gw;
    QVERIFY(gw.start(config));
    RawHttpClient client(gw.port());
    client.open();
    client.send(RawHttpClient::chatRequest("sim-fast", false, false, 5));
    QVERIFY(waitResponses(client, 1));
    const auto doc = test::parseJson(client.responses()[0].body);
    QCOMPARE(test::str(doc["choices"][0]["finish_reason"]), "length");
    QCOMPARE(
        QByteArray::fromStdString(doc["choices"][0]["message"]["content"].get<std::string>()).split(' ').size(), 5);
    QVERIFY(!doc.contains("usage")); // send_usage off
}

void TestSimGateway::streamedSseOrder()
{
    gateway::SimGateway gw;
    QVERIFY(gw.start(test::fastConfig()));
    RawHttpClient client(gw.port());
    client.open();
    client.send(RawHttpClient::chatRequest("sim-fast", true));
    QVERIFY(waitResponses(client, 1));
    const RawResponse &r = client.responses()[0];
    QCOMPARE(r.status, 200);
    QVERIFY(r.chunked);
    QVERIFY(r.headers.value("content-type").startsWith("text/event-stream"));
    QCOMPARE(r.headers.value("connection"), "keep-alive");
    QVERIFY(!r.headers.contains("content-length"));
    const QList<QByteArray> data = test::sseData(r.body);
    QCOMPARE(data.size(), 1 + 12 + 1 + 1); // role, 12 content, finish, [DONE]
    const auto role = test::parseJson(data[0]);
    QCOMPARE(test::str(role["object"]), "chat.completion.chunk");
    QCOMPARE(test::str(role["choices"][0]["delta"]["role"]), "assistant");
    QCOMPARE(test::str(role["choices"][0]["delta"]["content"]), "");
    QString text;
    for (int i = 1; i <= 12; ++i) {
        const auto chunk = test::parseJson(data[i]);
        QVERIFY2(chunk.is_object(), data[i].constData());
        QVERIFY(chunk["id"] == role["id"]);
        QVERIFY(chunk["choices"][0]["finish_reason"].is_null());
        text += QString::fromStdString(chunk["choices"][0]["delta"]["content"].get<std::string>());
    }
    QCOMPARE(text.split(QLatin1Char(' ')).size(), 12);
    const auto finish = test::parseJson(data[13]);
    QCOMPARE(test::str(finish["choices"][0]["finish_reason"]), "stop");
    QVERIFY(!finish.contains("usage"));
    QCOMPARE(test::str(data[14]), "[DONE]");
    // one SSE event per HTTP chunk while streaming
    QVERIFY(r.chunks.first().startsWith("data: {") && r.chunks.first().endsWith("\n\n"));
}

void TestSimGateway::streamedUsageOnlyWhenAsked()
{
    gateway::SimGateway gw;
    QVERIFY(gw.start(test::fastConfig()));
    RawHttpClient client(gw.port());
    client.open();
    client.send(RawHttpClient::chatRequest("sim-other", true, true));
    QVERIFY(waitResponses(client, 1));
    const QList<QByteArray> data = test::sseData(client.responses()[0].body);
    QCOMPARE(data.size(), 1 + 4 + 1 + 1 + 1);
    const auto usage = test::parseJson(data[6]);
    QVERIFY(usage["choices"].is_array() && usage["choices"].empty());
    QCOMPARE(usage["usage"]["completion_tokens"].get<int>(), 4);
    QVERIFY(usage["usage"]["prompt_tokens"].get<int>() > 0);
    QCOMPARE(test::str(data[7]), "[DONE]");
}

void TestSimGateway::streamPacing()
{
    gateway::GatewayConfig config = test::fastConfig();
    config.models = { { QStringLiteral("paced"), 60.0, 50.0, 4, 0.0 } }; // TTFT 60 ms, then one token per 20 ms
    gateway::SimGateway gw;
    QVERIFY(gw.start(config));
    RawHttpClient client(gw.port());
    client.open();
    QVERIFY(client.socket().waitForConnected(2000));
    const qint64 sent = client.nowNs();
    client.send(RawHttpClient::chatRequest("paced", true));
    QVERIFY(waitResponses(client, 1));
    const RawResponse &r = client.responses()[0];
    QCOMPARE(r.chunks.size(), 1 + 4 + 2); // role; 4 content; finish; [DONE] (the last three in one write)
    const double roleMs = (r.chunkNs[0] - sent) / 1e6;
    const double ttftMs = (r.chunkNs[1] - sent) / 1e6;
    const double slack = test::timingSlack();
    QVERIFY2(roleMs < 30 * slack, qPrintable(QString::number(roleMs)));
    QVERIFY2(ttftMs >= 60 && ttftMs < 60 + 20 * slack, qPrintable(QString::number(ttftMs)));
    // Tokens are paced on absolute due times (first content + k x 20 ms), so lateness does not add up.
    const double lastMs = (r.chunkNs[4] - sent) / 1e6;
    QVERIFY2(lastMs >= 120 && lastMs < 120 + 20 * slack, qPrintable(QString::number(lastMs)));
    const double spreadMs = (r.chunkNs[4] - r.chunkNs[1]) / 1e6;
    QVERIFY2(spreadMs > 40 && spreadMs < 60 + 20 * slack, qPrintable(QString::number(spreadMs)));
    // One scheduled write per content chunk (the role chunk goes out at once); the counters are
    // published right after a wake-up's writes, so they may trail the client by a moment.
    QTRY_COMPARE(gw.lateness().events, quint64(4));
    QVERIFY2(gw.lateness().meanMs < 10 * test::timingSlack(), qPrintable(QString::number(gw.lateness().meanMs)));
}

void TestSimGateway::chunkTokensGroupsTokens()
{
    gateway::GatewayConfig config = test::fastConfig();
    config.chunkTokens = 5;
    gateway::SimGateway gw;
    QVERIFY(gw.start(config));
    RawHttpClient client(gw.port());
    client.open();
    client.send(RawHttpClient::chatRequest("sim-fast", true, true));
    QVERIFY(waitResponses(client, 1));
    const QList<QByteArray> data = test::sseData(client.responses()[0].body);
    QCOMPARE(data.size(), 1 + 3 + 1 + 1 + 1); // 12 tokens in chunks of 5, 5, 2
    const auto first = test::parseJson(data[1]);
    QCOMPARE(
        QByteArray::fromStdString(first["choices"][0]["delta"]["content"].get<std::string>()).split(' ').size(), 5);
}

// Every answer takes at least the fixed latency; the typical one (median of 5) is within 15 ms of it.
// Single requests may be later on a loaded machine (thread wake-ups), hence the looser bound on all.
void TestSimGateway::fixedLatencyNonStreamed()
{
    gateway::GatewayConfig config = test::fastConfig();
    config.fixedLatencyMs = 100;
    config.models[0].jitter = 1.0; // fixed latency overrides jitter
    gateway::SimGateway gw;
    QVERIFY(gw.start(config));
    RawHttpClient client(gw.port());
    client.open();
    QVERIFY(client.socket().waitForConnected(2000));
    QList<double> took;
    for (int i = 1; i <= 5; ++i) {
        const qint64 sent = client.nowNs();
        client.send(RawHttpClient::chatRequest("sim-fast", false));
        QVERIFY(waitResponses(client, i));
        took.append((client.responses().last().doneNs - sent) / 1e6);
    }
    std::sort(took.begin(), took.end());
    const QString all = QStringLiteral("%1 .. %2 ms").arg(took.first()).arg(took.last());
    QVERIFY2(took.first() >= 100, qPrintable(all));
    QVERIFY2(took[2] < 100 + 15 * test::timingSlack(), qPrintable(all));
    QVERIFY2(took.last() < 100 + 50 * test::timingSlack(), qPrintable(all));
}

void TestSimGateway::fixedLatencyStreamTtft()
{
    gateway::GatewayConfig config = test::fastConfig();
    config.fixedLatencyMs = 50;
    gateway::SimGateway gw;
    QVERIFY(gw.start(config));
    RawHttpClient client(gw.port());
    client.open();
    QVERIFY(client.socket().waitForConnected(2000));
    QList<double> ttft;
    for (int i = 1; i <= 3; ++i) {
        const qint64 sent = client.nowNs();
        client.send(RawHttpClient::chatRequest("sim-other", true));
        QVERIFY(waitResponses(client, i));
        ttft.append((client.responses().last().chunkNs[1] - sent) / 1e6);
    }
    std::sort(ttft.begin(), ttft.end());
    const QString all = QStringLiteral("%1 .. %2 ms").arg(ttft.first()).arg(ttft.last());
    QVERIFY2(ttft.first() >= 50, qPrintable(all));
    QVERIFY2(ttft[1] < 50 + 15 * test::timingSlack(), qPrintable(all));
}

void TestSimGateway::keepAliveSequential()
{
    gateway::SimGateway gw;
    QVERIFY(gw.start(test::fastConfig()));
    RawHttpClient client(gw.port());
    client.open();
    for (int i = 1; i <= 4; ++i) {
        client.send(
            i % 2 ? RawHttpClient::chatRequest("sim-other", i == 3) : RawHttpClient::request("GET", "/v1/models"));
        QVERIFY(waitResponses(client, i));
        QCOMPARE(client.responses().last().status, 200);
        QCOMPARE(client.responses().last().headers.value("connection"), "keep-alive");
    }
    QVERIFY(!client.closedByPeer());
    QCOMPARE(gw.openConnections(), 1);
    QCOMPARE(gw.requestsServed(), quint64(4));
}

void TestSimGateway::pipelinedRequestsInOrder()
{
    gateway::SimGateway gw;
    QVERIFY(gw.start(test::fastConfig()));
    RawHttpClient client(gw.port());
    client.open();
    // Three requests in one write: a slow stream first, so the later ones must wait their turn.
    client.send(RawHttpClient::chatRequest("sim-fast", true) + RawHttpClient::request("GET", "/models")
        + RawHttpClient::chatRequest("sim-other", false));
    QVERIFY(waitResponses(client, 3));
    const auto &rs = client.responses();
    QVERIFY(rs[0].chunked);
    QCOMPARE(test::str(test::parseJson(rs[1].body)["object"]), "list");
    QCOMPARE(test::str(test::parseJson(rs[2].body)["model"]), "sim-other");
    QVERIFY(rs[0].headers.value("x-request-id") != rs[2].headers.value("x-request-id"));
}

void TestSimGateway::qnamReusesOneConnection()
{
    gateway::SimGateway gw;
    QVERIFY(gw.start(test::fastConfig()));
    QNetworkAccessManager nam;
    for (int i = 0; i < 3; ++i) {
        std::unique_ptr<QNetworkReply> reply(nam.post(apiRequest(gw.baseUrl(), QStringLiteral("/chat/completions")),
            R"({"model":"sim-other","messages":[{"role":"user","content":"hi"}]})"));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(gw.openConnections(), 1);
    }
}

void TestSimGateway::concurrentStreams()
{
    gateway::GatewayConfig config = test::fastConfig();
    config.threads = 2;
    config.models = { { QStringLiteral("sim"), 20.0, 200.0, 10, 0.0 } }; // ~65 ms per stream
    gateway::SimGateway gw;
    QVERIFY(gw.start(config));
    constexpr int n = 200;
    std::vector<std::unique_ptr<RawHttpClient>> clients;
    int done = 0;
    for (int i = 0; i < n; ++i) {
        clients.push_back(std::make_unique<RawHttpClient>(gw.port()));
        connect(clients.back().get(), &RawHttpClient::responseReceived, this, [&done] { ++done; });
        clients.back()->open();
        clients.back()->send(RawHttpClient::chatRequest("sim", true, true));
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, n, 20000);
    for (const auto &c : clients) {
        const QList<QByteArray> data = test::sseData(c->responses()[0].body);
        QCOMPARE(data.size(), 1 + 10 + 1 + 1 + 1);
        QCOMPARE(data.last(), "[DONE]");
    }
    QCOMPARE(gw.openConnections(), n);
    QCOMPARE(gw.requestsServed(), quint64(n));
    clients.clear();
    QTRY_COMPARE(gw.openConnections(), 0);
}

void TestSimGateway::clientDisconnectMidStream()
{
    gateway::GatewayConfig config = test::fastConfig();
    config.models = { { QStringLiteral("slow"), 10.0, 20.0, 1000, 0.0 } }; // 50 s of streaming
    gateway::SimGateway gw;
    QVERIFY(gw.start(config));
    {
        RawHttpClient client(gw.port());
        client.open();
        client.send(RawHttpClient::chatRequest("slow", true));
        QSignalSpy chunks(&client, &RawHttpClient::chunkReceived);
        QTRY_VERIFY(chunks.size() >= 3);
        QCOMPARE(gw.openConnections(), 1);
    }
    QTRY_COMPARE(gw.openConnections(), 0);
    QCOMPARE(gw.requestsServed(), quint64(0));
    RawHttpClient again(gw.port());
    again.open();
    again.send(RawHttpClient::request("GET", "/v1/models"));
    QVERIFY(waitResponses(again, 1));
}

void TestSimGateway::stopWithOpenStreams()
{
    gateway::GatewayConfig config = test::fastConfig();
    config.threads = 2;
    config.models = { { QStringLiteral("slow"), 10.0, 20.0, 1000, 0.0 } };
    gateway::SimGateway gw;
    QVERIFY(gw.start(config));
    std::vector<std::unique_ptr<RawHttpClient>> clients;
    for (int i = 0; i < 10; ++i) {
        clients.push_back(std::make_unique<RawHttpClient>(gw.port()));
        clients.back()->open();
        clients.back()->send(RawHttpClient::chatRequest("slow", true));
    }
    QTRY_COMPARE(gw.openConnections(), 10);
    QElapsedTimer timer;
    timer.start();
    gw.stop();
    QVERIFY(timer.elapsed() < 2000);
    QVERIFY(!gw.isRunning());
    QCOMPARE(gw.openConnections(), 0);
    for (const auto &c : clients)
        QTRY_VERIFY(c->closedByPeer());
}

void TestSimGateway::portInUse()
{
    gateway::SimGateway first;
    QVERIFY(first.start(test::fastConfig()));
    gateway::SimGateway second;
    QVERIFY(!second.start(test::fastConfig(), first.port()));
    QVERIFY2(second.errorString().contains(QStringLiteral("already in use")), qPrintable(second.errorString()));
    QVERIFY(second.errorString().contains(QString::number(first.port())));
    QVERIFY(!second.isRunning());
}

void TestSimGateway::invalidConfigRejected()
{
    gateway::GatewayConfig config = test::fastConfig();
    config.models.clear();
    gateway::SimGateway gw;
    QVERIFY(!gw.start(config));
    QVERIFY2(gw.errorString().contains(QStringLiteral("models")), qPrintable(gw.errorString()));
}

QTEST_GUILESS_MAIN(TestSimGateway)
#include "tst_simgateway.moc"
