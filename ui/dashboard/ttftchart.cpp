#include "ui/dashboard/ttftchart.h"

#include "metrics/metricnames.h"
#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/metrictips.h"

#include <QLineSeries>

namespace stampede::ui {

using namespace Qt::StringLiterals;

TtftChart::TtftChart(QWidget *parent)
    : TimeSeriesChart(u"ttftChart"_s, tr("Time to first token, p95 per model"), parent)
{
    setTitleToolTip(tips::text(tips::Tip::TtftChart));
    setAxisTitles(tr("TTFT p95 (ms)"));
}

void TtftChart::reset(const ChartContext &context)
{
    m_context = context;
    for (QLineSeries *series : std::as_const(m_series))
        removeSeries(series);
    m_series.clear();
    m_buffers.clear();
    for (qsizetype i = 0; i < context.models.size(); ++i) {
        m_series.append(addLine(context.models[i], style::modelColor(int(i)), Qt::SolidLine, Axis::Left, u" ms"_s));
        m_buffers.append(SeriesBuffer());
    }
    QList<ThresholdLine> lines;
    for (const ThresholdMark &mark : context.marksFor(metrics::names::ttft)) {
        const int model = context.modelIndex(mark.model);
        if (!mark.model.isEmpty() && model < 0)
            continue; // a filter on a model that is not in this run
        lines.append({ mark.bound, mark.label, model < 0 ? style::thresholdColor() : style::modelColor(model) });
    }
    setThresholdLines(lines);
    clearData();
}

void TtftChart::appendSeconds(const QList<metrics::SecondPoint> &seconds)
{
    for (const metrics::SecondPoint &point : seconds) {
        const double x = double(point.second) + 1.0;
        for (qsizetype i = 0; i < m_buffers.size() && i + 1 < point.groups.size(); ++i) {
            const metrics::LatencyStats &ttft = point.groups[i + 1].ttft;
            if (ttft.count > 0)
                m_buffers[i].append(x, ttft.p95);
        }
    }
}

void TtftChart::refresh(double xMaxSeconds)
{
    beginUpdate(xMaxSeconds);
    for (qsizetype i = 0; i < m_series.size(); ++i)
        setPoints(m_series[i], m_buffers[i].points());
    endUpdate();
}

} // namespace stampede::ui
