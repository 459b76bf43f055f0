// validate(): one row per rule. Each row replaces top-level sections of a small valid scenario and
// expects an error at exactly one path whose message contains a given phrase.

#include "scenario/scenarioio.h"

#include <nlohmann/json.hpp>

#include <QtTest/QTest>

#include <cmath>

using namespace stampede::scenario;

namespace {

const char *const kBase = R"({
  "models": [{"model": "a"}],
  "prompts": {"user": ["hi"]},
  "load": {"executor": "constant-vus", "vus": 1, "duration": "10s"}
})";

/// The base scenario with each top-level key of `patch` replaced (a shallow merge).
QByteArray patched(const char *patch)
{
    nlohmann::ordered_json json = nlohmann::ordered_json::parse(kBase);
    const nlohmann::ordered_json replacements = nlohmann::ordered_json::parse(patch);
    for (const auto &member : replacements.items())
        json[member.key()] = member.value();
    return QByteArray::fromStdString(json.dump());
}

QString errorList(const QList<ValidationError> &errors)
{
    QStringList lines;
    for (const ValidationError &error : errors)
        lines.append(error.toString());
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestValidate : public QObject
{
    Q_OBJECT

private slots:
    void baseIsValid();
    void rule_data();
    void rule();
    void nanFailsRanges();
    void defaultScenarioIsValid();
    void sloThresholdsWithSlo();
};

void TestValidate::baseIsValid()
{
    const LoadResult result = parseScenario(kBase);
    QVERIFY2(result.ok(), qPrintable(errorList(result.errors)));
}

void TestValidate::rule_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    const auto row = [](const char *name, const char *patch, const char *path, const char *message) {
        QTest::addRow("%s", name) << patched(patch) << QString::fromUtf8(path) << QString::fromUtf8(message);
    };
    // scenario
    row("version", R"({"version": 2})", "version", "unsupported version 2");
    // target
    row("base_url not http", R"({"target": {"base_url": "ftp://host/v1"}})", "target.base_url",
        "is not an http(s) URL");
    row("base_url garbage", R"({"target": {"base_url": "localhost:8080"}})", "target.base_url",
        "is not an http(s) URL");
    row("base_url credentials", R"({"target": {"base_url": "http://u:p@host/v1"}})", "target.base_url",
        "credentials in the URL");
    row("base_url query", R"({"target": {"base_url": "http://host/v1?x=1"}})", "target.base_url", "remove the query");
    row("base_url endpoint path", R"({"target": {"base_url": "http://host:8080/v1/chat/completions/"}})",
        "target.base_url", "ends at the API root, e.g. \"http://host:8080/v1\": remove \"/chat/completions\"");
    row("base_url models path", R"({"target": {"base_url": "https://gw.example/openai/v1/models"}})", "target.base_url",
        "e.g. \"https://gw.example/openai/v1\": remove \"/models\"");
    row("api_key_env", R"({"target": {"api_key_env": "1-KEY"}})", "target.api_key_env",
        "is not an environment variable name");
    row("timeout zero", R"({"target": {"timeout": "0s"}})", "target.timeout", "must be longer than 0s");
    row("connect_timeout zero", R"({"target": {"connect_timeout": "0s"}})", "target.connect_timeout",
        "must be longer than 0s");
    row("connect_timeout above timeout", R"({"target": {"timeout": "5s", "connect_timeout": "10s"}})",
        "target.connect_timeout", "must not exceed target.timeout (5s)");
    row("header name", R"({"target": {"headers": {"Bad Header": "x"}}})", "target.headers.Bad Header",
        "not a valid header name");
    row("Authorization header", R"({"target": {"headers": {"authorization": "Bearer x"}}})",
        "target.headers.authorization", "Stampede sends \"Bearer <key>\" from the environment variable");
    row("api-key header", R"({"target": {"headers": {"X-Api-Key": "x"}}})", "target.headers.X-Api-Key",
        "credentials never go in scenario files");
    row("header value line break", R"({"target": {"headers": {"X-A": "a\r\nX-B: b"}}})", "target.headers.X-A",
        "line breaks");
    row("Content-Length header", R"({"target": {"headers": {"Content-Length": "5"}}})", "target.headers.Content-Length",
        "sets Content-Length itself");
    row("Transfer-Encoding header", R"({"target": {"headers": {"transfer-encoding": "chunked"}}})",
        "target.headers.transfer-encoding", "frames the request or the connection");
    row("Connection header", R"({"target": {"headers": {"Connection": "close"}}})", "target.headers.Connection",
        "sets Connection itself");
    row("header value NUL", R"({"target": {"headers": {"X-A": "a\u0000b"}}})", "target.headers.X-A",
        "control characters (found U+0000)");
    row("header value DEL", R"({"target": {"headers": {"X-A": "a\u007fb"}}})", "target.headers.X-A",
        "control characters (found U+007f)");
    // models
    row("ca_file missing", R"({"target": {"tls": {"ca_file": "/nonexistent/ca.pem"}}})", "target.tls.ca_file",
        "\"/nonexistent/ca.pem\" does not exist");
    row("ca_file not PEM", R"({"target": {"tls": {"ca_file": "/etc/passwd"}}})", "target.tls.ca_file",
        "\"/etc/passwd\" holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    row("ca_file a folder", R"({"target": {"tls": {"ca_file": "/etc"}}})", "target.tls.ca_file", "is not a file");
    row("client_key not PEM", R"({"target": {"tls": {"client_cert": "/etc/ssl/certs/ca-certificates.crt",
        "client_key": "/etc/passwd"}}})",
        "target.tls.client_key", "holds no PEM private key");
    row("client_cert without key", R"({"target": {"tls": {"client_cert": "/etc/ssl/certs/ca-certificates.crt"}}})",
        "target.tls.client_key", "client_cert and client_key go together");
    row("proxy garbage", R"({"target": {"proxy": "proxy:3128"}})", "target.proxy", "is not a proxy; use");
    row("proxy scheme", R"({"target": {"proxy": "ftp://proxy:21"}})", "target.proxy", "is not a proxy scheme");
    row("proxy https", R"({"target": {"proxy": "https://proxy:3128"}})", "target.proxy",
        "a TLS connection to the proxy itself is not supported");
    row("proxy credentials", R"({"target": {"proxy": "http://u:p@proxy:3128"}})", "target.proxy",
        "credentials in the proxy URL would be stored");
    row("response cap too small", R"({"target": {"limits": {"max_response_bytes": 100}}})",
        "target.limits.max_response_bytes", "must be between 65536 (64 KiB) and 1073741824 (1024 MiB), got 100");
    row("event cap too large", R"({"target": {"limits": {"max_event_bytes": 134217728}}})",
        "target.limits.max_event_bytes", "must be between 1024 (1 KiB) and 67108864 (64 MiB)");
    row("event cap above response cap", R"({"target": {"limits": {"max_response_bytes": 65536,
        "max_event_bytes": 131072}}})",
        "target.limits.max_event_bytes", "must not exceed target.limits.max_response_bytes (65536)");
    row("no models", R"({"models": []})", "models", "add at least one model");
    row("none enabled", R"({"models": [{"model": "a", "enabled": false}]})", "models", "no model is enabled");
    row("negative weight", R"({"models": [{"model": "a", "weight": -1}, {"model": "b"}]})", "models[0].weight",
        "must be >= 0, got -1");
    row("weights add up to zero", R"({"models": [{"model": "a", "weight": 0}, {"model": "b", "weight": 5,
        "enabled": false}]})",
        "models", "weights add up to 0");
    row("empty name", R"({"models": [{"model": " "}]})", "models[0].model", "model name is empty");
    row("duplicate name", R"({"models": [{"model": "a"}, {"model": "b"}, {"model": "a"}]})", "models[2].model",
        "already listed as models[0]");
    row("max_tokens zero", R"({"models": [{"model": "a", "max_tokens": 0}]})", "models[0].max_tokens",
        "must be between 1 and 1000000, got 0");
    row("max_tokens huge", R"({"models": [{"model": "a", "max_tokens": 2000000}]})", "models[0].max_tokens",
        "must be between 1 and 1000000");
    row("temperature", R"({"models": [{"model": "a", "temperature": 2.5}]})", "models[0].temperature",
        "must be between 0 and 2, got 2.5");
    row("input price", R"({"models": [{"model": "a", "price": {"input_per_mtok": -1}}]})",
        "models[0].price.input_per_mtok", "must be >= 0");
    row("output price", R"({"models": [{"model": "a", "price": {"output_per_mtok": -0.5}}]})",
        "models[0].price.output_per_mtok", "must be >= 0");
    // prompts
    row("no user prompt", R"({"prompts": {"user": []}})", "prompts.user", "add at least one user prompt");
    row("empty user prompt", R"({"prompts": {"user": ["ok", "  "]}})", "prompts.user[1]", "the prompt is empty");
    // load
    row("vus", R"({"load": {"executor": "constant-vus", "vus": 0, "duration": "1s"}})", "load.vus", "must be >= 1");
    row("duration", R"({"load": {"executor": "constant-vus", "vus": 1, "duration": "0s"}})", "load.duration",
        "must be longer than 0s");
    row("stages empty", R"({"load": {"executor": "ramping-vus", "stages": []}})", "load.stages",
        "add at least one stage");
    row("stages missing", R"({"load": {"executor": "ramping-arrival-rate"}})", "load.stages", "add at least one stage");
    row("stages last 0s", R"({"load": {"executor": "ramping-vus", "stages": [{"duration": "0s", "target": 5}]}})",
        "load.stages", "0s in total");
    row("stage target negative", R"({"load": {"executor": "ramping-arrival-rate",
        "stages": [{"duration": "1s", "target": -2}]}})",
        "load.stages[0].target", "must be >= 0");
    row("stage target fractional VUs", R"({"load": {"executor": "ramping-vus",
        "stages": [{"duration": "1s", "target": 2.5}]}})",
        "load.stages[0].target", "whole number of VUs");
    row("start_vus", R"({"load": {"executor": "ramping-vus", "start_vus": -1,
        "stages": [{"duration": "1s", "target": 1}]}})",
        "load.start_vus", "must be >= 0");
    row("rate", R"({"load": {"executor": "constant-arrival-rate", "rate": 0}})", "load.rate", "must be > 0");
    row("start_rate", R"({"load": {"executor": "ramping-arrival-rate", "start_rate": -1,
        "stages": [{"duration": "1s", "target": 1}]}})",
        "load.start_rate", "must be >= 0");
    row("time_unit", R"({"load": {"executor": "constant-arrival-rate", "time_unit": "0s"}})", "load.time_unit",
        "must be longer than 0s");
    row("max_in_flight zero", R"({"load": {"executor": "constant-arrival-rate", "max_in_flight": 0}})",
        "load.max_in_flight", "must be between 1 and 100000");
    row("max_in_flight huge", R"({"load": {"executor": "ramping-arrival-rate", "max_in_flight": 100001,
        "stages": [{"duration": "1s", "target": 1}]}})",
        "load.max_in_flight", "must be between 1 and 100000");
    row("think time", R"({"load": {"executor": "constant-vus", "think_time": {"min": "3s", "max": "1s"}}})",
        "load.think_time", "min (3s) is greater than max (1s)");
    // load bounds: what one machine can do (issue 9 item 7)
    row("ten million VUs", R"({"load": {"executor": "constant-vus", "vus": 10000000, "duration": "1s"}})", "load.vus",
        "10000000 VUs are more than one machine can run (at most 100000");
    row("ramp to a million VUs", R"({"load": {"executor": "ramping-vus",
        "stages": [{"duration": "1s", "target": 5}, {"duration": "1s", "target": 1000000}]}})",
        "load.stages[1].target", "1000000 VUs are more than one machine can run");
    row("a rate of 1e12/s", R"({"load": {"executor": "constant-arrival-rate", "rate": 1e12, "duration": "2s"}})",
        "load.rate",
        "1000000000000 per 1s is 1000000000000 requests/s, more than one machine can send (at most 1000000/s");
    row("a rate per millisecond", R"({"load": {"executor": "constant-arrival-rate", "rate": 2000,
        "time_unit": "1ms", "duration": "2s"}})",
        "load.rate", "is 2000000 requests/s");
    row("a ramp to 1e9/s", R"({"load": {"executor": "ramping-arrival-rate",
        "stages": [{"duration": "1s", "target": 1e9}]}})",
        "load.stages[0].target", "more than one machine can send");
    row("a year-long run", R"({"load": {"executor": "constant-vus", "vus": 1, "duration": "8760h"}})", "load.duration",
        "longer than the most (744h");
    row("graceful stop of a day", R"({"load": {"executor": "constant-vus", "graceful_stop": "24h"}})",
        "load.graceful_stop", "must be at most 1h");
    // retry
    row("max_retries", R"({"retry": {"max_retries": 1000}})", "retry.max_retries", "must be between 0 and 100");
    row("retry delays", R"({"retry": {"base_delay": "5s", "max_delay": "1s"}})", "retry.max_delay",
        "must be at least retry.base_delay (5s)");
    row("retry status", R"({"retry": {"on_status": [429, 42]}})", "retry.on_status[1]", "must be between 100 and 599");
    // thresholds
    row("threshold metric", R"({"thresholds": {"latency": ["p(95)<1"]}})", "thresholds.latency", "unknown metric");
    row("threshold model", R"({"thresholds": {"ttft{model:b}": ["p(95)<1"]}})", "thresholds.ttft{model:b}",
        "unknown model \"b\"");
    row("threshold expression", R"({"thresholds": {"ttft": ["p(95)<1", "p(95) 800"]}})", "thresholds.ttft[1]",
        "no comparison in \"p(95) 800\"");
    row("threshold aggregation", R"({"thresholds": {"http_req_failed": ["p(95)<1"]}})", "thresholds.http_req_failed[0]",
        "p(95) is not an aggregation of http_req_failed");
    row("threshold no rules", R"({"thresholds": {"ttft": []}})", "thresholds.ttft", "add at least one expression");
    // slo
    row("slo bound of 0s", R"({"slo": {"ttft": "<0s"}})", "slo.ttft", "must be longer than 0s");
    row("model slo bound of 0s", R"({"models": [{"model": "a", "slo": {"tpot": "0ms"}}]})", "models[0].slo.tpot",
        "must be longer than 0s");
    row("slo_attainment without slo", R"({"thresholds": {"slo_attainment": ["rate>0.95"]}})",
        "thresholds.slo_attainment", "slo_attainment needs an SLO: declare \"slo\" at the top level or in a model");
    row("goodput of a model without slo",
        R"({"models": [{"model": "a"}, {"model": "b", "slo": {"ttft": "<1s"}}], "thresholds": {"goodput{model:a}":
        ["rate>1"]}})",
        "thresholds.goodput{model:a}", "no \"slo\" applies to model \"a\"");
    // shared prefixes
    row("shared prefix count 0", R"({"prompts": {"shared_prefix": {"count": 0, "tokens": 10}}})",
        "prompts.shared_prefix.count", "must be from 1 to 1000");
    row("shared prefix share over 1", R"({"prompts": {"shared_prefix": {"tokens": 10, "share": 1.5}}})",
        "prompts.shared_prefix.share", "must be from 0 to 1");
    row("shared prefixes too long together", R"({"prompts": {"shared_prefix": {"count": 1000, "tokens": 100000}}})",
        "prompts.shared_prefix", "count x tokens must be at most 2000000");
    // conversation
    row("conversation of 0 turns", R"({"conversation": {"turns": 0}})", "conversation.turns", "must be from 1 to 100");
    row("conversation of 101 turns", R"({"conversation": {"turns": 101}})", "conversation.turns",
        "must be from 1 to 100");
    row("context budget 0", R"({"conversation": {"turns": 3, "max_context_tokens": 0}})",
        "conversation.max_context_tokens", "must be from 1 to 2000000");
    row("conversation in a paired run",
        R"({"conversation": {"turns": 3}, "direct_target": {"base_url": "http://127.0.0.1:9/v1"}})", "conversation",
        "run conversations without direct_target");
    // tools
    row("tools without functions", R"({"tools": {"functions": []}})", "tools.functions",
        "must list 1 to 128 functions");
    row("tool name with a space", R"({"tools": {"functions": [{"name": "get weather"}]}})", "tools.functions[0].name",
        "must be 1-64 letters, digits, _ or -");
    row("tool declared twice", R"({"tools": {"functions": [{"name": "f"}, {"name": "f"}]}})", "tools.functions[1].name",
        "\"f\" is declared twice");
    row("tool choice names no function", R"({"tools": {"functions": [{"name": "f"}], "choice": "g"}})", "tools.choice",
        "must be auto, required, none or a declared function's name, not \"g\"");
    row("tools in a conversation", R"({"tools": {"functions": [{"name": "f"}]}, "conversation": {"turns": 2}})",
        "tools", "cannot go with conversation yet");
    // checks
    row("unknown check", R"({"checks": ["has_choice"]})", "checks[0]", "unknown check \"has_choice\"; did you mean");
    row("under without duration", R"({"checks": ["under_5x"]})", "checks[0]", "needs a duration longer than 0s");
    row("under zero", R"({"checks": ["under_0s"]})", "checks[0]", "needs a duration longer than 0s");
    row("duplicate check", R"({"checks": ["has_usage", "has_usage"]})", "checks[1]", "listed twice");
}

void TestValidate::rule()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    QFETCH(QString, message);
    const LoadResult result = parseScenario(json);
    bool found = false;
    for (const ValidationError &error : result.errors)
        found = found || (error.path == path && error.message.contains(message));
    QVERIFY2(found,
        qPrintable(QStringLiteral("want ") + path + QStringLiteral(": ...") + message + QStringLiteral("...\ngot:\n")
            + errorList(result.errors)));
    // The same rule holds for the in-memory scenario, as the GUI uses it.
    const QList<ValidationError> direct = validate(result.scenario);
    QVERIFY(std::any_of(direct.cbegin(), direct.cend(), [&](const ValidationError &e) { return e.path == path; }));
}

void TestValidate::nanFailsRanges()
{
    Scenario scenario = defaultScenario();
    scenario.models[0].weight = std::nan("");
    scenario.models[1].temperature = std::nan("");
    const QList<ValidationError> errors = validate(scenario);
    QCOMPARE(errors.size(), 2);
    QCOMPARE(errors[0].path, QStringLiteral("models[0].weight"));
    QCOMPARE(errors[1].path, QStringLiteral("models[1].temperature"));
}

void TestValidate::defaultScenarioIsValid()
{
    QVERIFY2(validate(defaultScenario()).isEmpty(), qPrintable(errorList(validate(defaultScenario()))));
}

void TestValidate::sloThresholdsWithSlo()
{
    // Declared at the top level (every model inherits it) or on the threshold's model: accepted.
    for (const char *patch : { R"({"slo": {"ttft": "<500ms"}, "thresholds": {"slo_attainment": ["rate>0.95"],
                                   "goodput{model:a}": ["rate>1"]}})",
             R"({"models": [{"model": "a", "slo": {"tpot": "<50ms"}}], "thresholds": {"slo_attainment": ["rate>0.9"],
                 "goodput{model:a}": ["rate>=2"]}})" }) {
        const LoadResult result = parseScenario(patched(patch));
        QVERIFY2(result.ok(), qPrintable(errorList(result.errors)));
    }
}

QTEST_GUILESS_MAIN(TestValidate)
#include "tst_validate.moc"
