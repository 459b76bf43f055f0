// The scenario editor's sweep fields, driven as a user would: the rate sweep's fields and staircase,
// and the "Step: arrival rate / VUs" choice that switches them to a VU sweep's (start and max VUs, no
// in-flight cap or arrival, no "achieved below offered"), saved as a VU sweep and previewed in VUs.

#include "ui/editor/planpreview.h"
#include "ui/editor/scenarioeditor.h"
#include "ui/secrets/keystore.h"

#include "scenario/scenarioio.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QtTest/QTest>

#include "tst_editorsupport.h"

#include <memory>

using namespace stampede;
using namespace stampede::ui;
using namespace stampede::test;

class TestEditorSweep : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void sweepFieldsAndStaircase();
    void switchToAVuSweep();

private:
    std::unique_ptr<MemoryKeyStore> m_keys;
    std::unique_ptr<ScenarioEditor> m_editor;
};

void TestEditorSweep::init()
{
    m_keys = std::make_unique<MemoryKeyStore>();
    m_editor = std::make_unique<ScenarioEditor>(m_keys.get());
    m_editor->resize(1000, 720);
}

void TestEditorSweep::cleanup()
{
    m_editor.reset();
    m_keys.reset();
}

// The sweep executor, as a user sets it up: its own fields (each with a tooltip) and no time unit,
// typed values saved into the scenario, a flagged absurd factor, and the staircase in the preview.
void TestEditorSweep::sweepFieldsAndStaircase()
{
    m_editor->show();
    reveal(find<QWidget>(m_editor.get(), "loadPage"));
    auto *combo = find<QComboBox>(m_editor.get(), "executorCombo");
    combo->setCurrentIndex(combo->findText(QStringLiteral("sweep")));
    QVERIFY(m_editor->scenario().load.executor == scenario::ExecutorKind::Sweep);
    for (const char *name :
        { "sweepStartRateEdit", "sweepGrowthCombo", "sweepStepEdit", "sweepStepDurationEdit", "sweepMaxStepsSpin",
            "sweepMaxRateEdit", "sweepStopSloCheck", "sweepSloPercentileEdit", "sweepStopThresholdsCheck",
            "sweepErrorRateEdit", "sweepAchievedBelowEdit", "sweepStopAtKneeCheck", "maxInFlightSpin" }) {
        auto *field = find<QWidget>(m_editor.get(), name);
        QVERIFY2(field && field->isVisible(), name);
        QVERIFY2(!field->toolTip().isEmpty(), name);
    }
    QVERIFY(!find<QWidget>(m_editor.get(), "timeUnitEdit")->isVisible());
    QVERIFY(!find<QWidget>(m_editor.get(), "startRateEdit")->isVisible());

    replaceText(find<QLineEdit>(m_editor.get(), "sweepStartRateEdit"), QStringLiteral("5"));
    auto *growth = find<QComboBox>(m_editor.get(), "sweepGrowthCombo");
    growth->setCurrentIndex(1); // plus an increment
    replaceText(find<QLineEdit>(m_editor.get(), "sweepStepEdit"), QStringLiteral("5"));
    replaceText(find<QLineEdit>(m_editor.get(), "sweepStepDurationEdit"), QStringLiteral("10s"));
    auto *steps = find<QSpinBox>(m_editor.get(), "sweepMaxStepsSpin");
    steps->setValue(4);
    auto *stopAtKnee = find<QCheckBox>(m_editor.get(), "sweepStopAtKneeCheck");
    QVERIFY(stopAtKnee->isChecked()); // the default: the run ends at the knee
    stopAtKnee->click();
    QVERIFY2(m_editor->isValid(), qPrintable(m_editor->problems()));
    const model::Sweep sweep = m_editor->scenario().load.sweep;
    QVERIFY(!sweep.stopAtKnee);
    QCOMPARE(sweep.startRate, 5.0);
    QCOMPARE(sweep.increment, 5.0);
    QCOMPARE(sweep.stepDurationMs, 10000);
    QCOMPARE(sweep.maxSteps, 4);
    QCOMPARE(sweep.levels(), (QList<double> { 5, 10, 15, 20 }));
    // The preview draws the staircase the engine runs: the last step's rate held to 40 s.
    auto *preview = find<editor::PlanPreview>(m_editor.get(), "planChart");
    QVERIFY(preview->points().contains(QPointF(10, 5)));
    QVERIFY(preview->points().contains(QPointF(10, 10)));
    QCOMPARE(preview->points().last(), QPointF(40, 20));

    growth->setCurrentIndex(0); // times a factor: 5 is now the factor; 1 is refused
    replaceText(find<QLineEdit>(m_editor.get(), "sweepStepEdit"), QStringLiteral("1"));
    QVERIFY(!m_editor->isValid());
    QVERIFY2(m_editor->problems().contains(QStringLiteral("load.factor: must be greater than 1")),
        qPrintable(m_editor->problems()));
}

// "Step: VUs" shows the VU fields and hides the rate ones (and the open model's), saves a VU sweep
// the preview draws in VUs, flags a VU field's error on it, and switching back restores a rate sweep.
void TestEditorSweep::switchToAVuSweep()
{
    m_editor->show();
    reveal(find<QWidget>(m_editor.get(), "loadPage"));
    auto *combo = find<QComboBox>(m_editor.get(), "executorCombo");
    combo->setCurrentIndex(combo->findText(QStringLiteral("sweep")));
    auto *level = find<QComboBox>(m_editor.get(), "sweepLevelCombo");
    QVERIFY(level && level->isVisible());
    QVERIFY(!level->toolTip().isEmpty());
    QVERIFY(!find<QWidget>(m_editor.get(), "sweepStartVusSpin")->isVisible());
    QVERIFY(!find<QWidget>(m_editor.get(), "sweepMaxVusSpin")->isVisible());

    level->setCurrentIndex(level->findText(QStringLiteral("VUs (closed model)")));
    for (const char *name : { "sweepStartVusSpin", "sweepMaxVusSpin", "sweepGrowthCombo", "sweepStepEdit",
             "sweepStepDurationEdit", "sweepMaxStepsSpin", "sweepErrorRateEdit", "gracefulStopEdit" }) {
        auto *field = find<QWidget>(m_editor.get(), name);
        QVERIFY2(field && field->isVisible(), name);
        QVERIFY2(!field->toolTip().isEmpty(), name);
    }
    for (const char *name : { "sweepStartRateEdit", "sweepMaxRateEdit", "sweepAchievedBelowEdit", "maxInFlightSpin",
             "arrivalCombo", "thinkMinEdit", "startVusSpin" })
        QVERIFY2(!find<QWidget>(m_editor.get(), name)->isVisible(), name);

    find<QSpinBox>(m_editor.get(), "sweepStartVusSpin")->setValue(2);
    find<QComboBox>(m_editor.get(), "sweepGrowthCombo")->setCurrentIndex(1); // plus an increment
    replaceText(find<QLineEdit>(m_editor.get(), "sweepStepEdit"), QStringLiteral("2"));
    replaceText(find<QLineEdit>(m_editor.get(), "sweepStepDurationEdit"), QStringLiteral("10s"));
    find<QSpinBox>(m_editor.get(), "sweepMaxStepsSpin")->setValue(5);
    find<QSpinBox>(m_editor.get(), "sweepMaxVusSpin")->setValue(6);
    QVERIFY2(m_editor->isValid(), qPrintable(m_editor->problems()));
    const scenario::Scenario saved = m_editor->scenario();
    QVERIFY(saved.load.sweep.isVus());
    QVERIFY(!saved.load.isOpenModel());
    QCOMPARE(saved.load.sweep.levels(), (QList<double> { 2, 4, 6 })); // max_vus ends it
    const QByteArray json = scenario::toJson(saved);
    QVERIFY2(json.contains("\"start_vus\": 2") && json.contains("\"max_vus\": 6"), json.constData());
    QVERIFY2(!json.contains("start_rate") && !json.contains("max_in_flight"), json.constData());
    auto *preview = find<editor::PlanPreview>(m_editor.get(), "planChart");
    QVERIFY(preview->points().contains(QPointF(10, 4)));
    QCOMPARE(preview->points().last(), QPointF(30, 6));
    QVERIFY2(find<QLabel>(m_editor.get(), "planSummary")->text().contains(QStringLiteral("VU")),
        qPrintable(find<QLabel>(m_editor.get(), "planSummary")->text()));

    // A fractional increment is a VU sweep's error, shown on the field.
    replaceText(find<QLineEdit>(m_editor.get(), "sweepStepEdit"), QStringLiteral("1.5"));
    QVERIFY(!m_editor->isValid());
    QVERIFY2(m_editor->problems().contains(QStringLiteral("load.increment: must be a whole number of VUs")),
        qPrintable(m_editor->problems()));

    level->setCurrentIndex(level->findText(QStringLiteral("arrival rate (open model)")));
    QVERIFY(find<QWidget>(m_editor.get(), "sweepStartRateEdit")->isVisible());
    QVERIFY(find<QWidget>(m_editor.get(), "maxInFlightSpin")->isVisible());
    QVERIFY(!find<QWidget>(m_editor.get(), "sweepStartVusSpin")->isVisible());
    QVERIFY(!m_editor->scenario().load.sweep.isVus());
    QVERIFY(m_editor->scenario().load.isOpenModel());
}

QTEST_MAIN(TestEditorSweep)
#include "tst_editorsweep.moc"
