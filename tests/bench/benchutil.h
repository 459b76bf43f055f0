#pragma once
// The timing harness of the micro-benchmarks (bench_core.cpp, bench_stages.cpp): best of 5 rounds,
// because the machine is shared and noisy. Figures only, never pass/fail.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>

namespace stampede::bench {

using Clock = std::chrono::steady_clock;

/// Nanoseconds per operation of `body` (which performs `ops` operations), best of 5 rounds.
/// `setup` runs before each round, untimed (fresh state for a body that consumes it).
inline double nsPerOp(std::int64_t ops, const std::function<void()> &setup, const std::function<void()> &body)
{
    double best = 1e300;
    for (int round = 0; round < 5; ++round) {
        setup();
        const auto start = Clock::now();
        body();
        const double ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count() / double(ops);
        best = std::min(best, ns);
    }
    return best;
}

inline double nsPerOp(std::int64_t ops, const std::function<void()> &body)
{
    return nsPerOp(
        ops, [] {}, body);
}

} // namespace stampede::bench
