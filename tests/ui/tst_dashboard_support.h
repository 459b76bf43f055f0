#pragma once
// Synthetic runs for the dashboard tests: two models, a ramping-vus plan, thresholds, seconds with
// latencies, tokens and 429s, and grouped failures. Header-only, shared by the tst_dashboard* tests.

#include "metrics/stats.h"
#include "report/runmeta.h"

namespace stampede::test {

using namespace Qt::StringLiterals;

inline report::RunMeta dashboardRunMeta(bool openModel = false)
{
    report::RunMeta info;
    info.models = { u"gpt-4.1"_s, u"claude-sonnet-4-5"_s };
    scenario::ModelSpec a, b;
    a.model = info.models[0];
    a.weight = 3;
    b.model = info.models[1];
    b.weight = 1;
    info.scenario.models = { a, b };
    info.scenario.load.executor
        = openModel ? scenario::ExecutorKind::ConstantArrivalRate : scenario::ExecutorKind::RampingVus;
    info.scenario.load.stages = { { 10000, 20 }, { 50000, 20 } };
    info.scenario.load.rate = 10;
    info.scenario.load.durationMs = 60000;
    info.plan = scenario::makePlan(info.scenario.load);
    info.scenario.thresholds = {
        { u"http_req_duration"_s, { { u"p(95)<2000"_s, false, 0 }, { u"p(99)<5000"_s, false, 0 } } },
        { u"http_req_duration{model:gpt-4.1}"_s, { { u"p(95)<1500"_s, false, 0 } } },
        { u"ttft{model:claude-sonnet-4-5}"_s, { { u"p(95)<800"_s, false, 0 } } },
        { u"http_req_failed"_s, { { u"rate<0.05"_s, true, 0 } } },
    };
    return info;
}

inline metrics::LatencyStats latencyAround(double p50, std::uint64_t count = 10)
{
    metrics::LatencyStats l;
    l.count = count;
    l.min = p50 * 0.5;
    l.mean = p50 * 1.1;
    l.p50 = p50;
    l.p90 = p50 * 1.5;
    l.p95 = p50 * 1.8;
    l.p99 = p50 * 2.5;
    l.max = p50 * 3;
    return l;
}

/// Second `s`: model 0 at ~s*10 ms p50, model 1 at ~s*20 ms, one 429 every third second.
inline metrics::SecondPoint dashboardSecond(std::int64_t s)
{
    metrics::SecondPoint p;
    p.second = s;
    p.vus = int(std::min<std::int64_t>(20, 2 * (s + 1)));
    p.inFlight = p.vus / 2;
    p.plannedTarget = p.vus;
    const std::int64_t errors = s % 3 == 0 ? 1 : 0;
    for (int g = 0; g < 3; ++g) {
        metrics::SecondPoint::Group group;
        const double scale = g == 2 ? 20.0 : 10.0;
        group.requests = g == 0 ? 8 : 4;
        group.failures = g == 1 ? errors : g == 0 ? errors : 0;
        group.successes = group.requests - group.failures;
        if (group.failures)
            group.errors.insert(u"http_429"_s, group.failures);
        group.latency = latencyAround(scale * double(s + 1));
        group.ttft = latencyAround(scale * double(s + 1) / 4);
        group.completionTokens = group.requests * 100;
        group.promptTokens = group.requests * 20;
        p.groups.append(group);
    }
    return p;
}

inline metrics::GroupStats groupStats(const QString &model, double p95, std::int64_t requests, double rps)
{
    metrics::GroupStats g;
    g.model = model;
    g.requests = requests;
    g.failures = requests / 50;
    g.successes = requests - g.failures;
    g.latency = latencyAround(p95 / 1.8, std::uint64_t(g.successes));
    g.ttft = latencyAround(p95 / 4, std::uint64_t(g.successes));
    g.tpot = latencyAround(12);
    g.rps = rps;
    g.promptTokens = requests * 20;
    g.completionTokens = requests * 100;
    g.costUsd = double(requests) * 0.001;
    g.outputTokensPerSec = rps * 100;
    return g;
}

inline QList<metrics::FailureGroup> failureGroups(int groups, std::int64_t total, std::int64_t atMs)
{
    QList<metrics::FailureGroup> out;
    std::int64_t left = total;
    for (int i = 0; i < groups; ++i) {
        metrics::FailureGroup f;
        f.errorKey = i % 2 ? u"http_429"_s : u"timeout"_s;
        f.httpStatus = i % 2 ? 429 : 0;
        f.message = u"failure kind %1 after # ms"_s.arg(i);
        f.example = u"failure kind %1 after %2 ms"_s.arg(i).arg(atMs);
        f.lastModel = u"gpt-4.1"_s;
        f.count = i == groups - 1 ? left : total / groups;
        left -= f.count;
        f.firstSeenMs = 1000;
        f.lastSeenMs = atMs;
        out.append(f);
    }
    return out;
}

/// A snapshot at the end of second `to` carrying seconds [from, to], cumulative stats, thresholds.
inline metrics::Snapshot dashboardSnapshot(std::int64_t from, std::int64_t to, std::int64_t plannedMs = 60000)
{
    metrics::Snapshot s;
    s.elapsedMs = (to + 1) * 1000 + 250;
    s.plannedMs = plannedMs;
    s.vus = 20;
    s.inFlight = 9;
    for (std::int64_t sec = from; sec <= to; ++sec)
        s.newSeconds.append(dashboardSecond(sec));
    const std::int64_t n = (to + 1) * 4;
    s.models = { groupStats(u"gpt-4.1"_s, 900, 3 * n, 3.0), groupStats(u"claude-sonnet-4-5"_s, 2400, n, 1.0) };
    s.overall = groupStats(u"all"_s, 1800, 4 * n, 4.0);
    s.overall.estimatedTokenRequests = 2;
    s.models[0].meanInFlight = 6.7; // measured per model: they add up to the mixed row's
    s.models[1].meanInFlight = 2.3;
    s.overall.meanInFlight = 9.0;
    s.thresholds = {
        { u"http_req_duration"_s, u"p(95)<2000"_s, true, true, 1800, false },
        { u"http_req_duration"_s, u"p(99)<5000"_s, true, true, 2500, false },
        { u"http_req_duration{model:gpt-4.1}"_s, u"p(95)<1500"_s, true, true, 900, false },
        { u"ttft{model:claude-sonnet-4-5}"_s, u"p(95)<800"_s, false, false, 0, false },
        { u"http_req_failed"_s, u"rate<0.05"_s, false, true, 0.07, true },
    };
    s.checks = { { u"status_200"_s, 4 * n - 3, 3 }, { u"has_usage"_s, 4 * n, 0 } };
    s.failures = failureGroups(3, s.overall.failures, s.elapsedMs);
    return s;
}

} // namespace stampede::test
