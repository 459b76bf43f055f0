// The dashboard's building blocks on their own: the bounded series buffer and the item models
// (failures with 100,000 grouped failures, per-model summary for the open model, thresholds).

#include "tst_dashboard_support.h"
#include "ui/dashboard/chartcontext.h"
#include "ui/dashboard/chartscales.h"
#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/failuresmodel.h"
#include "ui/dashboard/metrictips.h"
#include "ui/dashboard/modelsummarymodel.h"
#include "ui/dashboard/modelsummaryproxy.h"
#include "ui/dashboard/seriesbuffer.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace stampede;
using namespace stampede::test;
using ui::SeriesBuffer;

class TestDashboardModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void bufferKeepsRecentPointsExact()
    {
        SeriesBuffer buffer(SeriesBuffer::Reduce::MinMax, 100, 40);
        for (int i = 0; i < 100; ++i)
            buffer.append(i, i * 2);
        QCOMPARE(buffer.size(), 100);
        QCOMPARE(buffer.points().at(37), QPointF(37, 74));
        QCOMPARE(buffer.last(), QPointF(99, 198));
    }

    void bufferStaysBounded_data()
    {
        QTest::addColumn<int>("reduce");
        QTest::addRow("min-max") << int(SeriesBuffer::Reduce::MinMax);
        QTest::addRow("mean") << int(SeriesBuffer::Reduce::Mean);
    }

    void bufferStaysBounded()
    {
        QFETCH(int, reduce);
        SeriesBuffer buffer(SeriesBuffer::Reduce(reduce), 100, 40);
        int largest = 0;
        for (int i = 0; i < 100000; ++i) {
            buffer.append(i, i % 7);
            largest = std::max(largest, int(buffer.size()));
        }
        QVERIFY(largest <= buffer.maxPoints());
        QVERIFY2(largest < 400, qPrintable(QString::number(largest)));
        QCOMPARE(buffer.last(), QPointF(99999, 99999 % 7));
        // x stays increasing through every reduction
        for (qsizetype i = 1; i < buffer.size(); ++i)
            QVERIFY(buffer.points()[i].x() > buffer.points()[i - 1].x());
        QVERIFY(buffer.bucketSize() > 10);
    }

    void minMaxKeepsSpikes()
    {
        SeriesBuffer buffer(SeriesBuffer::Reduce::MinMax, 50, 20);
        for (int i = 0; i < 5000; ++i)
            buffer.append(i, i == 1234 ? 9999 : (i == 2345 ? -5 : 1));
        double hi = 0, lo = 0;
        for (const QPointF &p : buffer.points()) {
            hi = std::max(hi, p.y());
            lo = std::min(lo, p.y());
        }
        QCOMPARE(hi, 9999.0);
        QCOMPARE(lo, -5.0);
    }

    void meanBuffersStayAligned()
    {
        SeriesBuffer a(SeriesBuffer::Reduce::Mean, 60, 20);
        for (int i = 0; i < 700; ++i)
            a.append(i, 1);
        SeriesBuffer b = SeriesBuffer::zerosLike(a);
        for (int i = 700; i < 3000; ++i) {
            a.append(i, 1);
            b.append(i, 2);
        }
        QCOMPARE(a.size(), b.size());
        for (qsizetype i = 0; i < a.size(); ++i)
            QCOMPARE(a.points()[i].x(), b.points()[i].x());
        QCOMPARE(a.points().constFirst().y(), 1.0); // mean of ones
        QCOMPARE(b.last().y(), 2.0);
    }

    void displayAveraging()
    {
        QList<QPointF> points;
        for (int i = 0; i < 100; ++i)
            points.append(QPointF(i, i % 2 ? 0 : 2));
        QVERIFY(ui::scales::forDisplay(points, 0, 1).constData() == points.constData()); // shared
        const QList<QPointF> minutes = ui::scales::forDisplay(points, 0, 60);
        QCOMPARE(minutes.size(), 100);
        QCOMPARE(minutes[60], QPointF(1, 2));
        const QList<QPointF> averaged = ui::scales::forDisplay(points, 10, 1);
        QCOMPARE(averaged.size(), 10);
        QCOMPARE(averaged[3], QPointF(34.5, 1));
        points[57].setY(99);
        const QList<QPointF> envelope = ui::scales::forDisplay(points, 10, 60, ui::scales::DisplayReduce::MinMax);
        QCOMPARE(envelope.size(), 20);
        QCOMPARE(envelope[8], QPointF(41.0 / 60, 0)); // bucket 4: its lowest, then its highest
        QCOMPARE(envelope[9], QPointF(48.0 / 60, 2));
        QCOMPARE(envelope[10], QPointF(51.0 / 60, 0)); // bucket 5: the low, then the spike
        QCOMPARE(envelope[11], QPointF(57.0 / 60, 99));
        QCOMPARE(ui::scales::niceStep(7300, 5), 2000.0);
        QCOMPARE(ui::scales::labelFormatFor(2.5), u"%.1f"_s);
        QCOMPARE(ui::scales::timeTickInterval(210, 1), 30.0);
    }

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
        a.latencyAll = latencyAround(400); // mean 440 ms: 10/s x 0.44 s = 4.4 in flight
        model.setStats({ a, b }, groupStats(u"all"_s, 1500, 150, 15.0), 0, 7);
        QCOMPARE(model.index(0, ui::ModelSummaryModel::Concurrency).data().toString(), u"~4.4"_s);
        QCOMPARE(model.index(2, ui::ModelSummaryModel::Concurrency).data().toString(), u"7"_s);
        QCOMPARE(model.index(1, 0).data().toString(), u"通义千问-max"_s);
        QCOMPARE(model.index(0, 0).data(Qt::DecorationRole).value<QColor>(), ui::style::modelColor(0));
        proxy.sort(ui::ModelSummaryModel::Model, Qt::DescendingOrder);
        QCOMPARE(proxy.index(2, 0).data().toString(), u"mixed"_s);
        proxy.sort(ui::ModelSummaryModel::Requests, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), u"通义千问-max"_s);
        QCOMPARE(proxy.index(2, 0).data().toString(), u"mixed"_s);
    }

    void everyMetricHasADefinition()
    {
        for (int tip = 0; tip <= int(ui::tips::Tip::Failures); ++tip)
            QVERIFY2(ui::tips::text(ui::tips::Tip(tip)).startsWith(u"<b>"_s), qPrintable(QString::number(tip)));
        QVERIFY(ui::tips::text(ui::tips::Tip::LatencyP95).contains(u"http_req_duration"_s));
    }

    void thresholdMarksFromScenario()
    {
        const QList<ui::ThresholdMark> marks = ui::thresholdMarks(dashboardRunInfo().scenario);
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
