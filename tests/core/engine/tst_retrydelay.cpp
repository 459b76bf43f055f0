// Retry timing: Retry-After (seconds and HTTP dates) wins when honoured; otherwise exponential
// backoff with full jitter, capped at max_delay.
#include "engine/retrydelay.h"

#include <QtTest/QTest>

using namespace stampede;

class TestRetryDelay : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void delays_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<bool>("honor");
        QTest::addColumn<double>("uniform");
        QTest::addColumn<qint64>("expected");
        // policy: base 1 s, max 30 s
        QTest::addRow("Retry-After seconds") << 1 << QByteArray("2") << true << 0.5 << qint64(2000);
        QTest::addRow("Retry-After decimal") << 1 << QByteArray("1.5") << true << 0.5 << qint64(1500);
        QTest::addRow("Retry-After HTTP date, 7 s ahead")
            << 1 << QByteArray("Fri, 27 Nov 2026 10:00:07 GMT") << true << 0.5 << qint64(7000);
        QTest::addRow("Retry-After date in the past = now")
            << 1 << QByteArray("Fri, 27 Nov 2026 09:00:00 GMT") << true << 0.5 << qint64(0);
        QTest::addRow("Retry-After above max_delay is capped")
            << 1 << QByteArray("120") << true << 0.5 << qint64(30000);
        QTest::addRow("Retry-After ignored when not honoured") << 1 << QByteArray("9") << false << 0.5 << qint64(500);
        QTest::addRow("garbage Retry-After falls back to backoff")
            << 2 << QByteArray("soon") << true << 0.5 << qint64(1000);
        QTest::addRow("backoff attempt 1: [0, 1 s)") << 1 << QByteArray() << true << 0.999 << qint64(999);
        QTest::addRow("backoff attempt 3: [0, 4 s)") << 3 << QByteArray() << true << 0.25 << qint64(1000);
        QTest::addRow("backoff attempt 10 capped at 30 s") << 10 << QByteArray() << true << 0.5 << qint64(15000);
        QTest::addRow("full jitter may retry at once") << 4 << QByteArray() << true << 0.0 << qint64(0);
    }
    void delays()
    {
        QFETCH(int, attempt);
        QFETCH(QByteArray, retryAfter);
        QFETCH(bool, honor);
        QFETCH(double, uniform);
        QFETCH(qint64, expected);
        scenario::RetryPolicy policy;
        policy.baseDelayMs = 1000;
        policy.maxDelayMs = 30000;
        policy.honorRetryAfter = honor;
        const QDateTime now(QDate(2026, 11, 27), QTime(10, 0, 0), Qt::UTC);
        QCOMPARE(qint64(engine::retryDelayMs(policy, attempt, retryAfter, now, uniform)), expected);
    }
};

QTEST_GUILESS_MAIN(TestRetryDelay)
#include "tst_retrydelay.moc"
