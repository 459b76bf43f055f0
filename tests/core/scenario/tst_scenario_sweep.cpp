// The "sweep" load profile: parsing with its defaults, validation errors with their JSON paths, the
// round trip through toJson(), and the staircase plan the arrival-rate executor runs; the same for
// the VU sweep ("start_vus") and the closed-model plan it gives.

#include "scenario/plan.h"
#include "scenario/scenarioio.h"
#include "scenariocompare.h"

#include <QtTest/QTest>

using namespace stampede;
using namespace stampede::scenario;
using stampede::test::errorTexts;

namespace {

QByteArray withLoad(const QByteArray &load)
{
    return R"({"version": 1, "models": [{"model": "m"}], "prompts": {"user": ["hi"]}, "load": )" + load + "}";
}

/// The columns of a validation table: a load, and the path and words of the error it must give.
void validationColumns()
{
    QTest::addColumn<QByteArray>("load");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("words");
}

/// A row: a sweep load of `start` (e.g. "start_rate": 2) and `extra` keys.
void validationRow(const char *start, const char *name, const char *extra, const char *path, const char *words)
{
    QTest::addRow("%s", name) << (QByteArray(R"({"executor": "sweep", )") + start + extra + "}")
                              << QString::fromLatin1(path) << QString::fromLatin1(words);
}

} // namespace

class TestScenarioSweep : public QObject
{
    Q_OBJECT

private slots:
    void defaults()
    {
        const LoadResult result = parseScenario(withLoad(R"({"executor": "sweep", "start_rate": 4})"));
        QVERIFY2(result.errors.isEmpty(), qPrintable(errorTexts(result).join(u'\n')));
        const LoadProfile &load = result.scenario.load;
        QVERIFY(load.executor == ExecutorKind::Sweep);
        QVERIFY(load.isOpenModel());
        QCOMPARE(load.sweep.startRate, 4.0);
        QCOMPARE(load.sweep.factor, 1.5);
        QCOMPARE(load.sweep.increment, 0.0);
        QCOMPARE(load.sweep.stepDurationMs, 30000);
        QCOMPARE(load.sweep.maxSteps, 20);
        QVERIFY(!load.sweep.maxRate);
        QVERIFY(load.sweep.stopAtKnee);
        QVERIFY(load.sweep.stopWhen == model::SweepStop {});
        QCOMPARE(load.sweep.stopWhen.sloPercentile, 95.0);
        QCOMPARE(load.sweep.stopWhen.errorRate, 0.05);
        QCOMPARE(load.sweep.stopWhen.achievedBelow, 0.10);
    }

    void everyKey()
    {
        const LoadResult result = parseScenario(withLoad(R"({"executor": "sweep", "start_rate": 5, "increment": 5,
            "step_duration": "4s", "max_steps": 6, "max_rate": 20, "max_in_flight": 50, "arrival": "poisson",
            "stop_when": {"slo": false, "slo_percentile": 99, "thresholds": false, "error_rate": 0.01,
            "achieved_below": 0.2}, "stop_at_knee": false})"));
        QVERIFY2(result.errors.isEmpty(), qPrintable(errorTexts(result).join(u'\n')));
        const model::Sweep &sweep = result.scenario.load.sweep;
        QVERIFY(!sweep.stopAtKnee);
        QCOMPARE(sweep.increment, 5.0);
        QCOMPARE(sweep.stepDurationMs, 4000);
        QCOMPARE(sweep.maxSteps, 6);
        QCOMPARE(sweep.maxRate.value_or(0), 20.0);
        QCOMPARE(sweep.stopWhen.slo, false);
        QCOMPARE(sweep.stopWhen.sloPercentile, 99.0);
        QCOMPARE(sweep.stopWhen.thresholds, false);
        QCOMPARE(sweep.stopWhen.errorRate, 0.01);
        QCOMPARE(sweep.stopWhen.achievedBelow, 0.2);
        QCOMPARE(sweep.levels(), (QList<double> { 5, 10, 15, 20 })); // max_rate ends it before max_steps
        QCOMPARE(result.scenario.load.maxInFlight, 50);
    }

    void validation_data()
    {
        validationColumns();
        const auto row = [](const char *name, const char *extra, const char *path, const char *words) {
            validationRow(R"("start_rate": 2)", name, extra, path, words);
        };
        row("factor 1", R"(, "factor": 1)", "load.factor", "greater than 1");
        row("factor below 1", R"(, "factor": 0.5)", "load.factor", "greater than 1");
        row("negative increment", R"(, "increment": -1)", "load.increment", "must be > 0");
        row("step of 500ms", R"(, "step_duration": "500ms")", "load.step_duration", "between 1s and 1h");
        row("101 steps", R"(, "max_steps": 101)", "load.max_steps", "between 1 and 100");
        row("no steps", R"(, "max_steps": 0)", "load.max_steps", "between 1 and 100");
        row("max_rate below start", R"(, "max_rate": 1)", "load.max_rate", "at least start_rate");
        row("error rate above 1", R"(, "stop_when": {"error_rate": 5})", "load.stop_when.error_rate", "0.05 is 5 %");
        row("percentile 0", R"(, "stop_when": {"slo_percentile": 0})", "load.stop_when.slo_percentile", "between 1");
        row("unknown stop key", R"(, "stop_when": {"latency": 1})", "load.stop_when.latency", "");
        row("time_unit not for sweep", R"(, "time_unit": "1s")", "load.time_unit", "not used by sweep");
        row("stages not for sweep", R"(, "stages": [])", "load.stages", "not used by sweep");
        QTest::addRow("zero start rate") << QByteArray(R"({"executor": "sweep", "start_rate": 0})")
                                         << QStringLiteral("load.start_rate") << QStringLiteral("must be > 0");
        QTest::addRow("negative start rate") << QByteArray(R"({"executor": "sweep", "start_rate": -3})")
                                             << QStringLiteral("load.start_rate") << QStringLiteral("must be > 0");
        QTest::addRow("sweep key on another executor")
            << QByteArray(R"({"executor": "constant-arrival-rate", "rate": 1, "duration": "1s", "factor": 2})")
            << QStringLiteral("load.factor") << QStringLiteral("not used by constant-arrival-rate");
    }

    void validation()
    {
        QFETCH(QByteArray, load);
        QFETCH(QString, path);
        QFETCH(QString, words);
        const LoadResult result = parseScenario(withLoad(load));
        const QStringList errors = errorTexts(result);
        const bool found = std::any_of(result.errors.cbegin(), result.errors.cend(),
            [&](const ValidationError &e) { return e.path == path && e.message.contains(words); });
        QVERIFY2(found, qPrintable(errors.join(u'\n')));
    }

    void roundTrip()
    {
        const LoadResult first = parseScenario(withLoad(
            R"({"executor": "sweep", "start_rate": 3, "factor": 2, "step_duration": "10s", "max_steps": 5,
            "max_rate": 40, "stop_when": {"error_rate": 0.02}})"));
        QVERIFY2(first.errors.isEmpty(), qPrintable(errorTexts(first).join(u'\n')));
        const QByteArray written = toJson(first.scenario);
        QVERIFY(written.contains("\"executor\": \"sweep\""));
        QVERIFY(written.contains("\"factor\": 2"));
        QVERIFY(!written.contains("\"increment\"")); // written only when set
        QVERIFY(!written.contains("\"time_unit\""));
        const LoadResult second = parseScenario(written);
        QVERIFY2(second.errors.isEmpty(), qPrintable(errorTexts(second).join(u'\n')));
        QVERIFY(second.scenario.load.sweep == first.scenario.load.sweep);
        QCOMPARE(second.scenario.load.sweep.stopWhen.errorRate, 0.02);
        QVERIFY(written.contains("\"stop_at_knee\": true")); // every value explicit

        LoadProfile additive = second.scenario.load;
        additive.sweep.increment = 2.5;
        additive.sweep.factor = model::Sweep::kDefaultFactor; // not written beside an increment
        additive.sweep.maxRate.reset();
        Scenario s = second.scenario;
        s.load = additive;
        const QByteArray again = toJson(s);
        QVERIFY(again.contains("\"increment\": 2.5"));
        QVERIFY(!again.contains("\"factor\""));
        QVERIFY(!again.contains("\"max_rate\""));
        QVERIFY(parseScenario(again).scenario.load.sweep == additive.sweep);
    }

    void planStaircase()
    {
        LoadProfile load;
        load.executor = ExecutorKind::Sweep;
        load.sweep.startRate = 4;
        load.sweep.factor = 1.5;
        load.sweep.stepDurationMs = 10000;
        load.sweep.maxSteps = 3;
        const Plan plan = makePlan(load);
        QVERIFY(plan.openModel);
        QCOMPARE(plan.totalMs, 30000);
        QCOMPARE(plan.steps.size(), 6);
        QCOMPARE(plan.targetAt(0), 4.0);
        QCOMPARE(plan.targetAt(9999), 4.0);
        QCOMPARE(plan.targetAt(10000), 6.0); // a jump at the step's start
        QCOMPARE(plan.targetAt(25000), 9.0);
        QCOMPARE(plan.peak(), 9.0);
        QCOMPARE(plan.expectedArrivals(30000), 40.0 + 60.0 + 90.0);
        QCOMPARE(load.sweep.stepAt(10000), 1);
        QCOMPARE(load.sweep.stepAt(99999), 2);
    }

    void maxRateCapsSteps()
    {
        model::Sweep sweep;
        sweep.startRate = 10;
        sweep.factor = 2;
        sweep.maxSteps = 10;
        sweep.maxRate = 80;
        QCOMPARE(sweep.levels(), (QList<double> { 10, 20, 40, 80 }));
        sweep.maxRate = 79;
        QCOMPARE(sweep.levels(), (QList<double> { 10, 20, 40 }));
        sweep.maxRate.reset();
        QCOMPARE(sweep.levels().size(), 10);
    }

    void vuSweep()
    {
        const LoadResult result = parseScenario(withLoad(R"({"executor": "sweep", "start_vus": 2, "factor": 2,
            "step_duration": "5s", "max_steps": 8, "max_vus": 20, "graceful_stop": "3s"})"));
        QVERIFY2(result.errors.isEmpty(), qPrintable(errorTexts(result).join(u'\n')));
        const LoadProfile &load = result.scenario.load;
        QVERIFY(load.sweep.isVus());
        QVERIFY(!load.isOpenModel()); // a closed model: the VU executor runs it
        QCOMPARE(load.sweep.startVus, 2);
        QCOMPARE(load.sweep.maxVus.value_or(0), 20);
        QCOMPARE(load.sweep.levels(), (QList<double> { 2, 4, 8, 16 })); // max_vus ends it
        const LoadResult rate = parseScenario(withLoad(R"({"executor": "sweep", "start_rate": 2})"));
        QVERIFY(!rate.scenario.load.sweep.isVus());
    }

    void vuLevelsAreWholeAndGrow_data()
    {
        QTest::addColumn<int>("start");
        QTest::addColumn<double>("factor");
        QTest::addColumn<double>("increment");
        QTest::addColumn<QList<double>>("levels");
        QTest::addRow("x1.5 from 1: rounding would repeat, so +1")
            << 1 << 1.5 << 0.0 << QList<double> { 1, 2, 3, 4, 5, 8 };
        QTest::addRow("x1.1 from 10") << 10 << 1.1 << 0.0 << QList<double> { 10, 11, 12, 13, 15, 16 };
        QTest::addRow("x2 from 3") << 3 << 2.0 << 0.0 << QList<double> { 3, 6, 12, 24, 48, 96 };
        QTest::addRow("+5 from 5") << 5 << 1.5 << 5.0 << QList<double> { 5, 10, 15, 20, 25, 30 };
    }

    void vuLevelsAreWholeAndGrow()
    {
        QFETCH(int, start);
        QFETCH(double, factor);
        QFETCH(double, increment);
        QFETCH(QList<double>, levels);
        model::Sweep sweep;
        sweep.level = model::SweepLevel::Vus;
        sweep.startVus = start;
        sweep.factor = factor;
        sweep.increment = increment;
        sweep.maxSteps = 6;
        QCOMPARE(sweep.levels(), levels);
    }

    void vuValidation_data()
    {
        validationColumns();
        const auto row = [](const char *name, const char *extra, const char *path, const char *words) {
            validationRow(R"("start_vus": 4)", name, extra, path, words);
        };
        row("both starts", R"(, "start_rate": 2)", "load.start_rate",
            "give load.start_rate (a sweep of arrival rates) or load.start_vus (a sweep of VUs), not both");
        row("max_rate on a VU sweep", R"(, "max_rate": 9)", "load.max_rate", "only to a rate sweep");
        row("max_in_flight on a VU sweep", R"(, "max_in_flight": 9)", "load.max_in_flight",
            "does not apply to a VU sweep");
        row("arrival on a VU sweep", R"(, "arrival": "poisson")", "load.arrival", "does not apply to a VU sweep");
        row("fractional increment", R"(, "increment": 1.5)", "load.increment", "whole number of VUs");
        row("negative increment", R"(, "increment": -2)", "load.increment", "must be > 0 VUs");
        row("factor 1", R"(, "factor": 1)", "load.factor", "each step's VUs");
        row("max_vus below start", R"(, "max_vus": 3)", "load.max_vus", "at least start_vus (4)");
        row("max_vus above the machine", R"(, "max_vus": 100001)", "load.max_vus", "at most 100000 VUs");
        row("steps past the machine", R"(, "factor": 10, "max_steps": 10)", "load.max_steps",
            "would reach 400000 VUs, more than one machine can run (at most 100000); set max_vus");
        row("think_time not for sweep", R"(, "think_time": {"min": "1s", "max": "2s"})", "load.think_time",
            "not used by sweep");
        QTest::addRow("zero start VUs") << QByteArray(R"({"executor": "sweep", "start_vus": 0})")
                                        << QStringLiteral("load.start_vus") << QStringLiteral("between 1 and 100000");
        QTest::addRow("too many start VUs")
            << QByteArray(R"({"executor": "sweep", "start_vus": 200000})") << QStringLiteral("load.start_vus")
            << QStringLiteral("between 1 and 100000 VUs");
        QTest::addRow("max_vus on a rate sweep")
            << QByteArray(R"({"executor": "sweep", "start_rate": 2, "max_vus": 9})") << QStringLiteral("load.max_vus")
            << QStringLiteral("applies only to a VU sweep");
        QTest::addRow("max_vus on another executor")
            << QByteArray(R"({"executor": "constant-vus", "vus": 1, "duration": "1s", "max_vus": 2})")
            << QStringLiteral("load.max_vus") << QStringLiteral("not used by constant-vus");
    }

    void vuValidation() { validation(); }

    void vuRoundTrip()
    {
        const LoadResult first = parseScenario(withLoad(R"({"executor": "sweep", "start_vus": 3, "increment": 2,
            "step_duration": "10s", "max_steps": 5, "max_vus": 9, "stop_when": {"error_rate": 0.02, "slo": false}})"));
        QVERIFY2(first.errors.isEmpty(), qPrintable(errorTexts(first).join(u'\n')));
        const QByteArray written = toJson(first.scenario);
        for (const char *key : { "\"start_vus\": 3", "\"increment\": 2", "\"step_duration\": \"10s\"",
                 "\"max_steps\": 5", "\"max_vus\": 9", "\"error_rate\": 0.02", "\"slo\": false" })
            QVERIFY2(written.contains(key), key);
        for (const char *key : { "start_rate", "max_rate", "max_in_flight", "arrival", "think_time", "\"factor\"" })
            QVERIFY2(!written.contains(key), key);
        const LoadResult second = parseScenario(written);
        QVERIFY2(second.errors.isEmpty(), qPrintable(errorTexts(second).join(u'\n')));
        QVERIFY(second.scenario.load.sweep == first.scenario.load.sweep);
        QCOMPARE(toJson(second.scenario), written);
    }

    void vuPlanStaircase()
    {
        LoadProfile load;
        load.executor = ExecutorKind::Sweep;
        load.sweep.level = model::SweepLevel::Vus;
        load.sweep.startVus = 2;
        load.sweep.factor = 1.5;
        load.sweep.stepDurationMs = 10000;
        load.sweep.maxSteps = 3;
        const Plan plan = makePlan(load);
        QVERIFY(!plan.openModel);
        QCOMPARE(plan.totalMs, 30000);
        QCOMPARE(plan.vusAt(0), 2);
        QCOMPARE(plan.vusAt(9999), 2); // no ramp within a step
        QCOMPARE(plan.vusAt(10000), 3); // 2 x 1.5, stepped up at the step's start
        QCOMPARE(plan.vusAt(19999), 3);
        QCOMPARE(plan.vusAt(20000), 5); // 4.5 rounded
        QCOMPARE(plan.peak(), 5.0);
    }
};

QTEST_APPLESS_MAIN(TestScenarioSweep)
#include "tst_scenario_sweep.moc"
