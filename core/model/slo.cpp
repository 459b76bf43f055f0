#include "model/slo.h"

#include "model/metricnames.h"

namespace stampede::model {

const std::array<SloMetric, sloMetricCount> &allSloMetrics()
{
    static constexpr std::array<SloMetric, sloMetricCount> metrics { SloMetric::HttpReqDuration, SloMetric::Ttft,
        SloMetric::Tpot };
    return metrics;
}

QLatin1StringView sloMetricName(SloMetric metric)
{
    switch (metric) {
    case SloMetric::HttpReqDuration:
        return names::httpReqDuration;
    case SloMetric::Ttft:
        return names::ttft;
    case SloMetric::Tpot:
        return names::tpot;
    }
    return {};
}

std::optional<SloMetric> sloMetricFromName(QStringView name)
{
    for (SloMetric metric : allSloMetrics()) {
        if (name == sloMetricName(metric))
            return metric;
    }
    return std::nullopt;
}

QStringList sloMetricNames()
{
    QStringList list;
    for (SloMetric metric : allSloMetrics())
        list.append(sloMetricName(metric));
    return list;
}

bool Slo::isEmpty() const
{
    for (const std::optional<std::int64_t> &bound : boundsMs) {
        if (bound)
            return false;
    }
    return true;
}

Slo Slo::overriddenBy(const Slo &perModel) const
{
    Slo merged = *this;
    for (std::size_t i = 0; i < merged.boundsMs.size(); ++i) {
        if (perModel.boundsMs[i])
            merged.boundsMs[i] = perModel.boundsMs[i];
    }
    return merged;
}

} // namespace stampede::model
