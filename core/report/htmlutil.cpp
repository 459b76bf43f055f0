#include "report/htmlutil.h"

#include <cmath>

namespace stampede::report::html {

QString escape(const QString &text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '&':
            out += QStringLiteral("&amp;");
            break;
        case '<':
            out += QStringLiteral("&lt;");
            break;
        case '>':
            out += QStringLiteral("&gt;");
            break;
        case '"':
            out += QStringLiteral("&quot;");
            break;
        case '\'':
            out += QStringLiteral("&#39;");
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString num(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

QString ms(double value, std::uint64_t count)
{
    if (count == 0)
        return QStringLiteral("-");
    return num(value, value < 10 ? 1 : 0);
}

QString duration(double seconds)
{
    if (seconds < 1 && seconds > 0)
        return QString::number(qRound(seconds * 1000)) + QStringLiteral("ms");
    const qint64 total = qRound64(seconds);
    const qint64 h = total / 3600, m = (total / 60) % 60, s = total % 60;
    if (h > 0)
        return QStringLiteral("%1h%2m").arg(h).arg(m, 2, 10, QLatin1Char('0'))
            + (s ? QStringLiteral("%1s").arg(s, 2, 10, QLatin1Char('0')) : QString());
    if (m > 0)
        return QStringLiteral("%1m").arg(m) + (s ? QStringLiteral("%1s").arg(s, 2, 10, QLatin1Char('0')) : QString());
    return QStringLiteral("%1s").arg(s);
}

QString axisNumber(double value, double step)
{
    // The fewest decimals that show the step exactly: 2.5 -> 1, 0.25 -> 2, 200 -> 0.
    int decimals = 0;
    const double st = std::abs(step);
    while (decimals < 4 && st > 0
        && std::abs(st * std::pow(10.0, decimals) - std::round(st * std::pow(10.0, decimals))) > 1e-6)
        ++decimals;
    return num(value, decimals);
}

QString readout(double value)
{
    const double a = std::abs(value);
    return num(value, a >= 100 || a == std::floor(a) ? 0 : a >= 10 ? 1 : 2);
}

QString paletteColor(int index)
{
    static const char *colors[] = { "#2563eb", "#ea580c", "#16a34a", "#9333ea", "#dc2626", "#0891b2", "#ca8a04",
        "#db2777", "#4b5563", "#65a30d" };
    return QLatin1StringView(colors[std::size_t(index) % std::size(colors)]);
}

QString percentileColor(int percentile)
{
    switch (percentile) {
    case 50:
        return QStringLiteral("#16a34a");
    case 90:
        return QStringLiteral("#2563eb");
    case 95:
        return QStringLiteral("#ea580c");
    default:
        return QStringLiteral("#dc2626");
    }
}

} // namespace stampede::report::html
