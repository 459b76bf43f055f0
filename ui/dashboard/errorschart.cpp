#include "ui/dashboard/errorschart.h"

#include "ui/dashboard/metrictips.h"

#include <QAreaSeries>

namespace stampede::ui {

using namespace Qt::StringLiterals;

ErrorsChart::ErrorsChart(QWidget *parent)
    : TimeSeriesChart(u"errorsChart"_s, tr("Errors per second by class"), parent)
{
    setTitleToolTip(tips::text(tips::Tip::ErrorsChart));
    setAxisTitles(tr("errors/s"));
}

void ErrorsChart::reset(const ChartContext &)
{
    for (const ErrorClass &c : std::as_const(m_classes))
        removeSeries(c.area);
    m_classes.clear();
    setPlaceholderText(waitingText());
    clearData();
}

QStringList ErrorsChart::classes() const
{
    QStringList keys;
    for (const ErrorClass &c : m_classes)
        keys.append(c.key);
    return keys;
}

void ErrorsChart::addClass(const chart::Series &series)
{
    ErrorClass c { series.label, addArea(series, true) };
    c.area->setPen(Qt::NoPen); // an outline would trace the stack's top even where this class is zero
    m_classes.append(c);
}

void ErrorsChart::refresh(double xMaxSeconds)
{
    beginUpdate(xMaxSeconds);
    const QList<chart::Series> none;
    const QList<chart::Series> &series = model() ? model()->errorClasses() : none;
    for (qsizetype i = m_classes.size(); i < series.size(); ++i)
        addClass(series[i]);
    // Averaging is linear: the averaged lower line of a stack is the averaged upper of the one below.
    QList<QPointF> lower = model() ? model()->failures().display(displayBucket()) : QList<QPointF>();
    for (QPointF &p : lower)
        p.setY(0);
    for (qsizetype i = 0; i < m_classes.size(); ++i) {
        const QList<QPointF> own = series[i].display(displayBucket());
        QList<QPointF> upper = lower;
        for (qsizetype j = 0; j < upper.size() && j < own.size(); ++j)
            upper[j].setY(lower[j].y() + own[j].y());
        setAreaPoints(m_classes[i].area, upper, lower);
        lower = std::move(upper);
    }
    if (m_classes.isEmpty())
        setPlaceholderText(model() && model()->lastSecond() >= 0 ? tr("No errors so far ✓") : waitingText());
    endUpdate();
}

} // namespace stampede::ui
