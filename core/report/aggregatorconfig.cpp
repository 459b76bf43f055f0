#include "report/aggregatorconfig.h"

namespace stampede::report {

metrics::AggregatorConfig aggregatorConfigFor(const scenario::Scenario &scenario, const QStringList &models)
{
    metrics::AggregatorConfig config;
    const QList<scenario::ModelSpec> enabled = scenario.enabledModels();
    for (const QString &name : models) {
        config.models << name;
        model::Price price;
        model::Slo slo = scenario.slo;
        for (const scenario::ModelSpec &spec : enabled) {
            if (spec.model == name) {
                price = spec.price;
                slo = scenario.sloFor(spec);
                break;
            }
        }
        config.prices << price;
        config.modelSlos << slo;
    }
    config.slo = scenario.slo;
    for (const scenario::ThresholdSet &set : scenario.thresholds) {
        for (const scenario::ThresholdRule &rule : set.rules)
            config.thresholds.append({ set.metricKey, rule.expression, rule.abortOnFail, rule.delayAbortEvalMs });
    }
    config.checks = scenario.checks;
    config.openModel = scenario.load.isOpenModel();
    if (scenario.directTarget)
        config.directBaseUrl = scenario.directTarget->baseUrl;
    if (scenario.load.executor == scenario::ExecutorKind::Sweep) {
        config.sweep = scenario.load.sweep;
        // A step is judged when its requests are back, or a timeout (at most one step) after it.
        config.sweepSettleMs = std::min<std::int64_t>(scenario.target.timeoutMs, scenario.load.sweep.stepDurationMs);
    }
    return config;
}

} // namespace stampede::report
