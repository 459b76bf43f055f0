#pragma once
// What every dashboard chart needs to know about a run before its first second arrives: the
// models (palette order), the plan (planned series) and the thresholds that can be drawn as lines.

#include "chart/thresholdlines.h"
#include "report/runmeta.h"
#include "scenario/plan.h"

#include <QList>
#include <QStringList>

namespace stampede::ui {

struct ChartContext {
    QStringList models; ///< enabled models, RunMeta::models order (= SecondPoint::groups[i + 1])
    QList<double> weights; ///< their weights, same order
    scenario::Plan plan;
    bool openModel = false;
    int maxInFlight = 0; ///< open model: the in-flight cap
    bool slo = false; ///< the scenario declares an SLO: goodput is drawn and tabled
    QList<chart::ThresholdMark> thresholds; ///< drawn per chart by chart::*ThresholdLines()

    static ChartContext fromRunMeta(const report::RunMeta &info);
};

/// Parses a scenario's thresholds into marks; rules that do not parse are skipped.
QList<chart::ThresholdMark> thresholdMarks(const scenario::Scenario &scenario);

} // namespace stampede::ui
