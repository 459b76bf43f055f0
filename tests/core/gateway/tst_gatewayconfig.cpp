// Gateway config: defaults, the shipped example, JSON round trip and specific parse errors.

#include "gateway/gatewayconfig.h"

#include <QTest>

#include <cmath>

using namespace stampede::gateway;

class TestGatewayConfig : public QObject
{
    Q_OBJECT
private slots:
    void defaultsAreValid();
    void exampleParses();
    void partialKeepsDefaults();
    void roundTrip();
    void integrityKeysRoundTrip();
    void protocolKeys();
    void toolKeys();
    void errors_data();
    void errors();
};

void TestGatewayConfig::defaultsAreValid()
{
    const GatewayConfig c = defaultConfig();
    QCOMPARE(validateConfig(c), QString());
    QCOMPARE(c.models.size(), 4);
    auto meanMs = [](const ModelBehaviour &m) { return m.ttftMs + m.outputTokensMean / m.tokensPerSec * 1000.0; };
    double fastest = 1e9, slowest = 0;
    QString fastestName, slowestName;
    for (const ModelBehaviour &m : c.models) {
        if (meanMs(m) < fastest)
            fastest = meanMs(m), fastestName = m.model;
        if (meanMs(m) > slowest)
            slowest = meanMs(m), slowestName = m.model;
    }
    QCOMPARE(fastestName, QStringLiteral("gemini-2.5-flash"));
    QCOMPARE(slowestName, QStringLiteral("claude-sonnet-4-5"));
    QVERIFY(qAbs(fastest - 180) < 10 && qAbs(slowest - 450) < 10);
}

void TestGatewayConfig::exampleParses()
{
    const QByteArray json = exampleGatewayConfigJson();
    QVERIFY(!json.isEmpty());
    QString error = QStringLiteral("not cleared");
    const GatewayConfig c = parseGatewayConfig(json, &error);
    QCOMPARE(error, QString());
    QCOMPARE(c.models.size(), defaultConfig().models.size());
    for (qsizetype i = 0; i < c.models.size(); ++i) {
        QCOMPARE(c.models[i].model, defaultConfig().models[i].model);
        QCOMPARE(c.models[i].ttftMs, defaultConfig().models[i].ttftMs);
    }
    QCOMPARE(c.error5xxRate, 0.01);
    // integrity (issue 14): the example names every per-model key, at values that change nothing
    for (const char *key : { "substitute_model", "burst_stream", "usage_factor", "empty_rate" })
        QVERIFY2(json.contains(key), key);
    QCOMPARE(c.models.last().substituteModel, QString());
    QCOMPARE(c.models.last().usageFactor, 1.0);
}

void TestGatewayConfig::partialKeepsDefaults()
{
    QString error;
    const GatewayConfig c
        = parseGatewayConfig(R"({"rpm_limit": 60, "api_key": "sk-x", "seed": 18446744073709551615})", &error);
    QCOMPARE(error, QString());
    QCOMPARE(c.rpmLimit, 60);
    QCOMPARE(c.apiKey, QStringLiteral("sk-x"));
    QCOMPARE(c.seed, std::numeric_limits<quint64>::max());
    QCOMPARE(c.models.size(), 4);
    QCOMPARE(c.threads, 2);
    const GatewayConfig one = parseGatewayConfig(R"({"models":[{"model":"m"}], "threads": 1.0})", &error);
    QCOMPARE(error, QString());
    QCOMPARE(one.models.size(), 1);
    QCOMPARE(one.models[0].ttftMs, ModelBehaviour {}.ttftMs);
    QCOMPARE(one.threads, 1);
}

void TestGatewayConfig::roundTrip()
{
    GatewayConfig c = defaultConfig();
    c.apiKey = QStringLiteral("k\"ey");
    c.fixedLatencyMs = 25;
    c.chunkTokens = 3;
    c.rejectStreamOptions = true;
    c.stallRate = 0.25;
    QString error;
    const GatewayConfig back = parseGatewayConfig(gatewayConfigToJson(c), &error);
    QCOMPARE(error, QString());
    QCOMPARE(back.apiKey, c.apiKey);
    QCOMPARE(back.fixedLatencyMs, 25);
    QCOMPARE(back.chunkTokens, 3);
    QCOMPARE(back.rejectStreamOptions, true);
    QCOMPARE(back.stallRate, 0.25);
    QCOMPARE(back.models[1].jitter, c.models[1].jitter);
}

void TestGatewayConfig::integrityKeysRoundTrip()
{
    // integrity (issue 14): per-model misbehaviours, written only where set
    GatewayConfig c = defaultConfig();
    c.models[0].substituteModel = QStringLiteral("gpt-4o-mini");
    c.models[1].burstStream = true;
    c.models[2].usageFactor = 2.5;
    c.models[3].emptyRate = 0.25;
    const QByteArray json = gatewayConfigToJson(c);
    QCOMPARE(json.count("substitute_model"), 1);
    QCOMPARE(json.count("burst_stream"), 1);
    QString error;
    const GatewayConfig back = parseGatewayConfig(json, &error);
    QCOMPARE(error, QString());
    QCOMPARE(back.models[0].substituteModel, QStringLiteral("gpt-4o-mini"));
    QCOMPARE(back.models[0].burstStream, false);
    QCOMPARE(back.models[1].burstStream, true);
    QCOMPARE(back.models[2].usageFactor, 2.5);
    QCOMPARE(back.models[1].usageFactor, 1.0);
    QCOMPARE(back.models[3].emptyRate, 0.25);
    QCOMPARE(back.models[0].emptyRate, 0.0);
}

void TestGatewayConfig::protocolKeys()
{
    // issue 16: the prefix cache is off unless asked for; an object turns it on with its defaults
    QVERIFY(!defaultConfig().prefixCache.enabled);
    QVERIFY(!parseGatewayConfig(exampleGatewayConfigJson(), nullptr).prefixCache.enabled);
    QString error;
    const GatewayConfig on = parseGatewayConfig(R"({"prefix_cache": {"min_tokens": 32}})", &error);
    QCOMPARE(error, QString());
    QVERIFY(on.prefixCache.enabled);
    QCOMPARE(on.prefixCache.minTokens, 32);
    QCOMPARE(on.prefixCache.ttftFactor, PrefixCacheConfig {}.ttftFactor);
    QVERIFY(!parseGatewayConfig(R"({"prefix_cache": null})", &error).prefixCache.enabled);
    QVERIFY(!parseGatewayConfig(R"({"prefix_cache": {"enabled": false}})", &error).prefixCache.enabled);
    GatewayConfig c = defaultConfig();
    c.prefixCache = { true, 64, 0.25 };
    c.models[1].reasoningTokens = 40;
    const QByteArray json = gatewayConfigToJson(c);
    QCOMPARE(json.count("reasoning_tokens"), 1); // per model, written only where set
    const GatewayConfig back = parseGatewayConfig(json, &error);
    QCOMPARE(error, QString());
    QVERIFY(back.prefixCache.enabled);
    QCOMPARE(back.prefixCache.minTokens, 64);
    QCOMPARE(back.prefixCache.ttftFactor, 0.25);
    QCOMPARE(back.models[1].reasoningTokens, 40);
    QCOMPARE(back.models[0].reasoningTokens, 0);
    QVERIFY(exampleGatewayConfigJson().contains("reasoning_tokens"));
}

void TestGatewayConfig::toolKeys()
{
    // Tools: every answer to a request with tools is a call unless a model says otherwise; no broken arguments.
    QCOMPARE(ModelBehaviour {}.toolCallRate, 1.0);
    QCOMPARE(GatewayConfig {}.brokenToolArgsRate, 0.0);
    for (const ModelBehaviour &m : defaultConfig().models)
        QCOMPARE(m.toolCallRate, 1.0);
    QString error;
    const GatewayConfig c = parseGatewayConfig(
        R"({"models":[{"model":"a","tool_call_rate":0.25},{"model":"b"}], "broken_tool_args_rate": 0.5})", &error);
    QCOMPARE(error, QString());
    QCOMPARE(c.models[0].toolCallRate, 0.25);
    QCOMPARE(c.models[1].toolCallRate, 1.0);
    QCOMPARE(c.brokenToolArgsRate, 0.5);
    // Not an outcome: it does not count in the outcome rates' sum.
    const GatewayConfig all = parseGatewayConfig(R"({"garbage_rate": 1, "broken_tool_args_rate": 1})", &error);
    QCOMPARE(error, QString());
    QCOMPARE(all.brokenToolArgsRate, 1.0);
    // The JSON writer: tool_call_rate only where it is not the default, broken_tool_args_rate always.
    const QByteArray json = gatewayConfigToJson(c);
    QCOMPARE(json.count("tool_call_rate"), 1);
    QCOMPARE(json.count("broken_tool_args_rate"), 1);
    const GatewayConfig back = parseGatewayConfig(json, &error);
    QCOMPARE(error, QString());
    QCOMPARE(back.models[0].toolCallRate, 0.25);
    QCOMPARE(back.models[1].toolCallRate, 1.0);
    QCOMPARE(back.brokenToolArgsRate, 0.5);
    QCOMPARE(gatewayConfigToJson(defaultConfig()).count("tool_call_rate"), 0);
    // The shipped example names both, at values that change nothing.
    const GatewayConfig example = parseGatewayConfig(exampleGatewayConfigJson(), &error);
    QCOMPARE(error, QString());
    QVERIFY(exampleGatewayConfigJson().contains("\"tool_call_rate\""));
    QVERIFY(exampleGatewayConfigJson().contains("\"broken_tool_args_rate\""));
    QCOMPARE(example.models.last().toolCallRate, 1.0);
    QCOMPARE(example.brokenToolArgsRate, 0.0);
    // validateConfig says the same as the parser, in the same words.
    GatewayConfig bad = defaultConfig();
    bad.models[2].toolCallRate = -0.1;
    QCOMPARE(validateConfig(bad), QStringLiteral("models[2].tool_call_rate: must be between 0 and 1"));
    bad = defaultConfig();
    bad.brokenToolArgsRate = std::nan("");
    QCOMPARE(validateConfig(bad), QStringLiteral("broken_tool_args_rate: must be between 0 and 1"));
}

void TestGatewayConfig::errors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::addRow("not json") << QByteArray("{") << QStringLiteral("not valid JSON");
    QTest::addRow("not object") << QByteArray("[]") << QStringLiteral("must be a JSON object");
    QTest::addRow("unknown key") << QByteArray(R"({"rpm": 1})") << QStringLiteral("unknown key \"rpm\"");
    QTest::addRow("unknown model key") << QByteArray(R"({"models":[{"model":"a"},{"model":"b","ttft":1}]})")
                                       << QStringLiteral("models[1]: unknown key \"ttft\"");
    QTest::addRow("wrong type") << QByteArray(R"({"models":[{"model":"a","ttft_ms":"fast"}]})")
                                << QStringLiteral("models[0].ttft_ms: expected a number");
    QTest::addRow("not integer") << QByteArray(R"({"threads": 1.5})") << QStringLiteral("threads: expected an integer");
    QTest::addRow("bool") << QByteArray(R"({"send_usage": 1})") << QStringLiteral("send_usage: expected true or false");
    QTest::addRow("string") << QByteArray(R"({"api_key": 5})") << QStringLiteral("api_key: expected a string");
    QTest::addRow("models not array") << QByteArray(R"({"models": {}})") << QStringLiteral("models: expected an array");
    QTest::addRow("model missing") << QByteArray(R"({"models":[{"ttft_ms":1}]})")
                                   << QStringLiteral("models[0].model: expected a string");
    QTest::addRow("no models") << QByteArray(R"({"models":[]})") << QStringLiteral("models: at least one model");
    QTest::addRow("duplicate") << QByteArray(R"({"models":[{"model":"a"},{"model":"a"}]})")
                               << QStringLiteral("models[1].model: duplicate");
    QTest::addRow("rate range") << QByteArray(R"({"stall_rate": 1.5})")
                                << QStringLiteral("stall_rate: must be between 0 and 1");
    QTest::addRow("rate sum") << QByteArray(R"({"stall_rate": 0.6, "garbage_rate": 0.6})")
                              << QStringLiteral("must sum to at most 1");
    QTest::addRow("tps zero") << QByteArray(R"({"models":[{"model":"a","tokens_per_sec":0}]})")
                              << QStringLiteral("models[0].tokens_per_sec: must be between");
    QTest::addRow("threads") << QByteArray(R"({"threads": 0})") << QStringLiteral("threads: must be between 1 and 64");
    QTest::addRow("negative seed") << QByteArray(R"({"seed": -1})")
                                   << QStringLiteral("seed: expected a non-negative integer");
    QTest::addRow("usage factor") << QByteArray(R"({"models":[{"model":"a","usage_factor":-1}]})")
                                  << QStringLiteral("models[0].usage_factor: must be between 0 and 1000");
    QTest::addRow("empty rate") << QByteArray(R"({"models":[{"model":"a","empty_rate":2}]})")
                                << QStringLiteral("models[0].empty_rate: must be between 0 and 1");
    QTest::addRow("burst type") << QByteArray(R"({"models":[{"model":"a","burst_stream":1}]})")
                                << QStringLiteral("models[0].burst_stream: expected true or false");
    QTest::addRow("substitute type") << QByteArray(R"({"models":[{"model":"a","substitute_model":3}]})")
                                     << QStringLiteral("models[0].substitute_model: expected a string");
    QTest::addRow("fixed latency") << QByteArray(R"({"fixed_latency_ms": -2})")
                                   << QStringLiteral("fixed_latency_ms: must be between -1");
    // issue 16
    QTest::addRow("reasoning tokens") << QByteArray(R"({"models":[{"model":"a","reasoning_tokens":-1}]})")
                                      << QStringLiteral("models[0].reasoning_tokens: must be between 0 and 100000");
    QTest::addRow("prefix cache type") << QByteArray(R"({"prefix_cache": true})")
                                       << QStringLiteral("prefix_cache: expected an object or null");
    QTest::addRow("prefix cache key") << QByteArray(R"({"prefix_cache": {"min": 3}})")
                                      << QStringLiteral("prefix_cache: unknown key \"min\"");
    QTest::addRow("prefix cache min") << QByteArray(R"({"prefix_cache": {"min_tokens": 0}})")
                                      << QStringLiteral("prefix_cache.min_tokens: must be between 1 and");
    QTest::addRow("prefix cache factor") << QByteArray(R"({"prefix_cache": {"ttft_factor": "half"}})")
                                         << QStringLiteral("prefix_cache.ttft_factor: expected a number");
    // tools
    QTest::addRow("tool call rate") << QByteArray(R"({"models":[{"model":"a","tool_call_rate":1.5}]})")
                                    << QStringLiteral("models[0].tool_call_rate: must be between 0 and 1");
    QTest::addRow("tool call rate type") << QByteArray(R"({"models":[{"model":"a","tool_call_rate":"all"}]})")
                                         << QStringLiteral("models[0].tool_call_rate: expected a number");
    QTest::addRow("broken args rate") << QByteArray(R"({"broken_tool_args_rate": -0.5})")
                                      << QStringLiteral("broken_tool_args_rate: must be between 0 and 1");
    QTest::addRow("broken args type") << QByteArray(R"({"broken_tool_args_rate": true})")
                                      << QStringLiteral("broken_tool_args_rate: expected a number");
    QTest::addRow("tool key misspelt") << QByteArray(R"({"tool_call_rate": 0.5})")
                                       << QStringLiteral("unknown key \"tool_call_rate\"");
}

void TestGatewayConfig::errors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QString message;
    const GatewayConfig c = parseGatewayConfig(json, &message);
    QVERIFY2(message.contains(error), qPrintable(message));
    QVERIFY(c.models.isEmpty());
}

QTEST_GUILESS_MAIN(TestGatewayConfig)
#include "tst_gatewayconfig.moc"
