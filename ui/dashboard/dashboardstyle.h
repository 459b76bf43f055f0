#pragma once
// The dashboard's look in one place: a fixed palette (a model keeps its colour in every chart and
// table), colours per error class, status colours and number formatting. GUI thread only.

#include <QColor>
#include <QFont>
#include <QString>

namespace stampede::ui::style {

/// Colour of enabled model `index` (RunInfo::models order); the palette repeats after 10.
QColor modelColor(int index);
/// Fixed colours for the common classes (http_429 amber, http_5xx reds, timeouts purple, ...);
/// any other class gets a stable colour derived from its name.
QColor errorClassColor(const QString &errorKey);

QColor passColor(); ///< saturated, for icons and lines
QColor failColor();
QColor noDataColor();
QColor passBackground(); ///< light tints for table rows
QColor failBackground();
QColor noDataBackground();
QColor thresholdColor(); ///< the dashed threshold lines
QColor plannedColor(); ///< planned (target) series
QColor textColor();
QColor mutedTextColor();
QColor gridColor();

/// `base` with its point size multiplied by `scale` (at least 1 point).
QFont scaledFont(QFont base, double scale, bool bold = false);

/// Run time as "m:ss" (or "h:mm:ss" from one hour).
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
