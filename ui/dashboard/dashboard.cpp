#include "ui/dashboard/dashboard.h"
#include "ui/dashboard/dashboard_p.h"

#include "model/metricnames.h"
#include "report/overheadjson.h"
#include "ui/dashboard/bignumberswidget.h"
#include "ui/dashboard/checksmodel.h"
#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/errorschart.h"
#include "ui/dashboard/failuresmodel.h"
#include "ui/dashboard/latencychart.h"
#include "ui/dashboard/metrictips.h"
#include "ui/dashboard/modelsummarymodel.h"
#include "ui/dashboard/modelsummaryview.h"
#include "ui/dashboard/statuspanel.h"
#include "ui/dashboard/tableviews.h"
#include "ui/dashboard/thresholdstatusmodel.h"
#include "ui/dashboard/throughputchart.h"
#include "ui/dashboard/ttftchart.h"
#include "ui/dashboard/vuschart.h"

#include <cmath>

#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>

namespace stampede::ui {

using namespace Qt::StringLiterals;
using metrics::SecondPoint;

namespace {

constexpr int kRecentSeconds = 5;

BigNumbers::Status ruleStatus(
    const QList<metrics::ThresholdResult> &results, QLatin1StringView metric, QStringView expressionPrefix)
{
    BigNumbers::Status status = BigNumbers::Status::Unknown;
    for (const metrics::ThresholdResult &r : results) {
        if (r.metric != metric || !r.expression.startsWith(expressionPrefix) || !r.evaluated)
            continue;
        if (!r.passed)
            return BigNumbers::Status::Fail;
        status = BigNumbers::Status::Pass;
    }
    return status;
}

// While a run goes the time axis follows the data, with a little of the plan ahead (the planned
// series drawn faint there): a long plan no longer squashes the first minutes into its left edge.
// At least 30 s, a quarter more than the elapsed time and 10 s ahead, rounded up to 5 s; never past
// the plan's end.
double liveAxisEndMs(double elapsedMs, double plannedMs, double lastDataMs)
{
    const double ahead = std::max({ 30000.0, elapsedMs * 1.25, elapsedMs + 10000.0 });
    const double follow = std::ceil(ahead / 5000.0) * 5000.0; // a round end: the axis moves in 5-s steps
    const double end = plannedMs > 0 ? std::min(plannedMs, follow) : std::max(elapsedMs, 1000.0);
    return std::max({ end, elapsedMs, lastDataMs });
}

// Before the first snapshot every rule of the scenario is listed as "no data".
QList<metrics::ThresholdResult> pendingThresholds(const scenario::Scenario &scenario)
{
    QList<metrics::ThresholdResult> results;
    for (const scenario::ThresholdSet &set : scenario.thresholds) {
        for (const scenario::ThresholdRule &rule : set.rules) {
            metrics::ThresholdResult r;
            r.metric = set.metricKey;
            r.expression = rule.expression;
            r.evaluated = false;
            r.abortOnFail = rule.abortOnFail;
            results.append(r);
        }
    }
    return results;
}

} // namespace

void Dashboard::Private::appendSeconds(const QList<SecondPoint> &seconds)
{
    QList<SecondPoint> fresh;
    for (const SecondPoint &point : seconds) {
        if (point.second <= lastSecond)
            continue; // already shown (finishRun after snapshots repeats the history)
        fresh.append(point);
        lastSecond = point.second;
        recentRequests.append(point.groups.value(0).requests);
        if (recentRequests.size() > kRecentSeconds)
            recentRequests.removeFirst();
    }
    chartModel.append(fresh);
}

void Dashboard::Private::refreshCharts(double xMaxSeconds)
{
    nextChart = -1;
    shownXMax = xMaxSeconds;
    for (TimeSeriesChart *chart : std::as_const(charts))
        chart->refresh(xMaxSeconds);
}

// Qt Charts re-lays out a series on every replace(): 1-4 ms a chart on a busy machine. Spread over
// event-loop passes, the window's input and repaints get a turn between two charts.
void Dashboard::Private::scheduleCharts(double xMaxSeconds)
{
    pendingXMax = xMaxSeconds;
    if (nextChart >= 0)
        return; // the refresh going on picks up the new data and axis
    nextChart = 0;
    QMetaObject::invokeMethod(
        q, [this] { refreshNextChart(); }, Qt::QueuedConnection);
}

void Dashboard::Private::refreshNextChart()
{
    if (nextChart < 0 || nextChart >= charts.size())
        return; // flushed or cleared meanwhile
    charts.at(nextChart)->refresh(pendingXMax);
    if (++nextChart < charts.size()) {
        QMetaObject::invokeMethod(
            q, [this] { refreshNextChart(); }, Qt::QueuedConnection);
    } else {
        nextChart = -1;
        shownXMax = pendingXMax;
    }
}

double Dashboard::Private::recentRps() const
{
    if (recentRequests.isEmpty())
        return -1;
    std::int64_t sum = 0;
    for (std::int64_t n : recentRequests)
        sum += n;
    return double(sum) / double(recentRequests.size());
}

void Dashboard::Private::showTurnsTab(bool shown, bool conversation)
{
    const int at = tabs->indexOf(turns);
    if (shown) {
        // A conversation's turns (and any shared-prefix split under them), or the split alone.
        if (at < 0)
            tabs->addTab(turns, QString());
        tabs->setTabText(tabs->indexOf(turns), conversation ? tr("Conversation turns") : tr("Shared prefix"));
        tabs->setTabToolTip(tabs->indexOf(turns), tips::text(tips::Tip::Turns));
    } else if (at >= 0) {
        tabs->removeTab(at);
    }
    turns->clear();
}

void Dashboard::Private::setFailures(const QList<metrics::FailureGroup> &groups, std::int64_t total)
{
    failuresModel->setGroups(groups);
    tabs->setTabText(1, total > 0 ? tr("Failures (%1)").arg(style::formatCount(total)) : tr("Failures"));
}

void Dashboard::Private::setTables(const metrics::GroupStats &overall, const QList<metrics::GroupStats> &models,
    int vusNow, int inFlight, const QList<metrics::ThresholdResult> &thresholds,
    const QList<metrics::CheckResult> &checks)
{
    summaryModel->setStats(models, overall, vusNow, inFlight);
    if ((!overall.turns.isEmpty() || overall.sharedPrefix) && tabs->indexOf(turns) < 0) // a stored run's summary
        showTurnsTab(true, !overall.turns.isEmpty());
    if (tabs->indexOf(turns) >= 0)
        turns->setStats(overall, models);
    if (!thresholds.isEmpty() || thresholdModel->rowCount() == 0)
        thresholdModel->setResults(thresholds);
    checksModel->setChecks(checks);
    statusPanel->updateSummary();
    updateVerdict();
}

// A change of load redraws the planned series from the plan as the run now carries it out.
void Dashboard::Private::applyLoadChanges(const QList<metrics::LoadChange> &changes)
{
    if (changes.size() == loadChanges)
        return;
    loadChanges = changes.size();
    chartModel.setPlan(chart::ChartModel::planAsRun(context.plan, changes));
    scheduleCharts(std::max(shownXMax, 1.0));
}

Dashboard::Dashboard(QWidget *parent)
    : QWidget(parent)
    , d(new Private)
{
    d->q = this;
    setObjectName(u"dashboard"_s);
    d->setupUi();
    clear();
}

Dashboard::~Dashboard()
{
    delete d;
}

void Dashboard::beginRun(const report::RunMeta &info)
{
    setBaseline(QString(), nullptr); // the caller sets the new run's, if any
    d->context = ChartContext::fromRunMeta(info);
    d->chartModel = chart::ChartModel(d->context.models, d->context.plan);
    d->loadChanges = 0;
    d->plannedMs = info.plan.totalMs;
    d->budgetUsd = info.scenario.budgetUsd;
    d->lastSecond = -1;
    d->recentRequests.clear();
    for (TimeSeriesChart *chart : std::as_const(d->charts))
        chart->reset(d->context);
    d->showSweepChart(info.scenario.load.executor == scenario::ExecutorKind::Sweep);
    d->showServerChart(info.scenario.serverMetrics.has_value());
    d->showTurnsTab(
        info.scenario.conversation || info.scenario.prompts.sharedPrefix, info.scenario.conversation.has_value());
    d->refreshCharts(liveAxisEndMs(0, double(d->plannedMs), 0) / 1000.0);
    d->numbers->clear();
    BigNumbers start;
    start.plannedMs = d->plannedMs;
    start.budgetUsd = d->budgetUsd;
    start.openModel = d->context.openModel;
    d->numbers->setValues(start);
    d->summaryModel->setRun(d->context.models, d->context.weights, d->context.openModel, d->context.slo);
    d->fitTablesHeight();
    d->thresholdModel->setResults(pendingThresholds(info.scenario));
    d->checksModel->clear();
    d->setFailures({}, 0);
    d->statusPanel->updateSummary();
    d->updateVerdict();
}

void Dashboard::applySnapshot(const metrics::Snapshot &s)
{
    Q_ASSERT(QThread::currentThread() == thread()); // snapshots arrive by queued signal from the engine
    d->applyLoadChanges(s.loadChanges);
    d->appendSeconds(s.newSeconds);
    if (s.plannedMs > 0)
        d->plannedMs = s.plannedMs;
    const double xMax = liveAxisEndMs(double(s.elapsedMs), double(d->plannedMs), 1000.0 * d->chartModel.lastX());
    // Seconds close once a second: three snapshots in four bring nothing new to draw.
    if (!s.newSeconds.isEmpty() || xMax / 1000.0 != d->shownXMax)
        d->scheduleCharts(xMax / 1000.0);

    BigNumbers n;
    n.elapsedMs = s.elapsedMs;
    n.plannedMs = d->plannedMs;
    n.state = s.phase == model::RunPhase::Stopping ? tr("graceful stop…")
        : s.phase == model::RunPhase::Preflight    ? tr("preflight…")
                                                   : QString();
    n.overall = s.overall;
    n.models = s.models;
    n.budgetUsd = d->budgetUsd;
    n.measuredOverhead = s.overhead;
    n.openModel = s.openModel;
    n.vus = s.vus;
    n.inFlight = s.inFlight;
    n.recentRps = d->recentRps();
    n.latencyStatus = ruleStatus(s.thresholds, model::names::httpReqDuration, u"p(95)");
    n.errorStatus = ruleStatus(s.thresholds, model::names::httpReqFailed, u"rate");
    d->numbers->setValues(n);
    d->setTables(s.overall, s.models, s.vus, s.inFlight, s.thresholds, s.checks);
    d->setFailures(s.failures, s.overall.failures);
    if (d->sweepShown && !s.sweepSteps.isEmpty())
        d->sweep->setSteps(s.sweepSteps);
    if (d->serverShown && s.serverMetrics)
        d->server->setMetrics(*s.serverMetrics);
}

bool Dashboard::chartsPending() const
{
    return d->nextChart >= 0;
}

void Dashboard::flushCharts()
{
    if (d->nextChart >= 0)
        d->refreshCharts(d->pendingXMax);
}

void Dashboard::finishRun(const metrics::RunSummary &summary)
{
    d->applyLoadChanges(summary.loadChanges);
    d->appendSeconds(summary.history);
    const double xMax = std::max(double(summary.durationMs), 1000.0 * d->chartModel.lastX());
    d->refreshCharts(std::max(1.0, xMax / 1000.0));

    BigNumbers n;
    n.elapsedMs = summary.durationMs;
    n.plannedMs = d->plannedMs;
    n.finished = true;
    n.state = toString(summary.end).replace(u'_', u' ');
    n.overall = summary.overall;
    n.models = summary.models;
    n.budgetUsd = summary.budget ? std::optional<double>(summary.budget->limitUsd) : d->budgetUsd;
    if (summary.overhead && !summary.overhead->groups.isEmpty()) {
        const report::OverheadRow all = report::overheadRows(*summary.overhead).constFirst();
        n.measuredOverhead = metrics::OverheadLive { all.overhead.latencyP50, all.overhead.ttftP50, all.gatewayRequests,
            all.directRequests };
        n.overheadSignificance = all.latency.text();
    }
    n.openModel = summary.openModel;
    n.vus = summary.maxVus;
    n.inFlight = summary.peakInFlight;
    n.latencyStatus = ruleStatus(summary.thresholds, model::names::httpReqDuration, u"p(95)");
    n.errorStatus = ruleStatus(summary.thresholds, model::names::httpReqFailed, u"rate");
    d->numbers->setValues(n);
    d->setTables(
        summary.overall, summary.models, summary.maxVus, summary.peakInFlight, summary.thresholds, summary.checks);
    d->setFailures(summary.failures, summary.overall.failures);
    if (d->sweepShown && !summary.capacity.isEmpty())
        d->sweep->setCapacity(summary.capacity);
    if (summary.serverMetrics) { // a run folder's summary may have it when its run.json's scenario was edited away
        if (!d->serverShown)
            d->showServerChart(true);
        d->server->setMetrics(*summary.serverMetrics);
    }
}

void Dashboard::showRun(const report::RunMeta &info, const metrics::RunSummary &summary)
{
    beginRun(info);
    finishRun(summary);
}

void Dashboard::clear()
{
    beginRun(report::RunMeta());
    d->numbers->clear();
}

void Dashboard::setBaseline(const QString &label, const metrics::RunSummary *summary)
{
    if (!summary) {
        if (!d->baselineChart)
            return;
        d->baselineLabel.clear();
        for (TimeSeriesChart *chart : std::as_const(d->charts))
            chart->setBaseline(nullptr);
        d->baselineChart.reset();
        d->summaryModel->clearBaseline();
        return;
    }
    QStringList models; // the history's group order: the baseline run's models
    for (const metrics::GroupStats &g : summary->models)
        models.append(g.model);
    d->baselineChart = chart::ChartModel::fromHistory(models, {}, summary->history);
    d->baselineLabel = label;
    for (TimeSeriesChart *chart : std::as_const(d->charts))
        chart->setBaseline(&*d->baselineChart, label);
    d->summaryModel->setBaseline(label, summary->models, summary->overall);
}

QString Dashboard::baselineLabel() const
{
    return d->baselineLabel;
}

QString Dashboard::resultsTableText() const
{
    return d->summaryView->tableText();
}

} // namespace stampede::ui
