#pragma once
// Base of the editor's table models (models, stages, thresholds, headers): cells named by validate()
// paths are painted red with the reason as tooltip, and the whole table can be made read-only while a
// run is going. GUI thread only.

#include "scenario/scenarioio.h"

#include <QAbstractTableModel>
#include <QHash>

#include <optional>
#include <utility>

namespace stampede::ui::editor {

class EditorTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    /// `pathPrefix`: the JSON path of the list, e.g. "models" or "load.stages".
    explicit EditorTableModel(const QString &pathPrefix, QObject *parent = nullptr);

    QString pathPrefix() const { return m_prefix; }
    /// "models[2]": the JSON path of a row.
    QString rowPath(int row) const;

    /// Shows the errors whose paths name a cell of this table (others are ignored).
    void setErrors(const QList<scenario::ValidationError> &errors);
    /// The reason the cell is marked, or an empty string.
    QString cellError(int row, int column) const;
    /// Text typed into cells that the scenario cannot hold (does not parse, empty name, ...).
    QList<scenario::ValidationError> localErrors() const;

    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    /// Removes `count` rows at `row` (the buttons' "Remove").
    bool removeRows(int row, int count, const QModelIndex &parent = QModelIndex()) override;

Q_SIGNALS:
    void edited(); ///< the user changed a cell or added/removed rows

protected:
    struct CellError {
        int row = 0;
        int column = 0;
        QString path; ///< shown in the problems list
        QString message;
    };
    /// Problems of cells the scenario cannot show (they are merged with the validate() errors).
    virtual QList<CellError> localCellErrors() const { return {}; }
    /// The cells a validate() path names. Default: "<prefix>[row].<field>" with columnForField().
    virtual QList<std::pair<int, int>> cellsForPath(const QString &path) const;
    /// The column that shows `field` (e.g. "weight", "price.input_per_mtok"); -1: the row's first column.
    virtual int columnForField(const QString &field) const = 0;
    virtual QString columnTitle(int column) const = 0;
    virtual QString columnHelp(int column) const = 0;
    virtual bool isCheckColumn(int column) const
    {
        Q_UNUSED(column);
        return false;
    }
    virtual bool isEditableColumn(int column) const
    {
        Q_UNUSED(column);
        return true;
    }
    /// Removes rows [first, last] from the subclass's storage (called between begin/endRemoveRows).
    virtual void eraseRows(int first, int last) = 0;
    /// True for a valid index of this model (quietly: checkIndex() warns, and views ask about invalid ones).
    bool isCell(const QModelIndex &index) const
    {
        return index.isValid() && index.model() == this && index.row() < rowCount() && index.column() < columnCount();
    }
    /// Background and tooltip for marked cells; an invalid QVariant for other roles and unmarked cells.
    QVariant errorData(const QModelIndex &index, int role) const;

private:
    QString m_prefix;
    QHash<std::pair<int, int>, QString> m_errors;
    bool m_readOnly = false;
};

} // namespace stampede::ui::editor
