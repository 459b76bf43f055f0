#pragma once
// Runs open-model jobs of a scenario on one worker, without the engine: the transport seam and
// the request runner over real sockets, as tst_transport and tst_tls need them.

#include "engine/endpoint.h"
#include "engine/runcontext.h"
#include "engine/worker.h"

#include <QtTest/QTest>

#include <memory>

namespace stampede::test {

/// Runs `count` open-model jobs on one worker of scenario `s` and returns their outcomes.
inline QList<metrics::RequestOutcome> runJobs(const scenario::Scenario &s, int count, const QString &key = QString())
{
    auto ctx = std::make_shared<engine::RunContext>(s, engine::Endpoint(s.target, QUrl(s.target.baseUrl), key));
    engine::Worker worker(0, ctx);
    worker.init();
    QList<metrics::RequestOutcome> outcomes;
    QObject::connect(&worker, &engine::Worker::outcomesReady,
        [&outcomes](const QList<metrics::RequestOutcome> &batch) { outcomes << batch; });
    QList<engine::RequestJob> jobs;
    for (int i = 0; i < count; ++i)
        jobs.append({ ctx->clock.nowNs(), 0, i % ctx->promptCount() });
    ctx->outstanding.fetch_add(count);
    worker.startJobs(jobs);
    if (!QTest::qWaitFor([&] { return outcomes.size() >= count; }, 20000))
        qWarning("only %lld of %d outcomes arrived", qlonglong(outcomes.size()), count);
    worker.shutdown();
    return outcomes;
}

} // namespace stampede::test
