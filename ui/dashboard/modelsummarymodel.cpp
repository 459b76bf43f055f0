#include "ui/dashboard/modelsummarymodel.h"

#include "chart/palette.h"
#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/metrictips.h"

#include "report/summarytext.h"
#include "report/tokentable.h"

#include <QFont>

namespace stampede::ui {

using namespace Qt::StringLiterals;
using metrics::GroupStats;

namespace {

bool isLatencyColumn(int column)
{
    using M = ModelSummaryModel;
    return column == M::Mean || column == M::P95 || column == M::P99 || column == M::TtftP95 || column == M::TpotMean;
}

bool isTokenColumn(int column)
{
    return column == ModelSummaryModel::PromptTokens || column == ModelSummaryModel::CompletionTokens;
}

QVariant valueOf(const GroupStats &g, int column)
{
    using M = ModelSummaryModel;
    auto latency = [](const metrics::LatencyStats &l, double v) { return l.count > 0 ? QVariant(v) : QVariant(); };
    switch (column) {
    case M::Concurrency:
        return g.meanInFlight; // one definition: GUI, CLI, report and CSV alike (docs/metrics.md)
    case M::Requests:
        return qlonglong(g.requests);
    case M::Mean:
        return latency(g.latency, g.latency.mean);
    case M::P95:
        return latency(g.latency, g.latency.p95);
    case M::P99:
        return latency(g.latency, g.latency.p99);
    case M::Rps:
        return g.rps;
    case M::ErrorRate:
        return g.errorRate();
    case M::TtftP95:
        return latency(g.ttft, g.ttft.p95);
    case M::TpotMean:
        return latency(g.tpot, g.tpot.mean);
    case M::PromptTokens:
        return qlonglong(g.promptTokens);
    case M::CompletionTokens:
        return qlonglong(g.completionTokens);
    case M::CacheReadTokens:
        return qlonglong(g.cacheReadTokens);
    case M::CacheCreationTokens:
        return qlonglong(g.cacheCreationTokens);
    case M::ReasoningTokens:
        return qlonglong(g.reasoningTokens);
    case M::Cost:
        return g.costUsd;
    case M::SloMet:
        return g.hasSlo() && g.requests > 0 ? QVariant(g.sloAttainment) : QVariant();
    }
    return {};
}

/// The direction in which a column's figure is better, for the columns compared with a baseline
/// (running totals such as requests, tokens and cost are not: they grow with the run's length).
std::optional<report::Better> betterOf(int column)
{
    using M = ModelSummaryModel;
    switch (column) {
    case M::Mean:
    case M::P95:
    case M::P99:
    case M::TtftP95:
    case M::TpotMean:
    case M::ErrorRate:
        return report::Better::Lower;
    case M::Rps:
    case M::SloMet:
        return report::Better::Higher;
    default:
        return std::nullopt;
    }
}

} // namespace

ModelSummaryModel::ModelSummaryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_overall.model = u"all"_s;
    m_columns = wantedColumns();
}

void ModelSummaryModel::setRun(const QStringList &models, const QList<double> &weights, bool openModel, bool slo)
{
    beginResetModel();
    m_models = models;
    m_weights = weights;
    m_openModel = openModel;
    m_slo = slo;
    m_rows = QList<GroupStats>(models.size());
    for (qsizetype i = 0; i < models.size(); ++i)
        m_rows[i].model = models[i];
    m_overall = GroupStats();
    m_overall.model = u"all"_s;
    m_vus = m_inFlight = 0;
    m_columns = wantedColumns();
    endResetModel();
    emit headerDataChanged(Qt::Horizontal, Concurrency, Concurrency);
}

void ModelSummaryModel::clear()
{
    setRun({}, {}, false);
}

void ModelSummaryModel::setStats(const QList<GroupStats> &models, const GroupStats &overall, int vus, int inFlight)
{
    if (models.size() != m_rows.size()) {
        // Stats without a matching setRun(): take the names from the stats.
        QStringList names;
        for (const GroupStats &g : models)
            names.append(g.model);
        setRun(names, QList<double>(names.size(), 1.0), m_openModel, overall.hasSlo());
    }
    m_rows = models;
    m_overall = overall;
    m_vus = vus;
    m_inFlight = inFlight;
    updateColumns();
    emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int ModelSummaryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size()) + 1;
}

int ModelSummaryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QList<ModelSummaryModel::Column> ModelSummaryModel::wantedColumns() const
{
    QList<Column> columns;
    for (int c = Model; c <= Cost; ++c) {
        columns.append(Column(c));
        if (c != CompletionTokens)
            continue;
        // Cache read comes with any cache token: a first request that only wrote the cache reads 0.
        if (m_overall.cacheReadTokens > 0 || m_overall.cacheCreationTokens > 0)
            columns.append(CacheReadTokens);
        if (m_overall.cacheCreationTokens > 0)
            columns.append(CacheCreationTokens);
        if (m_overall.reasoningTokens > 0)
            columns.append(ReasoningTokens);
    }
    if (m_slo)
        columns.append(SloMet);
    return columns;
}

void ModelSummaryModel::updateColumns()
{
    // Both lists keep the order of wantedColumns(): drop what is no longer wanted, then insert what
    // is missing where it belongs.
    const QList<Column> wanted = wantedColumns();
    for (int i = int(m_columns.size()) - 1; i >= 0; --i) {
        if (wanted.contains(m_columns[i]))
            continue;
        beginRemoveColumns({}, i, i);
        m_columns.removeAt(i);
        endRemoveColumns();
    }
    for (int i = 0; i < int(wanted.size()); ++i) {
        if (m_columns.value(i, ColumnCount) == wanted[i])
            continue;
        beginInsertColumns({}, i, i);
        m_columns.insert(i, wanted[i]);
        endInsertColumns();
    }
}

const GroupStats &ModelSummaryModel::group(int row) const
{
    return isMixedRow(row) ? m_overall : m_rows[row];
}

QVariant ModelSummaryModel::number(int row, int column) const
{
    return valueOf(group(row), column);
}

void ModelSummaryModel::setBaseline(const QString &label, const QList<GroupStats> &models, const GroupStats &overall)
{
    m_baseline = Baseline { label, models, overall };
    emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void ModelSummaryModel::clearBaseline()
{
    if (!m_baseline)
        return;
    m_baseline.reset();
    emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

const GroupStats *ModelSummaryModel::baselineGroup(int row) const
{
    if (!m_baseline)
        return nullptr;
    if (isMixedRow(row))
        return &m_baseline->overall;
    const QString &model = m_rows[row].model;
    for (const GroupStats &g : m_baseline->models) {
        if (g.model == model)
            return &g;
    }
    return nullptr;
}

// Shares (error %, SLO met %) change by percentage points, the rest by per cent of the baseline's
// figure (report::changeOf, the comparison's one definition); under 1 % or 0.1 pt is no change.
std::optional<ModelSummaryModel::Delta> ModelSummaryModel::delta(int row, int column) const
{
    const std::optional<report::Better> better = betterOf(column);
    const GroupStats *base = better ? baselineGroup(row) : nullptr;
    if (!base)
        return std::nullopt;
    const QVariant was = valueOf(*base, column), now = number(row, column);
    if (!was.isValid() || !now.isValid())
        return std::nullopt;
    Delta d;
    if (column == ErrorRate || column == SloMet) {
        const double points = (now.toDouble() - was.toDouble()) * 100;
        d.text = (points >= 0 ? u"+"_s : QString()) + QString::number(points, 'f', 1) + u" pt"_s;
        const bool improved = *better == report::Better::Lower ? points < 0 : points > 0;
        d.sign = std::abs(points) < 0.05 ? 0 : improved ? 1 : -1;
    } else {
        const std::optional<report::Change> change = report::changeOf(was.toDouble(), now.toDouble(), *better);
        if (!change)
            return std::nullopt;
        d.text = change->text();
        d.sign = change->none() ? 0 : change->better ? 1 : -1;
    }
    const QString was_ = column == ErrorRate || column == SloMet ? style::formatPercent(was.toDouble())
        : column == Rps                                          ? style::formatRate(was.toDouble())
                                                                 : style::formatMs(was.toDouble());
    d.toolTip = tr("Baseline %1: %2 · %3 (%4)")
                    .arg(m_baseline->label, was_, d.text,
                        d.sign == 0      ? tr("no change")
                            : d.sign > 0 ? tr("better")
                                         : tr("worse"));
    return d;
}

QString ModelSummaryModel::plainModelName(int row) const
{
    return isMixedRow(row) ? tr("mixed") : group(row).model;
}

QString ModelSummaryModel::displayText(int row, int column) const
{
    if (column == Model) // integrity (issue 14): a warning sign when a check fired (the tooltip says which)
        return plainModelName(row) + (group(row).integrity.any() ? u" \u26A0"_s : QString());
    const QVariant v = number(row, column);
    if (!v.isValid())
        return u"–"_s;
    const QString approx = isTokenColumn(column) && group(row).estimatedTokenRequests > 0 ? u"~"_s : QString();
    if (isLatencyColumn(column))
        return style::formatMs(v.toDouble());
    switch (column) {
    case Concurrency:
        return QString::number(v.toDouble(), 'f', 1);
    case Rps:
        return style::formatRate(v.toDouble());
    case ErrorRate:
    case SloMet:
        return style::formatPercent(v.toDouble());
    case Cost:
        return style::formatUsd(v.toDouble());
    default:
        return approx + style::formatCount(v.toLongLong());
    }
}

QString ModelSummaryModel::copyText(int row, int column) const
{
    const QVariant v = number(row, column);
    if (column == Model)
        return plainModelName(row);
    if (column == Concurrency || !v.isValid())
        return displayText(row, column);
    if (isLatencyColumn(column))
        return style::plainNumber(v.toDouble(), 1);
    switch (column) {
    case Rps:
        return style::plainNumber(v.toDouble(), 2);
    case ErrorRate:
    case SloMet:
        return style::plainNumber(v.toDouble() * 100.0, 2);
    case Cost:
        return style::plainNumber(v.toDouble(), 4);
    default:
        return (group(row).estimatedTokenRequests > 0 && isTokenColumn(column) ? u"~"_s : QString())
            + QString::number(v.toLongLong());
    }
}

QString ModelSummaryModel::toolTip(int row, int column) const
{
    const QString own = ownToolTip(row, column);
    const std::optional<Delta> d = delta(row, column);
    if (!d)
        return own;
    return own.isEmpty() ? d->toolTip : own + u'\n' + d->toolTip;
}

QString ModelSummaryModel::ownToolTip(int row, int column) const
{
    const GroupStats &g = group(row);
    if (column == Model) { // the whole name, for a column dragged narrower than it, and integrity's warnings
        const QStringList warnings
            = metrics::integrityWarnings(g.integrity, isMixedRow(row) ? u"all"_s : g.model, g.successes);
        return (QStringList { plainModelName(row) } + warnings).join(u'\n');
    }
    if (isTokenColumn(column) && g.estimatedTokenRequests > 0)
        return tr("Estimated for %1 of %2 requests (no usage from the server)")
            .arg(style::formatCount(g.estimatedTokenRequests), style::formatCount(g.requests));
    if (column == CacheReadTokens && report::cacheReadShare(g))
        return tr("%1 of the prompt-side tokens (prompt + cache read + cache written) were read from the cache")
            .arg(style::formatPercent(*report::cacheReadShare(g)));
    if (column == ReasoningTokens && report::reasoningShare(g))
        return tr("%1 of the completion tokens were reasoning").arg(style::formatPercent(*report::reasoningShare(g)));
    if (column == SloMet && g.hasSlo())
        return tr("%1 of %2 requests met the SLO (%3); goodput %4/s")
            .arg(style::formatCount(g.sloMet), style::formatCount(g.requests), report::sloText(*g.slo),
                style::formatRate(g.goodput));
    if (column == ErrorRate && !g.errors.isEmpty()) {
        QStringList parts;
        for (auto it = g.errors.cbegin(); it != g.errors.cend(); ++it)
            parts.append(it.key() + u": "_s + style::formatCount(it.value()));
        return parts.join(u'\n');
    }
    return {};
}

QVariant ModelSummaryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row(), column = columnAt(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, column);
    case CopyRole:
        return copyText(row, column);
    case SortRole:
        return column == Model ? QVariant(plainModelName(row)) : number(row, column);
    case MixedRole:
        return isMixedRow(row);
    case DeltaRole:
        if (const std::optional<Delta> d = delta(row, column))
            return d->text;
        return {};
    case DeltaSignRole:
        if (const std::optional<Delta> d = delta(row, column))
            return d->sign;
        return 0;
    case Qt::ToolTipRole:
        return toolTip(row, column);
    case Qt::TextAlignmentRole:
        return column == Model ? int(Qt::AlignLeft | Qt::AlignVCenter) : int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::DecorationRole:
        return column == Model && !isMixedRow(row) ? QVariant(style::color(chart::palette::model(row))) : QVariant();
    case Qt::FontRole:
        if (isMixedRow(row)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::BackgroundRole:
        return isMixedRow(row) ? QVariant(style::noDataBackground()) : QVariant();
    }
    return {};
}

QVariant ModelSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    const Column column = columnAt(section);
    using tips::Tip;
    static const QList<Tip> columnTips = { Tip::Model, Tip::InFlight, Tip::Requests, Tip::Mean, Tip::LatencyP95,
        Tip::P99, Tip::Rps, Tip::ErrorRate, Tip::TtftP95, Tip::TpotMean, Tip::PromptTokens, Tip::CompletionTokens,
        Tip::Cost, Tip::SloAttainment, Tip::CacheReadTokens, Tip::CacheCreationTokens, Tip::ReasoningTokens };
    if (role == Qt::ToolTipRole)
        return tips::text(columnTips[column]);
    if (role == Qt::TextAlignmentRole)
        return int((column == Model ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    if (role == CopyRole && column == Cost)
        return tr("Cost ($)");
    if (role != Qt::DisplayRole && role != CopyRole)
        return {};
    const QStringList titles = { tr("Model"), tr("In flight"), tr("Requests"), tr("Mean (ms)"), tr("p95 (ms)"),
        tr("p99 (ms)"), tr("Req/s"), tr("Error %"), tr("TTFT p95 (ms)"), tr("TPOT mean (ms)"), tr("Prompt tokens"),
        tr("Completion tokens"), tr("Cost"), tr("SLO met %"), tr("Cache read"), tr("Cache written"), tr("Reasoning") };
    return titles[column];
}

} // namespace stampede::ui
