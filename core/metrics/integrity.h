#pragma once
// Integrity checks under load (issue 14; docs/metrics.md, "Integrity checks"): what a gateway did to
// an answer besides its latency. Each check reads one finished RequestOutcome and the model that was
// requested; the aggregator counts them per group (GroupStats::integrity). Pure functions, no state:
// the run, its journal replay and the tests judge an outcome the same way.

#include "metrics/requestoutcome.h"

#include <QLatin1StringView>
#include <QMap>
#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>
#include <optional>

namespace stampede::metrics {

/// Fake streaming: a stream that delivered at least this many completion tokens (counted locally
/// from the text)...
inline constexpr std::int64_t kFakeStreamMinTokens = 32;
/// ...with its first and last content chunks less than this apart (10 ms: 32 tokens in under 10 ms
/// is over 3,200 tokens/s for one stream, above any hosted model's decode rate; a gateway that
/// buffers the answer and replays it as chunks lands far below it).
inline constexpr std::int64_t kFakeStreamMaxSpreadNs = 10'000'000;
/// Usage mismatch: `usage.completion_tokens` and the local estimate of the received text differ by
/// more than this factor, either way. The estimate (~4 characters a token, 1 per CJK character) is
/// within ~1.5x of real tokenizers on ordinary text, so 2x is a gateway's doing, not the estimate's.
inline constexpr double kUsageMismatchFactor = 2.0;
/// ...and the larger of the two is at least this many tokens (short answers round too coarsely).
inline constexpr std::int64_t kUsageMismatchMinTokens = 16;

/// ToolArgsInvalid (issue 16, scenario "tools"): an answer with a tool call to an undeclared
/// function, or whose arguments (assembled from their streamed pieces) are not a JSON object.
enum class IntegrityCheck : std::uint8_t { Substituted, FakeStreaming, UsageMismatch, Empty200, ToolArgsInvalid };
inline constexpr std::array<IntegrityCheck, 5> allIntegrityChecks { IntegrityCheck::Substituted,
    IntegrityCheck::FakeStreaming, IntegrityCheck::UsageMismatch, IntegrityCheck::Empty200,
    IntegrityCheck::ToolArgsInvalid };

/// "substituted", "fake_streaming", "usage_mismatch", "empty_200", "tool_args_invalid": the keys of summary.json's
/// `integrity` object.
QLatin1StringView integrityCheckName(IntegrityCheck check);
/// The threshold metric of a check: "integrity_" + its name (model/metricnames.h).
QLatin1StringView integrityMetricName(IntegrityCheck check);
/// The inverse of integrityMetricName(); nullopt for any other metric.
std::optional<IntegrityCheck> integrityCheckFromMetric(QStringView metric);

/// Whether `returned` (the response's `model`) names the model that was `requested`. Case is
/// ignored; a provider prefix on one side only is ignored ("openai/gpt-4.1" ~ "gpt-4.1"); and the
/// returned name may add a dated snapshot: `-YYYY-MM-DD`, `-YYYYMMDD` or `-MMDD` (also after `@`),
/// e.g. gpt-4.1 -> gpt-4.1-2025-04-14. Anything else is another model (gpt-4o -> gpt-4o-mini). An
/// empty `returned` says nothing and is the same.
bool sameModel(const QString &requested, const QString &returned);

/// The completion's tokens counted locally from the received text (content and reasoning): the
/// usage-free estimate; -1 when the outcome does not carry it.
std::int64_t localCompletionTokens(const RequestOutcome &o);

// Each check is judged on successes only (a failure is already counted as one).
bool isSubstituted(const RequestOutcome &o, const QString &requestedModel);
bool isFakeStreaming(const RequestOutcome &o);
bool isUsageMismatch(const RequestOutcome &o);
bool isEmpty200(const RequestOutcome &o);
bool hasInvalidToolCall(const RequestOutcome &o);
bool failsCheck(IntegrityCheck check, const RequestOutcome &o, const QString &requestedModel);

/// "stop", "length", "tool_calls", "content_filter", "other", or "none" (no finish_reason).
QString finishReasonKey(FinishReason reason);

/// The integrity counts of one group (GroupStats::integrity).
struct IntegrityCounts {
    std::array<std::int64_t, allIntegrityChecks.size()> counts {}; ///< by IntegrityCheck
    QMap<QString, std::int64_t> substitutedModels; ///< returned model -> successes answered by it
    /// finishReasonKey() -> successes (they add up to GroupStats::successes)
    QMap<QString, std::int64_t> finishReasons;

    /// Judges a success of `requestedModel`; anything else is ignored.
    void add(const RequestOutcome &o, const QString &requestedModel);
    std::int64_t count(IntegrityCheck check) const { return counts[std::size_t(check)]; }
    std::int64_t &count(IntegrityCheck check) { return counts[std::size_t(check)]; }
    /// Whether any check fired: the group shows a warning.
    bool any() const;
};

/// One line per check that fired, for `model` (a group) with `successes` judged, as the text summary,
/// the HTML report and the dashboard's tooltip say it, e.g. "gpt-4.1: substituted in 12 of 12
/// answers (gpt-4.1 -> gpt-4o-mini 12)". Empty when nothing fired.
QStringList integrityWarnings(const IntegrityCounts &counts, const QString &model, std::int64_t successes);

} // namespace stampede::metrics
