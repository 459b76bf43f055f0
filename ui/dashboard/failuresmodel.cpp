#include "ui/dashboard/failuresmodel.h"

#include "chart/palette.h"
#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/metrictips.h"

namespace stampede::ui {

using namespace Qt::StringLiterals;
using metrics::FailureGroup;

namespace {

bool sameRow(const FailureGroup &a, const FailureGroup &b)
{
    return a.count == b.count && a.lastSeenMs == b.lastSeenMs && a.firstSeenMs == b.firstSeenMs
        && a.errorKey == b.errorKey && a.httpStatus == b.httpStatus && a.message == b.message && a.example == b.example
        && a.lastModel == b.lastModel && a.exampleRequestId == b.exampleRequestId;
}

} // namespace

FailuresModel::FailuresModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void FailuresModel::clear()
{
    beginResetModel();
    m_groups.clear();
    endResetModel();
}

std::int64_t FailuresModel::totalCount() const
{
    std::int64_t total = 0;
    for (const FailureGroup &g : m_groups)
        total += g.count;
    return total;
}

// Rows [0, count) take the new values; one dataChanged over the span that differs.
void FailuresModel::updateExisting(const QList<FailureGroup> &groups, qsizetype count)
{
    qsizetype first = -1, last = -1;
    for (qsizetype i = 0; i < count; ++i) {
        if (sameRow(m_groups[i], groups[i]))
            continue;
        m_groups[i] = groups[i];
        first = first < 0 ? i : first;
        last = i;
    }
    if (first >= 0)
        emit dataChanged(index(int(first), 0), index(int(last), ColumnCount - 1));
}

void FailuresModel::setGroups(const QList<FailureGroup> &groups)
{
    const qsizetype old = m_groups.size(), now = groups.size();
    if (now < old) {
        beginRemoveRows({}, int(now), int(old - 1));
        m_groups.resize(now);
        endRemoveRows();
    }
    updateExisting(groups, std::min(old, now));
    if (now > old) {
        beginInsertRows({}, int(old), int(now - 1));
        m_groups.append(groups.mid(old));
        endInsertRows();
    }
}

int FailuresModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_groups.size());
}

int FailuresModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FailuresModel::displayData(const FailureGroup &g, int column) const
{
    switch (column) {
    case Class:
        return g.errorKey;
    case Status:
        return g.httpStatus > 0 ? QString::number(g.httpStatus) : u"–"_s;
    case Count:
        return style::formatCount(g.count);
    case FirstSeen:
        return style::formatRunTime(g.firstSeenMs);
    case LastSeen:
        return style::formatRunTime(g.lastSeenMs);
    case Model:
        return g.lastModel;
    case Example:
        return g.example.isEmpty() ? g.message : g.example;
    }
    return {};
}

QVariant FailuresModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FailureGroup &g = m_groups.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(g, index.column());
    case SortRole:
        switch (index.column()) {
        case Status:
            return g.httpStatus;
        case Count:
            return qlonglong(g.count);
        case FirstSeen:
            return qlonglong(g.firstSeenMs);
        case LastSeen:
            return qlonglong(g.lastSeenMs);
        default:
            return displayData(g, index.column());
        }
    case Qt::ToolTipRole:
        return index.column() == Example ? QVariant(QString(g.example + u"\n\n"_s + tr("Grouped as: %1").arg(g.message)
                   + (g.exampleRequestId.isEmpty()
                           ? QString()
                           : u"\n"_s + tr("Request id (find it in the gateway's logs): %1").arg(g.exampleRequestId))))
                                         : QVariant();
    case Qt::DecorationRole:
        return index.column() == Class ? QVariant(style::color(chart::palette::errorClass(g.errorKey))) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == Count || index.column() == Status ? int(Qt::AlignRight | Qt::AlignVCenter)
                                                                   : int(Qt::AlignLeft | Qt::AlignVCenter);
    }
    return {};
}

QVariant FailuresModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole)
        return tips::text(tips::Tip::Failures);
    if (role != Qt::DisplayRole)
        return {};
    const QStringList titles = { tr("Class"), tr("Status"), tr("Count"), tr("First seen"), tr("Last seen"),
        tr("Model (latest)"), tr("Latest example") };
    return titles[section];
}

} // namespace stampede::ui
