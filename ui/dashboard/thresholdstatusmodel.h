#pragma once
// Threshold status, live: one row per rule with its current value, green when it passes, red when
// it fails, grey while it has no data ("not evaluated"). The status cell carries a coloured dot
// (DecorationRole) and the row a light tint (BackgroundRole). Failing rules come first. GUI thread only.

#include "metrics/stats.h"

#include <QAbstractTableModel>

namespace stampede::ui {

class ThresholdStatusModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Status, Metric, Rule, Value, Abort, ColumnCount };
    enum class State { NoData, Pass, Fail };
    static constexpr int StateRole = Qt::UserRole; ///< int(State)

    explicit ThresholdStatusModel(QObject *parent = nullptr);

    void setResults(const QList<metrics::ThresholdResult> &results);
    void clear() { setResults({}); }
    State state(int row) const;
    int failedCount() const;
    bool anyAbort() const; ///< a rule aborts the run when it fails (the "On fail" column matters)

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "1,234 ms", "0.032 (3.20 %)", "12.5/s", ... in the unit of the rule.
    static QString formatValue(const metrics::ThresholdResult &result);

private:
    QString displayText(int row, int column) const;

    QList<metrics::ThresholdResult> m_results;
};

} // namespace stampede::ui
