// The dashboard's sweep chart driven as a run drives it: live steps from snapshots (the running one
// unjudged), then the summary's capacity; checks every series' points against the offered rate and
// the knee's vertical line and label.

#include "ui/dashboard/sweepchart.h"

#include "report/summaryload.h"

#include <QFile>

#include <QChart>
#include <QLineSeries>
#include <QValueAxis>
#include <QtTest/QTest>

using namespace stampede;

namespace {

metrics::SweepStep step(int index, double rate, double p95, bool judged, bool passed)
{
    metrics::SweepStep s;
    s.step = index;
    s.offeredRate = rate;
    s.achievedRate = passed ? rate : rate * 0.8;
    s.requests = 100;
    s.latencyP50 = p95 / 2;
    s.latencyP95 = p95;
    s.latencyP99 = p95 * 1.5;
    s.ttftP95 = p95 / 4;
    s.goodput = passed ? rate : rate / 2;
    s.judged = judged;
    s.passed = passed;
    s.reason = passed ? QString() : QStringLiteral("p95 latency %1 ms \u2265 SLO 500 ms").arg(p95);
    return s;
}

} // namespace

class TestSweepChart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void drawsStepsAndTheKnee()
    {
        ui::SweepChart chart;
        chart.show();
        QVERIFY(chart.kneeLine()->points().isEmpty());

        // While the run goes: two judged steps that held and a third one still running.
        chart.setSteps({ step(1, 10, 200, true, true), step(2, 15, 300, true, true), step(3, 22.5, 450, false, true) });
        QLineSeries *p95 = chart.series(QStringLiteral("latency:p(95)"));
        QVERIFY(p95);
        QCOMPARE(p95->points(), (QList<QPointF> { { 10, 200 }, { 15, 300 }, { 22.5, 450 } }));
        QCOMPARE(chart.series(QStringLiteral("latency:p(50)"))->points().at(1), QPointF(15, 150));
        QCOMPARE(chart.series(QStringLiteral("latency:p(99)"))->points().at(0), QPointF(10, 300));
        QCOMPARE(chart.series(QStringLiteral("ttft:p(95)"))->points().at(2), QPointF(22.5, 112.5));
        QCOMPARE(chart.series(QStringLiteral("goodput"))->points().size(), 3);
        QVERIFY(chart.kneeLine()->points().isEmpty()); // an unjudged step is never the knee
        QVERIFY(chart.caption().contains(QStringLiteral("no knee yet")));

        // Step 3 judged failed: the knee is drawn at its offered rate and named.
        chart.setSteps({ step(1, 10, 200, true, true), step(2, 15, 300, true, true), step(3, 22.5, 800, true, false) });
        const QList<QPointF> knee = chart.kneeLine()->points();
        QCOMPARE(knee.size(), 2);
        QCOMPARE(knee[0].x(), 22.5);
        QCOMPARE(knee[1].x(), 22.5);
        QVERIFY(knee[1].y() >= 1200); // spans the highest latency drawn (p99 of step 3)
        QCOMPARE(chart.kneeLine()->name(), QStringLiteral("knee")); // fits the legend at 1280 px
        QCOMPARE(chart.caption(), QStringLiteral("knee: step 3 (22.5 req/s)"));
        QCOMPARE(chart.series(QStringLiteral("goodput"))->points().at(2), QPointF(22.5, 11.25));

        // After the run: the summary's verdict in the caption.
        metrics::Capacity capacity;
        capacity.stepDurationMs = 30000;
        capacity.overall = metrics::verdictOf(QStringLiteral("all"),
            { step(1, 10, 200, true, true), step(2, 15, 300, true, true), step(3, 22.5, 800, true, false) });
        chart.setCapacity(capacity);
        QVERIFY2(chart.caption().contains(QStringLiteral("safe rate 15.0 req/s")), qPrintable(chart.caption()));
        QVERIFY(chart.caption().contains(QStringLiteral("first failing step 3")));
        QCOMPARE(chart.kneeLine()->points().size(), 2);

        chart.clear();
        QVERIFY(chart.kneeLine()->points().isEmpty());
        QVERIFY(p95->points().isEmpty());
    }

    /// A VU sweep: x is each step's VUs, the axis (and the chart) say VUs, the caption safe_vus; a rate
    /// sweep after it puts the offered rate back.
    void vuSweepIsDrawnAgainstVus()
    {
        ui::SweepChart chart;
        chart.show();
        QList<metrics::SweepStep> steps
            = { step(1, 0, 200, true, true), step(2, 0, 300, true, true), step(3, 0, 800, true, false) };
        for (int i = 0; i < steps.size(); ++i) {
            steps[i].vus = 2 << i;
            steps[i].achievedRate = 10.0 * (i + 1);
        }
        chart.setSteps(steps);
        QCOMPARE(chart.series(QStringLiteral("latency:p(95)"))->points(),
            (QList<QPointF> { { 2, 200 }, { 4, 300 }, { 8, 800 } }));
        QCOMPARE(chart.series(QStringLiteral("achieved"))->points().at(1), QPointF(4, 20));
        auto *x = qobject_cast<QValueAxis *>(chart.chart()->axes(Qt::Horizontal).value(0));
        QVERIFY(x);
        QCOMPARE(x->titleText(), QStringLiteral("VUs"));
        QVERIFY(x->max() >= 8);
        QVERIFY(chart.chart()->title().contains(QStringLiteral("VUs")));
        QCOMPARE(chart.kneeLine()->points().at(0).x(), 8.0);
        QCOMPARE(chart.kneeLine()->name(), QStringLiteral("knee"));
        QVERIFY2(chart.caption().startsWith(QStringLiteral("knee: step 3 (8 VUs)")), qPrintable(chart.caption()));

        metrics::Capacity capacity;
        capacity.stepDurationMs = 30000;
        capacity.level = model::SweepLevel::Vus;
        capacity.overall = metrics::verdictOf(QStringLiteral("all"), steps);
        chart.setCapacity(capacity);
        QVERIFY2(chart.caption().contains(QStringLiteral("safe at 4 VUs (achieved 20")), qPrintable(chart.caption()));

        chart.setSteps({ step(1, 10, 200, true, true) });
        QCOMPARE(x->titleText(), QStringLiteral("offered rate (requests/s)"));
    }

    /// docs/images/sweep.png: STAMPEDE_SWEEP_SUMMARY=<run>/summary.json STAMPEDE_SCREENSHOT=<png> (skipped otherwise).
    void screenshotOfAFinishedSweep()
    {
        const QString summaryPath = qEnvironmentVariable("STAMPEDE_SWEEP_SUMMARY");
        const QString png = qEnvironmentVariable("STAMPEDE_SCREENSHOT");
        if (summaryPath.isEmpty() || png.isEmpty())
            QSKIP("set STAMPEDE_SWEEP_SUMMARY and STAMPEDE_SCREENSHOT to draw the documentation's picture");
        QFile file(summaryPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const metrics::RunSummary summary
            = report::summaryFromJson(nlohmann::json::parse(file.readAll().toStdString()));
        QVERIFY(!summary.capacity.isEmpty());
        ui::SweepChart chart;
        chart.resize(900, 460);
        chart.setCapacity(summary.capacity);
        chart.show();
        QVERIFY(chart.grab().save(png));
    }
};

QTEST_MAIN(TestSweepChart)
#include "tst_sweepchart.moc"
