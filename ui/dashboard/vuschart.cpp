#include "ui/dashboard/vuschart.h"

#include "ui/dashboard/metrictips.h"

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
    removeAll();
    setRightAxisVisible(context.openModel);
    setTitle(context.openModel ? tr("Requests in flight") : tr("VUs and requests in flight"));
    const chart::ChartModel looks(context.models, context.plan);
    if (context.openModel) {
        m_inFlight = addLine(looks.inFlight());
        m_dropped = addLine(looks.dropped(), Axis::Right);
    } else {
        m_vus = addLine(looks.vus());
        m_planned = addLine(looks.planned());
        m_inFlight = addLine(looks.inFlight());
    }
    clearData();
}

void VusChart::refresh(double xMaxSeconds)
{
    beginUpdate(xMaxSeconds);
    if (model()) {
        setPoints(m_inFlight, model()->inFlight());
        if (m_vus)
            setPoints(m_vus, model()->vus());
        if (m_dropped)
            setPoints(m_dropped, model()->dropped());
        if (m_planned)
            setPoints(m_planned, model()->plannedPoints());
    }
    endUpdate();
}

} // namespace stampede::ui
