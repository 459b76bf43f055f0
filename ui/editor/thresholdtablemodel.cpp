#include "ui/editor/thresholdtablemodel.h"

#include "ui/editor/editorfields.h"

#include "scenario/duration.h"

#include <QBrush>
#include <QColor>
#include <QHash>

namespace stampede::ui::editor {

namespace {

QString keyPath(const QString &metricKey)
{
    return QStringLiteral("thresholds.") + metricKey;
}

} // namespace

ThresholdTableModel::ThresholdTableModel(QObject *parent)
    : EditorTableModel(QStringLiteral("thresholds"), parent)
{
}

void ThresholdTableModel::setThresholds(const QList<scenario::ThresholdSet> &sets)
{
    beginResetModel();
    m_rows.clear();
    for (const scenario::ThresholdSet &set : sets) {
        if (set.rules.isEmpty())
            m_rows.append({ set.metricKey, QString(), false, QStringLiteral("0s"), 0 });
        for (const scenario::ThresholdRule &rule : set.rules) {
            m_rows.append({ set.metricKey, rule.expression, rule.abortOnFail,
                scenario::formatDuration(rule.delayAbortEvalMs), rule.delayAbortEvalMs });
        }
    }
    endResetModel();
}

QList<scenario::ThresholdSet> ThresholdTableModel::thresholds() const
{
    QList<scenario::ThresholdSet> sets;
    QHash<QString, qsizetype> setIndex;
    for (const Row &row : m_rows) {
        if (!setIndex.contains(row.metricKey)) {
            setIndex.insert(row.metricKey, sets.size());
            sets.append({ row.metricKey, {} });
        }
        if (!row.expression.trimmed().isEmpty())
            sets[setIndex.value(row.metricKey)].rules.append({ row.expression, row.abortOnFail, row.delayMs });
    }
    return sets;
}

int ThresholdTableModel::addRule(const QString &metricKey, const QString &expression)
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append({ metricKey, expression, false, QStringLiteral("0s"), 0 });
    endInsertRows();
    Q_EMIT edited();
    return row;
}

QString ThresholdTableModel::rulePath(int row) const
{
    const Row &target = m_rows.at(row);
    if (target.expression.trimmed().isEmpty())
        return {};
    int index = 0;
    for (int i = 0; i < row; ++i) {
        if (m_rows[i].metricKey == target.metricKey && !m_rows[i].expression.trimmed().isEmpty())
            ++index;
    }
    return keyPath(target.metricKey) + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QList<std::pair<int, int>> ThresholdTableModel::cellsForPath(const QString &path) const
{
    // Metric keys may hold dots and brackets ("{model:gpt-4.1}"), so match whole paths, never parse them.
    QList<std::pair<int, int>> cells;
    for (int row = 0; row < m_rows.size(); ++row) {
        const QString rule = rulePath(row);
        if (path == keyPath(m_rows[row].metricKey))
            cells.append({ row, Metric });
        else if (!rule.isEmpty() && path == rule)
            cells.append({ row, Expression });
        else if (!rule.isEmpty() && path == rule + QStringLiteral(".delayAbortEval"))
            cells.append({ row, DelayAbortEval });
    }
    return cells;
}

QList<EditorTableModel::CellError> ThresholdTableModel::localCellErrors() const
{
    QList<CellError> errors;
    for (int row = 0; row < m_rows.size(); ++row) {
        const QString where = tr("thresholds (row %1)").arg(row + 1);
        if (m_rows[row].expression.trimmed().isEmpty())
            errors.append({ row, Expression, where, tr("type an expression, e.g. p(95)<2000, or remove the row") });
        const QString delayError = durationError(m_rows[row].delayText);
        if (!delayError.isEmpty())
            errors.append({ row, DelayAbortEval, where + QStringLiteral(".delayAbortEval"), delayError });
    }
    return errors;
}

QString ThresholdTableModel::statusText(int row) const
{
    QStringList problems;
    for (int column = Metric; column < Status; ++column) {
        const QString error = cellError(row, column);
        if (!error.isEmpty())
            problems.append(error);
    }
    return problems.isEmpty() ? tr("ok") : problems.join(QLatin1Char('\n'));
}

int ThresholdTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ThresholdTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ThresholdTableModel::data(const QModelIndex &index, int role) const
{
    if (!isCell(index))
        return {};
    const Row &row = m_rows.at(index.row());
    if (index.column() == Status) {
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return statusText(index.row());
        if (role == Qt::ForegroundRole && statusText(index.row()) != tr("ok"))
            return QBrush(QColor(0xb7, 0x1c, 0x1c));
        return {};
    }
    if (QVariant marked = errorData(index, role); marked.isValid())
        return marked;
    if (role == Qt::CheckStateRole && index.column() == AbortOnFail)
        return row.abortOnFail ? Qt::Checked : Qt::Unchecked;
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case Metric:
        return row.metricKey;
    case Expression:
        return row.expression;
    case DelayAbortEval:
        return row.delayText;
    default:
        return {};
    }
}

bool ThresholdTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!isCell(index) || !(flags(index) & (Qt::ItemIsEditable | Qt::ItemIsUserCheckable)))
        return false;
    Row &row = m_rows[index.row()];
    if (role == Qt::CheckStateRole && index.column() == AbortOnFail) {
        row.abortOnFail = value.toInt() == Qt::Checked;
    } else if (role != Qt::EditRole) {
        return false;
    } else if (index.column() == Metric) {
        row.metricKey = value.toString();
    } else if (index.column() == Expression) {
        row.expression = value.toString();
    } else if (index.column() == DelayAbortEval) {
        row.delayText = value.toString().trimmed();
        if (const std::optional<qint64> ms = scenario::parseDuration(row.delayText))
            row.delayMs = *ms;
    } else {
        return false;
    }
    Q_EMIT dataChanged(index, index);
    Q_EMIT edited();
    return true;
}

int ThresholdTableModel::columnForField(const QString &field) const
{
    return field == QLatin1StringView("delayAbortEval") ? DelayAbortEval : Expression;
}

QString ThresholdTableModel::columnTitle(int column) const
{
    static const QStringList titles = { tr("Metric"), tr("Expression"), tr("Abort"), tr("Delay abort"), tr("Check") };
    return titles.value(column);
}

QString ThresholdTableModel::columnHelp(int column) const
{
    switch (column) {
    case Metric:
        return tr("The metric the rule checks, optionally for one model: http_req_duration, "
                  "http_req_duration{model:gpt-4.1}, ttft, tpot, http_req_failed, ...");
    case Expression:
        return tr("k6 threshold expression: <aggregation> <operator> <number>, e.g. p(95)<2000 (ms), "
                  "avg<500, rate<0.05, count>=100");
    case AbortOnFail:
        return tr("abortOnFail: stop the run as soon as this rule fails (k6)");
    case DelayAbortEval:
        return tr("delayAbortEval: wait this long after the start before abortOnFail may stop the run "
                  "(lets the metric settle; e.g. 30s)");
    case Status:
        return tr("Whether the rule is usable, or why not");
    default:
        return {};
    }
}

void ThresholdTableModel::eraseRows(int first, int last)
{
    m_rows.remove(first, last - first + 1);
}

} // namespace stampede::ui::editor
