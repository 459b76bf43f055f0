#include "report/runfolderwriter.h"

#include "report/capacityjson.h"

#include "model/savefile.h"
#include "report/journal.h"
#include "report/runfolder.h"
#include "report/sanitize.h"
#include "report/summaryjson.h"

#include <QDir>
#include <QThread>
#include <QTimer>

namespace stampede::report {

namespace {
constexpr qsizetype kMaxPendingBytes = 4 << 20; // write early when a burst fills the buffer
} // namespace

RunFolderWriter::RunFolderWriter(const QString &dir, QObject *parent)
    : QObject(parent)
    , m_dir(dir)
{
}

RunFolderWriter::~RunFolderWriter()
{
    flush();
}

void RunFolderWriter::fail(const QString &error)
{
    if (!m_error.isEmpty())
        return;
    m_error = error;
    Q_EMIT writeFailed(error);
}

bool RunFolderWriter::openAppend(QFile &file, const QString &name)
{
    file.setFileName(QDir(m_dir).filePath(name));
    if (file.open(QIODevice::WriteOnly | QIODevice::Append))
        return true;
    fail(file.fileName() + QStringLiteral(": ") + file.errorString());
    return false;
}

void RunFolderWriter::writeLines(QFile &file, const QByteArray &bytes)
{
    if (!file.isOpen() || bytes.isEmpty())
        return;
    // flush() hands the bytes to the kernel: they survive the process being killed.
    if (file.write(bytes) != bytes.size() || !file.flush())
        fail(file.fileName() + QStringLiteral(": ") + file.errorString());
}

void RunFolderWriter::begin(const RunMeta &meta)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (m_begun)
        return;
    m_begun = true;
    m_meta = meta;
    if (m_meta.environment.os.isEmpty())
        m_meta.environment = currentEnvironment();
    m_groupNames = QStringList { QStringLiteral("all") } + m_meta.models;
    if (!QDir().mkpath(m_dir)) {
        fail(m_dir + QStringLiteral(": cannot create the run folder"));
        return;
    }
    const QDir dir(m_dir);
    QString error = model::writeFileAtomically(
        dir.filePath(QLatin1StringView(runfolder::scenarioFile)), sanitizedScenarioJson(m_meta.scenario));
    if (error.isEmpty())
        error = model::writeFileAtomically(dir.filePath(QLatin1StringView(runfolder::runFile)),
            QByteArray::fromStdString(runMetaToJson(m_meta).dump(2)) + '\n');
    if (!error.isEmpty())
        fail(error);
    openAppend(m_requests, QLatin1StringView(runfolder::requestsFile));
    openAppend(m_seconds, QLatin1StringView(runfolder::secondsFile));
    m_flushTimer = new QTimer(this);
    connect(m_flushTimer, &QTimer::timeout, this, &RunFolderWriter::flush);
    m_flushTimer->start(kFlushIntervalMs);
}

void RunFolderWriter::appendOutcomes(const QList<metrics::RequestOutcome> &outcomes)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (!m_begun || m_finished)
        return;
    for (const metrics::RequestOutcome &outcome : outcomes) {
        m_pending += outcomeToJsonLine(outcome, m_meta.models.value(outcome.modelIndex));
        m_pending += '\n';
    }
    if (m_pending.size() > kMaxPendingBytes)
        flush();
}

void RunFolderWriter::appendSeconds(const QList<metrics::SecondPoint> &seconds)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (!m_begun || m_finished)
        return;
    QByteArray lines;
    for (const metrics::SecondPoint &point : seconds) {
        if (point.second <= m_lastSecond)
            continue;
        m_lastSecond = point.second;
        lines += QByteArray::fromStdString(secondToJson(point, m_groupNames).dump()) + '\n';
    }
    writeLines(m_seconds, lines);
}

void RunFolderWriter::flush()
{
    if (m_pending.isEmpty())
        return;
    writeLines(m_requests, m_pending);
    m_pending.clear();
}

void RunFolderWriter::finish(const metrics::RunSummary &summary)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (m_finished)
        return;
    if (!m_begun) {
        fail(m_dir + QStringLiteral(": the run never began"));
    } else {
        appendSeconds(summary.history);
        flush();
        if (m_flushTimer)
            m_flushTimer->stop();
        m_requests.close();
        m_seconds.close();
        const SummaryContext context { m_meta.scenario, m_meta.baseUrl, true, true };
        const QString error
            = saveSummaryJson(QDir(m_dir).filePath(QLatin1StringView(runfolder::summaryFile)), summary, context);
        if (!error.isEmpty())
            fail(error);
        if (!summary.capacity.isEmpty()) { // a sweep: its steps as a table too
            if (const QString csvError = model::writeFileAtomically(
                    QDir(m_dir).filePath(QStringLiteral("capacity.csv")), capacityCsv(summary.capacity));
                !csvError.isEmpty())
                fail(csvError);
        }
    }
    m_finished = true;
    Q_EMIT finished(m_dir, m_error);
}

} // namespace stampede::report
