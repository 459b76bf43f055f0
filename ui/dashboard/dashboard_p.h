#pragma once
// Dashboard's private parts, shared by dashboard.cpp (data in: snapshots, summaries) and
// dashboardlayout.cpp (widgets, reflow at every window size, presentation mode). GUI thread only.

#include "model/metricnames.h"
#include "ui/dashboard/bignumberswidget.h"
#include "ui/dashboard/checksmodel.h"
#include "ui/dashboard/dashboard.h"
#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/errorschart.h"
#include "ui/dashboard/failuresmodel.h"
#include "ui/dashboard/latencychart.h"
#include "ui/dashboard/metrictips.h"
#include "ui/dashboard/modelsummarymodel.h"
#include "ui/dashboard/modelsummaryview.h"
#include "ui/dashboard/serverchart.h"
#include "ui/dashboard/statuspanel.h"
#include "ui/dashboard/sweepchart.h"
#include "ui/dashboard/tableviews.h"
#include "ui/dashboard/thresholdstatusmodel.h"
#include "ui/dashboard/throughputchart.h"
#include "ui/dashboard/ttftchart.h"
#include "ui/dashboard/turnsview.h"
#include "ui/dashboard/vuschart.h"
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
#include <cmath>
#include <optional>

namespace stampede::ui {

using metrics::SecondPoint;

struct Dashboard::Private {
    Dashboard *q = nullptr;
    ChartContext context;
    chart::ChartModel chartModel; ///< every chart draws from it; fed each snapshot's new seconds
    std::optional<chart::ChartModel> baselineChart; ///< the baseline run's series, drawn faint and dashed
    QString baselineLabel;
    std::int64_t plannedMs = 0;
    std::optional<double> budgetUsd; ///< the run's scenario budget_usd (the spend tile)
    qsizetype loadChanges = 0; ///< Run ▸ Adjust load changes drawn in the planned series
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
    SweepChart *sweep = nullptr; ///< a sweep run's chart against the offered rate, first in the grid; hidden otherwise
    int nextChart = -1; ///< the next chart of a staggered refresh; -1: none pending
    double pendingXMax = 0; ///< the time axis' end (s) of the pending refresh
    double shownXMax = -1; ///< the time axis' end (s) the charts were last refreshed with
    QGridLayout *grid = nullptr;
    QScrollArea *chartsScroll = nullptr; ///< the charts scroll vertically when the window is short
    int gridColumns = 0;
    bool sweepShown = false; ///< the grid holds the sweep chart
    ServerChart *server
        = nullptr; ///< scenario server_metrics: the gateway's own series, last in the grid; hidden otherwise
    bool serverShown = false; ///< the grid holds the server chart
    ModelSummaryModel *summaryModel = nullptr;
    ModelSummaryView *summaryView = nullptr;
    ThresholdStatusModel *thresholdModel = nullptr;
    ChecksModel *checksModel = nullptr;
    StatusPanel *statusPanel = nullptr;
    QLabel *verdict = nullptr; ///< presentation mode's pass/fail line
    FailuresModel *failuresModel = nullptr;
    QTableView *failuresView = nullptr;
    QTabWidget *tabs = nullptr;
    TurnsView *turns = nullptr; ///< a conversation run's "Turns" tab; not in `tabs` otherwise
    QSplitter *splitter = nullptr;
    int tablesHeight = 0; ///< what the bottom tabs need to show every model
    bool userSizedSplitter = false;

    QWidget *setupCharts();
    QWidget *setupFailures();
    void setupUi();
    void placeCharts(int columns);
    void showSweepChart(bool shown);
    void showServerChart(bool shown);
    /// A conversation run's "Conversation turns" tab (with a shared-prefix split under its table
    /// when the run has shared prefixes), or "Shared prefix" for shared prefixes alone.
    void showTurnsTab(bool shown, bool conversation);
    void reflow();
    void appendSeconds(const QList<SecondPoint> &seconds);
    void refreshCharts(double xMaxSeconds);
    void scheduleCharts(double xMaxSeconds);
    void refreshNextChart();
    double recentRps() const;
    void fitTablesHeight();
    void fitSplitter();
    void updateVerdict();
    void applyLoadChanges(const QList<metrics::LoadChange> &changes);
    void setFailures(const QList<metrics::FailureGroup> &groups, std::int64_t total);
    void setTables(const metrics::GroupStats &overall, const QList<metrics::GroupStats> &models, int vus, int inFlight,
        const QList<metrics::ThresholdResult> &thresholds, const QList<metrics::CheckResult> &checks);
};

} // namespace stampede::ui
