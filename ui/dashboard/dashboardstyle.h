#pragma once
// The dashboard's look in one place: status colours, fonts and number formatting. Series colours
// (models, error classes) are the chart model's (chart/palette.h), shared with the HTML report.
// GUI thread only.

#include <QColor>
#include <QFont>
#include <QString>

namespace stampede::ui::style {

/// A colour of the one chart palette (chart::palette::model(), errorClass(), ...) as a QColor.
QColor color(std::uint32_t rgb);

QColor passColor(); ///< saturated, for icons and lines
QColor failColor();
QColor noDataColor();
QColor passBackground(); ///< light tints for table rows
QColor failBackground();
QColor noDataBackground();
QColor textColor();
QColor mutedTextColor();
QColor gridColor();

/// `base` with its point size multiplied by `scale` (at least 1 point).
QFont scaledFont(QFont base, double scale, bool bold = false);

/// Run time as "m:ss" (or "h:mm:ss" from one hour): chart::timeLabel, as on the charts' time axis.
QString formatRunTime(std::int64_t ms);
/// Milliseconds with a sensible number of decimals ("0.84", "12.3", "1,234").
QString formatMs(double ms);
/// A count with group separators ("1,234,567").
QString formatCount(std::int64_t n);
/// A rate per second ("0.42", "12.3", "1,234").
QString formatRate(double perSecond);
/// A fraction as a percentage ("0 %", "0.42 %", "12.5 %").
QString formatPercent(double fraction);
/// Dollars: "$0.0123" below one dollar, "$12.34" above.
QString formatUsd(double usd);
/// Locale-free variants for copied text: no group separators.
QString plainNumber(double value, int decimals);

} // namespace stampede::ui::style
