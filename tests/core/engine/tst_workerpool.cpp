// The Qt transport's QNetworkAccessManager pool over real HTTP on 127.0.0.1: it grows with the requests
// outstanding (6 per manager on HTTP/1.1) and, once load drops, managers idle past the idle time are
// deleted, keeping at least one and never one with a request on it. Reaping is driven with a
// virtual time well past the idle time, so nothing depends on how fast the machine is.
#include "engine/endpoint.h"
#include "engine/qttransport.h"
#include "engine/runcontext.h"
#include "engine/worker.h"
#include "enginefixture.h"

using namespace stampede;
using namespace stampede::test;

namespace {
constexpr std::int64_t kIdleNs = 3600LL * 1'000'000'000; // never reached by the sweep's real clock
} // namespace

class TestWorkerPool : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_gateway = std::make_unique<gateway::SimGateway>();
        QVERIFY2(m_gateway->start(exactGateway(50, 5, 2000), 0), qPrintable(m_gateway->errorString()));
        scenario::Scenario s = basicScenario(m_gateway->baseUrl(), false);
        s.target.transport = scenario::TransportKind::Qt;
        m_ctx = std::make_shared<engine::RunContext>(s, engine::Endpoint(s.target, m_gateway->baseUrl(), QString()));
        m_worker = std::make_unique<engine::Worker>(0, m_ctx);
        m_worker->init();
        pool().setManagerIdleNs(kIdleNs);
        m_outcomes.clear();
        connect(m_worker.get(), &engine::Worker::outcomesReady, this,
            [this](const QList<metrics::RequestOutcome> &batch) { m_outcomes << batch; });
    }
    void cleanup()
    {
        if (m_worker)
            m_worker->shutdown();
        m_worker.reset();
        m_ctx.reset();
        m_gateway.reset();
    }

    void poolShrinksAfterLoadDrops()
    {
        start(20);
        QCOMPARE(pool().groupCount(), 4); // 6 + 6 + 6 + 2
        QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 20, 20000);
        const std::int64_t now = m_ctx->clock.nowNs();
        QCOMPARE(pool().reapIdle(now), 0); // idle, but not for the idle time yet
        QCOMPARE(pool().groupCount(), 4);
        QCOMPARE(pool().reapIdle(now + kIdleNs), 3);
        QCOMPARE(pool().groupCount(), 1); // the last one stays
        QCOMPARE(pool().reapIdle(now + 2 * kIdleNs), 0);

        // The pool grows again from what is left, and every request still goes through.
        start(20);
        QCOMPARE(pool().groupCount(), 4);
        QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 40, 20000);
        for (const metrics::RequestOutcome &outcome : std::as_const(m_outcomes))
            QVERIFY2(outcome.succeeded(), qPrintable(outcome.errorMessage));
    }

    void busyManagersAreKept()
    {
        start(20);
        QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 20, 20000);
        QCOMPARE(pool().groupCount(), 4);
        // Three requests on one manager; no reply can finish before the event loop runs again.
        start(3);
        QCOMPARE(pool().groupCount(), 4);
        QCOMPARE(pool().reapIdle(m_ctx->clock.nowNs() + kIdleNs), 3);
        QCOMPARE(pool().groupCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 23, 20000);
        for (const metrics::RequestOutcome &outcome : std::as_const(m_outcomes))
            QVERIFY2(outcome.succeeded(), qPrintable(outcome.errorMessage));
        // Now idle too, it is the last one: kept.
        QCOMPARE(pool().reapIdle(m_ctx->clock.nowNs() + kIdleNs), 0);
        QCOMPARE(pool().groupCount(), 1);
    }

private:
    engine::QtTransport &pool() { return static_cast<engine::QtTransport &>(m_worker->transport()); }
    void start(int count)
    {
        QList<engine::RequestJob> jobs;
        for (int i = 0; i < count; ++i)
            jobs.append({ m_ctx->clock.nowNs(), 0, i % m_ctx->promptCount() });
        m_ctx->outstanding.fetch_add(count); // the engine counts open-model jobs at dispatch
        m_worker->startJobs(jobs);
    }

    std::unique_ptr<gateway::SimGateway> m_gateway;
    std::shared_ptr<engine::RunContext> m_ctx;
    std::unique_ptr<engine::Worker> m_worker;
    QList<metrics::RequestOutcome> m_outcomes;
};

QTEST_GUILESS_MAIN(TestWorkerPool)
#include "tst_workerpool.moc"
