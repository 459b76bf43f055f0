#include "ui/dashboard/throughputchart.h"

#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/metrictips.h"

#include <QAreaSeries>
#include <QLineSeries>

namespace stampede::ui {

using namespace Qt::StringLiterals;

ThroughputChart::ThroughputChart(QWidget *parent)
    : TimeSeriesChart(u"throughputChart"_s, tr("Throughput"), parent)
{
    setTitleToolTip(tips::text(tips::Tip::ThroughputChart));
    setAxisTitles(tr("requests/s"), tr("output tokens/s"));
    reset({});
}

void ThroughputChart::reset(const ChartContext &context)
{
    for (QAbstractSeries *series :
        std::initializer_list<QAbstractSeries *> { m_achieved, m_planned, m_goodput, m_tokens }) {
        if (series)
            removeSeries(series);
    }
    const chart::ChartModel looks(context.models, context.plan);
    // Tokens first: drawn behind the request rate, which it often parallels.
    m_tokens = addArea(looks.tokens(0), false, Axis::Right);
    QColor fill = style::color(looks.tokens(0).color);
    fill.setAlphaF(0.45); // a light outline: the request rate's line is the same (all-models) colour
    m_tokens->setPen(QPen(fill, 1.2));
    fill.setAlphaF(0.18);
    m_tokens->setBrush(fill);
    m_achieved = addLine(looks.requests(0));
    m_planned = context.openModel ? addLine(looks.planned()) : nullptr;
    m_goodput = context.slo ? addLine(looks.goodput()) : nullptr;
    setThresholdLines(chart::throughputThresholdLines(context.thresholds));
    clearData();
}

void ThroughputChart::refresh(double xMaxSeconds)
{
    beginUpdate(xMaxSeconds);
    if (model()) {
        setPoints(m_achieved, model()->requests(0));
        setAreaPoints(m_tokens, model()->tokens(0).display(displayBucket()), {});
        if (m_planned)
            setPoints(m_planned, model()->plannedPoints());
        if (m_goodput)
            setPoints(m_goodput, model()->goodput());
    }
    endUpdate();
}

} // namespace stampede::ui
