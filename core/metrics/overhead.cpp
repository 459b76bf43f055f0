#include "metrics/overhead.h"

#include "metrics/outcomesamples.h"
#include "metrics/trendmetrics.h"

namespace stampede::metrics {

namespace {

void addTo(OverheadSide &side, const RequestOutcome &outcome, const OutcomeSamples &samples)
{
    if (outcome.cancelled())
        return;
    ++side.requests;
    if (outcome.failed()) {
        ++side.failed;
        return;
    }
    if (const std::int64_t us = samples[Trend::Duration]; us >= 0)
        side.duration.record(std::uint64_t(us));
    if (const std::int64_t us = samples[Trend::Ttft]; us >= 0)
        side.ttft.record(std::uint64_t(us));
}

std::optional<double> p50Difference(const Histogram &gateway, const Histogram &direct)
{
    if (gateway.count() == 0 || direct.count() == 0)
        return std::nullopt;
    return (gateway.percentile(50) - direct.percentile(50)) / 1000.0;
}

} // namespace

OverheadTracker::OverheadTracker(const QStringList &models)
{
    m_groups.resize(std::size_t(models.size()) + 1);
    m_groups[0].model = QStringLiteral("all");
    for (qsizetype i = 0; i < models.size(); ++i)
        m_groups[std::size_t(i) + 1].model = models[i];
}

void OverheadTracker::add(const RequestOutcome &outcome, const OutcomeSamples &samples, int group)
{
    const auto side = [&outcome](OverheadGroup &g) -> OverheadSide & { return outcome.direct ? g.direct : g.gateway; };
    addTo(side(m_groups[0]), outcome, samples);
    if (group > 0 && std::size_t(group) < m_groups.size())
        addTo(side(m_groups[std::size_t(group)]), outcome, samples);
}

Overhead OverheadTracker::result(const QString &directBaseUrl) const
{
    Overhead out;
    out.directBaseUrl = directBaseUrl;
    for (const OverheadGroup &group : m_groups)
        out.groups.append(group);
    return out;
}

OverheadLive OverheadTracker::live() const
{
    const OverheadGroup &all = m_groups[0];
    OverheadLive out;
    out.durationP50Ms = p50Difference(all.gateway.duration, all.direct.duration);
    out.ttftP50Ms = p50Difference(all.gateway.ttft, all.direct.ttft);
    out.gatewayRequests = all.gateway.requests;
    out.directRequests = all.direct.requests;
    return out;
}

} // namespace stampede::metrics
