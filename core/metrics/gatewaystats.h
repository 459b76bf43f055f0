#pragma once
// What the gateway said under load, per group (docs/metrics.md, "Gateway headers" and "Rate
// limits (429)"): statistics of the captured response headers and the rate-limit story (when 429s
// began, at which offered rate, how much Retry-After was asked and what the retries cost).

#include "metrics/histogram.h"
#include "metrics/requestoutcome.h"

#include <QList>
#include <QMap>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace stampede::metrics {

/// One captured header of one group (summary.json `headers`: name -> {count, mean, p50, p95, max,
/// last, values, series}).
struct HeaderSummary {
    QString name; ///< lowercase; "server-timing.<entry>" for Server-Timing entries
    std::int64_t count = 0; ///< numeric readings
    double mean = 0, p50 = 0, p95 = 0, max = 0;
    double last = 0; ///< the reading of the latest response (by end time)
    /// Text readings (cache status, ...): value -> count; at most kMaxTextValues values, the rest
    /// counted under "(other)".
    QMap<QString, std::int64_t> values;
    struct Point {
        std::int64_t second = 0;
        double mean = 0; ///< of the readings of responses that ended in this second
        bool operator==(const Point &) const = default;
    };
    QList<Point> series; ///< RunSummary only (never in live snapshots)
    bool isNumeric() const { return count > 0; }
};

/// The 429 story of one group (summary.json `rate_limits`).
struct RateLimitSummary {
    std::int64_t responses429 = 0; ///< attempts answered 429 (retried ones included)
    std::int64_t requests429 = 0; ///< requests with at least one
    double first429S = -1; ///< run time of the first 429; -1: none
    /// Over the 10 s up to and including the second of the first 429: this group's requests by
    /// their scheduled time, per second (what was offered to the gateway), and their prompt +
    /// completion tokens per second.
    double offeredRpsAtFirst429 = 0;
    double tokenRateAtFirst429 = 0;
    double retryAfterAskedS = 0; ///< Retry-After the failed attempts carried, summed
    double retryWaitS = 0; ///< time requests waited before their retries, summed
    std::int64_t retried429 = 0; ///< attempts retried because of a 429
    struct Point {
        std::int64_t second = 0;
        std::int32_t offered = 0; ///< requests scheduled in this second
        std::int32_t responses429 = 0; ///< 429s of requests whose first 429 came in this second
        bool operator==(const Point &) const = default;
    };
    QList<Point> series; ///< per second, when there were 429s; RunSummary only
    bool any() const { return responses429 > 0 || retryAfterAskedS > 0; }
};

/// Accumulates both for one group. Memory: one histogram (~30 KB) per numeric header name (at most
/// kMaxHeaderNames per group) and 16 bytes per header per second, 12 bytes per second for the
/// offered load.
class GatewayTracker
{
public:
    static constexpr int kMaxHeaderNames = 32;
    static constexpr int kMaxTextValues = 16;

    GatewayTracker();
    ~GatewayTracker();
    GatewayTracker(GatewayTracker &&) noexcept;
    GatewayTracker &operator=(GatewayTracker &&) noexcept;

    void add(const RequestOutcome &outcome);
    /// By name; `withSeries`: the per-second points too (for the summary).
    QList<HeaderSummary> headers(bool withSeries) const;
    RateLimitSummary rateLimits(bool withSeries) const;

private:
    struct Header;
    std::vector<std::unique_ptr<Header>> m_headers;
    std::vector<std::int32_t> m_offered; ///< by scheduled second
    std::vector<std::int64_t> m_offeredTokens;
    std::vector<std::int32_t> m_429; ///< by the second of each request's first 429
    std::int64_t m_responses429 = 0;
    std::int64_t m_requests429 = 0;
    std::int64_t m_first429Ns = -1;
    std::int64_t m_retryAfterMs = 0;
    std::int64_t m_retryWaitMs = 0;
    std::int64_t m_retried429 = 0;
};

} // namespace stampede::metrics
