#include "ui/editor/planpreview.h"

#include "scenario/duration.h"

#include <QChart>
#include <QCoreApplication>
#include <QLineSeries>
#include <QValueAxis>

#include <cmath>

namespace stampede::ui::editor {

namespace {

constexpr qint64 kMinutesFrom = 10 * 60 * 1000; // longer plans read better in minutes

/// A round tick step (1, 2, 5 x 10^n) at or above `value`.
double niceStep(double value)
{
    if (!(value > 0))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : { 1.0, 2.0, 5.0, 10.0 }) {
        if (value <= step * magnitude)
            return step * magnitude;
    }
    return 10 * magnitude;
}

} // namespace

PlanPreview::PlanPreview(QWidget *parent)
    : QChartView(parent)
    , m_series(new QLineSeries)
    , m_time(new QValueAxis)
    , m_target(new QValueAxis)
{
    setObjectName(QStringLiteral("planChart"));
    setRenderHint(QPainter::Antialiasing);
    auto *chart = new QChart;
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->addSeries(m_series);
    for (QValueAxis *axis : { m_time, m_target }) {
        axis->setLabelFormat(QStringLiteral("%g"));
        axis->setTickType(QValueAxis::TicksDynamic);
        axis->setTickAnchor(0);
    }
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_target, Qt::AlignLeft);
    m_series->attachAxis(m_time);
    m_series->attachAxis(m_target);
    QPen pen(QColor(0x15, 0x65, 0xc0));
    pen.setWidthF(2);
    m_series->setPen(pen);
    setChart(chart); // the view owns the chart
    setMinimumSize(280, 200);
}

void PlanPreview::setPlan(const scenario::Plan &plan)
{
    const bool minutes = plan.totalMs >= kMinutesFrom;
    const double scale = minutes ? 60000.0 : 1000.0;
    QList<QPointF> points;
    for (const scenario::PlanStep &step : plan.steps)
        points.append({ double(step.timeMs) / scale, step.target });
    m_series->replace(points);
    // Ticks on round numbers from 0; the axis ends where the plan ends (time) or just above the peak.
    const double end = std::max(double(plan.totalMs) / scale, 1.0);
    m_time->setRange(0, end);
    m_time->setTickInterval(niceStep(end / 6));
    m_time->setTitleText(minutes ? tr("time (min)") : tr("time (s)"));
    const double step = niceStep(std::max(plan.peak(), 1.0) / 4);
    m_target->setRange(0, std::ceil(plan.peak() * 1.05 / step) * step + (plan.peak() > 0 ? 0 : step));
    m_target->setTickInterval(step);
    m_target->setTitleText(plan.openModel ? tr("requests/s") : tr("VUs"));
}

QList<QPointF> PlanPreview::points() const
{
    return m_series->points();
}

QString describePlan(const scenario::Plan &plan, qint64 gracefulStopMs)
{
    const auto tr
        = [](const char *text) { return QCoreApplication::translate("stampede::ui::editor::PlanPreview", text); };
    QString text = tr("%1 planned (+ up to %2 graceful stop), peak %3")
                       .arg(scenario::formatDuration(plan.totalMs), scenario::formatDuration(gracefulStopMs),
                           QString::number(plan.peak(), 'g', 6));
    text += plan.openModel
        ? tr(" requests/s, about %1 requests in all").arg(std::llround(plan.expectedArrivals(plan.totalMs)))
        : tr(" VUs");
    return text;
}

} // namespace stampede::ui::editor
