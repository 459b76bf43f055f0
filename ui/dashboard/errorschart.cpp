#include "ui/dashboard/errorschart.h"

#include "ui/dashboard/dashboardstyle.h"
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
    m_total.clear();
    setPlaceholderText(tr("Waiting for data…"));
    clearData();
}

QStringList ErrorsChart::classes() const
{
    QStringList keys;
    for (const ErrorClass &c : m_classes)
        keys.append(c.key);
    return keys;
}

void ErrorsChart::addClass(const QString &key)
{
    ErrorClass c { key, SeriesBuffer::zerosLike(m_total), nullptr };
    c.area = addArea(key, style::errorClassColor(key), true);
    setAveragedForDisplay(c.area);
    c.area->setPen(Qt::NoPen); // an outline would trace the stack's top even where this class is zero
    m_classes.append(std::move(c));
}

void ErrorsChart::appendSeconds(const QList<metrics::SecondPoint> &seconds)
{
    for (const metrics::SecondPoint &point : seconds) {
        const QMap<QString, std::int64_t> errors = point.groups.value(0).errors;
        for (auto it = errors.cbegin(); it != errors.cend(); ++it) {
            if (it.value() > 0 && !classes().contains(it.key()))
                addClass(it.key()); // before this second: it is aligned with the seconds so far
        }
        const double x = double(point.second) + 1.0;
        std::int64_t total = 0;
        for (ErrorClass &c : m_classes) {
            const std::int64_t n = errors.value(c.key);
            c.buffer.append(x, double(n));
            total += n;
        }
        m_total.append(x, double(total));
    }
}

void ErrorsChart::refresh(double xMaxSeconds)
{
    beginUpdate(xMaxSeconds);
    QList<QPointF> lower = m_total.points();
    for (QPointF &p : lower)
        p.setY(0);
    for (const ErrorClass &c : std::as_const(m_classes)) {
        const QList<QPointF> &own = c.buffer.points();
        QList<QPointF> upper = lower;
        for (qsizetype i = 0; i < upper.size() && i < own.size(); ++i)
            upper[i].setY(lower[i].y() + own[i].y());
        setAreaPoints(c.area, upper, lower);
        lower = std::move(upper);
    }
    if (m_classes.isEmpty())
        setPlaceholderText(m_total.isEmpty() ? tr("Waiting for data…") : tr("No errors so far ✓"));
    endUpdate();
}

} // namespace stampede::ui
