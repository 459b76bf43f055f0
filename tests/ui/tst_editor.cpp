// The scenario editor driven as a user would: find fields by objectName, type, click, edit cells
// through the views; check what the user sees (field marks, reasons, visible fields) and what the
// editor reports (scenario(), isValid(), problems(), validityChanged).

#include "ui/editor/loadpage.h"
#include "ui/editor/modeltablemodel.h"
#include "ui/editor/planpreview.h"
#include "ui/editor/promptspage.h"
#include "ui/editor/scenarioeditor.h"
#include "ui/editor/stagetablemodel.h"
#include "ui/editor/thresholdtablemodel.h"
#include "ui/secrets/keystore.h"

#include "engine/costestimate.h"
#include "scenario/builtinscenarios.h"
#include "scenario/scenarioio.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include "tst_editorsupport.h"

#include <memory>

using namespace stampede;
using namespace stampede::ui;
using editor::ModelTableModel;
using editor::StageTableModel;

using namespace stampede::test;

namespace {

scenario::Scenario parsed(const char *json)
{
    const scenario::LoadResult result = scenario::parseScenario(QByteArray(json));
    if (!result.ok())
        qWarning("test scenario does not parse: %s", qPrintable(result.errors.first().toString()));
    return result.scenario;
}

// Plain literals, not raw strings: moc (6.4) stops reading the file at a raw string literal.
const char *const kEverything
    = "{\n"
      "  \"version\": 1,\n"
      "  \"name\": \"Every field — 全部\",\n"
      "  \"target\": {\"base_url\": \"http://localhost:4000/v1\", \"api_key_env\": \"LITELLM_KEY\", \"timeout\": "
      "\"1m30s\",\n"
      "             \"connect_timeout\": \"2.5s\", \"headers\": {\"X-Team\": \"perf\", \"X-Trace\": \"on\"}, "
      "\"http2\": \"h2c\",\n"
      "             \"transport\": \"qt\"},\n"
      "  \"models\": [\n"
      "    {\"model\": \"m-a\", \"weight\": 0.333333333333, \"max_tokens\": 64, \"temperature\": 0.15, \"stream\": "
      "false,\n"
      "     \"enabled\": true, \"price\": {\"input_per_mtok\": 0.123456, \"output_per_mtok\": 7}},\n"
      "    {\"model\": \"m-b\", \"weight\": 2, \"max_tokens\": 4096, \"temperature\": 1.9, \"stream\": true, "
      "\"enabled\": false,\n"
      "     \"price\": {\"input_per_mtok\": 0, \"output_per_mtok\": 0}}\n"
      "  ],\n"
      "  \"prompts\": {\"system\": \"\", \"user\": [\"line one\\nline two\", \"  spaced  \"]},\n"
      "  \"load\": {\"executor\": \"ramping-arrival-rate\", \"start_rate\": 0.5, \"time_unit\": \"1m\",\n"
      "           \"stages\": [{\"duration\": \"90s\", \"target\": 12.5}, {\"duration\": \"0s\", \"target\": 3}],\n"
      "           \"max_in_flight\": 77, \"arrival\": \"poisson\", \"graceful_stop\": \"0s\"},\n"
      "  \"retry\": {\"max_retries\": 0, \"base_delay\": \"250ms\", \"max_delay\": \"2s\", \"on_status\": [500, 429, "
      "502],\n"
      "            \"honor_retry_after\": false},\n"
      "  \"thresholds\": {\"ttft{model:m-a}\": [{\"threshold\": \"p(90)<800\", \"abortOnFail\": true, "
      "\"delayAbortEval\": \"10s\"}],\n"
      "                 \"http_req_failed\": [\"rate<0.1\"], \"checks\": [\"rate>0.9\"]},\n"
      "  \"checks\": [\"under_2s\", \"has_content\", \"under_500ms\", \"status_200\"],\n"
      "  \"preflight\": false\n"
      "}";

const char *const kConstantVus = "{\n"
                                 "  \"models\": [{\"model\": \"a\"}],\n"
                                 "  \"prompts\": {\"user\": [\"hi\"]},\n"
                                 "  \"load\": {\"executor\": \"constant-vus\", \"vus\": 7, \"duration\": \"45s\", "
                                 "\"think_time\": {\"min\": \"100ms\", \"max\": \"1.5s\"},\n"
                                 "           \"graceful_stop\": \"5s\"},\n"
                                 "  \"seed\": 18446744073709551615\n"
                                 "}";

/// The editor has no SLO field: what the file declares must come back as it was.
const char *const kSlo = R"({"models": [{"model": "a"}, {"model": "b", "slo": {"ttft": "<250ms"}}],
  "prompts": {"user": ["hi"]}, "load": {"executor": "constant-vus", "vus": 1, "duration": "10s"},
  "slo": {"http_req_duration": "<2s", "ttft": "<500ms", "tpot": "<50ms"},
  "thresholds": {"slo_attainment": ["rate>0.95"], "goodput{model:b}": ["rate>1"]}})";

} // namespace

class TestEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void roundTrip_data();
    void roundTrip();
    void setScenarioDoesNotEmitChanged();
    void weightsUpdateShares();
    void invalidStageDurationIsFlagged();
    void durationFieldFlaggedImmediately();
    void addModelAsUser();
    void executorShowsOnlyItsFields();
    void previewFollowsStages();
    void thresholdReasonShownWhileTyping();
    void checksAndRetryFields();
    void importPrompts();
    void conversationFields();
    void toolFields();
    void promptSourceFields();
    void lockMakesReadOnly();
    void editorModelsPassTester();
    void costEstimateLine();

private:
    std::unique_ptr<MemoryKeyStore> m_keys;
    std::unique_ptr<ScenarioEditor> m_editor;
};

void TestEditor::init()
{
    m_keys = std::make_unique<MemoryKeyStore>();
    m_editor = std::make_unique<ScenarioEditor>(m_keys.get());
    m_editor->resize(1000, 720);
}

void TestEditor::cleanup()
{
    m_editor.reset();
    m_keys.reset();
}

void TestEditor::roundTrip_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addRow("default") << scenario::toJson(scenario::defaultScenario());
    QTest::addRow("quick") << scenario::toJson(scenario::loadBuiltinScenario(QStringLiteral("quick")).scenario);
    QTest::addRow("every field") << scenario::toJson(parsed(kEverything));
    QTest::addRow("constant-vus, seed") << scenario::toJson(parsed(kConstantVus));
    QTest::addRow("slo") << scenario::toJson(parsed(kSlo));
    scenario::Scenario capped = parsed(kSlo); // no field edits limits or budget_usd: they are kept
    capped.limits.rpm = 600;
    capped.models[0].limits.tpm = 9000;
    capped.budgetUsd = 2;
    QTest::addRow("limits, budget") << scenario::toJson(capped);
    scenario::Scenario talk = parsed(kSlo);
    talk.conversation = scenario::Conversation { 5, 32000 };
    QTest::addRow("conversation") << scenario::toJson(talk);
    talk.conversation = scenario::Conversation { 2, std::nullopt };
    QTest::addRow("conversation without budget") << scenario::toJson(talk);
    talk.prompts.sharedPrefix = scenario::SharedPrefix { 3, 1500, 0.333, 9 };
    QTest::addRow("shared prefix") << scenario::toJson(talk);
}

void TestEditor::roundTrip()
{
    QFETCH(QByteArray, json);
    const scenario::LoadResult loaded = scenario::parseScenario(json);
    QVERIFY2(loaded.ok(), qPrintable(loaded.errors.value(0).toString()));
    m_editor->setScenario(loaded.scenario);
    QVERIFY2(m_editor->isValid(), qPrintable(m_editor->problems()));
    QCOMPARE(QString::fromUtf8(scenario::toJson(m_editor->scenario())), QString::fromUtf8(json));
}

void TestEditor::setScenarioDoesNotEmitChanged()
{
    QSignalSpy changed(m_editor.get(), &ScenarioEditor::changed);
    m_editor->setScenario(parsed(kEverything));
    m_editor->setScenario(scenario::defaultScenario());
    QCOMPARE(changed.size(), 0);
    auto *name = find<QLineEdit>(m_editor.get(), "nameEdit");
    QVERIFY(name);
    replaceText(name, QStringLiteral("Renamed"));
    QVERIFY(changed.size() > 0);
    QCOMPARE(m_editor->scenario().name, QStringLiteral("Renamed"));
}

void TestEditor::weightsUpdateShares()
{
    m_editor->show();
    auto *view = find<QTableView>(m_editor.get(), "modelsView");
    QVERIFY(view);
    QAbstractItemModel *model = view->model();
    // Default mix: 30 / 20 / 30 / 20.
    QCOMPARE(model->data(model->index(0, ModelTableModel::Share)).toString(), QStringLiteral("30.0 %"));
    QVERIFY(model->setData(model->index(0, ModelTableModel::Weight), 80.0));
    QCOMPARE(model->data(model->index(0, ModelTableModel::Share)).toString(), QStringLiteral("53.3 %"));
    QCOMPARE(model->data(model->index(1, ModelTableModel::Share)).toString(), QStringLiteral("13.3 %"));
    QCOMPARE(m_editor->scenario().models.at(0).weight, 80.0);

    // Through the cell editor, as typed.
    QVERIFY(typeIntoCell(view, model->index(1, ModelTableModel::Weight), QStringLiteral("70")));
    QCOMPARE(m_editor->scenario().models.at(1).weight, 70.0);
    QCOMPARE(model->data(model->index(1, ModelTableModel::Share)).toString(), QStringLiteral("35.0 %"));
    // Disabling a model gives its share to the others.
    QVERIFY(model->setData(model->index(0, ModelTableModel::Enabled), Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(model->data(model->index(0, ModelTableModel::Share)).toString(), QStringLiteral("off"));
    QCOMPARE(model->data(model->index(1, ModelTableModel::Share)).toString(), QStringLiteral("58.3 %"));
}

void TestEditor::invalidStageDurationIsFlagged()
{
    m_editor->show();
    QVERIFY(m_editor->isValid());
    QSignalSpy validity(m_editor.get(), &ScenarioEditor::validityChanged);
    auto *view = find<QTableView>(m_editor.get(), "stagesView");
    QVERIFY(view);
    QVERIFY(typeIntoCell(view, view->model()->index(0, StageTableModel::Duration), QStringLiteral("30x")));

    QVERIFY(!m_editor->isValid());
    QCOMPARE(validity.size(), 1);
    QCOMPARE(validity.at(0).at(0).toBool(), false);
    const QString problems = validity.at(0).at(1).toString();
    QVERIFY2(
        problems.contains(QStringLiteral("load.stages[0].duration: \"30x\" is not a duration")), qPrintable(problems));
    QCOMPARE(m_editor->problems(), problems);
    // Marked at the field: the table (red border) and the cell (red, reason as tooltip).
    QVERIFY(view->property("invalid").toBool());
    const QModelIndex cell = view->model()->index(0, StageTableModel::Duration);
    QVERIFY(view->model()->data(cell, Qt::BackgroundRole).isValid());
    QVERIFY(view->model()->data(cell, Qt::ToolTipRole).toString().contains(QStringLiteral("is not a duration")));
    auto *label = find<QLabel>(m_editor.get(), "problemsLabel");
    QVERIFY(label->isVisible());
    QVERIFY(label->text().contains(QStringLiteral("load.stages[0].duration")));

    // A constant executor has no stages: their text does not count while they are hidden.
    auto *executor = find<QComboBox>(m_editor.get(), "executorCombo");
    executor->setCurrentIndex(executor->findText(QStringLiteral("constant-vus")));
    QVERIFY2(m_editor->isValid(), qPrintable(m_editor->problems()));
    executor->setCurrentIndex(executor->findText(QStringLiteral("ramping-vus")));
    QVERIFY(!m_editor->isValid());
    validity.clear();

    QVERIFY(typeIntoCell(view, cell, QStringLiteral("45s")));
    QVERIFY(m_editor->isValid());
    QCOMPARE(validity.size(), 1);
    QCOMPARE(validity.at(0).at(0).toBool(), true);
    QVERIFY(!view->property("invalid").toBool());
    QVERIFY(!label->isVisible());
    QCOMPARE(m_editor->scenario().load.stages.at(0).durationMs, 45000);
}

void TestEditor::durationFieldFlaggedImmediately()
{
    m_editor->show();
    auto *timeout = find<QLineEdit>(m_editor.get(), "timeoutEdit");
    QVERIFY(timeout);
    QSignalSpy validity(m_editor.get(), &ScenarioEditor::validityChanged);
    replaceText(timeout, QStringLiteral("10")); // no unit yet: flagged before the user leaves the field
    QVERIFY(!m_editor->isValid());
    QVERIFY(timeout->property("invalid").toBool());
    QVERIFY2(timeout->toolTip().startsWith(QStringLiteral("target.timeout: \"10\" is not a duration")),
        qPrintable(timeout->toolTip()));
    QTest::keyClicks(timeout, QStringLiteral("s"));
    QVERIFY2(m_editor->isValid(), qPrintable(m_editor->problems()));
    QVERIFY(!timeout->property("invalid").toBool());
    QCOMPARE(m_editor->scenario().target.timeoutMs, 10000);
    QCOMPARE(validity.last().at(0).toBool(), true); // emitted whenever validity or the problems' text change
    QTest::keyClick(timeout, Qt::Key_Backspace);
    QTest::keyClicks(timeout, QStringLiteral("ms")); // "10ms": parses, but shorter than connect_timeout
    QVERIFY(m_editor->problems().contains(QStringLiteral("target.connect_timeout: must not exceed target.timeout")));
    QVERIFY(find<QLineEdit>(m_editor.get(), "connectTimeoutEdit")->property("invalid").toBool());
}

void TestEditor::addModelAsUser()
{
    m_editor->show();
    auto *view = find<QTableView>(m_editor.get(), "modelsView");
    auto *add = find<QPushButton>(m_editor.get(), "addModelButton");
    QVERIFY(view && add);
    const int before = view->model()->rowCount();
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(view->model()->rowCount(), before + 1);
    QVERIFY(!m_editor->isValid()); // the new row has no name yet
    QVERIFY(m_editor->problems().contains(QStringLiteral("models[4].model")));
    const QModelIndex name = view->model()->index(before, ModelTableModel::Model);
    auto *editor = qobject_cast<QLineEdit *>(view->indexWidget(name)); // Add opens the name for typing
    QVERIFY(editor);
    QTest::keyClicks(editor, QStringLiteral("my-model"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_VERIFY(!view->indexWidget(name));
    QVERIFY2(m_editor->isValid(), qPrintable(m_editor->problems()));
    QCOMPARE(m_editor->scenario().models.last().model, QStringLiteral("my-model"));

    // Duplicate gives a renamed copy; Remove takes the selected row away.
    view->setCurrentIndex(view->model()->index(0, ModelTableModel::Model));
    QTest::mouseClick(find<QPushButton>(m_editor.get(), "duplicateModelButton"), Qt::LeftButton);
    QCOMPARE(m_editor->scenario().models.at(1).model, QStringLiteral("gpt-4.1-copy"));
    QTest::mouseClick(find<QPushButton>(m_editor.get(), "removeModelButton"), Qt::LeftButton);
    QCOMPARE(view->model()->rowCount(), before + 1);
}

void TestEditor::executorShowsOnlyItsFields()
{
    m_editor->show();
    reveal(find<QWidget>(m_editor.get(), "loadPage"));
    auto *combo = find<QComboBox>(m_editor.get(), "executorCombo");
    QVERIFY(combo);
    const QStringList all = { QStringLiteral("vusSpin"), QStringLiteral("startVusSpin"), QStringLiteral("rateEdit"),
        QStringLiteral("startRateEdit"), QStringLiteral("timeUnitEdit"), QStringLiteral("durationEdit"),
        QStringLiteral("stagesView"), QStringLiteral("maxInFlightSpin"), QStringLiteral("arrivalCombo"),
        QStringLiteral("thinkMinEdit"), QStringLiteral("thinkMaxEdit"), QStringLiteral("gracefulStopEdit") };
    const QList<std::pair<QString, QStringList>> expected = {
        { QStringLiteral("constant-vus"),
            { QStringLiteral("vusSpin"), QStringLiteral("durationEdit"), QStringLiteral("thinkMinEdit"),
                QStringLiteral("thinkMaxEdit"), QStringLiteral("gracefulStopEdit") } },
        { QStringLiteral("ramping-vus"),
            { QStringLiteral("startVusSpin"), QStringLiteral("stagesView"), QStringLiteral("thinkMinEdit"),
                QStringLiteral("thinkMaxEdit"), QStringLiteral("gracefulStopEdit") } },
        { QStringLiteral("constant-arrival-rate"),
            { QStringLiteral("rateEdit"), QStringLiteral("timeUnitEdit"), QStringLiteral("durationEdit"),
                QStringLiteral("maxInFlightSpin"), QStringLiteral("arrivalCombo"),
                QStringLiteral("gracefulStopEdit") } },
        { QStringLiteral("ramping-arrival-rate"),
            { QStringLiteral("startRateEdit"), QStringLiteral("timeUnitEdit"), QStringLiteral("stagesView"),
                QStringLiteral("maxInFlightSpin"), QStringLiteral("arrivalCombo"),
                QStringLiteral("gracefulStopEdit") } },
    };
    for (const auto &[executor, visible] : expected) {
        combo->setCurrentIndex(combo->findText(executor));
        QVERIFY(m_editor->scenario().load.executor == scenario::executorFromString(executor).value());
        for (const QString &name : all) {
            auto *field = m_editor->findChild<QWidget *>(name);
            QVERIFY2(field, qPrintable(name));
            QVERIFY2(field->isVisible() == visible.contains(name), qPrintable(executor + QStringLiteral(": ") + name));
        }
        QVERIFY2(m_editor->isValid(), qPrintable(executor + QStringLiteral(": ") + m_editor->problems()));
    }
    // The open model's summary speaks in requests per second.
    QVERIFY(find<QLabel>(m_editor.get(), "planSummary")->text().contains(QStringLiteral("requests/s")));
}

void TestEditor::previewFollowsStages()
{
    m_editor->show();
    auto *preview = find<editor::PlanPreview>(m_editor.get(), "planChart");
    auto *summary = find<QLabel>(m_editor.get(), "planSummary");
    QVERIFY(preview && summary);
    // Default: 0 -> 20 (30s) -> 50 (30s) -> 50 (2m) -> 0 (30s).
    QCOMPARE(preview->points().size(), 5);
    QCOMPARE(preview->points().last(), QPointF(210, 0));
    QVERIFY2(summary->text().startsWith(QStringLiteral("3m30s planned")), qPrintable(summary->text()));
    QVERIFY(summary->text().contains(QStringLiteral("peak 50 VUs")));
    auto *view = find<QTableView>(m_editor.get(), "stagesView");
    QVERIFY(typeIntoCell(view, view->model()->index(2, StageTableModel::Duration), QStringLiteral("5m")));
    QCOMPARE(preview->points().last(), QPointF(390, 0));
    QVERIFY(summary->text().startsWith(QStringLiteral("6m30s planned")));
    QVERIFY(typeIntoCell(view, view->model()->index(1, StageTableModel::Target), QStringLiteral("80")));
    QVERIFY(summary->text().contains(QStringLiteral("peak 80 VUs")));
    QTest::mouseClick(find<QPushButton>(m_editor.get(), "addStageButton"), Qt::LeftButton);
    QCOMPARE(preview->points().size(), 6);
    // A duration that does not parse: the preview keeps the last valid plan and says so; the
    // problem names the table row as the table counts it (from 1), beside the file's path.
    QVERIFY(typeIntoCell(view, view->model()->index(2, StageTableModel::Duration), QStringLiteral("soon")));
    QVERIFY2(summary->text().startsWith(QStringLiteral("Not the plan as typed: fix load.stages[2]")),
        qPrintable(summary->text()));
    const QString problems = find<QLabel>(m_editor.get(), "problemsLabel")->text();
    QVERIFY2(problems.contains(QStringLiteral("load.stages[2].duration (row 3)")), qPrintable(problems));
    QVERIFY(typeIntoCell(view, view->model()->index(2, StageTableModel::Duration), QStringLiteral("1m")));
    QVERIFY2(!summary->text().startsWith(QStringLiteral("Not the plan")), qPrintable(summary->text()));
}

void TestEditor::thresholdReasonShownWhileTyping()
{
    m_editor->show();
    auto *view = find<QTableView>(m_editor.get(), "thresholdsView");
    QVERIFY(view);
    const QModelIndex expression = view->model()->index(0, editor::ThresholdTableModel::Expression);
    const QModelIndex status = view->model()->index(0, editor::ThresholdTableModel::Status);
    QCOMPARE(view->model()->data(status).toString(), QStringLiteral("ok"));
    QLineEdit *line = typeIntoCell(view, expression, QStringLiteral("p(95)<<2000"), false);
    QVERIFY(line);
    // Not committed with Enter: checked as typed, the reason shown in the row.
    QVERIFY(!m_editor->isValid());
    const QString reason = view->model()->data(status).toString();
    QVERIFY2(!reason.isEmpty() && reason != QStringLiteral("ok"), qPrintable(reason));
    QVERIFY(m_editor->problems().contains(QStringLiteral("thresholds.http_req_duration[0]: ") + reason));
    QVERIFY(view->property("invalid").toBool());
    QCOMPARE(line->text(), QStringLiteral("p(95)<<2000")); // the editor kept the text and the cursor
    QTest::keyClick(line, Qt::Key_Backspace);
    QTest::keyClick(line, Qt::Key_Backspace);
    QTest::keyClick(line, Qt::Key_Backspace);
    QTest::keyClick(line, Qt::Key_Backspace);
    QTest::keyClick(line, Qt::Key_Backspace);
    QTest::keyClicks(line, QStringLiteral("1500"));
    QCOMPARE(view->model()->data(status).toString(), QStringLiteral("ok"));
    QTest::keyClick(line, Qt::Key_Return);
    QTRY_VERIFY(!view->indexWidget(expression));
    QVERIFY(m_editor->isValid());
    QCOMPARE(m_editor->scenario().thresholds.at(0).rules.at(0).expression, QStringLiteral("p(95)<1500"));

    // An unknown model in the key names the scenario's models.
    const QModelIndex metric = view->model()->index(0, editor::ThresholdTableModel::Metric);
    QVERIFY(typeIntoCell(view, metric, QStringLiteral("ttft{model:nope}")));
    QVERIFY(view->model()->data(status).toString().contains(QStringLiteral("unknown model")));
    QVERIFY(!m_editor->isValid());
}

void TestEditor::checksAndRetryFields()
{
    m_editor->show();
    auto *content = find<QCheckBox>(m_editor.get(), "checkHasContent");
    auto *under = find<QLineEdit>(m_editor.get(), "underEdit");
    QVERIFY(content && under);
    content->click();
    replaceText(under, QStringLiteral("3s, 10s"));
    QCOMPARE(m_editor->scenario().checks,
        (QStringList { QStringLiteral("status_200"), QStringLiteral("has_choices"), QStringLiteral("has_usage"),
            QStringLiteral("has_content"), QStringLiteral("under_3s"), QStringLiteral("under_10s") }));
    replaceText(under, QStringLiteral("3 s"));
    QVERIFY(!m_editor->isValid());
    QVERIFY(under->property("invalid").toBool());
    find<QCheckBox>(m_editor.get(), "checkUnder")->click(); // untick: no under_ check, nothing to fix
    QVERIFY2(m_editor->isValid(), qPrintable(m_editor->problems()));

    auto *transport = find<QComboBox>(m_editor.get(), "transportCombo");
    QVERIFY(transport);
    QCOMPARE(scenario::toString(m_editor->scenario().target.transport), QStringLiteral("auto"));
    QVERIFY(!transport->itemData(0, Qt::DisplayRole).toString().isEmpty());
    transport->setCurrentIndex(transport->findData(int(scenario::TransportKind::Qt)));
    QCOMPARE(scenario::toString(m_editor->scenario().target.transport), QStringLiteral("qt"));
    transport->setCurrentIndex(transport->findData(int(scenario::TransportKind::Curl)));
    QCOMPARE(scenario::toString(m_editor->scenario().target.transport), QStringLiteral("curl"));

    // TLS, proxy, redirects, limits: a red warning while verification is off; PEM files checked.
    auto *insecure = find<QCheckBox>(m_editor.get(), "insecureCheck");
    auto *warning = find<QLabel>(m_editor.get(), "insecureWarning");
    QVERIFY(insecure && warning);
    QVERIFY(warning->isHidden());
    insecure->click();
    QVERIFY(m_editor->scenario().target.tls.insecure);
    QVERIFY(!warning->isHidden());
    insecure->click();
    QVERIFY(warning->isHidden());
    auto *caFile = find<QLineEdit>(m_editor.get(), "caFileEdit");
    QVERIFY(caFile && find<QPushButton>(m_editor.get(), "caFileEditBrowse"));
    replaceText(caFile, QStringLiteral("/nonexistent/ca.pem"));
    QVERIFY(m_editor->problems().contains(QStringLiteral("target.tls.ca_file")));
    QVERIFY(caFile->property("invalid").toBool());
    replaceText(caFile, QString());
    auto *proxy = find<QLineEdit>(m_editor.get(), "proxyEdit");
    replaceText(proxy, QStringLiteral("socks5://127.0.0.1:1080"));
    QCOMPARE(m_editor->scenario().target.proxy, QStringLiteral("socks5://127.0.0.1:1080"));
    replaceText(proxy, QString());
    find<QCheckBox>(m_editor.get(), "followRedirectsCheck")->click();
    QVERIFY(m_editor->scenario().target.followRedirects);
    find<QCheckBox>(m_editor.get(), "followRedirectsCheck")->click();
    QCOMPARE(find<QSpinBox>(m_editor.get(), "maxResponseBytesSpin")->value(), 16 * 1024 * 1024);
    QVERIFY2(m_editor->isValid(), qPrintable(m_editor->problems()));

    auto *onStatus = find<QLineEdit>(m_editor.get(), "onStatusEdit");
    replaceText(onStatus, QStringLiteral("429, 503, 504"));
    QCOMPARE(m_editor->scenario().retry.onStatus, (QList<int> { 429, 503, 504 }));
    replaceText(onStatus, QStringLiteral("429, 99"));
    QVERIFY(m_editor->problems().contains(QStringLiteral("retry.on_status[1]")));
    QVERIFY(onStatus->property("invalid").toBool());
    replaceText(onStatus, QStringLiteral("429"));
    auto *maxDelay = find<QLineEdit>(m_editor.get(), "maxDelayEdit");
    replaceText(maxDelay, QStringLiteral("500ms")); // below base_delay (1s)
    QVERIFY(m_editor->problems().contains(QStringLiteral("retry.max_delay: must be at least retry.base_delay")));
    QVERIFY(maxDelay->property("invalid").toBool());
    replaceText(maxDelay, QStringLiteral("20s"));
    QVERIFY(m_editor->isValid());

    auto *seed = find<QCheckBox>(m_editor.get(), "seedCheck");
    seed->click(); // default has seed 42: untick
    QVERIFY(!m_editor->scenario().seed.has_value());
    seed->click();
    QCOMPARE(m_editor->scenario().seed.value(), 42u);
    find<QCheckBox>(m_editor.get(), "preflightCheck")->click();
    QVERIFY(!m_editor->scenario().preflight);
}

void TestEditor::importPrompts()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile text(dir.filePath(QStringLiteral("prompts.txt")));
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.write("What is HTTP/2?\n\nExplain SSE.\n");
    text.close();
    QFile jsonl(dir.filePath(QStringLiteral("prompts.jsonl")));
    QVERIFY(jsonl.open(QIODevice::WriteOnly));
    jsonl.write(
        "{\"prompt\": \"From JSONL\"}\n{broken\n{\"messages\": [{\"role\": \"user\", \"content\": \"Last user\"}]}\n");
    jsonl.close();

    auto *page = find<editor::PromptsPage>(m_editor.get(), "promptsPage");
    QVERIFY(page);
    QSignalSpy changed(m_editor.get(), &ScenarioEditor::changed);
    const int before = int(m_editor->scenario().prompts.user.size());
    QCOMPARE(page->importFile(text.fileName()), 2);
    QCOMPARE(page->importFile(jsonl.fileName()), 2);
    const QStringList prompts = m_editor->scenario().prompts.user;
    QCOMPARE(prompts.size(), before + 4);
    QCOMPARE(prompts.mid(before),
        (QStringList { QStringLiteral("What is HTTP/2?"), QStringLiteral("Explain SSE."), QStringLiteral("From JSONL"),
            QStringLiteral("Last user") }));
    QVERIFY(changed.size() >= 2);
    const QString status = find<QLabel>(m_editor.get(), "importStatus")->text();
    QVERIFY2(status.contains(QStringLiteral("Imported 2 prompts from prompts.jsonl")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("line 2: not JSON")), qPrintable(status));

    // Clearing leaves no prompt: flagged at the list.
    QTest::mouseClick(find<QPushButton>(m_editor.get(), "clearPromptsButton"), Qt::LeftButton);
    QVERIFY(m_editor->problems().contains(QStringLiteral("prompts.user: add at least one user prompt")));
    QVERIFY(find<QListWidget>(m_editor.get(), "userPromptList")->property("invalid").toBool());
    // ...and Undo puts every one back, in order.
    auto *undo = find<QPushButton>(m_editor.get(), "undoClearPromptsButton");
    QVERIFY(!undo->isHidden());
    QVERIFY2(find<QLabel>(m_editor.get(), "importStatus")
                 ->text()
                 .contains(QStringLiteral("Cleared %1 prompts").arg(prompts.size())),
        qPrintable(find<QLabel>(m_editor.get(), "importStatus")->text()));
    QTest::mouseClick(undo, Qt::LeftButton);
    QCOMPARE(m_editor->scenario().prompts.user, prompts);
    QVERIFY(undo->isHidden());
    QVERIFY(!m_editor->problems().contains(QStringLiteral("prompts.user")));
}

void TestEditor::conversationFields()
{
    // Turns and the context budget (issue 16): 1 turn is no conversation; the budget needs turns.
    m_editor->setScenario(parsed(kSlo));
    auto *turns = find<QSpinBox>(m_editor.get(), "conversationTurnsSpin");
    auto *budget = find<QSpinBox>(m_editor.get(), "contextBudgetSpin");
    QVERIFY(turns && budget);
    QCOMPARE(turns->value(), 1);
    QVERIFY(!budget->isEnabled());
    QVERIFY(!m_editor->scenario().conversation);
    QSignalSpy changed(m_editor.get(), &ScenarioEditor::changed);
    turns->setValue(6);
    QVERIFY(changed.size() > 0);
    QVERIFY(budget->isEnabled());
    budget->setValue(16000);
    QCOMPARE(m_editor->scenario().conversation, (scenario::Conversation { 6, 16000 }));
    budget->setValue(0);
    QCOMPARE(m_editor->scenario().conversation, (scenario::Conversation { 6, std::nullopt }));
    turns->setValue(1);
    QVERIFY(!m_editor->scenario().conversation);
    // A loaded scenario sets them; an invalid file value is marked on the field.
    scenario::Scenario talk = parsed(kSlo);
    talk.conversation = scenario::Conversation { 9, 4000 };
    m_editor->setScenario(talk);
    QCOMPARE(turns->value(), 9);
    QCOMPARE(budget->value(), 4000);
    QVERIFY(m_editor->isValid());
}

void TestEditor::toolFields()
{
    // Tools (issue 16): Off by default; turning them on starts from an example function, shown; the
    // functions' JSON applies when valid (the file's own reader judges it), and a bad edit says why.
    m_editor->setScenario(parsed(kSlo));
    auto *choice = find<QComboBox>(m_editor.get(), "toolChoiceCombo");
    auto *edit = find<QPlainTextEdit>(m_editor.get(), "toolFunctionsEdit");
    auto *button = find<QPushButton>(m_editor.get(), "editToolsButton");
    auto *summary = find<QLabel>(m_editor.get(), "toolSummaryLabel");
    auto *status = find<QLabel>(m_editor.get(), "toolFunctionsStatus");
    QVERIFY(choice && edit && button && summary && status);
    QVERIFY(!m_editor->scenario().tools);
    QCOMPARE(summary->text(), QStringLiteral("No tools declared"));
    QVERIFY(!button->isEnabled());

    choice->setCurrentIndex(choice->findData(QStringLiteral("required")));
    std::optional<scenario::Tools> tools = m_editor->scenario().tools;
    QVERIFY(tools);
    QCOMPARE(tools->choice, QStringLiteral("required"));
    QCOMPARE(tools->functions.size(), 1);
    QCOMPARE(tools->functions[0].name, QStringLiteral("get_weather"));
    QVERIFY(button->isChecked() && edit->toPlainText().contains(QLatin1String("\"city\"")));
    QVERIFY(m_editor->isValid());

    edit->setPlainText(QStringLiteral(R"([{"name": "get_time", "parameters": {"type": "object"}},
        {"name": "lookup", "description": "Find a record"}])"));
    tools = m_editor->scenario().tools;
    QCOMPARE(tools->functions.size(), 2);
    QCOMPARE(tools->functions[1].description, QStringLiteral("Find a record"));
    QCOMPARE(summary->text(), QStringLiteral("2 functions declared: get_time, lookup"));
    QVERIFY(choice->findData(QStringLiteral("lookup")) > 0); // "call lookup" forces that one
    choice->setCurrentIndex(choice->findData(QStringLiteral("lookup")));
    QCOMPARE(m_editor->scenario().tools->choice, QStringLiteral("lookup"));

    edit->setPlainText(QStringLiteral(R"([{"name": "has space"}])"));
    QVERIFY(!status->isHidden());
    QVERIFY2(status->text().contains(QLatin1String("tools.functions[0].name")), qPrintable(status->text()));
    QCOMPARE(m_editor->scenario().tools->functions.size(), 2); // the last valid ones stay
    edit->setPlainText(QStringLiteral("[{"));
    QVERIFY(!status->isHidden());

    // The file's tools load into the fields; Off removes them.
    scenario::Scenario withTools = parsed(kSlo);
    withTools.tools = scenario::Tools { { { QStringLiteral("f"), {}, {} } }, QStringLiteral("f") };
    m_editor->setScenario(withTools);
    QCOMPARE(choice->currentData().toString(), QStringLiteral("f"));
    QVERIFY(status->isHidden());
    QCOMPARE(m_editor->scenario().tools, withTools.tools);
    choice->setCurrentIndex(0);
    QVERIFY(!m_editor->scenario().tools);

    // Where the prompts come from, in words: synthetic ones with their length distribution.
    scenario::Scenario synthetic = parsed(kSlo);
    synthetic.prompts.synthetic = scenario::SyntheticPrompts {};
    synthetic.prompts.synthetic->inputTokens.kind = scenario::TokenDistribution::Kind::Uniform;
    synthetic.prompts.synthetic->inputTokens.min = 50;
    synthetic.prompts.synthetic->inputTokens.max = 3000;
    m_editor->setScenario(synthetic);
    auto *source = find<QLabel>(m_editor.get(), "promptSourceLabel");
    QVERIFY(source);
    QVERIFY2(source->text().contains(QStringLiteral("uniform 50\u20133,000 tokens")), qPrintable(source->text()));
}

void TestEditor::promptSourceFields()
{
    // The prompt source (issue 16): the pool by default; a dataset with its path, order and hash; or
    // synthetic prompts of a length distribution. Each writes its key and clears the others.
    m_editor->setScenario(parsed(kSlo));
    auto *source = find<QComboBox>(m_editor.get(), "promptSourceCombo");
    auto *path = find<QLineEdit>(m_editor.get(), "datasetPathEdit");
    auto *order = find<QComboBox>(m_editor.get(), "datasetOrderCombo");
    auto *sha = find<QLineEdit>(m_editor.get(), "datasetShaEdit");
    auto *hash = find<QPushButton>(m_editor.get(), "datasetHashButton");
    auto *count = find<QSpinBox>(m_editor.get(), "syntheticCountSpin");
    auto *kind = find<QComboBox>(m_editor.get(), "syntheticKindCombo");
    auto *a = find<QSpinBox>(m_editor.get(), "syntheticASpin");
    auto *b = find<QSpinBox>(m_editor.get(), "syntheticBSpin");
    QVERIFY(source && path && order && sha && hash && count && kind && a && b);
    QCOMPARE(source->currentIndex(), 0);
    QVERIFY(!m_editor->scenario().prompts.dataset && !m_editor->scenario().prompts.synthetic);

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("prompts.jsonl"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write("{\"prompt\": \"hello\"}\n");
    out.close();
    source->setCurrentIndex(1);
    path->setText(file);
    Q_EMIT path->textEdited(file);
    order->setCurrentIndex(1);
    hash->click();
    // sha256 of the line above, as sha256sum prints it
    QCOMPARE(sha->text(),
        QString::fromLatin1(QCryptographicHash::hash("{\"prompt\": \"hello\"}\n", QCryptographicHash::Sha256).toHex()));
    std::optional<scenario::PromptDataset> dataset = m_editor->scenario().prompts.dataset;
    QVERIFY(dataset);
    QCOMPARE(dataset->path, file);
    QCOMPARE(dataset->sha256, sha->text());
    QVERIFY(dataset->random);
    QVERIFY(!m_editor->scenario().prompts.synthetic);

    source->setCurrentIndex(2);
    count->setValue(40);
    kind->setCurrentIndex(1); // uniform
    QVERIFY(!b->isHidden());
    a->setValue(50);
    b->setValue(3000);
    std::optional<scenario::SyntheticPrompts> synthetic = m_editor->scenario().prompts.synthetic;
    QVERIFY(synthetic);
    QVERIFY(!m_editor->scenario().prompts.dataset);
    QCOMPARE(synthetic->count, 40);
    QCOMPARE(synthetic->inputTokens.kind, scenario::TokenDistribution::Kind::Uniform);
    QCOMPARE(synthetic->inputTokens.min, 50.0);
    QCOMPARE(synthetic->inputTokens.max, 3000.0);
    QVERIFY(m_editor->isValid());
    kind->setCurrentIndex(0); // fixed: one length
    QVERIFY(b->isHidden());
    QCOMPARE(m_editor->scenario().prompts.synthetic->inputTokens.mean, 50.0);

    // A file's synthetic prompts load into the fields, its seed kept.
    scenario::Scenario loaded = parsed(kSlo);
    loaded.prompts.synthetic = scenario::SyntheticPrompts {};
    loaded.prompts.synthetic->seed = 77;
    loaded.prompts.synthetic->inputTokens = { scenario::TokenDistribution::Kind::Normal, 800, 200, 1, 0, {} };
    m_editor->setScenario(loaded);
    QCOMPARE(source->currentIndex(), 2);
    QCOMPARE(kind->currentIndex(), 2);
    QCOMPARE(a->value(), 800);
    QCOMPARE(b->value(), 200);
    QCOMPARE(m_editor->scenario().prompts.synthetic, loaded.prompts.synthetic);
    source->setCurrentIndex(0);
    QVERIFY(!m_editor->scenario().prompts.synthetic);
}

void TestEditor::lockMakesReadOnly()
{
    m_editor->show();
    auto *url = find<QLineEdit>(m_editor.get(), "baseUrlEdit");
    auto *add = find<QPushButton>(m_editor.get(), "addModelButton");
    auto *executor = find<QComboBox>(m_editor.get(), "executorCombo");
    auto *view = find<QTableView>(m_editor.get(), "modelsView");
    auto *system = find<QWidget>(m_editor.get(), "systemPromptEdit");
    m_editor->setLocked(true);
    QVERIFY(url->isReadOnly());
    QVERIFY(!add->isEnabled());
    QVERIFY(!executor->isEnabled());
    QVERIFY(!(view->model()->flags(view->model()->index(0, ModelTableModel::Weight)) & Qt::ItemIsEditable));
    QVERIFY(!(view->model()->flags(view->model()->index(0, ModelTableModel::Enabled)) & Qt::ItemIsUserCheckable));
    QVERIFY(system->property("readOnly").toBool());
    QVERIFY(find<QLineEdit>(m_editor.get(), "nameEdit")->isReadOnly());
    m_editor->setLocked(false);
    QVERIFY(!url->isReadOnly());
    QVERIFY(add->isEnabled());
    QVERIFY(executor->isEnabled());
    QVERIFY(view->model()->flags(view->model()->index(0, ModelTableModel::Weight)) & Qt::ItemIsEditable);
    // State-dependent buttons come back as their state says (no selection: nothing to remove).
    QVERIFY(!find<QPushButton>(m_editor.get(), "removeStageButton")->isEnabled());
}

void TestEditor::editorModelsPassTester()
{
    // The models inside the editor, under the tester while the scenario changes and the user edits.
    QList<QAbstractItemModelTester *> testers;
    for (const char *name : { "modelsView", "stagesView", "thresholdsView", "headersView" }) {
        auto *view = find<QTableView>(m_editor.get(), name);
        QVERIFY(view);
        testers.append(new QAbstractItemModelTester(
            view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_editor.get()));
    }
    m_editor->setScenario(parsed(kEverything));
    m_editor->setScenario(scenario::defaultScenario());
    QTest::mouseClick(find<QPushButton>(m_editor.get(), "addThresholdButton"), Qt::LeftButton);
    QTest::mouseClick(find<QPushButton>(m_editor.get(), "addStageButton"), Qt::LeftButton);
    QTest::mouseClick(find<QPushButton>(m_editor.get(), "addHeaderButton"), Qt::LeftButton);
    QTest::mouseClick(find<QPushButton>(m_editor.get(), "addModelButton"), Qt::LeftButton);
    m_editor->setLocked(true);
    m_editor->setLocked(false);
    QVERIFY(!m_editor->isValid());
}

void TestEditor::costEstimateLine()
{
    scenario::Scenario s = scenario::defaultScenario();
    s.budgetUsd = 5;
    m_editor->setScenario(s);
    auto *label = find<QLabel>(m_editor.get(), "costEstimate");
    QVERIFY(label);
    QVERIFY2(label->text().startsWith(QStringLiteral("Estimated cost: ~$")), qPrintable(label->text()));
    QVERIFY(label->text().contains(engine::estimateCost(s).text())); // the one estimate, as --dry-run prints it
    QVERIFY(label->text().contains(QStringLiteral("Budget: $5.00")));
    QVERIFY(!label->toolTip().isEmpty());
}

QTEST_MAIN(TestEditor)
#include "tst_editor.moc"
