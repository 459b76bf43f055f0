#pragma once
// Open-model start times. The plan's rate r(t) is piecewise linear, so the expected number of
// arrivals L(t) = integral of r is piecewise quadratic; arrival k starts at L^-1(u_k), where
// u_k = k (uniform: evenly spaced, first at t = 0) or a sum of Exp(1) draws (poisson).
//
//   L(t)                      ___---   u_3 ..........x
//     |                _.--''          u_2 ......x   |
//     |          _.-''                 u_1 ...x  |   |
//     |____.--''                       u_0 x  |  |   |
//     +------------------------ t         t0  t1 t2  t3

#include "scenario/plan.h"

#include <QRandomGenerator>
#include <cstdint>
#include <optional>

namespace stampede::engine {

class ArrivalSchedule
{
public:
    ArrivalSchedule(const scenario::Plan &plan, scenario::Arrival arrival, quint64 seed);

    /// Start time of the next arrival in ns since run start, or nullopt when the plan has ended.
    std::optional<std::int64_t> next();
    std::int64_t issued() const { return m_issued; }
    /// Passes over every arrival due at or before `nowNs` (and before the plan's end) and returns
    /// how many there were: the arrivals an engine at its in-flight cap drops. O(plan segments),
    /// whatever the rate — 1e12/s costs what 1/s costs.
    std::int64_t skipUntil(std::int64_t nowNs);

private:
    /// L(t): expected arrivals from the start to `seconds` (clamped to the plan).
    double areaAt(double seconds) const;
    /// Seconds at which L(t) reaches `area` (from the current segment on), or nullopt past the end.
    std::optional<double> invert(double area);

    scenario::Plan m_plan;
    scenario::Arrival m_arrival;
    QRandomGenerator m_rng;
    double m_target = 0; ///< u_k of the next arrival
    int m_segment = 0; ///< segment of the last inversion (targets only grow)
    double m_areaBeforeSegment = 0;
    std::int64_t m_issued = 0;
};

} // namespace stampede::engine
