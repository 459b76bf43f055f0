#include "ui/dashboard/throughputchart.h"

#include "metrics/metricnames.h"
#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/metrictips.h"

#include <QAreaSeries>
#include <QLineSeries>

namespace stampede::ui {

using namespace Qt::StringLiterals;

QList<QPointF> planPoints(const scenario::Plan &plan)
{
    QList<QPointF> points;
    points.reserve(plan.steps.size());
    for (const scenario::PlanStep &step : plan.steps)
        points.append(QPointF(double(step.timeMs) / 1000.0, step.target));
    return points;
}

ThroughputChart::ThroughputChart(QWidget *parent)
    : TimeSeriesChart(u"throughputChart"_s, tr("Throughput"), parent)
{
    setTitleToolTip(tips::text(tips::Tip::ThroughputChart));
    setAxisTitles(tr("requests/s"), tr("output tokens/s"));
    reset({});
}

void ThroughputChart::reset(const ChartContext &context)
{
    m_context = context;
    for (QAbstractSeries *series : std::initializer_list<QAbstractSeries *> { m_achieved, m_planned, m_tokens }) {
        if (series)
            removeSeries(series);
    }
    // Tokens first: drawn behind the request rate, which it often parallels.
    const QColor green(0x34a853);
    m_tokens = addArea(tr("output tokens/s"), green, false, Axis::Right);
    QColor fill = green;
    fill.setAlphaF(0.18);
    m_tokens->setBrush(fill);
    m_tokens->setPen(QPen(green, 1.2));
    m_achieved = addLine(tr("achieved req/s"), QColor(0x1a73e8), Qt::SolidLine, Axis::Left, u" req/s"_s);
    setAveragedForDisplay(m_achieved);
    setAveragedForDisplay(m_tokens);
    m_planned = context.openModel
        ? addLine(tr("planned req/s"), style::plannedColor(), Qt::DashLine, Axis::Left, u" req/s"_s)
        : nullptr;
    m_achievedBuffer.clear();
    m_tokensBuffer.clear();
    m_plannedBuffer.clear();
    m_planPoints = context.openModel ? planPoints(context.plan) : QList<QPointF>();
    QList<ThresholdLine> lines;
    for (const ThresholdMark &mark : context.thresholds) {
        const bool requestRate = mark.metric == metrics::names::iterations || mark.metric == metrics::names::httpReqs;
        if (requestRate && mark.aggregation == u"rate"_s && mark.model.isEmpty())
            lines.append({ mark.bound, mark.metric + u' ' + mark.label, style::thresholdColor() });
    }
    setThresholdLines(lines);
    clearData();
}

void ThroughputChart::appendSeconds(const QList<metrics::SecondPoint> &seconds)
{
    for (const metrics::SecondPoint &point : seconds) {
        const double x = double(point.second) + 1.0;
        const metrics::SecondPoint::Group all = point.groups.value(0);
        m_achievedBuffer.append(x, double(all.requests));
        m_tokensBuffer.append(x, double(all.completionTokens));
        m_plannedBuffer.append(x, point.plannedTarget);
    }
}

void ThroughputChart::refresh(double xMaxSeconds)
{
    beginUpdate(xMaxSeconds);
    setPoints(m_achieved, m_achievedBuffer.points());
    setAreaPoints(m_tokens, m_tokensBuffer.points(), {});
    if (m_planned)
        setPoints(m_planned, m_planPoints.isEmpty() ? m_plannedBuffer.points() : m_planPoints);
    endUpdate();
}

} // namespace stampede::ui
