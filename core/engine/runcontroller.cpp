#include "engine/runcontroller.h"

#include "engine/runengine.h"

#include <QThread>

#include <algorithm>

#include <sys/resource.h>
#include <unistd.h>

namespace stampede::engine {

void registerMetaTypes()
{
    qRegisterMetaType<RunInfo>();
    qRegisterMetaType<PreflightResult>();
    qRegisterMetaType<metrics::Snapshot>();
    qRegisterMetaType<metrics::RunSummary>();
    qRegisterMetaType<metrics::RequestOutcome>();
    qRegisterMetaType<QList<metrics::RequestOutcome>>();
    qRegisterMetaType<metrics::RunPhase>();
    qRegisterMetaType<metrics::RunEnd>();
    qRegisterMetaType<QList<RequestJob>>();
}

QString apiKeyFromEnvironment(const QString &variableName)
{
    return variableName.isEmpty() ? QString() : qEnvironmentVariable(variableName.toLocal8Bit().constData());
}

RunController::RunController(QObject *parent)
    : QObject(parent)
{
    registerMetaTypes();
}

RunController::~RunController()
{
    if (m_engine)
        QMetaObject::invokeMethod(m_engine, &RunEngine::abort, Qt::QueuedConnection);
    retire();
    for (QThread *thread : std::as_const(m_retiring)) {
        thread->wait();
        delete thread;
    }
}

bool RunController::start(const scenario::Scenario &scenario, const RunOptions &options)
{
    if (m_thread)
        return false;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("stampede-engine"));
    auto *engine = new RunEngine(scenario, options);
    engine->moveToThread(m_thread);
    m_engine = engine;
    connect(m_thread, &QThread::finished, engine, &QObject::deleteLater);
    if (options.threadNice > 0) {
        // Runs on the new thread before its event loop; every thread it creates inherits the value.
        const int nice = options.threadNice;
        connect(m_thread, &QThread::started, m_thread, [nice] {
            const auto tid = static_cast<id_t>(gettid());
            const int current = getpriority(PRIO_PROCESS, tid);
            setpriority(PRIO_PROCESS, tid, std::min(19, current + nice));
        }, Qt::DirectConnection);
    }
    connect(engine, &RunEngine::phaseChanged, this, [this](metrics::RunPhase phase) {
        m_phase = phase;
        Q_EMIT phaseChanged(phase);
    });
    connect(engine, &RunEngine::preflightFinished, this, &RunController::preflightFinished);
    connect(engine, &RunEngine::runStarted, this, &RunController::runStarted);
    connect(engine, &RunEngine::snapshotReady, this, &RunController::snapshotReady);
    connect(engine, &RunEngine::outcomesRecorded, this, &RunController::outcomesRecorded);
    connect(engine, &RunEngine::noticeRaised, this, &RunController::noticeRaised);
    connect(engine, &RunEngine::runFinished, this, [this](const metrics::RunSummary &summary) {
        retire();
        m_phase = metrics::RunPhase::Finished;
        Q_EMIT runFinished(summary);
    });
    connect(engine, &RunEngine::runFailed, this, [this](const QString &message, bool preflight) {
        retire();
        m_phase = metrics::RunPhase::Idle;
        Q_EMIT runFailed(message, preflight);
    });
    m_thread->start();
    QMetaObject::invokeMethod(engine, &RunEngine::start, Qt::QueuedConnection);
    return true;
}

void RunController::stop(metrics::RunEnd why)
{
    if (RunEngine *engine = m_engine)
        QMetaObject::invokeMethod(engine, [engine, why] { engine->stop(why); }, Qt::QueuedConnection);
}

void RunController::abort()
{
    if (m_engine)
        QMetaObject::invokeMethod(m_engine, &RunEngine::abort, Qt::QueuedConnection);
}

void RunController::retire()
{
    if (!m_thread)
        return;
    QThread *thread = m_thread;
    m_thread = nullptr;
    RunEngine *engine = m_engine;
    m_engine = nullptr;
    m_retiring.append(thread);
    connect(thread, &QThread::finished, this, [this, thread] {
        if (m_retiring.removeOne(thread)) {
            thread->wait();
            delete thread;
        }
    });
    if (engine) {
        engine->disconnect(this);
        // Worker threads and the gateway are stopped by the engine's destructor, on its own thread.
        QMetaObject::invokeMethod(engine, [engine, thread] {
            delete engine;
            thread->quit();
        }, Qt::QueuedConnection);
    } else {
        thread->quit();
    }
}

} // namespace stampede::engine
