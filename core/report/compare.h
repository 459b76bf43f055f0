#pragma once
// Comparing runs: the first run is the baseline, every later one is compared with it, per model
// and overall, on the figures people decide by (docs/metrics.md "Comparing runs"). The latency
// difference gets a significance hint computed from the run-long histograms (Mann-Whitney U), so a
// difference inside the noise says so. `stampede compare` and the HTML comparison use this.

#include "metrics/histogram.h"
#include "report/runrecord.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <cmath>
#include <optional>

namespace stampede::report {

/// Which direction of a change is an improvement.
enum class Better { Lower, Higher };

struct CompareMetric {
    QString key; ///< JSON key, e.g. "latency_p95_ms"
    QString label; ///< table label, e.g. "p95 latency (ms)"
    Better better = Better::Lower;
    int decimals = 0; ///< in the text table
};

/// The compared figures, in table order.
const QList<CompareMetric> &compareMetrics();

/// Mann-Whitney U of two histograms (bucket = value; ties share their mid-rank), with the normal
/// approximation and the tie correction. `a` is the baseline.
struct Significance {
    bool enough = false; ///< both sides have at least kMinSamples values
    double pValue = 1; ///< two-sided
    double z = 0;
    /// P(a value of b > a value of a) + half the ties: 0.5 means neither tends higher.
    double probabilityHigher = 0.5;
    bool significant() const { return enough && pValue < 0.05; }
    /// "b slower (p = 0.003, P(b > a) = 0.71)", "within the noise (p = 0.41)", "too few requests".
    QString text() const;
    static constexpr std::uint64_t kMinSamples = 20;
};
Significance mannWhitney(const metrics::Histogram &a, const metrics::Histogram &b);

/// One run in a comparison.
struct ComparedRun {
    QString label; ///< the run folder's name (or the file's)
    QString source; ///< the folder or file it was read from
    RunRecord record;
};

/// One group (a model, or "all") across the runs: values[metric][run], nullopt where the run did
/// not measure it (the model was not in that run, or nothing was measured).
struct CompareGroup {
    QString model; ///< "all" for every model together
    QList<QList<std::optional<double>>> values;
    QList<Significance> latency; ///< run i (i >= 1) against run 0; index 0 unused
    /// Some run has the figure (goodput and SLO met % only where a run declared an SLO): the text,
    /// HTML and dialog tables leave out the rows no run has.
    bool measured(int metric) const;
};

struct Comparison {
    QList<ComparedRun> runs;
    QList<CompareGroup> groups; ///< "all" first, then the models in first-seen order
};

Comparison compareRuns(const QList<ComparedRun> &runs);

/// Run `run`'s change against the baseline on figure `metric` of `group`: nullopt when either side
/// has no figure or the baseline is 0 (no percentage).
struct Change {
    double percent = 0;
    bool better = false; ///< in the figure's good direction
    bool none() const { return std::abs(percent) < 1; } ///< under 1 %: neither better nor worse
    QString text() const; ///< "+7.6 %"
};
std::optional<Change> change(const CompareGroup &group, int metric, int run);
/// The one definition of a change, also used by the dashboard's deltas against a baseline run:
/// nullopt when the baseline is 0 or either side is not finite.
std::optional<Change> changeOf(double baseline, double value, Better better);

/// The delta cell of every comparison view (text, HTML, dialog): the absolute difference in the
/// figure's own unit and, where the baseline is not 0, the % change: "+172 (+25.0 %)"; "+3" when
/// the baseline is 0; empty when a side has no figure. `tone` colours it: none under 1 % (or, from
/// a zero baseline, no difference at the shown precision), else better or worse.
struct DeltaCell {
    enum class Tone { None, Better, Worse };
    QString text;
    Tone tone = Tone::None;
    QString words() const; ///< "better", "worse" or "" (none)
};
DeltaCell deltaCell(const CompareGroup &group, int metric, int run);

/// A regression budget for CI (`--fail-if`), e.g. "p(95)+10%", "ttft:p(99)+200ms",
/// "error_rate+1%" (percentage points), "rps-5%", "cost_per_1k+20%".
struct RegressionBudget {
    QString text;
    QString metricKey; ///< a compareMetrics() key
    QString metricLabel; ///< "p(95)", "ttft p(99)", "error rate", ...
    double limit = 0; ///< percent, milliseconds or percentage points
    enum class Unit { Percent, Milliseconds, Points } unit = Unit::Percent;
};
/// nullopt and `error` (what is wrong and the accepted forms) when `text` is not a budget.
std::optional<RegressionBudget> parseRegressionBudget(const QString &text, QString *error);

/// Every group present in both the baseline and a later run, checked against every budget: one
/// line per breach ("run B, claude-sonnet-4-5: p(95) 812 ms vs 640 ms (+26.9 %), budget +10 %").
QStringList budgetBreaches(const Comparison &comparison, const QList<RegressionBudget> &budgets);

/// The text table `stampede compare` prints.
QString comparisonText(const Comparison &comparison);
/// --json: runs, groups with values, deltas and the significance per later run.
nlohmann::json comparisonJson(const Comparison &comparison, const QStringList &breaches);
/// --html: one offline page (the table, deltas coloured, and overlaid latency CDFs per model).
QString comparisonHtml(const Comparison &comparison, const QStringList &breaches);

/// Latency CDF of a histogram as (milliseconds, cumulative share) points, one per non-empty
/// bucket (its upper bound), for the overlaid CDF charts.
QList<QPair<double, double>> latencyCdf(const metrics::Histogram &histogram);

} // namespace stampede::report
