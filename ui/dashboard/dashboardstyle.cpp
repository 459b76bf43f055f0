#include "ui/dashboard/dashboardstyle.h"

#include <QHash>
#include <QLocale>

#include <array>
#include <cmath>

namespace stampede::ui::style {

using namespace Qt::StringLiterals;

namespace {

// Tableau 10, reordered so the first four (the seed's models) are far apart.
constexpr std::array<QRgb, 10> modelPalette { {
    0x1f77b4, 0xe6550d, 0x2ca02c, 0x9467bd, 0x8c564b, 0xe377c2, 0x17becf, 0xbcbd22, 0x7f7f7f, 0xd62728,
} };

QLocale displayLocale()
{
    // The system locale for digits and separators, but never scientific notation.
    QLocale locale;
    locale.setNumberOptions(QLocale::DefaultNumberOptions);
    return locale;
}

} // namespace

QColor modelColor(int index)
{
    if (index < 0)
        return QColor(0x5f6368);
    return QColor(modelPalette[std::size_t(index) % modelPalette.size()]);
}

QColor errorClassColor(const QString &errorKey)
{
    static const QHash<QString, QRgb> fixed = {
        { u"http_429"_s, 0xf9ab00 }, { u"http_500"_s, 0xee675c }, { u"http_502"_s, 0xb31412 },
        { u"http_503"_s, 0xc5221f }, { u"http_504"_s, 0xa50e0e }, { u"http_400"_s, 0x795548 },
        { u"http_401"_s, 0x5f6368 }, { u"http_403"_s, 0x80868b }, { u"http_404"_s, 0x9aa0a6 },
        { u"http_422"_s, 0x6d4c41 }, { u"timeout"_s, 0x9334e6 }, { u"connect_timeout"_s, 0xb06fe0 },
        { u"connection_refused"_s, 0x1a73e8 }, { u"connection_reset"_s, 0x4285f4 }, { u"tls"_s, 0x0d652d },
        { u"malformed_response"_s, 0xe52592 }, { u"stream_cut"_s, 0x12b5cb }, { u"cancelled"_s, 0xbdc1c6 },
        { u"network"_s, 0x185abc }, { u"proxy"_s, 0x7b5800 },
    };
    const auto it = fixed.constFind(errorKey);
    if (it != fixed.constEnd())
        return QColor(*it);
    // Stable for a name across runs and sessions (qHash is seeded per process).
    std::uint32_t h = 2166136261u;
    for (QChar c : errorKey)
        h = (h ^ c.unicode()) * 16777619u;
    return QColor::fromHsv(int(h % 360), 170, 200);
}

QColor passColor() { return QColor(0x1e8e3e); }
QColor failColor() { return QColor(0xd93025); }
QColor noDataColor() { return QColor(0x9aa0a6); }
QColor passBackground() { return QColor(0xe6f4ea); }
QColor failBackground() { return QColor(0xfce8e6); }
QColor noDataBackground() { return QColor(0xf1f3f4); }
QColor thresholdColor() { return QColor(0xd93025); }
QColor plannedColor() { return QColor(0x5f6368); }
QColor textColor() { return QColor(0x202124); }
QColor mutedTextColor() { return QColor(0x5f6368); }
QColor gridColor() { return QColor(0xe8eaed); }

QFont scaledFont(QFont base, double scale, bool bold)
{
    const double size = base.pointSizeF() > 0 ? base.pointSizeF() : 9.0;
    base.setPointSizeF(std::max(1.0, size * scale));
    base.setBold(bold);
    return base;
}

QString formatRunTime(std::int64_t ms)
{
    const std::int64_t total = std::max<std::int64_t>(0, ms) / 1000;
    const std::int64_t h = total / 3600, m = (total / 60) % 60, s = total % 60;
    const QString ss = QString::number(s).rightJustified(2, u'0');
    if (h > 0)
        return QString::number(h) + u':' + QString::number(m).rightJustified(2, u'0') + u':' + ss;
    return QString::number(m) + u':' + ss;
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
