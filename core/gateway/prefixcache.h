#pragma once
// The simulated gateway's prompt cache (issue 16): which system prompts it has seen lately, so a
// repeated long prefix is reported as read from the cache and answered sooner, as providers do.

#include <QtGlobal>

#include <list>
#include <mutex>
#include <unordered_map>

namespace stampede::gateway {

/// Thread-safe (one small mutex): shared by every handler thread. Holds only 64-bit keys, so its
/// memory is bounded whatever the prompts' size; the least recently used key leaves first.
class PrefixCache
{
public:
    static constexpr int kCapacity = 4096;

    explicit PrefixCache(int capacity = kCapacity);

    /// True when `key` was seen before (a cache read; it becomes the most recent); else remembers
    /// it (a cache write), forgetting the least recently used key beyond the capacity.
    bool lookupOrInsert(quint64 key);
    int size() const;

    /// The key of a prefix: its model and the hash of its text (a collision is a harmless false hit).
    static quint64 keyOf(int model, quint64 textHash);
    /// Hashes text that comes in pieces: `hash = hashText(hash, piece)` for each, from 0.
    static quint64 hashText(quint64 hash, const char *text, qsizetype size);

private:
    const int m_capacity;
    mutable std::mutex m_mutex;
    std::list<quint64> m_order; ///< most recent first
    std::unordered_map<quint64, std::list<quint64>::iterator> m_index;
};

} // namespace stampede::gateway
