#pragma once
// Threshold rules drawn on charts: which rule becomes a dashed line on which chart, with which
// label and colour. The rules come parsed (ThresholdMark); parsing them is not this room's job.

#include "chart/palette.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace stampede::chart {

/// One threshold rule that has a bound on a chart's value axis, e.g. http_req_duration p(95)<2000.
struct ThresholdMark {
    QString metric; ///< "http_req_duration", "ttft", ...
    QString model; ///< empty: every model
    QString aggregation; ///< "p(95)", "avg", "rate", ...
    QString expression; ///< as written, e.g. "p(95)<2000"
    double bound = 0;
    QString label; ///< what the chart writes next to the line, e.g. "p95 < 2000 ms"
};

struct ThresholdLine {
    double value = 0;
    QString label;
    Rgb color = palette::kThreshold;
};

/// The latency chart of one group (`model` empty: every model): its http_req_duration rules.
QList<ThresholdLine> latencyThresholdLines(const QList<ThresholdMark> &marks, const QString &model);
/// The TTFT chart (one line per model of `models`): its ttft rules, in the model's colour when the
/// rule filters on one, skipping filters on models not in the run.
QList<ThresholdLine> ttftThresholdLines(const QList<ThresholdMark> &marks, const QStringList &models);
/// The throughput chart (req/s of every model): rate rules on iterations and http_reqs.
QList<ThresholdLine> throughputThresholdLines(const QList<ThresholdMark> &marks);

} // namespace stampede::chart
