#pragma once
// Checks and their pass rates (status_200, has_choices, has_usage, under_5s, ...). A fixed set of
// rows per run: a snapshot is one dataChanged(). GUI thread only.

#include "metrics/stats.h"

#include <QAbstractTableModel>

namespace stampede::ui {

class ChecksModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Passes, Fails, Rate, ColumnCount };

    explicit ChecksModel(QObject *parent = nullptr);

    void setChecks(const QList<metrics::CheckResult> &checks);
    void clear() { setChecks({}); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<metrics::CheckResult> m_checks;
};

} // namespace stampede::ui
