#pragma once
// The workload a run sent (issue 16; docs/metrics.md, "Workloads"): where its prompts came from and
// what shaped them, in words, for the HTML report's "Workload" section and the text summary; the
// token lengths actually sent and received are in each group's TokenLengths.

#include "metrics/stats.h"
#include "scenario/scenario.h"

#include <QString>
#include <QStringList>

namespace stampede::report {

/// One sentence per aspect the scenario sets, plain text: the prompt source (the pool, a dataset
/// and its order, synthetic prompts and their length distribution), conversations, shared
/// prefixes, tools, and the models' max_tokens.
QStringList workloadDescription(const scenario::Scenario &scenario);

/// "uniform 50–3,000 tokens", "normal, mean 800, sd 200 tokens", "120 tokens each": a synthetic
/// length distribution in words.
QString tokenDistributionText(const scenario::TokenDistribution &d);

/// "1,024–2,047": a token-length bucket's range (the last: "8,388,608+" past the top).
QString tokenBucketLabel(int bucket, std::int64_t max);

/// "mean 812 (12–4,001)": a histogram's mean, min and max tokens; "-" when empty.
QString tokenLengthSummary(const metrics::TokenLengthHistogram &h);

} // namespace stampede::report
