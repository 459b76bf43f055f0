#include "metrics/gatewaystats.h"

#include "metrics/headervalues.h"

#include <algorithm>
#include <cmath>

namespace stampede::metrics {

namespace {

constexpr std::int64_t kNsPerSecond = 1'000'000'000;
constexpr double kScale = 1000.0; ///< header readings are kept in thousandths in the histogram
constexpr int kOfferedWindowSeconds = 10;
/// A run lasts at most 31 days (scenario/validate.cpp): the per-second vectors never grow past it.
constexpr std::int64_t kMaxSeconds = 31LL * 24 * 3600 + 3600;

std::int64_t secondOf(std::int64_t ns)
{
    return ns >= 0 ? std::min(ns / kNsPerSecond, kMaxSeconds) : -1;
}

template <typename T> T &at(std::vector<T> &v, std::int64_t second)
{
    if (std::size_t(second) >= v.size())
        v.resize(std::size_t(second) + 1, T {});
    return v[std::size_t(second)];
}

} // namespace

struct GatewayTracker::Header {
    QByteArray name;
    Histogram histogram;
    double sum = 0;
    std::int64_t count = 0;
    double last = 0;
    std::int64_t lastEndNs = -1;
    QMap<QString, std::int64_t> values;
    std::vector<std::pair<double, std::int32_t>> seconds; ///< sum and count per second of end time
};

GatewayTracker::GatewayTracker() = default;
GatewayTracker::~GatewayTracker() = default;
GatewayTracker::GatewayTracker(GatewayTracker &&) noexcept = default;
GatewayTracker &GatewayTracker::operator=(GatewayTracker &&) noexcept = default;

void GatewayTracker::add(const RequestOutcome &o)
{
    if (const std::int64_t s = secondOf(o.scheduledNs); s >= 0) {
        ++at(m_offered, s);
        at(m_offeredTokens, s) += o.promptTokens + o.completionTokens;
    }
    if (o.rateLimited > 0) {
        m_responses429 += o.rateLimited;
        ++m_requests429;
        if (o.first429Ns >= 0) {
            if (m_first429Ns < 0 || o.first429Ns < m_first429Ns)
                m_first429Ns = o.first429Ns;
            at(m_429, secondOf(o.first429Ns)) += o.rateLimited;
        }
    }
    m_retryAfterMs += o.retryAfterMs;
    m_retryWaitMs += o.retryWaitMs;
    m_retried429 += o.retryReasons.count(QStringLiteral("http_429"));

    if (o.headers.empty())
        return;
    std::vector<HeaderReading> readings;
    for (const CapturedHeader &h : o.headers)
        readHeader(h, readings);
    const std::int64_t endSecond = secondOf(o.endNs);
    for (const HeaderReading &r : readings) {
        auto it = std::find_if(
            m_headers.begin(), m_headers.end(), [&r](const std::unique_ptr<Header> &h) { return h->name == r.name; });
        if (it == m_headers.end()) {
            if (m_headers.size() >= std::size_t(kMaxHeaderNames))
                continue; // bounded: a server inventing names cannot grow the run
            m_headers.push_back(std::make_unique<Header>());
            m_headers.back()->name = r.name;
            it = m_headers.end() - 1;
        }
        Header &h = **it;
        if (!r.isNumber) {
            const QString text = QString::fromUtf8(r.text);
            if (h.values.contains(text) || h.values.size() < kMaxTextValues)
                ++h.values[text];
            else
                ++h.values[QStringLiteral("(other)")];
            continue;
        }
        h.histogram.record(std::uint64_t(std::llround(std::clamp(r.number, 0.0, 1e15) * kScale)));
        h.sum += r.number;
        ++h.count;
        if (o.endNs >= h.lastEndNs) {
            h.lastEndNs = o.endNs;
            h.last = r.number;
        }
        if (endSecond >= 0) {
            auto &point = at(h.seconds, endSecond);
            point.first += r.number;
            ++point.second;
        }
    }
}

QList<HeaderSummary> GatewayTracker::headers(bool withSeries) const
{
    QList<HeaderSummary> out;
    for (const auto &hp : m_headers) {
        const Header &h = *hp;
        HeaderSummary s;
        s.name = QString::fromUtf8(h.name);
        s.count = h.count;
        s.values = h.values;
        if (h.count > 0) {
            s.mean = h.sum / double(h.count);
            s.p50 = h.histogram.percentile(50) / kScale;
            s.p95 = h.histogram.percentile(95) / kScale;
            s.max = double(h.histogram.max()) / kScale;
            s.last = h.last;
        }
        if (withSeries) {
            for (std::size_t sec = 0; sec < h.seconds.size(); ++sec) {
                if (h.seconds[sec].second > 0)
                    s.series.append({ std::int64_t(sec), h.seconds[sec].first / double(h.seconds[sec].second) });
            }
        }
        out.append(std::move(s));
    }
    std::sort(out.begin(), out.end(), [](const HeaderSummary &a, const HeaderSummary &b) { return a.name < b.name; });
    return out;
}

RateLimitSummary GatewayTracker::rateLimits(bool withSeries) const
{
    RateLimitSummary r;
    r.responses429 = m_responses429;
    r.requests429 = m_requests429;
    r.retryAfterAskedS = double(m_retryAfterMs) / 1000.0;
    r.retryWaitS = double(m_retryWaitMs) / 1000.0;
    r.retried429 = m_retried429;
    if (m_first429Ns >= 0) {
        r.first429S = double(m_first429Ns) / double(kNsPerSecond);
        const std::int64_t last = secondOf(m_first429Ns);
        const std::int64_t first = std::max<std::int64_t>(0, last - kOfferedWindowSeconds + 1);
        std::int64_t requests = 0;
        std::int64_t tokens = 0;
        for (std::int64_t s = first; s <= last; ++s) {
            if (std::size_t(s) < m_offered.size()) {
                requests += m_offered[std::size_t(s)];
                tokens += m_offeredTokens[std::size_t(s)];
            }
        }
        const double seconds = double(last - first + 1);
        r.offeredRpsAtFirst429 = double(requests) / seconds;
        r.tokenRateAtFirst429 = double(tokens) / seconds;
    }
    if (withSeries && m_responses429 > 0) {
        const std::size_t n = std::max(m_offered.size(), m_429.size());
        for (std::size_t s = 0; s < n; ++s) {
            const std::int32_t offered = s < m_offered.size() ? m_offered[s] : 0;
            const std::int32_t limited = s < m_429.size() ? m_429[s] : 0;
            if (offered || limited)
                r.series.append({ std::int64_t(s), offered, limited });
        }
    }
    return r;
}

} // namespace stampede::metrics
