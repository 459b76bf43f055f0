// The chart model on its own: axis arithmetic, the reduction, the bounded series buffer, the x
// rule, the palette and the threshold lines (what the dashboard and the report both draw from).

#include "chart/chartmodel.h"
#include "chart/palette.h"
#include "chart/reduce.h"
#include "chart/scales.h"
#include "chart/seriesbuffer.h"
#include "chart/thresholdlines.h"

#include <QtTest>

#include <cmath>

using namespace stampede;
using namespace Qt::StringLiterals;
using chart::Reduce;
using chart::SeriesBuffer;

namespace {

metrics::SecondLatency latency(float p50, std::uint32_t count = 10)
{
    metrics::SecondLatency l;
    l.count = count;
    l.p50 = p50;
    l.p90 = p50 * 1.5f;
    l.p95 = p50 * 2;
    l.p99 = p50 * 3;
    return l;
}

// Second `s` of a two-model run; model 1 has no success in every fifth second, one 429 every third.
metrics::SecondPoint second(std::int64_t s)
{
    metrics::SecondPoint p;
    p.second = s;
    p.vus = int(s % 10);
    p.inFlight = int(s % 7);
    p.plannedTarget = 5;
    for (int g = 0; g < 3; ++g) {
        metrics::SecondPoint::Group group;
        group.requests = 4;
        group.completionTokens = 400;
        group.latency = latency(float(100 + s), g == 1 && s % 5 == 0 ? 0 : 10);
        group.ttft = latency(float(10 + s));
        if (g == 0 && s % 3 == 0) {
            group.failures = 1;
            group.errors.insert(u"http_429"_s, 1);
        }
        if (g == 0 && s == 7)
            group.errors.insert(u"timeout"_s, 2);
        p.groups.append(group);
    }
    return p;
}

QList<metrics::SecondPoint> history(std::int64_t from, std::int64_t to)
{
    QList<metrics::SecondPoint> out;
    for (std::int64_t s = from; s < to; ++s)
        out.append(second(s));
    return out;
}

const QStringList kModels { u"gpt-4.1"_s, u"claude-sonnet-4-5"_s };

} // namespace

class TestChart : public QObject
{
    Q_OBJECT

private slots:
    void valueAxis_data()
    {
        QTest::addColumn<double>("max");
        QTest::addColumn<double>("top");
        QTest::addColumn<double>("step");
        QTest::addRow("nothing") << 0.0 << 1.0 << 0.2;
        QTest::addRow("0.9") << 0.9 << 1.0 << 0.2; // 0.972 with headroom
        QTest::addRow("7") << 7.0 << 8.0 << 2.0; // 7.56
        QTest::addRow("10") << 10.0 << 12.5 << 2.5; // 10.8
        QTest::addRow("880") << 880.0 << 1000.0 << 200.0; // 950.4
        QTest::addRow("7300") << 7300.0 << 8000.0 << 2000.0; // 7884
        QTest::addRow("48000") << 48000.0 << 60000.0 << 20000.0; // 51840
    }
    void valueAxis()
    {
        QFETCH(double, max);
        QFETCH(double, top);
        QFETCH(double, step);
        const chart::ValueAxis axis = chart::valueAxis(max);
        QCOMPARE(axis.top, top);
        QCOMPARE(axis.step, step);
        QVERIFY(axis.top >= max * chart::kHeadroom);
        QCOMPARE(axis.ticks().size(), axis.intervals + 1);
        QCOMPARE(axis.ticks().constLast(), top);
    }

    void fixedAxisAndDecimals()
    {
        QCOMPARE(chart::fixedValueAxis(100).top, 100.0); // a percentage axis stops at 100
        QCOMPARE(chart::fixedValueAxis(950).ticks(), (QList<double> { 0, 200, 400, 600, 800, 1000 }));
        QCOMPARE(chart::niceStep(7300, 5), 2000.0);
        QCOMPARE(chart::decimalsFor(2.5), 1);
        QCOMPARE(chart::decimalsFor(0.25), 2);
        QCOMPARE(chart::decimalsFor(200), 0);
        const chart::LogRange log = chart::logRange(3.2, 4100);
        QCOMPARE(log.lo, 1.0);
        QCOMPARE(log.hi, 10000.0);
    }

    void timeTicks_data()
    {
        QTest::addColumn<double>("span");
        QTest::addColumn<int>("count");
        QTest::addColumn<double>("step");
        QTest::addRow("20 s") << 20.0 << 10 << 2.0;
        QTest::addRow("60 s") << 60.0 << 8 << 10.0;
        QTest::addRow("210 s") << 210.0 << 8 << 30.0;
        QTest::addRow("1 h") << 3600.0 << 10 << 600.0;
        QTest::addRow("10 h") << 36000.0 << 8 << 7200.0;
        QTest::addRow("30 days") << 2592000.0 << 8 << 345600.0;
    }
    void timeTicks()
    {
        QFETCH(double, span);
        QFETCH(int, count);
        QFETCH(double, step);
        QCOMPARE(chart::timeTickStep(span, count), step);
        const QList<double> ticks = chart::timeTicks(span, count);
        QCOMPARE(ticks.constFirst(), 0.0);
        QVERIFY(ticks.size() <= count + 1);
        QVERIFY(ticks.constLast() <= span);
    }

    void timeUnitsAndLabels()
    {
        QCOMPARE(chart::timeUnit(900).divisor, 1.0);
        QCOMPARE(chart::timeUnit(901).divisor, 60.0);
        QCOMPARE(chart::timeUnit(901).title, u"elapsed (min)"_s);
        QCOMPARE(chart::timeUnit(36001).divisor, 3600.0);
        QCOMPARE(chart::timeLabel(0), u"0:00"_s);
        QCOMPARE(chart::timeLabel(65), u"1:05"_s);
        QCOMPARE(chart::timeLabel(600), u"10:00"_s);
        QCOMPARE(chart::timeLabel(3725), u"1:02:05"_s);
    }

    void reductionKeepsMinAndMax()
    {
        QList<QPointF> points;
        for (int s = 0; s < 3600; ++s)
            points << QPointF(chart::xOf(s), std::sin(s / 50.0) + (s == 1234 ? 10.0 : 0.0) - (s == 2345 ? 10.0 : 0.0));
        const double bucket = chart::bucketFor(3600);
        QCOMPARE(bucket, 12.0);
        const QList<QPointF> out = chart::reduced(points, bucket, Reduce::MinMax);
        QVERIFY(out.size() <= 2 * chart::kDisplayBuckets);
        QVERIFY(out.size() > 500);
        QVERIFY(out.contains(points[1234]));
        QVERIFY(out.contains(points[2345]));
        QCOMPARE(out.constLast(), points.constLast()); // sin rises at the end: the newest is its bucket's max
        for (qsizetype i = 1; i < out.size(); ++i)
            QVERIFY(out[i].x() > out[i - 1].x());
        QVERIFY(chart::reduced(points, chart::bucketFor(300), Reduce::MinMax).constData() == points.constData());
    }

    void reductionBucketsAndGaps()
    {
        // Buckets of 10 s hold seconds [0, 10), [10, 20), ...: x in (0, 10], (10, 20], ...
        QList<QPointF> points;
        for (int s = 0; s < 30; ++s)
            points << QPointF(chart::xOf(s), s >= 10 && s < 20 ? std::nan("") : double(s % 2));
        const QList<QPointF> mean = chart::reduced(points, 10, Reduce::Mean);
        QCOMPARE(mean.size(), 3);
        QCOMPARE(mean[0], QPointF(5.5, 0.5));
        QVERIFY(std::isnan(mean[1].y())); // a bucket without data stays a gap
        QCOMPARE(mean[2], QPointF(25.5, 0.5));
        const QList<QPointF> minMax = chart::reduced(points, 10, Reduce::MinMax);
        QCOMPARE(minMax.size(), 5);
        QCOMPARE(minMax[0], QPointF(1, 0)); // first lowest, then last highest
        QCOMPARE(minMax[1], QPointF(10, 1));
        QVERIFY(std::isnan(minMax[2].y()));
    }

    void bufferKeepsRecentPointsExact()
    {
        SeriesBuffer buffer(Reduce::MinMax, 100, 40);
        for (int i = 0; i < 100; ++i)
            buffer.append(i, i * 2);
        QCOMPARE(buffer.size(), 100);
        QCOMPARE(buffer.points().at(37), QPointF(37, 74));
        QCOMPARE(buffer.last(), QPointF(99, 198));
    }

    void bufferStaysBounded_data()
    {
        QTest::addColumn<int>("reduce");
        QTest::addRow("min-max") << int(Reduce::MinMax);
        QTest::addRow("mean") << int(Reduce::Mean);
    }
    void bufferStaysBounded()
    {
        QFETCH(int, reduce);
        SeriesBuffer buffer(Reduce(reduce), 100, 40);
        int largest = 0;
        for (int i = 0; i < 100000; ++i) {
            buffer.append(i, i % 7);
            largest = std::max(largest, int(buffer.size()));
        }
        QVERIFY(largest <= buffer.maxPoints());
        QVERIFY2(largest < 400, qPrintable(QString::number(largest)));
        QCOMPARE(buffer.last(), QPointF(99999, 99999 % 7));
        for (qsizetype i = 1; i < buffer.size(); ++i)
            QVERIFY(buffer.points()[i].x() > buffer.points()[i - 1].x()); // x stays increasing
        QVERIFY(buffer.bucketSize() > 10);
    }

    void bufferKeepsSpikesAndGaps()
    {
        SeriesBuffer buffer(Reduce::MinMax, 50, 20);
        for (int i = 0; i < 5000; ++i)
            buffer.append(i, i == 1234 ? 9999 : i == 2345 ? -5 : i >= 2500 && i < 4500 ? std::nan("") : 1);
        double hi = 0, lo = 0;
        bool gap = false;
        for (const QPointF &p : buffer.points()) {
            hi = std::max(hi, p.y());
            lo = std::min(lo, p.y());
            gap = gap || (std::isnan(p.y()) && p.x() >= 2500 && p.x() < 4500); // longer than a bucket
        }
        QCOMPARE(hi, 9999.0);
        QCOMPARE(lo, -5.0);
        QVERIFY(gap);
    }

    void meanBuffersStayAligned()
    {
        SeriesBuffer a(Reduce::Mean, 60, 20);
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
        QCOMPARE(a.points().constFirst().y(), 1.0);
        QCOMPARE(b.last().y(), 2.0);
    }

    void secondIsDrawnAtItsEnd()
    {
        const chart::ChartModel model = chart::ChartModel::fromHistory(kModels, {}, history(0, 12));
        QCOMPARE(model.lastX(), 12.0);
        QCOMPARE(model.latency(0, 2).points().constFirst(), QPointF(1, 200)); // second 0: p95 at x = 1
        QCOMPARE(model.requests(0).points().constLast(), QPointF(12, 4));
        QCOMPARE(model.vus().points().at(3), QPointF(4, 3));
        // model 0 had no success in seconds 0, 5, 10: gaps, not zeros
        const QList<QPointF> &p50 = model.latency(1, 0).points();
        QVERIFY(std::isnan(p50.at(5).y()));
        QCOMPARE(p50.at(6), QPointF(7, 106));
        QCOMPARE(model.ttft(2).points().at(11).y(), 2.0 * (10 + 11));
    }

    void appendIsIncremental()
    {
        chart::ChartModel live(kModels);
        for (std::int64_t from = 0; from < 5000; from += 7)
            live.append(history(from, std::min<std::int64_t>(5000, from + 7)));
        live.append(history(4990, 5000)); // repeated seconds are skipped
        const chart::ChartModel whole = chart::ChartModel::fromHistory(kModels, {}, history(0, 5000));
        for (const QString &key : { u"http_req_duration:p(99)"_s, u"ttft:p(95){model:claude-sonnet-4-5}"_s,
                 u"iterations:rate"_s, u"errors:http_429"_s, u"in_flight"_s }) {
            QVERIFY2(live.find(key), qPrintable(key));
            const QList<QPointF> &a = live.find(key)->points(), &b = whole.find(key)->points();
            QCOMPARE(a.size(), b.size());
            for (qsizetype i = 0; i < a.size(); ++i)
                QVERIFY(a[i] == b[i] || (std::isnan(a[i].y()) && std::isnan(b[i].y())));
        }
        QVERIFY(live.latency(0, 3).points().size() <= SeriesBuffer().maxPoints());
    }

    void goodputOnlyWithAnSlo()
    {
        QList<metrics::SecondPoint> seconds = history(0, 4);
        QVERIFY(chart::ChartModel::fromHistory(kModels, {}, seconds).goodput().points().isEmpty()); // sloMet -1
        for (metrics::SecondPoint &p : seconds)
            p.groups[0].sloMet = int(p.second) + 1;
        const chart::ChartModel model = chart::ChartModel::fromHistory(kModels, {}, seconds);
        QCOMPARE(model.goodput().points(), (QList<QPointF> { { 1, 1 }, { 2, 2 }, { 3, 3 }, { 4, 4 } }));
        QCOMPARE(model.find(u"goodput:rate"_s), &model.goodput());
        QCOMPARE(model.goodput().color, chart::palette::kGoodput);
    }

    void errorClassesStack()
    {
        const chart::ChartModel model = chart::ChartModel::fromHistory(kModels, {}, history(0, 12));
        QCOMPARE(model.errorClasses().size(), 2);
        const chart::Series &timeout = model.errorClasses()[1];
        QCOMPARE(timeout.key, u"errors:timeout"_s);
        QCOMPARE(timeout.points().size(), 12); // zeros before its first second: aligned with the others
        QCOMPARE(timeout.points().at(7), QPointF(8, 2));
        QCOMPARE(timeout.points().at(0), QPointF(1, 0));
    }

    void paletteIsStablePerKey()
    {
        const chart::ChartModel a(kModels), b(kModels);
        for (int g = 1; g <= 2; ++g) {
            QCOMPARE(a.ttft(g).color, chart::palette::model(g - 1));
            QCOMPARE(a.requests(g).color, a.ttft(g).color); // a model keeps its colour on every chart
            QCOMPARE(a.tokens(g).color, b.tokens(g).color);
        }
        QVERIFY(a.ttft(1).color != a.ttft(2).color);
        // The totals drawn beside the models' lines never take a model's colour (any of the ten).
        for (int m = 0; m < 10; ++m) {
            for (const chart::Series *total : { &a.requests(0), &a.tokens(0), &a.ttft(0) })
                QVERIFY2(total->color != chart::palette::model(m), qPrintable(total->key));
        }
        QCOMPARE(a.latency(2, 1).color, chart::palette::percentile(90));
        QCOMPARE(a.latency(2, 1).key, u"http_req_duration:p(90){model:claude-sonnet-4-5}"_s);
        QCOMPARE(chart::palette::errorClass(u"http_429"_s), chart::Rgb(0xf9ab00));
        QCOMPARE(chart::palette::errorClass(u"weird_thing"_s), chart::palette::errorClass(u"weird_thing"_s));
        QVERIFY(chart::palette::errorClass(u"weird_thing"_s) != chart::palette::errorClass(u"other_thing"_s));
        QCOMPARE(chart::palette::css(0x1a73e8), u"#1a73e8"_s);
        QCOMPARE(chart::palette::css(0x0000ff), u"#0000ff"_s);
    }

    void plannedFollowsThePlan()
    {
        scenario::Plan plan;
        plan.steps = { { 0, 0 }, { 10000, 20 }, { 60000, 20 } };
        const chart::ChartModel withPlan = chart::ChartModel::fromHistory(kModels, plan, history(0, 3));
        QCOMPARE(withPlan.plannedPoints(), (QList<QPointF> { { 0, 0 }, { 10, 20 }, { 60, 20 } }));
        QCOMPARE(withPlan.planned().label, u"planned VUs"_s);
        const chart::ChartModel without = chart::ChartModel::fromHistory(kModels, {}, history(0, 3));
        QCOMPARE(without.plannedPoints(), (QList<QPointF> { { 1, 5 }, { 2, 5 }, { 3, 5 } }));
    }

    void thresholdLines()
    {
        const QList<chart::ThresholdMark> marks {
            { u"http_req_duration"_s, {}, u"p(95)"_s, u"p(95)<2000"_s, 2000, u"p95 < 2000 ms"_s },
            { u"http_req_duration"_s, u"gpt-4.1"_s, u"p(95)"_s, u"p(95)<1500"_s, 1500, u"gpt-4.1: p95 < 1500 ms"_s },
            { u"ttft"_s, u"claude-sonnet-4-5"_s, u"p(95)"_s, u"p(95)<800"_s, 800, u"claude: p95 < 800 ms"_s },
            { u"ttft"_s, u"not-in-run"_s, u"p(95)"_s, u"p(95)<800"_s, 800, u"x"_s },
            { u"iterations"_s, {}, u"rate"_s, u"rate>5"_s, 5, u"rate > 5 /s"_s },
        };
        const QList<chart::ThresholdLine> all = chart::latencyThresholdLines(marks, {});
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0].value, 2000.0);
        QCOMPARE(all[0].color, chart::palette::kThreshold);
        QCOMPARE(chart::latencyThresholdLines(marks, u"gpt-4.1"_s).constFirst().label, u"gpt-4.1: p95 < 1500 ms"_s);
        const QList<chart::ThresholdLine> ttft = chart::ttftThresholdLines(marks, kModels);
        QCOMPARE(ttft.size(), 1);
        QCOMPARE(ttft[0].color, chart::palette::model(1)); // in its model's colour
        const QList<chart::ThresholdLine> rate = chart::throughputThresholdLines(marks);
        QCOMPARE(rate.size(), 1);
        QCOMPARE(rate[0].label, u"iterations rate > 5 /s"_s);
    }
};

QTEST_GUILESS_MAIN(TestChart)
#include "tst_chart.moc"
