#include "ui/dashboard/thresholdstatusmodel.h"

#include "model/metricnames.h"
#include "model/threshold.h"
#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/metrictips.h"

#include <algorithm>

namespace stampede::ui {

using namespace Qt::StringLiterals;

namespace {

bool sameRules(const QList<metrics::ThresholdResult> &a, const QList<metrics::ThresholdResult> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].metric != b[i].metric || a[i].expression != b[i].expression)
            return false;
    }
    return true;
}

} // namespace

ThresholdStatusModel::ThresholdStatusModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ThresholdStatusModel::setResults(const QList<metrics::ThresholdResult> &given)
{
    // The verdict reads at a glance: failing rules first, the rest in the scenario's order.
    QList<metrics::ThresholdResult> results = given;
    std::stable_sort(results.begin(), results.end(),
        [](const auto &a, const auto &b) { return (a.evaluated && !a.passed) > (b.evaluated && !b.passed); });
    if (!sameRules(m_results, results)) {
        beginResetModel();
        m_results = results;
        endResetModel();
        return;
    }
    m_results = results;
    if (!m_results.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

ThresholdStatusModel::State ThresholdStatusModel::state(int row) const
{
    const metrics::ThresholdResult &r = m_results.at(row);
    if (!r.evaluated)
        return State::NoData;
    return r.passed ? State::Pass : State::Fail;
}

int ThresholdStatusModel::failedCount() const
{
    int failed = 0;
    for (int row = 0; row < m_results.size(); ++row)
        failed += state(row) == State::Fail ? 1 : 0;
    return failed;
}

bool ThresholdStatusModel::anyAbort() const
{
    return std::any_of(m_results.begin(), m_results.end(), [](const auto &r) { return r.abortOnFail; });
}

int ThresholdStatusModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_results.size());
}

int ThresholdStatusModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ThresholdStatusModel::formatValue(const metrics::ThresholdResult &result)
{
    if (!result.evaluated)
        return u"–"_s;
    const auto parsed = model::parseThreshold(result.metric, result.expression);
    const QString aggregation = parsed ? parsed->expr.aggregation : QString();
    const QString metric = parsed ? parsed->key.metric : QString();
    const double v = result.value;
    if (aggregation == u"rate"_s && (metric == model::names::httpReqFailed || metric == model::names::checks))
        return QString::number(v, 'g', 4) + u" ("_s + style::formatPercent(v) + u')';
    if (aggregation == u"rate"_s)
        return style::formatRate(v) + u"/s"_s;
    if (aggregation == u"count"_s)
        return style::formatCount(std::int64_t(v));
    if (metric == model::names::costUsd)
        return style::formatUsd(v);
    if (metric == model::names::outputSpeed)
        return style::formatRate(v) + u" tok/s"_s;
    return style::formatMs(v) + u" ms"_s;
}

QString ThresholdStatusModel::displayText(int row, int column) const
{
    const metrics::ThresholdResult &r = m_results.at(row);
    switch (column) {
    case Status:
        return state(row) == State::NoData ? tr("no data") : state(row) == State::Pass ? tr("pass") : tr("FAIL");
    case Metric: {
        // "http_req_duration{model:gpt-4.1}" -> the metric, and the model on a second line: the
        // panel stays narrow enough to sit beside the charts and no name is cut
        const auto key = model::parseMetricKey(r.metric);
        return key && !key->model.isEmpty() ? key->metric + u"\n"_s + key->model : r.metric;
    }
    case Rule:
        return r.expression;
    case Value:
        return formatValue(r);
    case Abort:
        return r.abortOnFail ? tr("abort") : QString();
    }
    return {};
}

QVariant ThresholdStatusModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const State s = state(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(index.row(), index.column());
    case StateRole:
        return int(s);
    case Qt::DecorationRole:
        if (index.column() != Status)
            return {};
        return s == State::Pass ? style::passColor() : s == State::Fail ? style::failColor() : style::noDataColor();
    case Qt::BackgroundRole:
        return s == State::Pass ? style::passBackground()
            : s == State::Fail  ? style::failBackground()
                                : style::noDataBackground();
    case Qt::ForegroundRole:
        return index.column() == Status && s == State::Fail ? QVariant(style::failColor()) : QVariant();
    case Qt::ToolTipRole: {
        const metrics::ThresholdResult &r = m_results.at(index.row());
        const QString rule = r.metric + u": "_s + r.expression;
        return s == State::NoData ? rule + u"\n"_s + tr("Not evaluated yet: the metric has no data") : rule;
    }
    case Qt::TextAlignmentRole:
        return index.column() == Value ? int(Qt::AlignRight | Qt::AlignVCenter) : int(Qt::AlignLeft | Qt::AlignVCenter);
    }
    return {};
}

QVariant ThresholdStatusModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole)
        return tips::text(tips::Tip::Thresholds);
    if (role != Qt::DisplayRole)
        return {};
    const QStringList titles = { tr("Status"), tr("Metric"), tr("Rule"), tr("Value"), tr("On fail") };
    return titles[section];
}

} // namespace stampede::ui
