#include "ui/editor/sweepfields.h"

#include "ui/editor/editorfields.h"

#include <QCheckBox>
#include <QComboBox>
#include <QSpinBox>

namespace stampede::ui::editor {

namespace {
enum Growth { Factor, Increment };
} // namespace

SweepFields::SweepFields(QWidget *parent)
    : QObject(parent)
{
    m_startRate = addNumber(parent, "sweepStartRateEdit", tr("Start rate"), QStringLiteral("load.start_rate"),
        tr("load.start_rate: requests per second of the first step (> 0)"));
    m_growth = new QComboBox(parent);
    m_growth->setObjectName(QStringLiteral("sweepGrowthCombo"));
    m_growth->addItem(tr("times a factor"), int(Factor));
    m_growth->addItem(tr("plus an increment"), int(Increment));
    m_rows.append({ tr("Each step"), m_growth, m_growth, QStringLiteral("load.factor"),
        tr("How the rate grows from step to step: times load.factor (default 1.5) or plus load.increment "
           "(requests/s)") });
    m_step = addNumber(parent, "sweepStepEdit", tr("Factor / increment"), QStringLiteral("load.increment"),
        tr("load.factor (greater than 1) or load.increment (requests/s, > 0), as chosen above"));
    m_stepDuration = new DurationEdit(parent);
    m_stepDuration->setObjectName(QStringLiteral("sweepStepDurationEdit"));
    m_rows.append({ tr("Step duration"), m_stepDuration, m_stepDuration, QStringLiteral("load.step_duration"),
        tr("load.step_duration: how long each rate is held (at least 1s; default 30s). Each step is judged on the "
           "requests sent in it.") });
    m_maxSteps = new QSpinBox(parent);
    m_maxSteps->setObjectName(QStringLiteral("sweepMaxStepsSpin"));
    m_maxSteps->setRange(0, 1000);
    setCompactWidth(m_maxSteps);
    m_rows.append({ tr("Max steps"), m_maxSteps, m_maxSteps, QStringLiteral("load.max_steps"),
        tr("load.max_steps: the most steps the sweep runs if no step fails (1 to 100; default 20)") });
    m_maxRate = addNumber(parent, "sweepMaxRateEdit", tr("Max rate"), QStringLiteral("load.max_rate"),
        tr("load.max_rate: no step above this many requests/s; 0 = no limit"));
    addStopFields(parent);
}

NumberEdit *SweepFields::addNumber(
    QWidget *parent, const char *name, const QString &label, const QString &path, const QString &help)
{
    auto *edit = new NumberEdit(parent);
    edit->setObjectName(QLatin1String(name));
    m_rows.append({ label, edit, edit, path, help });
    return edit;
}

void SweepFields::addStopFields(QWidget *parent)
{
    m_stopSlo = new QCheckBox(tr("An SLO breaks"), parent);
    m_stopSlo->setObjectName(QStringLiteral("sweepStopSloCheck"));
    m_rows.append({ tr("Knee when"), m_stopSlo, m_stopSlo, QStringLiteral("load.stop_when.slo"),
        tr("load.stop_when.slo: a step fails when its percentile (below) of a metric the SLO bounds reaches the "
           "bound") });
    m_sloPercentile = addNumber(parent, "sweepSloPercentileEdit", tr("SLO percentile"),
        QStringLiteral("load.stop_when.slo_percentile"),
        tr("load.stop_when.slo_percentile: which percentile of a step is held against the SLO (default 95)"));
    m_stopThresholds = new QCheckBox(tr("A threshold fails"), parent);
    m_stopThresholds->setObjectName(QStringLiteral("sweepStopThresholdsCheck"));
    m_rows.append({ QString(), m_stopThresholds, m_stopThresholds, QStringLiteral("load.stop_when.thresholds"),
        tr("load.stop_when.thresholds: a step fails when a threshold, evaluated on the step's requests alone, "
           "fails") });
    m_errorRate
        = addNumber(parent, "sweepErrorRateEdit", tr("Error rate over"), QStringLiteral("load.stop_when.error_rate"),
            tr("load.stop_when.error_rate: a step fails when more than this share of its requests fail (0.05 = 5 %; "
               "1 = off)"));
    m_achievedBelow = addNumber(parent, "sweepAchievedBelowEdit", tr("Achieved below by"),
        QStringLiteral("load.stop_when.achieved_below"),
        tr("load.stop_when.achieved_below: a step fails when its achieved rate (successes/s) falls below the "
           "offered rate by more than this share (0.10 = 10 %; 0 = off)"));
    m_stopAtKnee = new QCheckBox(tr("Stop at the knee"), parent);
    m_stopAtKnee->setObjectName(QStringLiteral("sweepStopAtKneeCheck"));
    m_rows.append({ QString(), m_stopAtKnee, m_stopAtKnee, QStringLiteral("load.stop_at_knee"),
        tr("load.stop_at_knee: end the run at the first failing step (default). Off: run every step; the capacity "
           "verdict is still the first failing step, and the steps past it show how the gateway degrades.") });
}

void SweepFields::load(const model::Sweep &sweep)
{
    m_startRate->setValue(sweep.startRate);
    const bool additive = sweep.increment > 0;
    m_growth->setCurrentIndex(m_growth->findData(int(additive ? Increment : Factor)));
    m_step->setValue(additive ? sweep.increment : sweep.factor);
    m_stepDuration->setMs(sweep.stepDurationMs);
    m_maxSteps->setValue(sweep.maxSteps);
    m_maxRate->setValue(sweep.maxRate.value_or(0));
    m_stopSlo->setChecked(sweep.stopWhen.slo);
    m_sloPercentile->setValue(sweep.stopWhen.sloPercentile);
    m_stopThresholds->setChecked(sweep.stopWhen.thresholds);
    m_errorRate->setValue(sweep.stopWhen.errorRate);
    m_achievedBelow->setValue(sweep.stopWhen.achievedBelow);
    m_stopAtKnee->setChecked(sweep.stopAtKnee);
}

void SweepFields::save(model::Sweep &sweep) const
{
    sweep.startRate = m_startRate->value();
    const bool additive = m_growth->currentData().toInt() == Increment;
    sweep.factor = additive ? model::Sweep::kDefaultFactor : m_step->value();
    sweep.increment = additive ? m_step->value() : 0.0;
    sweep.stepDurationMs = m_stepDuration->ms();
    sweep.maxSteps = m_maxSteps->value();
    sweep.maxRate = m_maxRate->value() > 0 ? std::optional(m_maxRate->value()) : std::nullopt;
    sweep.stopWhen.slo = m_stopSlo->isChecked();
    sweep.stopWhen.sloPercentile = m_sloPercentile->value();
    sweep.stopWhen.thresholds = m_stopThresholds->isChecked();
    sweep.stopWhen.errorRate = m_errorRate->value();
    sweep.stopWhen.achievedBelow = m_achievedBelow->value();
    sweep.stopAtKnee = m_stopAtKnee->isChecked();
}

} // namespace stampede::ui::editor
