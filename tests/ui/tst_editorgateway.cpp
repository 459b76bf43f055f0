// The editor's Gateway page driven as a user would: limits, budget_usd, capture_headers, server_metrics
// and direct_target load into the fields, typed values are saved, invalid ones are marked at the field,
// and every key round-trips (unset and empty included).

#include "ui/editor/fieldmark.h"
#include "ui/editor/headertablemodel.h"
#include "ui/editor/scenarioeditor.h"
#include "ui/secrets/keystore.h"

#include "scenario/scenarioio.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QtTest/QTest>

#include "tst_editorsupport.h"

#include <memory>

using namespace stampede;
using namespace stampede::ui;
using namespace stampede::test;
using editor::fieldProblem;

namespace {

scenario::Scenario parsed(const QByteArray &json)
{
    const scenario::LoadResult result = scenario::parseScenario(json);
    if (!result.ok())
        qWarning("test scenario does not parse: %s", qPrintable(result.errors.first().toString()));
    return result.scenario;
}

// Plain literals, not raw strings: moc (6.4) stops reading the file at a raw string literal.
const char *const kBase
    = "{\"target\": {\"base_url\": \"http://localhost:4000/v1\", \"api_key_env\": \"LITELLM_KEY\"},\n"
      " \"models\": [{\"model\": \"a\", \"limits\": {\"tpm\": 9000}}],\n"
      " \"prompts\": {\"user\": [\"hi\"]},\n"
      " \"load\": {\"executor\": \"constant-vus\", \"vus\": 2, \"duration\": \"10s\"}";

/// kBase with every gateway key set.
QByteArray everything()
{
    return QByteArray(kBase)
        + ",\n \"limits\": {\"rpm\": 600, \"tpm\": 150000.5},\n"
          " \"budget_usd\": 5.25,\n"
          " \"capture_headers\": [\"x-ratelimit-*\", \"server-timing\", \"x-request-id\"],\n"
          " \"server_metrics\": {\"url\": \"http://gateway:4000/metrics\", \"format\": \"json\", \"interval\": "
          "\"2s\",\n"
          "                    \"series\": [\"usage.rpm\", \"usage.tpm\"], \"send_key\": true},\n"
          " \"direct_target\": {\"base_url\": \"http://127.0.0.1:8000/v1\", \"api_key_env\": \"OPENAI_API_KEY\",\n"
          "                   \"headers\": {\"OpenAI-Organization\": \"org-1\"}}\n"
          "}";
}

QByteArray withKeys(const QByteArray &keys)
{
    return QByteArray(kBase) + (keys.isEmpty() ? "" : ",\n") + keys + "\n}";
}

} // namespace

class TestEditorGateway : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void tabFollowsLoad();
    void loadShowsEveryKey();
    void roundTrip_data();
    void roundTrip();
    void editsAreSaved();
    void invalidValuesAreMarked_data();
    void invalidValuesAreMarked();
    void switchedOffSectionsAreNotSavedOrChecked();
    void captureHeaderStates();
    void lockFollowsSwitches();

private:
    template <typename T> T *field(const char *name)
    {
        T *widget = find<T>(m_editor.get(), name);
        if (widget)
            reveal(widget);
        return widget;
    }
    void setCheck(const char *name, bool checked)
    {
        auto *check = field<QCheckBox>(name);
        QVERIFY2(check, name);
        check->setChecked(checked);
    }

    std::unique_ptr<MemoryKeyStore> m_keys;
    std::unique_ptr<ScenarioEditor> m_editor;
};

void TestEditorGateway::init()
{
    m_keys = std::make_unique<MemoryKeyStore>();
    m_editor = std::make_unique<ScenarioEditor>(m_keys.get());
    m_editor->resize(1000, 720);
}

void TestEditorGateway::cleanup()
{
    m_editor.reset();
    m_keys.reset();
}

void TestEditorGateway::tabFollowsLoad()
{
    auto *tabs = find<QTabWidget>(m_editor.get(), "editorTabs");
    QVERIFY(tabs);
    QStringList titles;
    for (int i = 0; i < tabs->count(); ++i)
        titles.append(tabs->tabText(i));
    const qsizetype gateway = titles.indexOf(QStringLiteral("Gateway"));
    QVERIFY2(gateway > 0, qPrintable(titles.join(QLatin1Char(','))));
    QCOMPARE(titles.at(gateway - 1), QStringLiteral("Load"));
    QVERIFY(find<QWidget>(m_editor.get(), "gatewayPage"));
}

void TestEditorGateway::loadShowsEveryKey()
{
    const scenario::Scenario s = parsed(everything());
    m_editor->setScenario(s);
    QVERIFY2(m_editor->isValid(), qPrintable(m_editor->problems()));
    QCOMPARE(field<QLineEdit>("limitsRpmEdit")->text(), QStringLiteral("600"));
    QCOMPARE(field<QLineEdit>("limitsTpmEdit")->text(), QStringLiteral("150000.5"));
    QCOMPARE(field<QLineEdit>("budgetEdit")->text(), QStringLiteral("5.25"));
    QVERIFY(!field<QCheckBox>("captureDefaultsCheck")->isChecked());
    QCOMPARE(field<QPlainTextEdit>("captureHeadersEdit")->toPlainText(),
        QStringLiteral("x-ratelimit-*\nserver-timing\nx-request-id"));
    QVERIFY(field<QCheckBox>("serverMetricsCheck")->isChecked());
    QCOMPARE(field<QLineEdit>("serverMetricsUrlEdit")->text(), QStringLiteral("http://gateway:4000/metrics"));
    QCOMPARE(field<QComboBox>("serverMetricsFormatCombo")->currentIndex(), 1);
    QCOMPARE(field<QLineEdit>("serverMetricsIntervalEdit")->text(), QStringLiteral("2s"));
    QCOMPARE(field<QPlainTextEdit>("serverMetricsSeriesEdit")->toPlainText(), QStringLiteral("usage.rpm\nusage.tpm"));
    QVERIFY(field<QCheckBox>("serverMetricsSendKeyCheck")->isChecked());
    QVERIFY(field<QCheckBox>("directTargetCheck")->isChecked());
    QCOMPARE(field<QLineEdit>("directBaseUrlEdit")->text(), QStringLiteral("http://127.0.0.1:8000/v1"));
    QCOMPARE(field<QLineEdit>("directApiKeyEnvEdit")->text(), QStringLiteral("OPENAI_API_KEY"));
    auto *headers = field<QTableView>("directHeadersView");
    QCOMPARE(headers->model()->rowCount(), 1);
    QCOMPARE(headers->model()->index(0, 0).data().toString(), QStringLiteral("OpenAI-Organization"));
    QCOMPARE(headers->model()->index(0, 1).data().toString(), QStringLiteral("org-1"));

    const scenario::Scenario saved = m_editor->scenario();
    QVERIFY(saved.limits == s.limits);
    QCOMPARE(saved.budgetUsd, s.budgetUsd);
    QCOMPARE(saved.captureHeaders, s.captureHeaders);
    QVERIFY(saved.serverMetrics == s.serverMetrics);
    QVERIFY(saved.directTarget == s.directTarget);
    QVERIFY(saved.models.value(0).limits == s.models.value(0).limits); // per-model limits are the file's
    QCOMPARE(QString::fromUtf8(scenario::toJson(saved)), QString::fromUtf8(scenario::toJson(s)));
}

void TestEditorGateway::roundTrip_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addRow("none set") << withKeys("");
    QTest::addRow("everything") << everything();
    QTest::addRow("rpm only") << withKeys("\"limits\": {\"rpm\": 0.5}");
    QTest::addRow("capture none") << withKeys("\"capture_headers\": []");
    QTest::addRow("capture the defaults, listed") << withKeys(
        "\"capture_headers\": [\"" + scenario::defaultCaptureHeaders().join(QStringLiteral("\", \"")).toUtf8() + "\"]");
    QTest::addRow("server metrics, prometheus defaults")
        << withKeys("\"server_metrics\": {\"url\": \"https://gw/metrics\", \"series\": "
                    "[\"litellm_requests_total{model=\\\"gpt-4.1\\\"}\"]}");
    QTest::addRow("direct target, no key, no headers")
        << withKeys("\"direct_target\": {\"base_url\": \"http://127.0.0.1:8000/v1\"}");
}

void TestEditorGateway::roundTrip()
{
    QFETCH(QByteArray, json);
    const scenario::LoadResult loaded = scenario::parseScenario(json);
    QVERIFY2(loaded.ok(), qPrintable(loaded.errors.value(0).toString()));
    const scenario::Scenario &s = loaded.scenario;
    m_editor->setScenario(s);
    QVERIFY2(m_editor->isValid(), qPrintable(m_editor->problems()));
    const scenario::Scenario saved = m_editor->scenario();
    QVERIFY(saved.limits == s.limits);
    QCOMPARE(saved.budgetUsd, s.budgetUsd);
    QCOMPARE(saved.captureHeaders.has_value(), s.captureHeaders.has_value());
    QCOMPARE(saved.captureHeaders, s.captureHeaders);
    QVERIFY(saved.serverMetrics == s.serverMetrics);
    QVERIFY(saved.directTarget == s.directTarget);
    QCOMPARE(QString::fromUtf8(scenario::toJson(saved)), QString::fromUtf8(scenario::toJson(s)));
}

void TestEditorGateway::editsAreSaved()
{
    m_editor->show();
    m_editor->setScenario(parsed(withKeys("")));
    replaceText(field<QLineEdit>("limitsRpmEdit"), QStringLiteral("120"));
    replaceText(field<QLineEdit>("limitsTpmEdit"), QStringLiteral("0")); // 0 = no cap
    replaceText(field<QLineEdit>("budgetEdit"), QStringLiteral("2.5"));
    setCheck("captureDefaultsCheck", false);
    // Unticked, the defaults stay as a list to edit.
    QCOMPARE(field<QPlainTextEdit>("captureHeadersEdit")->toPlainText(),
        scenario::defaultCaptureHeaders().join(QLatin1Char('\n')));
    field<QPlainTextEdit>("captureHeadersEdit")->setPlainText(QStringLiteral("x-ratelimit-*\n\n  server-timing \n"));

    setCheck("serverMetricsCheck", true);
    replaceText(field<QLineEdit>("serverMetricsUrlEdit"), QStringLiteral("http://gw:4000/metrics"));
    field<QComboBox>("serverMetricsFormatCombo")->setCurrentIndex(1);
    replaceText(field<QLineEdit>("serverMetricsIntervalEdit"), QStringLiteral("10s"));
    field<QPlainTextEdit>("serverMetricsSeriesEdit")->setPlainText(QStringLiteral("usage.rpm\nqueue.depth"));
    setCheck("serverMetricsSendKeyCheck", true);

    setCheck("directTargetCheck", true);
    replaceText(field<QLineEdit>("directBaseUrlEdit"), QStringLiteral("http://127.0.0.1:9000/v1"));
    replaceText(field<QLineEdit>("directApiKeyEnvEdit"), QStringLiteral("DIRECT_KEY"));
    auto *view = field<QTableView>("directHeadersView");
    field<QPushButton>("addDirectHeaderButton")->click();
    QVERIFY(typeIntoCell(view, view->model()->index(0, editor::HeaderTableModel::Name), QStringLiteral("X-Team")));
    QVERIFY(typeIntoCell(view, view->model()->index(0, editor::HeaderTableModel::Value), QStringLiteral("perf")));

    QVERIFY2(m_editor->isValid(), qPrintable(m_editor->problems()));
    const scenario::Scenario s = m_editor->scenario();
    QCOMPARE(s.limits.rpm, std::optional<double>(120));
    QCOMPARE(s.limits.tpm, std::optional<double>());
    QCOMPARE(s.budgetUsd, std::optional<double>(2.5));
    QCOMPARE(s.captureHeaders,
        std::optional<QStringList>({ QStringLiteral("x-ratelimit-*"), QStringLiteral("server-timing") }));
    QVERIFY(s.serverMetrics);
    QCOMPARE(s.serverMetrics->url, QStringLiteral("http://gw:4000/metrics"));
    QVERIFY(s.serverMetrics->format == scenario::ServerMetricsConfig::Format::Json);
    QCOMPARE(s.serverMetrics->intervalMs, qint64(10000));
    QCOMPARE(s.serverMetrics->series, QStringList({ QStringLiteral("usage.rpm"), QStringLiteral("queue.depth") }));
    QVERIFY(s.serverMetrics->sendKey);
    QVERIFY(s.directTarget);
    QCOMPARE(s.directTarget->baseUrl, QStringLiteral("http://127.0.0.1:9000/v1"));
    QCOMPARE(s.directTarget->apiKeyEnv, QStringLiteral("DIRECT_KEY"));
    QCOMPARE(
        s.directTarget->headers, (QMap<QString, QString> { { QStringLiteral("X-Team"), QStringLiteral("perf") } }));
    QCOMPARE(s.models.value(0).limits.tpm, std::optional<double>(9000)); // untouched

    // Clearing a cap removes it.
    replaceText(field<QLineEdit>("limitsRpmEdit"), QString());
    QVERIFY2(m_editor->isValid(), qPrintable(m_editor->problems()));
    QCOMPARE(m_editor->scenario().limits.rpm, std::optional<double>());
}

void TestEditorGateway::invalidValuesAreMarked_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("fieldName");
    QTest::addColumn<QString>("path");
    QTest::addRow("server_metrics.url ftp")
        << withKeys("\"server_metrics\": {\"url\": \"ftp://x\", \"series\": [\"up\"]}")
        << QStringLiteral("serverMetricsUrlEdit") << QStringLiteral("server_metrics.url");
    QTest::addRow("server_metrics.interval too short")
        << withKeys(
               "\"server_metrics\": {\"url\": \"http://gw/metrics\", \"interval\": \"10ms\", \"series\": [\"up\"]}")
        << QStringLiteral("serverMetricsIntervalEdit") << QStringLiteral("server_metrics.interval");
    QTest::addRow("server_metrics.series[1] twice")
        << withKeys("\"server_metrics\": {\"url\": \"http://gw/metrics\", \"series\": [\"up\", \"up\"]}")
        << QStringLiteral("serverMetricsSeriesEdit") << QStringLiteral("server_metrics.series[1]");
    QTest::addRow("direct_target.base_url = the gateway's")
        << withKeys("\"direct_target\": {\"base_url\": \"http://localhost:4000/v1/\"}")
        << QStringLiteral("directBaseUrlEdit") << QStringLiteral("direct_target.base_url");
    QTest::addRow("direct_target.api_key_env")
        << withKeys("\"direct_target\": {\"base_url\": \"http://127.0.0.1:8000/v1\", \"api_key_env\": \"not a name\"}")
        << QStringLiteral("directApiKeyEnvEdit") << QStringLiteral("direct_target.api_key_env");
    QTest::addRow("direct_target.headers")
        << withKeys(
               "\"direct_target\": {\"base_url\": \"http://127.0.0.1:8000/v1\", \"headers\": {\"X-Api-Key\": \"s\"}}")
        << QStringLiteral("directHeadersView") << QStringLiteral("direct_target.headers.X-Api-Key");
    QTest::addRow("limits.rpm negative") << withKeys("\"limits\": {\"rpm\": -5}") << QStringLiteral("limitsRpmEdit")
                                         << QStringLiteral("limits.rpm");
    QTest::addRow("limits.tpm too large")
        << withKeys("\"limits\": {\"tpm\": 1e12}") << QStringLiteral("limitsTpmEdit") << QStringLiteral("limits.tpm");
    QTest::addRow("budget_usd negative") << withKeys("\"budget_usd\": -1") << QStringLiteral("budgetEdit")
                                         << QStringLiteral("budget_usd");
    QTest::addRow("capture_headers[2]") << withKeys("\"capture_headers\": [\"a\", \"b\", \"bad name\"]")
                                        << QStringLiteral("captureHeadersEdit") << QStringLiteral("capture_headers[2]");
}

void TestEditorGateway::invalidValuesAreMarked()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, fieldName);
    QFETCH(QString, path);
    const scenario::LoadResult loaded = scenario::parseScenario(json);
    m_editor->setScenario(loaded.scenario);
    auto *widget = m_editor->findChild<QWidget *>(fieldName);
    QVERIFY(widget);
    QVERIFY2(!m_editor->isValid(), qPrintable(path));
    QVERIFY2(m_editor->problems().contains(path + QLatin1Char(':')), qPrintable(m_editor->problems()));
    if (auto *view = qobject_cast<QTableView *>(widget))
        QVERIFY(!view->model()->index(0, 0).data(Qt::ToolTipRole).toString().isEmpty());
    else
        QVERIFY2(!fieldProblem(widget).isEmpty(), qPrintable(fieldName));
}

void TestEditorGateway::switchedOffSectionsAreNotSavedOrChecked()
{
    m_editor->setScenario(parsed(everything()));
    // A URL typed into the server_metrics section, then the section switched off: nothing of it is saved
    // or checked; switched on again, the fields are as they were.
    replaceText(field<QLineEdit>("serverMetricsUrlEdit"), QStringLiteral("ftp://x"));
    QVERIFY(!m_editor->isValid());
    QVERIFY(!fieldProblem(field<QLineEdit>("serverMetricsUrlEdit")).isEmpty());
    replaceText(field<QLineEdit>("serverMetricsIntervalEdit"), QStringLiteral("soon"));
    setCheck("serverMetricsCheck", false);
    QVERIFY(!field<QLineEdit>("serverMetricsUrlEdit")->isEnabled());
    QVERIFY2(m_editor->isValid(), qPrintable(m_editor->problems()));
    QVERIFY(!m_editor->scenario().serverMetrics);
    setCheck("serverMetricsCheck", true);
    QVERIFY(!m_editor->isValid());
    QVERIFY(m_editor->problems().contains(QStringLiteral("server_metrics.interval:")));
    QCOMPARE(m_editor->scenario().serverMetrics->url, QStringLiteral("ftp://x"));

    // direct_target equal to the gateway's base URL is marked; switching it off drops the key.
    replaceText(field<QLineEdit>("directBaseUrlEdit"), QStringLiteral("http://localhost:4000/v1"));
    QVERIFY(!fieldProblem(field<QLineEdit>("directBaseUrlEdit")).isEmpty());
    QVERIFY(m_editor->problems().contains(QStringLiteral("direct_target.base_url:")));
    setCheck("directTargetCheck", false);
    setCheck("serverMetricsCheck", false);
    QVERIFY2(m_editor->isValid(), qPrintable(m_editor->problems()));
    QVERIFY(fieldProblem(field<QLineEdit>("directBaseUrlEdit")).isEmpty());
    QVERIFY(!m_editor->scenario().directTarget);

    // A typo in a cap is reported at once; corrected, it is saved.
    replaceText(field<QLineEdit>("limitsRpmEdit"), QStringLiteral("6o0"));
    QVERIFY(!m_editor->isValid());
    QVERIFY(m_editor->problems().contains(QStringLiteral("limits.rpm:")));
    QVERIFY(!fieldProblem(field<QLineEdit>("limitsRpmEdit")).isEmpty());
    replaceText(field<QLineEdit>("limitsRpmEdit"), QStringLiteral("300"));
    QVERIFY2(m_editor->isValid(), qPrintable(m_editor->problems()));
    QCOMPARE(m_editor->scenario().limits.rpm, std::optional<double>(300));
}

void TestEditorGateway::captureHeaderStates()
{
    // Unset: "Default headers" ticked, the defaults shown read-only, the key left out.
    m_editor->setScenario(parsed(withKeys("")));
    auto *defaults = field<QCheckBox>("captureDefaultsCheck");
    auto *patterns = field<QPlainTextEdit>("captureHeadersEdit");
    QVERIFY(defaults->isChecked());
    QVERIFY(!patterns->isEnabled());
    QCOMPARE(patterns->toPlainText(), scenario::defaultCaptureHeaders().join(QLatin1Char('\n')));
    QVERIFY(!m_editor->scenario().captureHeaders);
    QVERIFY(!scenario::toJson(m_editor->scenario()).contains("capture_headers"));

    // Empty: unticked with no lines: captures nothing, saved as [].
    m_editor->setScenario(parsed(withKeys("\"capture_headers\": []")));
    QVERIFY(!defaults->isChecked());
    QVERIFY(patterns->isEnabled());
    QVERIFY(patterns->toPlainText().isEmpty());
    QCOMPARE(m_editor->scenario().captureHeaders, std::optional<QStringList>(QStringList()));
    QVERIFY(scenario::toJson(m_editor->scenario()).contains("\"capture_headers\": []"));

    // The user clears the list: none; ticks the box: the defaults again (key left out).
    m_editor->setScenario(parsed(withKeys("")));
    setCheck("captureDefaultsCheck", false);
    QVERIFY(patterns->isEnabled());
    patterns->clear();
    QCOMPARE(m_editor->scenario().captureHeaders, std::optional<QStringList>(QStringList()));
    setCheck("captureDefaultsCheck", true);
    QVERIFY(!m_editor->scenario().captureHeaders);
    QCOMPARE(patterns->toPlainText(), scenario::defaultCaptureHeaders().join(QLatin1Char('\n')));
}

void TestEditorGateway::lockFollowsSwitches()
{
    m_editor->show();
    m_editor->setScenario(parsed(withKeys("\"direct_target\": {\"base_url\": \"http://127.0.0.1:8000/v1\"}")));
    auto *headers = field<QTableView>("directHeadersView");
    new QAbstractItemModelTester(headers->model(), QAbstractItemModelTester::FailureReportingMode::QtTest, headers);
    m_editor->setLocked(true);
    QVERIFY(field<QLineEdit>("limitsRpmEdit")->isReadOnly());
    QVERIFY(!field<QCheckBox>("serverMetricsCheck")->isEnabled());
    QVERIFY(!field<QCheckBox>("directTargetCheck")->isEnabled());
    QVERIFY(!field<QPushButton>("addDirectHeaderButton")->isEnabled());
    m_editor->setLocked(false);
    QVERIFY(!field<QLineEdit>("limitsRpmEdit")->isReadOnly());
    QVERIFY(field<QCheckBox>("serverMetricsCheck")->isEnabled());
    // The fields come back as their switches say: server_metrics off, direct_target on.
    QVERIFY(!field<QComboBox>("serverMetricsFormatCombo")->isEnabled());
    QVERIFY(!field<QLineEdit>("serverMetricsUrlEdit")->isEnabled());
    QVERIFY(field<QLineEdit>("directBaseUrlEdit")->isEnabled());
    QVERIFY(field<QPushButton>("addDirectHeaderButton")->isEnabled());
    QVERIFY(!field<QPushButton>("removeDirectHeaderButton")->isEnabled()); // nothing selected
    field<QPushButton>("addDirectHeaderButton")->click();
    QVERIFY(!m_editor->isValid()); // a row without a name
    QVERIFY(m_editor->problems().contains(QStringLiteral("direct_target.headers (row 1)")));
}

QTEST_MAIN(TestEditorGateway)
#include "tst_editorgateway.moc"
