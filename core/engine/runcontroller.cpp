#include "engine/runcontroller.h"

#include "engine/runengine.h"
#include "model/threadnice.h"
#include "report/runfolderwriter.h"
#include "report/runmeta.h"
#include "report/runrecorder.h"

#include <QThread>

namespace stampede::engine {

void registerMetaTypes()
{
    qRegisterMetaType<report::RunMeta>();
    qRegisterMetaType<PreflightResult>();
    qRegisterMetaType<metrics::Snapshot>();
    qRegisterMetaType<metrics::RunSummary>();
    qRegisterMetaType<metrics::ServerMetrics>();
    qRegisterMetaType<metrics::RequestOutcome>();
    qRegisterMetaType<QList<metrics::RequestOutcome>>();
    qRegisterMetaType<model::RunPhase>();
    qRegisterMetaType<model::RunEnd>();
    qRegisterMetaType<QList<RequestJob>>();
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

bool RunController::start(const scenario::Scenario &scenario, const RunOptions &options, report::RunRecorder *recorder)
{
    if (m_thread)
        return false;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("stampede-engine"));
    auto *engine = new RunEngine(scenario, options);
    engine->moveToThread(m_thread);
    m_engine = engine;
    connect(m_thread, &QThread::finished, engine, &QObject::deleteLater);
    model::raiseNiceOnStart(m_thread, options.threadNice); // the workers and Qt's HTTP threads inherit it
    if (recorder)
        attachRecorder(engine, recorder);
    connect(engine, &RunEngine::phaseChanged, this, &RunController::phaseChanged);
    connect(engine, &RunEngine::preflightFinished, this, &RunController::preflightFinished);
    connect(engine, &RunEngine::runStarted, this, &RunController::runStarted);
    connect(engine, &RunEngine::snapshotReady, this, &RunController::snapshotReady);
    connect(engine, &RunEngine::noticeRaised, this, &RunController::noticeRaised);
    connect(engine, &RunEngine::runFinished, this, [this](const metrics::RunSummary &summary) {
        retire();
        Q_EMIT runFinished(summary);
    });
    connect(engine, &RunEngine::runFailed, this, [this](const QString &message, bool preflight) {
        retire();
        Q_EMIT runFailed(message, preflight);
    });
    m_thread->start();
    QMetaObject::invokeMethod(engine, &RunEngine::start, Qt::QueuedConnection);
    return true;
}

void RunController::attachRecorder(RunEngine *engine, report::RunRecorder *recorder)
{
    // Queued from the engine thread straight to the writer's thread, in the order emitted: begin()
    // before the first outcomes, summary.json after the last seconds. The caller's thread only
    // hears the folder is complete (RunRecorder::finished).
    report::RunFolderWriter *writer = recorder->writer();
    connect(engine, &RunEngine::runStarted, writer, &report::RunFolderWriter::begin);
    connect(engine, &RunEngine::outcomesRecorded, writer, &report::RunFolderWriter::appendOutcomes);
    connect(engine, &RunEngine::snapshotReady, writer, [writer](const metrics::Snapshot &snapshot) {
        if (!snapshot.newSeconds.isEmpty())
            writer->appendSeconds(snapshot.newSeconds);
    });
    connect(engine, &RunEngine::runFinished, writer, &report::RunFolderWriter::finish);
}

void RunController::stop(model::RunEnd why)
{
    if (RunEngine *engine = m_engine)
        QMetaObject::invokeMethod(
            engine, [engine, why] { engine->stop(why); }, Qt::QueuedConnection);
}

void RunController::abort()
{
    if (m_engine)
        QMetaObject::invokeMethod(m_engine, &RunEngine::abort, Qt::QueuedConnection);
}

void RunController::adjustLoad(double target)
{
    if (RunEngine *engine = m_engine)
        QMetaObject::invokeMethod(
            engine, [engine, target] { engine->adjustLoad(target); }, Qt::QueuedConnection);
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
        // Worker threads are stopped by the engine's destructor, on its own thread.
        QMetaObject::invokeMethod(
            engine,
            [engine, thread] {
                delete engine;
                thread->quit();
            },
            Qt::QueuedConnection);
    } else {
        thread->quit();
    }
}

} // namespace stampede::engine
