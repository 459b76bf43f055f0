#pragma once
// The "sweep" load profile (scenario "load": {"executor": "sweep", ...}): a staircase of constant
// arrival rates (open model; "start_rate") or of VU counts (closed model; "start_vus"), each held for
// one step, that ends when a step breaks what `stopWhen` watches (the knee) or after the last step.
// The scenario room parses and plans it, the metrics room judges each step by the same value
// (metrics/sweeptracker.h). Definitions: docs/metrics.md, "Capacity: the sweep".
//
//   rate (or VUs)
//     M |                         ____   <- max_rate / max_vus (a step above it is not run)
//       |                   _____|
//       |             _____|             each step: step_duration at rate r(i),
//       |       _____|                   r(i+1) = r(i) * factor, or r(i) + increment
//                                        (VUs: rounded to whole VUs, at least one more each step)
//     R |______|
//       0      D     2D    3D    4D

#include <QList>

#include <cstdint>
#include <optional>

namespace stampede::model {

/// What makes a step fail (the knee). Defaults as in the scenario file's documentation.
struct SweepStop {
    bool slo = true; ///< the step's p(sloPercentile) of a bounded metric reaches its SLO bound
    double sloPercentile = 95; ///< which percentile of the step is held against the SLO bounds
    bool thresholds = true; ///< a threshold, evaluated on the step's requests alone, fails
    double errorRate = 0.05; ///< failures / requests of the step above it fail the step (1: off)
    double achievedBelow = 0.10; ///< achieved below offered by more than this share fails it (0: off)

    bool operator==(const SweepStop &) const = default;
};

/// What a sweep steps: the arrival rate (open model) or the number of VUs (closed model).
enum class SweepLevel { Rate, Vus };

struct Sweep {
    static constexpr double kDefaultFactor = 1.5;
    static constexpr std::int64_t kDefaultStepMs = 30000;
    static constexpr int kDefaultMaxSteps = 20;

    SweepLevel level = SweepLevel::Rate;
    double startRate = 1; ///< requests per second of the first step (a rate sweep)
    int startVus = 1; ///< VUs of the first step (a VU sweep)
    double factor = kDefaultFactor; ///< each step's level times this (when increment is 0)
    double increment = 0; ///< > 0: each step's level plus this instead of times factor (VUs: whole)
    std::int64_t stepDurationMs = kDefaultStepMs;
    int maxSteps = kDefaultMaxSteps;
    std::optional<double> maxRate; ///< a rate sweep's step whose rate would exceed it is not run
    std::optional<int> maxVus; ///< a VU sweep's step whose VUs would exceed it is not run
    SweepStop stopWhen;
    /// false: every step runs past the knee (the verdict is still the first failing step; the steps
    /// beyond it fill the frontier table and the chart).
    bool stopAtKnee = true;

    bool isVus() const { return level == SweepLevel::Vus; }
    /// Each step's level, in order: offered rate (requests/s) of a rate sweep, VUs of a VU sweep; at
    /// most maxSteps, none above maxRate / maxVus. A VU sweep's levels are whole and strictly growing:
    /// start × factor^i rounded, bumped to one more than the step before when rounding would repeat it.
    QList<double> levels() const;
    /// The 0-based step running at `ms` since the load started (the last step after the end).
    int stepAt(std::int64_t ms) const;
    std::int64_t totalMs() const { return std::int64_t(levels().size()) * stepDurationMs; }

    bool operator==(const Sweep &) const = default;
};

} // namespace stampede::model
