#include "fleet/promfamilies.h"

#include <QSharedPointer>

#include <limits>
#include <utility>

namespace stampede::fleet {

namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;
using Labels = std::vector<ClientMetric::Label>;

Labels withLabels(const Labels &constLabels, std::initializer_list<ClientMetric::Label> own)
{
    Labels labels = constLabels;
    labels.insert(labels.end(), own.begin(), own.end());
    return labels;
}

MetricFamily family(const char *name, const char *help, MetricType type)
{
    return MetricFamily { name, help, type, {} };
}

ClientMetric counter(Labels labels, double value)
{
    ClientMetric metric;
    metric.label = std::move(labels);
    metric.counter.value = value;
    return metric;
}

ClientMetric gauge(const Labels &labels, double value)
{
    ClientMetric metric;
    metric.label = labels;
    metric.gauge.value = value;
    return metric;
}

const metrics::Histogram &histogramOf(const metrics::LatencyStats &stats)
{
    static const metrics::Histogram empty;
    return stats.histogram ? *stats.histogram : empty;
}

} // namespace

const std::vector<std::uint64_t> &bucketEdgesUs()
{
    static const std::vector<std::uint64_t> edges = [] {
        std::vector<std::uint64_t> list;
        for (int k = 4; k <= 27; ++k)
            for (const std::uint64_t quarters : { 4, 5, 6, 7 })
                if (k < 27 || quarters == 4)
                    list.push_back((std::uint64_t(1) << k) * quarters / 4);
        return list;
    }();
    return edges;
}

ClientMetric::Histogram promHistogram(const metrics::Histogram &h)
{
    ClientMetric::Histogram out;
    out.sample_count = h.count();
    out.sample_sum = h.sum() / 1e6;
    const auto buckets = h.nonZeroBuckets();
    const auto &edges = bucketEdgesUs();
    out.bucket.reserve(edges.size() + 1);
    std::uint64_t below = 0;
    qsizetype next = 0;
    for (const std::uint64_t edge : edges) {
        // Buckets are [lower, upper) and every edge is some bucket's lower bound: a bucket is below
        // the edge exactly when its upper bound is at or below it.
        while (next < buckets.size() && metrics::Histogram::bucketUpperBound(buckets[next].first) <= edge)
            below += buckets[next++].second;
        out.bucket.push_back({ below, double(edge) / 1e6 });
    }
    out.bucket.push_back({ h.count(), std::numeric_limits<double>::infinity() });
    return out;
}

std::vector<MetricFamily> metricFamilies(
    const QList<metrics::GroupStats> &models, const AgentGauges &gauges, const Labels &constLabels)
{
    MetricFamily requests = family(prom::requests, "Finished requests (successes and failures)", MetricType::Counter);
    MetricFamily failures
        = family(prom::failures, "Finished requests that failed, by error class", MetricType::Counter);
    MetricFamily attempts = family(prom::attempts, "HTTP attempts sent, retries included", MetricType::Counter);
    MetricFamily cancelled
        = family(prom::cancelled, "Requests cut by the run's own stop (not in requests)", MetricType::Counter);
    MetricFamily prompt = family(prom::promptTokens, "Prompt tokens (as the server reported)", MetricType::Counter);
    MetricFamily completion
        = family(prom::completionTokens, "Completion tokens (as the server reported)", MetricType::Counter);
    MetricFamily cacheRead = family(prom::cacheReadTokens,
        "Prompt-side tokens read from the provider's prompt cache (not in prompt tokens)", MetricType::Counter);
    MetricFamily cacheCreation = family(prom::cacheCreationTokens,
        "Prompt-side tokens written to the provider's prompt cache (not in prompt tokens)", MetricType::Counter);
    MetricFamily reasoning = family(prom::reasoningTokens,
        "The part of the completion tokens the server reported as reasoning", MetricType::Counter);
    MetricFamily cost = family(prom::cost, "Cost in US dollars at the scenario's prices", MetricType::Counter);
    MetricFamily inFlightSeconds = family(prom::inFlightSeconds,
        "Seconds requests spent in flight, summed (over elapsed seconds: the mean in flight)", MetricType::Counter);
    MetricFamily duration = family(prom::duration,
        "http_req_duration of successful requests: request sent to last byte, seconds", MetricType::Histogram);
    MetricFamily ttft
        = family(prom::ttft, "Time to first token: request sent to first content, seconds", MetricType::Histogram);
    MetricFamily itl
        = family(prom::itl, "Inter-token latency: gaps between content chunks, seconds", MetricType::Histogram);

    for (const metrics::GroupStats &group : models) {
        const std::string name = group.model.toStdString();
        const Labels labels = withLabels(constLabels, { { "model", name } });
        requests.metric.push_back(counter(labels, double(group.requests)));
        for (auto it = group.errors.cbegin(); it != group.errors.cend(); ++it)
            failures.metric.push_back(
                counter(withLabels(constLabels, { { "model", name }, { "class", it.key().toStdString() } }),
                    double(it.value())));
        attempts.metric.push_back(counter(labels, double(group.attempts)));
        cancelled.metric.push_back(counter(labels, double(group.cancelled)));
        prompt.metric.push_back(counter(labels, double(group.promptTokens)));
        completion.metric.push_back(counter(labels, double(group.completionTokens)));
        cacheRead.metric.push_back(counter(labels, double(group.cacheReadTokens)));
        cacheCreation.metric.push_back(counter(labels, double(group.cacheCreationTokens)));
        reasoning.metric.push_back(counter(labels, double(group.reasoningTokens)));
        cost.metric.push_back(counter(labels, group.costUsd));
        inFlightSeconds.metric.push_back(counter(labels, group.inFlightSeconds));
        for (auto [target, stats] : { std::pair { &duration, &group.latency }, std::pair { &ttft, &group.ttft },
                 std::pair { &itl, &group.itl } }) {
            ClientMetric metric;
            metric.label = labels;
            metric.histogram = promHistogram(histogramOf(*stats));
            target->metric.push_back(std::move(metric));
        }
    }

    MetricFamily dropped
        = family(prom::dropped, "Arrivals not started: no VU or in-flight slot free", MetricType::Counter);
    dropped.metric.push_back(counter(constLabels, double(gauges.dropped)));
    MetricFamily vus = family(prom::vus, "Virtual users running", MetricType::Gauge);
    vus.metric.push_back(gauge(constLabels, gauges.vus));
    MetricFamily inFlight = family(prom::inFlight, "Requests in flight", MetricType::Gauge);
    inFlight.metric.push_back(gauge(constLabels, gauges.inFlight));
    MetricFamily target = family(prom::targetLoad,
        "The whole plan's load now, the same on every agent: VUs (unit=\"vus\") or requests/s (unit=\"rps\")",
        MetricType::Gauge);
    target.metric.push_back(
        gauge(withLabels(constLabels, { { "unit", gauges.openModel ? "rps" : "vus" } }), gauges.targetLoad));
    MetricFamily elapsed = family(prom::elapsed, "Seconds since the run started", MetricType::Gauge);
    elapsed.metric.push_back(gauge(constLabels, gauges.elapsedSeconds));
    MetricFamily finished = family(prom::finished, "1 once the run has ended, else 0", MetricType::Gauge);
    finished.metric.push_back(gauge(constLabels, gauges.finished ? 1 : 0));

    std::vector<MetricFamily> families;
    for (MetricFamily *f :
        { &requests, &failures, &attempts, &cancelled, &prompt, &completion, &cacheRead, &cacheCreation, &reasoning,
            &cost, &inFlightSeconds, &duration, &ttft, &itl, &dropped, &vus, &inFlight, &target, &elapsed, &finished })
        families.push_back(std::move(*f));
    return families;
}

AgentGauges gaugesOf(const metrics::Snapshot &snapshot)
{
    return { snapshot.vus, snapshot.inFlight, snapshot.dropped, snapshot.plannedTarget, snapshot.openModel,
        double(snapshot.elapsedMs) / 1000.0, false };
}

AgentGauges gaugesOf(const metrics::RunSummary &summary)
{
    return { 0, 0, summary.dropped, 0, summary.openModel, double(summary.durationMs) / 1000.0, true };
}

} // namespace stampede::fleet
