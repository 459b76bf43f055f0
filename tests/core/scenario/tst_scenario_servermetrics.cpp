// "server_metrics": parsing, validation errors with their JSON paths, and the round trip through
// toJson() (docs/metrics.md, "Server-side metrics").

#include "scenario/scenarioio.h"
#include "scenariocompare.h"

#include <QtTest/QTest>

using namespace stampede;
using namespace stampede::scenario;
using stampede::test::errorTexts;
using stampede::test::scenarioDifferences;

class TestScenarioServerMetrics : public QObject
{
    Q_OBJECT

private slots:
    void absentMeansNone();
    void defaults();
    void readsEveryKeyAndRoundTrips_data();
    void readsEveryKeyAndRoundTrips();
    void valuesRead();
    void errors_data();
    void errors();
    void validateSeesEditedValues();
};

namespace {

QByteArray scenarioWith(const QByteArray &serverMetrics)
{
    return R"({"version": 1, "models": [{"model": "a"}], "prompts": {"user": ["hi"]},)"
           R"( "load": {"executor": "constant-vus", "vus": 1, "duration": "10s"})"
        + (serverMetrics.isEmpty() ? QByteArray() : ", \"server_metrics\": " + serverMetrics) + "}";
}

// moc reads the class above only: the rows' raw strings with quotes inside confuse its lexer.
void readsEveryKeyAndRoundTripsRows()
{
    QTest::addColumn<QByteArray>("section");
    QTest::addRow("prometheus") << QByteArray(
        "{\"url\": \"https://gw.example:4000/metrics\", \"format\": \"prometheus\", "
        "\"interval\": \"2s\", \"series\": [\"vllm:num_requests_running\", "
        "\"litellm_requests_total{model=\\\"gpt-4.1\\\"}\", "
        "\"h{a=\\\"x\\\\\\\"y\\\", b!=\\\"z\\\"}\"], \"send_key\": true}");
    QTest::addRow("json") << QByteArray(R"({"url": "http://127.0.0.1:8080/v1/usage/current", "format": "json",
            "interval": "1m30s", "series": ["rpm", "tpm", "usage.daily_cost"]})");
}

void errorsRows()
{
    QTest::addColumn<QByteArray>("section");
    QTest::addColumn<QString>("error");
    QTest::addRow("not an object") << QByteArray("5")
                                   << QStringLiteral("server_metrics: expected an object, got number 5");
    QTest::addRow("no url") << QByteArray(R"({"series": ["x"]})")
                            << QStringLiteral("server_metrics.url: missing; the metrics endpoint, e.g. "
                                              "http://gateway:4000/metrics");
    QTest::addRow("ftp url") << QByteArray(R"({"url": "ftp://gw/metrics", "series": ["x"]})")
                             << QStringLiteral("server_metrics.url: expected an http:// or https:// URL with a "
                                               "host, got \"ftp://gw/metrics\"");
    QTest::addRow("no host") << QByteArray(R"({"url": "http:///metrics", "series": ["x"]})")
                             << QStringLiteral("server_metrics.url: expected an http:// or https:// URL with a "
                                               "host, got \"http:///metrics\"");
    QTest::addRow("credentials") << QByteArray(R"({"url": "http://u:p@gw/metrics", "series": ["x"]})")
                                 << QStringLiteral("server_metrics.url: credentials never go in the URL; set "
                                                   "send_key to send the run's API key");
    QTest::addRow("bad format") << QByteArray(R"({"url": "http://gw/m", "format": "xml", "series": ["x"]})")
                                << QStringLiteral("server_metrics.format: unknown format \"xml\"; expected "
                                                  "\"prometheus\" or \"json\"");
    QTest::addRow("interval too short") << QByteArray(R"({"url": "http://gw/m", "interval": "500ms", "series": ["x"]})")
                                        << QStringLiteral(
                                               "server_metrics.interval: must be between 1s and 1h, got 500ms");
    QTest::addRow("interval too long") << QByteArray(R"({"url": "http://gw/m", "interval": "2h", "series": ["x"]})")
                                       << QStringLiteral("server_metrics.interval: must be between 1s and 1h, "
                                                         "got 2h");
    QTest::addRow("interval as number") << QByteArray(R"({"url": "http://gw/m", "interval": 5, "series": ["x"]})")
                                        << QString();
    QTest::addRow("no series") << QByteArray(R"({"url": "http://gw/m"})")
                               << QStringLiteral("server_metrics.series: missing; a list of series to chart, e.g. "
                                                 "[\"vllm:num_requests_running\"]");
    QTest::addRow("empty series") << QByteArray(R"({"url": "http://gw/m", "series": []})")
                                  << QStringLiteral("server_metrics.series: empty; name at least one series to "
                                                    "chart");
    QByteArray many = R"({"url": "http://gw/m", "series": [)";
    for (int i = 0; i < 33; ++i)
        many += (i ? ",\"s" : "\"s") + QByteArray::number(i) + '"';
    QTest::addRow("33 series") << many + "]}"
                               << QStringLiteral("server_metrics.series: 33 series; at most 32 can be charted");
    QTest::addRow("bad selector") << QByteArray(R"({"url": "http://gw/m", "series": ["x{a=b}"]})")
                                  << QStringLiteral("server_metrics.series[0]: not a series selector (expected "
                                                    "'\"' to open a label value): expected name or "
                                                    "name{label=\"value\"}");
    QTest::addRow("blank series") << QByteArray(R"({"url": "http://gw/m", "series": ["ok", " "]})")
                                  << QStringLiteral("server_metrics.series[1]: empty; name a metric (prometheus) "
                                                    "or a field path (json)");
    QTest::addRow("duplicate") << QByteArray(R"({"url": "http://gw/m", "series": ["a", "a"]})")
                               << QStringLiteral("server_metrics.series[1]: \"a\" is listed twice");
    QTest::addRow("bad json path") << QByteArray(R"({"url": "http://gw/m", "format": "json", "series": ["a..b"]})")
                                   << QStringLiteral("server_metrics.series[0]: not a field path: expected names "
                                                     "joined by dots, e.g. usage.rpm");
    QTest::addRow("series not strings") << QByteArray(R"({"url": "http://gw/m", "series": [5]})")
                                        << QStringLiteral("server_metrics.series[0]: expected a string, got "
                                                          "number 5");
    QTest::addRow("send_key not bool") << QByteArray(R"({"url": "http://gw/m", "series": ["x"], "send_key": 1})")
                                       << QStringLiteral("server_metrics.send_key: expected true or false, got "
                                                         "number 1");
    QTest::addRow("api key in section")
        << QByteArray(R"({"url": "http://gw/m", "series": ["x"], "api_key": "sk-123"})")
        << QStringLiteral("server_metrics.api_key: API keys never go in scenario files; use target.api_key_env "
                          "to name the environment variable that holds the key");
    QTest::addRow("unknown key") << QByteArray(R"({"url": "http://gw/m", "series": ["x"], "intervall": "5s"})")
                                 << QStringLiteral("server_metrics.intervall: unknown key; did you mean "
                                                   "\"interval\"?");
}

} // namespace

void TestScenarioServerMetrics::absentMeansNone()
{
    const LoadResult result = parseScenario(scenarioWith({}));
    QVERIFY2(result.errors.isEmpty(), qPrintable(errorTexts(result).join(u'\n')));
    QVERIFY(!result.scenario.serverMetrics);
    QVERIFY(!toJson(result.scenario).contains("server_metrics"));
}

void TestScenarioServerMetrics::defaults()
{
    const LoadResult result = parseScenario(scenarioWith(R"({"url": "http://gw:4000/metrics", "series": ["x"]})"));
    QVERIFY2(result.errors.isEmpty(), qPrintable(errorTexts(result).join(u'\n')));
    const ServerMetricsConfig &c = *result.scenario.serverMetrics;
    QVERIFY(c.format == ServerMetricsConfig::Format::Prometheus);
    QCOMPARE(c.intervalMs, 5000);
    QVERIFY(!c.sendKey); // the key is sent only if asked
}

void TestScenarioServerMetrics::readsEveryKeyAndRoundTrips_data()
{
    readsEveryKeyAndRoundTripsRows();
}

void TestScenarioServerMetrics::readsEveryKeyAndRoundTrips()
{
    QFETCH(QByteArray, section);
    const LoadResult result = parseScenario(scenarioWith(section));
    QVERIFY2(result.errors.isEmpty(), qPrintable(errorTexts(result).join(u'\n')));
    QVERIFY(result.scenario.serverMetrics);
    const QByteArray written = toJson(result.scenario);
    QVERIFY(written.contains("\"server_metrics\""));
    const LoadResult again = parseScenario(written);
    QVERIFY2(again.errors.isEmpty(), qPrintable(errorTexts(again).join(u'\n')));
    const QStringList diff = scenarioDifferences(result.scenario, again.scenario);
    QVERIFY2(diff.isEmpty(), qPrintable(diff.join(u'\n')));
    QVERIFY(*again.scenario.serverMetrics == *result.scenario.serverMetrics);
}

void TestScenarioServerMetrics::valuesRead()
{
    const LoadResult result = parseScenario(scenarioWith("{\"url\": \"http://gw/metrics\", \"interval\": \"2s\", "
                                                         "\"series\": [\"a\", \"b{model=\\\"m\\\"}\"], "
                                                         "\"send_key\": true, \"format\": \"prometheus\"}"));
    QVERIFY2(result.errors.isEmpty(), qPrintable(errorTexts(result).join(u'\n')));
    const ServerMetricsConfig &c = *result.scenario.serverMetrics;
    QCOMPARE(c.url, QStringLiteral("http://gw/metrics"));
    QCOMPARE(c.intervalMs, 2000);
    QCOMPARE(c.series, QStringList({ QStringLiteral("a"), QStringLiteral("b{model=\"m\"}") }));
    QVERIFY(c.sendKey);
}

void TestScenarioServerMetrics::errors_data()
{
    errorsRows();
}

void TestScenarioServerMetrics::errors()
{
    QFETCH(QByteArray, section);
    QFETCH(QString, error);
    const LoadResult result = parseScenario(scenarioWith(section));
    const QStringList texts = errorTexts(result);
    if (error.isEmpty()) { // only that there is one error at that key
        QCOMPARE(texts.size(), 1);
        QVERIFY2(texts[0].startsWith(QLatin1String("server_metrics.interval:")), qPrintable(texts[0]));
        return;
    }
    QVERIFY2(texts.contains(error), qPrintable(texts.join(u'\n')));
    QCOMPARE(texts.size(), 1);
}

void TestScenarioServerMetrics::validateSeesEditedValues()
{
    Scenario s = parseScenario(scenarioWith({})).scenario;
    s.serverMetrics = ServerMetricsConfig {};
    s.serverMetrics->url = QStringLiteral("http://gw/m");
    s.serverMetrics->intervalMs = 0;
    QStringList paths;
    for (const ValidationError &error : validate(s))
        paths << error.path;
    QCOMPARE(
        paths, QStringList({ QStringLiteral("server_metrics.interval"), QStringLiteral("server_metrics.series") }));
}

QTEST_APPLESS_MAIN(TestScenarioServerMetrics)
#include "tst_scenario_servermetrics.moc"
