#include "metrics/slojudge.h"

namespace stampede::metrics {

namespace {

Trend trendOf(model::SloMetric metric)
{
    switch (metric) {
    case model::SloMetric::HttpReqDuration:
        return Trend::Duration;
    case model::SloMetric::Ttft:
        return Trend::Ttft;
    case model::SloMetric::Tpot:
        return Trend::Tpot;
    }
    return Trend::Duration;
}

} // namespace

bool meetsSlo(const RequestOutcome &outcome, const OutcomeSamples &samples, const model::Slo &slo)
{
    if (!outcome.succeeded())
        return false;
    for (model::SloMetric metric : model::allSloMetrics()) {
        const std::optional<std::int64_t> boundMs = slo.bound(metric);
        if (!boundMs)
            continue;
        if (metric != model::SloMetric::HttpReqDuration && !outcome.streamed)
            continue; // a whole response has no first token of its own: not applicable
        const std::int64_t valueUs = samples[trendOf(metric)];
        if (valueUs == OutcomeSamples::none)
            continue; // not measured for this request: not applicable
        if (!(valueUs < *boundMs * 1000))
            return false;
    }
    return true;
}

} // namespace stampede::metrics
