#include "cli/commands.h"
#include "cli/exitcodes.h"
#include "cli/output.h"

#include "report/exporter.h"
#include "report/runfolder.h"
#include "report/summarytext.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

namespace stampede::cli {

namespace {
constexpr int kExitWriteFailed = 1; // an export could not be written
}

int reportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Regenerate every export from a run folder. Without options: RUN_DIR/report.html, RUN_DIR/csv/ and, for a "
        "run that never finished, RUN_DIR/summary.json (rebuilt from the request journal)."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("run_dir"), QStringLiteral("A run folder written by stampede run or the app"));
    const QCommandLineOption html(
        QStringLiteral("html"), QStringLiteral("Write the self-contained HTML report"), QStringLiteral("file"));
    const QCommandLineOption csv(
        QStringLiteral("csv"), QStringLiteral("Write the CSV files into a folder"), QStringLiteral("dir"));
    const QCommandLineOption json(QStringLiteral("json"),
        QStringLiteral("Write the summary JSON (history and histograms)"), QStringLiteral("file"));
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("Do not print the summary"));
    parser.addOptions({ html, csv, json, quiet });
    parser.process(arguments);
    if (parser.positionalArguments().size() != 1) {
        err() << "usage: stampede report RUN_DIR [--html F] [--csv DIR] [--json F]\n";
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

    report::ExportRequest request { parser.value(html), parser.value(csv), parser.value(json) };
    if (!parser.isSet(html) && !parser.isSet(csv) && !parser.isSet(json)) {
        const QDir d(dir);
        request.htmlPath = d.filePath(QStringLiteral("report.html"));
        request.csvDir = d.filePath(QStringLiteral("csv"));
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
    for (const QString &path : { request.htmlPath, request.csvDir, request.jsonPath })
        if (!path.isEmpty())
            err() << "Written: " << path << "\n";
    return ExitOk;
}

} // namespace stampede::cli
