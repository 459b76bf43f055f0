#include "prefixcache.h"

#include <string_view>

namespace stampede::gateway {

PrefixCache::PrefixCache(int capacity)
    : m_capacity(qMax(1, capacity))
{
    m_index.reserve(std::size_t(m_capacity) + 1);
}

bool PrefixCache::lookupOrInsert(quint64 key)
{
    const std::lock_guard lock(m_mutex);
    if (const auto it = m_index.find(key); it != m_index.end()) {
        m_order.splice(m_order.begin(), m_order, it->second);
        return true;
    }
    m_order.push_front(key);
    m_index.emplace(key, m_order.begin());
    if (m_index.size() > std::size_t(m_capacity)) {
        m_index.erase(m_order.back());
        m_order.pop_back();
    }
    return false;
}

int PrefixCache::size() const
{
    const std::lock_guard lock(m_mutex);
    return int(m_index.size());
}

namespace {

quint64 mix64(quint64 z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

} // namespace

quint64 PrefixCache::keyOf(int model, quint64 textHash)
{
    return mix64(textHash + quint64(model + 1) * 0x9E3779B97F4A7C15ull);
}

quint64 PrefixCache::hashText(quint64 hash, const char *text, qsizetype size)
{
    // std::hash may be 32-bit on some platforms: the mix spreads it; the running hash chains the pieces.
    return mix64(
        hash * 0x9E3779B97F4A7C15ull + std::hash<std::string_view>()(std::string_view(text, std::size_t(size))));
}

} // namespace stampede::gateway
