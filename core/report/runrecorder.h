#pragma once
// Records a run into a run folder without blocking anyone: owns a thread ("stampede-run-folder")
// with a RunFolderWriter on it. The engine feeds the writer directly, by queued connections from
// its own thread (engine::RunController::start() attaches it):
//
//   RunEngine::runStarted(RunMeta)        -> writer: begin(RunMeta)
//   RunEngine::outcomesRecorded(list)     -> writer: appendOutcomes(list)
//   RunEngine::snapshotReady(snapshot)    -> writer: appendSeconds(snapshot.newSeconds)
//   RunEngine::runFinished(summary)       -> writer: finish(summary)  ... finished(dir, error) here
//
// Thread: lives in the thread that creates it (the GUI thread or the CLI's main thread); its
// signals arrive in that thread. The destructor waits for the writes already queued.

#include "metrics/requestoutcome.h"
#include "metrics/stats.h"
#include "report/runmeta.h"

#include <QObject>
#include <QPointer>

class QThread;

namespace stampede::report {

class RunFolderWriter;

class RunRecorder : public QObject
{
    Q_OBJECT
public:
    /// `dir` is the run folder to create (see newRunFolderPath()).
    explicit RunRecorder(const QString &dir, QObject *parent = nullptr);
    ~RunRecorder() override;

    QString dir() const { return m_dir; }
    bool isFinished() const { return m_finished; }

    /// The writer, living on the recorder's thread: connect the run's signals to it (queued).
    RunFolderWriter *writer() const;

Q_SIGNALS:
    void writeFailed(const QString &error);
    /// summary.json is written (or `error` says why not); the folder is complete.
    void finished(const QString &dir, const QString &error);

private:
    QString m_dir;
    QThread *m_thread = nullptr;
    QPointer<RunFolderWriter> m_writer;
    bool m_finished = false;
};

} // namespace stampede::report
