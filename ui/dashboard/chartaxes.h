#pragma once
// The dashboard's axes: created with one look (grid, label colours) and given nice ranges.
// GUI thread only.

class QLogValueAxis;
class QValueAxis;

namespace stampede::ui::axes {

QValueAxis *makeValueAxis();
QLogValueAxis *makeLogAxis();
/// 0 to a nice number above `max` (chart::valueAxis: 8 % headroom, ticks on 1 / 2 / 2.5 / 5 steps).
void setLinearRange(QValueAxis *axis, double max);
/// Whole decades around [lo, hi] (lo > 0).
void setLogRange(QLogValueAxis *axis, double lo, double hi);

} // namespace stampede::ui::axes
