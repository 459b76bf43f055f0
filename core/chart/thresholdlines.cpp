#include "chart/thresholdlines.h"

#include "model/metricnames.h"

namespace stampede::chart {

using namespace Qt::StringLiterals;

QList<ThresholdLine> latencyThresholdLines(const QList<ThresholdMark> &marks, const QString &model)
{
    QList<ThresholdLine> lines;
    for (const ThresholdMark &mark : marks) {
        if (mark.metric == model::names::httpReqDuration && mark.model == model)
            lines.append({ mark.bound, mark.label, palette::kThreshold });
    }
    return lines;
}

QList<ThresholdLine> ttftThresholdLines(const QList<ThresholdMark> &marks, const QStringList &models)
{
    QList<ThresholdLine> lines;
    for (const ThresholdMark &mark : marks) {
        if (mark.metric != model::names::ttft)
            continue;
        const int model = int(models.indexOf(mark.model));
        if (!mark.model.isEmpty() && model < 0)
            continue; // a filter on a model that is not in this run
        lines.append({ mark.bound, mark.label, model < 0 ? palette::kThreshold : palette::model(model) });
    }
    return lines;
}

QList<ThresholdLine> throughputThresholdLines(const QList<ThresholdMark> &marks)
{
    QList<ThresholdLine> lines;
    for (const ThresholdMark &mark : marks) {
        const bool requestRate = mark.metric == model::names::iterations || mark.metric == model::names::httpReqs;
        if (requestRate && mark.aggregation == u"rate"_s && mark.model.isEmpty())
            lines.append({ mark.bound, mark.metric + u' ' + mark.label, palette::kThreshold });
    }
    return lines;
}

} // namespace stampede::chart
