#pragma once
// Records a run into a run folder without blocking its caller: owns a thread ("stampede-run-folder")
// with a RunFolderWriter on it and forwards every call there as a queued invocation.
//
// Thread: lives in the thread that creates it (the GUI thread or the CLI's main thread); its
// methods return at once and its signals arrive in that thread. The destructor waits for the
// writes already queued.
//
//   RunController::runStarted(RunInfo)        -> begin(RunMeta)       (convert in app/ui)
//   RunController::outcomesRecorded(list)     -> addOutcomes(list)
//   RunController::snapshotReady(snapshot)    -> addSeconds(snapshot.newSeconds)
//   RunController::runFinished(summary)       -> finish(summary)  ... finished(dir, error)

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

    void begin(const RunMeta &meta);
    void addOutcomes(const QList<metrics::RequestOutcome> &outcomes);
    void addSeconds(const QList<metrics::SecondPoint> &seconds);
    void finish(const metrics::RunSummary &summary);

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
