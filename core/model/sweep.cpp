#include "model/sweep.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace stampede::model {

QList<double> Sweep::levels() const
{
    QList<double> out;
    const double start = isVus() ? double(startVus) : startRate;
    if (!(start > 0) || maxSteps <= 0)
        return out;
    constexpr double none = std::numeric_limits<double>::infinity();
    const double cap = isVus() ? (maxVus ? double(*maxVus) : none) : maxRate.value_or(none);
    double raw = start; // the unrounded staircase: rounding one step does not skew the next
    for (int i = 0; i < maxSteps; ++i) {
        // A VU step is whole and above the last one (1 × 1.5 gives 1, 2, 3, 4, 5, 8, 11, ...).
        const double level = isVus() ? std::max(std::round(raw), out.isEmpty() ? 1.0 : out.last() + 1) : raw;
        // The epsilon lets 3 steps of +0.1 reach a max_rate of 0.3 despite binary fractions.
        if (!std::isfinite(level) || level > cap * (1 + 1e-9))
            break;
        out.append(level);
        raw = increment > 0 ? raw + increment : raw * factor;
        if (!(factor > 1) && !(increment > 0))
            break; // invalid growth (refused by validate()): one step, never an endless list
    }
    return out;
}

int Sweep::stepAt(std::int64_t ms) const
{
    const qsizetype steps = levels().size();
    if (steps == 0 || stepDurationMs <= 0)
        return 0;
    return int(std::clamp<std::int64_t>(ms / stepDurationMs, 0, steps - 1));
}

} // namespace stampede::model
