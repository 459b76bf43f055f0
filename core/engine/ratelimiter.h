#pragma once
// The scenario's client-side caps ("limits", docs/metrics.md "Quotas and spend"): an RPM and a TPM
// token bucket (engine/tokenbucket.h) for every model together and for each enabled model that
// declares its own. A request takes from both, in two stages: first its model's buckets, then,
// once those allow it, the overall ones. One stage for both would charge the overall buckets at
// the model's (possibly far) future time, and a model held back by its own cap would then hold
// every other model back with it.
//
// Ownership and threads: RunContext owns the one RateLimiter of a run; every worker thread's
// request runners call reserve() and correct() on it. One small mutex guards all the buckets (each
// call is a few arithmetic operations, two or three per request, so it is held for well under a
// microsecond). Times come from the caller (the run clock, or virtual time in the tests).

#include "scenario/scenario.h"

#include "engine/tokenbucket.h"

#include <QList>

#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

namespace stampede::engine {

class RateLimiter
{
public:
    /// `models`: the caps of each enabled model (RequestJob::modelIndex order).
    RateLimiter(
        const scenario::RateLimits &overall, const QList<scenario::RateLimits> &models, std::int64_t startNs = 0);

    /// Whether a cap applies to the model's requests (its own or the overall one).
    bool applies(int model) const;
    /// The overall buckets, for reserve().
    static constexpr int kOverall = -1;
    /// Takes one request and `tokens` (the TPM estimate) from the buckets of `model` (its own; none:
    /// nowNs) or of kOverall at the earliest time >= nowNs they allow, and returns that time.
    std::int64_t reserve(int model, double tokens, std::int64_t nowNs);
    /// A request reserved `reserved` tokens and used `actual` (usage): its model's and the overall
    /// TPM buckets are corrected.
    void correct(int model, double reserved, double actual);

private:
    struct Caps {
        std::optional<TokenBucket> rpm;
        std::optional<TokenBucket> tpm;
        bool isEmpty() const { return !rpm && !tpm; }
    };
    static Caps makeCaps(const scenario::RateLimits &limits, std::int64_t startNs);

    std::mutex m_mutex;
    Caps m_overall;
    std::vector<Caps> m_models;
};

} // namespace stampede::engine
