#pragma once
// Execution segments: the I-th of N deterministic, non-overlapping shares of one scenario's load,
// so that N agents together reproduce the single-machine plan (k6's execution segments).
//
//   closed model:  vus(t) = 10, N = 4  ->  agents get 3 3 2 2   (the first vus % N get one more)
//   open model:    every agent computes the same arrival sequence a_0 a_1 a_2 ... (same seed) and
//                  starts a_k only when k % N == I:   agent 0: a_0 a_4 a_8 ...   agent 1: a_1 a_5 ...
//   caps:          load.max_in_flight is split like VUs; rpm, tpm and budget_usd are divided by N.

#include "scenario/scenario.h"

#include <QString>

#include <cstdint>
#include <optional>

namespace stampede::scenario {

struct Segment {
    int index = 0; ///< 0 .. count - 1 (Kubernetes' JOB_COMPLETION_INDEX)
    int count = 1;

    bool isWhole() const { return count <= 1; }
    /// This segment's part of `total` split as evenly as possible; the parts of 0 .. N-1 add up to it.
    std::int64_t shareOf(std::int64_t total) const
    {
        return count <= 1 ? total : total / count + (index < total % count ? 1 : 0);
    }
    /// Whether arrival number `k` (0-based, in the whole plan) is this segment's.
    bool owns(std::int64_t k) const { return count <= 1 || k % count == index; }
    /// How many of the arrivals numbered 0 .. n-1 are this segment's.
    std::int64_t ownedBelow(std::int64_t n) const
    {
        return count <= 1 ? n : (n <= index ? 0 : (n - index - 1) / count + 1);
    }
    /// "2/4"
    QString text() const { return QStringLiteral("%1/%2").arg(index).arg(count); }
    bool operator==(const Segment &) const = default;
};

/// The largest N accepted: more agents than this is a typo, not a fleet.
inline constexpr int kMaxSegments = 10000;

/// Parses "I/N" (0 <= I < N <= kMaxSegments). nullopt and a specific `error` otherwise.
std::optional<Segment> parseSegment(const QString &text, QString *error);
/// From the environment when no --segment is given: JOB_COMPLETION_INDEX (a Kubernetes Indexed
/// Job sets it) of STAMPEDE_SEGMENTS. The whole load when STAMPEDE_SEGMENTS is unset; nullopt and
/// `error` when the two are set but do not make a segment.
std::optional<Segment> segmentFromEnvironment(QString *error);

/// The scenario one agent runs: rpm, tpm (overall and per model) and budget_usd divided by N.
/// The load itself stays whole: the Executor takes its share (engine/executor.h).
Scenario scenarioForSegment(const Scenario &whole, const Segment &segment);
/// A seed every agent of a fleet derives alike from the scenario (SHA-256 of its JSON), for a
/// segmented run of a scenario without "seed": the agents must draw the same arrival times.
quint64 sharedSeed(const Scenario &scenario);

} // namespace stampede::scenario
