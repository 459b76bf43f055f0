#include "ui/windows/runexports.h"

#include "ui/windows/mainwindow.h"
#include "ui/windows/noticebanner.h"
#include "ui/windows/runlistmodel.h"
#include "ui/windows/runsession.h"

#include "report/runfolder.h"
#include "report/runmeta.h"

#include <QAction>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QThread>
#include <QUrl>

#include <memory>

namespace stampede::ui {

namespace {

const QString DirKey = QStringLiteral("export/lastDir");

QString kindName(RunExports::Kind kind)
{
    switch (kind) {
    case RunExports::Kind::Html:
        return QCoreApplication::translate("stampede::ui::RunExports", "HTML report");
    case RunExports::Kind::Csv:
        return QCoreApplication::translate("stampede::ui::RunExports", "CSV files");
    case RunExports::Kind::Json:
        return QCoreApplication::translate("stampede::ui::RunExports", "summary JSON");
    }
    return {};
}

QString lastDirectory()
{
    const QString dir = QSettings().value(DirKey).toString();
    if (!dir.isEmpty() && QFileInfo(dir).isDir())
        return dir;
    const QString docs = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QFileInfo(docs).isDir() ? docs : QDir::homePath();
}

/// "212 KB", "3 files" — what the banner says was written.
QString writtenSize(RunExports::Kind kind, const QString &path)
{
    if (kind == RunExports::Kind::Csv) {
        const int files = int(QDir(path).entryList({ QStringLiteral("*.csv") }, QDir::Files).size());
        return QCoreApplication::translate("stampede::ui::RunExports", "%1 CSV files").arg(files);
    }
    return QLocale().formattedDataSize(QFileInfo(path).size(), 0);
}

} // namespace

RunExports::RunExports(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    qRegisterMetaType<Kind>();
    const auto add = [this, window](const QString &text, const QString &tip, Kind kind) {
        return window->addExportAction(text, tip,
            [this, kind](QWidget *parent, const SessionRun &run) { choosePathAndExport(parent, run, kind); });
    };
    QAction *html = add(tr("&HTML Report…"),
        tr("Save the selected run as one self-contained HTML page (charts, tables, thresholds, "
           "failures; no external files) to hand to stakeholders"),
        Kind::Html);
    html->setObjectName(QStringLiteral("actionExportHtml"));
    html->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    add(tr("&CSV Files…"),
        tr("Save summary.csv, history.csv (per second), failures.csv and requests.csv (one row per "
           "request) of the selected run into a folder"),
        Kind::Csv)
        ->setObjectName(QStringLiteral("actionExportCsv"));
    add(tr("Summary &JSON…"),
        tr("Save the selected run's summary JSON (the same as stampede run --json: per-model stats, "
           "thresholds, per-second history, histograms)"),
        Kind::Json)
        ->setObjectName(QStringLiteral("actionExportJson"));
    window
        ->addExportAction(tr("Open Run &Folder"),
            tr("Show the selected run's folder (scenario, request journal, per-second metrics, "
               "summary) in the file manager; `stampede report DIR` rebuilds every export from it"),
            [this](QWidget *, const SessionRun &run) { openRunFolder(run); })
        ->setObjectName(QStringLiteral("actionOpenRunFolder"));
    connect(this, &RunExports::exportFinished, this, &RunExports::onFinished);
}

QString RunExports::suggestedName(const SessionRun &run, Kind kind)
{
    QString base = report::slugify(run.meta().scenario.name);
    if (base.isEmpty())
        base = QStringLiteral("run");
    base += QLatin1Char('-') + run.meta().startedAt.toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    switch (kind) {
    case Kind::Html:
        return base + QStringLiteral(".html");
    case Kind::Json:
        return base + QStringLiteral(".json");
    case Kind::Csv:
        return base + QStringLiteral("-csv");
    }
    return base;
}

void RunExports::choosePathAndExport(QWidget *parent, const SessionRun &run, Kind kind)
{
    if (m_busy) {
        m_window->statusBar()->showMessage(tr("An export is still being written; try again when it is done"), 5000);
        return;
    }
    const QString suggested = QDir(lastDirectory()).filePath(suggestedName(run, kind));
    QString path;
    switch (kind) {
    case Kind::Html:
        path = QFileDialog::getSaveFileName(parent, tr("Export HTML Report"), suggested, tr("HTML report (*.html)"));
        break;
    case Kind::Json:
        path = QFileDialog::getSaveFileName(parent, tr("Export Summary JSON"), suggested, tr("JSON (*.json)"));
        break;
    case Kind::Csv:
        path = QFileDialog::getExistingDirectory(parent,
            tr("Export CSV Files Into (summary.csv, history.csv, failures.csv, requests.csv)"), lastDirectory());
        break;
    }
    if (path.isEmpty())
        return; // cancelled
    QSettings().setValue(DirKey, kind == Kind::Csv ? path : QFileInfo(path).absolutePath());
    exportRun(run, kind, path);
}

bool RunExports::exportRun(const SessionRun &run, Kind kind, const QString &path)
{
    // A live run is read from its folder as it is now (journal up to the last flush, at most a
    // second old), off this thread like the writing.
    const QString liveDir = run.isLive() ? m_window->session()->liveRunDir() : QString();
    if (m_busy || (!run.summary() && liveDir.isEmpty()))
        return false;
    report::ExportRequest request;
    switch (kind) {
    case Kind::Html:
        request.htmlPath = path;
        break;
    case Kind::Csv:
        request.csvDir = path;
        break;
    case Kind::Json:
        request.jsonPath = path;
        break;
    }
    m_busy = true;
    //: %1 is "HTML report", "CSV files" or "summary JSON"
    m_window->statusBar()->showMessage(tr("Writing the %1 to %2…").arg(kindName(kind), QDir::toNativeSeparators(path)));
    // The record is copied into the thread (implicitly shared lists): the run list may change meanwhile.
    auto error = std::make_shared<QString>();
    QThread *thread = QThread::create([record = run.record, liveDir, request, error] {
        if (liveDir.isEmpty()) {
            *error = report::exportRun(record, request);
            return;
        }
        const std::optional<report::RunRecord> sofar = report::loadRunInProgress(liveDir, error.get());
        if (sofar)
            *error = report::exportRun(*sofar, request);
    });
    thread->setObjectName(QStringLiteral("stampede-export"));
    connect(thread, &QThread::finished, this, [this, thread, kind, path, error] {
        thread->deleteLater();
        m_busy = false;
        Q_EMIT exportFinished(kind, path, *error);
    });
    thread->start(QThread::LowPriority);
    return true;
}

void RunExports::onFinished(Kind kind, const QString &path, const QString &error)
{
    const QString where = QDir::toNativeSeparators(path);
    if (!error.isEmpty()) {
        m_window->statusBar()->clearMessage();
        m_window->banner()->showMessage(NoticeBanner::Kind::Error,
            //: %1 is "HTML report", "CSV files" or "summary JSON"
            tr("The %1 could not be written to %2. Choose another place (File ▸ Export) — the run itself is kept.")
                .arg(kindName(kind), where),
            error);
        return;
    }
    //: %1 is "HTML report", "CSV files" or "summary JSON"; %2 a size ("212 KB") or "3 CSV files"
    const QString text = tr("Saved the %1 (%2) to %3").arg(kindName(kind), writtenSize(kind, path), where);
    m_window->statusBar()->showMessage(text, 8000);
    m_window->banner()->showMessage(NoticeBanner::Kind::Info, text);
}

void RunExports::openRunFolder(const SessionRun &run)
{
    const QString dir = run.isLive() ? m_window->session()->liveRunDir() : run.runDir();
    if (dir.isEmpty() || !QFileInfo(dir).isDir()) {
        m_window->banner()->showMessage(NoticeBanner::Kind::Warning,
            tr("This run has no run folder: it was not recorded, or its folder is still being "
               "written. Export it with File ▸ Export ▸ Summary JSON instead."));
        return;
    }
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(dir)))
        m_window->banner()->showMessage(NoticeBanner::Kind::Info,
            tr("The run folder is %1 (no file manager could be opened).").arg(QDir::toNativeSeparators(dir)));
}

} // namespace stampede::ui
