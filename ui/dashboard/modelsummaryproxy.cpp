#include "ui/dashboard/modelsummaryproxy.h"

#include "ui/dashboard/modelsummarymodel.h"

namespace stampede::ui {

ModelSummaryProxy::ModelSummaryProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ModelSummaryModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

bool ModelSummaryProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const bool leftMixed = left.data(ModelSummaryModel::MixedRole).toBool();
    const bool rightMixed = right.data(ModelSummaryModel::MixedRole).toBool();
    if (leftMixed != rightMixed) {
        // Descending order reverses lessThan: the mixed row must then compare smallest to stay last.
        const bool ascending = sortOrder() == Qt::AscendingOrder;
        return ascending ? rightMixed : leftMixed;
    }
    const QVariant l = left.data(sortRole()), r = right.data(sortRole());
    if (!l.isValid() || !r.isValid())
        return !l.isValid() && r.isValid(); // "no data yet" sorts before any value
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace stampede::ui
