#include "ui/dashboard/serverchart.h"

#include "ui/dashboard/dashboardstyle.h"

#include "chart/serverlines.h"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace stampede::ui {

ServerChart::ServerChart(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_x(new QValueAxis(this))
    , m_y(new QValueAxis(this))
    , m_caption(new QLabel(this))
{
    setObjectName(QStringLiteral("serverChart"));
    m_chart->setTitle(tr("Server (the gateway's own metrics)"));
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(4, 4, 8, 4)); // as the other charts (TimeSeriesChart)
    m_x->setLabelFormat(QStringLiteral("%.0f"));
    m_x->setTitleText(tr("elapsed (s)"));
    m_x->setTickCount(6);
    m_y->setLabelFormat(QStringLiteral("%.3g"));
    const QFont small = style::scaledFont(font(), 0.9);
    for (QValueAxis *axis : { m_x, m_y }) {
        axis->setLabelsFont(small);
        axis->setTitleFont(small);
    }
    m_chart->legend()->setFont(small);
    m_chart->setTitleFont(style::scaledFont(font(), 1.1, true));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_caption->setObjectName(QStringLiteral("serverCaption"));
    m_caption->setWordWrap(true);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *view = new QChartView(m_chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(180);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view, 1);
    layout->addWidget(m_caption);
    clear();
}

QLineSeries *ServerChart::series(const QString &name, const QString &kind) const
{
    return m_series.value(name + QLatin1Char('|') + kind);
}

void ServerChart::setMetrics(const metrics::ServerMetrics &metrics)
{
    if (metrics.scrapes == m_shownScrapes)
        return; // nothing new: snapshots come at 4 Hz, scrapes every interval
    m_shownScrapes = metrics.scrapes;
    double maxX = 1, minY = 0, maxY = 1;
    QStringList tips;
    for (const chart::ServerLine &line : chart::serverLines(metrics)) {
        QLineSeries *series = m_series.value(line.key);
        if (!series) {
            series = new QLineSeries(this);
            series->setObjectName(line.key);
            series->setName(line.label);
            series->setPen(QPen(style::color(line.color), 2));
            m_chart->addSeries(series);
            series->attachAxis(m_x);
            series->attachAxis(m_y);
            m_series.insert(line.key, series);
        }
        series->replace(line.points);
        for (const QPointF &p : line.points) {
            maxX = std::max(maxX, p.x());
            minY = std::min(minY, p.y());
            maxY = std::max(maxY, p.y());
        }
        tips << QStringLiteral("<b>%1</b>: %2").arg(line.label.toHtmlEscaped(), line.explanation.toHtmlEscaped());
    }
    m_x->setRange(0, std::ceil(maxX / 5.0) * 5.0); // whole ticks, as the run's other charts
    m_y->setRange(minY, maxY * 1.15);
    m_y->applyNiceNumbers();
    const QString caption = chart::serverCaption(metrics);
    m_caption->setText(caption);
    setToolTip(tr("The gateway's own figures, polled from %1 every %2 s while the load ran (scenario "
                  "<i>server_metrics</i>), on the run's time axis.<br/>%3<br/><br/>%4 scrape(s), %5 error(s)%6")
                   .arg(metrics.url.toHtmlEscaped())
                   .arg(metrics.intervalS)
                   .arg(tips.join(QStringLiteral("<br/>")))
                   .arg(metrics.scrapes)
                   .arg(metrics.errors)
                   .arg(metrics.lastError.isEmpty() ? QString()
                                                    : tr("; the last: %1").arg(metrics.lastError.toHtmlEscaped())));
}

void ServerChart::clear()
{
    for (QLineSeries *series : std::as_const(m_series)) {
        m_chart->removeSeries(series);
        delete series;
    }
    m_series.clear();
    m_shownScrapes = -1;
    m_x->setRange(0, 1);
    m_y->setRange(0, 1);
    m_caption->setText(tr("Waiting for the first scrape."));
    setToolTip(tr("The gateway's own figures (scenario <i>server_metrics</i>): waiting for the first scrape."));
}

QString ServerChart::caption() const
{
    return m_caption->text();
}

} // namespace stampede::ui
