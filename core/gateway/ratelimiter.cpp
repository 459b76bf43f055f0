#include "ratelimiter.h"

namespace stampede::gateway {

RateLimiter::RateLimiter(int limitPerMinute, int modelCount)
    : m_limit(limitPerMinute)
    , m_admitted(std::size_t(qMax(modelCount, 0)))
{
}

bool RateLimiter::tryAcquire(int model, qint64 nowMs, State *state)
{
    if (m_limit <= 0 || model < 0 || std::size_t(model) >= m_admitted.size())
        return true;
    constexpr qint64 windowMs = 60000;
    std::lock_guard lock(m_mutex);
    std::deque<qint64> &times = m_admitted[std::size_t(model)];
    while (!times.empty() && times.front() <= nowMs - windowMs)
        times.pop_front();
    const bool admitted = qsizetype(times.size()) < m_limit;
    if (admitted)
        times.push_back(nowMs);
    if (state) {
        state->limit = m_limit;
        state->remaining = m_limit - int(times.size());
        state->resetMs = times.empty() ? 0 : times.front() + windowMs - nowMs;
    }
    return admitted;
}

} // namespace stampede::gateway
