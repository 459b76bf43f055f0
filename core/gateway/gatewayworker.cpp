#include "gatewayworker.h"

#include "connection.h"
#include "responses.h"
#include "scheduler.h"

#include <QTcpServer>
#include <QThread>

#include <unistd.h>

namespace stampede::gateway {

SharedState::SharedState(const GatewayConfig &c)
    : config(c)
    , modelsBody(responses::modelsBody(c.models))
    , anthropicModelsBody(responses::anthropicModelsBody(c.models))
    , geminiModelsBody(responses::geminiModelsBody(c.models))
    , apiKey(c.apiKey.toUtf8())
    , limiter(c.rpmLimit, int(c.models.size()))
    , metrics([&c] {
        QStringList names;
        for (const ModelBehaviour &m : c.models)
            names << m.model;
        return names;
    }())
{
    for (const ModelBehaviour &m : c.models) // integrity (issue 14): substitute_model answers as another model
        escapedModels.append(
            responses::jsonEscape((m.substituteModel.isEmpty() ? m.model : m.substituteModel).toUtf8()));
}

namespace {

// Accepts on worker 0's thread; the descriptor goes to a worker without ever becoming a QTcpSocket
// here (sockets must be created in the thread that uses them).
class Listener : public QTcpServer
{
public:
    using Deal = std::function<void(qintptr)>;
    explicit Listener(Deal deal, QObject *parent)
        : QTcpServer(parent)
        , m_deal(std::move(deal))
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override { m_deal(descriptor); }

private:
    Deal m_deal;
};

// Owns an accepted descriptor in flight to another thread: closed if the hand-over never runs.
struct PendingDescriptor {
    explicit PendingDescriptor(qintptr descriptor)
        : fd(descriptor)
    {
    }
    PendingDescriptor(const PendingDescriptor &) = delete;
    PendingDescriptor &operator=(const PendingDescriptor &) = delete;
    qintptr fd;
    ~PendingDescriptor()
    {
        if (fd >= 0)
            ::close(int(fd));
    }
};

quint64 mix64(quint64 z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

} // namespace

GatewayWorker::GatewayWorker(std::shared_ptr<SharedState> shared, int index)
    : m_shared(std::move(shared))
    , m_index(index)
    , m_rng(m_shared->config.seed + quint64(index) * 0x9E3779B97F4A7C15ull)
{
}

GatewayWorker::~GatewayWorker()
{
    // Connections (dead ones awaiting deleteLater too) use this worker in their destructors: go first.
    qDeleteAll(findChildren<Connection *>(Qt::FindDirectChildrenOnly));
}

bool GatewayWorker::listen(const QHostAddress &address, quint16 port, const QList<GatewayWorker *> &workers,
    quint16 *boundPort, QString *error)
{
    m_workers = workers;
    auto *listener = new Listener([this](qintptr fd) { dispatch(fd); }, this);
    listener->setListenBacklogSize(4096); // bursts of thousands of connects (the kernel caps at somaxconn)
    if (!listener->listen(address, port)) {
        *error = listener->serverError() == QAbstractSocket::AddressInUseError
            ? QStringLiteral("port %1 on %2 is already in use (another gateway or server listens there); choose "
                             "another port, or 0 for a free one")
                  .arg(port)
                  .arg(address.toString())
            : QStringLiteral("cannot listen on %1 port %2: %3")
                  .arg(address.toString())
                  .arg(port)
                  .arg(listener->errorString());
        delete listener;
        return false;
    }
    m_listener = listener;
    *boundPort = listener->serverPort();
    return true;
}

void GatewayWorker::dispatch(qintptr descriptor)
{
    GatewayWorker *target = m_workers.at(qsizetype(m_nextDeal++ % quint64(m_workers.size())));
    if (target == this)
        return adopt(descriptor);
    auto pending = std::make_shared<PendingDescriptor>(descriptor);
    QMetaObject::invokeMethod(
        target,
        [target, pending] {
            const qintptr fd = pending->fd;
            pending->fd = -1;
            target->adopt(fd);
        },
        Qt::QueuedConnection);
}

void GatewayWorker::adopt(qintptr descriptor)
{
    if (!m_scheduler) // created here, after the move, so its timer is born in this thread
        m_scheduler = new Scheduler([this](quint64 key, quint32 tag) { onEvent(key, tag); }, &m_shared->lateness, this);
    const quint64 id = m_nextConnectionId++;
    auto *connection = new Connection(this, id, descriptor);
    if (!connection->isOpen()) {
        delete connection;
        return;
    }
    m_connections.insert(id, connection);
}

void GatewayWorker::forget(quint64 connectionId)
{
    m_connections.remove(connectionId);
}

void GatewayWorker::onEvent(quint64 key, quint32 tag)
{
    if (Connection *c = m_connections.value(key))
        c->onEvent(tag);
}

QByteArray GatewayWorker::nextId()
{
    // A bijective mix of (thread, counter): unique, yet looks like the random ids real gateways send.
    const quint64 v = mix64((quint64(m_index) << 56) ^ ++m_idCounter ^ (m_shared->config.seed << 40));
    return QByteArray::number(v, 16).rightJustified(16, '0');
}

void GatewayWorker::shutdown(QThread *owner)
{
    delete m_listener;
    m_listener = nullptr;
    const auto connections = m_connections;
    m_connections.clear();
    for (Connection *c : connections)
        delete c;
    delete m_scheduler;
    m_scheduler = nullptr;
    moveToThread(owner);
}

} // namespace stampede::gateway
