#include "report/runrecorder.h"

#include "report/runfolderwriter.h"

#include <QThread>

namespace stampede::report {

RunRecorder::RunRecorder(const QString &dir, QObject *parent)
    : QObject(parent)
    , m_dir(dir)
    , m_thread(new QThread)
{
    m_thread->setObjectName(QStringLiteral("stampede-run-folder"));
    auto *writer = new RunFolderWriter(dir);
    writer->moveToThread(m_thread);
    m_writer = writer;
    // Cross-thread connections: delivered queued, in this object's thread.
    connect(writer, &RunFolderWriter::writeFailed, this, &RunRecorder::writeFailed);
    connect(writer, &RunFolderWriter::finished, this, [this](const QString &folder, const QString &error) {
        m_finished = true;
        Q_EMIT finished(folder, error);
    });
    m_thread->start();
}

RunRecorder::~RunRecorder()
{
    // Queued after every write already asked for: the writer flushes and is deleted on its own
    // thread, then the thread ends.
    QMetaObject::invokeMethod(
        m_writer,
        [w = m_writer.data()] {
            delete w;
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    m_thread->wait();
    delete m_thread;
}

void RunRecorder::begin(const RunMeta &meta)
{
    QMetaObject::invokeMethod(
        m_writer, [w = m_writer, meta] { w->begin(meta); }, Qt::QueuedConnection);
}

void RunRecorder::addOutcomes(const QList<metrics::RequestOutcome> &outcomes)
{
    QMetaObject::invokeMethod(
        m_writer, [w = m_writer, outcomes] { w->appendOutcomes(outcomes); }, Qt::QueuedConnection);
}

void RunRecorder::addSeconds(const QList<metrics::SecondPoint> &seconds)
{
    if (seconds.isEmpty())
        return;
    QMetaObject::invokeMethod(
        m_writer, [w = m_writer, seconds] { w->appendSeconds(seconds); }, Qt::QueuedConnection);
}

void RunRecorder::finish(const metrics::RunSummary &summary)
{
    QMetaObject::invokeMethod(
        m_writer, [w = m_writer, summary] { w->finish(summary); }, Qt::QueuedConnection);
}

} // namespace stampede::report
