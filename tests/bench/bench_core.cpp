// Micro-benchmarks of the hot paths: prints one table (ns per operation, throughput).
// Not a test: figures only (docs/benchmarks.md). Run through tests/bench/run.sh.
#include "benchutil.h"
#include "metrics/aggregator.h"
#include "metrics/histogram.h"
#include "protocol/chat.h"
#include "protocol/ssedecoder.h"

#include <QRandomGenerator>

#include <cstdio>

using namespace stampede;
using bench::nsPerOp;

namespace {

QByteArray sampleStream(int chunks)
{
    QByteArray s;
    for (int i = 0; i < chunks; ++i)
        s += "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4.1\",\"choices\":[{\"index\":0,"
             "\"delta\":{\"content\":\" word\"},\"finish_reason\":null}]}\r\n\r\n";
    s += "data: [DONE]\r\n\r\n";
    return s;
}

void row(const char *what, double value, const char *unit)
{
    std::printf("| %-44s | %12.1f | %-10s |\n", what, value, unit);
}

} // namespace

int main()
{
    std::printf("| %-44s | %12s | %-10s |\n|%s|%s|%s|\n", "micro-benchmark", "value", "unit",
        std::string(46, '-').c_str(), std::string(14, '-').c_str(), std::string(12, '-').c_str());
    constexpr int n = 2'000'000;
    std::vector<std::uint64_t> values(n);
    QRandomGenerator rng(1);
    for (auto &v : values)
        v = 1000 + rng.bounded(5'000'000);

    metrics::Histogram h;
    row("Histogram::record",
        nsPerOp(n,
            [&] {
                for (auto v : values)
                    h.record(v);
            }),
        "ns/op");
    volatile double sink = 0;
    row("Histogram::percentile (4 quantiles)",
        nsPerOp(1000,
            [&] {
                for (int i = 0; i < 1000; ++i)
                    sink = sink + h.percentile(50) + h.percentile(90) + h.percentile(95) + h.percentile(99);
            })
            / 1000.0,
        "us/op");

    metrics::AggregatorConfig config;
    config.models = { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d") };
    config.prices = { { 8, 8 }, { 15, 15 }, { 2.5, 2.5 }, { 0.42, 0.42 } };
    config.thresholds = { { QStringLiteral("http_req_duration"), QStringLiteral("p(95)<2000"), false, 0 } };
    metrics::Aggregator aggregator(config);
    std::vector<metrics::RequestOutcome> outcomes(100000);
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        auto &o = outcomes[i];
        o.modelIndex = int(i % 4);
        o.scheduledNs = std::int64_t(i) * 2'000'000;
        o.sentNs = o.scheduledNs + 100'000;
        o.firstByteNs = o.sentNs + 50'000'000;
        o.firstTokenNs = o.firstByteNs + 1'000'000;
        o.lastTokenNs = o.firstTokenNs + 200'000'000;
        o.endNs = o.lastTokenNs + 1'000'000;
        o.httpStatus = 200;
        o.promptTokens = 20;
        o.completionTokens = 100;
        o.itlUs.assign(99, 2000);
    }
    row("Aggregator::add (streamed, 99 ITL gaps)",
        nsPerOp(std::int64_t(outcomes.size()),
            [&] {
                for (const auto &o : outcomes)
                    aggregator.add(o);
            }),
        "ns/op");
    row("Aggregator::snapshot (5 groups)",
        nsPerOp(200,
            [&] {
                for (int i = 0; i < 200; ++i)
                    sink
                        = sink + double(aggregator.snapshot(std::int64_t(i) * 250'000'000, 3'600'000).overall.requests);
            })
            / 1000.0,
        "us/op");

    const QByteArray stream = sampleStream(1000);
    const double mbPerS = double(stream.size())
        / nsPerOp(1,
            [&] {
                for (int r = 0; r < 20; ++r) {
                    protocol::SseDecoder decoder;
                    QList<protocol::SseEvent> events;
                    for (qsizetype off = 0; off < stream.size(); off += 200) // ~2 events per network read
                        decoder.feed(
                            QByteArrayView(stream).sliced(off, std::min<qsizetype>(200, stream.size() - off)), events);
                }
            })
        * 1e9 / 1e6 * 20;
    row("SseDecoder::feed (200-byte reads)", mbPerS, "MB/s");
    const QByteArray chunk = sampleStream(1).mid(6, sampleStream(1).indexOf("\r\n") - 6);
    row("parseStreamChunk (one OpenAI chunk)",
        nsPerOp(200000,
            [&] {
                for (int i = 0; i < 200000; ++i)
                    sink = sink + (protocol::parseStreamChunk(chunk).hasContent ? 1 : 0);
            }),
        "ns/op");
    return sink < 0 ? 1 : 0;
}
