// The run's end names and the one verdict every caller words: CLI exit code, run list, status
// text, report badge.

#include "model/runlifecycle.h"
#include "model/runverdict.h"

#include <QTest>

using namespace stampede::model;

Q_DECLARE_METATYPE(stampede::model::RunEnd)
Q_DECLARE_METATYPE(stampede::model::RunVerdict::Kind)

class TestRunVerdict : public QObject
{
    Q_OBJECT

private slots:
    void runEndNames()
    {
        QCOMPARE(toString(RunEnd::Completed), QStringLiteral("completed"));
        QCOMPARE(toString(RunEnd::Stopped), QStringLiteral("stopped"));
        QCOMPARE(toString(RunEnd::ThresholdAborted), QStringLiteral("threshold_aborted"));
        QCOMPARE(toString(RunEnd::Interrupted), QStringLiteral("interrupted"));
        QCOMPARE(toString(RunEnd::Failed), QStringLiteral("failed"));
        QCOMPARE(toString(RunEnd::InProgress), QStringLiteral("in_progress"));
        for (auto end : { RunEnd::Completed, RunEnd::Stopped, RunEnd::ThresholdAborted, RunEnd::Interrupted,
                 RunEnd::Failed, RunEnd::InProgress })
            QVERIFY(runEndFromString(toString(end)) == end);
        QVERIFY(runEndFromString(QStringLiteral("exploded")) == RunEnd::Failed);
    }

    void verdicts_data()
    {
        using K = RunVerdict::Kind;
        QTest::addColumn<RunEnd>("end");
        QTest::addColumn<bool>("thresholdsPassed");
        QTest::addColumn<K>("kind");
        QTest::addColumn<bool>("failed");
        QTest::addColumn<QString>("words");
        QTest::addRow("completed, passed")
            << RunEnd::Completed << true << K::Passed << false << QStringLiteral("passed");
        QTest::addRow("completed, thresholds failed")
            << RunEnd::Completed << false << K::ThresholdsFailed << true << QStringLiteral("thresholds failed");
        QTest::addRow("threshold aborted") << RunEnd::ThresholdAborted << true << K::ThresholdAborted << true
                                           << QStringLiteral("aborted by threshold");
        QTest::addRow("stopped") << RunEnd::Stopped << true << K::Stopped << false << QStringLiteral("stopped");
        QTest::addRow("stopped, thresholds failed")
            << RunEnd::Stopped << false << K::Stopped << true << QStringLiteral("stopped");
        QTest::addRow("interrupted") << RunEnd::Interrupted << true << K::Interrupted << false
                                     << QStringLiteral("aborted");
        QTest::addRow("interrupted, thresholds failed")
            << RunEnd::Interrupted << false << K::Interrupted << true << QStringLiteral("aborted");
        QTest::addRow("failed") << RunEnd::Failed << true << K::Failed << true << QStringLiteral("failed");
        QTest::addRow("in progress") << RunEnd::InProgress << true << K::InProgress << false
                                     << QStringLiteral("in progress");
        QTest::addRow("in progress, thresholds failing so far")
            << RunEnd::InProgress << false << K::InProgress << true << QStringLiteral("in progress");
    }

    void verdicts()
    {
        QFETCH(RunEnd, end);
        QFETCH(bool, thresholdsPassed);
        QFETCH(RunVerdict::Kind, kind);
        QFETCH(bool, failed);
        QFETCH(QString, words);
        const RunVerdict v = verdict(end, thresholdsPassed);
        QVERIFY(v.kind == kind);
        QCOMPARE(v.thresholdsFailed, !thresholdsPassed);
        QCOMPARE(v.failed(), failed);
        QCOMPARE(v.words(), words);
    }

    void activePhases()
    {
        QVERIFY(!isActive(RunPhase::Idle));
        QVERIFY(isActive(RunPhase::Preflight));
        QVERIFY(isActive(RunPhase::Running));
        QVERIFY(isActive(RunPhase::Stopping));
        QVERIFY(!isActive(RunPhase::Finished));
        QVERIFY(!isActive(RunPhase::Failed));
        QVERIFY(!isActive(RunPhase::Cancelled));
    }
};

QTEST_GUILESS_MAIN(TestRunVerdict)
#include "tst_runverdict.moc"
