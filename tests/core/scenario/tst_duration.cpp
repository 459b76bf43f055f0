// Durations: the k6 text form in both directions.

#include "scenario/duration.h"

#include <QtTest/QTest>

using namespace stampede::scenario;

class TestDuration : public QObject
{
    Q_OBJECT

private slots:
    void parsesValid_data();
    void parsesValid();
    void rejectsInvalid_data();
    void rejectsInvalid();
    void formats_data();
    void formats();
    void formatParsesBack();
};

void TestDuration::parsesValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms");
    QTest::addRow("milliseconds") << QStringLiteral("500ms") << qint64(500);
    QTest::addRow("seconds") << QStringLiteral("30s") << qint64(30000);
    QTest::addRow("minutes") << QStringLiteral("2m") << qint64(120000);
    QTest::addRow("hours") << QStringLiteral("1h") << qint64(3600000);
    QTest::addRow("hours and minutes") << QStringLiteral("1h30m") << qint64(5400000);
    QTest::addRow("fractional seconds") << QStringLiteral("1m30.5s") << qint64(90500);
    QTest::addRow("fraction only") << QStringLiteral(".5s") << qint64(500);
    QTest::addRow("zero with unit") << QStringLiteral("0s") << qint64(0);
    QTest::addRow("every unit") << QStringLiteral("1h1m1s1ms") << qint64(3661001);
    QTest::addRow("surrounding spaces") << QStringLiteral(" 10s ") << qint64(10000);
    QTest::addRow("sub-millisecond rounds") << QStringLiteral("1.6ms") << qint64(2);
    QTest::addRow("large but sane") << QStringLiteral("48h") << qint64(172800000);
}

void TestDuration::parsesValid()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    const std::optional<qint64> parsed = parseDuration(text);
    QVERIFY2(parsed.has_value(), qPrintable(text));
    QCOMPARE(*parsed, ms);
}

void TestDuration::rejectsInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addRow("empty") << QString();
    QTest::addRow("blank") << QStringLiteral("   ");
    QTest::addRow("bare number") << QStringLiteral("30");
    QTest::addRow("bare zero") << QStringLiteral("0");
    QTest::addRow("unknown unit") << QStringLiteral("30x");
    QTest::addRow("days are not a unit") << QStringLiteral("1d");
    QTest::addRow("capital unit") << QStringLiteral("30S");
    QTest::addRow("negative") << QStringLiteral("-5s");
    QTest::addRow("plus sign") << QStringLiteral("+5s");
    QTest::addRow("space inside") << QStringLiteral("30 s");
    QTest::addRow("two dots") << QStringLiteral("1.2.3s");
    QTest::addRow("dot only") << QStringLiteral(".s");
    QTest::addRow("unit only") << QStringLiteral("ms");
    QTest::addRow("trailing number") << QStringLiteral("1m30");
    QTest::addRow("non-ASCII digit") << QStringLiteral("\u0663s");
    QTest::addRow("absurdly long") << QStringLiteral("9999999999h");
}

void TestDuration::rejectsInvalid()
{
    QFETCH(QString, text);
    QVERIFY2(!parseDuration(text).has_value(), qPrintable(text));
}

void TestDuration::formats_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::addRow("zero") << qint64(0) << QStringLiteral("0s");
    QTest::addRow("milliseconds") << qint64(500) << QStringLiteral("500ms");
    QTest::addRow("one second") << qint64(1000) << QStringLiteral("1s");
    QTest::addRow("fractional second") << qint64(1500) << QStringLiteral("1.5s");
    QTest::addRow("minute and a half") << qint64(90000) << QStringLiteral("1m30s");
    QTest::addRow("with fraction") << qint64(90500) << QStringLiteral("1m30.5s");
    QTest::addRow("two minutes") << qint64(120000) << QStringLiteral("2m");
    QTest::addRow("hour and seconds") << qint64(3630000) << QStringLiteral("1h30s");
    QTest::addRow("millisecond precision") << qint64(61001) << QStringLiteral("1m1.001s");
    QTest::addRow("negative") << qint64(-1500) << QStringLiteral("-1.5s");
}

void TestDuration::formats()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(formatDuration(ms), text);
}

void TestDuration::formatParsesBack()
{
    for (qint64 ms : { 0LL, 1LL, 999LL, 1000LL, 1001LL, 59999LL, 60000LL, 3599999LL, 3600000LL, 86400001LL }) {
        const std::optional<qint64> back = parseDuration(formatDuration(ms));
        QVERIFY2(back.has_value(), qPrintable(formatDuration(ms)));
        QCOMPARE(*back, ms);
    }
}

QTEST_GUILESS_MAIN(TestDuration)
#include "tst_duration.moc"
