#include "ui/dashboard/chartaxes.h"

#include "chart/scales.h"
#include "ui/dashboard/dashboardstyle.h"

#include <QLogValueAxis>
#include <QValueAxis>

namespace stampede::ui::axes {

using namespace Qt::StringLiterals;

QValueAxis *makeValueAxis()
{
    auto *axis = new QValueAxis;
    axis->setRange(0, 1);
    axis->setLabelFormat(u"%.0f"_s);
    axis->setGridLineColor(style::gridColor());
    axis->setLabelsColor(style::mutedTextColor());
    axis->setTitleBrush(style::mutedTextColor());
    axis->setTruncateLabels(false);
    return axis;
}

QLogValueAxis *makeLogAxis()
{
    auto *axis = new QLogValueAxis;
    axis->setBase(10);
    axis->setLabelFormat(u"%g"_s);
    axis->setMinorTickCount(8);
    axis->setRange(1, 10);
    axis->setGridLineColor(style::gridColor());
    axis->setMinorGridLineColor(style::gridColor().lighter(104));
    axis->setLabelsColor(style::mutedTextColor());
    axis->setTitleBrush(style::mutedTextColor());
    axis->setTruncateLabels(false);
    return axis;
}

void setLinearRange(QValueAxis *axis, double max)
{
    const chart::ValueAxis range = chart::valueAxis(max);
    axis->setRange(0, range.top);
    axis->setTickCount(range.intervals + 1);
    axis->setLabelFormat(u"%."_s + QString::number(chart::decimalsFor(range.step)) + u"f"_s);
}

void setLogRange(QLogValueAxis *axis, double lo, double hi)
{
    const chart::LogRange range = chart::logRange(lo, hi);
    axis->setRange(range.lo, range.hi);
}

} // namespace stampede::ui::axes
