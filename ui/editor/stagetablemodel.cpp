#include "ui/editor/stagetablemodel.h"

#include "ui/editor/editorfields.h"

#include "scenario/duration.h"

namespace stampede::ui::editor {

StageTableModel::StageTableModel(QObject *parent)
    : EditorTableModel(QStringLiteral("load.stages"), parent)
{
}

void StageTableModel::setStages(const QList<scenario::Stage> &stages)
{
    beginResetModel();
    m_rows.clear();
    for (const scenario::Stage &stage : stages)
        m_rows.append({ scenario::formatDuration(stage.durationMs), stage.durationMs, stage.target });
    endResetModel();
}

QList<scenario::Stage> StageTableModel::stages() const
{
    QList<scenario::Stage> stages;
    for (const Row &row : m_rows)
        stages.append({ row.ms, row.target });
    return stages;
}

void StageTableModel::addStage()
{
    const Row row = m_rows.isEmpty() ? Row { QStringLiteral("30s"), 30000, 10 } : m_rows.last();
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
    m_rows.append(row);
    endInsertRows();
    Q_EMIT edited();
}

void StageTableModel::setTargetUnit(const QString &unit, bool wholeNumbers)
{
    if (m_unit == unit && m_wholeNumbers == wholeNumbers)
        return;
    m_unit = unit;
    m_wholeNumbers = wholeNumbers;
    Q_EMIT headerDataChanged(Qt::Horizontal, Target, Target);
}

QList<EditorTableModel::CellError> StageTableModel::localCellErrors() const
{
    QList<CellError> errors;
    for (int i = 0; i < m_rows.size(); ++i) {
        const QString error = durationError(m_rows[i].text);
        if (!error.isEmpty())
            errors.append({ i, Duration, rowPath(i) + QStringLiteral(".duration"), error });
    }
    return errors;
}

int StageTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StageTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StageTableModel::data(const QModelIndex &index, int role) const
{
    if (!isCell(index))
        return {};
    if (QVariant marked = errorData(index, role); marked.isValid())
        return marked;
    const Row &row = m_rows.at(index.row());
    if (role == Qt::TextAlignmentRole && index.column() == Target)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    if (index.column() == Duration)
        return row.text;
    return row.target;
}

bool StageTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !isCell(index) || !(flags(index) & Qt::ItemIsEditable))
        return false;
    Row &row = m_rows[index.row()];
    if (index.column() == Duration) {
        row.text = value.toString().trimmed();
        if (const std::optional<qint64> ms = scenario::parseDuration(row.text))
            row.ms = *ms;
    } else {
        bool ok = false;
        const double target = value.toDouble(&ok);
        if (!ok)
            return false;
        row.target = target;
    }
    Q_EMIT dataChanged(index, index);
    Q_EMIT edited();
    return true;
}

int StageTableModel::columnForField(const QString &field) const
{
    return field == QLatin1StringView("target") ? Target : Duration;
}

QString StageTableModel::columnTitle(int column) const
{
    return column == Duration ? tr("Duration") : tr("Target (%1)").arg(m_unit);
}

QString StageTableModel::columnHelp(int column) const
{
    if (column == Duration)
        return tr("duration: how long this stage ramps linearly from the previous target to its own (e.g. 30s, 2m)");
    return m_wholeNumbers ? tr("target: the number of VUs reached at the end of this stage (a whole number)")
                          : tr("target: the arrival rate reached at the end of this stage, in iterations per "
                               "time_unit");
}

void StageTableModel::eraseRows(int first, int last)
{
    m_rows.remove(first, last - first + 1);
}

} // namespace stampede::ui::editor
