#pragma once
// Failures grouped by class and message (grouped and bounded upstream by metrics::FailureGroups,
// most frequent first). Updates stay cheap with 100,000 failures: existing rows get one
// dataChanged() over the range that differs, new groups are inserted at the end, and the model
// is never reset while a run goes on. GUI thread only.

#include "metrics/failuregroups.h"

#include <QAbstractTableModel>

namespace stampede::ui {

class FailuresModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Class, Status, Count, FirstSeen, LastSeen, Model, Example, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;

    explicit FailuresModel(QObject *parent = nullptr);

    void setGroups(const QList<metrics::FailureGroup> &groups);
    void clear();
    std::int64_t totalCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void updateExisting(const QList<metrics::FailureGroup> &groups, qsizetype count);
    QVariant displayData(const metrics::FailureGroup &group, int column) const;

    QList<metrics::FailureGroup> m_groups;
};

} // namespace stampede::ui
