#pragma once
// Tooltip texts that define what each number on the dashboard means, taken from docs/metrics.md
// (keep them in step). GUI thread only.

#include <QString>

namespace stampede::ui::tips {

enum class Tip {
    Elapsed,
    Requests,
    Rps,
    LatencyP95,
    ErrorRate,
    OutputTokens,
    Cost,
    Model,
    Vus,
    InFlight,
    Mean,
    P99,
    TtftP95,
    TpotMean,
    PromptTokens,
    CompletionTokens,
    CacheReadTokens,
    CacheCreationTokens,
    ReasoningTokens,
    LatencyChart,
    ThroughputChart,
    ErrorsChart,
    VusChart,
    TtftChart,
    Turns,
    Thresholds,
    Checks,
    Failures,
    Goodput,
    SloAttainment,
    LimitWait,
    Budget,
    GatewayOverhead,
    MeasuredOverhead,
};

/// Rich text (a bold name, then the definition).
QString text(Tip tip);

} // namespace stampede::ui::tips
