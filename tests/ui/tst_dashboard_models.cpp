// The dashboard's building blocks on their own: the item models (failures with 100,000 grouped
// failures, per-model summary for the open model, thresholds). The chart maths is core/chart's
// (tests/core/chart).

#include "chart/palette.h"
#include "tst_dashboard_support.h"
#include "ui/dashboard/chartcontext.h"
#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/failuresmodel.h"
#include "ui/dashboard/metrictips.h"
#include "ui/dashboard/modelsummarymodel.h"
#include "ui/dashboard/modelsummaryproxy.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace stampede;
using namespace stampede::test;

class TestDashboardModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void failuresStayCheapWith100kFailures()
    {
        ui::FailuresModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        model.setGroups(failureGroups(3, 300, 1000));
        QCOMPARE(model.rowCount(), 3);
        for (int i = 0; i < 40; ++i) {
            const std::int64_t total = 100000 + i * 10;
            model.setGroups(failureGroups(500, total, 2000 + i));
            QCOMPARE(model.rowCount(), 500);
            QCOMPARE(model.totalCount(), total);
        }
        QCOMPARE(resets.count(), 0);
        QCOMPARE(inserts.count(), 2);
        QCOMPARE(changes.count(), 40); // one dataChanged per snapshot
        // the same groups again: nothing to tell the views
        model.setGroups(failureGroups(500, 100390, 2039));
        QCOMPARE(changes.count(), 40);
        const QModelIndex last = model.index(499, ui::FailuresModel::Count);
        QCOMPARE(last.data(ui::FailuresModel::SortRole).toLongLong(), 100390 - 499 * (100390 / 500));
        QCOMPARE(model.index(0, ui::FailuresModel::Example).data().toString(), u"failure kind 0 after 2039 ms"_s);
        QCOMPARE(model.index(1, ui::FailuresModel::Status).data().toString(), u"429"_s);
        QCOMPARE(model.index(0, ui::FailuresModel::LastSeen).data().toString(), u"0:02"_s);
        // fewer groups (a new run): rows removed, never reset
        model.setGroups(failureGroups(2, 10, 100));
        QCOMPARE(model.rowCount(), 2);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void openModelSummary()
    {
        ui::ModelSummaryModel model;
        ui::ModelSummaryProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRun({ u"gpt-4.1"_s, u"通义千问-max"_s }, { 1, 1 }, true);
        QCOMPARE(model.headerData(ui::ModelSummaryModel::Concurrency, Qt::Horizontal).toString(), u"In flight"_s);
        QCOMPARE(model.index(0, ui::ModelSummaryModel::P95).data().toString(), u"–"_s); // no data yet
        metrics::GroupStats a = groupStats(u"gpt-4.1"_s, 900, 100, 10.0);
        metrics::GroupStats b = groupStats(u"通义千问-max"_s, 1800, 50, 5.0);
        a.meanInFlight = 4.44; // measured by the accumulator (tst_aggregator), shown as it is
        b.meanInFlight = 2.5;
        metrics::GroupStats all = groupStats(u"all"_s, 1500, 150, 15.0);
        all.meanInFlight = a.meanInFlight + b.meanInFlight;
        model.setStats({ a, b }, all, 0, 7);
        QCOMPARE(model.index(0, ui::ModelSummaryModel::Concurrency).data().toString(), u"4.4"_s);
        QCOMPARE(model.index(2, ui::ModelSummaryModel::Concurrency).data().toString(), u"6.9"_s); // not the 7 VUs
        QCOMPARE(model.index(1, 0).data().toString(), u"通义千问-max"_s);
        QCOMPARE(
            model.index(0, 0).data(Qt::DecorationRole).value<QColor>(), ui::style::color(chart::palette::model(0)));
        proxy.sort(ui::ModelSummaryModel::Model, Qt::DescendingOrder);
        QCOMPARE(proxy.index(2, 0).data().toString(), u"mixed"_s);
        proxy.sort(ui::ModelSummaryModel::Requests, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), u"通义千问-max"_s);
        QCOMPARE(proxy.index(2, 0).data().toString(), u"mixed"_s);
    }

    // integrity (issue 14): a model whose answers fired a check carries a warning sign after its
    // name, and the name's tooltip says which check (the text summary's line); copy and sort keep the name.
    void integrityWarningOnTheModelName()
    {
        ui::ModelSummaryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRun({ u"gpt-4.1"_s, u"b"_s }, { 1, 1 }, false);
        metrics::GroupStats a = groupStats(u"gpt-4.1"_s, 900, 100, 10.0);
        metrics::GroupStats b = groupStats(u"b"_s, 900, 100, 10.0);
        a.integrity.count(metrics::IntegrityCheck::Substituted) = 100;
        a.integrity.substitutedModels.insert(u"gpt-4o-mini"_s, 100);
        metrics::GroupStats all = groupStats(u"all"_s, 900, 200, 20.0);
        all.integrity = a.integrity;
        model.setStats({ a, b }, all, 2, 2);
        QCOMPARE(model.index(0, 0).data().toString(), u"gpt-4.1 \u26A0"_s);
        QCOMPARE(model.index(0, 0).data(ui::ModelSummaryModel::CopyRole).toString(), u"gpt-4.1"_s);
        QCOMPARE(model.index(0, 0).data(ui::ModelSummaryModel::SortRole).toString(), u"gpt-4.1"_s);
        const QString tip = model.index(0, 0).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(u"model substituted in 100 of"_s) && tip.contains(u"gpt-4.1 -> gpt-4o-mini 100"_s),
            qPrintable(tip));
        QCOMPARE(model.index(1, 0).data().toString(), u"b"_s); // nothing fired
        QCOMPARE(model.index(1, 0).data(Qt::ToolTipRole).toString(), u"b"_s);
        QCOMPARE(model.index(2, 0).data().toString(), u"mixed \u26A0"_s);
    }

    // Prompt-cache and reasoning tokens (issue 16): no columns while the run has none; each appears,
    // after the completion tokens, with the first snapshot that has such tokens (inserted, not a
    // reset), with its definition as the header's tooltip and its share in the cell's; a new run
    // starts without them again.
    void cacheAndReasoningColumnsAppearWithTheTokens()
    {
        using M = ui::ModelSummaryModel;
        M model;
        ui::ModelSummaryProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRun({ u"claude"_s, u"o3"_s }, { 1, 1 }, false, true);
        metrics::GroupStats a = groupStats(u"claude"_s, 900, 100, 10.0);
        metrics::GroupStats b = groupStats(u"o3"_s, 1800, 50, 5.0);
        metrics::GroupStats all = groupStats(u"all"_s, 1500, 150, 15.0);
        all.slo = a.slo = b.slo = model::Slo {};
        model.setStats({ a, b }, all, 2, 2);
        QCOMPARE(model.columnCount(), int(M::SloMet) + 1); // as before issue 16
        QCOMPARE(model.section(M::CacheReadTokens), -1);
        QCOMPARE(model.section(M::Cost), int(M::Cost));
        QSignalSpy inserted(&model, &QAbstractItemModel::columnsInserted);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

        a.promptTokens = 620; // claude: read 5240 of 5900 prompt-side tokens, wrote 40
        a.cacheReadTokens = all.cacheReadTokens = 5240;
        a.cacheCreationTokens = all.cacheCreationTokens = 40;
        b.reasoningTokens = all.reasoningTokens = 1156; // o3: of 5000 completion tokens
        model.setStats({ a, b }, all, 2, 2);
        QCOMPARE(inserted.count(), 3);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(model.columnCount(), int(M::ColumnCount));
        const int read = model.section(M::CacheReadTokens), written = model.section(M::CacheCreationTokens),
                  reasoning = model.section(M::ReasoningTokens);
        QCOMPARE(read, int(M::CompletionTokens) + 1);
        QCOMPARE(written, read + 1);
        QCOMPARE(reasoning, read + 2);
        QCOMPARE(model.section(M::Cost), reasoning + 1);
        QCOMPARE(model.section(M::SloMet), model.columnCount() - 1);
        QCOMPARE(model.columnAt(read), M::CacheReadTokens);
        QCOMPARE(model.headerData(read, Qt::Horizontal).toString(), u"Cache read"_s);
        QCOMPARE(model.headerData(written, Qt::Horizontal).toString(), u"Cache written"_s);
        QCOMPARE(model.headerData(reasoning, Qt::Horizontal).toString(), u"Reasoning"_s);
        QCOMPARE(model.headerData(reasoning, Qt::Horizontal, M::CopyRole).toString(), u"Reasoning"_s);
        QCOMPARE(model.headerData(model.section(M::Cost), Qt::Horizontal).toString(), u"Cost"_s);
        QVERIFY(model.headerData(read, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(u"read from the provider's prompt cache"_s));
        QVERIFY(model.headerData(written, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(u"written to the provider's prompt cache"_s));
        QVERIFY(model.headerData(reasoning, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(u"part of the completion tokens"_s));

        QCOMPARE(model.index(0, read).data().toString(), u"5,240"_s);
        QCOMPARE(model.index(0, read).data(M::CopyRole).toString(), u"5240"_s);
        QCOMPARE(model.index(0, written).data().toString(), u"40"_s);
        QCOMPARE(model.index(0, reasoning).data().toString(), u"0"_s);
        QCOMPARE(model.index(1, reasoning).data().toString(), u"1,156"_s);
        QCOMPARE(model.index(2, read).data().toString(), u"5,240"_s); // mixed
        QCOMPARE(model.index(0, read).data(Qt::ToolTipRole).toString(),
            ui::style::formatPercent(5240.0 / 5900.0)
                + u" of the prompt-side tokens (prompt + cache read + cache written) were read from the cache"_s);
        QCOMPARE(model.index(1, reasoning).data(Qt::ToolTipRole).toString(),
            ui::style::formatPercent(1156.0 / 5000.0) + u" of the completion tokens were reasoning"_s);
        QCOMPARE(model.index(0, model.section(M::Cost)).data().toString(), ui::style::formatUsd(a.costUsd));
        proxy.sort(reasoning, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), u"o3"_s);
        QCOMPARE(proxy.index(2, 0).data().toString(), u"mixed"_s);

        model.setStats({ a, b }, all, 2, 2); // columns once: nothing more to insert
        QCOMPARE(inserted.count(), 3);
        model.setRun({ u"claude"_s, u"o3"_s }, { 1, 1 }, false, true); // a new run
        QCOMPARE(model.columnCount(), int(M::SloMet) + 1);
        QCOMPARE(model.section(M::CacheReadTokens), -1);
    }

    // Each figure's change against the baseline: the comparison's definition (report::changeOf), by
    // model name; shares in percentage points; a model the baseline did not run has none.
    void deltasAgainstABaseline()
    {
        ui::ModelSummaryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRun({ u"gpt-4.1"_s, u"new-model"_s }, { 1, 1 }, true);
        const metrics::GroupStats a = groupStats(u"gpt-4.1"_s, 900, 100, 10.0); // 2 % errors
        const metrics::GroupStats b = groupStats(u"new-model"_s, 1800, 50, 5.0);
        const metrics::GroupStats all = groupStats(u"all"_s, 1500, 150, 15.0);
        model.setStats({ a, b }, all, 0, 4);
        const QModelIndex rps = model.index(0, ui::ModelSummaryModel::Rps);
        QVERIFY(!rps.data(ui::ModelSummaryModel::DeltaRole).isValid()); // no baseline yet

        metrics::GroupStats was = groupStats(u"gpt-4.1"_s, 900, 100, 8.0);
        was.failures = 1; // 1 % errors
        was.successes = 99;
        metrics::GroupStats wasAll = groupStats(u"all"_s, 1500, 150, 20.0);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setBaseline(u"#1 before"_s, { was }, wasAll);
        QVERIFY(model.hasBaseline());
        QVERIFY(!changed.isEmpty());
        QCOMPARE(rps.data(ui::ModelSummaryModel::DeltaRole).toString(), u"+25.0 %"_s); // 10 vs 8 req/s
        QCOMPARE(rps.data(ui::ModelSummaryModel::DeltaSignRole).toInt(), 1); // more req/s: better
        const QModelIndex errors = model.index(0, ui::ModelSummaryModel::ErrorRate);
        QCOMPARE(errors.data(ui::ModelSummaryModel::DeltaRole).toString(), u"+1.0 pt"_s); // 1 % -> 2 %
        QCOMPARE(errors.data(ui::ModelSummaryModel::DeltaSignRole).toInt(), -1);
        QCOMPARE(model.index(0, ui::ModelSummaryModel::P95).data(ui::ModelSummaryModel::DeltaSignRole).toInt(), 0);
        QVERIFY(rps.data(Qt::ToolTipRole).toString().contains(u"Baseline #1 before: "_s));
        QVERIFY(!model.index(0, ui::ModelSummaryModel::Requests).data(ui::ModelSummaryModel::DeltaRole).isValid());
        QVERIFY(!model.index(1, ui::ModelSummaryModel::Rps).data(ui::ModelSummaryModel::DeltaRole).isValid());
        const QModelIndex mixedRps = model.index(2, ui::ModelSummaryModel::Rps); // the overall group
        QCOMPARE(mixedRps.data(ui::ModelSummaryModel::DeltaRole).toString(), u"-25.0 %"_s);
        QCOMPARE(mixedRps.data(ui::ModelSummaryModel::DeltaSignRole).toInt(), -1);

        model.clearBaseline();
        QVERIFY(!rps.data(ui::ModelSummaryModel::DeltaRole).isValid());
        QVERIFY(!rps.data(Qt::ToolTipRole).toString().contains(u"Baseline"_s));
    }

    void everyMetricHasADefinition()
    {
        for (int tip = 0; tip <= int(ui::tips::Tip::Budget); ++tip)
            QVERIFY2(ui::tips::text(ui::tips::Tip(tip)).startsWith(u"<b>"_s), qPrintable(QString::number(tip)));
        QVERIFY(ui::tips::text(ui::tips::Tip::LatencyP95).contains(u"http_req_duration"_s));
        QVERIFY(ui::tips::text(ui::tips::Tip::Goodput).contains(u"goodput"_s));
        QVERIFY(ui::tips::text(ui::tips::Tip::SloAttainment).contains(u"slo_attainment"_s));
    }

    void thresholdMarksFromScenario()
    {
        const QList<chart::ThresholdMark> marks = ui::thresholdMarks(dashboardRunMeta().scenario);
        QCOMPARE(marks.size(), 5);
        QCOMPARE(marks[0].label, u"p95 < 2000 ms"_s);
        QCOMPARE(marks[2].model, u"gpt-4.1"_s);
        QCOMPARE(marks[2].label, u"gpt-4.1: p95 < 1500 ms"_s);
        QCOMPARE(marks[4].metric, u"http_req_failed"_s);
        QCOMPARE(marks[4].label, u"rate < 0.05"_s);
    }
};

QTEST_MAIN(TestDashboardModels)
#include "tst_dashboard_models.moc"
