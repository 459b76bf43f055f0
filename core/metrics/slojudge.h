#pragma once
// Judging one finished request against the SLO of its model (model/slo.h): the one rule behind
// goodput and slo_attainment, live and at the end (docs/metrics.md, "Goodput and SLOs").

#include "metrics/outcomesamples.h"
#include "model/slo.h"

namespace stampede::metrics {

/// True when the request succeeded and each bound that applies to it holds (value strictly less
/// than the bound, on the values the trends record: whole microseconds). A bound on a metric the
/// request did not measure does not apply: ttft and tpot of a request that was not streamed (its
/// "first token" is its last byte), tpot with fewer than two tokens, any value whose events are
/// missing. A failed request never meets it; a cancelled one is not judged (false, and not counted).
bool meetsSlo(const RequestOutcome &outcome, const OutcomeSamples &samples, const model::Slo &slo);

} // namespace stampede::metrics
