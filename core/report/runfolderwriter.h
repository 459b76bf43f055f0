#pragma once
// Writes a run folder while the run goes on (docs/metrics.md, "Run folders"):
//
//   scenario.json   the scenario with secrets removed             begin()
//   run.json        start time, target, models, plan, machine      begin()
//   requests.jsonl  one line per finished request (journal.h)       appendOutcomes(), flushed >= 1/s
//   seconds.jsonl   one line per closed second                      appendSeconds()
//   summary.json    the whole summary with history and histograms  finish(), atomically
//
// A run killed with kill -9 leaves everything flushed up to its last second; loadRunFolder()
// rebuilds the summary from the journal.
//
// Thread: lives on a thread of its own (disk I/O never blocks the GUI or the CLI). Create it, move
// it to that thread, and call every method there with queued invocations; RunRecorder does all
// of that for you. The flush timer is created in begin(), on the writer's thread.

#include "metrics/requestoutcome.h"
#include "metrics/stats.h"
#include "report/runmeta.h"

#include <QFile>
#include <QObject>

class QTimer;

namespace stampede::report {

class RunFolderWriter : public QObject
{
    Q_OBJECT
public:
    static constexpr int kFlushIntervalMs = 250;

    /// `dir` is the run folder itself; begin() creates it.
    explicit RunFolderWriter(const QString &dir, QObject *parent = nullptr);
    ~RunFolderWriter() override;

    QString dir() const { return m_dir; }

    void begin(const stampede::report::RunMeta &meta);
    void appendOutcomes(const QList<stampede::metrics::RequestOutcome> &outcomes);
    void appendSeconds(const QList<stampede::metrics::SecondPoint> &seconds);
    /// Appends the seconds not yet written, flushes, writes summary.json, closes the files.
    void finish(const stampede::metrics::RunSummary &summary);
    /// Writes the buffered journal lines to the file (the timer calls it).
    void flush();

Q_SIGNALS:
    /// The first write error (the run goes on; the folder is incomplete).
    void writeFailed(const QString &error);
    /// After finish(): `error` is empty when every file was written.
    void finished(const QString &dir, const QString &error);

private:
    void fail(const QString &error);
    bool openAppend(QFile &file, const QString &name);
    void writeLines(QFile &file, const QByteArray &bytes);

    QString m_dir;
    RunMeta m_meta;
    QStringList m_groupNames; ///< "all" + models, for seconds.jsonl
    QFile m_requests;
    QFile m_seconds;
    QByteArray m_pending; ///< journal lines not yet written
    std::int64_t m_lastSecond = -1; ///< last second written to seconds.jsonl
    QTimer *m_flushTimer = nullptr;
    QString m_error;
    bool m_begun = false;
    bool m_finished = false;
};

} // namespace stampede::report
