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
    m_level = new QComboBox(parent);
    m_level->setObjectName(QStringLiteral("sweepLevelCombo"));
    m_level->addItem(tr("arrival rate (open model)"), int(model::SweepLevel::Rate));
    m_level->addItem(tr("VUs (closed model)"), int(model::SweepLevel::Vus));
    m_rows.append({ tr("Step"), m_level, m_level, QString(), // no key of its own: start_rate or start_vus
        tr("What each step raises: the arrival rate (load.start_rate; requests start on schedule) or the number "
           "of VUs (load.start_vus; each VU sends its next request when the last one returns)") });
    connect(m_level, &QComboBox::currentIndexChanged, this, &SweepFields::levelChanged);
    m_startRate = addNumber(parent, "sweepStartRateEdit", tr("Start rate"), QStringLiteral("load.start_rate"),
        tr("load.start_rate: requests per second of the first step (> 0)"));
    m_startVus = addSpin(parent, "sweepStartVusSpin", tr("Start VUs"), QStringLiteral("load.start_vus"),
        tr("load.start_vus: VUs of the first step (at least 1)"));
    m_growth = new QComboBox(parent);
    m_growth->setObjectName(QStringLiteral("sweepGrowthCombo"));
    m_growth->addItem(tr("times a factor"), int(Factor));
    m_growth->addItem(tr("plus an increment"), int(Increment));
    m_rows.append({ tr("Each step"), m_growth, m_growth, QStringLiteral("load.factor"),
        tr("How the rate (or the VUs) grows from step to step: times load.factor (default 1.5) or plus "
           "load.increment (requests/s, or whole VUs); VUs are rounded to whole VUs, at least one more each step") });
    m_step = addNumber(parent, "sweepStepEdit", tr("Factor / increment"), QStringLiteral("load.increment"),
        tr("load.factor (greater than 1) or load.increment (requests/s or whole VUs, > 0), as chosen above"));
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
    m_maxVus = addSpin(parent, "sweepMaxVusSpin", tr("Max VUs"), QStringLiteral("load.max_vus"),
        tr("load.max_vus: no step above this many VUs; 0 = no limit"));
    addStopFields(parent);
}

QSpinBox *SweepFields::addSpin(
    QWidget *parent, const char *name, const QString &label, const QString &path, const QString &help)
{
    auto *spin = new QSpinBox(parent);
    spin->setObjectName(QLatin1String(name));
    spin->setRange(0, 1000000);
    setCompactWidth(spin);
    m_rows.append({ label, spin, spin, path, help });
    return spin;
}

bool SweepFields::stepsVus() const
{
    return m_level->currentData().toInt() == int(model::SweepLevel::Vus);
}

bool SweepFields::applies(const QWidget *field) const
{
    // achieved_below compares with an offered rate, which a closed model does not have.
    if (field == m_startRate || field == m_maxRate || field == m_achievedBelow)
        return !stepsVus();
    if (field == m_startVus || field == m_maxVus)
        return stepsVus();
    return true;
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
    m_level->setCurrentIndex(m_level->findData(int(sweep.level)));
    m_startRate->setValue(sweep.startRate);
    m_startVus->setValue(sweep.startVus);
    m_maxVus->setValue(sweep.maxVus.value_or(0));
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
    sweep.level = model::SweepLevel(m_level->currentData().toInt());
    sweep.startRate = m_startRate->value();
    sweep.startVus = m_startVus->value();
    sweep.maxVus = m_maxVus->value() > 0 ? std::optional(m_maxVus->value()) : std::nullopt;
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
