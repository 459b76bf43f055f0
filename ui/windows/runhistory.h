#pragma once
// The runs of earlier sessions: every run folder under the runs directory (and any folder opened
// with File > Open Run…) read back into report::RunRecords for the "Runs" panel. Reading a folder
// may replay a long journal (a run that was killed), so it happens on a worker thread; each record
// arrives on the GUI thread as it is read, newest first.
//
// Lives on the GUI thread. One job at a time: a load() or open() asked for while another goes on is
// queued and starts when it ends; the destructor stops the worker between folders and waits for it.

#include "report/runrecord.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

class QThread;

namespace stampede::ui {

class RunHistory : public QObject
{
    Q_OBJECT
public:
    /// The newest run folders the panel lists at start-up; older ones open with File > Open Run….
    static constexpr int kListLimit = 200;

    explicit RunHistory(QObject *parent = nullptr);
    ~RunHistory() override;

    /// Reads the newest kListLimit run folders under `baseDir`; runLoaded() for each readable one,
    /// then loadFinished().
    void load(const QString &baseDir);
    /// Reads one folder (File > Open Run…): runLoaded(record, true), or openFailed().
    void open(const QString &dir);
    bool isBusy() const { return m_thread != nullptr; }

Q_SIGNALS:
    /// `opened`: asked for by open() (show it), not found by load().
    void runLoaded(const stampede::report::RunRecord &record, bool opened);
    /// `listed`: the folders read; `skipped`: "folder: why" for each that could not be read.
    void loadFinished(int listed, const QStringList &skipped);
    void openFailed(const QString &dir, const QString &error);

private:
    struct Job {
        QString baseDir;
        QString dir;
    };
    /// Reads `job.dir`, or else the newest folders under `job.baseDir`, on a worker thread.
    void start(const Job &job);

    QThread *m_thread = nullptr;
    QList<Job> m_queued;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace stampede::ui
