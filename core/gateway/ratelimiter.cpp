#include "ratelimiter.h"

namespace stampede::gateway {

RateLimiter::RateLimiter(int limitPerMinute, int modelCount)
    : m_limit(limitPerMinute)
    , m_admitted(std::size_t(qMax(modelCount, 0)))
{
}

bool RateLimiter::tryAcquire(int model, qint64 nowMs)
{
    if (m_limit <= 0 || model < 0 || std::size_t(model) >= m_admitted.size())
        return true;
    constexpr qint64 windowMs = 60000;
    std::lock_guard lock(m_mutex);
    std::deque<qint64> &times = m_admitted[std::size_t(model)];
    while (!times.empty() && times.front() <= nowMs - windowMs)
        times.pop_front();
    if (qsizetype(times.size()) >= m_limit)
        return false;
    times.push_back(nowMs);
    return true;
}

} // namespace stampede::gateway
