#pragma once
// A synthetic one-hour summary (3,600 seconds, four models, three error classes, 500 failure
// groups) for size and downsampling tests, built directly rather than through 36,000 snapshots.

#include "reportfixture.h"

#include <cmath>

namespace stampede::test {

inline metrics::LatencyStats windowStats(double base, std::int64_t count)
{
    metrics::LatencyStats st;
    st.count = std::uint64_t(count);
    st.mean = base * 1.1;
    st.min = base * 0.3;
    st.p50 = base;
    st.p90 = base * 1.6;
    st.p95 = base * 1.9;
    st.p99 = base * 2.7;
    st.max = base * 3.1;
    return st;
}

inline report::RunRecord oneHourRecord()
{
    report::RunRecord record = syntheticRecord(300);
    metrics::RunSummary &s = record.summary;
    QStringList models { QStringLiteral("gpt-4.1"), QStringLiteral("claude-sonnet-4-5"),
        QStringLiteral("gemini-2.5-flash"), QStringLiteral("deepseek-v3.2") };
    s.models.clear();
    for (const QString &model : models) {
        metrics::GroupStats g = s.overall;
        g.model = model;
        s.models << g;
        for (const QString &name : { QStringLiteral("http_req_duration") })
            s.histograms.insert(name + QStringLiteral("{model:") + model + QLatin1Char('}'), s.histograms.value(name));
    }
    s.history.clear();
    for (int sec = 0; sec < 3600; ++sec) {
        metrics::SecondPoint p;
        p.second = sec;
        p.vus = 50;
        p.inFlight = 20 + sec % 7;
        p.plannedTarget = 50;
        for (int g = 0; g <= models.size(); ++g) {
            metrics::SecondPoint::Group group;
            group.requests = 30 + (sec * 7 + g) % 11;
            group.failures = sec % 97 == 0 ? 3 : 0;
            group.successes = group.requests - group.failures;
            if (group.failures) {
                group.errors.insert(QStringLiteral("http_429"), 2);
                group.errors.insert(QStringLiteral("timeout"), 1);
            }
            const double base = 400 + 200 * std::sin(sec / 120.0) + g * 30 + (sec % 13) * 5;
            group.latency = windowStats(base, group.successes);
            group.ttft = windowStats(base / 4, group.successes);
            group.tpot = windowStats(8, group.successes);
            group.queue = windowStats(2, group.requests);
            group.completionTokens = group.successes * 150;
            group.promptTokens = group.successes * 30;
            p.groups << group;
        }
        s.history << p;
    }
    s.overall.errors = { { QStringLiteral("http_429"), 74 }, { QStringLiteral("timeout"), 37 } };
    s.failures.clear();
    for (int i = 0; i < metrics::FailureGroups::kMaxGroups; ++i)
        s.failures << metrics::FailureGroup { QStringLiteral("http_500"), 500, QStringLiteral("upstream error #"),
            QStringLiteral("upstream error %1: ").arg(i) + QString(120, QLatin1Char('x')), models[i % 4], 1 + i,
            i * 1000, i * 7000 };
    s.durationMs = 3'600'000;
    return record;
}

} // namespace stampede::test
