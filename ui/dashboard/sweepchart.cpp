#include "ui/dashboard/sweepchart.h"

#include "ui/dashboard/dashboardstyle.h"

#include "chart/sweepseries.h"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QPen>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace stampede::ui {

namespace {

double maxY(const QList<chart::SweepLine> &lines)
{
    double top = 0;
    for (const chart::SweepLine &line : lines)
        for (const QPointF &p : line.points)
            top = std::max(top, p.y());
    return top;
}

} // namespace

SweepChart::SweepChart(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_x(new QValueAxis(this))
    , m_ms(new QValueAxis(this))
    , m_rps(new QValueAxis(this))
    , m_knee(new QLineSeries(this))
    , m_caption(new QLabel(this))
{
    setObjectName(QStringLiteral("sweepChart"));
    setVusAxis(false);
    m_x->setLabelFormat(QStringLiteral("%.0f"));
    m_ms->setTitleText(tr("ms")); // the unit alone: it fits a plot one grid row tall (the legend names the lines)
    m_ms->setLabelFormat(QStringLiteral("%.0f"));
    m_rps->setTitleText(tr("req/s"));
    m_rps->setLabelFormat(QStringLiteral("%.0f"));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_ms, Qt::AlignLeft);
    m_chart->addAxis(m_rps, Qt::AlignRight);
    m_knee->setObjectName(QStringLiteral("kneeLine"));
    QPen kneePen(style::failColor(), 2, Qt::DashLine);
    m_knee->setPen(kneePen);
    m_chart->addSeries(m_knee);
    m_knee->attachAxis(m_x);
    m_knee->attachAxis(m_ms);
    m_caption->setObjectName(QStringLiteral("sweepCaption"));
    m_caption->setWordWrap(true);
    auto *view = new QChartView(m_chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(240);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view, 1);
    layout->addWidget(m_caption);
    setToolTip(tr("One point per step of the sweep, over the requests sent in it: latency p50/p95/p99 and TTFT "
                  "p95 (left axis, ms), achieved rate and goodput (right axis, req/s). The dashed red line marks "
                  "the knee, the first step that failed."));
    clear();
}

QLineSeries *SweepChart::lineFor(
    const QString &key, const QString &label, std::uint32_t color, bool dashed, bool rightAxis)
{
    if (QLineSeries *existing = m_series.value(key))
        return existing;
    auto *series = new QLineSeries(this);
    series->setObjectName(key);
    series->setName(label);
    series->setPointsVisible(true);
    // The rates (right axis) dotted: goodput's green is p50's, and the axes differ.
    series->setPen(QPen(style::color(color), 2, dashed ? Qt::DashLine : rightAxis ? Qt::DotLine : Qt::SolidLine));
    m_chart->addSeries(series);
    series->attachAxis(m_x);
    series->attachAxis(rightAxis ? m_rps : m_ms);
    m_series.insert(key, series);
    return series;
}

void SweepChart::setSteps(const QList<metrics::SweepStep> &steps)
{
    const chart::SweepChart model = chart::sweepChart(steps);
    for (const chart::SweepLine &line : model.latency)
        lineFor(line.key, line.label, line.color, line.dashed, false)->replace(line.points);
    for (const chart::SweepLine &line : model.throughput)
        lineFor(line.key, line.label, line.color, line.dashed, true)->replace(line.points);
    const double maxMs = maxY(model.latency);
    setVusAxis(model.vus);
    if (model.kneeX) {
        m_knee->setName(tr("knee")); // short: the legend shares a row at 1280 px; the caption says which step
        m_knee->replace({ QPointF(*model.kneeX, 0), QPointF(*model.kneeX, maxMs * 1.1) });
    } else {
        m_knee->setName(tr("knee: not yet"));
        m_knee->clear();
    }
    rescale(model.maxX, maxMs, maxY(model.throughput));
    m_caption->setText(model.kneeX ? model.kneeLabel : tr("%n step(s), no knee yet", nullptr, int(steps.size())));
}

void SweepChart::setCapacity(const metrics::Capacity &capacity)
{
    setSteps(capacity.overall.steps);
    const metrics::CapacityVerdict &v = capacity.overall;
    QString safe = v.safeRate ? tr("safe rate %1 req/s").arg(style::formatRate(*v.safeRate))
                              : tr("no safe rate (the first step failed)");
    if (capacity.level == model::SweepLevel::Vus)
        safe = v.safeVus
            ? tr("safe at %1 VUs (achieved %2 req/s)").arg(*v.safeVus).arg(style::formatRate(v.safeRate.value_or(0)))
            : tr("no safe VU count (the first step failed)");
    m_caption->setText(v.firstFailingStep
            ? tr("%1; first failing step %2: %3").arg(safe).arg(*v.firstFailingStep).arg(v.reason)
            : tr("%1; %2").arg(safe, v.reason));
}

void SweepChart::clear()
{
    for (QLineSeries *series : std::as_const(m_series))
        series->clear();
    m_knee->clear();
    m_knee->setName(tr("knee: not yet"));
    m_caption->setText(tr("Waiting for the first step."));
    rescale(0, 0, 0);
}

QString SweepChart::caption() const
{
    return m_caption->text();
}

void SweepChart::setVusAxis(bool vus)
{
    m_chart->setTitle(
        vus ? tr("Sweep: latency and goodput against VUs") : tr("Sweep: latency and goodput against offered rate"));
    m_x->setTitleText(vus ? tr("VUs") : tr("offered rate (requests/s)"));
}

void SweepChart::rescale(double maxX, double maxMs, double maxRps)
{
    m_x->setRange(0, std::max(1.0, maxX * 1.1));
    m_ms->setRange(0, std::max(1.0, maxMs * 1.15));
    m_rps->setRange(0, std::max(1.0, maxRps * 1.15));
    for (QValueAxis *axis : { m_x, m_ms, m_rps })
        axis->applyNiceNumbers(); // ticks on round values
}

} // namespace stampede::ui
