#pragma once
// The pre-run cost estimate (docs/metrics.md, "Quotas and spend"): what a scenario would cost at
// most, from its plan, prompts, max_tokens and prices, with no network. `stampede run --dry-run`,
// the editor's "Estimated cost" line and summary.json's budget.estimated_usd all use this one.

#include "scenario/scenario.h"

#include <QString>

namespace stampede::engine {

struct CostEstimate {
    /// Open model: the plan's expected arrivals. Closed model: VU-seconds / assumedIterationS
    /// (the count follows the server's latency, which is not known before the run). Either way at
    /// most what the overall limits.rpm lets through in the plan's duration.
    double requests = 0;
    double promptTokens = 0; ///< estimated per request, from the prompts' text (~4 characters a token)
    double usdPerRequest = 0; ///< mean over the models by weight, with max_tokens completion tokens: an upper bound
    double usd = 0; ///< requests x usdPerRequest
    bool openModel = false;
    bool cappedByRpm = false; ///< the overall limits.rpm, not the plan, set the request count
    double assumedIterationS = 0; ///< closed model: seconds per VU iteration assumed (1 s + mean think time)

    /// "~$0.42 (1200 requests × ≤ $0.00035 each: ~40 prompt + ≤ 150 completion tokens)", plus what a
    /// closed model's count assumes.
    QString text() const;
};

/// The assumed latency of one request in a closed model's estimate.
inline constexpr double kAssumedLatencyS = 1.0;

CostEstimate estimateCost(const scenario::Scenario &scenario);

} // namespace stampede::engine
