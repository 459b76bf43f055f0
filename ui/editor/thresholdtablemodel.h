#pragma once
// Threshold rules, one per row: metric key, expression, abortOnFail, delayAbortEval, and the reason
// when the rule is not usable (from validate(), so it says exactly what the engine would). Rows with
// the same metric key form one ThresholdSet, in the order the keys first appear. GUI thread only.

#include "ui/editor/editortablemodel.h"

#include "scenario/scenario.h"

namespace stampede::ui::editor {

class ThresholdTableModel : public EditorTableModel
{
    Q_OBJECT
public:
    enum Column { Metric, Expression, AbortOnFail, DelayAbortEval, Status, ColumnCount };

    explicit ThresholdTableModel(QObject *parent = nullptr);

    void setThresholds(const QList<scenario::ThresholdSet> &sets); ///< no edited()
    /// The rules grouped by metric key. A row with no expression adds no rule (it is a local error).
    QList<scenario::ThresholdSet> thresholds() const;
    /// Appends a rule (emits edited()); returns its row.
    int addRule(const QString &metricKey, const QString &expression);

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
    bool isCheckColumn(int column) const override { return column == AbortOnFail; }
    bool isEditableColumn(int column) const override { return column != Status; }
    void eraseRows(int first, int last) override;

private:
    struct Row {
        QString metricKey;
        QString expression;
        bool abortOnFail = false;
        QString delayText = QStringLiteral("0s");
        qint64 delayMs = 0;
    };
    /// "thresholds.<key>[i]": the path validate() uses for a row's rule (empty for a row with no expression).
    QString rulePath(int row) const;
    QString statusText(int row) const;

    QList<Row> m_rows;
};

} // namespace stampede::ui::editor
