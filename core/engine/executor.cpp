#include "engine/executor.h"

#include <algorithm>
#include <cmath>

namespace stampede::engine {

Executor::Executor(const scenario::LoadProfile &load, int workers, quint64 seed, scenario::Segment segment)
    : m_plan(scenario::makePlan(load))
    , m_segment(segment)
    , m_maxInFlight(int(std::max<std::int64_t>(1, segment.shareOf(load.maxInFlight))))
    , m_gracefulStopNs(std::max<std::int64_t>(0, load.gracefulStopMs) * 1000000)
    , m_arrivalKind(load.arrival)
    , m_seed(seed)
    , m_vuShares(std::max(1, workers), 0)
{
    if (m_plan.openModel)
        m_arrivals = std::make_unique<ArrivalSchedule>(m_plan, load.arrival, seed);
}

double Executor::plannedAt(std::int64_t nowNs) const
{
    const std::int64_t elapsedMs = std::min<std::int64_t>(nowNs / 1000000, m_plan.totalMs);
    return m_plan.openModel ? m_plan.targetAt(elapsedMs) : double(m_plan.vusAt(elapsedMs));
}

Executor::Step Executor::tick(std::int64_t nowNs, std::int64_t inFlight)
{
    Step step;
    if (m_graceDeadlineNs) {
        if (!m_cancelled && nowNs >= *m_graceDeadlineNs) {
            m_cancelled = true;
            step.cancelNow = true;
        }
        return step; // stopping: nothing new is issued
    }
    const std::int64_t elapsedMs = nowNs / 1000000;
    if (m_plan.openModel)
        tickOpen(nowNs, inFlight, step);
    else
        tickClosed(elapsedMs, step);
    if (elapsedMs >= m_plan.totalMs && !m_planEnded) {
        m_planEnded = true;
        step.planEnded = true;
    }
    return step;
}

bool Executor::adjust(std::int64_t nowNs, double target)
{
    const std::int64_t atMs = nowNs / 1000000;
    if (m_graceDeadlineNs || m_planEnded || atMs >= m_plan.totalMs || !std::isfinite(target) || target < 0)
        return false;
    m_plan = scenario::withTargetFrom(m_plan, atMs, target);
    if (m_plan.openModel) {
        // The new plan equals the old one up to now: a schedule of it, moved past the last arrival
        // started or dropped, has handed out exactly those and goes on at the new rate.
        m_arrivals = std::make_unique<ArrivalSchedule>(m_plan, m_arrivalKind, m_seed + quint64(atMs));
        if (m_consumedNs >= 0)
            m_arrivals->skipUntil(m_consumedNs);
        m_nextArrivalNs.reset();
    }
    return true;
}

void Executor::stop(std::int64_t nowNs)
{
    if (!m_graceDeadlineNs)
        m_graceDeadlineNs = nowNs + m_gracefulStopNs;
}

void Executor::tickClosed(std::int64_t elapsedMs, Step &step)
{
    const int target = int(m_segment.shareOf(m_plan.vusAt(std::min<std::int64_t>(elapsedMs, m_plan.totalMs))));
    const int count = int(m_vuShares.size());
    for (int i = 0; i < count; ++i) {
        const int share = int(scenario::Segment { i, count }.shareOf(target)); // the same even split
        if (share != m_vuShares[i]) {
            m_vuShares[i] = share;
            step.vuTargets.append({ i, share });
        }
    }
}

void Executor::tickOpen(std::int64_t nowNs, std::int64_t inFlight, Step &step)
{
    step.arrivals.resize(m_vuShares.size());
    while (true) {
        if (!m_nextArrivalNs)
            m_nextArrivalNs = m_arrivals->next();
        if (!m_nextArrivalNs || *m_nextArrivalNs > nowNs)
            break;
        const std::int64_t scheduled = *m_nextArrivalNs;
        const std::int64_t number = m_arrivals->issued() - 1; // in the whole plan
        m_nextArrivalNs.reset();
        if (!m_segment.owns(number)) {
            m_consumedNs = scheduled; // another agent's
            continue;
        }
        if (inFlight >= m_maxInFlight) {
            // At the cap: this arrival and every other one of this segment due by now is dropped,
            // counted in one step however high the rate (arrivals are never queued, never delayed).
            const std::int64_t before = m_arrivals->issued();
            const std::int64_t skipped = m_arrivals->skipUntil(nowNs);
            step.dropped += 1 + m_segment.ownedBelow(before + skipped) - m_segment.ownedBelow(before);
            m_consumedNs = nowNs;
            break;
        }
        ++inFlight;
        m_consumedNs = scheduled;
        step.arrivals[m_nextWorker].append(scheduled);
        m_nextWorker = (m_nextWorker + 1) % int(m_vuShares.size());
    }
}

} // namespace stampede::engine
