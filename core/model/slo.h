#pragma once
// Service-level objectives, the scenario's "slo": an upper bound per metric that a successful
// request must stay under to count as good. The scenario declares them (top level, and per model
// overriding the top level key by key), the aggregator judges each request by them (goodput,
// slo_attainment) and the exports print them. Definitions: docs/metrics.md, "Goodput and SLOs".

#include <QLatin1StringView>
#include <QStringList>
#include <QStringView>

#include <array>
#include <cstdint>
#include <optional>

namespace stampede::model {

enum class SloMetric { HttpReqDuration, Ttft, Tpot };
inline constexpr int sloMetricCount = 3;

/// Every metric an SLO may bound, in documentation order.
const std::array<SloMetric, sloMetricCount> &allSloMetrics();
/// The metric's name (model/metricnames.h), also its key in every "slo" object: "http_req_duration", "ttft", "tpot".
QLatin1StringView sloMetricName(SloMetric metric);
std::optional<SloMetric> sloMetricFromName(QStringView name);
QStringList sloMetricNames();

struct Slo {
    /// Bound per metric in milliseconds; a request meets it when its value is strictly less.
    /// nullopt: no bound on that metric.
    std::array<std::optional<std::int64_t>, sloMetricCount> boundsMs {};

    std::optional<std::int64_t> bound(SloMetric metric) const { return boundsMs[std::size_t(metric)]; }
    void setBound(SloMetric metric, std::optional<std::int64_t> ms) { boundsMs[std::size_t(metric)] = ms; }
    bool isEmpty() const;
    /// This SLO (the top level's) with every bound `perModel` declares in place of its own.
    Slo overriddenBy(const Slo &perModel) const;
    bool operator==(const Slo &) const = default;
};

} // namespace stampede::model
