// The live dashboard driven as the main window drives it: beginRun, snapshots at 4 Hz, finishRun,
// showRun; charts found by objectName, tables through their views' models.

#include "chart/palette.h"
#include "chart/seriesbuffer.h"
#include "report/htmlcharts.h"
#include "report/overheadjson.h"
#include "tst_dashboard_support.h"
#include "ui/dashboard/bignumberswidget.h"
#include "ui/dashboard/dashboard.h"
#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/elidedlabel.h"
#include "ui/dashboard/errorschart.h"
#include "ui/dashboard/latencychart.h"
#include "ui/dashboard/modelsummarymodel.h"
#include "ui/dashboard/serverchart.h"
#include "ui/dashboard/sweepchart.h"
#include "ui/dashboard/thresholdstatusmodel.h"
#include "ui/dashboard/timeserieschart.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QGraphicsSimpleTextItem>
#include <QGridLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QValueAxis>
#include <QtTest>

using namespace stampede;
using namespace stampede::test;
using stampede::ui::Dashboard;

class TestDashboard : public QObject
{
    Q_OBJECT

private:
    static QChart *chart(const Dashboard &dash, const QString &name)
    {
        auto *view = dash.findChild<QChartView *>(name);
        return view ? view->chart() : nullptr;
    }
    static QXYSeries *series(const Dashboard &dash, const QString &chartName, const QString &seriesName)
    {
        QChart *c = chart(dash, chartName);
        for (QAbstractSeries *s : c ? c->series() : QList<QAbstractSeries *>()) {
            if (s->name() == seriesName)
                return qobject_cast<QXYSeries *>(s);
        }
        return nullptr;
    }
    static QAreaSeries *area(const Dashboard &dash, const QString &chartName, const QString &seriesName)
    {
        QChart *c = chart(dash, chartName);
        for (QAbstractSeries *s : c ? c->series() : QList<QAbstractSeries *>()) {
            if (s->name() == seriesName)
                return qobject_cast<QAreaSeries *>(s);
        }
        return nullptr;
    }
    static QAbstractItemModel *tableModel(const Dashboard &dash, const QString &name)
    {
        auto *view = dash.findChild<QTableView *>(name);
        return view ? view->model() : nullptr;
    }
    /// Three snapshots of 4 seconds each: seconds 0..11.
    static void feed(Dashboard &dash)
    {
        dash.beginRun(dashboardRunMeta());
        for (int i = 0; i < 3; ++i)
            dash.applySnapshot(dashboardSnapshot(4 * i, 4 * i + 3));
        dash.flushCharts();
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void chartsRefreshOneAtATime()
    {
        // A snapshot with new seconds updates the charts over later event-loop passes, so the
        // GUI thread never blocks for all five at once; a snapshot without new seconds skips them.
        Dashboard dash;
        dash.beginRun(dashboardRunMeta());
        dash.applySnapshot(dashboardSnapshot(0, 3));
        QVERIFY(dash.chartsPending());
        QXYSeries *p95 = series(dash, u"latencyChart"_s, u"p95"_s);
        QCOMPARE(p95->count(), 0);
        QTRY_VERIFY(!dash.chartsPending());
        QCOMPARE(p95->count(), 4);
        metrics::Snapshot quiet = dashboardSnapshot(0, 3);
        quiet.newSeconds.clear();
        dash.applySnapshot(quiet);
        QVERIFY(!dash.chartsPending());
    }

    void chartsFollowSnapshots()
    {
        Dashboard dash;
        feed(dash);
        QXYSeries *p95 = series(dash, u"latencyChart"_s, u"p95"_s);
        QVERIFY(p95);
        QCOMPARE(p95->count(), 12);
        QCOMPARE(p95->at(11), QPointF(12, 10.0 * 12 * 1.8));
        QXYSeries *achieved = series(dash, u"throughputChart"_s, u"achieved req/s"_s);
        QVERIFY(achieved);
        QCOMPARE(achieved->count(), 12);
        QCOMPARE(achieved->at(11).y(), 8.0);
        QAreaSeries *tokens = area(dash, u"throughputChart"_s, u"output tokens/s"_s);
        QVERIFY(tokens);
        QCOMPARE(tokens->upperSeries()->at(0).y(), 800.0);
        QXYSeries *planned = series(dash, u"vusChart"_s, u"planned VUs"_s);
        QVERIFY(planned);
        QCOMPARE(planned->at(planned->count() - 1), QPointF(60, 20));
        QCOMPARE(series(dash, u"vusChart"_s, u"VUs"_s)->at(11).y(), 20.0);
        QCOMPARE(series(dash, u"vusChart"_s, u"in flight"_s)->count(), 12);
        QXYSeries *claudeTtft = series(dash, u"ttftChart"_s, u"claude-sonnet-4-5"_s);
        QVERIFY(claudeTtft);
        QCOMPARE(claudeTtft->count(), 12);
        QCOMPARE(claudeTtft->at(11).y(), 20.0 * 12 / 4 * 1.8);
        // The time axis follows the data (12 s of a 60-s plan): 30 s, not the whole plan.
        const auto *x = qobject_cast<QValueAxis *>(chart(dash, u"latencyChart"_s)->axes(Qt::Horizontal).value(0));
        QVERIFY(x);
        QCOMPARE(x->max(), 30.0);
        for (int second = 12; second < 40; ++second)
            dash.applySnapshot(dashboardSnapshot(second, second));
        dash.flushCharts();
        QCOMPARE(x->max(), 55.0); // 40.25 s elapsed: a quarter ahead, rounded up to 5 s
        for (int second = 40; second < 59; ++second)
            dash.applySnapshot(dashboardSnapshot(second, second));
        dash.flushCharts();
        QCOMPARE(x->max(), 60.0); // never past the plan's end
    }

    void errorsStackByClass()
    {
        Dashboard dash;
        feed(dash);
        QAreaSeries *errors = area(dash, u"errorsChart"_s, u"http_429"_s);
        QVERIFY(errors);
        QCOMPARE(errors->upperSeries()->count(), 12);
        QCOMPARE(errors->upperSeries()->at(0).y(), 1.0); // second 0 has one 429
        QCOMPARE(errors->upperSeries()->at(1).y(), 0.0);
        QCOMPARE(errors->lowerSeries()->at(0).y(), 0.0);
        QCOMPARE(errors->color().rgb(), ui::style::color(chart::palette::errorClass(u"http_429"_s)).rgb());
    }

    void thresholdLinesOnTheirCharts()
    {
        Dashboard dash;
        feed(dash);
        QXYSeries *line = series(dash, u"latencyChart"_s, u"p95 < 2000 ms"_s);
        QVERIFY(line);
        QCOMPARE(line->at(0).y(), 2000.0);
        QCOMPARE(line->pen().style(), Qt::DashLine);
        QVERIFY(series(dash, u"latencyChart"_s, u"p99 < 5000 ms"_s));
        QVERIFY(!series(dash, u"latencyChart"_s, u"gpt-4.1: p95 < 1500 ms"_s)); // not on "All models"
        QVERIFY(series(dash, u"ttftChart"_s, u"claude-sonnet-4-5: p95 < 800 ms"_s));
        // A line more than 4× the data's peak would flatten the data: the axis follows the data and the
        // line's label says it is off scale; a near one stays on the axis.
        const auto *y = qobject_cast<QValueAxis *>(chart(dash, u"latencyChart"_s)->axes(Qt::Vertical).value(0));
        QVERIFY(y);
        const auto labelled = [&](const QString &text) {
            const auto items = chart(dash, u"latencyChart"_s)->childItems();
            return std::any_of(items.begin(), items.end(), [&](QGraphicsItem *item) {
                auto *label = qgraphicsitem_cast<QGraphicsSimpleTextItem *>(item);
                return label && label->text() == text && label->isVisible();
            });
        };
        // 12 s fed: p99 peaks at 300 ms, both lines are past 4× that.
        QVERIFY2(y->max() >= 300 && y->max() < 2000, qPrintable(QString::number(y->max())));
        QVERIFY(labelled(u"p95 < 2000 ms ↑ off scale"_s));
        QVERIFY(labelled(u"p99 < 5000 ms ↑ off scale"_s));
        const auto labelRect = [&](const QString &text) {
            for (QGraphicsItem *item : chart(dash, u"latencyChart"_s)->childItems()) {
                auto *label = qgraphicsitem_cast<QGraphicsSimpleTextItem *>(item);
                if (label && label->text() == text && label->isVisible())
                    return label->sceneBoundingRect();
            }
            return QRectF();
        };
        for (int second = 12; second < 24; ++second) // p99 up to 575 ms: p95's line is back on the axis
            dash.applySnapshot(dashboardSnapshot(second, second));
        dash.flushCharts();
        QVERIFY(labelled(u"p95 < 2000 ms"_s));
        QVERIFY(labelled(u"p99 < 5000 ms ↑ off scale"_s));
        // The line at the axis' top keeps its label clear of the off-scale one stacked there.
        QVERIFY(!labelRect(u"p95 < 2000 ms"_s).intersects(labelRect(u"p99 < 5000 ms ↑ off scale"_s)));
        for (int second = 24; second < 60; ++second) // p99 up to 1,500 ms: both lines within 4×
            dash.applySnapshot(dashboardSnapshot(second, second));
        dash.flushCharts();
        QVERIFY2(y->max() >= 5000, qPrintable(QString::number(y->max())));
        QVERIFY(labelled(u"p95 < 2000 ms"_s));
        QVERIFY(labelled(u"p99 < 5000 ms"_s));
    }

    void latencyGroupAndLogScale()
    {
        Dashboard dash;
        feed(dash);
        auto *combo = dash.findChild<QComboBox *>(u"latencyGroup"_s);
        QVERIFY(combo);
        QCOMPARE(combo->count(), 3);
        combo->setCurrentIndex(2); // claude-sonnet-4-5
        QCOMPARE(series(dash, u"latencyChart"_s, u"p50"_s)->at(11).y(), 20.0 * 12);
        combo->setCurrentIndex(1);
        QVERIFY(series(dash, u"latencyChart"_s, u"gpt-4.1: p95 < 1500 ms"_s));
        QVERIFY(!series(dash, u"latencyChart"_s, u"p95 < 2000 ms"_s));
        dash.findChild<QCheckBox *>(u"latencyLogScale"_s)->setChecked(true);
        auto *logAxis = qobject_cast<QLogValueAxis *>(chart(dash, u"latencyChart"_s)->axes(Qt::Vertical).value(0));
        QVERIFY(logAxis);
        QVERIFY(logAxis->min() > 0);
        QVERIFY(logAxis->max() >= 1500);
        QCOMPARE(series(dash, u"latencyChart"_s, u"p50"_s)->attachedAxes().count(), 2);
    }

    void summaryTableSortsWithMixedLast()
    {
        Dashboard dash;
        feed(dash);
        QAbstractItemModel *model = tableModel(dash, u"modelSummaryTable"_s);
        QVERIFY(model);
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->index(2, 0).data().toString(), u"mixed"_s);
        QCOMPARE(model->headerData(ui::ModelSummaryModel::Concurrency, Qt::Horizontal).toString(), u"In flight"_s);
        QCOMPARE(model->index(0, ui::ModelSummaryModel::Concurrency).data().toString(), u"6.7"_s); // measured
        QCOMPARE(model->index(2, ui::ModelSummaryModel::Concurrency).data().toString(), u"9.0"_s); // not the 20 VUs
        QCOMPARE(model->index(2, ui::ModelSummaryModel::CompletionTokens).data().toString(), u"~19,200"_s);
        QVERIFY(!model->headerData(ui::ModelSummaryModel::P95, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
        for (Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            model->sort(ui::ModelSummaryModel::P95, order);
            QCOMPARE(model->index(2, 0).data().toString(), u"mixed"_s);
            QCOMPARE(model->index(0, 0).data().toString(),
                order == Qt::AscendingOrder ? u"gpt-4.1"_s : u"claude-sonnet-4-5"_s);
        }
        // Still last after further snapshots re-sort the rows.
        dash.applySnapshot(dashboardSnapshot(12, 12));
        QCOMPARE(model->index(2, 0).data().toString(), u"mixed"_s);
    }

    void resultsTableTextAndCopy()
    {
        Dashboard dash;
        feed(dash);
        const QStringList lines = dash.resultsTableText().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines[0].startsWith(u"Model\tIn flight\tRequests\tMean (ms)\tp95 (ms)\tp99 (ms)\tReq/s\tError %"_s));
        QVERIFY(lines[0].endsWith(u"Cost ($)"_s));
        const QStringList gpt = lines[1].split(u'\t');
        QCOMPARE(gpt.size(), int(ui::ModelSummaryModel::SloMet)); // no SLO: no "SLO met %" column
        QCOMPARE(gpt[0], u"gpt-4.1"_s);
        QCOMPARE(gpt[ui::ModelSummaryModel::Requests], u"144"_s);
        QCOMPARE(gpt[ui::ModelSummaryModel::P95], u"900.0"_s);
        QCOMPARE(gpt[ui::ModelSummaryModel::ErrorRate], u"1.39"_s); // 2 of 144
        QVERIFY(lines[3].startsWith(u"mixed\t9.0\t192\t"_s));
        dash.findChild<QPushButton *>(u"copyResults"_s)->click();
        QCOMPARE(QApplication::clipboard()->text(), dash.resultsTableText());
        // Ctrl+C on the table copies the whole table, not just the current cell.
        QApplication::clipboard()->clear();
        dash.show();
        QVERIFY(QTest::qWaitForWindowActive(&dash));
        auto *table = dash.findChild<QTableView *>(u"modelSummaryTable"_s);
        table->setFocus();
        table->setCurrentIndex(table->model()->index(1, 3));
        QTest::keySequence(table, QKeySequence::Copy);
        QCOMPARE(QApplication::clipboard()->text(), dash.resultsTableText());
    }

    void thresholdStatusColours()
    {
        Dashboard dash;
        dash.beginRun(dashboardRunMeta());
        QAbstractItemModel *model = tableModel(dash, u"thresholdTable"_s);
        QVERIFY(model);
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 5); // listed as "no data" before the first snapshot
        QCOMPARE(model->index(0, 0).data().toString(), u"no data"_s);
        dash.applySnapshot(dashboardSnapshot(0, 3));
        QCOMPARE(model->rowCount(), 5);
        const auto colour = [&](int row, int role) { return model->index(row, 0).data(role).value<QColor>(); };
        // The failing rule (declared last) comes first; the others keep the scenario's order.
        QCOMPARE(model->index(0, 0).data().toString(), u"FAIL"_s);
        QCOMPARE(colour(0, Qt::BackgroundRole), ui::style::failBackground());
        QCOMPARE(model->index(0, ui::ThresholdStatusModel::Value).data().toString(), u"0.07 (7.00 %)"_s);
        QCOMPARE(model->index(0, ui::ThresholdStatusModel::Abort).data().toString(), u"abort"_s);
        QCOMPARE(model->index(1, 0).data().toString(), u"pass"_s);
        QCOMPARE(colour(1, Qt::DecorationRole), ui::style::passColor());
        QCOMPARE(colour(1, Qt::BackgroundRole), ui::style::passBackground());
        QCOMPARE(model->index(1, ui::ThresholdStatusModel::Value).data().toString(), u"1,800 ms"_s);
        QCOMPARE(model->index(4, 0).data().toString(), u"no data"_s);
        QCOMPARE(colour(4, Qt::DecorationRole), ui::style::noDataColor());
        QAbstractItemModel *checks = tableModel(dash, u"checksTable"_s);
        QAbstractItemModelTester checksTester(checks, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(checks->rowCount(), 2);
        QCOMPARE(checks->index(1, 3).data().toString(), u"100.0 %"_s);
    }

    void bigNumbers()
    {
        Dashboard dash;
        feed(dash);
        auto *numbers = dash.findChild<ui::BigNumbersWidget *>(u"bigNumbers"_s);
        QVERIFY(numbers);
        QCOMPARE(numbers->valueText(u"tileRequests"_s), u"192"_s);
        QCOMPARE(numbers->valueText(u"tileP95"_s), u"1,800"_s);
        QCOMPARE(numbers->valueText(u"tileElapsed"_s), u"0:12"_s);
        QCOMPARE(numbers->valueText(u"tileTokens"_s), u"~19,200"_s);
        QCOMPARE(numbers->valueText(u"tileSpend"_s), u"$0.1920"_s);
        QVERIFY(!numbers->findChild<QFrame *>(u"tileErrorRate"_s)->toolTip().isEmpty());
        QCOMPARE(numbers->findChild<QProgressBar *>(u"runProgress"_s)->value(), 204); // 12.25 s of 60 s
    }

    // Every tile shown (goodput, the cap wait) with long details still fits a 1280 px window beside
    // the run list: details and captions are elided, values never.
    void tilesFitAt1280()
    {
        ui::BigNumbersWidget numbers;
        for (const char *name : { "tileGoodput", "tileLimitWait", "tileGatewayOverhead" })
            numbers.findChild<QFrame *>(QLatin1String(name))->show();
        const QList<QLabel *> details = numbers.findChildren<QLabel *>(u"detail"_s);
        QCOMPARE(details.size(), 10);
        for (QLabel *detail : details)
            detail->setText(u"$0.8705 per 1k requests, 100.0 % met SLO"_s);
        // 1280 less the run list (240), the margins and a scroll bar: about 1000 px for the tiles.
        QVERIFY2(
            numbers.minimumSizeHint().width() <= 1000, qPrintable(QString::number(numbers.minimumSizeHint().width())));
        numbers.resize(1000, numbers.sizeHint().height());
        numbers.show();
        QVERIFY(QTest::qWaitForWindowExposed(&numbers));
        QCOMPARE(details.first()->text(), u"$0.8705 per 1k requests, 100.0 % met SLO"_s); // whole, drawn elided
        for (QLabel *value : numbers.findChildren<QLabel *>(u"value"_s))
            QVERIFY(value->width() >= value->minimumSizeHint().width());

        // Values as a long run with limits, a budget and the gateway's overhead shows them: too wide
        // for one row at 1000 px, so the tiles take two, and no value is cut.
        const QStringList wide { u"12:34"_s, u"123,456"_s, u"1,234.5"_s, u"5,358"_s, u"100.0 %"_s, u"1,234.5"_s,
            u"12,345,678"_s, u"5,358 ms"_s, u"+16.2 ms"_s, u"$0.3685 / $0.5000"_s };
        const QList<QLabel *> values = numbers.findChildren<QLabel *>(u"value"_s);
        QCOMPARE(values.size(), wide.size());
        for (qsizetype i = 0; i < values.size(); ++i)
            values[i]->setText(wide[i]);
        QVERIFY2(
            numbers.minimumSizeHint().width() <= 1000, qPrintable(QString::number(numbers.minimumSizeHint().width())));
        numbers.resize(1001, numbers.sizeHint().height()); // a resize arranges the tiles again
        numbers.resize(1000, numbers.sizeHint().height());
        QTRY_COMPARE(numbers.rowCount(), 2);
        numbers.resize(1000, numbers.sizeHint().height()); // the second row's height
        QTRY_VERIFY(numbers.height() >= numbers.sizeHint().height());
        for (QLabel *value : values)
            QTRY_VERIFY2(value->width() >= value->minimumSizeHint().width(), qPrintable(value->text()));
        // Two rows have the room for every caption whole ("Latency p95 (ms)", never "Latency …").
        for (auto *caption : numbers.findChildren<ui::ElidedLabel *>()) {
            if (caption->objectName() != u"detail"_s)
                QVERIFY2(!caption->isElided(), qPrintable(caption->text()));
        }
        // Given the room, one row again.
        numbers.resize(2400, numbers.sizeHint().height());
        QTRY_COMPARE(numbers.rowCount(), 1);
    }

    void quotaTilesOnlyWithLimitsAndBudget()
    {
        Dashboard dash;
        feed(dash); // no limits, no budget
        auto *numbers = dash.findChild<ui::BigNumbersWidget *>(u"bigNumbers"_s);
        auto *wait = numbers->findChild<QFrame *>(u"tileLimitWait"_s);
        auto *spend = numbers->findChild<QFrame *>(u"tileSpend"_s);
        QVERIFY(wait && wait->isHidden());
        QVERIFY(!numbers->valueText(u"tileSpend"_s).contains(u'/'));

        report::RunMeta info = dashboardRunMeta();
        info.scenario.budgetUsd = 0.5;
        dash.beginRun(info);
        QCOMPARE(numbers->valueText(u"tileSpend"_s), u"$0.0000 / $0.5000"_s);
        metrics::Snapshot s = dashboardSnapshot(0, 3);
        s.overall.costUsd = 0.25;
        for (metrics::GroupStats *g : { &s.overall, &s.models[0] }) {
            g->limitWait.count = 10;
            g->limitWait.mean = 40;
            g->limitWait.p95 = 120;
            g->limitWait.max = 300;
        }
        dash.applySnapshot(s);
        QVERIFY(!wait->isHidden());
        QCOMPARE(numbers->valueText(u"tileLimitWait"_s), u"120 ms"_s);
        QCOMPARE(numbers->detailText(u"tileLimitWait"_s), u"mean 40.0 ms · max 300"_s);
        QVERIFY(wait->toolTip().contains(u"limit_wait_ms"_s));
        QVERIFY(wait->toolTip().contains(s.models[0].model + u": p95 120 ms"_s));
        QVERIFY(!wait->toolTip().contains(s.models[1].model + u": p95"_s)); // no cap of its own: no wait
        QCOMPARE(numbers->valueText(u"tileSpend"_s), u"$0.2500 / $0.5000"_s);
        QCOMPARE(numbers->detailText(u"tileSpend"_s), u"50.0 % of budget"_s);
        QVERIFY(spend->toolTip().contains(u"budget_usd"_s));
    }

    void gatewayOverheadTileOnlyWhenTheGatewaySaysIt()
    {
        Dashboard dash;
        feed(dash); // no captured headers
        auto *numbers = dash.findChild<ui::BigNumbersWidget *>(u"bigNumbers"_s);
        auto *tile = numbers->findChild<QFrame *>(u"tileGatewayOverhead"_s);
        QVERIFY(tile && tile->isHidden());
        metrics::Snapshot s = dashboardSnapshot(0, 3);
        metrics::HeaderSummary overhead;
        overhead.name = u"x-litellm-overhead-duration-ms"_s;
        overhead.count = 20;
        overhead.p50 = 4;
        overhead.p95 = 9;
        s.overall.headers = { overhead };
        s.models[0].headers = { overhead };
        metrics::HeaderSummary remaining; // not an overhead: no tile from it
        remaining.name = u"x-ratelimit-remaining-requests"_s;
        remaining.count = 20;
        s.models[1].headers = { remaining };
        dash.applySnapshot(s);
        QVERIFY(!tile->isHidden());
        QCOMPARE(numbers->valueText(u"tileGatewayOverhead"_s), u"9.00 ms"_s);
        QVERIFY(numbers->detailText(u"tileGatewayOverhead"_s).contains(u"x-litellm-overhead-duration-ms"_s));
        QVERIFY(tile->toolTip().contains(s.models[0].model + u": p50"_s));
        QVERIFY(!tile->toolTip().contains(s.models[1].model + u": p50"_s));
    }

    void measuredOverheadTileForAPairedRun()
    {
        Dashboard dash;
        feed(dash);
        auto *numbers = dash.findChild<ui::BigNumbersWidget *>(u"bigNumbers"_s);
        auto *tile = numbers->findChild<QFrame *>(u"tileGatewayOverhead"_s);
        QVERIFY(tile && tile->isHidden());
        // Live: the snapshot's gateway − direct p50s.
        metrics::Snapshot s = dashboardSnapshot(0, 3);
        s.overhead = metrics::OverheadLive { 6.25, 3.0, 40, 41 };
        dash.applySnapshot(s);
        QVERIFY(!tile->isHidden());
        QCOMPARE(numbers->valueText(u"tileGatewayOverhead"_s), u"+6.3 ms"_s);
        QCOMPARE(numbers->detailText(u"tileGatewayOverhead"_s), u"p50 · TTFT +3.0 ms · 40 vs 41 requests"_s);
        QVERIFY(tile->toolTip().contains(u"direct_target"_s));
        // Finished: from the summary's histograms, with the significance hint.
        metrics::RunSummary summary;
        metrics::Overhead overhead;
        overhead.directBaseUrl = u"http://127.0.0.1:9/v1"_s;
        metrics::OverheadGroup all;
        all.model = u"all"_s;
        for (int i = 0; i < 30; ++i) {
            all.gateway.duration.record(std::uint64_t(110'000 + i * 100)); // microseconds
            all.direct.duration.record(std::uint64_t(100'000 + i * 100));
        }
        all.gateway.requests = all.direct.requests = 30;
        overhead.groups = { all };
        summary.overhead = overhead;
        dash.finishRun(summary);
        const double shown = *report::overheadRows(overhead).constFirst().overhead.latencyP50;
        QVERIFY2(shown > 9.5 && shown < 10.5, qPrintable(QString::number(shown))); // histogram buckets: 0.4 %
        QCOMPARE(numbers->valueText(u"tileGatewayOverhead"_s), report::overheadMs(shown));
        QVERIFY2(numbers->detailText(u"tileGatewayOverhead"_s).contains(u"slower (p < 0.001"_s),
            qPrintable(numbers->detailText(u"tileGatewayOverhead"_s)));
        QVERIFY(numbers->detailText(u"tileGatewayOverhead"_s).contains(u"TTFT -"_s)); // no TTFT recorded
    }

    void goodputOnlyWithAnSlo()
    {
        Dashboard dash;
        feed(dash); // no SLO declared
        auto *numbers = dash.findChild<ui::BigNumbersWidget *>(u"bigNumbers"_s);
        auto *tile = numbers->findChild<QFrame *>(u"tileGoodput"_s);
        QVERIFY(tile && tile->isHidden());
        QAbstractItemModel *table = tableModel(dash, u"modelSummaryTable"_s);
        QCOMPARE(table->columnCount(), int(ui::ModelSummaryModel::SloMet));
        QVERIFY(!series(dash, u"throughputChart"_s, u"goodput"_s));

        report::RunMeta info = dashboardRunMeta();
        info.scenario.slo.setBound(model::SloMetric::Ttft, 500);
        dash.beginRun(info);
        QAbstractItemModelTester tester(table, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(table->columnCount(), int(ui::ModelSummaryModel::SloMet) + 1); // no cache or reasoning tokens
        QCOMPARE(table->headerData(ui::ModelSummaryModel::SloMet, Qt::Horizontal).toString(), u"SLO met %"_s);
        QVERIFY(table->headerData(ui::ModelSummaryModel::SloMet, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(u"slo_attainment"_s));
        metrics::Snapshot s = dashboardSnapshot(0, 3);
        for (metrics::GroupStats *g : { &s.overall, &s.models[0], &s.models[1] })
            g->slo = info.scenario.slo;
        s.overall.sloMet = 12;
        s.overall.goodput = 3.0;
        s.overall.sloAttainment = 0.75;
        s.models[0].sloAttainment = 0.5;
        for (metrics::SecondPoint &p : s.newSeconds)
            p.groups[0].sloMet = int(p.second) + 2;
        dash.applySnapshot(s);
        dash.flushCharts();
        QVERIFY(!tile->isHidden());
        QVERIFY(tile->toolTip().contains(u"Goodput"_s) && tile->toolTip().contains(u"SLO met %"_s));
        QCOMPARE(numbers->valueText(u"tileGoodput"_s), u"3.00"_s);
        QCOMPARE(numbers->detailText(u"tileGoodput"_s), u"75.0 % met SLO"_s);
        QCOMPARE(table->index(0, ui::ModelSummaryModel::SloMet).data().toString(), u"50.0 %"_s);
        QCOMPARE(table->index(2, ui::ModelSummaryModel::SloMet).data().toString(), u"75.0 %"_s); // mixed
        QXYSeries *goodput = series(dash, u"throughputChart"_s, u"goodput"_s);
        QVERIFY(goodput);
        QCOMPARE(goodput->count(), 4);
        QCOMPARE(goodput->at(3), QPointF(4, 5));

        // The next run without an SLO: gone again.
        dash.beginRun(dashboardRunMeta());
        dash.applySnapshot(dashboardSnapshot(0, 3));
        QVERIFY(tile->isHidden());
        QCOMPARE(table->columnCount(), int(ui::ModelSummaryModel::SloMet));
        QVERIFY(!series(dash, u"throughputChart"_s, u"goodput"_s));
    }

    void failuresTable()
    {
        Dashboard dash;
        feed(dash);
        QAbstractItemModel *model = tableModel(dash, u"failuresTable"_s);
        QVERIFY(model);
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 3);
        auto *tabs = dash.findChild<QTabWidget *>(u"dashboardTabs"_s);
        QCOMPARE(tabs->tabText(1), u"Failures (3)"_s);
    }

    // Hovering one chart shows the values at that second on every chart; leaving hides them all.
    void hoverReadoutIsSynced()
    {
        Dashboard dash;
        dash.resize(1400, 900);
        dash.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dash));
        feed(dash);
        const QList<ui::TimeSeriesChart *> charts = dash.findChildren<ui::TimeSeriesChart *>();
        QCOMPARE(charts.size(), 5);
        ui::TimeSeriesChart *latency = charts.value(0);
        for (ui::TimeSeriesChart *c : charts)
            if (c->view()->objectName() == u"latencyChart"_s)
                latency = c;
        QChartView *view = latency->view();
        const QPointF sixSeconds = view->chart()->mapToPosition(QPointF(6, 100));
        const QPoint at = view->mapFromScene(view->chart()->mapToScene(sixSeconds));
        QTest::mouseMove(view->viewport(), at);
        QTRY_VERIFY(!latency->readoutText().isEmpty());
        const QString time = latency->readoutText().section(u'\n', 0, 0); // "at 0:0x", near 6 s
        QVERIFY2(time.startsWith(u"at 0:0"_s), qPrintable(time));
        for (ui::TimeSeriesChart *c : charts) // the same second on every chart
            QVERIFY2(c->readoutText().startsWith(time + u'\n'), qPrintable(c->view()->objectName() + c->readoutText()));
        QVERIFY2(latency->readoutText().contains(u"p95: "_s), qPrintable(latency->readoutText()));
        // Past the data's end (12 s fed, the axis runs to 30 s) the readout says the time and nothing else.
        const QPointF late = view->chart()->mapToPosition(QPointF(25, 100));
        QTest::mouseMove(view->viewport(), view->mapFromScene(view->chart()->mapToScene(late)));
        QTRY_VERIFY(latency->readoutText().isEmpty());
        QTest::mouseMove(view->viewport(), QPoint(1, 1)); // outside the plot
        for (ui::TimeSeriesChart *c : charts)
            QVERIFY(c->readoutText().isEmpty());
    }

    void presentationMode()
    {
        Dashboard dash;
        dash.resize(1400, 900);
        dash.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dash));
        feed(dash);
        const auto visible = [&](const QString &name) { return dash.findChild<QWidget *>(name)->isVisible(); };
        QVERIFY(visible(u"modelSummaryTable"_s) && visible(u"errorsChart"_s) && visible(u"statusPanel"_s));
        const double before = numbersFont(dash);
        dash.setPresentationMode(true);
        QVERIFY(dash.presentationMode());
        // Every chart stays (an audience asks about errors and TTFT too); the tables give way to the verdict.
        for (const QString &shown : { u"latencyChart"_s, u"throughputChart"_s, u"errorsChart"_s, u"vusChart"_s,
                 u"ttftChart"_s, u"bigNumbers"_s, u"presentationVerdict"_s })
            QVERIFY2(visible(shown), qPrintable(shown));
        for (const QString &hidden : { u"statusPanel"_s, u"modelSummaryTable"_s, u"failuresTable"_s })
            QVERIFY2(!visible(hidden), qPrintable(hidden));
        // feed() leaves the error-rate rule failing: the verdict says so.
        const QString verdict = dash.findChild<QLabel *>(u"presentationVerdict"_s)->text();
        QVERIFY2(verdict.contains(u"FAILING"_s) && verdict.contains(u"1 of 5"_s), qPrintable(verdict));
        QVERIFY(numbersFont(dash) >= before * 1.2); // as large as the screen lets it be (800 px wide here)
        dash.setPresentationMode(false);
        QVERIFY(visible(u"errorsChart"_s) && visible(u"modelSummaryTable"_s) && !visible(u"presentationVerdict"_s));
        QCOMPARE(numbersFont(dash), before);
    }

    void showRunRebuildsFromHistory()
    {
        Dashboard dash;
        feed(dash);
        metrics::RunSummary summary;
        summary.durationMs = 30000;
        for (int s = 0; s < 30; ++s)
            summary.history.append(dashboardSecond(s));
        const metrics::Snapshot last = dashboardSnapshot(29, 29);
        summary.overall = last.overall;
        summary.models = last.models;
        summary.thresholds = last.thresholds;
        summary.failures = last.failures;
        summary.maxVus = 20;
        dash.showRun(dashboardRunMeta(), summary);
        QXYSeries *p95 = series(dash, u"latencyChart"_s, u"p95"_s);
        QCOMPARE(p95->count(), 30);
        QCOMPARE(p95->at(0), QPointF(1, 10.0 * 1.8));
        QCOMPARE(series(dash, u"ttftChart"_s, u"gpt-4.1"_s)->count(), 30);
        QCOMPARE(tableModel(dash, u"modelSummaryTable"_s)->index(0, ui::ModelSummaryModel::Requests).data(),
            QVariant(u"360"_s));
        // finishRun after live snapshots appends only the seconds not seen yet.
        dash.beginRun(dashboardRunMeta());
        dash.applySnapshot(dashboardSnapshot(0, 9));
        dash.finishRun(summary);
        QCOMPARE(series(dash, u"latencyChart"_s, u"p95"_s)->count(), 30);
        const auto *x = qobject_cast<QValueAxis *>(chart(dash, u"latencyChart"_s)->axes(Qt::Horizontal).value(0));
        QCOMPARE(x->max(), 30.0);
    }

    // A conversation run (issue 16) has a "Conversation turns" tab: the table by turn and the TTFT chart,
    // live from each snapshot; any other run has no such tab.
    void conversationRunShowsItsTurns()
    {
        Dashboard dash;
        report::RunMeta meta = dashboardRunMeta();
        meta.scenario.conversation = scenario::Conversation { 3, std::nullopt };
        dash.beginRun(meta);
        auto *tabs = dash.findChild<QTabWidget *>(u"dashboardTabs"_s);
        QVERIFY(tabs);
        QWidget *turnsView = dash.findChild<QWidget *>(u"turnsView"_s);
        QVERIFY(turnsView);
        QVERIFY(tabs->indexOf(turnsView) >= 0);
        QCOMPARE(tabs->tabText(tabs->indexOf(turnsView)), u"Conversation turns"_s);
        metrics::Snapshot snapshot = dashboardSnapshot(0, 9);
        for (int t = 1; t <= 3; ++t) {
            metrics::TurnStats turn;
            turn.turn = t;
            turn.requests = turn.successes = 10 - t;
            turn.promptTokens = 100 * t * turn.requests;
            metrics::Histogram h;
            h.record(std::uint64_t(100'000 * t)); // 100 ms x the turn
            turn.ttft = metrics::LatencyStats::fromHistogram(h);
            turn.latency = turn.ttft;
            snapshot.overall.turns.append(turn);
        }
        dash.applySnapshot(snapshot);
        auto *table = dash.findChild<QTableWidget *>(u"turnsTable"_s);
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 3);
        QCOMPARE(table->horizontalHeaderItem(3)->text(), u"TTFT p50"_s);
        QCOMPARE(table->item(2, 0)->text(), u"3"_s);
        QCOMPARE(table->item(1, 3)->text(), u"200.0"_s);
        QCOMPARE(table->item(2, 6)->text(), u"300"_s); // prompt tokens per request
        auto *view = dash.findChild<QChartView *>(u"turnsChart"_s);
        QVERIFY(view);
        const QList<QAbstractSeries *> lines = view->chart()->series();
        QCOMPARE(lines.size(), 2); // p50 and p95 of every model (one model has turns: no per-model line)
        auto *p50 = qobject_cast<QXYSeries *>(lines.first());
        QCOMPARE(p50->count(), 3);
        QCOMPARE(p50->at(2), QPointF(3, 300));
        auto *prefixTable = dash.findChild<QTableWidget *>(u"sharedPrefixTable"_s);
        QVERIFY(prefixTable);
        QVERIFY(prefixTable->isHidden()); // no shared prefixes in this run
        // A run without conversations: no tab.
        dash.beginRun(dashboardRunMeta());
        QCOMPARE(tabs->indexOf(turnsView), -1);

        // Shared prefixes alone: a "Shared prefix" tab with the split, no turns table, no chart.
        meta = dashboardRunMeta();
        meta.scenario.prompts.sharedPrefix = scenario::SharedPrefix {};
        dash.beginRun(meta);
        QVERIFY(tabs->indexOf(turnsView) >= 0);
        QCOMPARE(tabs->tabText(tabs->indexOf(turnsView)), u"Shared prefix"_s);
        snapshot = dashboardSnapshot(0, 9);
        metrics::SharedPrefixStats split;
        split.with.requests = split.with.successes = 6;
        split.without.requests = split.without.successes = 4;
        split.with.cacheReadTokens = 6 * 2000;
        metrics::Histogram fast, slow;
        fast.record(50'000);
        slow.record(200'000);
        split.with.ttft = metrics::LatencyStats::fromHistogram(fast);
        split.without.ttft = metrics::LatencyStats::fromHistogram(slow);
        snapshot.overall.sharedPrefix = split;
        dash.applySnapshot(snapshot);
        QCOMPARE(prefixTable->rowCount(), 2);
        QVERIFY(!prefixTable->isHidden());
        QVERIFY(table->isHidden());
        QVERIFY(view->isHidden());
        QCOMPARE(prefixTable->item(0, 1)->text(), u"6"_s);
        QVERIFY2(prefixTable->item(0, 0)->text().contains(u"with"_s), qPrintable(prefixTable->item(0, 0)->text()));
    }

    // A sweep run puts its chart (latency and goodput against the offered rate) first in the grid and
    // feeds it from the snapshots, then the summary; any other run has no such chart.
    void sweepRunShowsItsChartFirst()
    {
        Dashboard dash;
        feed(dash);
        auto *sweep = dash.findChild<ui::SweepChart *>(u"sweepChart"_s);
        auto *grid = qobject_cast<QGridLayout *>(dash.findChild<QWidget *>(u"chartsBox"_s)->layout());
        QVERIFY(sweep && grid);
        QVERIFY(!sweep->isVisibleTo(&dash));
        QCOMPARE(grid->indexOf(sweep), -1);

        report::RunMeta meta = dashboardRunMeta(true);
        meta.scenario.load.executor = scenario::ExecutorKind::Sweep;
        dash.beginRun(meta);
        QVERIFY(sweep->isVisibleTo(&dash));
        int row = -1, column = -1, rowSpan = 0, columnSpan = 0;
        grid->getItemPosition(grid->indexOf(sweep), &row, &column, &rowSpan, &columnSpan);
        QCOMPARE(QPoint(column, row), QPoint(0, 0));
        QVERIFY(columnSpan >= 2); // the whole first row (two or three columns)
        metrics::Snapshot s = dashboardSnapshot(0, 3);
        auto step = [](int index, double rate, double p95, bool passed) {
            metrics::SweepStep st;
            st.step = index;
            st.offeredRate = rate;
            st.achievedRate = rate;
            st.requests = 50;
            st.latencyP50 = p95 / 2;
            st.latencyP95 = p95;
            st.latencyP99 = p95 * 1.2;
            st.passed = passed;
            st.reason = passed ? QString() : u"p95 latency 900 ms ≥ SLO 500 ms"_s;
            return st;
        };
        s.sweepSteps = { step(1, 5, 200, true), step(2, 7.5, 260, true), step(3, 11.25, 900, false) };
        dash.applySnapshot(s);
        QCOMPARE(sweep->series(u"latency:p(95)"_s)->count(), 3);
        QCOMPARE(sweep->kneeLine()->count(), 2);
        QCOMPARE(sweep->kneeLine()->at(0).x(), 11.25);

        metrics::RunSummary summary;
        summary.durationMs = 4000;
        summary.capacity.stepDurationMs = 1000;
        summary.capacity.overall = metrics::verdictOf(u"all"_s, s.sweepSteps);
        dash.showRun(meta, summary); // a finished sweep shown again: from the summary alone
        QCOMPARE(sweep->series(u"latency:p(95)"_s)->count(), 3);
        QVERIFY2(sweep->caption().contains(u"safe rate 7.5"_s), qPrintable(sweep->caption()));

        dash.beginRun(dashboardRunMeta()); // not a sweep: the chart goes
        QVERIFY(!sweep->isVisibleTo(&dash));
        QCOMPARE(grid->indexOf(sweep), -1);
        QVERIFY(sweep->series(u"latency:p(95)"_s)->points().isEmpty());
    }

    // scenario server_metrics: a sixth chart after ours (three columns still make two rows), fed from
    // the snapshots and the summary, its caption and tooltip stating the endpoint, interval and errors;
    // a run without server_metrics has no such chart.
    void serverChartOnlyWithServerMetrics()
    {
        Dashboard dash;
        feed(dash);
        auto *server = dash.findChild<ui::ServerChart *>(u"serverChart"_s);
        auto *grid = qobject_cast<QGridLayout *>(dash.findChild<QWidget *>(u"chartsBox"_s)->layout());
        QVERIFY(server && grid);
        QVERIFY(!server->isVisibleTo(&dash));
        QCOMPARE(grid->indexOf(server), -1);

        report::RunMeta meta = dashboardRunMeta();
        meta.scenario.serverMetrics = scenario::ServerMetricsConfig {};
        meta.scenario.serverMetrics->url = u"http://gw/metrics"_s;
        meta.scenario.serverMetrics->series = { u"req_total"_s, u"lat"_s };
        dash.beginRun(meta);
        QVERIFY(server->isVisibleTo(&dash));
        QVERIFY(grid->indexOf(server) >= 0);
        QCOMPARE(server->caption(), u"Waiting for the first scrape."_s);

        metrics::ServerMetrics sm;
        sm.url = u"http://gw/metrics"_s;
        sm.format = u"prometheus"_s;
        sm.intervalS = 5;
        sm.scrapes = 3;
        sm.errors = 1;
        sm.lastError = u"http://gw/metrics: HTTP 503"_s;
        sm.series = { { u"req_total"_s, u"counter_rate"_s, { { 5, 20 }, { 10, 22 } }, 0 },
            { u"lat"_s, u"histogram_p95"_s, { { 10, 0.4 } }, 0 } };
        metrics::Snapshot s = dashboardSnapshot(0, 3);
        s.serverMetrics = sm;
        dash.applySnapshot(s);
        QCOMPARE(server->series(u"req_total"_s, u"counter_rate"_s)->count(), 2);
        QCOMPARE(server->series(u"req_total"_s, u"counter_rate"_s)->name(), u"req_total (rate/s)"_s);
        QCOMPARE(server->series(u"lat"_s, u"histogram_p95"_s)->at(0), QPointF(10, 0.4));
        QVERIFY2(server->caption().contains(
                     u"every 5 s: 3 scrape(s), 1 error(s); last error: http://gw/metrics: HTTP 503"_s),
            qPrintable(server->caption()));
        QVERIFY(server->toolTip().contains(u"counter_rate: the counter's growth per second"_s));
        QVERIFY(server->toolTip().contains(u"every 5 s"_s));

        // At 1280x720 the sixth chart fits beside ours: nothing widens the window, the chart is inside it.
        QVERIFY2(dash.minimumSizeHint().width() <= 1280, qPrintable(QString::number(dash.minimumSizeHint().width())));
        dash.resize(1280, 720);
        dash.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dash));
        QCOMPARE(dash.width(), 1280);
        QVERIFY(server->width() >= 250);
        QVERIFY(server->mapTo(&dash, QPoint(server->width(), 0)).x() <= 1280);

        metrics::RunSummary summary;
        summary.durationMs = 15000;
        sm.scrapes = 4;
        sm.series[0].samples.append({ 15, 18 });
        summary.serverMetrics = sm;
        dash.finishRun(summary);
        QCOMPARE(server->series(u"req_total"_s, u"counter_rate"_s)->count(), 3);

        dash.beginRun(dashboardRunMeta()); // no server_metrics: the chart goes
        QVERIFY(!server->isVisibleTo(&dash));
        QCOMPARE(grid->indexOf(server), -1);
    }

    void runWithoutSuccessSaysNoDataNotWaiting()
    {
        // A run where every request failed has no latency to draw: once it has seconds, the
        // latency chart says so instead of "Waiting for data…"; the next run starts waiting again.
        Dashboard dash;
        auto *latency = dash.findChild<ui::LatencyChart *>();
        QVERIFY(latency);
        QCOMPARE(latency->placeholderText(), ui::TimeSeriesChart::waitingText());
        metrics::RunSummary summary;
        summary.durationMs = 5000;
        summary.end = model::RunEnd::Stopped;
        for (int s = 0; s < 5; ++s) {
            metrics::SecondPoint p = dashboardSecond(s);
            for (metrics::SecondPoint::Group &g : p.groups) {
                g.failures = g.requests;
                g.successes = 0;
                g.errors = { { u"http_503"_s, g.requests } };
                g.latency = g.ttft = metrics::SecondLatency();
            }
            summary.history.append(p);
        }
        dash.showRun(dashboardRunMeta(), summary);
        QCOMPARE(latency->placeholderText(), ui::TimeSeriesChart::noDataText());
        dash.beginRun(dashboardRunMeta());
        QCOMPARE(latency->placeholderText(), ui::TimeSeriesChart::waitingText());
    }

    void seriesStayBoundedOnLongRuns()
    {
        Dashboard dash;
        dash.beginRun(dashboardRunMeta());
        const std::int64_t seconds = 5000;
        for (std::int64_t from = 0; from < seconds; from += 100)
            dash.applySnapshot(dashboardSnapshot(from, from + 99, 0));
        dash.flushCharts();
        const int bound = chart::SeriesBuffer().maxPoints();
        for (const auto &[chartName, seriesName] : QList<std::pair<QString, QString>> { { u"latencyChart"_s, u"p99"_s },
                 { u"throughputChart"_s, u"achieved req/s"_s }, { u"vusChart"_s, u"in flight"_s },
                 { u"ttftChart"_s, u"gpt-4.1"_s } }) {
            QXYSeries *s = series(dash, chartName, seriesName);
            // drawn reduced to about one point per pixel; the buffers behind are bounded too
            QVERIFY2(s->count() < 1000 && s->count() <= bound, qPrintable(chartName));
            QVERIFY(s->count() > 100);
        }
        QXYSeries *p99 = series(dash, u"latencyChart"_s, u"p99"_s);
        // minutes on the axis past 15 min; the newest point is exact
        QCOMPARE(p99->at(p99->count() - 1), QPointF(double(seconds) / 60.0, 10.0 * seconds * 2.5));
        QCOMPARE(chart(dash, u"latencyChart"_s)->axes(Qt::Horizontal).value(0)->titleText(), u"elapsed (min)"_s);
        // the peak of the whole run survives both reductions (min-max buckets)
        double peak = 0;
        for (const QPointF &p : p99->points())
            peak = std::max(peak, p.y());
        QCOMPARE(peak, 10.0 * seconds * 2.5);
    }

    void zoomRefinesAveragedRates()
    {
        Dashboard dash;
        dash.resize(1400, 900);
        dash.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dash));
        dash.beginRun(dashboardRunMeta());
        for (std::int64_t from = 0; from < 3000; from += 100)
            dash.applySnapshot(dashboardSnapshot(from, from + 99, 0));
        dash.flushCharts();
        QXYSeries *achieved = series(dash, u"throughputChart"_s, u"achieved req/s"_s);
        const qsizetype whole = achieved->count();
        QVERIFY2(whole < 3000, "averaged into display buckets over a long span");
        QChart *c = chart(dash, u"throughputChart"_s);
        const QRectF plot = c->plotArea();
        c->zoomIn(QRectF(plot.left(), plot.top(), plot.width() / 20, plot.height()));
        QTRY_VERIFY(achieved->count() > whole);
        // A snapshot while zoomed keeps the zoom (the axes are left alone).
        const double zoomedMax = qobject_cast<QValueAxis *>(c->axes(Qt::Horizontal).value(0))->max();
        dash.applySnapshot(dashboardSnapshot(3000, 3000, 0));
        dash.flushCharts();
        QCOMPARE(qobject_cast<QValueAxis *>(c->axes(Qt::Horizontal).value(0))->max(), zoomedMax);
        c->zoomReset();
    }

    void dashboardAndReportDrawTheSamePoints_data()
    {
        QTest::addColumn<int>("seconds");
        QTest::addRow("30 s, every second") << 30;
        QTest::addRow("40 min, reduced") << 2400; // minutes on the dashboard's axis, 8-second buckets
    }

    void dashboardAndReportDrawTheSamePoints()
    {
        // One history, shown by the dashboard (Qt Charts) and written by the HTML report (SVG): the
        // same points at the same x, in the same colours. The dashboard is not shown: its charts
        // reduce to the default width, the report's budget.
        QFETCH(int, seconds);
        metrics::RunSummary summary;
        summary.durationMs = seconds * 1000;
        for (int s = 0; s < seconds; ++s)
            summary.history.append(dashboardSecond(s));
        const metrics::Snapshot last = dashboardSnapshot(seconds - 1, seconds - 1);
        summary.overall = last.overall;
        summary.models = last.models;
        Dashboard dash;
        dash.showRun(dashboardRunMeta(), summary);
        report::RunRecord record;
        record.summary = summary;
        record.meta.plan = dashboardRunMeta().plan;
        const QList<report::html::LineChart> charts = report::html::overTimeCharts(record);
        QCOMPARE(charts.size(), 5);
        const double divisor = seconds > 900 ? 60 : 1;
        const QList<std::tuple<QString, QString, int>> pairs {
            { u"latencyChart"_s, u"p95"_s, 0 },
            { u"latencyChart"_s, u"p99"_s, 0 },
            { u"throughputChart"_s, u"achieved req/s"_s, 1 },
            { u"ttftChart"_s, u"claude-sonnet-4-5"_s, 3 },
            { u"ttftChart"_s, u"gpt-4.1"_s, 3 },
            { u"vusChart"_s, u"VUs"_s, 4 },
            { u"vusChart"_s, u"in flight"_s, 4 },
            { u"vusChart"_s, u"planned VUs"_s, 4 },
        };
        for (const auto &[chartName, name, index] : pairs) {
            const QByteArray what = (chartName + u' ' + name).toUtf8();
            QXYSeries *shown = series(dash, chartName, name);
            QVERIFY2(shown, what.constData());
            const report::html::Series *written = nullptr;
            for (const report::html::Series &s : charts[index].series)
                written = s.name == name ? &s : written;
            QVERIFY2(written, what.constData());
            QCOMPARE(shown->color().name(), written->color);
            const QList<QPointF> drawn = shown->points();
            QCOMPARE(drawn.size(), written->points.size());
            QVERIFY2(drawn.size() < 700, what.constData());
            for (qsizetype i = 0; i < drawn.size(); ++i) {
                QCOMPARE(drawn[i].x() * divisor, written->points[i].x());
                QCOMPARE(drawn[i].y(), written->points[i].y());
            }
        }
        // The end-of-second rule on both: second 0 is drawn at x = 1.
        if (seconds == 30)
            QCOMPARE(charts[0].series[2].points.constFirst(), QPointF(1, 10.0 * 1.8));
    }

private:
    static double numbersFont(const Dashboard &dash)
    {
        auto *tile = dash.findChild<QFrame *>(u"tileRequests"_s);
        return tile->findChild<QLabel *>(u"value"_s)->font().pointSizeF();
    }
};

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
