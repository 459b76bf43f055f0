#pragma once
// How long to wait before retrying an attempt, per the scenario's retry block.

#include "scenario/scenario.h"

#include <QByteArray>
#include <QDateTime>

#include <cstdint>

namespace stampede::engine {

/// Retry-After (seconds or HTTP date, when honoured and present) wins; otherwise exponential
/// backoff with full jitter: uniform in [0, min(max_delay, base_delay * 2^(attempt - 1))].
/// Both are capped at max_delay. `attempt` is the 1-based number of the attempt that failed;
/// `uniform` is a draw in [0, 1).
std::int64_t retryDelayMs(const scenario::RetryPolicy &policy, int attempt, const QByteArray &retryAfter,
    const QDateTime &now, double uniform);

} // namespace stampede::engine
