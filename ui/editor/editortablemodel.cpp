#include "ui/editor/editortablemodel.h"

#include <QBrush>
#include <QColor>

namespace stampede::ui::editor {

EditorTableModel::EditorTableModel(const QString &pathPrefix, QObject *parent)
    : QAbstractTableModel(parent)
    , m_prefix(pathPrefix)
{
}

QString EditorTableModel::rowPath(int row) const
{
    return m_prefix + QLatin1Char('[') + QString::number(row) + QLatin1Char(']');
}

QList<std::pair<int, int>> EditorTableModel::cellsForPath(const QString &path) const
{
    const QString head = m_prefix + QLatin1Char('[');
    if (!path.startsWith(head))
        return {};
    const qsizetype close = path.indexOf(QLatin1Char(']'), head.size());
    if (close < 0)
        return {};
    bool ok = false;
    const int row = path.mid(head.size(), close - head.size()).toInt(&ok);
    if (!ok || row < 0 || row >= rowCount())
        return {};
    const QString field = path.mid(close + 2); // after "]."
    const int column = field.isEmpty() ? -1 : columnForField(field);
    return { { row, column < 0 ? 0 : column } };
}

QList<scenario::ValidationError> EditorTableModel::localErrors() const
{
    QList<scenario::ValidationError> errors;
    const QList<CellError> cells = localCellErrors();
    for (const CellError &cell : cells)
        errors.append({ cell.path, cell.message });
    return errors;
}

void EditorTableModel::setErrors(const QList<scenario::ValidationError> &errors)
{
    QHash<std::pair<int, int>, QString> cells;
    const auto add = [&cells](std::pair<int, int> cell, const QString &message) {
        QString &text = cells[cell];
        if (!text.contains(message))
            text += (text.isEmpty() ? QString() : QStringLiteral("\n")) + message;
    };
    for (const scenario::ValidationError &error : errors) {
        const QList<std::pair<int, int>> named = cellsForPath(error.path);
        for (const auto &cell : named)
            add(cell, error.message);
    }
    const QList<CellError> local = localCellErrors();
    for (const CellError &cell : local)
        add({ cell.row, cell.column }, cell.message);
    if (cells == m_errors)
        return;
    m_errors = cells;
    // Whole rows, never one cell: a single-cell dataChanged would reset an open editor's text.
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
            { Qt::BackgroundRole, Qt::ToolTipRole, Qt::DisplayRole });
}

QString EditorTableModel::cellError(int row, int column) const
{
    return m_errors.value({ row, column });
}

QVariant EditorTableModel::errorData(const QModelIndex &index, int role) const
{
    const QString error = cellError(index.row(), index.column());
    if (role == Qt::ToolTipRole)
        return error.isEmpty() ? columnHelp(index.column())
                               : error + QStringLiteral("\n\n") + columnHelp(index.column());
    if (role == Qt::BackgroundRole && !error.isEmpty())
        return QBrush(QColor(0xff, 0xcd, 0xd2));
    return {};
}

void EditorTableModel::setReadOnly(bool readOnly)
{
    if (m_readOnly == readOnly)
        return;
    m_readOnly = readOnly;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

QVariant EditorTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole && section >= 0 && section < rowCount())
            return section + 1;
        return {};
    }
    if (section < 0 || section >= columnCount())
        return {};
    if (role == Qt::DisplayRole)
        return columnTitle(section);
    if (role == Qt::ToolTipRole)
        return columnHelp(section);
    return {};
}

Qt::ItemFlags EditorTableModel::flags(const QModelIndex &index) const
{
    if (!isCell(index))
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (m_readOnly || !isEditableColumn(index.column()))
        return flags;
    return flags | (isCheckColumn(index.column()) ? Qt::ItemIsUserCheckable : Qt::ItemIsEditable);
}

bool EditorTableModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > rowCount())
        return false;
    beginRemoveRows(parent, row, row + count - 1);
    eraseRows(row, row + count - 1);
    m_errors.clear(); // rows moved: the next validation marks the right cells again
    endRemoveRows();
    Q_EMIT edited();
    return true;
}

} // namespace stampede::ui::editor
