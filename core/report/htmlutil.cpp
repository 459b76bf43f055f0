#include "report/htmlutil.h"

#include "chart/scales.h"

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
    return num(value, chart::decimalsFor(step));
}

QString readout(double value)
{
    const double a = std::abs(value);
    return num(value, a >= 100 || a == std::floor(a) ? 0 : a >= 10 ? 1 : 2);
}

QString cell(const QString &text, bool numeric)
{
    return (numeric ? QStringLiteral("<td class=\"n\">") : QStringLiteral("<td>")) + escape(text)
        + QStringLiteral("</td>");
}

QString headerRow(const QStringList &names, int textColumns, const QStringList &titles)
{
    QString out = QStringLiteral("<thead><tr>");
    for (qsizetype i = 0; i < names.size(); ++i) {
        const QString title = titles.value(i);
        out += (i < textColumns ? QStringLiteral("<th") : QStringLiteral("<th class=\"n\""))
            + (title.isEmpty() ? QString() : QString(QStringLiteral(" title=\"") + escape(title) + QLatin1Char('"')))
            + QLatin1Char('>') + escape(names[i]) + QStringLiteral("</th>");
    }
    return out + QStringLiteral("</tr></thead>");
}

QString row(const QStringList &cells, int textColumns, const QString &cls)
{
    QString out = cls.isEmpty() ? QStringLiteral("<tr>") : QStringLiteral("<tr class=\"") + cls + QStringLiteral("\">");
    for (qsizetype i = 0; i < cells.size(); ++i)
        out += cell(cells[i], i >= textColumns);
    return out + QStringLiteral("</tr>");
}

} // namespace stampede::report::html
