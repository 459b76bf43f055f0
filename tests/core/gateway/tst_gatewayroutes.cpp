// The gateway's routes and keys per protocol (router.h) and its prefix cache (prefixcache.h), socket-free.

#include "gateway/httpparser.h"
#include "gateway/prefixcache.h"
#include "gateway/router.h"

#include <QTest>

using namespace stampede;
using namespace stampede::gateway;

Q_DECLARE_METATYPE(stampede::model::WireProtocol)
Q_DECLARE_METATYPE(stampede::gateway::Route::Kind)

class TestGatewayRoutes : public QObject
{
    Q_OBJECT
private slots:
    void routes_data();
    void routes();
    void keysPerProtocol();
    void prefixCacheKeepsTheRecent();
};

void TestGatewayRoutes::prefixCacheKeepsTheRecent()
{
    PrefixCache cache(2);
    QVERIFY(!cache.lookupOrInsert(1));
    QVERIFY(!cache.lookupOrInsert(2));
    QVERIFY(cache.lookupOrInsert(1)); // 1 is now the most recent
    QVERIFY(!cache.lookupOrInsert(3)); // 2 leaves
    QCOMPARE(cache.size(), 2);
    QVERIFY(cache.lookupOrInsert(1));
    QVERIFY(cache.lookupOrInsert(3));
    QVERIFY(!cache.lookupOrInsert(2));
    QVERIFY(PrefixCache::keyOf(0, 7) != PrefixCache::keyOf(1, 7));
    QCOMPARE(PrefixCache::hashText(0, "abc", 3), PrefixCache::hashText(0, "abc", 3));
    QVERIFY(PrefixCache::hashText(0, "abc", 3) != PrefixCache::hashText(0, "abd", 3));
}

void TestGatewayRoutes::routes_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("header"); // "anthropic-version", "x-goog-api-key" or empty
    QTest::addColumn<Route::Kind>("kind");
    QTest::addColumn<WireProtocol>("wire");
    QTest::addColumn<QByteArray>("model");
    QTest::addColumn<bool>("stream");
    using K = Route::Kind;
    const auto C = WireProtocol::OpenAiChat;
    const auto R = WireProtocol::OpenAiResponses;
    const auto A = WireProtocol::AnthropicMessages;
    const auto G = WireProtocol::Gemini;
    const QByteArray none;
    QTest::addRow("chat") << QByteArray("POST") << QByteArray("/v1/chat/completions") << none << K::Generate << C
                          << none << false;
    QTest::addRow("responses") << QByteArray("POST") << QByteArray("/responses") << none << K::Generate << R << none
                               << false;
    QTest::addRow("messages") << QByteArray("POST") << QByteArray("/v1/messages") << none << K::Generate << A << none
                              << false;
    QTest::addRow("gemini stream") << QByteArray("POST")
                                   << QByteArray("/v1beta/models/gemini-2.5-flash:streamGenerateContent") << none
                                   << K::Generate << G << QByteArray("gemini-2.5-flash") << true;
    QTest::addRow("gemini, any prefix, encoded id")
        << QByteArray("POST") << QByteArray("/gw/v1/models/openai%2Fgpt-4.1%3Afree:generateContent") << none
        << K::Generate << G << QByteArray("openai/gpt-4.1:free") << false;
    QTest::addRow("gemini, other method") << QByteArray("POST") << QByteArray("/v1beta/models/m:countTokens") << none
                                          << K::NotFound << G << none << false;
    QTest::addRow("openai models") << QByteArray("GET") << QByteArray("/v1/models") << none << K::Models << C << none
                                   << false;
    QTest::addRow("gemini models") << QByteArray("GET") << QByteArray("/v1beta/models") << none << K::Models << G
                                   << none << false;
    QTest::addRow("gemini models by key") << QByteArray("GET") << QByteArray("/models") << QByteArray("x-goog-api-key")
                                          << K::Models << G << none << false;
    QTest::addRow("anthropic models") << QByteArray("GET") << QByteArray("/v1/models")
                                      << QByteArray("anthropic-version") << K::Models << A << none << false;
    QTest::addRow("metrics") << QByteArray("GET") << QByteArray("/metrics") << none << K::PrometheusMetrics << C << none
                             << false;
    QTest::addRow("metrics, posted") << QByteArray("POST") << QByteArray("/metrics") << none << K::NotFound << C << none
                                     << false;
    QTest::addRow("usage") << QByteArray("GET") << QByteArray("/v1/usage/current") << none << K::Usage << C << none
                           << false;
    QTest::addRow("unknown, anthropic") << QByteArray("GET") << QByteArray("/v1/complete")
                                        << QByteArray("anthropic-version") << K::NotFound << A << none << false;
}

void TestGatewayRoutes::routes()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, header);
    QFETCH(Route::Kind, kind);
    QFETCH(WireProtocol, wire);
    QFETCH(QByteArray, model);
    QFETCH(bool, stream);
    HttpRequest request;
    request.method = method;
    request.path = path;
    if (header == "anthropic-version")
        request.anthropicVersion = "2023-06-01";
    else if (header == "x-goog-api-key")
        request.googApiKey = "k";
    const Route route = routeRequest(request);
    QCOMPARE(route.kind, kind);
    QCOMPARE(route.protocol, wire);
    QCOMPARE(route.model, model);
    QCOMPARE(route.stream, stream);
}

void TestGatewayRoutes::keysPerProtocol()
{
    HttpRequest request;
    QVERIFY(authorized(request, WireProtocol::Gemini, "")); // no key configured: anything goes
    QVERIFY(!authorized(request, WireProtocol::OpenAiChat, "k"));
    request.authorization = "bearer k";
    QVERIFY(authorized(request, WireProtocol::OpenAiChat, "k"));
    QVERIFY(authorized(request, WireProtocol::OpenAiResponses, "k"));
    QVERIFY(!authorized(request, WireProtocol::AnthropicMessages, "k"));
    QVERIFY(!authorized(request, WireProtocol::Gemini, "k"));
    request = HttpRequest {};
    request.xApiKey = "k";
    QVERIFY(authorized(request, WireProtocol::AnthropicMessages, "k"));
    QVERIFY(!authorized(request, WireProtocol::AnthropicMessages, "k2"));
    QVERIFY(!authorized(request, WireProtocol::OpenAiChat, "k"));
    request = HttpRequest {};
    request.googApiKey = "k";
    QVERIFY(authorized(request, WireProtocol::Gemini, "k"));
    request = HttpRequest {};
    request.query = "alt=sse&key=k%2B1";
    QVERIFY(authorized(request, WireProtocol::Gemini, "k+1"));
    QVERIFY(!authorized(request, WireProtocol::Gemini, "k"));
}

QTEST_GUILESS_MAIN(TestGatewayRoutes)
#include "tst_gatewayroutes.moc"
