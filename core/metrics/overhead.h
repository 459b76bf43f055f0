#pragma once
// A paired run's overhead figures (scenario direct_target; docs/metrics.md, "Gateway overhead,
// measured"): the same requests, alternately sent to the gateway and to the direct target behind it,
// kept as two run-long histograms per side and group, so overhead = gateway − direct comes out per
// model at any percentile, with the compare feature's significance hint (report/compare.h).

#include "metrics/histogram.h"
#include "metrics/requestoutcome.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace stampede::metrics {

struct OutcomeSamples;

/// One side of a pair (the gateway's requests, or the direct target's) in one group.
struct OverheadSide {
    std::uint64_t requests = 0; ///< finished, cancelled ones excepted
    std::uint64_t failed = 0;
    Histogram duration; ///< end-to-end latency of the successes, microseconds
    Histogram ttft; ///< time to first token of the successes (non-streamed: the whole answer), microseconds
};

struct OverheadGroup {
    QString model; ///< "all", or a model
    OverheadSide gateway;
    OverheadSide direct;
};

/// The run's overhead figures: "all" first, then the enabled models in scenario order.
struct Overhead {
    QString directBaseUrl; ///< the scenario's direct_target.base_url
    QList<OverheadGroup> groups;
};

/// The live reading (dashboard tile): every model together, milliseconds; nullopt until each side
/// has a success.
struct OverheadLive {
    std::optional<double> durationP50Ms;
    std::optional<double> ttftP50Ms;
    std::uint64_t gatewayRequests = 0;
    std::uint64_t directRequests = 0;
};

class OverheadTracker
{
public:
    explicit OverheadTracker(const QStringList &models);
    /// `group`: 0 for an outcome of an unknown model (then only "all" counts it), else model index + 1.
    void add(const RequestOutcome &outcome, const OutcomeSamples &samples, int group);
    Overhead result(const QString &directBaseUrl) const;
    OverheadLive live() const;

private:
    std::vector<OverheadGroup> m_groups;
};

} // namespace stampede::metrics
