// "limits" (top level and per model) and "budget_usd": parsing, validation errors with their JSON
// paths, and the round trip through toJson() (docs/metrics.md, "Quotas and spend").

#include "scenario/scenarioio.h"
#include "scenariocompare.h"

#include <QtTest/QTest>

using namespace stampede;
using namespace stampede::scenario;
using stampede::test::errorTexts;

namespace {

QByteArray scenarioWith(const QByteArray &topLevel, const QByteArray &secondModel = "{\"model\": \"b\"}")
{
    return R"({"version": 1, "models": [{"model": "a"}, )" + secondModel
        + R"(], "prompts": {"user": ["hi"]}, "load": {"executor": "constant-vus", "vus": 1, "duration": "10s"})"
        + (topLevel.isEmpty() ? QByteArray() : ", " + topLevel) + "}";
}

} // namespace

class TestScenarioLimits : public QObject
{
    Q_OBJECT

private slots:
    void absentMeansNoCap()
    {
        const LoadResult result = parseScenario(scenarioWith({}));
        QVERIFY2(result.errors.isEmpty(), qPrintable(errorTexts(result).join(u'\n')));
        QVERIFY(result.scenario.limits.isEmpty());
        QVERIFY(!result.scenario.budgetUsd);
        QVERIFY(!result.scenario.hasLimits());
        // Written as before: no "limits", no "budget_usd".
        const QByteArray json = toJson(result.scenario);
        QVERIFY(!json.contains("\"rpm\"") && !json.contains("\"tpm\"") && !json.contains("budget_usd"));
    }

    void readsEveryKeyAndRoundTrips()
    {
        const LoadResult result = parseScenario(scenarioWith(R"("limits": {"rpm": 600, "tpm": 150000.5},
            "budget_usd": 2.5)",
            R"({"model": "b", "limits": {"tpm": 20000}})"));
        QVERIFY2(result.errors.isEmpty(), qPrintable(errorTexts(result).join(u'\n')));
        const Scenario &s = result.scenario;
        QCOMPARE(s.limits.rpm.value_or(-1), 600.0);
        QCOMPARE(s.limits.tpm.value_or(-1), 150000.5);
        QVERIFY(s.models[0].limits.isEmpty());
        QVERIFY(!s.models[1].limits.rpm);
        QCOMPARE(s.models[1].limits.tpm.value_or(-1), 20000.0);
        QCOMPARE(s.budgetUsd.value_or(-1), 2.5);
        QVERIFY(s.hasLimits());
        QCOMPARE(toString(s.limits), QStringLiteral("rpm 600, tpm 150000.5"));

        const QByteArray written = toJson(s);
        QVERIFY2(written.contains(R"("rpm": 600)") && written.contains(R"("budget_usd": 2.5)"), written.constData());
        const LoadResult again = parseScenario(written);
        QVERIFY2(again.errors.isEmpty(), qPrintable(errorTexts(again).join(u'\n')));
        QVERIFY(again.scenario.limits == s.limits);
        QVERIFY(again.scenario.models[1].limits == s.models[1].limits);
        QVERIFY(again.scenario.models[0].limits.isEmpty());
        QCOMPARE(again.scenario.budgetUsd, s.budgetUsd);
        QCOMPARE(toJson(again.scenario), written);
    }

    void captureHeadersDefaultsAndRoundTrip()
    {
        // Absent: the defaults apply and nothing is written; [] and a list are kept as written.
        const LoadResult plain = parseScenario(scenarioWith({}));
        QVERIFY(!plain.scenario.captureHeaders);
        QCOMPARE(plain.scenario.captureHeaderPatterns(), defaultCaptureHeaders());
        QVERIFY(defaultCaptureHeaders().contains(QStringLiteral("x-ratelimit-*")));
        QVERIFY(!toJson(plain.scenario).contains("capture_headers"));
        for (const QByteArray &list :
            { QByteArray("[]"), QByteArray(R"(["x-ratelimit-*", "X-Request-Id", "cf-?ay"])") }) {
            const LoadResult r = parseScenario(scenarioWith("\"capture_headers\": " + list));
            QVERIFY2(r.errors.isEmpty(), qPrintable(errorTexts(r).join(u'\n')));
            QVERIFY(r.scenario.captureHeaders);
            const QByteArray written = toJson(r.scenario);
            QVERIFY(written.contains("capture_headers"));
            const LoadResult again = parseScenario(written);
            QCOMPARE(again.scenario.captureHeaders, r.scenario.captureHeaders);
            QCOMPARE(again.scenario.captureHeaderPatterns().size(), list == "[]" ? 0 : 3);
        }
    }

    void onlyAModelCapped()
    {
        const LoadResult result = parseScenario(scenarioWith({}, R"({"model": "b", "limits": {"rpm": 60}})"));
        QVERIFY(result.errors.isEmpty());
        QVERIFY(result.scenario.hasLimits());
        Scenario disabled = result.scenario;
        disabled.models[1].enabled = false; // a disabled model's cap applies to nothing
        QVERIFY(!disabled.hasLimits());
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("topLevel");
        QTest::addColumn<QByteArray>("secondModel");
        QTest::addColumn<QString>("error");
        const QByteArray model = R"({"model": "b"})";
        QTest::addRow("zero rpm") << QByteArray(R"("limits": {"rpm": 0})") << model
                                  << QStringLiteral("limits.rpm: must be > 0, got 0 (leave the key out for no cap)");
        QTest::addRow("negative tpm") << QByteArray(R"("limits": {"tpm": -5})") << model
                                      << QStringLiteral(
                                             "limits.tpm: must be > 0, got -5 (leave the key out for no cap)");
        QTest::addRow("absurd rpm") << QByteArray(R"("limits": {"rpm": 1e12})") << model
                                    << QStringLiteral("limits.rpm: 1000000000000 requests/minute is more than any real "
                                                      "cap (at most 60000000); check the number");
        QTest::addRow("model tpm") << QByteArray() << QByteArray(R"({"model": "b", "limits": {"tpm": 0}})")
                                   << QStringLiteral("models[1].limits.tpm: must be > 0, got 0 (leave the key out for "
                                                     "no cap)");
        QTest::addRow("absurd model tpm")
            << QByteArray() << QByteArray(R"({"model": "b", "limits": {"tpm": 5e9}})")
            << QStringLiteral("models[1].limits.tpm: 5000000000 tokens/minute is more than any real cap (at most "
                              "1000000000); check the number");
        QTest::addRow("rpm as text") << QByteArray(R"("limits": {"rpm": "600"})") << model
                                     << QStringLiteral("limits.rpm: expected a number, got string \"600\"");
        QTest::addRow("unknown key") << QByteArray(R"("limits": {"rps": 10})") << model
                                     << QStringLiteral("limits.rps: unknown key; did you mean \"rpm\"?");
        QTest::addRow("limits not an object")
            << QByteArray(R"("limits": 600)") << model << QStringLiteral("limits: expected an object, got number 600");
        QTest::addRow("zero budget") << QByteArray(R"("budget_usd": 0)") << model
                                     << QStringLiteral("budget_usd: must be > 0, got 0 (leave the key out for no cap)");
        QTest::addRow("negative budget") << QByteArray(R"("budget_usd": -1)") << model
                                         << QStringLiteral(
                                                "budget_usd: must be > 0, got -1 (leave the key out for no cap)");
        QTest::addRow("capture_headers not a list")
            << QByteArray(R"("capture_headers": "x-request-id")") << model
            << QStringLiteral("capture_headers: expected an array of strings, got string \"x-request-id\"");
        QTest::addRow("bad header pattern")
            << QByteArray(R"("capture_headers": ["x-ok", "x bad"])") << model
            << QStringLiteral("capture_headers[1]: \"x bad\" is not a header name pattern: ' ' is not allowed "
                              "(letters, digits, !#$%&'+-.^_`|~ and the wildcards * and ?)");
        QTest::addRow("empty header pattern")
            << QByteArray(R"("capture_headers": [""])") << model
            << QStringLiteral(
                   "capture_headers[0]: is empty; name a header, e.g. \"x-request-id\" or \"x-ratelimit-*\"");
        QTest::addRow("absurd budget") << QByteArray(R"("budget_usd": 5000000)") << model
                                       << QStringLiteral("budget_usd: 5000000 USD is more than any real cap (at most "
                                                         "1000000); check the number");
    }

    void errors()
    {
        QFETCH(QByteArray, topLevel);
        QFETCH(QByteArray, secondModel);
        QFETCH(QString, error);
        const LoadResult result = parseScenario(scenarioWith(topLevel, secondModel));
        const QStringList texts = errorTexts(result);
        QVERIFY2(texts.contains(error), qPrintable(texts.join(u'\n')));
        QCOMPARE(texts.size(), 1);
    }

    void validateSeesEditedValues()
    {
        // The editor's path: a Scenario value, no JSON.
        Scenario s = parseScenario(scenarioWith({})).scenario;
        s.limits.rpm = -3;
        s.models[0].limits.tpm = 0;
        s.budgetUsd = 0;
        QStringList texts;
        for (const ValidationError &error : validate(s))
            texts << error.path;
        QCOMPARE(texts,
            (QStringList {
                QStringLiteral("models[0].limits.tpm"), QStringLiteral("limits.rpm"), QStringLiteral("budget_usd") }));
    }
};

QTEST_GUILESS_MAIN(TestScenarioLimits)
#include "tst_scenario_limits.moc"
