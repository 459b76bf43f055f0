#include "ui/dashboard/dashboardstyle.h"

#include "chart/scales.h"

#include <QLocale>

#include <cmath>

namespace stampede::ui::style {

using namespace Qt::StringLiterals;

namespace {

QLocale displayLocale()
{
    // The system locale for digits and separators, but never scientific notation.
    QLocale locale;
    locale.setNumberOptions(QLocale::DefaultNumberOptions);
    return locale;
}

} // namespace

QColor color(std::uint32_t rgb)
{
    return QColor(QRgb(rgb));
}

QColor passColor()
{
    return QColor(0x1e8e3e);
}
QColor failColor()
{
    return QColor(0xd93025);
}
QColor noDataColor()
{
    return QColor(0x9aa0a6);
}
QColor passBackground()
{
    return QColor(0xe6f4ea);
}
QColor failBackground()
{
    return QColor(0xfce8e6);
}
QColor noDataBackground()
{
    return QColor(0xf1f3f4);
}
QColor textColor()
{
    return QColor(0x202124);
}
QColor mutedTextColor()
{
    return QColor(0x5f6368);
}
QColor gridColor()
{
    return QColor(0xe8eaed);
}

QFont scaledFont(QFont base, double scale, bool bold)
{
    const double size = base.pointSizeF() > 0 ? base.pointSizeF() : 9.0;
    base.setPointSizeF(std::max(1.0, size * scale));
    base.setBold(bold);
    return base;
}

QString formatRunTime(std::int64_t ms)
{
    return chart::timeLabel(double(std::max<std::int64_t>(0, ms) / 1000));
}

QString formatMs(double ms)
{
    const QLocale locale = displayLocale();
    if (ms < 10)
        return locale.toString(ms, 'f', 2);
    if (ms < 100)
        return locale.toString(ms, 'f', 1);
    return locale.toString(ms, 'f', 0);
}

QString formatCount(std::int64_t n)
{
    return displayLocale().toString(qlonglong(n));
}

QString formatRate(double perSecond)
{
    const QLocale locale = displayLocale();
    if (perSecond < 10)
        return locale.toString(perSecond, 'f', 2);
    if (perSecond < 1000)
        return locale.toString(perSecond, 'f', 1);
    return locale.toString(perSecond, 'f', 0);
}

QString formatPercent(double fraction)
{
    const double pct = fraction * 100.0;
    if (pct == 0)
        return u"0 %"_s;
    const QLocale locale = displayLocale();
    return locale.toString(pct, 'f', pct < 10 ? 2 : 1) + u" %"_s;
}

QString formatUsd(double usd)
{
    const QLocale locale = displayLocale();
    return u'$' + locale.toString(usd, 'f', std::abs(usd) < 1.0 ? 4 : 2);
}

QString plainNumber(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

} // namespace stampede::ui::style
