#include "simgateway.h"

#include "gatewayworker.h"
#include "model/threadnice.h"

#include <QThread>

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif

namespace stampede::gateway {

SimGateway::SimGateway(QObject *parent)
    : QObject(parent)
{
}

SimGateway::~SimGateway()
{
    stop();
}

bool SimGateway::start(const GatewayConfig &config, quint16 port, const QHostAddress &address)
{
    stop();
    m_error.clear();
    if (QString problem = validateConfig(config); !problem.isEmpty()) {
        m_error = QStringLiteral("invalid gateway config: ") + problem;
        return false;
    }
    m_shared = std::make_shared<SharedState>(config);
    for (int i = 0; i < config.threads; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("stampede-gw-%1").arg(i));
        auto *worker = new GatewayWorker(m_shared, i);
        worker->moveToThread(thread);
        model::raiseNiceOnStart(thread, m_threadNice);
        thread->start();
        m_threads.append(thread);
        m_workers.append(worker);
    }
    GatewayWorker *first = m_workers.first();
    bool listening = false;
    quint16 bound = 0;
    QString error;
    const QList<GatewayWorker *> workers = m_workers;
    QMetaObject::invokeMethod(
        first, [&] { listening = first->listen(address, port, workers, &bound, &error); },
        Qt::BlockingQueuedConnection);
    if (!listening) {
        stop();
        m_error = error;
        return false;
    }
    m_address = address;
    m_port = bound;
    return true;
}

void SimGateway::stop()
{
    // Worker 0 first: once its listener is gone no new descriptor is dealt, so every descriptor already
    // dealt to another worker is queued before that worker's shutdown and gets adopted, then closed.
    QThread *owner = QThread::currentThread(); // the workers are deleted right here, by this thread
    for (GatewayWorker *worker : std::as_const(m_workers)) {
        QMetaObject::invokeMethod(
            worker, [worker, owner] { worker->shutdown(owner); }, Qt::BlockingQueuedConnection);
    }
    for (QThread *thread : std::as_const(m_threads)) {
        thread->quit();
        thread->wait();
    }
    qDeleteAll(m_workers);
    qDeleteAll(m_threads);
    m_workers.clear();
    m_threads.clear();
    m_shared.reset();
    m_port = 0;
}

QUrl SimGateway::baseUrl() const
{
    if (!isRunning())
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    const bool any
        = m_address == QHostAddress::Any || m_address == QHostAddress::AnyIPv4 || m_address == QHostAddress::AnyIPv6;
    url.setHost(any ? QStringLiteral("127.0.0.1") : m_address.toString());
    url.setPort(m_port);
    url.setPath(QStringLiteral("/v1"));
    return url;
}

GatewayConfig SimGateway::config() const
{
    return m_shared ? m_shared->config : GatewayConfig {};
}

qint64 SimGateway::chatRequestsAnswered() const
{
    return m_shared ? m_shared->metrics.answered() : 0;
}

qint64 SimGateway::toolCallsAnswered() const
{
    return m_shared ? m_shared->metrics.toolCalls() : 0;
}

qint64 SimGateway::brokenToolCallsAnswered() const
{
    return m_shared ? m_shared->metrics.brokenToolCalls() : 0;
}

quint64 SimGateway::requestsServed() const
{
    return m_shared ? m_shared->served.load(std::memory_order_relaxed) : 0;
}

int SimGateway::openConnections() const
{
    return m_shared ? m_shared->open.load(std::memory_order_relaxed) : 0;
}

SimGateway::Lateness SimGateway::lateness() const
{
    if (!m_shared)
        return {};
    const LatenessCounters &c = m_shared->lateness;
    Lateness l;
    l.events = c.events.load(std::memory_order_relaxed);
    l.meanMs = l.events ? double(c.lateSumNs.load(std::memory_order_relaxed)) / double(l.events) / 1e6 : 0.0;
    l.maxMs = double(c.lateMaxNs.load(std::memory_order_relaxed)) / 1e6;
    return l;
}

quint64 raiseOpenFileLimit(quint64 wanted)
{
#if defined(Q_OS_UNIX)
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 0;
    if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max == RLIM_INFINITY ? wanted : qMin<rlim_t>(wanted, limit.rlim_max);
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            limit = raised;
    }
    return limit.rlim_cur == RLIM_INFINITY ? std::numeric_limits<quint64>::max() : quint64(limit.rlim_cur);
#else
    Q_UNUSED(wanted);
    return 0;
#endif
}

} // namespace stampede::gateway
