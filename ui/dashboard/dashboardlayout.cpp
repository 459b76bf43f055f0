// The dashboard's widgets and how they fit a window: setup, reflow (chart columns, the verdict
// panel's width, the tables' height) and presentation mode. Data flow is in dashboard.cpp.
#include "ui/dashboard/dashboard.h"
#include "ui/dashboard/dashboard_p.h"

namespace stampede::ui {

using namespace Qt::StringLiterals;

namespace {

constexpr double kPresentationScale = 1.7;
const QString kTablesHeightKey = QStringLiteral("dashboard/tablesHeight");

} // namespace

QWidget *Dashboard::Private::setupCharts()
{
    auto *area = new QWidget(q);
    auto *chartsBox = new QWidget;
    chartsBox->setObjectName(u"chartsBox"_s);
    latency = new LatencyChart(chartsBox);
    throughput = new ThroughputChart(chartsBox);
    errors = new ErrorsChart(chartsBox);
    vus = new VusChart(chartsBox);
    ttft = new TtftChart(chartsBox);
    charts = { latency, throughput, errors, vus, ttft };
    for (TimeSeriesChart *chart : std::as_const(charts)) {
        chart->setModel(&chartModel);
        // One pointer reads every chart at the same second.
        QObject::connect(chart, &TimeSeriesChart::hovered, q, [this](double seconds) {
            for (TimeSeriesChart *c : std::as_const(charts))
                c->showReadout(seconds);
        });
        QObject::connect(chart, &TimeSeriesChart::hoverLeft, q, [this] {
            for (TimeSeriesChart *c : std::as_const(charts))
                c->hideReadout();
        });
    }
    grid = new QGridLayout(chartsBox);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(8);
    sweep = new SweepChart(chartsBox);
    sweep->setObjectName(u"sweepChart"_s);
    sweep->hide();
    server = new ServerChart(chartsBox);
    server->hide();
    placeCharts(3);
    chartsScroll = new QScrollArea(area);
    chartsScroll->setObjectName(u"chartsScroll"_s);
    chartsScroll->setWidget(chartsBox);
    chartsScroll->setWidgetResizable(true);
    chartsScroll->setFrameShape(QFrame::NoFrame);
    chartsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // One row of charts at least; below that the splitter gives the rest to the tables.
    chartsScroll->setMinimumHeight(latency->minimumSizeHint().height());

    // The verdict stands beside the charts at full height, never in a grid cell.
    thresholdModel = new ThresholdStatusModel(q);
    checksModel = new ChecksModel(q);
    statusPanel = new StatusPanel(thresholdModel, checksModel, area);
    auto *row = new QHBoxLayout(area);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(8);
    row->addWidget(chartsScroll, 1);
    row->addWidget(statusPanel, 0);
    QObject::connect(statusPanel, &StatusPanel::neededWidthChanged, q, [this] { reflow(); });
    return area;
}

// Five charts in three columns on a wide window, two on a narrow one; the last one spans what is left of
// its row, unused rows and columns take no stretch. A sweep's chart comes first, across the whole
// row: its legend and the knee's label need the width. The server chart (server_metrics) is a sixth
// cell after ours, so three columns still make two rows at 1280 px.
void Dashboard::Private::placeCharts(int columns)
{
    if (columns == gridColumns)
        return;
    gridColumns = columns;
    grid->removeWidget(sweep);
    grid->removeWidget(server);
    QList<QWidget *> cells;
    for (TimeSeriesChart *chart : std::as_const(charts)) {
        grid->removeWidget(chart);
        cells << chart;
    }
    if (serverShown)
        cells << server;
    const int top = sweepShown ? 1 : 0;
    if (sweepShown)
        grid->addWidget(sweep, 0, 0, 1, columns);
    for (int i = 0; i < cells.size(); ++i) {
        const bool last = i == cells.size() - 1;
        grid->addWidget(cells[i], top + i / columns, i % columns, 1, last ? columns - i % columns : 1); // no empty cell
    }
    const int rows = top + int((cells.size() + columns - 1) / columns);
    for (int c = 0; c < 3; ++c)
        grid->setColumnStretch(c, c < columns ? 1 : 0);
    for (int r = 0; r < 5; ++r)
        grid->setRowStretch(r, r < rows ? 1 : 0);
}

void Dashboard::Private::showSweepChart(bool shown)
{
    sweep->clear();
    if (shown == sweepShown)
        return;
    sweepShown = shown;
    sweep->setVisible(shown);
    const int columns = gridColumns;
    gridColumns = 0; // place again
    placeCharts(columns > 0 ? columns : 3);
}

void Dashboard::Private::showServerChart(bool shown)
{
    server->clear();
    if (shown == serverShown)
        return;
    serverShown = shown;
    server->setVisible(shown);
    const int columns = gridColumns;
    gridColumns = 0; // place again
    placeCharts(columns > 0 ? columns : 3);
}

// Widths follow the window: the verdict panel takes about a third (within a readable range, and
// never so narrow that a metric's name is cut), the charts reflow into the columns that stay readable.
void Dashboard::Private::reflow()
{
    const int width = q->width();
    const int wanted = std::max(width * 36 / 100, statusPanel->neededWidth());
    const int panel = presentation ? 0 : std::clamp(wanted, 370, std::max(460, width / 2));
    statusPanel->setFixedWidth(std::max(panel, 1));
    const int chartsWidth = width - panel - 24;
    const int minColumn = presentation ? 380 : 300;
    placeCharts(chartsWidth >= 3 * minColumn ? 3 : 2);
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
    turns = new TurnsView(q); // a tab only while a conversation run is shown (showTurnsTab())
    turns->hide();
    tabs->setCornerWidget(summaryView->copyButton(), Qt::TopRightCorner);
    splitter = new QSplitter(Qt::Vertical, q);
    splitter->setObjectName(u"dashboardSplitter"_s);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(chartsArea);
    splitter->addWidget(tabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    // A height the user dragged the tables to is kept, for this window and the next session.
    QObject::connect(splitter, &QSplitter::splitterMoved, q, [this] {
        userSizedSplitter = true;
        QSettings().setValue(kTablesHeightKey, splitter->sizes().value(1));
    });
    auto *layout = new QVBoxLayout(q);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(8);
    verdict = new QLabel(q);
    verdict->setObjectName(u"presentationVerdict"_s);
    verdict->setAlignment(Qt::AlignCenter);
    verdict->setVisible(false);
    layout->addWidget(verdict);
    layout->addWidget(numbers);
    layout->addWidget(splitter, 1);
}

// The results table shows every model and the mixed row without scrolling (up to 8 models): the
// splitter cannot make it shorter than that.
void Dashboard::Private::fitTablesHeight()
{
    const int rows = std::min(summaryModel->rowCount(), 9);
    tablesHeight = summaryView->heightForRows(std::max(rows, 3)) + tabs->tabBar()->sizeHint().height() + 4;
    tabs->setMinimumHeight(tablesHeight);
    summaryView->fitModelColumn();
    fitSplitter();
}

// The tables get what they need, the charts the rest, until the user drags the splitter.
// The tables get what they need, the charts the rest, until the user drags the splitter.
void Dashboard::Private::fitSplitter()
{
    if (userSizedSplitter || presentation || splitter->height() <= 0)
        return;
    const int total = splitter->height() - splitter->handleWidth();
    const int saved = QSettings().value(kTablesHeightKey, 0).toInt();
    const int tables = std::max(tablesHeight, std::min(saved, total / 2));
    splitter->setSizes({ total - tables, tables });
}

// Presentation mode has no threshold table: one line says whether the run meets its thresholds.
void Dashboard::Private::updateVerdict()
{
    const int total = thresholdModel->rowCount();
    const int failed = thresholdModel->failedCount();
    int noData = 0;
    for (int row = 0; row < total; ++row)
        noData += thresholdModel->state(row) == ThresholdStatusModel::State::NoData ? 1 : 0;
    QString text;
    QString colour = style::noDataColor().name();
    if (total == 0) {
        text = tr("No thresholds set");
    } else if (failed > 0) {
        text = tr("✗ FAILING — %1 of %2 thresholds").arg(failed).arg(total);
        colour = style::failColor().name();
    } else if (noData == total) {
        text = tr("Thresholds: waiting for data");
    } else {
        text = tr("✓ PASSING — %1 of %2 thresholds").arg(total - noData).arg(total);
        colour = style::passColor().name();
    }
    verdict->setText(text);
    verdict->setStyleSheet(u"QLabel { color: white; background: %1; border-radius: 6px; padding: 6px; "
                           "font-weight: bold; }"_s.arg(colour));
}

void Dashboard::setPresentationMode(bool on)
{
    d->presentation = on;
    // Every chart stays; the tables and the threshold table give way to a one-line verdict.
    for (QWidget *w : { static_cast<QWidget *>(d->statusPanel), static_cast<QWidget *>(d->tabs) })
        w->setVisible(!on);
    d->verdict->setVisible(on);
    // Large type, as large as the screen's width lets seven number cards be (1.7× needs ~1400 px).
    const int screenWidth = screen() ? screen()->geometry().width() : 1920;
    const double scale
        = on ? std::clamp(kPresentationScale * (screenWidth - 48) / 1400.0, 1.2, kPresentationScale) : 1.0;
    d->numbers->setFontScale(scale);
    for (TimeSeriesChart *chart : std::as_const(d->charts))
        chart->setFontScale(scale);
    d->verdict->setFont(style::scaledFont(font(), on ? 1.6 : 1.0));
    layout()->setContentsMargins(on ? QMargins(24, 24, 24, 24) : QMargins(8, 8, 8, 8));
    layout()->setSpacing(on ? 16 : 8);
    d->reflow();
    d->fitSplitter();
}

void Dashboard::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    d->reflow();
    d->fitSplitter();
}

bool Dashboard::presentationMode() const
{
    return d->presentation;
}

} // namespace stampede::ui
