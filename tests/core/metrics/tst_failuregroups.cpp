#include "metrics/failuregroups.h"

#include <QtTest/QTest>

using namespace stampede::metrics;

namespace {
RequestOutcome failure(ErrorClass cls, int status, const QString &message, std::int64_t endMs)
{
    RequestOutcome o;
    o.errorClass = cls;
    o.httpStatus = status;
    o.errorMessage = message;
    o.endNs = endMs * 1000000;
    return o;
}
} // namespace

class TestFailureGroups : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void foldMessage_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::addRow("digits fold") << QStringLiteral("no response within 1503 ms")
                                     << QStringLiteral("no response within # ms");
        QTest::addRow("ids fold") << QStringLiteral("req 8f3a21 failed") << QStringLiteral("req #f#a# failed");
        QTest::addRow("long cut") << QString(300, QLatin1Char('x')) << QString(160, QLatin1Char('x'));
    }
    void foldMessage()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(FailureGroups::foldMessage(in), out);
    }

    void groupsByClassAndMessage()
    {
        FailureGroups groups;
        for (int i = 0; i < 100000; ++i)
            groups.add(failure(ErrorClass::Timeout, 0, QStringLiteral("no response within %1 ms").arg(1000 + i % 7), i),
                QStringLiteral("m"));
        groups.add(failure(ErrorClass::Http, 429, QStringLiteral("Rate limit"), 5), QStringLiteral("n"));
        groups.add(failure(ErrorClass::Http, 429, QStringLiteral("Rate limit"), 7), QStringLiteral("n"));
        groups.add(RequestOutcome {}, QStringLiteral("m")); // a success is not a failure
        const QList<FailureGroup> list = groups.groups();
        QCOMPARE(list.size(), 2);
        QCOMPARE(groups.total(), 100002);
        QCOMPARE(list[0].errorKey, QStringLiteral("timeout"));
        QCOMPARE(list[0].count, 100000);
        QCOMPARE(list[0].firstSeenMs, 0);
        QCOMPARE(list[0].lastSeenMs, 99999);
        QCOMPARE(list[1].errorKey, QStringLiteral("http_429"));
        QCOMPARE(list[1].count, 2);
        QCOMPARE(list[1].example, QStringLiteral("Rate limit"));
        QCOMPARE(list[1].lastModel, QStringLiteral("n"));
    }

    void boundedNumberOfGroups()
    {
        FailureGroups groups;
        for (int i = 0; i < FailureGroups::kMaxGroups + 300; ++i)
            groups.add(failure(ErrorClass::Malformed, 200,
                           QStringLiteral("bad %1").arg(QChar(QLatin1Char('a')).unicode() + i, 0, 36)
                               + QString(QChar(0x4e00 + i)),
                           i),
                QStringLiteral("m"));
        QVERIFY(groups.groups().size() <= FailureGroups::kMaxGroups + 1);
        QCOMPARE(groups.total(), FailureGroups::kMaxGroups + 300);
        bool hasOther = false;
        for (const auto &g : groups.groups())
            hasOther |= g.message == QLatin1String("(other messages)");
        QVERIFY(hasOther);
    }
};

QTEST_GUILESS_MAIN(TestFailureGroups)
#include "tst_failuregroups.moc"
