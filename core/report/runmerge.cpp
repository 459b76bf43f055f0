#include "report/runmerge.h"

#include "report/journal.h"
#include "report/runfolder.h"
#include "report/summaryjson.h"
#include "report/summaryload.h"
#include "scenario/scenarioio.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QSaveFile>

#include <algorithm>
#include <memory>
#include <vector>

namespace stampede::report {

namespace {

constexpr std::int64_t nsPerSecond = 1000000000;

/// One input journal, read a line at a time, its times moved onto the merged clock.
class JournalCursor
{
public:
    JournalCursor(const QString &path, std::int64_t shiftNs, QList<int> modelMap)
        : m_file(path)
        , m_shiftNs(shiftNs)
        , m_modelMap(std::move(modelMap))
    {
        if (m_file.open(QIODevice::ReadOnly))
            advance();
    }
    bool atEnd() const { return !m_current; }
    const metrics::RequestOutcome &current() const { return *m_current; }
    qint64 damaged() const { return m_damaged; }
    void advance()
    {
        m_current.reset();
        while (!m_current && m_file.isOpen() && !m_file.atEnd()) {
            const QByteArray line = m_file.readLine().trimmed();
            if (line.isEmpty())
                continue;
            auto outcome = outcomeFromJsonLine(line);
            if (!outcome || outcome->endNs < 0 || outcome->modelIndex < 0 || outcome->modelIndex >= m_modelMap.size()) {
                ++m_damaged;
                continue;
            }
            outcome->modelIndex = m_modelMap[outcome->modelIndex];
            for (std::int64_t *t :
                { &outcome->scheduledNs, &outcome->dispatchedNs, &outcome->sentNs, &outcome->firstByteNs,
                    &outcome->firstTokenNs, &outcome->lastTokenNs, &outcome->endNs, &outcome->first429Ns })
                if (*t >= 0)
                    *t += m_shiftNs;
            m_current = std::move(outcome);
        }
    }

private:
    QFile m_file;
    std::int64_t m_shiftNs;
    QList<int> m_modelMap; ///< this run's model index -> the merged run's
    std::optional<metrics::RequestOutcome> m_current;
    qint64 m_damaged = 0;
};

/// The journals interleaved by end time (each is in end order, give or take a batch).
QString mergeJournals(std::vector<std::unique_ptr<JournalCursor>> &cursors, const QStringList &models,
    const QString &path, qint64 *requests, qint64 *damaged)
{
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return path + QStringLiteral(": ") + out.errorString();
    while (true) {
        JournalCursor *next = nullptr;
        for (const auto &cursor : cursors)
            if (!cursor->atEnd() && (!next || cursor->current().endNs < next->current().endNs))
                next = cursor.get();
        if (!next)
            break;
        const metrics::RequestOutcome &outcome = next->current();
        out.write(outcomeToJsonLine(outcome, models.value(outcome.modelIndex)));
        out.write("\n");
        ++*requests;
        next->advance();
    }
    for (const auto &cursor : cursors)
        *damaged += cursor->damaged();
    return out.commit() ? QString() : path + QStringLiteral(": ") + out.errorString();
}

/// The gauges of every run's seconds.jsonl, second by second on the merged clock: VUs, in flight
/// and dropped add up; the planned target is the whole plan's on every agent.
QString mergeSeconds(
    const QStringList &dirs, const QList<std::int64_t> &shiftsNs, const QStringList &groups, const QString &path)
{
    QMap<std::int64_t, metrics::SecondPoint> merged;
    for (qsizetype r = 0; r < dirs.size(); ++r) {
        const std::int64_t shift = (shiftsNs[r] + nsPerSecond / 2) / nsPerSecond;
        // A run killed in its first second has none.
        for (const metrics::SecondPoint &p :
            readSecondsFile(QDir(dirs[r]).filePath(QLatin1StringView(runfolder::secondsFile)))) {
            metrics::SecondPoint &m = merged[p.second + shift];
            m.second = p.second + shift;
            m.vus += p.vus;
            m.inFlight += p.inFlight;
            m.dropped += p.dropped;
            m.plannedTarget = std::max(m.plannedTarget, p.plannedTarget);
        }
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return path + QStringLiteral(": ") + out.errorString();
    for (const metrics::SecondPoint &p : std::as_const(merged)) {
        out.write(QByteArray::fromStdString(secondToJson(p, groups).dump()));
        out.write("\n");
    }
    return out.commit() ? QString() : path + QStringLiteral(": ") + out.errorString();
}

/// The runs belong together: one scenario's models and plan. Empty when they do, else why not.
QString checkTogether(const QList<RunRecord> &runs, const QStringList &dirs)
{
    const RunMeta &first = runs.first().meta;
    for (qsizetype r = 1; r < runs.size(); ++r) {
        const RunMeta &meta = runs[r].meta;
        if (meta.models != first.models)
            return QStringLiteral("%1 ran the models %2, %3 ran %4: merge runs of one scenario")
                .arg(dirs[r], meta.models.join(QStringLiteral(", ")), dirs.first(),
                    first.models.join(QStringLiteral(", ")));
        if (meta.plan.openModel != first.plan.openModel || meta.plan.totalMs != first.plan.totalMs)
            return QStringLiteral("%1 planned another load than %2 (%3 ms, %4 ms): merge runs of one scenario")
                .arg(dirs[r], dirs.first())
                .arg(meta.plan.totalMs)
                .arg(first.plan.totalMs);
    }
    return QString();
}

/// What the segments of the runs say: all N shares of one fleet, or which are missing or repeated.
QStringList segmentNotes(const QList<RunRecord> &runs)
{
    QStringList notes;
    const int count = runs.first().meta.segment.count;
    QList<int> seen(count, 0);
    bool mixed = false;
    for (const RunRecord &run : runs) {
        if (run.meta.segment.count != count)
            mixed = true;
        else
            ++seen[run.meta.segment.index];
    }
    if (mixed)
        return { QStringLiteral("the runs are shares of fleets of different sizes: the merge adds them as they are") };
    if (count == 1) {
        notes << QStringLiteral("%1 whole runs merged: the merged load is %1 times the scenario's").arg(runs.size());
        return notes;
    }
    for (int i = 0; i < count; ++i) {
        if (seen[i] == 0)
            notes << QStringLiteral("segment %1/%2 is missing: the merge holds part of the plan").arg(i).arg(count);
        else if (seen[i] > 1)
            notes << QStringLiteral("segment %1/%2 appears %3 times").arg(i).arg(count).arg(seen[i]);
    }
    return notes;
}

RunMeta mergedMeta(const QList<RunRecord> &runs)
{
    RunMeta meta = runs.first().meta;
    QStringList hosts;
    meta.workerThreads = 0;
    for (const RunRecord &run : runs) {
        if (run.meta.startedAt < meta.startedAt)
            meta.startedAt = run.meta.startedAt;
        meta.workerThreads += run.meta.workerThreads;
        if (!hosts.contains(run.meta.environment.hostname))
            hosts << run.meta.environment.hostname;
    }
    meta.segment = {};
    meta.environment.hostname = hosts.join(QStringLiteral(", "));
    meta.environment.cpuCount = 0;
    for (const RunRecord &run : runs)
        meta.environment.cpuCount += run.meta.environment.cpuCount;
    return meta;
}

/// The merged summary's ending: completed only when every run completed.
void describeEnding(metrics::RunSummary &summary, const QList<RunRecord> &runs, const QStringList &dirs)
{
    summary.end = model::RunEnd::Completed;
    QStringList ends;
    for (qsizetype r = 0; r < runs.size(); ++r) {
        const metrics::RunSummary &s = runs[r].summary;
        if (s.end != model::RunEnd::Completed && summary.end == model::RunEnd::Completed)
            summary.end = s.end;
        ends << QStringLiteral("%1 %2").arg(QFileInfo(dirs[r]).fileName(), model::toString(s.end));
        for (const QString &warning : s.warnings)
            summary.warnings << QFileInfo(dirs[r]).fileName() + QStringLiteral(": ") + warning;
    }
    summary.endReason
        = QStringLiteral("merged from %1 runs (%2)").arg(runs.size()).arg(ends.join(QStringLiteral(", ")));
}

/// What the journal does not carry: the budgets (each agent had its share: they add up) and the
/// gateway's own metrics (every agent polled the same endpoint: the first run's series stand).
void carryRunLevelFigures(metrics::RunSummary &summary, const QList<RunRecord> &runs)
{
    for (const RunRecord &run : runs) {
        if (const auto &budget = run.summary.budget) {
            metrics::Budget &sum = summary.budget ? *summary.budget : summary.budget.emplace();
            sum.limitUsd += budget->limitUsd;
            sum.estimatedUsd += budget->estimatedUsd;
            sum.stopped = sum.stopped || budget->stopped;
        }
        if (!summary.serverMetrics && run.summary.serverMetrics)
            summary.serverMetrics = run.summary.serverMetrics;
    }
}

} // namespace

std::optional<MergedFolder> mergeRunFolders(const QStringList &dirs, const QString &outDir, QString *error)
{
    if (dirs.size() < 2) {
        *error = QStringLiteral("merge needs at least two run folders");
        return std::nullopt;
    }
    if (isRunFolder(outDir) || (QDir(outDir).exists() && !QDir(outDir).isEmpty())) {
        *error = outDir + QStringLiteral(": exists and is not empty; choose a new folder for the merged run");
        return std::nullopt;
    }
    QList<RunRecord> runs;
    for (const QString &dir : dirs) {
        auto record = loadRunFolder(dir, error);
        if (!record)
            return std::nullopt;
        if (!record->meta.startedAt.isValid()) {
            *error = dir + QStringLiteral(": run.json has no start time, so its requests cannot be placed");
            return std::nullopt;
        }
        runs << std::move(*record);
    }
    if (const QString why = checkTogether(runs, dirs); !why.isEmpty()) {
        *error = why;
        return std::nullopt;
    }
    MergedFolder result;
    result.notes = segmentNotes(runs);
    const RunMeta meta = mergedMeta(runs);

    std::vector<std::unique_ptr<JournalCursor>> cursors;
    QList<std::int64_t> shifts;
    for (qsizetype r = 0; r < runs.size(); ++r) {
        shifts << meta.startedAt.msecsTo(runs[r].meta.startedAt) * 1000000;
        QList<int> modelMap;
        for (qsizetype m = 0; m < runs[r].meta.models.size(); ++m)
            modelMap << int(m); // checkTogether(): the same models in the same order
        cursors.push_back(std::make_unique<JournalCursor>(
            QDir(dirs[r]).filePath(QLatin1StringView(runfolder::requestsFile)), shifts.last(), modelMap));
    }
    if (!QDir().mkpath(outDir)) {
        *error = outDir + QStringLiteral(": cannot be created");
        return std::nullopt;
    }
    const QDir out(outDir);
    qint64 requests = 0;
    qint64 damaged = 0;
    QString problem = mergeJournals(
        cursors, meta.models, out.filePath(QLatin1StringView(runfolder::requestsFile)), &requests, &damaged);
    if (problem.isEmpty())
        problem = mergeSeconds(dirs, shifts, QStringList { QStringLiteral("all") } + meta.models,
            out.filePath(QLatin1StringView(runfolder::secondsFile)));
    if (problem.isEmpty())
        problem = QFile::copy(QDir(dirs.first()).filePath(QLatin1StringView(runfolder::scenarioFile)),
                      out.filePath(QLatin1StringView(runfolder::scenarioFile)))
            ? QString()
            : out.filePath(QLatin1StringView(runfolder::scenarioFile)) + QStringLiteral(": cannot be written");
    if (problem.isEmpty()) {
        QSaveFile run(out.filePath(QLatin1StringView(runfolder::runFile)));
        if (!run.open(QIODevice::WriteOnly) || run.write(QByteArray::fromStdString(runMetaToJson(meta).dump(2))) < 0
            || !run.commit())
            problem = run.fileName() + QStringLiteral(": ") + run.errorString();
    }
    if (!problem.isEmpty()) {
        *error = problem;
        return std::nullopt;
    }
    if (damaged > 0)
        result.notes << QStringLiteral("%1 damaged journal line(s) skipped").arg(damaged);

    auto record = loadRunFolder(outDir, error); // replays the merged journal
    if (!record)
        return std::nullopt;
    record->rebuilt = false;
    record->summary.warnings.clear();
    describeEnding(record->summary, runs, dirs);
    carryRunLevelFigures(record->summary, runs);
    record->summary.warnings << result.notes;
    const SummaryContext context { record->meta.scenario, record->meta.baseUrl, true, true };
    if (const QString why
        = saveSummaryJson(out.filePath(QLatin1StringView(runfolder::summaryFile)), record->summary, context);
        !why.isEmpty()) {
        *error = why;
        return std::nullopt;
    }
    result.record = std::move(*record);
    return result;
}

} // namespace stampede::report
