#include "ui/dashboard/metrictips.h"

#include <array>

namespace stampede::ui::tips {

using namespace Qt::StringLiterals;

namespace {

struct Entry {
    Tip tip;
    const char16_t *name;
    const char16_t *definition;
};

constexpr char16_t kLatency[] = u" of <i>http_req_duration</i>: request sent → last byte of the response, over "
                                u"successful requests. Percentiles come from a log-linear histogram (≤ 0.4 % error).";
constexpr char16_t kTokens[] = u"Completion tokens from the server's <i>usage</i>; when absent, estimated from the "
                               u"text (≈ 4 characters per token, 1 per CJK character) and marked “~”. Never chunk "
                               u"counts.";

// Definitions from docs/metrics.md; a latency entry's definition starts with its aggregation.
constexpr std::array<Entry, 34> entries { {
    { Tip::Elapsed, u"Elapsed / remaining",
        u"Run time since the load started (after the preflight), and the planned time left (graceful stop not "
        u"included)." },
    { Tip::Requests, u"Requests",
        u"Finished requests: final outcomes after retries, successes and failures. Requests cut by "
        u"Stop or Abort are cancelled, counted apart." },
    { Tip::Rps, u"Requests per second", u"Finished requests / measured window (from the start of the load to now)." },
    { Tip::LatencyP95, u"Latency p95 (ms)", u"95th percentile" },
    { Tip::ErrorRate, u"Error rate",
        u"<i>http_req_failed</i>: failed / (succeeded + failed). Failures are counted by class: HTTP status, "
        u"timeout, connection, malformed response, stream cut off. Requests cancelled by your own Stop or Abort "
        u"are not failures: they are left out of the rate and shown apart." },
    { Tip::OutputTokens, u"Output tokens", kTokens },
    { Tip::Cost, u"Spend",
        u"<i>cost_usd</i>: prompt tokens × input price + completion tokens × output price ($ per million tokens, "
        u"per model)." },
    { Tip::Model, u"Model", u"The model of the request; “mixed” is every model together." },
    { Tip::Vus, u"VUs",
        u"Closed model: virtual users. A model's share is the VUs times its weight share (each iteration picks a "
        u"model by weight), marked “~”." },
    { Tip::InFlight, u"In flight",
        u"Mean requests of the model in flight at once: the time its requests spent in flight (handed to the "
        u"network → ended, cancelled ones too) ÷ the run's window. Measured, not estimated; the models add up to "
        u"the mixed row. The CLI, the report and summary.csv (mean_in_flight) show the same figure." },
    { Tip::Mean, u"Mean (ms)", u"Average" },
    { Tip::P99, u"p99 (ms)", u"99th percentile" },
    { Tip::TtftP95, u"TTFT p95 (ms)",
        u"Time to first token: request sent → first SSE event with non-empty content, reasoning or tool-call delta "
        u"(a role-only chunk does not count); successes with a token." },
    { Tip::TpotMean, u"TPOT mean (ms)",
        u"Time per output token: (last token − first token) / (completion tokens − 1); successes with at least 2 "
        u"completion tokens." },
    { Tip::PromptTokens, u"Prompt tokens",
        u"From the server's <i>usage</i>; “~” when some requests had their tokens estimated." },
    { Tip::CompletionTokens, u"Completion tokens", kTokens },
    { Tip::CacheReadTokens, u"Cache read",
        u"Prompt-side tokens read from the provider's prompt cache (<i>cache_read_tokens</i>): not counted in the "
        u"prompt tokens, charged at the model's cache-read price. Shown once the server reports any." },
    { Tip::CacheCreationTokens, u"Cache written",
        u"Prompt-side tokens written to the provider's prompt cache (<i>cache_creation_tokens</i>; Anthropic "
        u"reports this): not counted in the prompt tokens, charged at the model's cache-write price. Shown once "
        u"the server reports any." },
    { Tip::ReasoningTokens, u"Reasoning",
        u"The part of the completion tokens the server reported as reasoning (<i>reasoning_tokens</i>): already "
        u"counted in the completion tokens. Shown once the server reports any." },
    { Tip::LatencyChart, u"Latency percentiles over time",
        u"p50 / p90 / p95 / p99 of <i>http_req_duration</i> (sent → last byte, successes) within each second; a "
        u"request counts in the second it ended. Dashed red: thresholds." },
    { Tip::ThroughputChart, u"Throughput",
        u"Finished requests per second (planned arrivals dashed, open model), goodput (those that met the SLO, "
        u"when the scenario declares one) and completion tokens per second (right axis)." },
    { Tip::ErrorsChart, u"Errors per second by class",
        u"Final failures (after retries) in the second they ended, stacked by class: http_&lt;status&gt;, timeout, "
        u"connection, malformed_response, stream_cut, ..." },
    { Tip::VusChart, u"Concurrency",
        u"Virtual users (closed model, planned dashed), requests in flight and, for the open model, dropped "
        u"iterations per second (arrivals not started because max_in_flight was reached)." },
    { Tip::TtftChart, u"TTFT p95 per model",
        u"95th percentile of time to first token within each second, per model. Dashed: ttft thresholds." },
    { Tip::Turns, u"Conversation turns",
        u"Each turn of a conversation sends everything said so far. TTFT and latency of the successes by turn "
        u"number, every model together: TTFT that falls with the turn shows a cache serving the repeated prefix." },
    { Tip::Thresholds, u"Thresholds",
        u"k6-style rules evaluated on the run so far. Grey: not evaluated yet (no data)." },
    { Tip::Checks, u"Checks", u"Pass rate of each check over every request it was evaluated on." },
    { Tip::Failures, u"Failures",
        u"Final failures grouped by class and message (digits folded); the example is the latest raw message, "
        u"secrets redacted." },
    { Tip::Goodput, u"Goodput",
        u"<i>goodput</i>: requests per second that met the SLO (the scenario's <i>slo</i>), over the same window "
        u"as requests/s. A request meets it when it succeeded and is strictly under each bound that applies to it; "
        u"TTFT and TPOT bounds do not apply to a request that was not streamed, nor TPOT to one with fewer than 2 "
        u"tokens. Failed requests never meet it; cancelled ones are not counted." },
    { Tip::SloAttainment, u"SLO met %",
        u"<i>slo_attainment</i>: the share of finished requests (successes and failures) that met the SLO: "
        u"requests meeting it ÷ requests. Shown only when the scenario declares an <i>slo</i>; “–” for a model "
        u"no bound applies to." },
    { Tip::LimitWait, u"Waited for cap",
        u"<i>limit_wait_ms</i>: how long requests waited on the client for the scenario's <i>limits</i> (rpm, tpm "
        u"token buckets, per model and overall) before they were sent; p95 over the requests a cap applies to. Not "
        u"latency: the latency clock starts when the request is sent. Shown only when a cap is set." },
    { Tip::GatewayOverhead, u"Gateway overhead",
        u"What the gateway says it added itself, from a captured response header whose name contains "
        u"<i>overhead</i> (LiteLLM: <i>x-litellm-overhead-duration-ms</i>): p95 over the responses that carried "
        u"it, in the header's unit. Shown only when such a header arrives (scenario <i>capture_headers</i>)." },
    { Tip::MeasuredOverhead, u"Gateway overhead (measured)",
        u"A paired run (scenario <i>direct_target</i>): requests alternate between the gateway and the direct "
        u"target behind it, the same model and prompt for both of a pair. Overhead = the gateway's p50 latency − "
        u"the direct target's, every model together; the line below gives the same for TTFT. The direct target's "
        u"requests count only here, never in the other figures." },
    { Tip::Budget, u"Budget",
        u"<i>budget_usd</i>: the run stops gracefully when the measured spend reaches it (end reason "
        u"<i>budget</i>): no new requests start, those in flight finish." },
} };

bool isLatency(Tip tip)
{
    return tip == Tip::LatencyP95 || tip == Tip::Mean || tip == Tip::P99;
}

} // namespace

QString text(Tip which)
{
    for (const Entry &entry : entries) {
        if (entry.tip != which)
            continue;
        QString definition = QString::fromUtf16(entry.definition);
        if (isLatency(which))
            definition += QString::fromUtf16(kLatency);
        return u"<b>"_s + QString::fromUtf16(entry.name) + u"</b><br/>"_s + definition;
    }
    return {};
}

} // namespace stampede::ui::tips
