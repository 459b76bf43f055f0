#include "ui/dashboard/chartaxes.h"

#include "ui/dashboard/chartscales.h"
#include "ui/dashboard/dashboardstyle.h"

#include <QLogValueAxis>
#include <QValueAxis>

#include <cmath>

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
    const double top = max > 0 ? max * 1.08 : 1.0;
    const double step = scales::niceStep(top, 5);
    const int intervals = int(std::ceil(top / step - 1e-9));
    axis->setRange(0, step * intervals);
    axis->setTickCount(intervals + 1);
    axis->setLabelFormat(scales::labelFormatFor(step));
}

void setLogRange(QLogValueAxis *axis, double lo, double hi)
{
    const double decadeLo = std::pow(10.0, std::floor(std::log10(lo)));
    double decadeHi = std::pow(10.0, std::ceil(std::log10(std::max(hi * 1.05, lo))));
    if (decadeHi <= decadeLo)
        decadeHi = decadeLo * 10;
    axis->setRange(decadeLo, decadeHi);
}

} // namespace stampede::ui::axes
