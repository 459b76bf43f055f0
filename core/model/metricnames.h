#pragma once
// Built-in metric names (k6 style), used by thresholds, exports and the GUI. Definitions: docs/metrics.md.

#include <QLatin1StringView>

namespace stampede::model::names {

inline constexpr QLatin1StringView httpReqDuration { "http_req_duration" }; ///< sent -> last byte, successes, ms
inline constexpr QLatin1StringView httpReqDurationAll { "http_req_duration_all" }; ///< same, incl. failures
inline constexpr QLatin1StringView scheduledDuration { "scheduled_duration" }; ///< scheduled -> last byte (CO-safe)
inline constexpr QLatin1StringView queueDelay { "client_queue" }; ///< scheduled -> sent
inline constexpr QLatin1StringView ttfb { "ttfb" }; ///< sent -> first response byte
inline constexpr QLatin1StringView ttft { "ttft" }; ///< sent -> first content token
inline constexpr QLatin1StringView tpot { "tpot" }; ///< (last - first token) / (tokens - 1)
inline constexpr QLatin1StringView itl { "itl" }; ///< gaps between content chunks
inline constexpr QLatin1StringView outputSpeed { "output_tokens_per_s" }; ///< per request: tokens / (e2e - ttft)
inline constexpr QLatin1StringView httpReqFailed { "http_req_failed" }; ///< rate of failed requests
inline constexpr QLatin1StringView httpReqs { "http_reqs" }; ///< attempts sent, incl. retries
inline constexpr QLatin1StringView iterations { "iterations" }; ///< requests finished (final outcomes)
inline constexpr QLatin1StringView droppedIterations { "dropped_iterations" };
inline constexpr QLatin1StringView checks { "checks" }; ///< rate of passed checks
inline constexpr QLatin1StringView completionTokens { "completion_tokens" };
inline constexpr QLatin1StringView promptTokens { "prompt_tokens" };
inline constexpr QLatin1StringView costUsd { "cost_usd" };
inline constexpr QLatin1StringView goodput { "goodput" }; ///< requests meeting every SLO, per second
inline constexpr QLatin1StringView sloAttainment { "slo_attainment" }; ///< share of requests meeting every SLO
// integrity (issue 14): counters of successes that failed a check (metrics/integrity.h)
inline constexpr QLatin1StringView integritySubstituted { "integrity_substituted" };
inline constexpr QLatin1StringView integrityFakeStreaming { "integrity_fake_streaming" };
inline constexpr QLatin1StringView integrityUsageMismatch { "integrity_usage_mismatch" };
inline constexpr QLatin1StringView integrityEmpty200 { "integrity_empty_200" };
inline constexpr QLatin1StringView integrityToolArgsInvalid { "integrity_tool_args_invalid" };

} // namespace stampede::model::names
