// Rebuilding a run's summary from its journal when the run never wrote summary.json (killed,
// crashed, power cut): replay requests.jsonl into the same Aggregator the engine uses.

#include "report/aggregatorconfig.h"
#include "report/journal.h"
#include "report/runfolder.h"
#include "report/summaryload.h"

#include "metrics/aggregator.h"

#include <QDir>
#include <QFile>

namespace stampede::report {

namespace {

constexpr std::int64_t nsPerSecond = 1'000'000'000;

metrics::AggregatorConfig replayConfig(const RunMeta &meta)
{
    metrics::AggregatorConfig config = aggregatorConfigFor(meta.scenario, meta.models);
    config.openModel = meta.plan.openModel;
    // Journal lines come in batches per worker, slightly out of order: keep seconds open longer.
    config.closeDelayMs = 5000;
    return config;
}

/// Feeds the recorded gauges (VUs, in flight, dropped, planned) of every second before `untilNs`.
class GaugeReplay
{
public:
    explicit GaugeReplay(QList<metrics::SecondPoint> seconds)
        : m_seconds(std::move(seconds))
    {
    }
    void feedUntil(metrics::Aggregator &aggregator, std::int64_t untilNs)
    {
        for (; m_next < m_seconds.size() && m_seconds[m_next].second * nsPerSecond <= untilNs; ++m_next) {
            const metrics::SecondPoint &p = m_seconds[m_next];
            m_dropped += p.dropped;
            aggregator.setGauges(
                p.second * nsPerSecond + nsPerSecond / 2, p.vus, p.inFlight, m_dropped, p.plannedTarget);
        }
    }

private:
    QList<metrics::SecondPoint> m_seconds;
    qsizetype m_next = 0;
    std::int64_t m_dropped = 0;
};

/// A sweep judges a step once every request the step scheduled is back. The journal is in end
/// order, so a first pass tells the Aggregator what each step scheduled (the requests that never
/// came back are not in the journal: the run ended before them).
void countScheduled(metrics::Aggregator &aggregator, const QString &journalPath)
{
    QFile journal(journalPath);
    if (!journal.open(QIODevice::ReadOnly))
        return;
    while (!journal.atEnd()) {
        const QByteArray line = journal.readLine().trimmed();
        if (const auto outcome = line.isEmpty() ? std::nullopt : outcomeFromJsonLine(line);
            outcome && outcome->endNs >= 0 && outcome->scheduledNs >= 0)
            aggregator.scheduled(outcome->scheduledNs);
    }
}

} // namespace

QList<metrics::SecondPoint> readSecondsFile(const QString &path)
{
    QList<metrics::SecondPoint> seconds;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return seconds;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine();
        const auto j = nlohmann::json::parse(line.constBegin(), line.constEnd(), nullptr, false);
        if (j.is_object())
            seconds.append(secondFromJson(j));
    }
    return seconds;
}

void rebuildFromJournal(RunRecord &record, const QString &dir)
{
    const QDir d(dir);
    const metrics::AggregatorConfig config = replayConfig(record.meta);
    metrics::Aggregator aggregator(config);
    GaugeReplay gauges(readSecondsFile(d.filePath(QLatin1StringView(runfolder::secondsFile))));
    QFile journal(d.filePath(QLatin1StringView(runfolder::requestsFile)));
    if (config.sweep)
        countScheduled(aggregator, journal.fileName());
    if (!journal.open(QIODevice::ReadOnly))
        record.notes << journal.fileName() + QStringLiteral(": ") + journal.errorString();
    std::int64_t lastEndNs = 0;
    std::int64_t snapshotSecond = 0;
    qint64 requests = 0;
    qint64 damaged = 0;
    while (journal.isOpen() && !journal.atEnd()) {
        const QByteArray line = journal.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const auto outcome = outcomeFromJsonLine(line);
        if (!outcome || outcome->endNs < 0) {
            ++damaged;
            continue;
        }
        gauges.feedUntil(aggregator, outcome->endNs);
        aggregator.add(*outcome);
        ++requests;
        lastEndNs = std::max(lastEndNs, outcome->endNs);
        // Close seconds as the replay clock moves on, so memory stays bounded on long runs.
        if (lastEndNs / nsPerSecond > snapshotSecond) {
            snapshotSecond = lastEndNs / nsPerSecond;
            aggregator.snapshot(lastEndNs, record.meta.plan.totalMs);
        }
    }
    gauges.feedUntil(aggregator, lastEndNs);
    metrics::RunSummary summary = aggregator.finish(lastEndNs);
    summary.startedAt = record.meta.startedAt;
    summary.endedAt = record.meta.startedAt.addMSecs(summary.durationMs);
    summary.end = model::RunEnd::Interrupted;
    if (damaged > 0) {
        const QString note = QStringLiteral("%1 damaged journal line(s) skipped").arg(damaged);
        summary.warnings << note;
        record.notes << note;
    }
    record.summary = summary;
    record.rebuilt = true;
}

} // namespace stampede::report
