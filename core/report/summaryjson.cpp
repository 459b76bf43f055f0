#include "report/summaryjson.h"

#include "report/capacityjson.h"
#include "report/gatewayjson.h"
#include "report/overheadjson.h"
#include "report/sanitize.h"
#include "report/servermetricsjson.h"

#include <QBuffer>
#include <QSaveFile>

#include <string_view>

namespace stampede::report {

using nlohmann::json;

namespace {
std::string s(const QString &text)
{
    return text.toStdString();
}

/// "all", then the enabled models: the names of SecondPoint::groups.
QStringList groupNames(const metrics::RunSummary &summary)
{
    QStringList names { QStringLiteral("all") };
    for (const auto &group : summary.models)
        names << group.model;
    return names;
}

json countsToJson(const QMap<QString, std::int64_t> &map)
{
    json out = json::object();
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        out[s(it.key())] = it.value();
    return out;
}

} // namespace

json histogramToJson(const metrics::Histogram &h)
{
    json buckets = json::array();
    for (const auto &[index, count] : h.nonZeroBuckets())
        buckets.push_back({ index, count });
    return { { "count", h.count() }, { "min", h.min() }, { "max", h.max() }, { "sum", h.sum() },
        { "buckets", buckets } };
}

json secondToJson(const metrics::SecondPoint &point, const QStringList &groupNames)
{
    json groups = json::array();
    for (qsizetype g = 0; g < point.groups.size(); ++g) {
        const auto &group = point.groups[g];
        json entry = { { "model", s(groupNames.value(g)) }, { "requests", group.requests },
            { "successes", group.successes }, { "failures", group.failures }, { "cancelled", group.cancelled },
            { "errors", countsToJson(group.errors) }, { "latency_ms", latencyToJson(group.latency) },
            { "ttft_ms", latencyToJson(group.ttft) }, { "tpot_ms", latencyToJson(group.tpot) },
            { "queue_ms", latencyToJson(group.queue) }, { "prompt_tokens", group.promptTokens },
            { "completion_tokens", group.completionTokens }, { "cost_usd", group.costUsd } };
        if (group.sloMet >= 0) // judged by an SLO: the second's goodput (requests that met it)
            entry["slo_met"] = group.sloMet;
        groups.push_back(std::move(entry));
    }
    return { { "second", point.second }, { "vus", point.vus }, { "in_flight", point.inFlight },
        { "dropped", point.dropped }, { "planned", point.plannedTarget }, { "groups", groups } };
}

json failureToJson(const metrics::FailureGroup &f)
{
    json out = { { "error", s(f.errorKey) }, { "status", f.httpStatus }, { "message", s(f.message) },
        { "example", s(f.example) }, { "model", s(f.lastModel) }, { "count", f.count },
        { "first_seen_ms", f.firstSeenMs }, { "last_seen_ms", f.lastSeenMs } };
    if (!f.exampleRequestId.isEmpty())
        out["example_request_id"] = s(f.exampleRequestId);
    return out;
}

json latencyToJson(const metrics::LatencyStats &st)
{
    return { { "count", st.count }, { "mean", st.mean }, { "min", st.min }, { "p50", st.p50 }, { "p90", st.p90 },
        { "p95", st.p95 }, { "p99", st.p99 }, { "max", st.max } };
}

json sloBoundsToJson(const model::Slo &slo)
{
    json out = json::object();
    for (model::SloMetric metric : model::allSloMetrics()) {
        if (const std::optional<std::int64_t> ms = slo.bound(metric))
            out[s(model::sloMetricName(metric))] = *ms;
    }
    return out;
}

json sliceToJson(const metrics::SliceStats &slice)
{
    return { { "requests", slice.requests }, { "successes", slice.successes }, { "prompt_tokens", slice.promptTokens },
        { "cache_read_tokens", slice.cacheReadTokens }, { "cache_creation_tokens", slice.cacheCreationTokens },
        { "ttft_ms", latencyToJson(slice.ttft) }, { "latency_ms", latencyToJson(slice.latency) } };
}

/// {"count", "mean", "min", "max", "buckets": [[low, high, count], ...]}: the non-empty buckets.
json tokenLengthsToJson(const metrics::TokenLengthHistogram &h)
{
    json buckets = json::array();
    for (int b = 0; b < metrics::TokenLengthHistogram::kBuckets; ++b)
        if (const std::int64_t n = h.buckets[std::size_t(b)])
            buckets.push_back(json::array({ metrics::TokenLengthHistogram::bucketLow(b),
                b == metrics::TokenLengthHistogram::kBuckets - 1
                    ? std::max(h.max, metrics::TokenLengthHistogram::bucketHigh(b))
                    : metrics::TokenLengthHistogram::bucketHigh(b),
                n }));
    return { { "count", h.count }, { "mean", h.mean() }, { "min", h.min }, { "max", h.max },
        { "buckets", std::move(buckets) } };
}

json groupToJson(const metrics::GroupStats &g)
{
    json out = { { "model", s(g.model) }, { "requests", g.requests }, { "successes", g.successes },
        { "failures", g.failures }, { "error_rate", g.errorRate() }, { "cancelled", g.cancelled },
        { "errors", countsToJson(g.errors) }, { "attempts", g.attempts }, { "retried", countsToJson(g.retried) },
        { "truncated", g.truncated }, { "rps", g.rps }, { "output_tokens_per_s", g.outputTokensPerSec },
        { "in_flight_mean", g.meanInFlight }, { "in_flight_s", g.inFlightSeconds }, { "prompt_tokens", g.promptTokens },
        { "cache_read_tokens", g.cacheReadTokens }, { "cache_creation_tokens", g.cacheCreationTokens },
        { "completion_tokens", g.completionTokens }, { "reasoning_tokens", g.reasoningTokens },
        { "tool_calls", g.toolCalls }, { "tool_calls_invalid", g.toolCallsInvalid },
        { "estimated_token_requests", g.estimatedTokenRequests }, { "cost_usd", g.costUsd },
        { "failed_answer_tokens", g.failedTokens }, { "failed_answer_cost_usd", g.failedCostUsd },
        { "latency_ms", latencyToJson(g.latency) }, { "latency_with_errors_ms", latencyToJson(g.latencyAll) },
        { "scheduled_latency_ms", latencyToJson(g.scheduledLatency) }, { "queue_ms", latencyToJson(g.queue) },
        { "ttfb_ms", latencyToJson(g.ttfb) }, { "ttft_ms", latencyToJson(g.ttft) },
        { "tpot_ms", latencyToJson(g.tpot) }, { "itl_ms", latencyToJson(g.itl) },
        { "output_speed_tps", latencyToJson(g.outputSpeed) } };
    if (g.hasSlo()) { // absent without an SLO: not 100 %, not 0
        out["slo"] = sloBoundsToJson(*g.slo);
        out["slo_met"] = g.sloMet;
        out["goodput_rps"] = g.goodput;
        out["slo_attainment"] = g.sloAttainment;
    }
    if (g.hasLimitWait()) // absent where no cap ("limits") applies
        out["limit_wait_ms"] = latencyToJson(g.limitWait);
    if (!g.turns.isEmpty()) { // a conversation run (scenario "conversation")
        json turns = json::array();
        for (const metrics::TurnStats &t : g.turns) {
            json turn = sliceToJson(t);
            turn["turn"] = t.turn;
            turns.push_back(std::move(turn));
        }
        out["turns"] = std::move(turns);
    }
    if (g.tokenLengths.prompt.count > 0) // what the successes sent and got (the report's workload)
        out["token_lengths"] = { { "prompt", tokenLengthsToJson(g.tokenLengths.prompt) },
            { "completion", tokenLengthsToJson(g.tokenLengths.completion) } };
    if (g.sharedPrefix) // a run with shared prefixes (prompts.shared_prefix)
        out["shared_prefix"]
            = { { "with", sliceToJson(g.sharedPrefix->with) }, { "without", sliceToJson(g.sharedPrefix->without) } };
    gatewayToJson(g, out);
    if (g.successes > 0) { // integrity (issue 14): judged on successes, absent before the first
        json checks = json::object();
        for (metrics::IntegrityCheck check : metrics::allIntegrityChecks) {
            const QLatin1StringView name = metrics::integrityCheckName(check);
            checks[std::string(name.data(), std::size_t(name.size()))] = g.integrity.count(check);
        }
        out["integrity"] = std::move(checks);
        out["substituted"] = countsToJson(g.integrity.substitutedModels);
        out["finish_reasons"] = countsToJson(g.integrity.finishReasons);
    }
    return out;
}

json summaryToJson(const metrics::RunSummary &summary, const SummaryContext &context)
{
    json out;
    out["tool"] = { { "name", "stampede" }, { "version", STAMPEDE_VERSION } };
    out["started_at"] = s(summary.startedAt.toString(Qt::ISODateWithMs));
    out["ended_at"] = s(summary.endedAt.toString(Qt::ISODateWithMs));
    out["duration_s"] = double(summary.durationMs) / 1000.0;
    out["end"] = s(model::toString(summary.end));
    out["end_reason"] = s(summary.endReason);
    out["open_model"] = summary.openModel;
    out["max_vus"] = summary.maxVus;
    out["dropped_iterations"] = summary.dropped;
    out["peak_in_flight"] = summary.peakInFlight;
    out["target"] = { { "base_url", s(displayUrl(context.baseUrl)) } };
    out["transport"] = s(summary.transport);
    out["insecure"] = summary.tlsInsecure; // target.tls.insecure: the certificate was not verified
    out["redirects_followed"] = summary.redirectsFollowed;
    if (!summary.capacity.isEmpty()) // a sweep's verdicts; absent for every other run
        out["capacity"] = capacityToJson(summary.capacity);
    if (summary.budget) // scenario budget_usd; absent without one
        out["budget"] = { { "limit_usd", summary.budget->limitUsd }, { "spent_usd", summary.overall.costUsd },
            { "estimated_usd", summary.budget->estimatedUsd }, { "stopped", summary.budget->stopped } };
    if (summary.serverMetrics) // scenario server_metrics; absent without it
        out["server_metrics"] = serverMetricsToJson(*summary.serverMetrics);
    if (summary.overhead) // a paired run (scenario direct_target); absent otherwise
        out["overhead"] = overheadToJson(*summary.overhead);
    out["overall"] = groupToJson(summary.overall);
    out["models"] = json::array();
    for (const auto &group : summary.models)
        out["models"].push_back(groupToJson(group));
    out["thresholds"] = json::array();
    for (const auto &t : summary.thresholds)
        out["thresholds"].push_back(
            { { "metric", s(t.metric) }, { "expression", s(t.expression) }, { "passed", t.passed },
                { "evaluated", t.evaluated }, { "value", t.value }, { "abort_on_fail", t.abortOnFail } });
    out["thresholds_passed"] = summary.thresholdsPassed();
    out["checks"] = json::array();
    for (const auto &c : summary.checks)
        out["checks"].push_back(
            { { "name", s(c.name) }, { "passes", c.passes }, { "fails", c.fails }, { "rate", c.rate() } });
    out["failures"] = json::array();
    for (const auto &f : summary.failures)
        out["failures"].push_back(failureToJson(f));
    out["warnings"] = json::array();
    for (const QString &w : summary.warnings)
        out["warnings"].push_back(s(w));
    if (!summary.loadChanges.isEmpty()) { // Run ▸ Adjust load; absent when the plan ran as written
        out["load_changes"] = json::array();
        for (const auto &change : summary.loadChanges)
            out["load_changes"].push_back({ { "at_ms", change.atMs }, { "target", change.target } });
    }
    out["scenario"] = json::parse(sanitizedScenarioJson(context.scenario).toStdString(), nullptr, false);
    if (context.includeHistory) {
        const QStringList names = groupNames(summary);
        out["history"] = json::array();
        for (const auto &point : summary.history)
            out["history"].push_back(secondToJson(point, names));
    }
    if (context.includeHistograms) {
        out["histograms"] = json::object();
        for (auto it = summary.histograms.cbegin(); it != summary.histograms.cend(); ++it)
            out["histograms"][s(it.key())] = histogramToJson(it.value());
    }
    return out;
}

bool writeSummaryJson(QIODevice &out, const metrics::RunSummary &summary, const SummaryContext &context)
{
    // The document without the history, plus an empty "history" to hold its place among the keys
    // (nlohmann objects are sorted). dump(2) is rebuilt here key by key: a value nested n levels
    // deep is its own dump(2) with 2n spaces after every newline (dump escapes newlines inside
    // strings, so every raw newline is a line break).
    SummaryContext rest = context;
    rest.includeHistory = false;
    json document = summaryToJson(summary, rest);
    if (context.includeHistory)
        document["history"] = json::array();
    bool ok = true;
    auto write = [&out, &ok](std::string_view text) {
        ok = ok && out.write(text.data(), qint64(text.size())) == qint64(text.size());
    };
    auto writeNested = [&write](const json &value, std::string_view indent) {
        const std::string text = value.dump(2);
        std::string_view remaining = text;
        for (std::size_t newline = remaining.find('\n'); newline != std::string_view::npos;
             newline = remaining.find('\n')) {
            write(remaining.substr(0, newline + 1));
            write(indent);
            remaining.remove_prefix(newline + 1);
        }
        write(remaining);
    };
    write("{");
    const char *separator = "\n";
    for (auto it = document.cbegin(); it != document.cend(); ++it) {
        write(separator);
        separator = ",\n";
        write("  ");
        write(json(it.key()).dump());
        write(": ");
        if (it.key() != "history" || summary.history.isEmpty()) {
            writeNested(*it, "  ");
            continue;
        }
        const QStringList names = groupNames(summary);
        write("[");
        const char *itemSeparator = "\n    ";
        for (const metrics::SecondPoint &point : summary.history) {
            write(itemSeparator);
            itemSeparator = ",\n    ";
            writeNested(secondToJson(point, names), "    ");
        }
        write("\n  ]");
    }
    write(document.empty() ? "}\n" : "\n}\n");
    return ok;
}

QString saveSummaryJson(const QString &path, const metrics::RunSummary &summary, const SummaryContext &context)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !writeSummaryJson(file, summary, context) || !file.commit())
        return path + QStringLiteral(": ") + file.errorString();
    return {};
}

QByteArray summaryJsonBytes(const metrics::RunSummary &summary, const SummaryContext &context)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    writeSummaryJson(buffer, summary, context);
    return bytes;
}

} // namespace stampede::report
