// The live dashboard driven as the main window drives it: beginRun, snapshots at 4 Hz, finishRun,
// showRun; charts found by objectName, tables through their views' models.

#include "tst_dashboard_support.h"
#include "ui/dashboard/bignumberswidget.h"
#include "ui/dashboard/dashboard.h"
#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/errorschart.h"
#include "ui/dashboard/latencychart.h"
#include "ui/dashboard/modelsummarymodel.h"
#include "ui/dashboard/seriesbuffer.h"
#include "ui/dashboard/thresholdstatusmodel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QValueAxis>
#include <QTableView>
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
        dash.beginRun(dashboardRunInfo());
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
        dash.beginRun(dashboardRunInfo());
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
        // The time axis covers the planned run.
        const auto *x = qobject_cast<QValueAxis *>(chart(dash, u"latencyChart"_s)->axes(Qt::Horizontal).value(0));
        QVERIFY(x);
        QCOMPARE(x->max(), 60.0);
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
        QCOMPARE(errors->color().rgb(), ui::style::errorClassColor(u"http_429"_s).rgb());
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
        // The value axis shows the threshold even when latencies are far below it.
        const auto *y = qobject_cast<QValueAxis *>(chart(dash, u"latencyChart"_s)->axes(Qt::Vertical).value(0));
        QVERIFY(y && y->max() >= 5000);
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
        QCOMPARE(model->headerData(ui::ModelSummaryModel::Concurrency, Qt::Horizontal).toString(), u"VUs"_s);
        QCOMPARE(model->index(0, ui::ModelSummaryModel::Concurrency).data().toString(), u"~15"_s); // 20 x 3/4
        QCOMPARE(model->index(2, ui::ModelSummaryModel::Concurrency).data().toString(), u"20"_s);
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
        QVERIFY(lines[0].startsWith(u"Model\tVUs\tRequests\tMean (ms)\tp95 (ms)\tp99 (ms)\tReq/s\tError %"_s));
        QVERIFY(lines[0].endsWith(u"Cost ($)"_s));
        const QStringList gpt = lines[1].split(u'\t');
        QCOMPARE(gpt.size(), int(ui::ModelSummaryModel::ColumnCount));
        QCOMPARE(gpt[0], u"gpt-4.1"_s);
        QCOMPARE(gpt[ui::ModelSummaryModel::Requests], u"144"_s);
        QCOMPARE(gpt[ui::ModelSummaryModel::P95], u"900.0"_s);
        QCOMPARE(gpt[ui::ModelSummaryModel::ErrorRate], u"1.39"_s); // 2 of 144
        QVERIFY(lines[3].startsWith(u"mixed\t20\t192\t"_s));
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
        dash.beginRun(dashboardRunInfo());
        QAbstractItemModel *model = tableModel(dash, u"thresholdTable"_s);
        QVERIFY(model);
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 5); // listed as "no data" before the first snapshot
        QCOMPARE(model->index(0, 0).data().toString(), u"no data"_s);
        dash.applySnapshot(dashboardSnapshot(0, 3));
        QCOMPARE(model->rowCount(), 5);
        const auto colour = [&](int row, int role) { return model->index(row, 0).data(role).value<QColor>(); };
        QCOMPARE(model->index(0, 0).data().toString(), u"pass"_s);
        QCOMPARE(colour(0, Qt::DecorationRole), ui::style::passColor());
        QCOMPARE(colour(0, Qt::BackgroundRole), ui::style::passBackground());
        QCOMPARE(model->index(0, ui::ThresholdStatusModel::Value).data().toString(), u"1,800 ms"_s);
        QCOMPARE(model->index(3, 0).data().toString(), u"no data"_s);
        QCOMPARE(colour(3, Qt::DecorationRole), ui::style::noDataColor());
        QCOMPARE(model->index(4, 0).data().toString(), u"FAIL"_s);
        QCOMPARE(colour(4, Qt::BackgroundRole), ui::style::failBackground());
        QCOMPARE(model->index(4, ui::ThresholdStatusModel::Value).data().toString(), u"0.07 (7.00 %)"_s);
        QCOMPARE(model->index(4, ui::ThresholdStatusModel::Abort).data().toString(), u"abort"_s);
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
        QVERIFY(visible(u"latencyChart"_s) && visible(u"throughputChart"_s) && visible(u"bigNumbers"_s));
        for (const QString &hidden : { u"errorsChart"_s, u"vusChart"_s, u"ttftChart"_s, u"statusPanel"_s,
                                       u"modelSummaryTable"_s, u"failuresTable"_s })
            QVERIFY2(!visible(hidden), qPrintable(hidden));
        QVERIFY(numbersFont(dash) >= before * 1.6);
        dash.setPresentationMode(false);
        QVERIFY(visible(u"errorsChart"_s) && visible(u"modelSummaryTable"_s));
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
        dash.showRun(dashboardRunInfo(), summary);
        QXYSeries *p95 = series(dash, u"latencyChart"_s, u"p95"_s);
        QCOMPARE(p95->count(), 30);
        QCOMPARE(p95->at(0), QPointF(1, 10.0 * 1.8));
        QCOMPARE(series(dash, u"ttftChart"_s, u"gpt-4.1"_s)->count(), 30);
        QCOMPARE(tableModel(dash, u"modelSummaryTable"_s)->index(0, ui::ModelSummaryModel::Requests).data(),
                 QVariant(u"360"_s));
        // finishRun after live snapshots appends only the seconds not seen yet.
        dash.beginRun(dashboardRunInfo());
        dash.applySnapshot(dashboardSnapshot(0, 9));
        dash.finishRun(summary);
        QCOMPARE(series(dash, u"latencyChart"_s, u"p95"_s)->count(), 30);
        const auto *x = qobject_cast<QValueAxis *>(chart(dash, u"latencyChart"_s)->axes(Qt::Horizontal).value(0));
        QCOMPARE(x->max(), 30.0);
    }

    void seriesStayBoundedOnLongRuns()
    {
        Dashboard dash;
        dash.beginRun(dashboardRunInfo());
        const std::int64_t seconds = 5000;
        for (std::int64_t from = 0; from < seconds; from += 100)
            dash.applySnapshot(dashboardSnapshot(from, from + 99, 0));
        dash.flushCharts();
        const int bound = ui::SeriesBuffer(ui::SeriesBuffer::Reduce::MinMax).maxPoints();
        for (const auto &[chartName, seriesName] :
             QList<std::pair<QString, QString>> { { u"latencyChart"_s, u"p99"_s },
                                                  { u"throughputChart"_s, u"achieved req/s"_s },
                                                  { u"vusChart"_s, u"in flight"_s },
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
        dash.beginRun(dashboardRunInfo());
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

private:
    static double numbersFont(const Dashboard &dash)
    {
        auto *tile = dash.findChild<QFrame *>(u"tileRequests"_s);
        return tile->findChild<QLabel *>(u"value"_s)->font().pointSizeF();
    }
};

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
