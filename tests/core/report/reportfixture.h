#pragma once
// A deterministic synthetic run for the report tests: outcomes on virtual time fed through the real
// metrics::Aggregator, with failures whose messages need CSV quoting and a scenario with a secret
// header. Same input, same bytes out: the golden files depend on it.

#include "metrics/aggregator.h"
#include "report/runrecord.h"
#include "scenario/plan.h"

#include <QList>

namespace stampede::test {

inline constexpr char kCanary[] = "sk-canary-STAMPEDE-0123456789abcdef";

inline scenario::Scenario reportScenario()
{
    scenario::Scenario s;
    s.name = QStringLiteral("Report fixture <b>&</b> \"quotes\"");
    s.target.baseUrl = QStringLiteral("http://127.0.0.1:8080/v1");
    s.target.headers.insert(QStringLiteral("X-Api-Key"), QLatin1StringView(kCanary));
    s.target.headers.insert(QStringLiteral("X-Team"), QStringLiteral("load"));
    scenario::ModelSpec alpha;
    alpha.model = QStringLiteral("alpha");
    alpha.weight = 3;
    alpha.price = { 8.0, 16.0 };
    scenario::ModelSpec beta = alpha;
    beta.model = QStringLiteral("beta-2");
    beta.weight = 1;
    beta.price = { 0.5, 1.5 };
    beta.slo.setBound(model::SloMetric::Ttft, 30); // beta's own TTFT bound; the others it inherits
    s.models = { alpha, beta };
    s.slo.setBound(model::SloMetric::HttpReqDuration, 60);
    s.slo.setBound(model::SloMetric::Ttft, 40);
    s.prompts.user = { QStringLiteral("Say hello"), QStringLiteral("你好") };
    s.load.executor = scenario::ExecutorKind::ConstantVus;
    s.load.vus = 4;
    s.load.durationMs = 10000;
    s.thresholds = { { QStringLiteral("http_req_duration"), { { QStringLiteral("p(95)<100"), false, 0 } } },
        { QStringLiteral("http_req_failed"), { { QStringLiteral("rate<0.05"), false, 0 } } },
        { QStringLiteral("slo_attainment"), { { QStringLiteral("rate>0.5"), false, 0 } } } };
    s.checks = { QStringLiteral("status_200"), QStringLiteral("has_usage") };
    s.seed = 1;
    return s;
}

inline report::RunMeta reportMeta(const scenario::Scenario &s = reportScenario())
{
    report::RunMeta meta;
    meta.startedAt = QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5), Qt::UTC);
    meta.baseUrl = QUrl(s.target.baseUrl);
    meta.scenario = s;
    meta.plan = scenario::makePlan(s.load);
    for (const auto &model : s.enabledModels())
        meta.models << model.model;
    meta.toolVersion = QStringLiteral("0.0.0-test");
    meta.workerThreads = 2;
    meta.environment = { QStringLiteral("TestOS 1"), QStringLiteral("linux 6.0"), QStringLiteral("x86_64"), 8,
        QStringLiteral("6.4.2"), QStringLiteral("testhost") };
    return meta;
}

/// Request i of the synthetic run: two models, 10 requests/s for `seconds` s, a 429 every 13th
/// (retried once), a timeout every 17th with a message that needs quoting.
inline metrics::RequestOutcome syntheticOutcome(int i)
{
    constexpr std::int64_t ms = 1'000'000;
    metrics::RequestOutcome o;
    o.modelIndex = i % 3 == 2 ? 1 : 0;
    o.scheduledNs = std::int64_t(i) * 100 * ms;
    o.dispatchedNs = o.scheduledNs + ms / 2;
    o.sentNs = o.scheduledNs + ms + (i % 3) * ms;
    o.firstByteNs = o.sentNs + 20 * ms + (i % 7) * 3 * ms;
    o.attempts = 1;
    o.streamed = true;
    o.checksEvaluated = 3;
    if (i % 13 == 5) {
        o.httpStatus = 429;
        o.errorClass = metrics::ErrorClass::Http;
        o.errorMessage = QStringLiteral("rate limited, retry after %1 s").arg(1 + i % 2);
        o.attempts = 2;
        o.retryReasons = { QStringLiteral("http_429") };
        o.endNs = o.firstByteNs + ms;
        o.checksPassed = 0;
        return o;
    }
    if (i % 17 == 8) {
        o.errorClass = metrics::ErrorClass::Timeout;
        o.errorMessage = QStringLiteral("timed out after 5000 ms: \"slow\", upstream\nsecond line");
        o.firstByteNs = -1;
        o.endNs = o.sentNs + 250 * ms;
        return o;
    }
    o.httpStatus = 200;
    o.completionTokens = 10 + i % 5;
    o.promptTokens = 20 + i % 3;
    o.tokensEstimated = i % 11 == 0;
    o.firstTokenNs = o.firstByteNs + 5 * ms;
    o.lastTokenNs = o.firstTokenNs + (o.completionTokens - 1) * 2 * ms;
    o.endNs = o.lastTokenNs + ms;
    o.finishReason = i % 9 == 0 ? metrics::FinishReason::Length : metrics::FinishReason::Stop;
    o.modelReturned = o.modelIndex ? QStringLiteral("beta-2") : QStringLiteral("alpha-2025");
    o.bytesReceived = 1000 + i;
    o.checksPassed = o.tokensEstimated ? 1 : 3;
    for (std::int64_t t = 1; t < o.completionTokens; ++t)
        o.itlUs.push_back(std::uint32_t(2000 + (t % 3) * 100));
    return o;
}

inline QList<metrics::RequestOutcome> syntheticOutcomes(int count = 100, int first = 0)
{
    QList<metrics::RequestOutcome> out;
    for (int i = first; i < first + count; ++i)
        out << syntheticOutcome(i);
    return out;
}

inline metrics::AggregatorConfig aggregatorConfig(const report::RunMeta &meta)
{
    metrics::AggregatorConfig config;
    for (const auto &model : meta.scenario.enabledModels()) {
        config.models << model.model;
        config.prices << model.price;
        config.modelSlos << meta.scenario.sloFor(model);
    }
    config.slo = meta.scenario.slo;
    for (const auto &set : meta.scenario.thresholds)
        for (const auto &rule : set.rules)
            config.thresholds.append({ set.metricKey, rule.expression, rule.abortOnFail, rule.delayAbortEvalMs });
    config.checks = meta.scenario.checks;
    return config;
}

/// Feeds `outcomes` (in end order) with gauges and snapshots every 250 ms of virtual time, as the
/// engine does, and finishes at the last end.
inline metrics::RunSummary summarize(const report::RunMeta &meta, const QList<metrics::RequestOutcome> &outcomes,
    QList<metrics::SecondPoint> *liveSeconds = nullptr)
{
    constexpr std::int64_t tick = 250'000'000;
    metrics::Aggregator aggregator(aggregatorConfig(meta));
    QList<metrics::RequestOutcome> sorted = outcomes;
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.endNs < b.endNs; });
    std::int64_t now = 0;
    qsizetype next = 0;
    const std::int64_t lastEnd = sorted.isEmpty() ? 0 : sorted.last().endNs;
    while (now <= lastEnd + tick) {
        for (; next < sorted.size() && sorted[next].endNs <= now; ++next)
            aggregator.add(sorted[next]);
        aggregator.setGauges(now, 4, 2 + int(now / tick) % 3, now / (2 * 1000'000'000), 4);
        const metrics::Snapshot snap = aggregator.snapshot(now, meta.plan.totalMs);
        if (liveSeconds)
            *liveSeconds << snap.newSeconds;
        now += tick;
    }
    metrics::RunSummary summary = aggregator.finish(lastEnd);
    summary.startedAt = meta.startedAt;
    summary.endedAt = meta.startedAt.addMSecs(summary.durationMs);
    summary.maxVus = 4;
    return summary;
}

inline report::RunRecord syntheticRecord(int count = 100)
{
    report::RunRecord record;
    record.meta = reportMeta();
    record.summary = summarize(record.meta, syntheticOutcomes(count));
    return record;
}

} // namespace stampede::test
