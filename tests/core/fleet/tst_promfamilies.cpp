// An agent's Prometheus families (core/fleet): the histogram edges are our buckets' edges, the
// cumulative counts are exact and add up across agents, and the endpoint serves what was last
// published, over real HTTP, with specific errors when it cannot listen.
#include "fleet/metricsendpoint.h"
#include "fleet/promfamilies.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTimer>
#include <QtTest/QTest>

using namespace stampede;

namespace {

QByteArray get(const QString &url)
{
    QNetworkAccessManager manager;
    QNetworkReply *reply = manager.get(QNetworkRequest(QUrl(url)));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray body = reply->isFinished() && reply->error() == QNetworkReply::NoError ? reply->readAll() : "";
    delete reply;
    return body;
}

/// The value of the one sample line that starts with `series` (name and labels as written).
double sample(const QByteArray &text, const QByteArray &series, bool *found = nullptr)
{
    for (const QByteArray &line : text.split('\n'))
        if (line.startsWith(QByteArray(series + ' '))) {
            if (found)
                *found = true;
            return line.mid(series.size() + 1).toDouble();
        }
    if (found)
        *found = false;
    return -1;
}

metrics::GroupStats group(const QString &model, const std::vector<std::uint64_t> &latenciesUs)
{
    metrics::GroupStats g;
    g.model = model;
    g.requests = qint64(latenciesUs.size()) + 2;
    g.successes = qint64(latenciesUs.size());
    g.failures = 2;
    g.errors.insert(QStringLiteral("http_5xx"), 2);
    g.attempts = g.requests + 1;
    g.promptTokens = 300;
    g.completionTokens = 1200;
    g.cacheReadTokens = 5240;
    g.cacheCreationTokens = 40;
    g.reasoningTokens = 480;
    g.costUsd = 0.25;
    g.inFlightSeconds = 3.5;
    auto h = QSharedPointer<metrics::Histogram>::create();
    for (const auto v : latenciesUs)
        h->record(v);
    g.latency = metrics::LatencyStats::fromSharedHistogram(h);
    return g;
}

} // namespace

class TestPromFamilies : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void edgesAreBucketEdges()
    {
        const auto &edges = fleet::bucketEdgesUs();
        QCOMPARE(edges.front(), std::uint64_t(16));
        QCOMPARE(edges.back(), std::uint64_t(1) << 27);
        for (std::size_t i = 0; i < edges.size(); ++i) {
            QCOMPARE(metrics::Histogram::bucketLowerBound(metrics::Histogram::bucketIndex(edges[i])), edges[i]);
            if (i > 0) {
                QVERIFY(edges[i] > edges[i - 1]);
                QVERIFY(double(edges[i]) <= 1.25 * double(edges[i - 1]) + 1e-9);
            }
        }
    }

    // Every cumulative count is the exact number of recorded values below the edge, and two agents'
    // histograms regrouped and added equal the merged histogram regrouped.
    void cumulativeCountsAreExactAndAdd()
    {
        QRandomGenerator rng(15);
        metrics::Histogram a, b;
        std::vector<std::uint64_t> values;
        for (int i = 0; i < 20000; ++i) {
            // log-uniform from 10 µs to 200 s, plus every edge itself and its neighbours
            const std::uint64_t v = std::uint64_t(std::exp(std::log(10.0) + rng.generateDouble() * std::log(2e7)));
            values.push_back(v);
            (i % 2 ? a : b).record(v);
        }
        for (const auto edge : fleet::bucketEdgesUs())
            for (const std::uint64_t v : { edge - 1, edge, edge + 1 }) {
                values.push_back(v);
                a.record(v);
            }
        const auto pa = fleet::promHistogram(a);
        const auto pb = fleet::promHistogram(b);
        metrics::Histogram merged = a;
        merged.merge(b);
        const auto pm = fleet::promHistogram(merged);
        QCOMPARE(pm.bucket.size(), fleet::bucketEdgesUs().size() + 1);
        QCOMPARE(pm.sample_count, std::uint64_t(values.size()));
        for (std::size_t i = 0; i < fleet::bucketEdgesUs().size(); ++i) {
            const std::uint64_t edge = fleet::bucketEdgesUs()[i];
            const auto below = std::uint64_t(std::count_if(values.begin(), values.end(),
                [edge](std::uint64_t v) { return std::min(v, metrics::Histogram::maxTrackable()) < edge; }));
            QCOMPARE(pm.bucket[i].cumulative_count, below);
            QCOMPARE(pm.bucket[i].upper_bound, double(edge) / 1e6);
            QCOMPARE(pa.bucket[i].cumulative_count + pb.bucket[i].cumulative_count, below);
        }
        QVERIFY(std::isinf(pm.bucket.back().upper_bound));
        QCOMPARE(pm.bucket.back().cumulative_count, std::uint64_t(values.size()));
        QCOMPARE(pm.sample_sum, merged.sum() / 1e6);
    }

    // Over HTTP: the families last published, every series with the agent's labels; a model without
    // requests is there at zero.
    void endpointServesWhatWasPublished()
    {
        QString error;
        auto endpoint = fleet::MetricsEndpoint::listen(
            QStringLiteral("127.0.0.1"), 0, { { "segment", "1/4" }, { "scenario", "fleet \"test\"" } }, &error);
        QVERIFY2(endpoint, qPrintable(error));
        QVERIFY(endpoint->port() > 0);
        QCOMPARE(endpoint->url(), QStringLiteral("http://127.0.0.1:%1/metrics").arg(endpoint->port()));
        const QByteArray labels = "segment=\"1/4\",scenario=\"fleet \\\"test\\\"\"";

        QByteArray text = get(endpoint->url());
        QVERIFY2(text.contains("# TYPE stampede_requests_total counter"), text.constData());
        QCOMPARE(sample(text, "stampede_run_finished{" + labels + "}"), 0.0);

        metrics::Snapshot snap;
        snap.vus = 7;
        snap.inFlight = 5;
        snap.dropped = 3;
        snap.plannedTarget = 40;
        snap.elapsedMs = 12500;
        snap.models = { group(QStringLiteral("gpt-4.1"), { 900, 1500, 250000, 250001, 1700000 }),
            group(QStringLiteral("deepseek-v3.2"), {}) };
        snap.models[1].requests = snap.models[1].failures = snap.models[1].attempts = 0;
        snap.models[1].errors.clear();
        snap.models[1].cacheReadTokens = snap.models[1].cacheCreationTokens = snap.models[1].reasoningTokens = 0;
        endpoint->publish(snap);
        text = get(endpoint->url());
        const QByteArray gpt = labels + R"(,model="gpt-4.1")";
        QCOMPARE(sample(text, "stampede_requests_total{" + gpt + "}"), 7.0);
        QCOMPARE(sample(text, "stampede_request_failures_total{" + gpt + R"(,class="http_5xx"})"), 2.0);
        QCOMPARE(sample(text, "stampede_attempts_total{" + gpt + "}"), 8.0);
        QCOMPARE(sample(text, "stampede_completion_tokens_total{" + gpt + "}"), 1200.0);
        // issue 16: cache and reasoning tokens apart from the prompt's, at zero for a model without any
        QCOMPARE(sample(text, "stampede_prompt_tokens_total{" + gpt + "}"), 300.0);
        QCOMPARE(sample(text, "stampede_cache_read_tokens_total{" + gpt + "}"), 5240.0);
        QCOMPARE(sample(text, "stampede_cache_creation_tokens_total{" + gpt + "}"), 40.0);
        QCOMPARE(sample(text, "stampede_reasoning_tokens_total{" + gpt + "}"), 480.0);
        QVERIFY(text.contains("# TYPE stampede_cache_read_tokens_total counter"));
        const QByteArray deepseek = labels + R"(,model="deepseek-v3.2")";
        QCOMPARE(sample(text, "stampede_cache_read_tokens_total{" + deepseek + "}"), 0.0);
        QCOMPARE(sample(text, "stampede_reasoning_tokens_total{" + deepseek + "}"), 0.0);
        QCOMPARE(sample(text, "stampede_cost_usd_total{" + gpt + "}"), 0.25);
        QCOMPARE(sample(text, "stampede_requests_total{" + labels + R"(,model="deepseek-v3.2"})"), 0.0);
        QCOMPARE(sample(text, "stampede_vus{" + labels + "}"), 7.0);
        QCOMPARE(sample(text, "stampede_in_flight{" + labels + "}"), 5.0);
        QCOMPARE(sample(text, "stampede_dropped_iterations_total{" + labels + "}"), 3.0);
        QCOMPARE(sample(text, "stampede_target_load{" + labels + ",unit=\"vus\"}"), 40.0);
        QCOMPARE(sample(text, "stampede_in_flight_seconds_total{" + gpt + "}"), 3.5);
        QCOMPARE(sample(text, "stampede_elapsed_seconds{" + labels + "}"), 12.5);
        QCOMPARE(sample(text, "stampede_http_req_duration_seconds_count{" + gpt + "}"), 5.0);
        // 0.262144 s = 2^18 µs: 900 µs, 1.5 ms and both 250 ms values lie below it, 1.7 s above.
        QCOMPARE(sample(text, "stampede_http_req_duration_seconds_bucket{" + gpt + R"(,le="0.262144"})"), 4.0);
        QCOMPARE(sample(text, "stampede_http_req_duration_seconds_bucket{" + gpt + R"(,le="0.001024"})"), 1.0);
        QCOMPARE(sample(text, "stampede_http_req_duration_seconds_bucket{" + gpt + R"(,le="+Inf"})"), 5.0);
        QCOMPARE(sample(text, "stampede_ttft_seconds_count{" + gpt + "}"), 0.0);

        metrics::RunSummary summary;
        summary.models = snap.models;
        summary.models[0].requests = 9;
        summary.durationMs = 20000;
        summary.dropped = 4;
        endpoint->publish(summary);
        text = get(endpoint->url());
        QCOMPARE(sample(text, "stampede_requests_total{" + gpt + "}"), 9.0);
        QCOMPARE(sample(text, "stampede_run_finished{" + labels + "}"), 1.0);
        QCOMPARE(sample(text, "stampede_vus{" + labels + "}"), 0.0);
        QCOMPARE(sample(text, "stampede_elapsed_seconds{" + labels + "}"), 20.0);
    }

    void cannotListenSaysWhy()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost));
        QString error;
        QVERIFY(!fleet::MetricsEndpoint::listen(QStringLiteral("127.0.0.1"), taken.serverPort(), {}, &error));
        QVERIFY2(error.startsWith(QStringLiteral("cannot serve metrics on 127.0.0.1:%1").arg(taken.serverPort())),
            qPrintable(error));
        QVERIFY(!fleet::MetricsEndpoint::listen(QStringLiteral("localhost:80"), 0, {}, &error));
        QVERIFY2(error.contains(QStringLiteral("is not an IP address")), qPrintable(error));
        QVERIFY(!fleet::MetricsEndpoint::listen(QStringLiteral("127.0.0.1"), 70000, {}, &error));
        QVERIFY2(error.contains(QStringLiteral("is not a port")), qPrintable(error));
        auto v6 = fleet::MetricsEndpoint::listen(QStringLiteral("::1"), 0, {}, &error);
        if (v6) // a machine without IPv6 loopback cannot listen there; nothing to check then
            QVERIFY(get(v6->url()).contains("stampede_vus"));
    }
};

QTEST_GUILESS_MAIN(TestPromFamilies)
#include "tst_promfamilies.moc"
