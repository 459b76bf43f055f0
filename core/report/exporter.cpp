#include "report/exporter.h"

#include "model/savefile.h"
#include "report/csvexport.h"
#include "report/hdrlog.h"
#include "report/htmlreport.h"
#include "report/runfolder.h"
#include "report/summaryjson.h"

#include <QDir>
#include <QFileInfo>

namespace stampede::report {

namespace {

QString makeParent(const QString &path)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return info.absolutePath() + QStringLiteral(": cannot create the folder");
    return {};
}

QString writeFile(const QString &path, const QByteArray &bytes)
{
    if (QString error = makeParent(path); !error.isEmpty())
        return error;
    return model::writeFileAtomically(path, bytes);
}

SummaryContext recordContext(const RunRecord &record)
{
    return { record.meta.scenario, record.meta.baseUrl, true, true };
}

} // namespace

QByteArray recordJsonBytes(const RunRecord &record)
{
    return summaryJsonBytes(record.summary, recordContext(record));
}

QString exportRun(const RunRecord &record, const ExportRequest &request)
{
    QStringList errors;
    if (!request.htmlPath.isEmpty()) {
        RunRecord withEnvironment = record;
        // A live run exported before its folder is read back: it ran on this machine.
        if (withEnvironment.meta.environment.os.isEmpty())
            withEnvironment.meta.environment = currentEnvironment();
        errors << writeFile(request.htmlPath, htmlReport(withEnvironment));
    }
    if (!request.jsonPath.isEmpty()) {
        // Streamed to the file: an hour of history is never one document nor one buffer.
        QString error = makeParent(request.jsonPath);
        errors << (error.isEmpty() ? saveSummaryJson(request.jsonPath, record.summary, recordContext(record)) : error);
    }
    if (!request.hdrLogPath.isEmpty())
        errors << writeFile(request.hdrLogPath, hdrHistogramLog(record.summary, record.meta.startedAt));
    if (!request.csvDir.isEmpty()) {
        QString journal;
        if (record.runDir) {
            journal = QDir(*record.runDir).filePath(QLatin1StringView(runfolder::requestsFile));
            if (!QFileInfo::exists(journal))
                journal.clear();
        }
        errors << writeCsvFiles(record.summary, request.csvDir, journal, record.meta.scenario.checks);
    }
    errors.removeAll(QString());
    return errors.join(QLatin1Char('\n'));
}

} // namespace stampede::report
