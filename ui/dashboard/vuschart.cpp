#include "ui/dashboard/vuschart.h"

#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/metrictips.h"
#include "ui/dashboard/throughputchart.h"

#include <QLineSeries>

namespace stampede::ui {

using namespace Qt::StringLiterals;

VusChart::VusChart(QWidget *parent)
    : TimeSeriesChart(u"vusChart"_s, tr("VUs and requests in flight"), parent)
{
    setTitleToolTip(tips::text(tips::Tip::VusChart));
    setAxisTitles(tr("concurrency"), tr("dropped/s"));
    reset({});
}

void VusChart::removeAll()
{
    for (QLineSeries *series : { m_vus, m_planned, m_inFlight, m_dropped }) {
        if (series)
            removeSeries(series);
    }
    m_vus = m_planned = m_inFlight = m_dropped = nullptr;
}

void VusChart::reset(const ChartContext &context)
{
    m_context = context;
    removeAll();
    setRightAxisVisible(context.openModel);
    setTitle(context.openModel ? tr("Requests in flight") : tr("VUs and requests in flight"));
    const QColor inFlight(0xe8710a);
    if (context.openModel) {
        m_inFlight = addLine(tr("in flight"), inFlight, Qt::SolidLine, Axis::Left, tr(" requests"));
        m_dropped = addLine(tr("dropped/s"), style::failColor(), Qt::SolidLine, Axis::Right, tr(" /s"));
        setAveragedForDisplay(m_dropped);
        m_planPoints.clear();
    } else {
        m_vus = addLine(tr("VUs"), QColor(0x1a73e8), Qt::SolidLine, Axis::Left, tr(" VUs"));
        m_planned = addLine(tr("planned VUs"), style::plannedColor(), Qt::DashLine, Axis::Left, tr(" VUs"));
        m_inFlight = addLine(tr("in flight"), inFlight, Qt::SolidLine, Axis::Left, tr(" requests"));
        m_planPoints = planPoints(context.plan);
    }
    for (SeriesBuffer *buffer : { &m_vusBuffer, &m_inFlightBuffer, &m_droppedBuffer, &m_plannedBuffer })
        buffer->clear();
    clearData();
}

void VusChart::appendSeconds(const QList<metrics::SecondPoint> &seconds)
{
    for (const metrics::SecondPoint &point : seconds) {
        const double x = double(point.second) + 1.0;
        m_vusBuffer.append(x, point.vus);
        m_inFlightBuffer.append(x, point.inFlight);
        m_droppedBuffer.append(x, double(point.dropped));
        m_plannedBuffer.append(x, point.plannedTarget);
    }
}

void VusChart::refresh(double xMaxSeconds)
{
    beginUpdate(xMaxSeconds);
    setPoints(m_inFlight, m_inFlightBuffer.points());
    if (m_vus)
        setPoints(m_vus, m_vusBuffer.points());
    if (m_dropped)
        setPoints(m_dropped, m_droppedBuffer.points());
    if (m_planned)
        setPoints(m_planned, m_planPoints.isEmpty() ? m_plannedBuffer.points() : m_planPoints);
    endUpdate();
}

} // namespace stampede::ui
