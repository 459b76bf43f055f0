#include "ui/dashboard/ttftchart.h"

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
    for (QLineSeries *series : std::as_const(m_series))
        removeSeries(series);
    m_series.clear();
    const chart::ChartModel looks(context.models);
    for (qsizetype i = 0; i < context.models.size(); ++i)
        m_series.append(addLine(looks.ttft(int(i + 1))));
    setThresholdLines(chart::ttftThresholdLines(context.thresholds, context.models));
    clearData();
}

void TtftChart::refresh(double xMaxSeconds)
{
    beginUpdate(xMaxSeconds);
    for (qsizetype i = 0; i < m_series.size(); ++i) {
        if (model() && i < model()->models().size())
            setPoints(m_series[i], model()->ttft(int(i + 1)));
    }
    endUpdate();
}

} // namespace stampede::ui
