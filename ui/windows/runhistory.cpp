#include "ui/windows/runhistory.h"

#include "report/runfolder.h"

#include <QThread>

namespace stampede::ui {

RunHistory::RunHistory(QObject *parent)
    : QObject(parent)
{
}

RunHistory::~RunHistory()
{
    if (!m_thread)
        return;
    m_cancel->store(true);
    m_thread->wait(); // at most the folder being read
    delete m_thread;
}

void RunHistory::load(const QString &baseDir)
{
    start(Job { baseDir, QString() });
}

void RunHistory::open(const QString &dir)
{
    start(Job { QString(), dir });
}

void RunHistory::start(const Job &job)
{
    if (m_thread) {
        m_queued.append(job);
        return;
    }
    const QString baseDir = job.baseDir;
    const QString dir = job.dir;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    // Records cross to this thread as values, one queued call each. The destructor waits for the
    // thread, and calls still queued to a deleted object are dropped by Qt.
    RunHistory *self = this;
    m_thread = QThread::create([self, baseDir, dir, cancel = m_cancel] {
        const bool opening = !dir.isEmpty();
        const QStringList folders = opening ? QStringList { dir } : report::listRunFolders(baseDir, kListLimit);
        QStringList skipped;
        int listed = 0;
        for (const QString &folder : folders) {
            if (cancel->load())
                return;
            QString error;
            std::optional<report::RunRecord> record = report::loadRunFolder(folder, &error);
            if (!record) {
                skipped << error;
                if (opening)
                    QMetaObject::invokeMethod(self, [self, dir, error] { Q_EMIT self->openFailed(dir, error); });
                continue;
            }
            ++listed;
            QMetaObject::invokeMethod(
                self, [self, record = std::move(*record), opening] { Q_EMIT self->runLoaded(record, opening); });
        }
        if (!opening)
            QMetaObject::invokeMethod(self, [self, listed, skipped] { Q_EMIT self->loadFinished(listed, skipped); });
    });
    m_thread->setObjectName(QStringLiteral("stampede-history"));
    connect(m_thread, &QThread::finished, this, [this] {
        m_thread->deleteLater();
        m_thread = nullptr;
        if (!m_queued.isEmpty())
            start(m_queued.takeFirst());
    });
    m_thread->start(QThread::LowPriority);
}

} // namespace stampede::ui
