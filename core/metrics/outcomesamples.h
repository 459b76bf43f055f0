#pragma once
// The trend values one RequestOutcome contributes, computed once and recorded into every group and
// window it belongs to. Definitions (docs/metrics.md, ANCHORS "Metric definitions"):
//
//   scheduled     sent    first byte   first token          last token   end
//       |---------|-----------|------------|--------------------|----------|
//       |  queue  |-- ttfb ---|            |<-- tpot x (n-1) -->|          |
//       |         |------- ttft -----------|                               |
//       |         |---------------- http_req_duration ---------------------|
//       |------------------------- scheduled_duration ---------------------|
//
// Durations are microseconds; output speed is milli-tokens per second. Latency, scheduled
// duration, TTFT, TPOT and output speed are over successes; the _all duration, TTFB, queue and
// ITL over every outcome where the events happened.

#include "metrics/requestoutcome.h"
#include "metrics/trendmetrics.h"

#include <array>
#include <cstdint>

namespace stampede::metrics {

struct OutcomeSamples {
    static constexpr std::int64_t none = -1;
    /// One value per trend (none when the outcome has none); Trend::Itl is always none here,
    /// its values are RequestOutcome::itlUs.
    std::array<std::int64_t, trendCount> values {};

    std::int64_t operator[](Trend trend) const { return values[std::size_t(trend)]; }
    static OutcomeSamples of(const RequestOutcome &outcome);
};

} // namespace stampede::metrics
