#pragma once
// What every dashboard chart needs to know about a run before its first second arrives: the
// models (palette order), the plan (planned series) and the thresholds that can be drawn as lines.

#include "engine/runinfo.h"
#include "scenario/plan.h"

#include <QList>
#include <QStringList>

namespace stampede::ui {

/// One threshold rule that has a bound on a chart's value axis, e.g. http_req_duration p(95)<2000.
struct ThresholdMark {
    QString metric; ///< "http_req_duration", "ttft", ...
    QString model; ///< empty: every model
    QString aggregation; ///< "p(95)", "avg", "rate", ...
    QString expression; ///< as written, e.g. "p(95)<2000"
    double bound = 0;
    QString label; ///< what the chart writes next to the line, e.g. "p95 < 2000 ms"
};

struct ChartContext {
    QStringList models; ///< enabled models, RunInfo::models order (= SecondPoint::groups[i + 1])
    QList<double> weights; ///< their weights, same order
    scenario::Plan plan;
    bool openModel = false;
    int maxInFlight = 0; ///< open model: the in-flight cap
    QList<ThresholdMark> thresholds;

    static ChartContext fromRunInfo(const engine::RunInfo &info);
    /// The marks on `metric` (any model when `model` is null, else exactly that model filter).
    QList<ThresholdMark> marksFor(QLatin1StringView metric) const;
    int modelIndex(const QString &model) const { return int(models.indexOf(model)); }
};

/// Parses a scenario's thresholds into marks; rules that do not parse are skipped.
QList<ThresholdMark> thresholdMarks(const scenario::Scenario &scenario);

} // namespace stampede::ui
