#pragma once
// Per-second windows of the live charts. An outcome lands in the second of its end time; gauges in
// the second of the time they were sampled. A second S stays open until the owner closes it
// (Aggregator: when now >= (S + 1) s + closeDelay), so outcomes still travelling from workers land
// in the right second:
//
//   time  ---|----- S -----|---- S+1 ----|---->
//                          |<- delay ->|
//                                      ^ S closes, its SecondPoint is emitted
//
// An outcome for a second that is already closed is added to the earliest open second instead
// (its run-long statistics are unaffected). Closed windows (~32 KB per histogram, 4 per group)
// are recycled: after warm-up, closing and opening seconds allocates only the emitted SecondPoint.

#include "metrics/histogram.h"
#include "metrics/outcomesamples.h"
#include "metrics/stats.h"

#include <memory>
#include <vector>

namespace stampede::metrics {

class SecondWindows
{
public:
    /// `judged[g]`: group g counts requests that met the SLO (SecondPoint::Group::sloMet, else -1);
    /// shorter than groupCount: the groups beyond it are not judged.
    explicit SecondWindows(int groupCount, std::vector<bool> judged = {});
    ~SecondWindows();

    /// Adds to group 0 and, when modelGroup > 0, to that group of the outcome's second.
    void add(const RequestOutcome &outcome, int modelGroup, const OutcomeSamples &samples, const QString &error,
        double costUsd, bool metSlo = false);
    void setGauges(std::int64_t nowNs, int vus, int inFlight, std::int64_t droppedTotal, double plannedTarget);

    /// Closes every second up to and including `lastSecond`, in order, appending them to `out`.
    void closeThrough(std::int64_t lastSecond, QList<SecondPoint> &out);
    /// The first second that is still open (every earlier one has been emitted).
    std::int64_t firstOpenSecond() const { return m_nextToClose; }
    /// The latest second that has a window (data or gauges), or -1.
    std::int64_t lastOpenSecond() const;
    /// Windows alive (open or kept for reuse): bounded by the seconds open at once, not the run length.
    int allocatedWindows() const { return int(m_open.size() + m_free.size()); }

private:
    struct Window;
    Window &windowFor(std::int64_t second);
    SecondPoint takePoint(std::int64_t second);
    void recycle(std::unique_ptr<Window> window);

    int m_groupCount;
    std::vector<bool> m_judged;
    std::int64_t m_nextToClose = 0;
    std::vector<std::unique_ptr<Window>> m_open; ///< ascending by second
    std::vector<std::unique_ptr<Window>> m_free; ///< a few closed windows kept for reuse
    // Gauges carried into seconds that had no sample of their own.
    int m_lastVus = 0;
    int m_lastInFlight = 0;
    double m_lastPlanned = 0;
    std::int64_t m_droppedBase = 0; ///< droppedTotal at the end of the last closed second
};

} // namespace stampede::metrics
