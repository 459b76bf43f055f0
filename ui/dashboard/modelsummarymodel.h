#pragma once
// The per-model results table, live: one row per enabled model and the "mixed" row (every model)
// last, with the seed article's columns (model, VUs or in flight, mean, p95, p99, req/s, error %)
// plus requests, TTFT p95, TPOT mean, tokens and cost, and "SLO met %" when the run declares an SLO
// (the last column, absent otherwise). Prompt-cache and reasoning tokens (issue 16) get their columns,
// after the completion tokens, from the first snapshot that has any: a run whose server reports none
// looks as before. Rows are fixed for a run, so a snapshot is one dataChanged() (and at most a few
// columns inserted, once each). With a baseline run (Run ▸ Use as Baseline), each figure that has a better
// direction carries its change against the same model's figure in the baseline (DeltaRole), drawn
// beside the figure by DeltaDelegate. GUI thread only.

#include "report/compare.h"

#include "metrics/stats.h"

#include <QAbstractTableModel>

#include <optional>

namespace stampede::ui {

class ModelSummaryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Model,
        Concurrency,
        Requests,
        Mean,
        P95,
        P99,
        Rps,
        ErrorRate,
        TtftP95,
        TpotMean,
        PromptTokens,
        CompletionTokens,
        Cost,
        SloMet, ///< only when the run declares an SLO (columnCount() stops before it otherwise)
        // Optional token columns (issue 16), each shown once the run has any such tokens, after
        // CompletionTokens: from then on section() != the enum value for Cost and SloMet.
        CacheReadTokens,
        CacheCreationTokens,
        ReasoningTokens,
        ColumnCount
    };
    // The enum values are the sections of a run without optional token columns; section() and
    // columnAt() map between the two in any run.
    enum Role {
        SortRole = Qt::UserRole, ///< raw numbers (or the name) for sorting
        CopyRole, ///< plain text for the clipboard: no group separators, no units
        MixedRole, ///< true on the mixed row
        DeltaRole, ///< "+7.6 %" (latency, req/s) or "+1.2 pt" (error %, SLO met %) against the baseline; else invalid
        DeltaSignRole, ///< int: 1 better, -1 worse, 0 within 1 % (0.1 pt) or no baseline
    };

    explicit ModelSummaryModel(QObject *parent = nullptr);

    /// The run's models (RunMeta::models order) and weights, and whether it declares an SLO; resets the rows.
    void setRun(const QStringList &models, const QList<double> &weights, bool openModel, bool slo = false);
    /// Cumulative statistics; `vus` / `inFlight` are the current (or peak) run-wide values.
    void setStats(const QList<metrics::GroupStats> &models, const metrics::GroupStats &overall, int vus, int inFlight);
    void clear();
    /// The run every figure is compared with (`label` names it in the tooltips); by model name, the
    /// mixed row with `overall`. A model the baseline did not run has no deltas.
    void setBaseline(
        const QString &label, const QList<metrics::GroupStats> &models, const metrics::GroupStats &overall);
    void clearBaseline();
    bool hasBaseline() const { return m_baseline.has_value(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    bool isMixedRow(int row) const { return row == int(m_rows.size()); }
    /// The section that shows `column`; -1 when the run does not show it.
    int section(Column column) const { return int(m_columns.indexOf(column)); }
    Column columnAt(int section) const { return m_columns.value(section, ColumnCount); }

private:
    /// The columns the run shows, in order: the fixed ones, SloMet with an SLO, and each optional
    /// token column once `m_overall` has such tokens. Inserts (or removes) sections to match.
    void updateColumns();
    QList<Column> wantedColumns() const;
    const metrics::GroupStats &group(int row) const;
    QVariant number(int row, int column) const; ///< raw value; invalid when there is none
    QString plainModelName(int row) const; ///< without integrity's warning sign
    QString displayText(int row, int column) const;
    QString copyText(int row, int column) const;
    QString toolTip(int row, int column) const; ///< ownToolTip() and the change against the baseline
    QString ownToolTip(int row, int column) const;
    const metrics::GroupStats *baselineGroup(int row) const;
    struct Delta {
        QString text;
        int sign = 0;
        QString toolTip;
    };
    std::optional<Delta> delta(int row, int column) const;

    QStringList m_models;
    QList<double> m_weights;
    bool m_openModel = false;
    bool m_slo = false;
    QList<Column> m_columns;
    QList<metrics::GroupStats> m_rows;
    metrics::GroupStats m_overall;
    int m_vus = 0;
    int m_inFlight = 0;
    struct Baseline {
        QString label;
        QList<metrics::GroupStats> models;
        metrics::GroupStats overall;
    };
    std::optional<Baseline> m_baseline;
};

} // namespace stampede::ui
