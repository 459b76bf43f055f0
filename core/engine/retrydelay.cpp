#include "engine/retrydelay.h"

#include "protocol/retryafter.h"

#include <algorithm>
#include <cmath>

namespace stampede::engine {

std::int64_t retryDelayMs(const scenario::RetryPolicy &policy, int attempt, const QByteArray &retryAfter,
    const QDateTime &now, double uniform)
{
    std::int64_t delay = -1;
    if (policy.honorRetryAfter && !retryAfter.isEmpty()) {
        if (auto parsed = protocol::parseRetryAfter(retryAfter, now))
            delay = *parsed;
    }
    if (delay < 0) {
        const double cap = std::min<double>(
            double(policy.maxDelayMs), double(policy.baseDelayMs) * std::pow(2.0, std::max(0, attempt - 1)));
        delay = std::int64_t(std::clamp(uniform, 0.0, 1.0) * cap);
    }
    return std::clamp<std::int64_t>(delay, 0, policy.maxDelayMs);
}

} // namespace stampede::engine
