#include "cli/commands.h"
#include "cli/exitcodes.h"
#include "cli/output.h"

#include "report/exporter.h"
#include "report/runfolder.h"
#include "report/runmerge.h"
#include "report/summarytext.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

namespace stampede::cli {

namespace {
constexpr int kExitWriteFailed = 1; // an export could not be written

/// `stampede report merge RUN_DIR... --out DIR`: one run folder from a fleet's (report/runmerge.h).
int mergeCommand(QStringList arguments)
{
    arguments.removeAt(1); // "merge"
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Merge the run folders of a fleet (stampede run --segment I/N) or of runs of one scenario into one run "
        "folder: every request on one clock, so its percentiles and every export are those of one run that saw "
        "them all. Writes DIR/report.html, DIR/csv/ and DIR/histograms.hlog too."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("run_dirs"), QStringLiteral("Two or more run folders"), QStringLiteral("RUN_DIR RUN_DIR [...]"));
    const QCommandLineOption outDir(
        QStringLiteral("out"), QStringLiteral("The merged run folder to write (new or empty)"), QStringLiteral("dir"));
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("Do not print the summary"));
    parser.addOptions({ outDir, quiet });
    parser.process(arguments);
    if (parser.positionalArguments().size() < 2 || !parser.isSet(outDir)) {
        err() << "usage: stampede report merge RUN_DIR RUN_DIR [...] --out MERGED_DIR\n";
        return ExitUsage;
    }
    QString error;
    const auto merged = report::mergeRunFolders(parser.positionalArguments(), parser.value(outDir), &error);
    if (!merged) {
        err() << "merge: " << error << "\n";
        return ExitUsage;
    }
    for (const QString &note : merged->notes)
        err() << "Note: " << note << "\n";
    if (!parser.isSet(quiet))
        out() << report::summaryText(merged->record.summary, merged->record.meta.baseUrl);
    const QDir d(parser.value(outDir));
    const report::ExportRequest request { d.filePath(QStringLiteral("report.html")), d.filePath(QStringLiteral("csv")),
        QString(), d.filePath(QStringLiteral("histograms.hlog")) };
    if (const QString failed = report::exportRun(merged->record, request); !failed.isEmpty()) {
        err() << "could not write: " << failed << "\n";
        return kExitWriteFailed;
    }
    err() << "Merged " << parser.positionalArguments().size() << " runs (" << merged->record.summary.overall.requests
          << " requests) into " << d.absolutePath() << "\n";
    return ExitOk;
}
} // namespace

int reportCommand(const QStringList &arguments)
{
    if (arguments.size() > 1 && arguments[1] == QLatin1String("merge"))
        return mergeCommand(arguments);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Regenerate every export from a run folder. Without options: RUN_DIR/report.html, RUN_DIR/csv/, "
        "RUN_DIR/histograms.hlog and, for a run that never finished, RUN_DIR/summary.json (rebuilt from the request "
        "journal)."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("run_dir"), QStringLiteral("A run folder written by stampede run or the app"));
    const QCommandLineOption html(
        QStringLiteral("html"), QStringLiteral("Write the self-contained HTML report"), QStringLiteral("file"));
    const QCommandLineOption csv(
        QStringLiteral("csv"), QStringLiteral("Write the CSV files into a folder"), QStringLiteral("dir"));
    const QCommandLineOption json(QStringLiteral("json"),
        QStringLiteral("Write the summary JSON (history and histograms)"), QStringLiteral("file"));
    const QCommandLineOption hdrLog(QStringLiteral("hdr-log"),
        QStringLiteral("Write the latency histograms as an HdrHistogram interval log"), QStringLiteral("file"));
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("Do not print the summary"));
    parser.addOptions({ html, csv, json, hdrLog, quiet });
    parser.process(arguments);
    if (parser.positionalArguments().size() != 1) {
        err() << "usage: stampede report RUN_DIR [--html F] [--csv DIR] [--json F] [--hdr-log F]\n";
        return ExitUsage;
    }
    const QString dir = parser.positionalArguments().first();
    QString error;
    const std::optional<report::RunRecord> record = report::loadRunFolder(dir, &error);
    if (!record) {
        err() << error << "\n";
        return ExitUsage;
    }
    for (const QString &note : record->notes)
        err() << "Note: " << note << "\n";

    report::ExportRequest request { parser.value(html), parser.value(csv), parser.value(json), parser.value(hdrLog) };
    if (!parser.isSet(html) && !parser.isSet(csv) && !parser.isSet(json) && !parser.isSet(hdrLog)) {
        const QDir d(dir);
        request.htmlPath = d.filePath(QStringLiteral("report.html"));
        request.csvDir = d.filePath(QStringLiteral("csv"));
        request.hdrLogPath = d.filePath(QStringLiteral("histograms.hlog"));
        // A finished run's summary.json is the original: only a rebuilt run gets one written.
        if (!QFileInfo::exists(d.filePath(QLatin1StringView(report::runfolder::summaryFile))))
            request.jsonPath = d.filePath(QLatin1StringView(report::runfolder::summaryFile));
    }
    if (record->rebuilt)
        err() << "The run did not finish: its summary was rebuilt from the request journal ("
              << record->summary.overall.requests << " requests)\n";
    if (!parser.isSet(quiet))
        out() << report::summaryText(record->summary, record->meta.baseUrl);
    error = report::exportRun(*record, request);
    if (!error.isEmpty()) {
        err() << "could not write: " << error << "\n";
        return kExitWriteFailed;
    }
    for (const QString &path : { request.htmlPath, request.csvDir, request.jsonPath, request.hdrLogPath })
        if (!path.isEmpty())
            err() << "Written: " << path << "\n";
    return ExitOk;
}

} // namespace stampede::cli
