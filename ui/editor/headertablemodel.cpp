#include "ui/editor/headertablemodel.h"

namespace stampede::ui::editor {

HeaderTableModel::HeaderTableModel(QObject *parent)
    : HeaderTableModel(QStringLiteral("target.headers"), parent)
{
}

HeaderTableModel::HeaderTableModel(const QString &pathPrefix, QObject *parent)
    : EditorTableModel(pathPrefix, parent)
{
}

void HeaderTableModel::setHeaders(const QMap<QString, QString> &headers)
{
    beginResetModel();
    m_rows.clear();
    for (auto it = headers.cbegin(); it != headers.cend(); ++it)
        m_rows.append({ it.key(), it.value() });
    endResetModel();
}

QMap<QString, QString> HeaderTableModel::headers() const
{
    QMap<QString, QString> headers;
    for (const auto &[name, value] : m_rows) {
        if (!name.isEmpty())
            headers.insert(name, value);
    }
    return headers;
}

int HeaderTableModel::addHeader()
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(std::pair<QString, QString>());
    endInsertRows();
    Q_EMIT edited();
    return row;
}

QList<EditorTableModel::CellError> HeaderTableModel::localCellErrors() const
{
    QList<CellError> errors;
    for (int row = 0; row < m_rows.size(); ++row) {
        const QString &name = m_rows[row].first;
        const QString where = tr("%1 (row %2)").arg(pathPrefix()).arg(row + 1);
        if (name.isEmpty()) {
            errors.append({ row, Name, where, tr("type a header name (e.g. X-Team) or remove the row") });
            continue;
        }
        for (int other = 0; other < m_rows.size(); ++other) {
            if (other != row && m_rows[other].first.compare(name, Qt::CaseInsensitive) == 0) {
                errors.append({ row, Name, where, tr("\"%1\" is listed twice (header names ignore case)").arg(name) });
                break;
            }
        }
    }
    return errors;
}

QList<std::pair<int, int>> HeaderTableModel::cellsForPath(const QString &path) const
{
    // Header names may hold dots: compare whole paths.
    QList<std::pair<int, int>> cells;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (!m_rows[row].first.isEmpty() && path == pathPrefix() + QLatin1Char('.') + m_rows[row].first)
            cells.append({ row, Name });
    }
    return cells;
}

int HeaderTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HeaderTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HeaderTableModel::data(const QModelIndex &index, int role) const
{
    if (!isCell(index))
        return {};
    if (QVariant marked = errorData(index, role); marked.isValid())
        return marked;
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    const auto &[name, value] = m_rows.at(index.row());
    return index.column() == Name ? name : value;
}

bool HeaderTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !isCell(index) || !(flags(index) & Qt::ItemIsEditable))
        return false;
    auto &[name, text] = m_rows[index.row()];
    (index.column() == Name ? name : text) = index.column() == Name ? value.toString().trimmed() : value.toString();
    Q_EMIT dataChanged(index, index);
    Q_EMIT edited();
    return true;
}

int HeaderTableModel::columnForField(const QString &field) const
{
    Q_UNUSED(field);
    return Name;
}

QString HeaderTableModel::columnTitle(int column) const
{
    return column == Name ? tr("Header") : tr("Value");
}

QString HeaderTableModel::columnHelp(int column) const
{
    return column == Name ? tr("An extra request header sent with every request, e.g. X-Team. Not Authorization: "
                               "Stampede sends the key itself (the API key field or api_key_env)")
                          : tr("The header's value, sent as is (it is saved in the scenario file: no secrets)");
}

void HeaderTableModel::eraseRows(int first, int last)
{
    m_rows.remove(first, last - first + 1);
}

} // namespace stampede::ui::editor
