#include "report/summaryload.h"

#include "report/capacityjson.h"
#include "report/gatewayjson.h"
#include "report/overheadjson.h"

#include "metrics/trendmetrics.h"
#include "report/jsonread.h"
#include "report/servermetricsjson.h"

#include <cmath>

namespace stampede::report {

using nlohmann::json;

namespace {

QString q(const json &j, const char *key)
{
    return jsonString(j, { key });
}

QMap<QString, std::int64_t> countsFromJson(const json &j, const char *key)
{
    QMap<QString, std::int64_t> out;
    if (const json *map = jsonAt(j, { key }); map && map->is_object()) {
        for (auto it = map->begin(); it != map->end(); ++it)
            if (it->is_number())
                out.insert(QString::fromStdString(it.key()), it->get<std::int64_t>());
    }
    return out;
}

/// A summary written before cancellations were counted apart has them as the error "cancelled":
/// read it with today's meaning (not a request, not a failure).
template <typename Count>
void fromCancelledError(Count &cancelled, Count &requests, Count &failures, QMap<QString, std::int64_t> &errors)
{
    const auto it = errors.constFind(QStringLiteral("cancelled"));
    if (it == errors.constEnd())
        return;
    cancelled = Count(it.value());
    requests -= cancelled;
    failures -= cancelled;
    errors.erase(it);
}

const char *trendJsonKey(metrics::Trend trend)
{
    static const char *keys[] = { "latency_ms", "latency_with_errors_ms", "scheduled_latency_ms", "queue_ms", "ttfb_ms",
        "ttft_ms", "tpot_ms", "itl_ms", "output_speed_tps" };
    return keys[int(trend)];
}

/// "slo" (bounds in ms by metric name) and its figures, when the group was judged by an SLO.
void sloFromJson(const json &j, metrics::GroupStats &g)
{
    const json *bounds = jsonAt(j, { "slo" });
    if (!bounds || !bounds->is_object())
        return;
    model::Slo slo;
    for (model::SloMetric metric : model::allSloMetrics()) {
        const auto it = bounds->find(QString(model::sloMetricName(metric)).toStdString());
        if (it != bounds->end() && it->is_number())
            slo.setBound(metric, it->get<std::int64_t>());
    }
    g.slo = slo;
    g.sloMet = jsonValue<std::int64_t>(j, { "slo_met" }, 0);
    g.goodput = jsonValue<double>(j, { "goodput_rps" }, 0);
    g.sloAttainment = jsonValue<double>(j, { "slo_attainment" }, 0);
}

/// A workload slice (a turn, the requests with or without a shared prefix); missing keys are 0.
metrics::SliceStats sliceFromJson(const json &j)
{
    metrics::SliceStats slice;
    if (!j.is_object())
        return slice;
    slice.requests = jsonValue<std::int64_t>(j, { "requests" }, 0);
    slice.successes = jsonValue<std::int64_t>(j, { "successes" }, 0);
    slice.promptTokens = jsonValue<std::int64_t>(j, { "prompt_tokens" }, 0);
    slice.cacheReadTokens = jsonValue<std::int64_t>(j, { "cache_read_tokens" }, 0);
    slice.cacheCreationTokens = jsonValue<std::int64_t>(j, { "cache_creation_tokens" }, 0);
    if (const json *at = jsonAt(j, { "ttft_ms" }))
        slice.ttft = latencyFromJson(*at);
    if (const json *at = jsonAt(j, { "latency_ms" }))
        slice.latency = latencyFromJson(*at);
    return slice;
}

metrics::TokenLengthHistogram tokenLengthsFromJson(const json *j)
{
    metrics::TokenLengthHistogram h;
    if (!j || !j->is_object())
        return h;
    h.count = std::max<std::int64_t>(0, jsonValue<std::int64_t>(*j, { "count" }, 0));
    h.min = jsonValue<std::int64_t>(*j, { "min" }, 0);
    h.max = jsonValue<std::int64_t>(*j, { "max" }, 0);
    h.sum = std::int64_t(std::llround(jsonValue<double>(*j, { "mean" }, 0.0) * double(h.count)));
    if (const json *buckets = jsonAt(*j, { "buckets" }); buckets && buckets->is_array())
        for (const json &b : *buckets)
            if (b.is_array() && b.size() == 3 && b[0].is_number_integer() && b[2].is_number_integer())
                h.buckets[std::size_t(metrics::TokenLengthHistogram::bucketOf(b[0].get<std::int64_t>()))]
                    += std::max<std::int64_t>(0, b[2].get<std::int64_t>());
    return h;
}

metrics::GroupStats groupFromJson(const json &j, const QMap<QString, metrics::Histogram> &histograms, bool overall)
{
    metrics::GroupStats g;
    g.model = q(j, "model");
    g.requests = jsonValue<std::int64_t>(j, { "requests" }, 0);
    g.successes = jsonValue<std::int64_t>(j, { "successes" }, 0);
    g.failures = jsonValue<std::int64_t>(j, { "failures" }, 0);
    g.errors = countsFromJson(j, "errors");
    g.cancelled = jsonValue<std::int64_t>(j, { "cancelled" }, 0);
    if (!jsonAt(j, { "cancelled" }))
        fromCancelledError(g.cancelled, g.requests, g.failures, g.errors);
    g.attempts = jsonValue<std::int64_t>(j, { "attempts" }, 0);
    g.retried = countsFromJson(j, "retried");
    g.truncated = jsonValue<std::int64_t>(j, { "truncated" }, 0);
    g.rps = jsonValue<double>(j, { "rps" }, 0);
    g.outputTokensPerSec = jsonValue<double>(j, { "output_tokens_per_s" }, 0);
    g.inFlightSeconds = jsonValue<double>(j, { "in_flight_s" }, 0); // 0 in summaries older than the field
    g.meanInFlight = jsonValue<double>(j, { "in_flight_mean" }, 0);
    g.promptTokens = jsonValue<std::int64_t>(j, { "prompt_tokens" }, 0);
    g.completionTokens = jsonValue<std::int64_t>(j, { "completion_tokens" }, 0);
    g.cacheReadTokens = jsonValue<std::int64_t>(j, { "cache_read_tokens" }, 0); // 0 before issue 16
    g.cacheCreationTokens = jsonValue<std::int64_t>(j, { "cache_creation_tokens" }, 0);
    g.reasoningTokens = jsonValue<std::int64_t>(j, { "reasoning_tokens" }, 0);
    g.toolCalls = jsonValue<std::int64_t>(j, { "tool_calls" }, 0);
    g.toolCallsInvalid = jsonValue<std::int64_t>(j, { "tool_calls_invalid" }, 0);
    g.estimatedTokenRequests = jsonValue<std::int64_t>(j, { "estimated_token_requests" }, 0);
    g.costUsd = jsonValue<double>(j, { "cost_usd" }, 0);
    g.failedTokens = jsonValue<std::int64_t>(j, { "failed_answer_tokens" }, 0);
    g.failedCostUsd = jsonValue<double>(j, { "failed_answer_cost_usd" }, 0);
    sloFromJson(j, g);
    if (const json *at = jsonAt(j, { "limit_wait_ms" })) // only where a cap applied
        g.limitWait = latencyFromJson(*at);
    if (const json *turns = jsonAt(j, { "turns" }); turns && turns->is_array()) { // conversation runs
        for (const json &t : *turns) {
            if (!t.is_object() || g.turns.size() >= metrics::kMaxTrackedTurns)
                continue;
            metrics::TurnStats turn;
            static_cast<metrics::SliceStats &>(turn) = sliceFromJson(t);
            turn.turn = jsonValue<int>(t, { "turn" }, int(g.turns.size()) + 1);
            g.turns.append(turn);
        }
    }
    if (const json *lengths = jsonAt(j, { "token_lengths" }); lengths && lengths->is_object()) {
        g.tokenLengths.prompt = tokenLengthsFromJson(jsonAt(*lengths, { "prompt" }));
        g.tokenLengths.completion = tokenLengthsFromJson(jsonAt(*lengths, { "completion" }));
    }
    if (const json *shared = jsonAt(j, { "shared_prefix" }); shared && shared->is_object()) {
        const json none = json::object();
        const json *with = jsonAt(*shared, { "with" });
        const json *without = jsonAt(*shared, { "without" });
        g.sharedPrefix = metrics::SharedPrefixStats { sliceFromJson(with ? *with : none),
            sliceFromJson(without ? *without : none) };
    }
    gatewayFromJson(j, g);
    // integrity (issue 14): absent in summaries older than the checks
    for (metrics::IntegrityCheck check : metrics::allIntegrityChecks)
        g.integrity.count(check)
            = jsonValue<std::int64_t>(j, { "integrity", metrics::integrityCheckName(check).data() }, 0);
    g.integrity.substitutedModels = countsFromJson(j, "substituted");
    g.integrity.finishReasons = countsFromJson(j, "finish_reasons");
    const QString suffix = overall ? QString() : QStringLiteral("{model:") + g.model + QLatin1Char('}');
    for (metrics::Trend trend : metrics::allTrends()) {
        metrics::LatencyStats &stats = metrics::trendStats(g, trend);
        if (const json *at = jsonAt(j, { trendJsonKey(trend) }))
            stats = latencyFromJson(*at);
        const auto h = histograms.constFind(metrics::trendName(trend) + suffix);
        if (h != histograms.cend())
            stats.histogram = QSharedPointer<const metrics::Histogram>::create(*h);
    }
    return g;
}

QList<metrics::FailureGroup> failuresFromJson(const json &j)
{
    QList<metrics::FailureGroup> out;
    if (const json *list = jsonAt(j, { "failures" }); list && list->is_array()) {
        for (const json &f : *list)
            out.append(
                { q(f, "error"), jsonValue<int>(f, { "status" }, 0), q(f, "message"), q(f, "example"), q(f, "model"),
                    jsonValue<std::int64_t>(f, { "count" }, 0), jsonValue<std::int64_t>(f, { "first_seen_ms" }, 0),
                    jsonValue<std::int64_t>(f, { "last_seen_ms" }, 0), q(f, "example_request_id") });
    }
    return out;
}

} // namespace

metrics::LatencyStats latencyFromJson(const json &j)
{
    metrics::LatencyStats st;
    st.count = jsonValue<std::uint64_t>(j, { "count" }, 0);
    st.mean = jsonValue<double>(j, { "mean" }, 0);
    st.min = jsonValue<double>(j, { "min" }, 0);
    st.p50 = jsonValue<double>(j, { "p50" }, 0);
    st.p90 = jsonValue<double>(j, { "p90" }, 0);
    st.p95 = jsonValue<double>(j, { "p95" }, 0);
    st.p99 = jsonValue<double>(j, { "p99" }, 0);
    st.max = jsonValue<double>(j, { "max" }, 0);
    return st;
}

metrics::SecondPoint secondFromJson(const json &j)
{
    metrics::SecondPoint p;
    p.second = jsonValue<std::int64_t>(j, { "second" }, 0);
    p.vus = jsonValue<int>(j, { "vus" }, 0);
    p.inFlight = jsonValue<int>(j, { "in_flight" }, 0);
    p.dropped = jsonValue<std::int64_t>(j, { "dropped" }, 0);
    p.plannedTarget = jsonValue<double>(j, { "planned" }, 0);
    if (const json *groups = jsonAt(j, { "groups" }); groups && groups->is_array()) {
        for (const json &g : *groups) {
            metrics::SecondPoint::Group group;
            group.requests = jsonValue<std::int32_t>(g, { "requests" }, 0);
            group.failures = jsonValue<std::int32_t>(g, { "failures" }, 0);
            group.successes = jsonValue<std::int32_t>(g, { "successes" }, group.requests - group.failures);
            group.errors = countsFromJson(g, "errors");
            group.cancelled = jsonValue<std::int32_t>(g, { "cancelled" }, 0);
            if (!jsonAt(g, { "cancelled" }))
                fromCancelledError(group.cancelled, group.requests, group.failures, group.errors);
            for (auto [key, member] : { std::pair { "latency_ms", &metrics::SecondPoint::Group::latency },
                     std::pair { "ttft_ms", &metrics::SecondPoint::Group::ttft },
                     std::pair { "tpot_ms", &metrics::SecondPoint::Group::tpot },
                     std::pair { "queue_ms", &metrics::SecondPoint::Group::queue } }) {
                if (const json *at = jsonAt(g, { key }))
                    group.*member = latencyFromJson(*at);
            }
            group.promptTokens = jsonValue<std::int64_t>(g, { "prompt_tokens" }, 0);
            group.completionTokens = jsonValue<std::int64_t>(g, { "completion_tokens" }, 0);
            group.costUsd = jsonValue<double>(g, { "cost_usd" }, 0);
            group.sloMet = jsonValue<std::int32_t>(g, { "slo_met" }, -1);
            p.groups.append(group);
        }
    }
    return p;
}

metrics::Histogram histogramFromJson(const json &j)
{
    QList<QPair<int, std::uint64_t>> buckets;
    if (const json *list = jsonAt(j, { "buckets" }); list && list->is_array()) {
        for (const json &b : *list)
            if (b.is_array() && b.size() == 2 && b[0].is_number_integer() && b[1].is_number_unsigned())
                buckets.append({ b[0].get<int>(), b[1].get<std::uint64_t>() });
    }
    return metrics::Histogram::fromBuckets(buckets, jsonValue<std::uint64_t>(j, { "min" }, 0),
        jsonValue<std::uint64_t>(j, { "max" }, 0), jsonValue<double>(j, { "sum" }, 0));
}

QMap<QString, metrics::Histogram> histogramsFromJson(const json &summary)
{
    QMap<QString, metrics::Histogram> out;
    if (const json *map = jsonAt(summary, { "histograms" }); map && map->is_object()) {
        for (auto it = map->begin(); it != map->end(); ++it)
            out.insert(QString::fromStdString(it.key()), histogramFromJson(*it));
    }
    return out;
}

metrics::RunSummary summaryFromJson(const json &j)
{
    metrics::RunSummary r;
    r.startedAt = QDateTime::fromString(q(j, "started_at"), Qt::ISODateWithMs).toUTC();
    r.endedAt = QDateTime::fromString(q(j, "ended_at"), Qt::ISODateWithMs).toUTC();
    r.durationMs = qRound64(jsonValue<double>(j, { "duration_s" }, 0) * 1000.0);
    r.end = model::runEndFromString(q(j, "end"));
    r.endReason = q(j, "end_reason");
    r.openModel = jsonValue<bool>(j, { "open_model" }, false);
    r.maxVus = jsonValue<int>(j, { "max_vus" }, 0);
    r.dropped = jsonValue<std::int64_t>(j, { "dropped_iterations" }, 0);
    r.peakInFlight = jsonValue<int>(j, { "peak_in_flight" }, 0);
    r.transport = jsonString(j, { "transport" });
    r.tlsInsecure = jsonValue<bool>(j, { "insecure" }, false);
    r.redirectsFollowed = jsonValue<std::int64_t>(j, { "redirects_followed" }, 0);
    r.histograms = histogramsFromJson(j);
    if (const json *overall = jsonAt(j, { "overall" }))
        r.overall = groupFromJson(*overall, r.histograms, true);
    if (const json *models = jsonAt(j, { "models" }); models && models->is_array()) {
        for (const json &m : *models)
            r.models.append(groupFromJson(m, r.histograms, false));
    }
    if (const json *list = jsonAt(j, { "thresholds" }); list && list->is_array()) {
        for (const json &t : *list)
            r.thresholds.append({ q(t, "metric"), q(t, "expression"), jsonValue<bool>(t, { "passed" }, true),
                jsonValue<bool>(t, { "evaluated" }, false), jsonValue<double>(t, { "value" }, 0),
                jsonValue<bool>(t, { "abort_on_fail" }, false) });
    }
    if (const json *list = jsonAt(j, { "checks" }); list && list->is_array()) {
        for (const json &c : *list)
            r.checks.append({ q(c, "name"), jsonValue<std::int64_t>(c, { "passes" }, 0),
                jsonValue<std::int64_t>(c, { "fails" }, 0) });
    }
    r.failures = failuresFromJson(j);
    if (const json *list = jsonAt(j, { "warnings" }); list && list->is_array()) {
        for (const json &w : *list)
            if (w.is_string())
                r.warnings << QString::fromStdString(w.get<std::string>());
    }
    if (const json *list = jsonAt(j, { "load_changes" }); list && list->is_array()) {
        for (const json &c : *list)
            r.loadChanges.append({ jsonValue<std::int64_t>(c, { "at_ms" }, 0), jsonValue<double>(c, { "target" }, 0) });
    }
    if (const json *list = jsonAt(j, { "history" }); list && list->is_array()) {
        for (const json &p : *list)
            r.history.append(secondFromJson(p));
    }
    if (const json *capacity = jsonAt(j, { "capacity" }); capacity && capacity->is_object())
        r.capacity = capacityFromJson(*capacity);
    if (const json *budget = jsonAt(j, { "budget" }); budget && budget->is_object())
        r.budget = metrics::Budget { jsonValue<double>(*budget, { "limit_usd" }, 0),
            jsonValue<double>(*budget, { "estimated_usd" }, 0), jsonValue<bool>(*budget, { "stopped" }, false) };
    if (const json *server = jsonAt(j, { "server_metrics" }); server && server->is_object())
        r.serverMetrics = serverMetricsFromJson(*server);
    if (const json *overhead = jsonAt(j, { "overhead" }); overhead && overhead->is_object())
        r.overhead = overheadFromJson(*overhead);
    return r;
}

} // namespace stampede::report
