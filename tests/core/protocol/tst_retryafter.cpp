#include "protocol/retryafter.h"

#include <QtTest/QTest>

using stampede::protocol::parseRetryAfter;

class TestRetryAfter : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void relativeToNowInAnyZone();
};

void TestRetryAfter::parse_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("expectedMs"); // -1: nullopt

    // now = Sun, 06 Nov 1994 08:49:00 UTC
    QTest::addRow("integer") << QByteArray("2") << 2000LL;
    QTest::addRow("zero") << QByteArray("0") << 0LL;
    QTest::addRow("decimal") << QByteArray("1.5") << 1500LL;
    QTest::addRow("decimal rounding") << QByteArray("0.0004") << 0LL;
    QTest::addRow("leading zeros, spaces") << QByteArray("  007 ") << 7000LL;
    QTest::addRow("large") << QByteArray("86400") << 86400000LL;
    QTest::addRow("huge is capped, not overflowed") << QByteArray("99999999999999999999999") << 1000000000000000LL;
    QTest::addRow("negative") << QByteArray("-1") << -1LL;
    QTest::addRow("plus sign") << QByteArray("+5") << -1LL;
    QTest::addRow("exponent") << QByteArray("1e3") << -1LL;
    QTest::addRow("trailing dot") << QByteArray("1.") << -1LL;
    QTest::addRow("leading dot") << QByteArray(".5") << -1LL;
    QTest::addRow("two dots") << QByteArray("1.2.3") << -1LL;
    QTest::addRow("unit suffix") << QByteArray("5s") << -1LL;
    QTest::addRow("empty") << QByteArray() << -1LL;
    QTest::addRow("garbage") << QByteArray("soon") << -1LL;

    QTest::addRow("imf-fixdate") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << 37000LL;
    QTest::addRow("imf-fixdate next day") << QByteArray("Mon, 07 Nov 1994 08:49:00 GMT") << 86400000LL;
    QTest::addRow("imf-fixdate wrong weekday") << QByteArray("Fri, 06 Nov 1994 08:50:00 GMT") << 60000LL;
    QTest::addRow("rfc 850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << 37000LL;
    QTest::addRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994") << 37000LL;
    QTest::addRow("asctime two-digit day") << QByteArray("Thu Nov 10 08:49:00 1994") << 4LL * 86400000;
    QTest::addRow("date in the past") << QByteArray("Sat, 05 Nov 1994 08:49:37 GMT") << 0LL;
    QTest::addRow("date without zone") << QByteArray("Sun, 06 Nov 1994 08:49:37") << -1LL;
    QTest::addRow("date with other zone") << QByteArray("Sun, 06 Nov 1994 08:49:37 PST") << -1LL;
    QTest::addRow("invalid day") << QByteArray("Sun, 32 Nov 1994 08:49:37 GMT") << -1LL;
    QTest::addRow("invalid time") << QByteArray("Sun, 06 Nov 1994 25:49:37 GMT") << -1LL;
    QTest::addRow("invalid month") << QByteArray("Sun, 06 Nox 1994 08:49:37 GMT") << -1LL;
    QTest::addRow("localized month") << QByteArray("So, 06 Okt 1994 08:49:37 GMT") << -1LL;
}

void TestRetryAfter::parse()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, expectedMs);
    const QDateTime now(QDate(1994, 11, 6), QTime(8, 49, 0), Qt::UTC);
    const std::optional<qint64> ms = parseRetryAfter(value, now);
    QCOMPARE(ms.value_or(-1), expectedMs);
}

void TestRetryAfter::relativeToNowInAnyZone()
{
    // `now` in local time or at an offset is the same instant: the answer must not move.
    const QDateTime utc(QDate(2024, 3, 31), QTime(0, 30, 0), Qt::UTC);
    const QDateTime offset = utc.toOffsetFromUtc(2 * 3600);
    const QByteArray value("Sun, 31 Mar 2024 02:30:00 GMT"); // inside the EU DST gap when read as local
    QCOMPARE(parseRetryAfter(value, utc).value_or(-1), 2LL * 3600 * 1000);
    QCOMPARE(parseRetryAfter(value, offset).value_or(-1), 2LL * 3600 * 1000);
    QCOMPARE(parseRetryAfter(value, utc.toLocalTime()).value_or(-1), 2LL * 3600 * 1000);

    // RFC 850 two-digit years belong to the century that keeps them within 50 years of now.
    QCOMPARE(parseRetryAfter("Sunday, 31-Mar-24 02:30:00 GMT", utc).value_or(-1), 2LL * 3600 * 1000);
}

QTEST_GUILESS_MAIN(TestRetryAfter)
#include "tst_retryafter.moc"
