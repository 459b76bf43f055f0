#include "scenario/duration.h"

#include <cmath>

namespace stampede::scenario {

namespace {

// A hundred years: anything longer is a typo, and it keeps the sum far from qint64 overflow.
constexpr double kMaxMs = 100.0 * 365 * 24 * 3600 * 1000;

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

bool isAsciiLetter(QChar c)
{
    return c.unicode() >= u'a' && c.unicode() <= u'z';
}

/// Milliseconds per unit, or 0 for an unknown unit.
double unitMs(QStringView unit)
{
    if (unit == u"ms")
        return 1;
    if (unit == u"s")
        return 1000;
    if (unit == u"m")
        return 60 * 1000;
    if (unit == u"h")
        return 3600 * 1000;
    return 0;
}

/// Reads "<number><unit>" at `pos`; returns its milliseconds or a negative value on error.
double readComponent(QStringView text, qsizetype &pos)
{
    const qsizetype numberStart = pos;
    int dots = 0;
    int digits = 0;
    for (; pos < text.size() && (isAsciiDigit(text[pos]) || text[pos] == u'.'); ++pos)
        (text[pos] == u'.' ? dots : digits) += 1;
    if (digits == 0 || dots > 1)
        return -1;
    const QStringView number = text.mid(numberStart, pos - numberStart);
    const qsizetype unitStart = pos;
    while (pos < text.size() && isAsciiLetter(text[pos]))
        ++pos;
    const double perUnit = unitMs(text.mid(unitStart, pos - unitStart));
    bool ok = false;
    const double value = number.toDouble(&ok);
    if (!ok || perUnit == 0)
        return -1;
    return value * perUnit;
}

} // namespace

std::optional<qint64> parseDuration(const QString &input)
{
    const QStringView text = QStringView(input).trimmed();
    if (text.isEmpty())
        return std::nullopt;
    double total = 0;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const double component = readComponent(text, pos);
        if (component < 0)
            return std::nullopt;
        total += component;
        if (total > kMaxMs)
            return std::nullopt;
    }
    return static_cast<qint64>(std::llround(total));
}

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        return QLatin1Char('-') + formatDuration(-ms);
    if (ms == 0)
        return QStringLiteral("0s");
    if (ms < 1000)
        return QString::number(ms) + QLatin1StringView("ms");
    const qint64 hours = ms / 3600000;
    const qint64 minutes = ms / 60000 % 60;
    const qint64 secondsMs = ms % 60000;
    QString out;
    if (hours)
        out += QString::number(hours) + QLatin1Char('h');
    if (minutes)
        out += QString::number(minutes) + QLatin1Char('m');
    if (secondsMs) {
        out += QString::number(secondsMs / 1000);
        if (secondsMs % 1000) {
            QString fraction = QString::number(secondsMs % 1000).rightJustified(3, QLatin1Char('0'));
            while (fraction.endsWith(QLatin1Char('0')))
                fraction.chop(1);
            out += QLatin1Char('.') + fraction;
        }
        out += QLatin1Char('s');
    }
    return out;
}

} // namespace stampede::scenario
