#pragma once
// Requests-per-minute limit per model over a sliding 60 s window, shared by every handler thread.

#include <QtGlobal>

#include <deque>
#include <mutex>
#include <vector>

namespace stampede::gateway {

/// Thread-safe. Time is passed in (steady-clock milliseconds) so tests can use virtual time.
class RateLimiter
{
public:
    /// limitPerMinute <= 0 admits everything.
    RateLimiter(int limitPerMinute, int modelCount);

    /// Admits and counts one request for `model` at `nowMs`, or returns false when `limit` requests
    /// were admitted in (nowMs - 60000, nowMs]. Rejected requests do not count.
    /// `state`, when given, says what the x-ratelimit-* headers report after the decision: the limit,
    /// the requests left in the window, and the ms until the oldest admitted one leaves it.
    struct State {
        int limit = 0;
        int remaining = 0;
        qint64 resetMs = 0;
    };
    bool tryAcquire(int model, qint64 nowMs, State *state = nullptr);

private:
    const int m_limit;
    std::mutex m_mutex;
    std::vector<std::deque<qint64>> m_admitted; ///< per model, oldest first
};

} // namespace stampede::gateway
