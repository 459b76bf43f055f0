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
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace stampede::ui {

using namespace Qt::StringLiterals;

TurnsView::TurnsView(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_x(new QValueAxis(m_chart))
    , m_y(new QValueAxis(m_chart))
    , m_table(new QTableWidget(this))
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
    view->setObjectName(u"turnsChart"_s);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumWidth(320);
    view->setToolTip(tr("Time to first token by conversation turn. Each turn sends the conversation so far: TTFT "
                        "that falls with the turn shows a cache serving the repeated prefix; TTFT that grows, a "
                        "prefill paid again each turn."));
    m_table->setObjectName(u"turnsTable"_s);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addWidget(view, 1);
}

void TurnsView::clear()
{
    m_chart->removeAllSeries();
    m_table->clear();
    m_table->setRowCount(0);
    m_table->setColumnCount(0);
}

void TurnsView::setStats(const metrics::GroupStats &overall, const QList<metrics::GroupStats> &models)
{
    const report::TurnTable table = report::TurnTable::of(overall);
    m_table->setColumnCount(int(table.header.size()));
    m_table->setRowCount(int(table.rows.size()));
    for (qsizetype c = 0; c < table.header.size(); ++c) {
        auto *item = new QTableWidgetItem(table.header[c]);
        item->setToolTip(table.definitions[c]);
        m_table->setHorizontalHeaderItem(int(c), item);
    }
    for (qsizetype r = 0; r < table.rows.size(); ++r)
        for (qsizetype c = 0; c < table.rows[r].size(); ++c) {
            auto *item = new QTableWidgetItem(table.rows[r][c]);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(int(r), int(c), item);
        }
    m_table->resizeColumnsToContents();

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
