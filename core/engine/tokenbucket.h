#pragma once
// The bucket math behind the scenario's "limits" (docs/metrics.md, "Quotas and spend"): a token
// bucket held as its "theoretical arrival time" (GCRA), on the time line it is given. No clock, no
// lock, no thread: RateLimiter guards it, the tests drive it on virtual time.
//
//   level(t) = capacity - max(0, full - t) / perNs        full: when the bucket is full again
//
//   reserve(n, t):  s = max(t, full - (capacity - min(n, capacity)) / perNs)   earliest time it fits
//                   full = max(full, s) + n / perNs                            taken at s
//
// A request larger than the bucket (n > capacity) waits until the bucket is full and takes it
// into debt, so the long-run rate still holds and such a request is never refused forever.

#include <cstdint>

namespace stampede::engine {

class TokenBucket
{
public:
    /// `perMinute`: the refill rate (> 0). The capacity (burst) is one second's worth, at least 1.
    /// `initialLevel`: what the bucket holds at `startNs` (clamped to the capacity).
    TokenBucket(double perMinute, double initialLevel, std::int64_t startNs = 0);

    /// Takes `amount` at the earliest time >= nowNs it fits and returns that time.
    std::int64_t reserve(double amount, std::int64_t nowNs);
    /// The earliest time >= nowNs that `amount` would fit (nothing taken).
    std::int64_t availableAt(double amount, std::int64_t nowNs) const;
    /// Takes `amount` at `atNs` (>= availableAt()): reserve() in two steps, for several buckets at once.
    void take(double amount, std::int64_t atNs);
    /// A reservation turned out `delta` too large (> 0: given back) or too small (< 0: taken too).
    void correct(double delta);
    /// What the bucket holds at `nowNs` (negative: in debt).
    double level(std::int64_t nowNs) const;
    double capacity() const { return m_capacity; }

private:
    double m_nsPerUnit; ///< refill: one unit every m_nsPerUnit ns
    double m_capacity;
    double m_fullNs; ///< when the bucket is full again (in the past: it is full)
};

} // namespace stampede::engine
