#include "ui/dashboard/turnsview.h"

#include "chart/palette.h"
#include "report/turntable.h"

#include <QChart>
#include <QChartView>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineSeries>
#include <QPen>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace stampede::ui {

using namespace Qt::StringLiterals;

namespace {

/// One of the report's tables in a table widget: the header with each column's definition as its
/// tooltip, the figures right-aligned.
void fillTable(
    QTableWidget *table, const QStringList &header, const QList<QStringList> &rows, const QStringList &definitions)
{
    table->setColumnCount(int(header.size()));
    table->setRowCount(int(rows.size()));
    for (qsizetype c = 0; c < header.size(); ++c) {
        auto *item = new QTableWidgetItem(header[c]);
        item->setToolTip(definitions.value(c));
        table->setHorizontalHeaderItem(int(c), item);
    }
    for (qsizetype r = 0; r < rows.size(); ++r)
        for (qsizetype c = 0; c < rows[r].size(); ++c) {
            auto *item = new QTableWidgetItem(rows[r][c]);
            item->setTextAlignment(c == 0 ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter);
            table->setItem(int(r), int(c), item);
        }
    table->resizeColumnsToContents();
}

QTableWidget *readOnlyTable(const QString &name, QWidget *parent)
{
    auto *table = new QTableWidget(parent);
    table->setObjectName(name);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->setAlternatingRowColors(true);
    return table;
}

} // namespace

TurnsView::TurnsView(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_x(new QValueAxis(m_chart))
    , m_y(new QValueAxis(m_chart))
    , m_table(readOnlyTable(u"turnsTable"_s, this))
    , m_prefixTable(readOnlyTable(u"sharedPrefixTable"_s, this))
{
    setObjectName(u"turnsView"_s);
    // No title (the tab says what it is): the tabs are short, the plot takes the room.
    m_chart->legend()->setAlignment(Qt::AlignRight);
    QFont small = m_chart->legend()->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_chart->legend()->setFont(small);
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_x->setLabelsFont(small);
    m_y->setLabelsFont(small);
    m_x->setLabelFormat(u"%d"_s);
    m_y->setTitleText(tr("TTFT ms"));
    m_y->setTitleFont(small);
    m_y->setLabelFormat(u"%.0f"_s);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    auto *view = new QChartView(m_chart, this);
    m_chartView = view;
    view->setObjectName(u"turnsChart"_s);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumWidth(320);
    view->setToolTip(tr("Time to first token by conversation turn. Each turn sends the conversation so far: TTFT "
                        "that falls with the turn shows a cache serving the repeated prefix; TTFT that grows, a "
                        "prefill paid again each turn."));
    m_prefixTable->setToolTip(tr("The requests that started with a shared prefix against the others: against a "
                                 "gateway or provider that caches prefixes, those with one read it from the cache "
                                 "and their first token comes sooner"));
    m_prefixTable->setMaximumHeight(110);
    m_prefixTable->hide();
    auto *tables = new QVBoxLayout;
    tables->addWidget(m_table, 1);
    tables->addWidget(m_prefixTable);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(tables, 1);
    layout->addWidget(view, 1);
}

void TurnsView::clear()
{
    m_chart->removeAllSeries();
    for (QTableWidget *table : { m_table, m_prefixTable }) {
        table->clear();
        table->setRowCount(0);
        table->setColumnCount(0);
    }
    m_prefixTable->hide();
}

void TurnsView::setStats(const metrics::GroupStats &overall, const QList<metrics::GroupStats> &models)
{
    const report::TurnTable table = report::TurnTable::of(overall);
    fillTable(m_table, table.header, table.rows, table.definitions);
    const bool hasTurns = !table.rows.isEmpty();
    m_table->setVisible(hasTurns);
    m_chartView->setVisible(hasTurns);
    const report::PrefixTable prefix = report::PrefixTable::of(overall);
    // Its columns are the turns' (defined there): the turns' definitions go with them.
    fillTable(m_prefixTable, prefix.header, prefix.rows,
        prefix.definitions.isEmpty() ? table.definitions : prefix.definitions);
    m_prefixTable->setVisible(!prefix.isEmpty());
    if (!prefix.isEmpty())
        m_prefixTable->setMaximumHeight(hasTurns ? 110 : QWIDGETSIZE_MAX);

    metrics::RunSummary summary;
    summary.overall = overall;
    summary.models = models;
    m_chart->removeAllSeries();
    double top = 0;
    for (const report::TurnLine &line : report::turnTtftLines(summary)) {
        auto *series = new QLineSeries(m_chart);
        series->setName(line.name);
        series->append(line.points);
        QPen pen(QColor(chart::palette::css(
            line.colorIndex < 0 ? chart::palette::kAllModels : chart::palette::model(line.colorIndex))));
        pen.setWidthF(2);
        if (line.dashed)
            pen.setStyle(Qt::DashLine);
        series->setPen(pen);
        series->setPointsVisible(true);
        m_chart->addSeries(series);
        series->attachAxis(m_x);
        series->attachAxis(m_y);
        for (const QPointF &p : line.points)
            top = std::max(top, p.y());
    }
    const int turns = int(overall.turns.size());
    m_x->setRange(1, std::max(2, turns));
    m_x->setTickCount(std::clamp(turns, 2, 11));
    m_y->setRange(0, top > 0 ? top * 1.15 : 1);
    m_y->applyNiceNumbers();
}

} // namespace stampede::ui
