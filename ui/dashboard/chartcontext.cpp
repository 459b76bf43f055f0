#include "ui/dashboard/chartcontext.h"

#include "model/metricnames.h"
#include "model/threshold.h"

namespace stampede::ui {

using namespace Qt::StringLiterals;

namespace {

QString operatorText(model::Comparison op)
{
    switch (op) {
    case model::Comparison::Less:
        return u"<"_s;
    case model::Comparison::LessEq:
        return u"≤"_s;
    case model::Comparison::Greater:
        return u">"_s;
    case model::Comparison::GreaterEq:
        return u"≥"_s;
    case model::Comparison::Equal:
        return u"="_s;
    case model::Comparison::NotEqual:
        return u"≠"_s;
    }
    return {};
}

QString unitFor(const QString &metric, const QString &aggregation)
{
    if (metric == model::names::outputSpeed)
        return u" tok/s"_s;
    if (aggregation == u"rate"_s)
        return metric == model::names::httpReqFailed || metric == model::names::checks ? QString() : u"/s"_s;
    if (aggregation == u"count"_s || metric == model::names::costUsd)
        return {};
    return u" ms"_s;
}

// "p(95)" -> "p95", "med" -> "p50"
QString shortAggregation(const QString &aggregation)
{
    if (aggregation.startsWith(u"p("_s) && aggregation.endsWith(u')'))
        return u'p' + aggregation.mid(2, aggregation.size() - 3);
    if (aggregation == u"med"_s)
        return u"p50"_s;
    return aggregation;
}

} // namespace

QList<chart::ThresholdMark> thresholdMarks(const scenario::Scenario &scenario)
{
    QList<chart::ThresholdMark> marks;
    for (const scenario::ThresholdSet &set : scenario.thresholds) {
        for (const scenario::ThresholdRule &rule : set.rules) {
            const auto parsed = model::parseThreshold(set.metricKey, rule.expression);
            if (!parsed)
                continue;
            chart::ThresholdMark mark;
            mark.metric = parsed->key.metric;
            mark.model = parsed->key.model;
            mark.aggregation = parsed->expr.aggregation;
            mark.expression = rule.expression;
            mark.bound = parsed->expr.bound;
            mark.label = shortAggregation(mark.aggregation) + u' ' + operatorText(parsed->expr.op) + u' '
                + QString::number(mark.bound, 'g', 6) + unitFor(mark.metric, mark.aggregation);
            if (!mark.model.isEmpty())
                mark.label = mark.model + u": "_s + mark.label;
            marks.append(mark);
        }
    }
    return marks;
}

ChartContext ChartContext::fromRunMeta(const report::RunMeta &info)
{
    ChartContext context;
    context.models = info.models;
    const QList<scenario::ModelSpec> enabled = info.scenario.enabledModels();
    for (const QString &model : info.models) {
        double weight = 1.0;
        for (const scenario::ModelSpec &spec : enabled) {
            if (spec.model == model)
                weight = spec.weight;
        }
        context.weights.append(weight);
    }
    context.plan = info.plan;
    context.openModel = info.plan.openModel || info.scenario.load.isOpenModel();
    context.maxInFlight = context.openModel ? info.scenario.load.maxInFlight : 0;
    context.thresholds = thresholdMarks(info.scenario);
    context.slo = info.scenario.declaresSlo();
    return context;
}

} // namespace stampede::ui
