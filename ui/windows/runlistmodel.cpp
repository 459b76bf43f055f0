#include "ui/windows/runlistmodel.h"

#include "report/sanitize.h"
#include "scenario/duration.h"

#include <QDir>
#include <QLocale>

namespace stampede::ui {

int RunListModel::addRun(const report::RunMeta &info)
{
    const int row = int(m_runs.size());
    beginInsertRows({}, row, row);
    SessionRun run;
    run.number = m_nextNumber++;
    run.record.meta = info;
    m_runs.append(run);
    endInsertRows();
    return row;
}

int RunListModel::addRecord(const report::RunRecord &record)
{
    const int row = int(m_runs.size());
    beginInsertRows({}, row, row);
    SessionRun run;
    run.record = record;
    run.finished = true;
    m_runs.append(run);
    endInsertRows();
    return row;
}

int RunListModel::rowOfFolder(const QString &dir) const
{
    const QString wanted = QDir(dir).absolutePath();
    for (int row = 0; row < m_runs.size(); ++row) {
        if (!m_runs[row].runDir().isEmpty() && QDir(m_runs[row].runDir()).absolutePath() == wanted)
            return row;
    }
    return -1;
}

void RunListModel::setBaselineFolders(const QStringList &dirs)
{
    QStringList absolute;
    for (const QString &dir : dirs)
        absolute << QDir(dir).absolutePath();
    if (absolute == m_baselineFolders)
        return;
    m_baselineFolders = absolute;
    if (!m_runs.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_runs.size()) - 1), { BaselineRole, Qt::ToolTipRole });
}

bool RunListModel::isBaseline(const SessionRun &run) const
{
    return !run.runDir().isEmpty() && m_baselineFolders.contains(QDir(run.runDir()).absolutePath());
}

void RunListModel::finishRun(int row, const metrics::RunSummary &summary)
{
    if (row < 0 || row >= m_runs.size())
        return;
    m_runs[row].record.summary = summary;
    m_runs[row].finished = true;
    Q_EMIT dataChanged(index(row), index(row));
}

void RunListModel::setRunDir(int row, const QString &dir)
{
    if (row < 0 || row >= m_runs.size())
        return;
    m_runs[row].record.runDir = dir;
    Q_EMIT dataChanged(index(row), index(row));
}

void RunListModel::setTags(int row, const QStringList &tags)
{
    if (row < 0 || row >= m_runs.size())
        return;
    m_runs[row].record.tags = tags;
    Q_EMIT dataChanged(index(row), index(row));
}

bool RunListModel::removeRun(int row)
{
    if (row < 0 || row >= m_runs.size())
        return false;
    for (const SessionRun &run : std::as_const(m_runs)) {
        if (run.isLive()) // the session refers to its run by row
            return false;
    }
    beginRemoveRows({}, row, row);
    m_runs.removeAt(row);
    endRemoveRows();
    return true;
}

void RunListModel::failRun(int row, const QString &message)
{
    if (row < 0 || row >= m_runs.size())
        return;
    m_runs[row].failure = message.isEmpty() ? tr("failed") : message;
    Q_EMIT dataChanged(index(row), index(row));
}

void RunListModel::clear()
{
    beginResetModel();
    m_runs.clear();
    endResetModel();
}

model::RunPhase RunListModel::phase(int row) const
{
    const SessionRun &run = m_runs.at(row);
    if (!run.failure.isEmpty())
        return model::RunPhase::Failed;
    return run.summary() ? model::RunPhase::Finished : model::RunPhase::Running;
}

model::RunVerdict RunListModel::verdict(int row) const
{
    const SessionRun &run = m_runs.at(row);
    return run.summary() ? run.summary()->verdict() : model::RunVerdict();
}

int RunListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

QVariant RunListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SessionRun &run = m_runs.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return QString(title(run) + QLatin1Char('\n') + subtitle(run));
    case Qt::ToolTipRole:
        return toolTip(run);
    case TitleRole:
        return title(run);
    case SubtitleRole:
        return subtitle(run);
    case PhaseRole:
        return int(phase(index.row()));
    case VerdictRole:
        return int(verdict(index.row()).kind);
    case RequestsRole:
        return qint64(run.summary() ? run.summary()->overall.requests : 0);
    case P95Role:
        return run.summary() ? run.summary()->overall.latency.p95 : 0.0;
    case StartedRole:
        return run.meta().startedAt;
    case FailedShareRole:
        return run.summary() ? run.summary()->overall.errorRate() : 0.0;
    case TagsRole:
        return run.record.tags;
    case FilterTextRole:
        return QStringList { title(run), subtitle(run), run.record.tags.join(QLatin1Char(' ')),
            run.meta().builtinGateway ? tr("built-in simulated gateway") : report::displayUrl(run.meta().baseUrl),
            run.runDir(), loadLine(run), isBaseline(run) ? tr("baseline") : QString() }
            .join(QLatin1Char('\n'));
    case LoadLineRole:
        return loadLine(run);
    case NameRole:
        return run.meta().scenario.name;
    case BaselineRole:
        return isBaseline(run);
    default:
        return {};
    }
}

QHash<int, QByteArray> RunListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(TitleRole, "title");
    names.insert(SubtitleRole, "subtitle");
    names.insert(PhaseRole, "phase");
    names.insert(VerdictRole, "verdict");
    names.insert(RequestsRole, "requests");
    names.insert(P95Role, "p95");
    names.insert(StartedRole, "started");
    names.insert(FailedShareRole, "failedShare");
    names.insert(LoadLineRole, "load");
    names.insert(NameRole, "name");
    names.insert(BaselineRole, "baseline");
    return names;
}

QString RunListModel::title(const SessionRun &run) const
{
    if (run.fromDisk())
        return run.meta().scenario.name;
    return tr("#%1  %2").arg(run.number).arg(run.meta().scenario.name);
}

QString RunListModel::subtitle(const SessionRun &run) const
{
    // This session's runs by the time of day; earlier ones with their date ("Dec 4 14:02").
    const QDateTime started = run.meta().startedAt.toLocalTime();
    const QString time = run.fromDisk() ? QLocale().toString(started, QStringLiteral("MMM d HH:mm"))
                                        : started.toString(QStringLiteral("HH:mm:ss"));
    const QString tags
        = run.record.tags.isEmpty() ? QString() : QStringLiteral(" · ") + run.record.tags.join(QStringLiteral(", "));
    if (!run.failure.isEmpty())
        return tr("%1 · failed").arg(time) + tags;
    if (!run.summary())
        return tr("%1 · running…").arg(time) + tags;
    const QLocale locale;
    const metrics::GroupStats &all = run.summary()->overall;
    if (all.latency.count == 0) // no success: no latency to quote, not "p95 0 ms"
        //: time · verdict · requests · why there is no latency
        return tr("%1 · %2 · %3 req · none succeeded")
                   .arg(time, run.summary()->verdict().words(), locale.toString(qint64(all.requests)))
            + tags;
    //: time · verdict · requests · 95th percentile latency
    return tr("%1 · %2 · %3 req · p95 %4 ms")
               .arg(time, run.summary()->verdict().words(), locale.toString(qint64(all.requests)),
                   locale.toString(all.latency.p95, 'f', 0))
        + tags;
}

QString RunListModel::loadLine(const SessionRun &run) const
{
    const QLocale locale;
    const scenario::Plan &plan = run.meta().plan;
    const QUrl &url = run.meta().baseUrl;
    const QString target = run.meta().builtinGateway ? tr("built-in gateway")
        : url.port() > 0                             ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port())
                                                     : url.host();
    //: e.g. "peak 40 req/s" (arrival-rate executors) or "peak 20 VUs"
    const QString peak = plan.openModel ? tr("peak %1 req/s").arg(locale.toString(plan.peak(), 'g', 4))
                                        : tr("peak %1 VUs").arg(locale.toString(plan.peak(), 'g', 4));
    // The executor last: in a narrow panel it is what the elision takes.
    QStringList parts { target };
    if (plan.totalMs > 0)
        parts << peak << scenario::formatDuration(plan.totalMs);
    parts << scenario::toString(run.meta().scenario.load.executor);
    return parts.join(QStringLiteral(" · "));
}

QString RunListModel::toolTip(const SessionRun &run) const
{
    QString tip = run.meta().scenario.name + QLatin1Char('\n')
        + tr("Started %1").arg(QLocale().toString(run.meta().startedAt.toLocalTime(), QLocale::ShortFormat))
        + QLatin1Char('\n')
        + tr("Target %1")
              .arg(run.meta().builtinGateway ? tr("built-in simulated gateway")
                                             : report::displayUrl(run.meta().baseUrl));
    if (!run.failure.isEmpty())
        tip += QLatin1Char('\n') + tr("Failed: %1").arg(run.failure);
    else if (run.summary() && !run.summary()->endReason.isEmpty())
        tip += QLatin1Char('\n') + tr("Ended: %1").arg(run.summary()->endReason);
    tip += QLatin1Char('\n') + tr("Load %1").arg(scenario::toString(run.meta().scenario.load.executor));
    if (!run.record.tags.isEmpty())
        tip += QLatin1Char('\n') + tr("Tags %1").arg(run.record.tags.join(QStringLiteral(", ")));
    if (!run.runDir().isEmpty())
        tip += QLatin1Char('\n') + tr("Run folder %1").arg(QDir::toNativeSeparators(run.runDir()));
    if (run.fromDisk())
        tip += QLatin1Char('\n') + tr("Read from its run folder (an earlier session, or File ▸ Open Run…)");
    if (run.record.rebuilt)
        tip += QLatin1Char('\n')
            + tr("The run never finished writing: its figures are rebuilt from the request journal.");
    if (isBaseline(run))
        tip += QLatin1Char('\n')
            + tr("The baseline of \"%1\": its runs are drawn against it (Run ▸ Use as Baseline)")
                  .arg(run.meta().scenario.name);
    if (run.summary())
        tip += QLatin1Char('\n') + tr("Click to show this run in the dashboard.");
    return tip;
}

} // namespace stampede::ui
