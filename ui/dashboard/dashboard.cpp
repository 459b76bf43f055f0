#include "ui/dashboard/dashboard.h"

#include "metrics/metricnames.h"
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

#include <QGridLayout>
#include <QHeaderView>
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

constexpr double kPresentationScale = 1.7;
constexpr int kRecentSeconds = 5;

BigNumbers::Status ruleStatus(const QList<metrics::ThresholdResult> &results, QLatin1StringView metric,
                              QStringView expressionPrefix)
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

struct Dashboard::Private {
    Dashboard *q = nullptr;
    ChartContext context;
    std::int64_t plannedMs = 0;
    std::int64_t lastSecond = -1; ///< the latest second appended to the charts
    QList<std::int64_t> recentRequests; ///< finished requests of the last few seconds
    bool presentation = false;

    BigNumbersWidget *numbers = nullptr;
    LatencyChart *latency = nullptr;
    ThroughputChart *throughput = nullptr;
    ErrorsChart *errors = nullptr;
    VusChart *vus = nullptr;
    TtftChart *ttft = nullptr;
    QList<TimeSeriesChart *> charts;
    int nextChart = -1; ///< the next chart of a staggered refresh; -1: none pending
    double pendingXMax = 0; ///< the time axis' end (s) of the pending refresh
    double shownXMax = -1; ///< the time axis' end (s) the charts were last refreshed with
    QGridLayout *grid = nullptr;
    ModelSummaryModel *summaryModel = nullptr;
    ModelSummaryView *summaryView = nullptr;
    ThresholdStatusModel *thresholdModel = nullptr;
    ChecksModel *checksModel = nullptr;
    StatusPanel *statusPanel = nullptr;
    FailuresModel *failuresModel = nullptr;
    QTableView *failuresView = nullptr;
    QTabWidget *tabs = nullptr;
    QSplitter *splitter = nullptr;
    int tablesHeight = 0; ///< what the bottom tabs need to show every model
    bool userSizedSplitter = false;

    QWidget *setupCharts();
    QWidget *setupFailures();
    void setupUi();
    void appendSeconds(const QList<SecondPoint> &seconds);
    void refreshCharts(double xMaxSeconds);
    void scheduleCharts(double xMaxSeconds);
    void refreshNextChart();
    double recentRps() const;
    void fitTablesHeight();
    void fitSplitter();
    void setFailures(const QList<metrics::FailureGroup> &groups, std::int64_t total);
    void setTables(const metrics::GroupStats &overall, const QList<metrics::GroupStats> &models, int vus,
                   int inFlight, const QList<metrics::ThresholdResult> &thresholds,
                   const QList<metrics::CheckResult> &checks);
};

QWidget *Dashboard::Private::setupCharts()
{
    auto *area = new QWidget(q);
    latency = new LatencyChart(area);
    throughput = new ThroughputChart(area);
    errors = new ErrorsChart(area);
    vus = new VusChart(area);
    ttft = new TtftChart(area);
    charts = { latency, throughput, errors, vus, ttft };
    thresholdModel = new ThresholdStatusModel(q);
    checksModel = new ChecksModel(q);
    statusPanel = new StatusPanel(thresholdModel, checksModel, area);
    grid = new QGridLayout(area);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(8);
    grid->addWidget(latency, 0, 0);
    grid->addWidget(throughput, 0, 1);
    grid->addWidget(errors, 0, 2);
    grid->addWidget(vus, 1, 0);
    grid->addWidget(ttft, 1, 1);
    grid->addWidget(statusPanel, 1, 2);
    for (int i = 0; i < 3; ++i)
        grid->setColumnStretch(i, 1);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);
    return area;
}

QWidget *Dashboard::Private::setupFailures()
{
    failuresModel = new FailuresModel(q);
    auto *proxy = new QSortFilterProxyModel(q);
    proxy->setSourceModel(failuresModel);
    proxy->setSortRole(FailuresModel::SortRole);
    failuresView = new QTableView(q);
    failuresView->setObjectName(u"failuresTable"_s);
    failuresView->setModel(proxy);
    failuresView->setToolTip(tips::text(tips::Tip::Failures));
    setupTableView(failuresView, true);
    failuresView->sortByColumn(FailuresModel::Count, Qt::DescendingOrder);
    QHeaderView *header = failuresView->horizontalHeader();
    const QList<int> widths = { 150, 60, 80, 80, 80, 150 };
    for (int c = 0; c < widths.size(); ++c)
        header->resizeSection(c, widths[c]);
    return failuresView;
}

void Dashboard::Private::setupUi()
{
    numbers = new BigNumbersWidget(q);
    numbers->setObjectName(u"bigNumbers"_s);
    QWidget *chartsArea = setupCharts();
    summaryModel = new ModelSummaryModel(q);
    summaryView = new ModelSummaryView(summaryModel, q);
    tabs = new QTabWidget(q);
    tabs->setObjectName(u"dashboardTabs"_s);
    tabs->setDocumentMode(true);
    tabs->addTab(summaryView, tr("Results by model"));
    tabs->addTab(setupFailures(), tr("Failures"));
    splitter = new QSplitter(Qt::Vertical, q);
    splitter->setObjectName(u"dashboardSplitter"_s);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(chartsArea);
    splitter->addWidget(tabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    QObject::connect(splitter, &QSplitter::splitterMoved, q, [this] { userSizedSplitter = true; });
    auto *layout = new QVBoxLayout(q);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(8);
    layout->addWidget(numbers);
    layout->addWidget(splitter, 1);
}

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
    if (fresh.isEmpty())
        return;
    for (TimeSeriesChart *chart : std::as_const(charts))
        chart->appendSeconds(fresh);
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
    QMetaObject::invokeMethod(q, [this] { refreshNextChart(); }, Qt::QueuedConnection);
}

void Dashboard::Private::refreshNextChart()
{
    if (nextChart < 0 || nextChart >= charts.size())
        return; // flushed or cleared meanwhile
    charts.at(nextChart)->refresh(pendingXMax);
    if (++nextChart < charts.size()) {
        QMetaObject::invokeMethod(q, [this] { refreshNextChart(); }, Qt::QueuedConnection);
    } else {
        nextChart = -1;
        shownXMax = pendingXMax;
    }
}

// The results table shows every model and the mixed row without scrolling (up to 8 models).
void Dashboard::Private::fitTablesHeight()
{
    const int rows = std::min(summaryModel->rowCount(), 9);
    const int table = tableHeightForRows(summaryView->view(), std::max(rows, 3));
    tablesHeight = table + tabs->tabBar()->sizeHint().height() + summaryView->headerHeight() + 12;
    tabs->setMinimumHeight(std::min(tablesHeight, 200));
    fitSplitter();
}

// The tables get what they need, the charts the rest, until the user drags the splitter.
void Dashboard::Private::fitSplitter()
{
    if (userSizedSplitter || presentation || splitter->height() <= 0)
        return;
    const int total = splitter->height() - splitter->handleWidth();
    const int tables = std::min(tablesHeight, total / 2);
    splitter->setSizes({ total - tables, tables });
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
    if (!thresholds.isEmpty() || thresholdModel->rowCount() == 0)
        thresholdModel->setResults(thresholds);
    checksModel->setChecks(checks);
    statusPanel->updateSummary();
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

void Dashboard::beginRun(const engine::RunInfo &info)
{
    d->context = ChartContext::fromRunInfo(info);
    d->plannedMs = info.plan.totalMs;
    d->lastSecond = -1;
    d->recentRequests.clear();
    for (TimeSeriesChart *chart : std::as_const(d->charts))
        chart->reset(d->context);
    d->refreshCharts(std::max(60.0, double(d->plannedMs) / 1000.0));
    d->numbers->clear();
    BigNumbers start;
    start.plannedMs = d->plannedMs;
    start.openModel = d->context.openModel;
    d->numbers->setValues(start);
    d->summaryModel->setRun(d->context.models, d->context.weights, d->context.openModel);
    d->fitTablesHeight();
    d->thresholdModel->setResults(pendingThresholds(info.scenario));
    d->checksModel->clear();
    d->setFailures({}, 0);
    d->statusPanel->updateSummary();
}

void Dashboard::applySnapshot(const metrics::Snapshot &s)
{
    Q_ASSERT(QThread::currentThread() == thread()); // snapshots arrive by queued signal from the engine
    d->appendSeconds(s.newSeconds);
    if (s.plannedMs > 0)
        d->plannedMs = s.plannedMs;
    const double xMax = std::max({ double(d->plannedMs), double(s.elapsedMs), 1000.0 * double(d->lastSecond + 1) });
    // Seconds close once a second: three snapshots in four bring nothing new to draw.
    if (!s.newSeconds.isEmpty() || xMax / 1000.0 != d->shownXMax)
        d->scheduleCharts(xMax / 1000.0);

    BigNumbers n;
    n.elapsedMs = s.elapsedMs;
    n.plannedMs = d->plannedMs;
    n.state = s.phase == metrics::RunPhase::Stopping ? tr("graceful stop…")
        : s.phase == metrics::RunPhase::Preflight    ? tr("preflight…")
                                                     : QString();
    n.overall = s.overall;
    n.openModel = s.openModel;
    n.vus = s.vus;
    n.inFlight = s.inFlight;
    n.recentRps = d->recentRps();
    n.latencyStatus = ruleStatus(s.thresholds, metrics::names::httpReqDuration, u"p(95)");
    n.errorStatus = ruleStatus(s.thresholds, metrics::names::httpReqFailed, u"rate");
    d->numbers->setValues(n);
    d->setTables(s.overall, s.models, s.vus, s.inFlight, s.thresholds, s.checks);
    d->setFailures(s.failures, s.overall.failures);
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
    d->appendSeconds(summary.history);
    const double xMax = std::max(double(summary.durationMs), 1000.0 * double(d->lastSecond + 1));
    d->refreshCharts(std::max(1.0, xMax / 1000.0));

    BigNumbers n;
    n.elapsedMs = summary.durationMs;
    n.plannedMs = d->plannedMs;
    n.finished = true;
    n.state = toString(summary.end).replace(u'_', u' ');
    n.overall = summary.overall;
    n.openModel = summary.openModel;
    n.vus = summary.maxVus;
    n.inFlight = summary.peakInFlight;
    n.latencyStatus = ruleStatus(summary.thresholds, metrics::names::httpReqDuration, u"p(95)");
    n.errorStatus = ruleStatus(summary.thresholds, metrics::names::httpReqFailed, u"rate");
    d->numbers->setValues(n);
    d->setTables(summary.overall, summary.models, summary.maxVus, summary.peakInFlight, summary.thresholds,
                 summary.checks);
    d->setFailures(summary.failures, summary.overall.failures);
}

void Dashboard::showRun(const engine::RunInfo &info, const metrics::RunSummary &summary)
{
    beginRun(info);
    finishRun(summary);
}

void Dashboard::clear()
{
    beginRun(engine::RunInfo());
    d->numbers->clear();
}

void Dashboard::setPresentationMode(bool on)
{
    d->presentation = on;
    for (QWidget *w : { static_cast<QWidget *>(d->errors), static_cast<QWidget *>(d->vus),
                        static_cast<QWidget *>(d->ttft), static_cast<QWidget *>(d->statusPanel),
                        static_cast<QWidget *>(d->tabs) })
        w->setVisible(!on);
    const double scale = on ? kPresentationScale : 1.0;
    d->numbers->setFontScale(scale);
    d->latency->setFontScale(scale);
    d->throughput->setFontScale(scale);
    // Empty rows and columns keep their stretch in a QGridLayout: give it to the two charts.
    d->grid->setColumnStretch(2, on ? 0 : 1);
    d->grid->setRowStretch(1, on ? 0 : 1);
    layout()->setContentsMargins(on ? QMargins(24, 24, 24, 24) : QMargins(8, 8, 8, 8));
    layout()->setSpacing(on ? 16 : 8);
    d->fitSplitter();
}

void Dashboard::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    d->fitSplitter();
}

bool Dashboard::presentationMode() const
{
    return d->presentation;
}

QString Dashboard::resultsTableText() const
{
    return d->summaryView->tableText();
}

} // namespace stampede::ui
