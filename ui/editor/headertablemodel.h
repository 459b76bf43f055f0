#pragma once
// Extra request headers (target.headers, direct_target.headers) as a two-column table: name and value.
// GUI thread only.

#include "ui/editor/editortablemodel.h"

#include <QMap>

namespace stampede::ui::editor {

class HeaderTableModel : public EditorTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Value, ColumnCount };

    explicit HeaderTableModel(QObject *parent = nullptr); ///< target.headers
    /// `pathPrefix`: the JSON path of the headers object, e.g. "direct_target.headers".
    HeaderTableModel(const QString &pathPrefix, QObject *parent);

    void setHeaders(const QMap<QString, QString> &headers); ///< no edited()
    /// Rows with a name; for a name listed twice the last row wins (and both are marked).
    QMap<QString, QString> headers() const;
    /// Appends an empty row (emits edited()); returns its row.
    int addHeader();

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

protected:
    QList<CellError> localCellErrors() const override;
    QList<std::pair<int, int>> cellsForPath(const QString &path) const override;
    int columnForField(const QString &field) const override;
    QString columnTitle(int column) const override;
    QString columnHelp(int column) const override;
    void eraseRows(int first, int last) override;

private:
    QList<std::pair<QString, QString>> m_rows;
};

} // namespace stampede::ui::editor
