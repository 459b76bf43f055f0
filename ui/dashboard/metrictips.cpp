#include "ui/dashboard/metrictips.h"

namespace stampede::ui::tips {

using namespace Qt::StringLiterals;

namespace {

QString tip(const QString &name, const QString &definition)
{
    return u"<b>"_s + name + u"</b><br/>"_s + definition;
}

QString latencyTip(const QString &name, const QString &aggregation)
{
    return tip(name,
               aggregation
                   + u" of <i>http_req_duration</i>: request sent → last byte of the response, over successful "
                     "requests. Percentiles come from a log-linear histogram (≤ 0.4 % error)."_s);
}

} // namespace

QString text(Tip which)
{
    switch (which) {
    case Tip::Elapsed:
        return tip(u"Elapsed / remaining"_s,
                   u"Run time since the load started (after the preflight), and the planned time left "
                   "(graceful stop not included)."_s);
    case Tip::Requests:
        return tip(u"Requests"_s, u"Finished requests: final outcomes after retries, successes and failures."_s);
    case Tip::Rps:
        return tip(u"Requests per second"_s,
                   u"Finished requests / measured window (from the start of the load to now)."_s);
    case Tip::LatencyP95:
        return latencyTip(u"Latency p95 (ms)"_s, u"95th percentile"_s);
    case Tip::ErrorRate:
        return tip(u"Error rate"_s,
                   u"<i>http_req_failed</i>: failed / (succeeded + failed). Failures are counted by class: HTTP "
                   "status, timeout, connection, malformed response, stream cut off."_s);
    case Tip::OutputTokens:
        return tip(u"Output tokens"_s,
                   u"Completion tokens from the server's <i>usage</i>; when absent, estimated from the text "
                   "(≈ 4 characters per token, 1 per CJK character) and marked “~”. Never chunk counts."_s);
    case Tip::Cost:
        return tip(u"Spend"_s,
                   u"<i>cost_usd</i>: prompt tokens × input price + completion tokens × output price ($ per "
                   "million tokens, per model)."_s);
    case Tip::Model:
        return tip(u"Model"_s, u"The model of the request; “mixed” is every model together."_s);
    case Tip::Vus:
        return tip(u"VUs"_s,
                   u"Closed model: virtual users. A model's share is the VUs times its weight share (each "
                   "iteration picks a model by weight), marked “~”."_s);
    case Tip::InFlight:
        return tip(u"In flight"_s,
                   u"Open model: requests outstanding. Per model: the average by Little's law (req/s × mean "
                   "latency), marked “~”; the mixed row shows the current count."_s);
    case Tip::Mean:
        return latencyTip(u"Mean (ms)"_s, u"Average"_s);
    case Tip::P99:
        return latencyTip(u"p99 (ms)"_s, u"99th percentile"_s);
    case Tip::TtftP95:
        return tip(u"TTFT p95 (ms)"_s,
                   u"Time to first token: request sent → first SSE event with non-empty content, reasoning or "
                   "tool-call delta (a role-only chunk does not count); successes with a token."_s);
    case Tip::TpotMean:
        return tip(u"TPOT mean (ms)"_s,
                   u"Time per output token: (last token − first token) / (completion tokens − 1); successes "
                   "with at least 2 completion tokens."_s);
    case Tip::PromptTokens:
        return tip(u"Prompt tokens"_s,
                   u"From the server's <i>usage</i>; “~” when some requests had their tokens estimated."_s);
    case Tip::CompletionTokens:
        return text(Tip::OutputTokens);
    case Tip::LatencyChart:
        return tip(u"Latency percentiles over time"_s,
                   u"p50 / p90 / p95 / p99 of <i>http_req_duration</i> (sent → last byte, successes) within "
                   "each second; a request counts in the second it ended. Dashed red: thresholds."_s);
    case Tip::ThroughputChart:
        return tip(u"Throughput"_s,
                   u"Finished requests per second (planned arrivals dashed, open model) and completion tokens "
                   "per second (right axis)."_s);
    case Tip::ErrorsChart:
        return tip(u"Errors per second by class"_s,
                   u"Final failures (after retries) in the second they ended, stacked by class: http_&lt;status&gt;, "
                   "timeout, connection, malformed_response, stream_cut, ..."_s);
    case Tip::VusChart:
        return tip(u"Concurrency"_s,
                   u"Virtual users (closed model, planned dashed), requests in flight and, for the open model, "
                   "dropped iterations per second (arrivals not started because max_in_flight was reached)."_s);
    case Tip::TtftChart:
        return tip(u"TTFT p95 per model"_s,
                   u"95th percentile of time to first token within each second, per model. Dashed: ttft "
                   "thresholds."_s);
    case Tip::Thresholds:
        return tip(u"Thresholds"_s,
                   u"k6-style rules evaluated on the run so far. Grey: not evaluated yet (no data)."_s);
    case Tip::Checks:
        return tip(u"Checks"_s, u"Pass rate of each check over every request it was evaluated on."_s);
    case Tip::Failures:
        return tip(u"Failures"_s,
                   u"Final failures grouped by class and message (digits folded); the example is the latest raw "
                   "message, secrets redacted."_s);
    }
    return {};
}

} // namespace stampede::ui::tips
