#pragma once
// The stages of a ramping executor: duration (text, as in the file) and target. GUI thread only.

#include "ui/editor/editortablemodel.h"

#include "scenario/scenario.h"

namespace stampede::ui::editor {

class StageTableModel : public EditorTableModel
{
    Q_OBJECT
public:
    enum Column { Duration, Target, ColumnCount };

    explicit StageTableModel(QObject *parent = nullptr);

    void setStages(const QList<scenario::Stage> &stages); ///< no edited()
    /// The stages; a duration that does not parse keeps its last parsed value.
    QList<scenario::Stage> stages() const;
    /// Appends a stage like the last one (or 30s to 10); emits edited().
    void addStage();
    /// "VUs" (ramping-vus) or "iterations per time unit" (ramping-arrival-rate).
    void setTargetUnit(const QString &unit, bool wholeNumbers);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

protected:
    QList<CellError> localCellErrors() const override;
    int columnForField(const QString &field) const override;
    QString columnTitle(int column) const override;
    QString columnHelp(int column) const override;
    void eraseRows(int first, int last) override;

private:
    struct Row {
        QString text; ///< the duration as typed
        qint64 ms = 0; ///< its last parsed value
        double target = 0;
    };
    QList<Row> m_rows;
    QString m_unit = tr("VUs");
    bool m_wholeNumbers = true;
};

} // namespace stampede::ui::editor
