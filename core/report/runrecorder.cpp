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

RunFolderWriter *RunRecorder::writer() const
{
    return m_writer;
}

} // namespace stampede::report
