#pragma once
// Sorts the per-model results table by any column while the mixed row stays last, ascending or
// descending. GUI thread only.

#include <QSortFilterProxyModel>

namespace stampede::ui {

class ModelSummaryProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ModelSummaryProxy(QObject *parent = nullptr);

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
};

} // namespace stampede::ui
