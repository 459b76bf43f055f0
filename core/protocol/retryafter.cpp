#include "retryafter.h"

#include <QLocale>
#include <QStringList>

#include <cmath>

namespace stampede::protocol {

namespace {

// Far beyond any sensible back-off, far below qint64 overflow.
constexpr double MaxDelaySeconds = 1e12;

/// delta-seconds: 1*DIGIT, plus the "1.5" form some gateways send. Anything else (sign, exponent,
/// trailing garbage) is not a delay.
std::optional<qint64> parseDeltaSeconds(QByteArrayView text)
{
    qsizetype digitsBefore = 0;
    qsizetype digitsAfter = 0;
    bool dot = false;
    for (const char c : text) {
        if (c >= '0' && c <= '9') {
            ++(dot ? digitsAfter : digitsBefore);
        } else if (c == '.' && !dot) {
            dot = true;
        } else {
            return std::nullopt;
        }
    }
    if (digitsBefore == 0 || (dot && digitsAfter == 0))
        return std::nullopt;
    bool ok = false;
    const double seconds = text.toByteArray().toDouble(&ok);
    if (!ok || !std::isfinite(seconds))
        return std::nullopt;
    return static_cast<qint64>(std::llround(std::min(seconds, MaxDelaySeconds) * 1000.0));
}

QDateTime utcDateTime(const QDate &date, const QString &time)
{
    const QTime t = QLocale::c().toTime(time, QStringLiteral("HH:mm:ss"));
    if (!date.isValid() || !t.isValid())
        return {};
    return QDateTime(date, t, Qt::UTC);
}

bool isWeekday(QString word)
{
    if (word.endsWith(QLatin1Char(',')))
        word.chop(1);
    if (word.size() < 3)
        return false;
    for (const QChar ch : word) {
        if (!ch.isLetter())
            return false;
    }
    return true;
}

/// The three HTTP-date forms of RFC 9110 section 5.6.7, always UTC. The weekday is not
/// cross-checked: a wrong one from a sloppy server should not turn a valid date into "no delay".
///   IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
///   RFC 850:     Sunday, 06-Nov-94 08:49:37 GMT
///   asctime:     Sun Nov  6 08:49:37 1994
QDateTime parseHttpDate(const QString &text, const QDateTime &now)
{
    const QLocale c = QLocale::c();
    const QStringList w = text.simplified().split(QLatin1Char(' '));
    const auto isGmt = [](const QString &zone) { return zone == QLatin1String("GMT") || zone == QLatin1String("UTC"); };
    if (w.isEmpty() || !isWeekday(w.at(0)))
        return {};
    const bool comma = w.at(0).endsWith(QLatin1Char(','));
    if (comma && w.size() == 6 && isGmt(w.at(5))) {
        const QString day = w.at(1) + QLatin1Char(' ') + w.at(2) + QLatin1Char(' ') + w.at(3);
        return utcDateTime(c.toDate(day, QStringLiteral("d MMM yyyy")), w.at(4));
    }
    if (comma && w.size() == 4 && isGmt(w.at(3))) {
        QDate date = c.toDate(w.at(1), QStringLiteral("d-MMM-yy"));
        if (date.isValid()) {
            // Two-digit year: the most recent year with those digits that is not more than 50
            // years in the future (RFC 9110). Qt 6.4 reads "yy" as 19yy.
            int year = 2000 + date.year() % 100;
            if (year > now.date().year() + 50)
                year -= 100;
            date = QDate(year, date.month(), date.day());
        }
        return utcDateTime(date, w.at(2));
    }
    if (!comma && w.size() == 5) {
        const QString day = w.at(1) + QLatin1Char(' ') + w.at(2) + QLatin1Char(' ') + w.at(4);
        return utcDateTime(c.toDate(day, QStringLiteral("MMM d yyyy")), w.at(3));
    }
    return {};
}

} // namespace

std::optional<qint64> parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArrayView text = QByteArrayView(value).trimmed();
    if (text.isEmpty())
        return std::nullopt;
    if ((text.front() >= '0' && text.front() <= '9') || text.front() == '-' || text.front() == '.')
        return parseDeltaSeconds(text);
    const QDateTime when = parseHttpDate(QString::fromLatin1(text), now);
    if (!when.isValid() || !now.isValid())
        return std::nullopt;
    return std::max<qint64>(0, now.msecsTo(when));
}

} // namespace stampede::protocol
