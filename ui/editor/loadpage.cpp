#include "ui/editor/loadpage.h"

#include "ui/editor/editordelegates.h"
#include "ui/editor/editorfields.h"
#include "ui/editor/planpreview.h"
#include "ui/editor/stagetablemodel.h"
#include "ui/editor/sweepfields.h"

#include "scenario/plan.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace stampede::ui::editor {

using scenario::ExecutorKind;

namespace {

QString executorHelp(ExecutorKind kind)
{
    const auto tr = [](const char *text) { return LoadPage::tr(text); };
    switch (kind) {
    case ExecutorKind::ConstantVus:
        return tr("Closed model: a fixed number of VUs, each sending its next request when the last one returns "
                  "(plus think time), for a duration.");
    case ExecutorKind::RampingVus:
        return tr("Closed model: the number of VUs ramps linearly through the stages, from start_vus.");
    case ExecutorKind::ConstantArrivalRate:
        return tr("Open model: requests start at a fixed rate whether or not earlier ones have returned.");
    case ExecutorKind::RampingArrivalRate:
        return tr("Open model: the arrival rate ramps linearly through the stages, from start_rate.");
    case ExecutorKind::Sweep:
        return tr("Steps of constant rate (open model) or of VUs (closed model), each held for step_duration and "
                  "judged, until a step fails (the knee) or the last step: ends with the capacity verdict (safe "
                  "rate or VUs, first failing step and why).");
    }
    return {};
}

} // namespace

LoadPage::LoadPage(QWidget *parent)
    : EditorPage(parent)
    , m_stages(new StageTableModel(this))
    , m_vuTargets(new NumberDelegate(0, 0, 1000000, this))
    , m_rateTargets(new NumberDelegate(3, 0, 1e9, this))
    , m_sweep(new SweepFields(this))
    , m_preview(new PlanPreview(this))
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("loadPage"));
    createFields();
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    setupForm(m_form);
    m_summary->setObjectName(QStringLiteral("planSummary"));
    m_summary->setWordWrap(true);
    auto *right = new QVBoxLayout;
    right->addWidget(new QLabel(tr("Planned load"), this));
    right->addWidget(m_preview, 1);
    right->addWidget(m_summary);
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(m_form, 1);
    layout->addLayout(right, 1);

    // Before watch(): the executor's fields are shown before the edit is validated (hidden fields do not count).
    connect(m_executor, &QComboBox::currentIndexChanged, this, &LoadPage::showExecutorFields);
    for (QWidget *field : std::initializer_list<QWidget *> { m_executor, m_vus, m_startVus, m_rate, m_startRate,
             m_timeUnit, m_duration, m_maxInFlight, m_arrival, m_thinkMin, m_thinkMax, m_gracefulStop })
        watch(field);
    const QList<SweepFields::Row> sweepRows = m_sweep->rows();
    for (const SweepFields::Row &row : sweepRows)
        watch(row.field);
    connect(m_sweep, &SweepFields::levelChanged, this, &LoadPage::showExecutorFields);
    bindTable(m_stagesView, m_stages);
    connect(this, &EditorPage::edited, this, &LoadPage::updatePreview);
    showExecutorFields();
}

void LoadPage::createFields()
{
    m_executor = new QComboBox(this);
    m_executor->setObjectName(QStringLiteral("executorCombo"));
    for (ExecutorKind kind : scenario::kAllExecutors)
        m_executor->addItem(scenario::toString(kind), int(kind));
    m_executorHelp = new QLabel(this);
    m_executorHelp->setWordWrap(true);
    m_vus = new QSpinBox(this);
    m_vus->setObjectName(QStringLiteral("vusSpin"));
    m_vus->setRange(0, 1000000);
    m_startVus = new QSpinBox(this);
    m_startVus->setObjectName(QStringLiteral("startVusSpin"));
    m_startVus->setRange(0, 1000000);
    m_rate = new NumberEdit(this);
    m_rate->setObjectName(QStringLiteral("rateEdit"));
    m_startRate = new NumberEdit(this);
    m_startRate->setObjectName(QStringLiteral("startRateEdit"));
    m_timeUnit = new DurationEdit(this);
    m_timeUnit->setObjectName(QStringLiteral("timeUnitEdit"));
    m_duration = new DurationEdit(this);
    m_duration->setObjectName(QStringLiteral("durationEdit"));
    m_maxInFlight = new QSpinBox(this);
    m_maxInFlight->setObjectName(QStringLiteral("maxInFlightSpin"));
    m_maxInFlight->setRange(0, 1000000);
    m_arrival = new QComboBox(this);
    m_arrival->setObjectName(QStringLiteral("arrivalCombo"));
    m_arrival->addItem(tr("uniform (evenly spaced)"), int(scenario::Arrival::Uniform));
    m_arrival->addItem(tr("poisson (random gaps, same mean)"), int(scenario::Arrival::Poisson));
    for (QWidget *spin : std::initializer_list<QWidget *> { m_vus, m_startVus, m_maxInFlight })
        setCompactWidth(spin);
    m_gracefulStop = new DurationEdit(this);
    m_gracefulStop->setObjectName(QStringLiteral("gracefulStopEdit"));
    m_stagesBox = createStagesBox();
    m_thinkRow = createThinkTimeRow();
}

void LoadPage::setupForm(QFormLayout *form)
{
    addRow(form, tr("Executor"), m_executor,
        tr("load.executor: how load is generated (k6 executors): constant-vus, ramping-vus (closed model: VUs "
           "loop), constant-arrival-rate, ramping-arrival-rate (open model: requests start on schedule), sweep "
           "(steps of rate or of VUs to the knee: the capacity verdict)"));
    form->addRow(QString(), m_executorHelp);
    addRow(form, tr("VUs"), m_vus, tr("load.vus: the number of virtual users, each one request at a time"));
    addRow(form, tr("Start VUs"), m_startVus, tr("load.start_vus: VUs at the start, before the first stage"));
    addRow(form, tr("Rate"), m_rate,
        tr("load.rate: iterations (requests) started per time_unit, e.g. 10 with time_unit 1s = 10 requests/s"));
    addRow(form, tr("Start rate"), m_startRate,
        tr("load.start_rate: iterations per time_unit at the start, before the first stage"));
    addRow(form, tr("Time unit"), m_timeUnit,
        tr("load.time_unit: the period the rate counts in, e.g. 1s (rate per second) or 1m (per minute)"));
    addRow(form, tr("Duration"), m_duration, tr("load.duration: how long the test runs, e.g. 5m"));
    addRow(form, tr("Stages"), m_stagesBox,
        tr("load.stages: ramp linearly to each target over its duration, one stage after another (k6 stages)"));
    const QList<SweepFields::Row> sweepRows = m_sweep->rows();
    for (const SweepFields::Row &row : sweepRows) {
        addRow(form, row.label, row.field, row.help);
        if (!row.path.isEmpty())
            bind(row.path, row.field);
    }
    addRow(form, tr("Max in flight"), m_maxInFlight,
        tr("load.max_in_flight: open model: arrivals beyond this many outstanding requests are dropped and "
           "counted (dropped_iterations), never delayed (k6 maxVUs)"));
    addRow(form, tr("Arrival"), m_arrival,
        tr("load.arrival: uniform = evenly spaced starts; poisson = random gaps with the same mean rate, "
           "closer to real traffic"));
    addRow(form, tr("Think time"), m_thinkRow,
        tr("load.think_time: each VU pauses between requests for a random time in [min, max] (k6 sleep)"));
    addRow(form, tr("Graceful stop"), m_gracefulStop,
        tr("load.graceful_stop: at the end, how long requests in flight may finish before they are cut (k6 "
           "gracefulStop)"));
    bind(QStringLiteral("load.executor"), m_executor);
    bind(QStringLiteral("load.vus"), m_vus);
    bind(QStringLiteral("load.start_vus"), m_startVus);
    bind(QStringLiteral("load.rate"), m_rate);
    bind(QStringLiteral("load.start_rate"), m_startRate);
    bind(QStringLiteral("load.time_unit"), m_timeUnit);
    bind(QStringLiteral("load.duration"), m_duration);
    bind(QStringLiteral("load.max_in_flight"), m_maxInFlight);
    bind(QStringLiteral("load.arrival"), m_arrival);
    bind(QStringLiteral("load.think_time"), m_thinkMax); // "min is greater than max"
    bind(QStringLiteral("load.think_time.min"), m_thinkMin);
    bind(QStringLiteral("load.think_time.max"), m_thinkMax);
    bind(QStringLiteral("load.graceful_stop"), m_gracefulStop);
}

QWidget *LoadPage::createStagesBox()
{
    auto *box = new QWidget(this);
    m_stagesView = new QTableView(box);
    m_stagesView->setObjectName(QStringLiteral("stagesView"));
    m_stagesView->setModel(m_stages);
    m_stagesView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_stagesView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_stagesView->setMinimumHeight(120);
    auto *add = new QPushButton(tr("Add stage"), box);
    add->setObjectName(QStringLiteral("addStageButton"));
    add->setToolTip(tr("Append a stage like the last one"));
    m_removeStage = new QPushButton(tr("Remove"), box);
    m_removeStage->setObjectName(QStringLiteral("removeStageButton"));
    m_removeStage->setToolTip(tr("Remove the selected stage"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_removeStage);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stagesView, 1);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, m_stages, &StageTableModel::addStage);
    connect(m_removeStage, &QPushButton::clicked, this, [this] {
        if (m_stagesView->currentIndex().isValid())
            m_stages->removeRows(m_stagesView->currentIndex().row(), 1);
    });
    connect(m_stagesView->selectionModel(), &QItemSelectionModel::currentChanged, this, &LoadPage::refreshEnabled);
    connect(m_stages, &QAbstractItemModel::modelReset, this, &LoadPage::refreshEnabled);
    connect(m_stages, &QAbstractItemModel::rowsRemoved, this, &LoadPage::refreshEnabled);
    return box;
}

QWidget *LoadPage::createThinkTimeRow()
{
    auto *row = new QWidget(this);
    m_thinkMin = new DurationEdit(row);
    m_thinkMin->setObjectName(QStringLiteral("thinkMinEdit"));
    m_thinkMax = new DurationEdit(row);
    m_thinkMax->setObjectName(QStringLiteral("thinkMaxEdit"));
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("min"), row));
    layout->addWidget(m_thinkMin, 1);
    layout->addWidget(new QLabel(tr("max"), row));
    layout->addWidget(m_thinkMax, 1);
    return row;
}

ExecutorKind LoadPage::executor() const
{
    return ExecutorKind(m_executor->currentData().toInt());
}

void LoadPage::showExecutorFields()
{
    const ExecutorKind kind = executor();
    const bool constantVus = kind == ExecutorKind::ConstantVus;
    const bool rampingVus = kind == ExecutorKind::RampingVus;
    const bool constantRate = kind == ExecutorKind::ConstantArrivalRate;
    const bool rampingRate = kind == ExecutorKind::RampingArrivalRate;
    const bool sweep = kind == ExecutorKind::Sweep;
    const bool open = constantRate || rampingRate || (sweep && !m_sweep->stepsVus());
    const QList<SweepFields::Row> sweepRows = m_sweep->rows();
    for (const SweepFields::Row &row : sweepRows)
        m_form->setRowVisible(row.field, sweep && m_sweep->applies(row.field));
    m_form->setRowVisible(m_vus, constantVus);
    m_form->setRowVisible(m_startVus, rampingVus);
    m_form->setRowVisible(m_rate, constantRate);
    m_form->setRowVisible(m_startRate, rampingRate);
    m_form->setRowVisible(m_timeUnit, constantRate || rampingRate);
    m_form->setRowVisible(m_duration, constantVus || constantRate);
    m_form->setRowVisible(m_stagesBox, rampingVus || rampingRate);
    m_form->setRowVisible(m_maxInFlight, open);
    m_form->setRowVisible(m_arrival, open);
    m_form->setRowVisible(m_thinkRow, constantVus || rampingVus); // a sweep has no think time
    m_executorHelp->setText(executorHelp(kind));
    m_stages->setTargetUnit(rampingVus ? tr("VUs") : tr("per time unit"), rampingVus);
    m_stagesView->setItemDelegateForColumn(StageTableModel::Target, rampingVus ? m_vuTargets : m_rateTargets);
    updatePreview();
}

void LoadPage::loadScenario(const scenario::Scenario &scenario)
{
    const scenario::LoadProfile &load = scenario.load;
    m_executor->setCurrentIndex(m_executor->findData(int(load.executor)));
    m_vus->setValue(load.vus);
    m_startVus->setValue(load.startVus);
    m_rate->setValue(load.rate);
    m_startRate->setValue(load.startRate);
    m_timeUnit->setMs(load.timeUnitMs);
    m_duration->setMs(load.durationMs);
    m_maxInFlight->setValue(load.maxInFlight);
    m_arrival->setCurrentIndex(m_arrival->findData(int(load.arrival)));
    m_stages->setStages(load.stages);
    m_thinkMin->setMs(load.thinkTimeMinMs);
    m_thinkMax->setMs(load.thinkTimeMaxMs);
    m_gracefulStop->setMs(load.gracefulStopMs);
    m_sweep->load(load.sweep);
    showExecutorFields();
}

void LoadPage::save(scenario::Scenario &scenario) const
{
    scenario::LoadProfile &load = scenario.load;
    load.executor = executor();
    load.vus = m_vus->value();
    load.startVus = m_startVus->value();
    load.rate = m_rate->value();
    load.startRate = m_startRate->value();
    load.timeUnitMs = m_timeUnit->ms();
    load.durationMs = m_duration->ms();
    load.maxInFlight = m_maxInFlight->value();
    load.arrival = scenario::Arrival(m_arrival->currentData().toInt());
    load.stages = m_stages->stages();
    load.thinkTimeMinMs = m_thinkMin->ms();
    load.thinkTimeMaxMs = m_thinkMax->ms();
    load.gracefulStopMs = m_gracefulStop->ms();
    m_sweep->save(load.sweep);
}

void LoadPage::updatePreview()
{
    scenario::Scenario current;
    save(current);
    const scenario::Plan plan = scenario::makePlan(current.load);
    m_preview->setPlan(plan);
    const QString described = describePlan(plan, current.load.gracefulStopMs);
    if (m_loadProblem.isEmpty()) {
        m_summary->setStyleSheet(QString());
        m_summary->setText(described);
        return;
    }
    // Fields that do not parse keep their last value: the plan drawn is not what the page says.
    m_summary->setStyleSheet(QStringLiteral("color: #b26a00;"));
    m_summary->setText(
        tr("Not the plan as typed: fix %1 first. Shown: the last valid plan — %2").arg(m_loadProblem, described));
}

void LoadPage::showErrors(const QList<scenario::ValidationError> &errors)
{
    EditorPage::showErrors(errors);
    QString problem;
    for (const scenario::ValidationError &error : errors) {
        if (error.path.startsWith(QLatin1String("load"))) {
            problem = error.toString();
            break;
        }
    }
    if (problem == m_loadProblem)
        return;
    m_loadProblem = problem;
    updatePreview();
}

void LoadPage::refreshEnabled()
{
    if (!isLocked())
        m_removeStage->setEnabled(m_stagesView->currentIndex().isValid());
}

} // namespace stampede::ui::editor
