#include "engine/tokenbucket.h"

#include <algorithm>
#include <cmath>

namespace stampede::engine {

TokenBucket::TokenBucket(double perMinute, double initialLevel, std::int64_t startNs)
    : m_nsPerUnit(60e9 / perMinute)
    , m_capacity(std::max(1.0, perMinute / 60.0))
    , m_fullNs(double(startNs) + (m_capacity - std::clamp(initialLevel, 0.0, m_capacity)) * m_nsPerUnit)
{
}

std::int64_t TokenBucket::availableAt(double amount, std::int64_t nowNs) const
{
    const double need = std::min(amount, m_capacity);
    const double at = m_fullNs - (m_capacity - need) * m_nsPerUnit;
    return std::max(nowNs, std::int64_t(std::ceil(at)));
}

void TokenBucket::take(double amount, std::int64_t atNs)
{
    m_fullNs = std::max(m_fullNs, double(atNs)) + amount * m_nsPerUnit;
}

std::int64_t TokenBucket::reserve(double amount, std::int64_t nowNs)
{
    const std::int64_t at = availableAt(amount, nowNs);
    take(amount, at);
    return at;
}

void TokenBucket::correct(double delta)
{
    m_fullNs -= delta * m_nsPerUnit;
}

double TokenBucket::level(std::int64_t nowNs) const
{
    return m_capacity - std::max(0.0, m_fullNs - double(nowNs)) / m_nsPerUnit;
}

} // namespace stampede::engine
