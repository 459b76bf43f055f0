#pragma once
// File > Export in the desktop app: the run going on or a finished one as a self-contained HTML report, CSV files,
// the summary JSON, or its run folder opened in the file manager. The same writers as
// `stampede run --html/--csv/--json` and `stampede report` (report::exportRun), run on a worker
// thread: the window stays live while a long run's report is written, the status bar says what
// is being written, and the banner says where it went or exactly why it could not be written.
//
// Lives on the GUI thread; owned by the MainWindow it adds its actions to.

#include "report/exporter.h"

#include <QObject>

class QAction;
class QWidget;

namespace stampede::ui {

class MainWindow;
struct SessionRun;

class RunExports : public QObject
{
    Q_OBJECT
public:
    enum class Kind { Html, Csv, Json };
    Q_ENUM(Kind)

    /// Adds "HTML Report…" (Ctrl+E), "CSV Files…", "Summary JSON…" and "Open Run Folder" to
    /// File > Export of `window`.
    explicit RunExports(MainWindow *window);

    /// True while an export is being written (a second one waits for it to finish).
    bool isBusy() const { return m_busy; }

    /// Writes `run` as `kind` to `path` (a file, or a directory for CSV) on a worker thread;
    /// exportFinished() follows. A live run is exported from its run folder as it is so far
    /// (marked "in progress"). Returns false when another export is still being written, or the
    /// run has neither a summary nor a folder.
    bool exportRun(const SessionRun &run, Kind kind, const QString &path);

    /// "seed-mix-20261127-054812" (+ ".html" / ".json"): the suggested file name for a run.
    static QString suggestedName(const SessionRun &run, Kind kind);

Q_SIGNALS:
    /// `error` is empty on success; `path` is what was written.
    void exportFinished(stampede::ui::RunExports::Kind kind, const QString &path, const QString &error);

private:
    void choosePathAndExport(QWidget *parent, const SessionRun &run, Kind kind);
    void openRunFolder(const SessionRun &run);
    void onFinished(Kind kind, const QString &path, const QString &error);

    MainWindow *m_window;
    bool m_busy = false;
};

} // namespace stampede::ui
