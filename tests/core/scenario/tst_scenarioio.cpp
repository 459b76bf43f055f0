// Reading and writing scenario files: a full file, defaults, parse errors with paths, round trips,
// files on disk and the built-in scenarios compiled into the library.

#include "scenario/builtinscenarios.h"
#include "scenario/scenarioio.h"
#include "scenariocompare.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace stampede::scenario;

namespace {

QString errorList(const QList<ValidationError> &errors)
{
    QStringList lines;
    for (const ValidationError &error : errors)
        lines.append(error.toString());
    return lines.join(QLatin1Char('\n'));
}

/// The error at exactly `path`, if any.
std::optional<ValidationError> errorAt(const QList<ValidationError> &errors, const QString &path)
{
    for (const ValidationError &error : errors) {
        if (error.path == path)
            return error;
    }
    return std::nullopt;
}

} // namespace

class TestScenarioIo : public QObject
{
    Q_OBJECT

private slots:
    void parsesFullFile();
    void fillsDefaults();
    void parsesSlo();
    void parseErrors_data();
    void parseErrors();
    void syntaxErrorHasPosition_data();
    void syntaxErrorHasPosition();
    void collectsAllErrors();
    void noFollowOnErrors_data();
    void noFollowOnErrors();
    void roundTrips_data();
    void roundTrips();
    void writesStableFile();
    void writesSloOnlyWhenSet();
    void neverWritesCredentials();
    void builtinScenariosValidate_data();
    void builtinScenariosValidate();
    void defaultScenarioMatchesSeed();
    void savesAndLoadsFile();
    void fileErrors_data();
    void fileErrors();
};

void TestScenarioIo::parsesFullFile()
{
    const LoadResult result = parseScenario(stampede::test::readData(QStringLiteral("scenarios/full.json")));
    QVERIFY2(result.ok(), qPrintable(errorList(result.errors)));
    const Scenario &s = result.scenario;
    QCOMPARE(s.name, QStringLiteral("Seed mix"));
    QCOMPARE(s.target.baseUrl, QStringLiteral("http://127.0.0.1:8080/v1"));
    QCOMPARE(toString(s.target.http2), QStringLiteral("h2c"));
    QCOMPARE(toString(s.target.transport), QStringLiteral("qt"));
    QCOMPARE(s.target.headers.value(QStringLiteral("X-Team")), QStringLiteral("perf"));
    QCOMPARE(s.models.size(), 5);
    QCOMPARE(s.models[0].maxTokens, 200);
    QCOMPARE(s.models[0].stream, false);
    QCOMPARE(s.models[0].price.inputPerMTok, 2.0);
    QCOMPARE(s.models[1].price.inputPerMTok, 15.0); // from the built-in table
    QCOMPARE(s.models[1].temperature, 0.7);
    QCOMPARE(s.models[2].enabled, false);
    QVERIFY(s.models[0].protocol == stampede::model::WireProtocol::OpenAiChat); // the default
    QVERIFY(s.models[1].protocol == stampede::model::WireProtocol::AnthropicMessages);
    QVERIFY(s.models[2].protocol == stampede::model::WireProtocol::Gemini);
    QCOMPARE(s.models[1].price.cacheReadPerMTok, std::optional<double>(0.30));
    QCOMPARE(s.models[1].price.cacheWritePerMTok, std::optional<double>(3.75));
    QVERIFY(!s.models[0].price.cacheReadPerMTok); // unset: cache tokens cost the input price
    QCOMPARE(s.models[3].price.inputPerMTok, 0.42); // table value kept where the file is silent
    QCOMPARE(s.models[3].price.outputPerMTok, 1.68);
    QCOMPARE(s.models[4].price.inputPerMTok, 0.0); // unknown model: free until priced
    QCOMPARE(s.enabledModels().size(), 4);
    QCOMPARE(s.prompts.user.size(), 2);
    QVERIFY(s.load.executor == ExecutorKind::RampingVus);
    QCOMPARE(s.load.stages.size(), 4);
    QCOMPARE(s.load.stages[2].durationMs, qint64(120000));
    QCOMPARE(s.load.thinkTimeMaxMs, qint64(3000));
    QCOMPARE(s.thresholds.size(), 4);
    QCOMPARE(s.thresholds[2].metricKey, QStringLiteral("http_req_duration{model:gpt-4.1}")); // file order
    QCOMPARE(s.thresholds[3].rules[0].abortOnFail, true);
    QCOMPARE(s.thresholds[3].rules[0].delayAbortEvalMs, qint64(10000));
    QCOMPARE(s.checks.last(), QStringLiteral("under_5s"));
    QCOMPARE(s.seed, std::optional<quint64>(42));
    QCOMPARE(s.preflight, false);
}

void TestScenarioIo::fillsDefaults()
{
    const LoadResult result = parseScenario(R"({"models": [{"model": "m"}], "prompts": {"user": ["hi"]},
        "load": {"stages": [{"duration": "10s", "target": 1}]}})");
    QVERIFY2(result.ok(), qPrintable(errorList(result.errors)));
    const Scenario &s = result.scenario;
    QCOMPARE(s.version, 1);
    QCOMPARE(s.target.baseUrl, QStringLiteral("builtin"));
    QCOMPARE(s.target.timeoutMs, qint64(60000));
    QCOMPARE(s.models[0].weight, 1.0);
    QCOMPARE(s.models[0].maxTokens, 150);
    QCOMPARE(s.models[0].enabled, true);
    QCOMPARE(s.prompts.system, QStringLiteral("You are a helpful assistant."));
    QVERIFY(s.load.executor == ExecutorKind::RampingVus);
    QCOMPARE(s.load.gracefulStopMs, qint64(30000));
    QCOMPARE(s.retry.onStatus, (QList<int> { 429, 503 }));
    QVERIFY(!s.seed.has_value());
    QVERIFY(!s.target.tls.insecure && s.target.tls.caFile.isEmpty() && s.target.proxy.isEmpty());
    QVERIFY(!s.target.followRedirects);
    QCOMPARE(s.target.limits.maxResponseBytes, qint64(16 * 1024 * 1024));
    QCOMPARE(s.target.limits.maxEventBytes, qint64(1024 * 1024));
}

void TestScenarioIo::parsesSlo()
{
    using stampede::model::SloMetric;
    const LoadResult result = parseScenario(R"({"models": [{"model": "a"},
        {"model": "b", "slo": {"ttft": "250ms", "tpot": "< 1.5s"}}, {"model": "c", "enabled": false}],
        "prompts": {"user": ["hi"]}, "load": {"executor": "constant-vus", "vus": 1, "duration": "10s"},
        "slo": {"http_req_duration": "<2s", "ttft": "<500ms"}})");
    QVERIFY2(result.ok(), qPrintable(errorList(result.errors)));
    const Scenario &s = result.scenario;
    QCOMPARE(s.slo.bound(SloMetric::HttpReqDuration), std::optional<std::int64_t>(2000));
    QCOMPARE(s.slo.bound(SloMetric::Ttft), std::optional<std::int64_t>(500));
    QVERIFY(!s.slo.bound(SloMetric::Tpot));
    QVERIFY(s.models[0].slo.isEmpty());
    // b's own keys replace the top level's; the others are inherited.
    const stampede::model::Slo b = s.sloFor(s.models[1]);
    QCOMPARE(b.bound(SloMetric::HttpReqDuration), std::optional<std::int64_t>(2000));
    QCOMPARE(b.bound(SloMetric::Ttft), std::optional<std::int64_t>(250));
    QCOMPARE(b.bound(SloMetric::Tpot), std::optional<std::int64_t>(1500));
    QCOMPARE(s.sloFor(s.models[0]), s.slo);
    QVERIFY(s.declaresSlo());

    Scenario onlyDisabled = s;
    onlyDisabled.slo = {};
    onlyDisabled.models[1].slo = {};
    QVERIFY(!onlyDisabled.declaresSlo());
    onlyDisabled.models[2].slo.setBound(SloMetric::Ttft, 100); // c is not enabled: nothing is judged
    QVERIFY(!onlyDisabled.declaresSlo());
}

void TestScenarioIo::parseErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    const auto row = [](const char *name, const char *json, const char *path, const char *message) {
        QTest::addRow("%s", name) << QByteArray(json) << QString::fromUtf8(path) << QString::fromUtf8(message);
    };
    row("unknown key with suggestion", R"({"target": {"base_ulr": "builtin"}})", "target.base_ulr",
        "unknown key; did you mean \"base_url\"?");
    row("camelCase key", R"({"models": [{"model": "m", "maxTokens": 5}]})", "models[0].maxTokens",
        "did you mean \"max_tokens\"?");
    row("unknown key lists keys", R"({"retry": {"zzz": 1}})", "retry.zzz", "unknown key; known keys: max_retries");
    row("unknown root key", R"({"nmae": "x"})", "nmae", "did you mean \"name\"?");
    row("wrong type", R"({"models": [{"model": "a"}, {"model": "b", "weight": "abc"}]})", "models[1].weight",
        "expected a number, got string \"abc\"");
    row("wrong type bool", R"({"preflight": "yes"})", "preflight", "expected true or false, got string \"yes\"");
    row("whole number", R"({"models": [{"model": "a", "max_tokens": 1.5}]})", "models[0].max_tokens",
        "expected a whole number, got number 1.5");
    row("section not an object", R"({"target": []})", "target", "expected an object, got an array");
    row("tls unknown key", R"({"target": {"tls": {"insecur": true}}})", "target.tls.insecur",
        "unknown key; did you mean \"insecure\"?");
    row("tls insecure not bool", R"({"target": {"tls": {"insecure": "yes"}}})", "target.tls.insecure",
        "expected true or false, got string \"yes\"");
    row("follow_redirects not bool", R"({"target": {"follow_redirects": 1}})", "target.follow_redirects",
        "expected true or false, got number 1");
    row("limits not whole", R"({"target": {"limits": {"max_event_bytes": 1.5}}})", "target.limits.max_event_bytes",
        "expected a whole number, got number 1.5");
    row("not a duration", R"({"load": {"stages": [{"duration": "1s", "target": 1}, {"duration": "1s", "target": 1},
        {"duration": "30x", "target": 1}]}})",
        "load.stages[2].duration", "\"30x\" is not a duration (use e.g. \"30s\", \"2m\")");
    row("duration as number", R"({"target": {"timeout": 60}})", "target.timeout",
        "expected a duration string such as \"30s\", got number 60");
    row("api_key in target", R"({"target": {"api_key": "sk-123"}})", "target.api_key",
        "API keys never go in scenario files");
    row("apiKey in target", R"({"target": {"apiKey": "sk-123"}})", "target.apiKey", "use target.api_key_env");
    row("api_key at the root", R"({"api_key": "sk-123"})", "api_key", "API keys never go in scenario files");
    row("key of another executor", R"({"load": {"executor": "ramping-vus", "rate": 5,
        "stages": [{"duration": "1s", "target": 1}]}})",
        "load.rate", "not used by ramping-vus; remove it or choose constant-arrival-rate");
    row("key of two other executors", R"({"load": {"executor": "constant-vus", "stages": []}})", "load.stages",
        "not used by constant-vus; remove it or choose ramping-vus or ramping-arrival-rate");
    row("think time on open model", R"({"load": {"executor": "constant-arrival-rate", "think_time": {}}})",
        "load.think_time", "choose constant-vus or ramping-vus");
    row("unknown executor", R"({"load": {"executor": "ramping-vu"}})", "load.executor",
        "unknown executor \"ramping-vu\"; did you mean \"ramping-vus\"?");
    row("unknown load key", R"({"load": {"executor": "constant-vus", "vuz": 3}})", "load.vuz", "did you mean \"vus\"?");
    row("stage without target", R"({"load": {"stages": [{"duration": "1s"}]}})", "load.stages[0].target",
        "missing; every stage needs a duration and a target");
    row("model without name", R"({"models": [{"weight": 1}]})", "models[0].model", "missing;");
    row("bad http2", R"({"target": {"http2": "h3"}})", "target.http2", "use \"auto\", \"http1\" or \"h2c\"");
    row("bad transport", R"({"target": {"transport": "asio"}})", "target.transport",
        "use \"auto\", \"curl\" (libcurl)");
    row("bad protocol", R"({"models": [{"model": "m", "protocol": "anthropic"}]})", "models[0].protocol",
        "\"anthropic\" is not a protocol; use \"openai-chat\", \"openai-responses\", \"anthropic-messages\"");
    row("protocol not a string", R"({"models": [{"model": "m", "protocol": 2}]})", "models[0].protocol", "expected");
    row("bad dataset order", R"({"prompts": {"dataset": {"path": "a.jsonl", "order": "shuffled"}}})",
        "prompts.dataset.order", "use \"sequential\" or \"random\"");
    row("dataset without a path", R"({"prompts": {"dataset": {"order": "random"}}})", "prompts.dataset.path",
        "missing; give the JSONL file's path");
    row("bad distribution", R"({"prompts": {"synthetic": {"input_tokens": {"distribution": "zipf"}}}})",
        "prompts.synthetic.input_tokens.distribution", "is not a distribution");
    row("shared prefix without tokens", R"({"prompts": {"shared_prefix": {"count": 2}}})",
        "prompts.shared_prefix.tokens", "missing; give each prefix's length in tokens");
    row("shared prefix share as text", R"({"prompts": {"shared_prefix": {"tokens": 9, "share": "half"}}})",
        "prompts.shared_prefix.share", "expected");
    row("conversation without turns", R"({"conversation": {"max_context_tokens": 8000}})", "conversation.turns",
        "missing; give the turns of a conversation");
    row("conversation turns as text", R"({"conversation": {"turns": "5"}})", "conversation.turns", "expected");
    row("tools without functions", R"({"tools": {"choice": "auto"}})", "tools.functions",
        "missing; list the functions");
    row("tool parameters as text", R"({"tools": {"functions": [{"name": "f", "parameters": "{}"}]}})",
        "tools.functions[0].parameters", "expected a JSON Schema object");
    row("unknown tool key", R"({"tools": {"functions": [{"name": "f", "schema": {}}]}})", "tools.functions[0].schema",
        "unknown");
    row("unknown conversation key", R"({"conversation": {"turns": 3, "max_tokens": 5}})", "conversation.max_tokens",
        "unknown key");
    row("bad arrival", R"({"load": {"executor": "constant-arrival-rate", "arrival": "burst"}})", "load.arrival",
        "use \"uniform\" or \"poisson\"");
    row("threshold not an array", R"({"thresholds": {"ttft": "p(95)<800"}})", "thresholds.ttft",
        "expected an array of expressions");
    row("threshold object key", R"({"thresholds": {"ttft": [{"threshold": "p(95)<1", "abortOnFail": true,
        "delayAbortEvl": "1s"}]}})",
        "thresholds.ttft[0].delayAbortEvl", "did you mean \"delayAbortEval\"?");
    row("unknown slo key", R"({"slo": {"ttf": "<500ms"}})", "slo.ttf", "unknown key; did you mean \"ttft\"?");
    row("slo key of another metric", R"({"slo": {"latency": "<2s"}})", "slo.latency",
        "known keys: http_req_duration, ttft, tpot");
    row("slo bound not a duration", R"({"slo": {"ttft": "<500"}})", "slo.ttft",
        "\"<500\" is not a bound; write a duration, optionally after \"<\"");
    row("slo bound <=", R"({"slo": {"ttft": "<=500ms"}})", "slo.ttft", "strictly under it");
    row("slo bound as number", R"({"slo": {"tpot": 50}})", "slo.tpot",
        "expected a bound such as \"<500ms\", got number 50");
    row("slo not an object", R"({"slo": "ttft<500ms"})", "slo", "expected an object, got string");
    row("model slo key", R"({"models": [{"model": "m", "slo": {"tpot": "<50ms", "ttfb": "<1s"}}]})",
        "models[0].slo.ttfb", "did you mean \"ttft\"?");
    row("model slo bound", R"({"models": [{"model": "m", "slo": {"http_req_duration": "2 seconds"}}]})",
        "models[0].slo.http_req_duration", "is not a bound");
    row("negative seed", R"({"seed": -1})", "seed", "out of range");
    row("duplicate key", R"({"thresholds": {"ttft": ["p(95)<1"], "ttft": ["p(99)<2"]}})", "thresholds.ttft",
        "duplicate key");
    row("duplicate key in array element", R"({"models": [{"model": "a"}, {"model": "b", "model": "c"}]})",
        "models[1].model", "duplicate key");
    row("headers not an object", R"({"target": {"headers": ["X-A: b"]}})", "target.headers",
        "expected an object, got an array");
    row("header value not a string", R"({"target": {"headers": {"X-A": 1}}})", "target.headers.X-A",
        "expected a string, got number 1");
    row("top level not an object", R"([1, 2])", "", "expected an object, got an array");
    row("invalid UTF-8 in a string", "{\"name\": \"\xff\"}", "", "JSON syntax error at line 1");
    row("empty file", "  \n", "", "the file is empty");
    QTest::addRow("nested 200,000 levels")
        << QByteArray("{\"name\": " + QByteArray(200000, '[') + QByteArray(200000, ']') + "}") << QString()
        << QStringLiteral("nested deeper than 64 levels (at byte 72)");
    QTest::addRow("brackets inside strings do not count")
        << QByteArray("{\"name\": \"" + QByteArray(500, '[') + "\", \"version\": 2}") << QStringLiteral("version")
        << QStringLiteral("unsupported version 2");
}

void TestScenarioIo::parseErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    QFETCH(QString, message);
    const LoadResult result = parseScenario(json);
    const std::optional<ValidationError> error = errorAt(result.errors, path);
    QVERIFY2(error,
        qPrintable(QStringLiteral("no error at \"") + path + QStringLiteral("\"; got:\n") + errorList(result.errors)));
    QVERIFY2(error->message.contains(message), qPrintable(error->toString()));
}

void TestScenarioIo::syntaxErrorHasPosition_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("where");
    QTest::addRow("missing comma") << QByteArray("{\n  \"name\": \"a\"\n  \"seed\": 1\n}")
                                   << QStringLiteral("line 3, column 8");
    QTest::addRow("trailing comma") << QByteArray("{\"seed\": 1,}") << QStringLiteral("line 1, column 12");
    QTest::addRow("column counts characters")
        << QByteArray("{\"name\": \"\xc3\xa9\xc3\xa9\" x}") << QStringLiteral("line 1, column 15");
}

void TestScenarioIo::syntaxErrorHasPosition()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, where);
    const LoadResult result = parseScenario(json);
    QCOMPARE(result.errors.size(), 1);
    QVERIFY2(result.errors[0].message.contains(where), qPrintable(result.errors[0].message));
}

void TestScenarioIo::collectsAllErrors()
{
    const LoadResult result = parseScenario(R"({"target": {"base_ulr": "x", "timeout": "1 minute"},
        "models": [{"model": "a", "weight": "heavy"}, {"model": "a"}],
        "prompts": {"user": []}, "checks": ["has_choice"]})");
    const QStringList expected = { QStringLiteral("target.base_ulr"), QStringLiteral("target.timeout"),
        QStringLiteral("models[0].weight"), QStringLiteral("models[1].model"), QStringLiteral("prompts.user"),
        QStringLiteral("load.stages"), QStringLiteral("checks[0]") };
    for (const QString &path : expected)
        QVERIFY2(errorAt(result.errors, path),
            qPrintable(path + QStringLiteral(" missing in:\n") + errorList(result.errors)));
    QCOMPARE(result.errors.size(), expected.size());
}

void TestScenarioIo::noFollowOnErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    const QByteArray valid = R"("models": [{"model": "m"}], "prompts": {"user": ["hi"]})";
    QTest::addRow("broken stage: no 'stages last 0s'")
        << QByteArray("{" + valid + R"(, "load": {"stages": [{"duration": "30x", "target": 5}]}})")
        << QStringLiteral("load.stages[0].duration");
    QTest::addRow("unknown executor: no 'add a stage'")
        << QByteArray("{" + valid + R"(, "load": {"executor": "spike"}})") << QStringLiteral("load.executor");
    QTest::addRow("broken prompt: no 'add a prompt'") << QByteArray(
        R"({"models": [{"model": "m"}], "prompts": {"user": [42]}, "load": {"executor": "constant-vus"}})")
                                                      << QStringLiteral("prompts.user[0]");
    QTest::addRow("nameless model: no 'name is empty'") << QByteArray(
        R"({"models": [{"weight": 1}], "prompts": {"user": ["hi"]}, "load": {"executor": "constant-vus"}})")
                                                        << QStringLiteral("models[0].model");
}

void TestScenarioIo::noFollowOnErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    const LoadResult result = parseScenario(json);
    QVERIFY2(result.errors.size() == 1 && result.errors[0].path == path, qPrintable(errorList(result.errors)));
}

void TestScenarioIo::roundTrips_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addRow("full file") << stampede::test::readData(QStringLiteral("scenarios/full.json"));
    QTest::addRow("minimal file") << QByteArray(R"({"models": [{"model": "m"}], "prompts": {"user": ["hi"]},
        "load": {"executor": "constant-vus", "vus": 3, "duration": "1m30.5s"}})");
    QTest::addRow("ramping arrival rate") << QByteArray(R"({"models": [{"model": "m", "weight": 0.25}],
        "prompts": {"user": ["a", "b"]}, "load": {"executor": "ramping-arrival-rate", "start_rate": 1.5,
        "time_unit": "1m", "max_in_flight": 50, "arrival": "poisson",
        "stages": [{"duration": "500ms", "target": 2.5}, {"duration": "1h", "target": 0}]},
        "seed": 18446744073709551615})");
    // validate() reads the PEM files: the test data's self-signed pair serves as CA and client.
    const QByteArray cert = stampede::test::dataPath(QStringLiteral("tls/selfsigned.crt")).toUtf8();
    const QByteArray key = stampede::test::dataPath(QStringLiteral("tls/selfsigned.key")).toUtf8();
    QTest::addRow("tls, proxy, redirects, limits") << QByteArray(R"({"target": {"base_url": "https://gw.corp/v1",
        "tls": {"ca_file": "CERT", "client_cert": "CERT", "client_key": "KEY", "insecure": true},
        "proxy": "socks5://127.0.0.1:1080", "follow_redirects": true,
        "limits": {"max_response_bytes": 1048576, "max_event_bytes": 4096}},
        "models": [{"model": "m"}], "prompts": {"user": ["hi"]},
        "load": {"executor": "constant-vus", "vus": 1, "duration": "1s"}})")
                                                          .replace("CERT", cert)
                                                          .replace("KEY", key);
    QTest::addRow("dataset prompts") << QByteArray(R"({"models": [{"model": "m", "protocol": "gemini"}],
        "prompts": {"system": "", "dataset": {"path": "data/p.jsonl", "order": "random",
        "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}},
        "load": {"executor": "constant-vus", "vus": 1, "duration": "1s"}})");
    QTest::addRow("synthetic prompts") << QByteArray(R"({"models": [{"model": "m"}],
        "prompts": {"synthetic": {"count": 50, "seed": 3,
        "input_tokens": {"distribution": "histogram", "buckets": [[100, 1], [2000, 0.5]]},
        "output_tokens": {"distribution": "normal", "mean": 200, "stddev": 50, "min": 10, "max": 400}}},
        "load": {"executor": "constant-vus", "vus": 1, "duration": "1s"}})");
    QTest::addRow("shared prefix") << QByteArray(R"({"models": [{"model": "m"}], "prompts": {"user": ["hi"],
        "shared_prefix": {"count": 3, "tokens": 1500, "share": 0.333, "seed": 9}},
        "load": {"executor": "constant-vus", "vus": 1, "duration": "1s"}})");
    QTest::addRow("conversation") << QByteArray(R"({"models": [{"model": "m"}], "prompts": {"user": ["hi"]},
        "load": {"executor": "constant-vus", "vus": 1, "duration": "1s"},
        "conversation": {"turns": 5, "max_context_tokens": 32000}})");
    QTest::addRow("tools") << QByteArray(R"({"models": [{"model": "m"}], "prompts": {"user": ["hi"]},
        "load": {"executor": "constant-vus", "vus": 1, "duration": "1s"},
        "tools": {"functions": [{"name": "get_weather", "description": "Weather now",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}},
        {"name": "get_time"}], "choice": "required"}})");
    QTest::addRow("slo at the top and per model") << QByteArray(R"({"models": [{"model": "a"},
        {"model": "b", "slo": {"tpot": "< 1.5s"}}], "prompts": {"user": ["hi"]},
        "load": {"executor": "constant-vus", "vus": 1, "duration": "1s"},
        "slo": {"http_req_duration": "2s", "ttft": "<500ms", "tpot": "<50ms"}})");
}

void TestScenarioIo::roundTrips()
{
    QFETCH(QByteArray, json);
    const LoadResult first = parseScenario(json);
    QVERIFY2(first.ok(), qPrintable(errorList(first.errors)));
    const QByteArray written = toJson(first.scenario);
    const LoadResult second = parseScenario(written);
    QVERIFY2(second.ok(), qPrintable(errorList(second.errors) + QLatin1Char('\n') + QString::fromUtf8(written)));
    const QStringList differences = stampede::test::scenarioDifferences(first.scenario, second.scenario);
    QVERIFY2(differences.isEmpty(), qPrintable(differences.join(QLatin1Char('\n'))));
    QCOMPARE(toJson(second.scenario), written); // stable: writing twice gives the same bytes
}

void TestScenarioIo::writesStableFile()
{
    Scenario scenario = defaultScenario();
    const QString json = QString::fromUtf8(toJson(scenario));
    QVERIFY(json.startsWith(QStringLiteral("{\n  \"version\": 1,\n  \"name\": ")));
    QVERIFY2(json.contains(QStringLiteral("\"duration\": \"2m\"")), qPrintable(json));
    QVERIFY(json.contains(QStringLiteral("\"weight\": 30,")));
    QVERIFY(json.contains(QStringLiteral("머신러닝"))); // not \u-escaped
    QVERIFY(!json.contains(QStringLiteral("\"rate\""))); // keys of other executors are not written
    QVERIFY(json.endsWith(QLatin1Char('\n')));
}

void TestScenarioIo::writesSloOnlyWhenSet()
{
    Scenario scenario = defaultScenario();
    const QByteArray without = toJson(scenario);
    QVERIFY(!without.contains("\"slo\""));
    scenario.slo.setBound(stampede::model::SloMetric::Ttft, 500);
    scenario.models[1].slo.setBound(stampede::model::SloMetric::HttpReqDuration, 1500);
    const QString with = QString::fromUtf8(toJson(scenario));
    QVERIFY2(with.contains(QStringLiteral("\"slo\": {\n    \"ttft\": \"<500ms\"\n  },\n  \"thresholds\"")),
        qPrintable(with));
    QVERIFY2(with.contains(QStringLiteral("\"slo\": {\n        \"http_req_duration\": \"<1.5s\"\n      }")),
        qPrintable(with));
    QCOMPARE(with.count(QStringLiteral("\"slo\"")), 2);
}

void TestScenarioIo::neverWritesCredentials()
{
    Scenario scenario = defaultScenario();
    scenario.target.headers.insert(QStringLiteral("Authorization"), QStringLiteral("Bearer sk-secret"));
    scenario.target.headers.insert(QStringLiteral("x-api-key"), QStringLiteral("sk-secret"));
    scenario.target.headers.insert(QStringLiteral("X-Team"), QStringLiteral("perf"));
    const QByteArray json = toJson(scenario);
    QVERIFY(!json.contains("sk-secret"));
    QVERIFY(json.contains("\"X-Team\": \"perf\""));
    QVERIFY(errorAt(validate(scenario), QStringLiteral("target.headers.Authorization")));
}

void TestScenarioIo::builtinScenariosValidate_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : builtinScenarioNames())
        QTest::addRow("%s", qPrintable(name)) << name;
}

void TestScenarioIo::builtinScenariosValidate()
{
    QFETCH(QString, name);
    const LoadResult result = loadBuiltinScenario(name);
    QVERIFY2(result.ok(), qPrintable(errorList(result.errors)));
    QVERIFY(validate(result.scenario).isEmpty());
    QCOMPARE(result.scenario.target.baseUrl, QStringLiteral("builtin"));
    // The source tree copy is the same file (the resource is compiled from it).
    const LoadResult source = loadScenarioFile(
        stampede::test::dataPath(QStringLiteral("../../resources/scenarios/") + name + QStringLiteral(".json")));
    QVERIFY2(source.ok(), qPrintable(errorList(source.errors)));
    QVERIFY(stampede::test::scenarioDifferences(result.scenario, source.scenario).isEmpty());
}

void TestScenarioIo::defaultScenarioMatchesSeed()
{
    const Scenario s = defaultScenario();
    QCOMPARE(s.name, QStringLiteral("Seed mix — simulated gateway"));
    QCOMPARE(s.models.size(), 4);
    const QList<double> weights = { 30, 20, 30, 20 };
    const QList<double> prices = { 8.0, 15.0, 2.5, 0.42 };
    for (qsizetype i = 0; i < 4; ++i) {
        QCOMPARE(s.models[i].weight, weights[i]);
        QCOMPARE(s.models[i].price.inputPerMTok, prices[i]);
        QCOMPARE(s.models[i].price.outputPerMTok, prices[i]);
    }
    QCOMPARE(s.prompts.user.size(), 9);
    QVERIFY(s.load.executor == ExecutorKind::RampingVus);
    QCOMPARE(s.load.stages.size(), 4);
    QCOMPARE(s.load.thinkTimeMinMs, qint64(1000));
    QCOMPARE(s.thresholds.size(), 6);
    QCOMPARE(s.checks,
        (QStringList { QStringLiteral("status_200"), QStringLiteral("has_choices"), QStringLiteral("has_usage"),
            QStringLiteral("under_5s") }));
    QCOMPARE(s.seed, std::optional<quint64>(42));
    const LoadResult quick = loadBuiltinScenario(QStringLiteral("quick"));
    QVERIFY(quick.scenario.load.executor == ExecutorKind::ConstantArrivalRate);
    QCOMPARE(quick.scenario.load.rate, 20.0);
    QCOMPARE(quick.scenario.load.durationMs, qint64(20000));
}

void TestScenarioIo::savesAndLoadsFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("saved.json"));
    Scenario scenario = defaultScenario();
    scenario.name = QStringLiteral("Saved");
    QCOMPARE(saveScenarioFile(scenario, path), QString());
    const LoadResult loaded = loadScenarioFile(path);
    QVERIFY2(loaded.ok(), qPrintable(errorList(loaded.errors)));
    QVERIFY(stampede::test::scenarioDifferences(scenario, loaded.scenario).isEmpty());
    QVERIFY(!saveScenarioFile(scenario, dir.filePath(QStringLiteral("missing/x.json"))).isEmpty());
}

void TestScenarioIo::fileErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::addRow("missing file") << QByteArray() << QStringLiteral("scenario file not found");
    QTest::addRow("not UTF-8") << QByteArray("{\"name\": \"caf\xe9\"}") << QStringLiteral("is not UTF-8 text");
    QTest::addRow("too large") << QByteArray(10 * 1024 * 1024 + 1, ' ') << QStringLiteral("larger than 10 MB");
}

void TestScenarioIo::fileErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("scenario.json"));
    if (!content.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    const LoadResult result = loadScenarioFile(path);
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors[0].path, QString());
    QVERIFY2(result.errors[0].message.contains(message), qPrintable(result.errors[0].message));
    QVERIFY(result.errors[0].message.contains(path));
}

QTEST_GUILESS_MAIN(TestScenarioIo)
#include "tst_scenarioio.moc"
