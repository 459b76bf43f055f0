#include "ui/dashboard/checksmodel.h"

#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/metrictips.h"

#include <algorithm>

namespace stampede::ui {

using namespace Qt::StringLiterals;

ChecksModel::ChecksModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ChecksModel::setChecks(const QList<metrics::CheckResult> &given)
{
    // A check that failed at least once comes first: a short panel never hides it.
    QList<metrics::CheckResult> checks = given;
    std::stable_sort(
        checks.begin(), checks.end(), [](const auto &a, const auto &b) { return (a.fails > 0) > (b.fails > 0); });
    bool sameNames = checks.size() == m_checks.size();
    for (qsizetype i = 0; sameNames && i < checks.size(); ++i)
        sameNames = checks[i].name == m_checks[i].name;
    if (!sameNames) {
        beginResetModel();
        m_checks = checks;
        endResetModel();
        return;
    }
    m_checks = checks;
    if (!m_checks.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int ChecksModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_checks.size());
}

int ChecksModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChecksModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const metrics::CheckResult &c = m_checks.at(index.row());
    const bool evaluated = c.passes + c.fails > 0;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name:
            return c.name;
        case Passes:
            return style::formatCount(c.passes);
        case Fails:
            return style::formatCount(c.fails);
        case Rate:
            return evaluated ? style::formatPercent(c.rate()) : u"–"_s;
        }
    }
    if (role == Qt::TextAlignmentRole)
        return index.column() == Name ? int(Qt::AlignLeft | Qt::AlignVCenter) : int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::DecorationRole && index.column() == Name)
        return !evaluated ? style::noDataColor() : c.fails == 0 ? style::passColor() : style::failColor();
    if (role == Qt::ForegroundRole && index.column() == Fails && c.fails > 0)
        return style::failColor();
    return {};
}

QVariant ChecksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole)
        return tips::text(tips::Tip::Checks);
    if (role != Qt::DisplayRole)
        return {};
    const QStringList titles = { tr("Check"), tr("Passed"), tr("Failed"), tr("Pass rate") };
    return titles[section];
}

} // namespace stampede::ui
