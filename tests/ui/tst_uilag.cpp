// The GUI thread's event-loop lag, measured while the window is idle and while a run loads the
// machine: figures for docs/benchmarks.md, on wall-clock time, hence label bench (not in the
// default suite). Run: bash tests/bench/run.sh uilag (STAMPEDE_LAG_RATE picks the offered req/s).
#include "ui/secrets/keystore.h"
#include "ui/windows/eventlagprobe.h"
#include "ui/windows/mainwindow.h"
#include "ui/windows/runlistmodel.h"
#include "ui/windows/runsession.h"

#include "mainwindowfixture.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace stampede;
using namespace stampede::ui;

class TestUiLag : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::mainWindowTestSetup(m_dir, QStringLiteral("tst_uilag"));
    }
    void init()
    {
        QSettings().clear();
        m_keys = std::make_unique<MemoryKeyStore>();
        m_window = std::make_unique<MainWindow>(m_keys.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        if (m_window->session()->isActive()) {
            m_window->session()->abort();
            QTRY_VERIFY_WITH_TIMEOUT(!m_window->session()->isActive(), 30000);
        }
        m_window->setWindowModified(false);
        m_window.reset();
        m_keys.reset();
    }

    void lagProbeReportsNumber()
    {
        QVERIFY(m_window->lagProbe()->isActive());
        QTRY_VERIFY_WITH_TIMEOUT(m_window->lagProbe()->sampleCount() > 50, 5000);
        const double p99 = m_window->lagProbe()->p99Ms();
        QVERIFY(p99 >= 0 && p99 < 1000);
        auto *label = m_window->findChild<QLabel *>(QStringLiteral("lagLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(label->text().startsWith(QStringLiteral("UI lag p99 ")), 3000);

        EventLagProbe probe(nullptr, 5, 1000);
        probe.start();
        QTest::qWait(100);
        QTest::qSleep(60); // block the event loop on purpose: the probe must see it
        QTRY_VERIFY(probe.sampleCount() > 20);
        QVERIFY2(probe.maxMs() >= 40, qPrintable(QString::number(probe.maxMs())));
    }

    void lagUnderEngineLoadIsReported()
    {
        const int rate
            = qEnvironmentVariableIsSet("STAMPEDE_LAG_RATE") ? qEnvironmentVariableIntValue("STAMPEDE_LAG_RATE") : 300;
        m_window->resize(1600, 1000);
        m_window->setUntitledScenario(test::shortScenario(8000, rate));
        QSignalSpy finished(m_window->session(), &RunSession::runFinished);
        QElapsedTimer wall;
        wall.start();
        const qint64 cpuBefore = test::threadCpuNs();
        test::action(m_window.get(), "actionStart")->trigger();
        QVERIFY(finished.wait(90000));
        const double busy = 100.0 * double(test::threadCpuNs() - cpuBefore) / double(wall.nsecsElapsed());
        const EventLagProbe *probe = m_window->lagProbe();
        const metrics::RunSummary summary = *m_window->runs()->run(0).summary();
        qInfo("UI lag over the last 10 s at %.0f req/s: p99 %.1f ms, max %.1f ms; repaint p99 %.1f ms (max %.1f); "
              "snapshot intake p99 %.1f ms; GUI thread busy %.0f%% of a core",
            summary.overall.rps, probe->p99Ms(), probe->maxMs(), probe->repaints().percentile(99),
            probe->repaints().max(), m_window->session()->snapshotTimes().percentile(99), busy);
        QVERIFY(summary.overall.requests > rate);
        QVERIFY(probe->p99Ms() < 1000);
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<MemoryKeyStore> m_keys;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestUiLag)
#include "tst_uilag.moc"
