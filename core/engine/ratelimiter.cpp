#include "engine/ratelimiter.h"

#include <algorithm>

namespace stampede::engine {

RateLimiter::RateLimiter(
    const scenario::RateLimits &overall, const QList<scenario::RateLimits> &models, std::int64_t startNs)
    : m_overall(makeCaps(overall, startNs))
{
    for (const scenario::RateLimits &limits : models)
        m_models.push_back(makeCaps(limits, startNs));
}

RateLimiter::Caps RateLimiter::makeCaps(const scenario::RateLimits &limits, std::int64_t startNs)
{
    // A bucket starts with one unit, not full: the first minute of a run then holds the cap
    // (rpm + 1 requests), where a full bucket would let a second's worth more through.
    Caps caps;
    if (limits.rpm)
        caps.rpm.emplace(*limits.rpm, 1.0, startNs);
    if (limits.tpm)
        caps.tpm.emplace(*limits.tpm, 1.0, startNs);
    return caps;
}

bool RateLimiter::applies(int model) const
{
    return !m_overall.isEmpty() || (model >= 0 && std::size_t(model) < m_models.size() && !m_models[model].isEmpty());
}

std::int64_t RateLimiter::reserve(int model, double tokens, std::int64_t nowNs)
{
    std::lock_guard lock(m_mutex);
    Caps *caps = model == kOverall             ? &m_overall
        : std::size_t(model) < m_models.size() ? &m_models[std::size_t(model)]
                                               : nullptr;
    if (!caps)
        return nowNs;
    std::int64_t at = nowNs;
    if (caps->rpm)
        at = std::max(at, caps->rpm->availableAt(1.0, nowNs));
    if (caps->tpm)
        at = std::max(at, caps->tpm->availableAt(tokens, nowNs));
    if (caps->rpm)
        caps->rpm->take(1.0, at);
    if (caps->tpm)
        caps->tpm->take(tokens, at);
    return at;
}

void RateLimiter::correct(int model, double reserved, double actual)
{
    if (reserved == actual)
        return;
    std::lock_guard lock(m_mutex);
    if (m_overall.tpm)
        m_overall.tpm->correct(reserved - actual);
    if (std::size_t(model) < m_models.size() && m_models[model].tpm)
        m_models[model].tpm->correct(reserved - actual);
}

} // namespace stampede::engine
