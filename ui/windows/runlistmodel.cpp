#include "ui/windows/runlistmodel.h"

#include "report/sanitize.h"

#include <QDir>
#include <QLocale>

namespace stampede::ui {

namespace {

QString endWords(const metrics::RunSummary &summary)
{
    switch (summary.end) {
    case metrics::RunEnd::Completed:
        return summary.thresholdsPassed() ? QStringLiteral("passed") : QStringLiteral("thresholds failed");
    case metrics::RunEnd::Stopped:
        return QStringLiteral("stopped");
    case metrics::RunEnd::ThresholdAborted:
        return QStringLiteral("aborted by threshold");
    case metrics::RunEnd::Interrupted:
        return QStringLiteral("aborted");
    case metrics::RunEnd::Failed:
        return QStringLiteral("failed");
    }
    return QString();
}

} // namespace

int RunListModel::addRun(const engine::RunInfo &info)
{
    const int row = int(m_runs.size());
    beginInsertRows({}, row, row);
    m_runs.append(RunRecord { m_nextNumber++, info, std::nullopt, QString() });
    endInsertRows();
    return row;
}

void RunListModel::finishRun(int row, const metrics::RunSummary &summary)
{
    if (row < 0 || row >= m_runs.size())
        return;
    m_runs[row].summary = summary;
    Q_EMIT dataChanged(index(row), index(row));
}

void RunListModel::setRunDir(int row, const QString &dir)
{
    if (row < 0 || row >= m_runs.size())
        return;
    m_runs[row].runDir = dir;
    Q_EMIT dataChanged(index(row), index(row));
}

void RunListModel::failRun(int row, const QString &message)
{
    if (row < 0 || row >= m_runs.size())
        return;
    m_runs[row].failure = message.isEmpty() ? QStringLiteral("failed") : message;
    Q_EMIT dataChanged(index(row), index(row));
}

void RunListModel::clear()
{
    beginResetModel();
    m_runs.clear();
    endResetModel();
}

RunListModel::Status RunListModel::status(int row) const
{
    const RunRecord &run = m_runs.at(row);
    if (!run.failure.isEmpty())
        return Status::Failed;
    if (!run.summary)
        return Status::Live;
    switch (run.summary->end) {
    case metrics::RunEnd::Completed:
        return run.summary->thresholdsPassed() ? Status::Passed : Status::ThresholdsFailed;
    case metrics::RunEnd::ThresholdAborted:
        return Status::ThresholdsFailed;
    case metrics::RunEnd::Stopped:
    case metrics::RunEnd::Interrupted:
        return Status::Stopped;
    case metrics::RunEnd::Failed:
        return Status::Failed;
    }
    return Status::Failed;
}

int RunListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

QVariant RunListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunRecord &run = m_runs.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return QString(title(run) + QLatin1Char('\n') + subtitle(run));
    case Qt::ToolTipRole:
        return toolTip(run);
    case TitleRole:
        return title(run);
    case SubtitleRole:
        return subtitle(run);
    case StatusRole:
        return int(status(index.row()));
    case RequestsRole:
        return qint64(run.summary ? run.summary->overall.requests : 0);
    case P95Role:
        return run.summary ? run.summary->overall.latency.p95 : 0.0;
    case StartedRole:
        return run.info.startedAt;
    default:
        return {};
    }
}

QHash<int, QByteArray> RunListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(TitleRole, "title");
    names.insert(SubtitleRole, "subtitle");
    names.insert(StatusRole, "status");
    names.insert(RequestsRole, "requests");
    names.insert(P95Role, "p95");
    names.insert(StartedRole, "started");
    return names;
}

QString RunListModel::title(const RunRecord &run) const
{
    return QStringLiteral("#%1  %2").arg(run.number).arg(run.info.scenario.name);
}

QString RunListModel::subtitle(const RunRecord &run) const
{
    const QString time = run.info.startedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
    if (!run.failure.isEmpty())
        return time + QStringLiteral(" · failed");
    if (!run.summary)
        return time + QStringLiteral(" · running…");
    const QLocale locale;
    return time + QStringLiteral(" · ") + endWords(*run.summary) + QStringLiteral(" · ")
        + locale.toString(qint64(run.summary->overall.requests)) + QStringLiteral(" req · p95 ")
        + locale.toString(run.summary->overall.latency.p95, 'f', 0) + QStringLiteral(" ms");
}

QString RunListModel::toolTip(const RunRecord &run) const
{
    QString tip = run.info.scenario.name + QLatin1Char('\n') + QStringLiteral("Started ")
        + QLocale().toString(run.info.startedAt.toLocalTime(), QLocale::ShortFormat) + QLatin1Char('\n')
        + QStringLiteral("Target ")
        + (run.info.builtinGateway ? QStringLiteral("built-in simulated gateway")
                                   : report::displayUrl(run.info.baseUrl));
    if (!run.failure.isEmpty())
        tip += QStringLiteral("\nFailed: ") + run.failure;
    else if (run.summary && !run.summary->endReason.isEmpty())
        tip += QStringLiteral("\nEnded: ") + run.summary->endReason;
    if (!run.runDir.isEmpty())
        tip += QStringLiteral("\nRun folder ") + QDir::toNativeSeparators(run.runDir);
    if (run.summary)
        tip += QStringLiteral("\nClick to show this run in the dashboard.");
    return tip;
}

} // namespace stampede::ui
