// The editor's item models and pure helpers: shares follow weights, cells are marked from validate()
// paths and from text that does not parse, thresholds group by metric key, prompt import reads text
// and JSONL. Every model runs under QAbstractItemModelTester.

#include "ui/editor/editorfields.h"
#include "ui/editor/headertablemodel.h"
#include "ui/editor/modeltablemodel.h"
#include "ui/editor/promptimport.h"
#include "ui/editor/stagetablemodel.h"
#include "ui/editor/thresholdtablemodel.h"

#include "engine/requestpreview.h"
#include "scenario/pricetable.h"
#include "scenario/scenarioio.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest/QTest>

using namespace stampede;
using namespace stampede::ui::editor;

namespace {

QList<scenario::ModelSpec> threeModels()
{
    scenario::ModelSpec a;
    a.model = QStringLiteral("a");
    a.weight = 1;
    scenario::ModelSpec b = a;
    b.model = QStringLiteral("b");
    b.weight = 3;
    scenario::ModelSpec c = a;
    c.model = QStringLiteral("c");
    c.weight = 4;
    c.enabled = false;
    return { a, b, c };
}

double shareOf(const QAbstractItemModel &model, int row)
{
    return model.data(model.index(row, ModelTableModel::Share), ModelTableModel::ShareFractionRole).toDouble();
}

} // namespace

class TestEditorModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void modelSharesFollowWeights();
    void modelNameBringsBuiltinPrice();
    void modelRowsAddDuplicateRemove();
    void modelProtocolEditsByName();
    void requestPreviewFollowsTheProtocol_data();
    void requestPreviewFollowsTheProtocol();
    void modelCellsMarkedFromPaths();
    void stageDurationTextIsLocalError();
    void thresholdsGroupByKeyAndMarkRows();
    void headersRoundTripAndFlagDuplicates();
    void textImport();
    void jsonlImport();
    void durationErrors_data();
    void durationErrors();
};

void TestEditorModels::modelSharesFollowWeights()
{
    ModelTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setModels(threeModels());
    QCOMPARE(shareOf(model, 0), 0.25);
    QCOMPARE(shareOf(model, 1), 0.75);
    QCOMPARE(shareOf(model, 2), 0.0);
    QCOMPARE(model.data(model.index(2, ModelTableModel::Share)).toString(), QStringLiteral("off"));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy edited(&model, &ModelTableModel::edited);
    QVERIFY(model.setData(model.index(0, ModelTableModel::Weight), 3.0));
    QCOMPARE(shareOf(model, 0), 0.5);
    QCOMPARE(shareOf(model, 1), 0.5);
    QCOMPARE(edited.count(), 1);
    bool shareColumnChanged = false;
    for (const QList<QVariant> &args : std::as_const(changed)) {
        const QModelIndex from = args.at(0).toModelIndex();
        const QModelIndex to = args.at(1).toModelIndex();
        shareColumnChanged = shareColumnChanged
            || (from.column() <= ModelTableModel::Share && to.column() >= ModelTableModel::Share && from.row() == 0
                && to.row() == 2);
    }
    QVERIFY(shareColumnChanged);

    QVERIFY(model.setData(model.index(2, ModelTableModel::Enabled), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(shareOf(model, 2), 0.4);
    QVERIFY(!model.setData(model.index(0, ModelTableModel::Share), 0.9)); // read-only
    QVERIFY(!(model.flags(model.index(0, ModelTableModel::Share)) & Qt::ItemIsEditable));
}

void TestEditorModels::modelNameBringsBuiltinPrice()
{
    ModelTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addModel(scenario::ModelSpec {});
    QVERIFY(model.setData(model.index(0, ModelTableModel::Model), QStringLiteral("gpt-4.1")));
    const std::optional<model::Price> price = scenario::builtinPrice(QStringLiteral("gpt-4.1"));
    QVERIFY(price);
    QCOMPARE(model.models().at(0).price.inputPerMTok, price->inputPerMTok);
    // A price the user typed is kept when the name changes.
    QVERIFY(model.setData(model.index(0, ModelTableModel::InputPrice), 1.25));
    QVERIFY(model.setData(model.index(0, ModelTableModel::Model), QStringLiteral("my-model")));
    QCOMPARE(model.models().at(0).price.inputPerMTok, 1.25);
}

void TestEditorModels::modelRowsAddDuplicateRemove()
{
    ModelTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setModels(threeModels());
    QCOMPARE(model.duplicateModel(1), 2);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.models().at(2).model, QStringLiteral("b-copy"));
    QCOMPARE(model.models().at(2).weight, 3.0);
    QVERIFY(model.removeRows(0, 2));
    QCOMPARE(model.modelNames(), (QStringList { QStringLiteral("b-copy"), QStringLiteral("c") }));
}

void TestEditorModels::modelProtocolEditsByName()
{
    ModelTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setModels(threeModels());
    const QModelIndex cell = model.index(1, ModelTableModel::Protocol);
    QCOMPARE(cell.data(Qt::EditRole).toString(), QStringLiteral("openai-chat")); // the default
    QCOMPARE(cell.data(Qt::DisplayRole).toString(), QStringLiteral("OpenAI Chat Completions"));
    QSignalSpy edited(&model, &ModelTableModel::edited);
    QVERIFY(model.setData(cell, QStringLiteral("anthropic-messages")));
    QCOMPARE(edited.size(), 1);
    QVERIFY(model.models().at(1).protocol == model::WireProtocol::AnthropicMessages);
    QCOMPARE(cell.data(Qt::DisplayRole).toString(), QStringLiteral("Anthropic Messages"));
    QVERIFY(!model.setData(cell, QStringLiteral("anthropic"))); // not a protocol: refused, unchanged
    QVERIFY(model.models().at(1).protocol == model::WireProtocol::AnthropicMessages);
}

void TestEditorModels::requestPreviewFollowsTheProtocol_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<bool>("stream");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("chat") << QStringLiteral("openai-chat") << true
                          << QStringList { QStringLiteral("POST https://gw.example/v1/chat/completions\n"),
                                 QStringLiteral("Authorization: Bearer [redacted]\n"),
                                 QStringLiteral("\"include_usage\": true") };
    QTest::newRow("responses") << QStringLiteral("openai-responses") << false
                               << QStringList { QStringLiteral("POST https://gw.example/v1/responses\n"),
                                      QStringLiteral("Authorization: Bearer [redacted]\n"),
                                      QStringLiteral("\"max_output_tokens\": 64"),
                                      QStringLiteral("\"instructions\": \"Be brief.\"") };
    QTest::newRow("anthropic") << QStringLiteral("anthropic-messages") << true
                               << QStringList { QStringLiteral("POST https://gw.example/v1/messages\n"),
                                      QStringLiteral("x-api-key: [redacted]\n"),
                                      QStringLiteral("anthropic-version: 2023-06-01\n"),
                                      QStringLiteral("\"system\": \"Be brief.\"") };
    QTest::newRow("gemini")
        << QStringLiteral("gemini") << true
        << QStringList { QStringLiteral("POST https://gw.example/v1/models/m-1:streamGenerateContent?alt=sse\n"),
               QStringLiteral("x-goog-api-key: [redacted]\n"), QStringLiteral("\"maxOutputTokens\": 64") };
}

void TestEditorModels::requestPreviewFollowsTheProtocol()
{
    QFETCH(QString, protocol);
    QFETCH(bool, stream);
    QFETCH(QStringList, expected);
    scenario::Scenario s;
    s.target.baseUrl = QStringLiteral("https://gw.example/v1");
    scenario::ModelSpec m;
    m.model = QStringLiteral("m-1");
    m.protocol = *model::wireProtocolFromName(protocol);
    m.stream = stream;
    m.maxTokens = 64;
    s.models = { m };
    s.prompts.system = QStringLiteral("Be brief.");
    s.prompts.user = { QStringLiteral("Hi there") };
    const QString text = engine::requestPreview(s, 0, true);
    for (const QString &part : expected)
        QVERIFY2(text.contains(part), qPrintable(part + QStringLiteral(" not in:\n") + text));
    QVERIFY2(text.contains(QStringLiteral("Hi there")), qPrintable(text));
    QVERIFY(!text.contains(QStringLiteral("placeholder"))); // the placeholder key never shows
    // Without a key: no key header at all, and a line that says so.
    const QString keyless = engine::requestPreview(s, 0, false);
    QVERIFY(!keyless.contains(QStringLiteral("[redacted]")));
    QVERIFY(keyless.contains(QStringLiteral("no key set")));
    QVERIFY(engine::requestPreview(s, 3, true).startsWith(QStringLiteral("Select a model")));
    // The scenario's tools go into the preview's body, in the protocol's own spelling.
    s.tools = scenario::Tools { { { QStringLiteral("get_weather"), {}, {} } }, QStringLiteral("required") };
    const QString withTools = engine::requestPreview(s, 0, true);
    QVERIFY2(withTools.contains(QStringLiteral("\"get_weather\"")), qPrintable(withTools));
    QVERIFY2(withTools.contains(protocol == u"anthropic-messages" ? QStringLiteral("\"input_schema\"")
                                                                  : QStringLiteral("\"parameters\"")),
        qPrintable(withTools));
}

void TestEditorModels::modelCellsMarkedFromPaths()
{
    ModelTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setModels(threeModels());
    model.setErrors({ { QStringLiteral("models[1].temperature"), QStringLiteral("must be between 0 and 2") },
        { QStringLiteral("models[2].price.output_per_mtok"), QStringLiteral("must be >= 0") },
        { QStringLiteral("prompts.user"), QStringLiteral("not ours") } });
    QCOMPARE(model.cellError(1, ModelTableModel::Temperature), QStringLiteral("must be between 0 and 2"));
    QCOMPARE(model.cellError(2, ModelTableModel::OutputPrice), QStringLiteral("must be >= 0"));
    QVERIFY(model.data(model.index(1, ModelTableModel::Temperature), Qt::BackgroundRole).isValid());
    QVERIFY(model.data(model.index(1, ModelTableModel::Temperature), Qt::ToolTipRole)
                .toString()
                .startsWith(QStringLiteral("must be between")));
    QVERIFY(!model.data(model.index(0, ModelTableModel::Temperature), Qt::BackgroundRole).isValid());
    model.setErrors({});
    QVERIFY(model.cellError(1, ModelTableModel::Temperature).isEmpty());
}

void TestEditorModels::stageDurationTextIsLocalError()
{
    StageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStages({ { 30000, 10 }, { 60000, 20 } });
    QVERIFY(model.localErrors().isEmpty());
    QVERIFY(model.setData(model.index(1, StageTableModel::Duration), QStringLiteral("30x")));
    const QList<scenario::ValidationError> errors = model.localErrors();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].path, QStringLiteral("load.stages[1].duration"));
    QVERIFY2(errors[0].message.contains(QStringLiteral("is not a duration")), qPrintable(errors[0].message));
    QCOMPARE(model.stages().at(1).durationMs, 60000); // the last value that parsed
    model.setErrors(errors);
    QVERIFY(!model.cellError(1, StageTableModel::Duration).isEmpty());
    QVERIFY(model.setData(model.index(1, StageTableModel::Duration), QStringLiteral("1m30s")));
    QVERIFY(model.localErrors().isEmpty());
    QCOMPARE(model.stages().at(1).durationMs, 90000);
    model.addStage();
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.stages().at(2).target, 20.0);
}

void TestEditorModels::thresholdsGroupByKeyAndMarkRows()
{
    ThresholdTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString perModel = QStringLiteral("http_req_duration{model:gpt-4.1}");
    model.setThresholds({ { QStringLiteral("http_req_duration"), { { QStringLiteral("p(95)<2000"), false, 0 } } },
        { perModel, { { QStringLiteral("p(95)<1500"), true, 30000 } } } });
    QCOMPARE(model.rowCount(), 2);
    const int added = model.addRule(QStringLiteral("http_req_duration"), QStringLiteral("p(99)<5000"));
    const QList<scenario::ThresholdSet> sets = model.thresholds();
    QCOMPARE(sets.size(), 2);
    QCOMPARE(sets[0].rules.size(), 2);
    QCOMPARE(sets[0].rules[1].expression, QStringLiteral("p(99)<5000"));
    QCOMPARE(sets[1].rules[0].delayAbortEvalMs, 30000);
    QVERIFY(sets[1].rules[0].abortOnFail);

    // validate() names "thresholds.<key>[i]"; the key holds a dot, and the rule is the second of its key.
    model.setErrors({ { QStringLiteral("thresholds.http_req_duration[1]"), QStringLiteral("bad aggregation") },
        { QStringLiteral("thresholds.") + perModel + QStringLiteral("[0].delayAbortEval"), QStringLiteral("neg") } });
    QCOMPARE(model.cellError(added, ThresholdTableModel::Expression), QStringLiteral("bad aggregation"));
    QCOMPARE(model.cellError(1, ThresholdTableModel::DelayAbortEval), QStringLiteral("neg"));
    QCOMPARE(model.data(model.index(added, ThresholdTableModel::Status)).toString(), QStringLiteral("bad aggregation"));
    QCOMPARE(model.data(model.index(0, ThresholdTableModel::Status)).toString(), QStringLiteral("ok"));

    QVERIFY(model.setData(model.index(0, ThresholdTableModel::Expression), QString()));
    QVERIFY(model.setData(model.index(1, ThresholdTableModel::DelayAbortEval), QStringLiteral("soon")));
    QCOMPARE(model.localErrors().size(), 2);
    QCOMPARE(model.thresholds()[0].rules.size(), 1); // the empty row adds no rule
}

void TestEditorModels::headersRoundTripAndFlagDuplicates()
{
    HeaderTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QMap<QString, QString> headers { { QStringLiteral("X-Team"), QStringLiteral("perf") },
        { QStringLiteral("X.Odd"), QStringLiteral("1") } };
    model.setHeaders(headers);
    QCOMPARE(model.headers(), headers);
    const int row = model.addHeader();
    QCOMPARE(model.localErrors().size(), 1); // no name yet
    QVERIFY(model.setData(model.index(row, HeaderTableModel::Name), QStringLiteral("x-team")));
    QCOMPARE(model.localErrors().size(), 2); // both rows of the duplicate
    model.setErrors({ { QStringLiteral("target.headers.X.Odd"), QStringLiteral("not a valid header name") } });
    // Rows are in name order: X-Team, X.Odd, then the added x-team.
    QCOMPARE(model.cellError(1, HeaderTableModel::Name), QStringLiteral("not a valid header name"));
    QVERIFY(model.cellError(0, HeaderTableModel::Name).contains(QStringLiteral("listed twice")));
}

void TestEditorModels::textImport()
{
    const PromptImport imported = importTextPrompts("first\r\n\n  second  \nthird");
    QCOMPARE(
        imported.prompts, (QStringList { QStringLiteral("first"), QStringLiteral("second"), QStringLiteral("third") }));
    QVERIFY(imported.problems.isEmpty());
}

void TestEditorModels::jsonlImport()
{
    const QByteArray data = R"({"prompt": "one"}
{"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "old"}, {"role": "assistant", "content": "a"}, {"role": "user", "content": [{"type": "text", "text": "two"}]}]}
not json

{"messages": [{"role": "system", "content": "only system"}]}
[1, 2]
{"prompt": "三"}
)";
    const PromptImport imported = importJsonlPrompts(data);
    QCOMPARE(imported.prompts, (QStringList { QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("三") }));
    QCOMPARE(imported.problems.size(), 3);
    QVERIFY2(imported.problems[0].startsWith(QStringLiteral("line 3: not JSON")), qPrintable(imported.problems[0]));
    QVERIFY2(imported.problems[1].startsWith(QStringLiteral("line 5: no message")), qPrintable(imported.problems[1]));
    QVERIFY2(
        imported.problems[2].startsWith(QStringLiteral("line 6: not a JSON object")), qPrintable(imported.problems[2]));
}

void TestEditorModels::durationErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addRow("seconds") << QStringLiteral("30s") << true;
    QTest::addRow("compound") << QStringLiteral("1h30m") << true;
    QTest::addRow("bare number") << QStringLiteral("30") << false;
    QTest::addRow("unknown unit") << QStringLiteral("30x") << false;
    QTest::addRow("empty") << QString() << false;
}

void TestEditorModels::durationErrors()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QCOMPARE(durationError(text).isEmpty(), ok);
}

QTEST_MAIN(TestEditorModels)
#include "tst_editormodels.moc"
