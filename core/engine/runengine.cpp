#include "engine/runengine.h"

#include "engine/executor.h"
#include "engine/servermetricspoller.h"
#include "engine/worker.h"
#include "report/aggregatorconfig.h"

#include <QTimer>

namespace stampede::engine {

namespace {
constexpr int kPublishIntervalMs = 250; ///< snapshots at 4 Hz
constexpr int kClosedTickMs = 50;
constexpr int kOpenTickMs = 1;
} // namespace

RunEngine::RunEngine(const scenario::Scenario &scenario, const RunOptions &options)
    : m_scenario(scenario)
    , m_options(options)
    , m_rng(quint32(scenario.seed.value_or(QRandomGenerator::system()->generate64())))
{
}

RunEngine::~RunEngine()
{
    stopServerMetrics();
    stopWorkers();
}

bool RunEngine::resolveTarget(QUrl &url, QString &error)
{
    const QString base = m_options.baseUrlOverride.isEmpty() ? m_scenario.target.baseUrl : m_options.baseUrlOverride;
    if (base == QLatin1StringView("builtin")) {
        error = QStringLiteral("base URL \"builtin\" names the built-in simulated gateway, which the app starts "
                               "(launch::RunLauncher); the engine was handed no URL");
        return false;
    }
    const std::optional<QUrl> parsed = httpBaseUrl(base);
    if (!parsed) {
        error = QStringLiteral("base URL \"%1\" is not an http(s) URL").arg(base);
        return false;
    }
    url = *parsed;
    return true;
}

void RunEngine::start()
{
    QUrl url;
    QString error;
    if (!resolveTarget(url, error)) {
        Q_EMIT runFailed(error, false);
        return;
    }
    Endpoint endpoint(m_scenario.target, url, m_options.apiKey);
    endpoint.setKeySource(m_options.apiKeySource);
    if (const QString tlsError = endpoint.connection().error(); !tlsError.isEmpty()) {
        Q_EMIT runFailed(tlsError, false);
        return;
    }
    Endpoint direct;
    if (m_scenario.directTarget) {
        const std::optional<QUrl> directUrl = httpBaseUrl(m_scenario.directTarget->baseUrl);
        if (!directUrl) {
            Q_EMIT runFailed(QStringLiteral("direct_target.base_url \"%1\" is not an http(s) URL")
                                 .arg(m_scenario.directTarget->baseUrl),
                false);
            return;
        }
        // The gateway's TLS, proxy, timeouts and HTTP version; the direct target's own URL, key and headers.
        scenario::Target target = m_scenario.target;
        target.baseUrl = m_scenario.directTarget->baseUrl;
        target.headers = m_scenario.directTarget->headers;
        target.apiKeyEnv = m_scenario.directTarget->apiKeyEnv;
        direct = Endpoint(target, *directUrl, m_options.directApiKey);
        direct.setKeySource(m_scenario.directTarget->apiKeyEnv.isEmpty()
                ? QStringLiteral("direct_target (no api_key_env: no key is sent)")
                : QLatin1Char('$') + m_scenario.directTarget->apiKeyEnv);
    }
    if (!(m_scenario.preflight && m_options.preflight)) {
        m_ctx = newContext(endpoint, direct);
        beginLoad(nullptr);
        return;
    }
    Q_EMIT phaseChanged(model::RunPhase::Preflight);
    m_preflight = new Preflight(endpoint, m_scenario.enabledModels(), this);
    m_preflight->setRetryPolicy(m_scenario.retry);
    connect(m_preflight, &Preflight::finished, this, [this, endpoint, direct](const PreflightResult &result) {
        m_preflight->deleteLater();
        m_preflight = nullptr;
        Q_EMIT preflightFinished(result);
        if (!result.ok) {
            Q_EMIT runFailed(result.error, true);
            return;
        }
        if (!m_scenario.directTarget) {
            m_ctx = newContext(endpoint); // the run clock starts here
            beginLoad(&result);
            return;
        }
        preflightDirect(endpoint, direct, result);
    });
    m_preflight->start();
}

void RunEngine::preflightDirect(const Endpoint &endpoint, const Endpoint &direct, const PreflightResult &gatewayResult)
{
    // A paired run checks its direct target the same way before the clock starts.
    m_preflight = new Preflight(direct, m_scenario.enabledModels(), this);
    m_preflight->setRetryPolicy(m_scenario.retry);
    connect(m_preflight, &Preflight::finished, this,
        [this, endpoint, direct, gatewayResult](const PreflightResult &result) {
            m_preflight->deleteLater();
            m_preflight = nullptr;
            if (!result.ok) {
                Q_EMIT runFailed(QStringLiteral("direct target: ") + result.error, true);
                return;
            }
            for (const QString &warning : result.warnings)
                m_warnings << QStringLiteral("direct target: ") + warning;
            m_ctx = newContext(endpoint, direct); // the run clock starts here
            beginLoad(&gatewayResult);
        });
    m_preflight->start();
}

metrics::AggregatorConfig RunEngine::aggregatorConfig() const
{
    QStringList models;
    for (const scenario::ModelSpec &model : m_ctx->models)
        models << model.model;
    return report::aggregatorConfigFor(m_scenario, models);
}

std::shared_ptr<RunContext> RunEngine::newContext(const Endpoint &endpoint, const Endpoint &direct) const
{
    return std::make_shared<RunContext>(scenario::scenarioForSegment(m_scenario, m_options.segment), endpoint, direct);
}

void RunEngine::beginLoad(const PreflightResult *preflight)
{
    if (preflight) {
        m_warnings << preflight->warnings;
        for (int i = 0; i < preflight->models.size() && i < m_ctx->models.size(); ++i) {
            if (!preflight->models[i].usageSupported && m_ctx->disableUsage(i))
                m_warnings << QStringLiteral("%1 rejects stream_options.include_usage: completion tokens are estimated")
                                  .arg(m_ctx->models[i].model);
        }
    }
    // The poisson seed is drawn only for open models, so a seeded closed run picks the same prompts.
    const quint64 arrivalSeed = m_scenario.load.isOpenModel() ? m_rng.generate64() : 0;
    if (!m_options.segment.isWhole()) // the agents share the arrivals' seed, not their model and prompt draws
        m_rng.seed(quint32(m_rng.generate64() + quint64(m_options.segment.index) * 0x9E3779B97F4A7C15ULL));
    m_executor = std::make_unique<Executor>(m_scenario.load, workerCount(), arrivalSeed, m_options.segment);
    m_plan = m_executor->plan();
    m_aggregator = std::make_unique<metrics::Aggregator>(aggregatorConfig());
    startWorkers();
    startServerMetrics();

    report::RunMeta info;
    info.startedAt = QDateTime::currentDateTimeUtc();
    info.baseUrl = m_ctx->endpoint.baseUrl();
    info.builtinGateway = m_options.builtinGateway;
    info.scenario = m_scenario;
    info.plan = m_plan;
    info.segment = m_options.segment;
    for (const auto &model : m_ctx->models)
        info.models << model.model;
    info.workerThreads = int(m_workers.size());
    info.transport = describeTransport(resolveTransport(m_scenario.target));
    if (const QString why = transportFallback(m_scenario.target);
        !why.isEmpty() && m_scenario.target.transport == scenario::TransportKind::Curl)
        m_warnings << QStringLiteral("transport curl: ") + why;
    Q_EMIT runStarted(info);
    for (const QString &warning : std::as_const(m_warnings))
        Q_EMIT noticeRaised(warning);
    Q_EMIT phaseChanged(model::RunPhase::Running);

    m_tickTimer = new QTimer(this);
    m_tickTimer->setTimerType(Qt::PreciseTimer);
    connect(m_tickTimer, &QTimer::timeout, this, &RunEngine::tick);
    m_tickTimer->start(m_plan.openModel ? kOpenTickMs : kClosedTickMs);
    m_publishTimer = new QTimer(this);
    connect(m_publishTimer, &QTimer::timeout, this, &RunEngine::publish);
    m_publishTimer->start(kPublishIntervalMs);
    tick();
}

int RunEngine::workerCount() const
{
    return m_options.workerThreads > 0 ? m_options.workerThreads : std::max(2, QThread::idealThreadCount());
}

void RunEngine::startWorkers()
{
    const int count = workerCount();
    for (int i = 0; i < count; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("stampede-worker-%1").arg(i));
        auto *worker = new Worker(i, m_ctx);
        worker->moveToThread(thread);
        connect(worker, &Worker::outcomesReady, this, &RunEngine::onOutcomes);
        connect(worker, &Worker::drained, this, &RunEngine::onWorkerDrained);
        connect(worker, &Worker::noticeRaised, this, [this](const QString &text) {
            if (!m_warnings.contains(text)) {
                m_warnings << text;
                Q_EMIT noticeRaised(text);
            }
        });
        thread->start();
        QMetaObject::invokeMethod(worker, &Worker::init, Qt::QueuedConnection);
        m_threads << thread;
        m_workers << worker;
    }
}

void RunEngine::startServerMetrics()
{
    if (!m_scenario.serverMetrics)
        return;
    ServerMetricsPoller::Settings settings { *m_scenario.serverMetrics, m_options.apiKey,
        m_ctx->endpoint.connection().sslConfiguration(), m_ctx->endpoint.connection().qtProxy(), m_ctx->clock };
    m_pollerThread = new QThread;
    m_pollerThread->setObjectName(QStringLiteral("stampede-server-metrics"));
    m_poller = new ServerMetricsPoller(settings);
    m_poller->moveToThread(m_pollerThread);
    connect(m_poller, &ServerMetricsPoller::updated, this, [this](const metrics::ServerMetrics &metrics) {
        Q_ASSERT(QThread::currentThread() == thread());
        if (m_poller) // an update still queued after stopServerMetrics() is older than what it kept
            m_serverMetrics = metrics;
    });
    m_pollerThread->start();
    QMetaObject::invokeMethod(m_poller, &ServerMetricsPoller::start, Qt::QueuedConnection);
}

void RunEngine::stopServerMetrics()
{
    if (!m_poller)
        return;
    ServerMetricsPoller *poller = m_poller;
    metrics::ServerMetrics last;
    // finish() hands over every scrape, including one whose updated() is still queued to this thread.
    QMetaObject::invokeMethod(
        poller,
        [poller, &last] {
            last = poller->finish();
            delete poller;
        },
        Qt::BlockingQueuedConnection);
    m_poller = nullptr;
    m_serverMetrics = last;
    m_pollerThread->quit();
    m_pollerThread->wait();
    delete m_pollerThread;
    m_pollerThread = nullptr;
}

} // namespace stampede::engine
