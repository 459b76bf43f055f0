#include "engine/arrivalschedule.h"

#include <cmath>

namespace stampede::engine {

ArrivalSchedule::ArrivalSchedule(const scenario::Plan &plan, scenario::Arrival arrival, quint64 seed)
    : m_plan(plan)
    , m_arrival(arrival)
    , m_rng(quint32(seed ^ (seed >> 32)))
{
    if (m_arrival == scenario::Arrival::Poisson)
        m_target = -std::log(1.0 - m_rng.generateDouble());
}

std::optional<std::int64_t> ArrivalSchedule::next()
{
    const std::optional<double> seconds = invert(m_target);
    // An arrival due exactly at the end belongs to the next run, as in k6 (10/s for 1 s = 10 requests).
    if (!seconds || *seconds * 1000.0 >= double(m_plan.totalMs) - 1e-6)
        return std::nullopt;
    ++m_issued;
    if (m_arrival == scenario::Arrival::Poisson)
        m_target += -std::log(1.0 - m_rng.generateDouble());
    else
        m_target += 1.0;
    return std::int64_t(std::llround(*seconds * 1e9));
}

std::int64_t ArrivalSchedule::skipUntil(std::int64_t nowNs)
{
    const double endSeconds = double(m_plan.totalMs) / 1000.0;
    const double seconds = std::min(double(nowNs) / 1e9, endSeconds);
    double limit = areaAt(seconds);
    if (seconds >= endSeconds)
        limit = std::nextafter(limit, 0.0); // an arrival due exactly at the end belongs to the next run
    else
        limit += 1e-9 * std::max(1.0, limit); // an arrival due exactly now is due, as next() rounds it
    if (!(m_target <= limit))
        return 0;
    double skipped;
    if (m_arrival == scenario::Arrival::Poisson) {
        // The arrival at m_target, then a unit-rate Poisson process over (m_target, limit]; the
        // next one is an Exp(1) step past `limit` (memoryless).
        const double mean = limit - m_target;
        double more;
        if (mean < 30) { // Knuth: multiply uniforms
            const double floor = std::exp(-mean);
            double product = m_rng.generateDouble();
            more = 0;
            while (product > floor) {
                more += 1;
                product *= m_rng.generateDouble();
            }
        } else { // normal approximation, good to well under 1 % at these means
            const double u1 = 1.0 - m_rng.generateDouble(), u2 = m_rng.generateDouble();
            const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
            more = std::max(0.0, std::round(mean + std::sqrt(mean) * z));
        }
        skipped = 1 + more;
        m_target = limit - std::log(1.0 - m_rng.generateDouble());
    } else {
        skipped = std::floor(limit - m_target) + 1;
        m_target += skipped;
    }
    const auto count = std::int64_t(std::min(skipped, 9.0e18));
    m_issued += count;
    return count;
}

double ArrivalSchedule::areaAt(double seconds) const
{
    const auto &steps = m_plan.steps;
    double area = 0;
    for (qsizetype i = 0; i + 1 < steps.size(); ++i) {
        const double t0 = double(steps[i].timeMs) / 1000.0, t1 = double(steps[i + 1].timeMs) / 1000.0;
        if (seconds <= t0)
            break;
        const double r0 = steps[i].target, r1 = steps[i + 1].target;
        const double d = t1 - t0;
        const double x = std::min(seconds, t1) - t0;
        area += d > 0 ? r0 * x + (r1 - r0) / (2.0 * d) * x * x : 0.0;
    }
    return area;
}

std::optional<double> ArrivalSchedule::invert(double area)
{
    const auto &steps = m_plan.steps;
    while (m_segment + 1 < steps.size()) {
        const double t0 = double(steps[m_segment].timeMs) / 1000.0;
        const double t1 = double(steps[m_segment + 1].timeMs) / 1000.0;
        const double r0 = steps[m_segment].target;
        const double r1 = steps[m_segment + 1].target;
        const double d = t1 - t0;
        const double segmentArea = (r0 + r1) / 2.0 * d;
        const double rem = area - m_areaBeforeSegment;
        if (d > 0 && rem <= segmentArea) {
            // Solve r0 x + (r1 - r0) / (2 d) x^2 = rem for x in [0, d].
            const double a = (r1 - r0) / (2.0 * d);
            double x;
            if (std::abs(a) < 1e-12)
                x = r0 > 0 ? rem / r0 : 0.0;
            else
                x = (-r0 + std::sqrt(std::max(0.0, r0 * r0 + 4.0 * a * rem))) / (2.0 * a);
            return t0 + std::clamp(x, 0.0, d);
        }
        m_areaBeforeSegment += segmentArea;
        ++m_segment;
    }
    return std::nullopt;
}

} // namespace stampede::engine
