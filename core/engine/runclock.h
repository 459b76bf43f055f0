#pragma once
// One monotonic clock per run; every timestamp of a run is nanoseconds since its start.
// Read-only after construction, so any thread may call nowNs().

#include <chrono>
#include <cstdint>

namespace stampede::engine {

class RunClock
{
public:
    RunClock()
        : m_start(std::chrono::steady_clock::now())
    {
    }
    std::int64_t nowNs() const
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - m_start).count();
    }
    std::chrono::steady_clock::time_point start() const { return m_start; }

private:
    std::chrono::steady_clock::time_point m_start;
};

} // namespace stampede::engine
