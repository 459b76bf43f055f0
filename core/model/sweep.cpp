#include "model/sweep.h"

#include <algorithm>
#include <cmath>

namespace stampede::model {

QList<double> Sweep::rates() const
{
    QList<double> out;
    if (!(startRate > 0) || maxSteps <= 0)
        return out;
    double rate = startRate;
    for (int i = 0; i < maxSteps; ++i) {
        // The epsilon lets 3 steps of +0.1 reach a max_rate of 0.3 despite binary fractions.
        if (!std::isfinite(rate) || (maxRate && rate > *maxRate * (1 + 1e-9)))
            break;
        out.append(rate);
        rate = increment > 0 ? rate + increment : rate * factor;
        if (!(factor > 1) && !(increment > 0))
            break; // invalid growth (refused by validate()): one step, never an endless list
    }
    return out;
}

int Sweep::stepAt(std::int64_t ms) const
{
    const qsizetype steps = rates().size();
    if (steps == 0 || stepDurationMs <= 0)
        return 0;
    return int(std::clamp<std::int64_t>(ms / stepDurationMs, 0, steps - 1));
}

} // namespace stampede::model
