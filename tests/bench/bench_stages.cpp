// The request hot path, stage by stage, against the target of 50,000 req/s: per-request
// bookkeeping in a real engine::Worker (no network: a fake transport answers), outcome batches
// crossing threads, the aggregator, and the run folder's journal. Prints one Markdown table.
// Not a test: figures only (docs/benchmarks.md). Run: bash tests/bench/run.sh stages
#include "benchutil.h"
#include "engine/endpoint.h"
#include "engine/runcontext.h"
#include "engine/transport.h"
#include "engine/worker.h"
#include "metrics/aggregator.h"
#include "protocol/chat.h"
#include "report/journal.h"
#include "report/runfolderwriter.h"
#include "report/runmeta.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <memory>
#include <string>
#include <vector>

using namespace stampede;
using bench::nsPerOp;

namespace {

constexpr double kTargetRps = 50'000;
constexpr int kContentChunks = 20; ///< 19 inter-token gaps
constexpr int kBatch = 500; ///< outcomes per cross-thread batch
constexpr int kDispatchBatch = 50; ///< jobs per engine tick: 1 ms at 50,000 req/s
constexpr int kMaxInFlight = 1000; ///< the scenario default (load.max_in_flight)
constexpr int kPerSnapshot = int(kTargetRps / 4); ///< outcomes between two snapshots at 4 Hz
const QString kModel = QStringLiteral("gpt-4.1");

/// One OpenAI chat.completion.chunk as a server sends it with stream_options.include_usage.
QByteArray sseChunk(const QByteArray &delta, const QByteArray &finish, const QByteArray &usage)
{
    return "data: {\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\","
           "\"created\":1741569952,\"model\":\"gpt-4.1-2025-04-14\",\"service_tier\":\"default\","
           "\"system_fingerprint\":\"fp_b376dfbbd5\",\"choices\":[{\"index\":0,\"delta\":"
        + delta + ",\"logprobs\":null,\"finish_reason\":" + finish + "}],\"usage\":" + usage + "}\n\n";
}

/// The streamed response as 21 reads: 20 content chunks, then the finish/usage chunk with [DONE].
QList<QByteArray> streamParts()
{
    QList<QByteArray> parts;
    parts << sseChunk(R"({"role":"assistant","content":"Hello","refusal":null})", "null", "null");
    for (int i = 1; i < kContentChunks; ++i)
        parts << sseChunk(R"({"content":" word)" + QByteArray::number(i) + "\"}", "null", "null");
    parts << sseChunk("{}", "\"stop\"",
                 R"({"prompt_tokens":25,"completion_tokens":20,"total_tokens":45,)"
                 R"("prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}})")
            + "data: [DONE]\n\n";
    return parts;
}

QByteArray completionBody()
{
    return R"({"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1741570283,)"
           R"("model":"gpt-4.1-2025-04-14","choices":[{"index":0,"message":{"role":"assistant","content":)"
           R"("Hello! The quick brown fox jumps over the lazy dog while twenty words fill this reply here.",)"
           R"("refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":25,)"
           R"("completion_tokens":20,"total_tokens":45,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},)"
           R"("completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0}},"service_tier":"default",)"
           R"("system_fingerprint":"fp_b376dfbbd5"})";
}

/// Answers every exchange with a canned 200 response, never inside start(): the exchanges queue
/// up and one posted call completes them on the next pass of the event loop, as a real transport
/// handles the sockets that became ready. Lives on the worker's thread.
class FakeTransport final : public engine::Transport
{
public:
    explicit FakeTransport(engine::RunContext &context)
        : m_ctx(context)
        , m_stream(streamParts())
        , m_completion(completionBody())
    {
    }
    ~FakeTransport() override
    {
        while (!m_queue.empty())
            m_queue.front()->abort();
    }

    engine::Exchange *start(const engine::TransportRequest &request, engine::TransportClient &client) override
    {
        m_queue.push_back(new Pending(*this, client, request.stream));
        if (!m_pumpPosted) {
            m_pumpPosted = true;
            QMetaObject::invokeMethod(
                &m_poster, [this] { pump(); }, Qt::QueuedConnection);
        }
        return m_queue.back();
    }
    int reapIdle(std::int64_t) override { return 0; }
    int groupCount() const override { return 1; }

private:
    struct Pending final : engine::Exchange {
        Pending(FakeTransport &t, engine::TransportClient &c, bool s)
            : transport(t)
            , client(c)
            , stream(s)
        {
        }
        void abort() override { transport.abort(this); }
        FakeTransport &transport;
        engine::TransportClient &client;
        bool stream;
        bool running = false; ///< inside complete(): an abort ends the exchange after the callback
        bool aborted = false;
    };

    void pump()
    {
        m_pumpPosted = false;
        for (std::size_t n = m_queue.size(); n > 0 && !m_queue.empty(); --n) { // not those started meanwhile
            Pending *x = m_queue.front();
            m_queue.pop_front();
            complete(x);
        }
    }

    void complete(Pending *x)
    {
        x->running = true;
        x->client.transportSent(m_ctx.clock.nowNs());
        if (!x->aborted)
            x->client.transportHead(200, m_ctx.clock.nowNs());
        if (x->stream) {
            for (const QByteArray &part : std::as_const(m_stream)) {
                if (x->aborted)
                    break;
                x->client.transportData(part, m_ctx.clock.nowNs());
            }
        } else if (!x->aborted) {
            x->client.transportData(m_completion, m_ctx.clock.nowNs());
        }
        engine::TransportResult result;
        result.status = 200;
        if (x->aborted)
            result.error = engine::TransportError::Aborted;
        x->client.transportFinished(result, m_ctx.clock.nowNs());
        delete x;
    }

    void abort(Pending *x)
    {
        if (x->running) {
            x->aborted = true;
            return;
        }
        m_queue.erase(std::find(m_queue.begin(), m_queue.end(), x));
        engine::TransportResult result;
        result.error = engine::TransportError::Aborted;
        x->client.transportFinished(result, m_ctx.clock.nowNs());
        delete x;
    }

    engine::RunContext &m_ctx;
    const QList<QByteArray> m_stream;
    const QByteArray m_completion;
    QObject m_poster; ///< created on the worker's thread (the transport is made in Worker::init())
    std::deque<Pending *> m_queue;
    bool m_pumpPosted = false;
};

scenario::Scenario benchScenario(bool stream)
{
    scenario::Scenario s;
    s.name = QStringLiteral("stage bench");
    s.target.baseUrl = QStringLiteral("http://127.0.0.1:9/v1");
    scenario::ModelSpec model;
    model.model = kModel;
    model.stream = stream;
    model.maxTokens = 100;
    model.price = { 2.0, 8.0 };
    s.models = { model };
    s.prompts.user = { QStringLiteral("Say hello"), QStringLiteral("Write a haiku about load testing") };
    s.checks = { QStringLiteral("status_200"), QStringLiteral("has_choices") };
    s.retry.maxRetries = 0;
    s.preflight = false;
    s.seed = 7;
    return s;
}

/// Stage 1: requests through a real Worker on this thread, from startJobs() to outcomesReady.
double workerNsPerRequest(bool stream, int requests)
{
    const scenario::Scenario s = benchScenario(stream);
    const auto ctx
        = std::make_shared<engine::RunContext>(s, engine::Endpoint(s.target, QUrl(s.target.baseUrl), QString()));
    std::unique_ptr<engine::Worker> worker;
    int received = 0, wrong = 0;
    const auto setup = [&] {
        worker = std::make_unique<engine::Worker>(0, ctx);
        worker->setTransportFactory(
            [](engine::RunContext &context) { return std::make_unique<FakeTransport>(context); });
        worker->init();
        received = 0;
        QObject::connect(worker.get(), &engine::Worker::outcomesReady, worker.get(),
            [&](const QList<metrics::RequestOutcome> &batch) {
                received += int(batch.size());
                for (const metrics::RequestOutcome &o : batch) // the canned answer must be a success
                    wrong += !o.succeeded() || o.tokensEstimated || o.completionTokens != 20
                        || (stream && o.itlUs.size() != kContentChunks - 1);
            });
    };
    const auto body = [&] {
        QEventLoop loop;
        QObject::connect(worker.get(), &engine::Worker::drained, &loop, &QEventLoop::quit);
        int issued = 0;
        QTimer feeder; // the engine's dispatch tick, as fast as the loop turns
        QObject::connect(&feeder, &QTimer::timeout, &feeder, [&] {
            while (issued < requests && ctx->outstanding.load() < kMaxInFlight) {
                QList<engine::RequestJob> jobs;
                for (int i = 0; i < kDispatchBatch; ++i, ++issued)
                    jobs.append({ ctx->clock.nowNs(), 0, issued % ctx->promptCount() });
                ctx->outstanding.fetch_add(int(jobs.size())); // the engine counts open-model jobs at dispatch
                worker->startJobs(jobs);
            }
            if (issued >= requests) {
                feeder.stop();
                worker->stopIssuing(); // drained() follows the last outcome
            }
        });
        feeder.start(0);
        loop.exec();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // the finished runners
    };
    const double ns = nsPerOp(requests, setup, body);
    if (received != requests || wrong > 0)
        std::fprintf(stderr, "worker stage (%s): %d of %d outcomes, %d not the expected success\n",
            stream ? "streamed" : "non-streamed", received, requests, wrong);
    worker.reset();
    return ns;
}

/// What stage 1 spends in JSON alone: the runner parses every event's payload ([DONE] aside), or
/// the one body of a non-streamed answer.
double jsonParseNsPerRequest(bool stream)
{
    QList<QByteArray> payloads;
    for (const QByteArray &part : streamParts()) {
        for (const QByteArray &line : part.split('\n')) {
            if (line.startsWith("data: {"))
                payloads << line.mid(6);
        }
    }
    const QByteArray completion = completionBody();
    constexpr int kReps = 5000;
    volatile int sink = 0;
    return nsPerOp(kReps, [&] {
        for (int r = 0; r < kReps; ++r) {
            if (!stream) {
                sink = sink + protocol::parseCompletion(completion).hasContent;
                continue;
            }
            for (const QByteArray &payload : std::as_const(payloads))
                sink = sink + protocol::parseStreamChunk(payload).hasContent;
        }
    });
}

/// A finished streamed request as a runner builds it (its strings and gaps freshly allocated).
metrics::RequestOutcome sampleOutcome(std::int64_t i)
{
    metrics::RequestOutcome o;
    o.modelIndex = 0;
    o.scheduledNs = i * std::int64_t(1e9 / kTargetRps);
    o.dispatchedNs = o.scheduledNs + 20'000;
    o.sentNs = o.dispatchedNs + 80'000;
    o.firstByteNs = o.sentNs + 180'000'000;
    o.firstTokenNs = o.firstByteNs + 1'000'000;
    o.lastTokenNs = o.firstTokenNs + 19 * 12'000'000;
    o.endNs = o.lastTokenNs + 900'000;
    o.httpStatus = 200;
    o.finishReason = metrics::FinishReason::Stop;
    o.promptTokens = 25;
    o.completionTokens = 20;
    o.modelReturned = QString::fromLatin1("gpt-4.1-2025-04-14");
    o.bytesReceived = 6200;
    o.streamed = true;
    o.checksEvaluated = o.checksPassed = 0b11;
    for (int g = 0; g < kContentChunks - 1; ++g)
        o.itlUs.push_back(11'000 + std::uint32_t(g * 97 % 2000));
    return o;
}

/// Lives on a worker thread; emits its batches as Worker::flush() does (emit, then drop its copy).
class BatchSender : public QObject
{
    Q_OBJECT
public:
    void build(int batches)
    {
        for (int b = 0; b < batches; ++b) {
            QList<metrics::RequestOutcome> batch;
            for (int i = 0; i < kBatch; ++i)
                batch.append(sampleOutcome(std::int64_t(b) * kBatch + i));
            m_batches.push_back(std::move(batch));
        }
    }
    void sendAll()
    {
        for (QList<metrics::RequestOutcome> &batch : m_batches) {
            Q_EMIT outcomesReady(batch);
            batch.clear();
        }
        m_batches.clear();
    }

Q_SIGNALS:
    void outcomesReady(const QList<stampede::metrics::RequestOutcome> &outcomes);

private:
    std::vector<QList<metrics::RequestOutcome>> m_batches;
};

/// Stage 2: batches from a worker QThread to this (main) thread, received and freed here.
double batchNsPerOutcome(int batches)
{
    QThread thread;
    thread.setObjectName(QStringLiteral("bench-worker"));
    auto *sender = new BatchSender; // lives on `thread`, deleted when it finishes
    sender->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, sender, &QObject::deleteLater);
    thread.start();
    QEventLoop loop;
    const int total = batches * kBatch;
    int received = 0;
    std::size_t gaps = 0;
    QObject::connect(sender, &BatchSender::outcomesReady, &loop, [&](const QList<metrics::RequestOutcome> &batch) {
        Q_ASSERT(QThread::currentThread() == loop.thread());
        for (const metrics::RequestOutcome &o : batch)
            gaps += o.itlUs.size();
        received += int(batch.size());
        if (received == total)
            loop.quit();
    });
    const auto setup = [&] {
        received = 0;
        QMetaObject::invokeMethod(
            sender, [&] { sender->build(batches); }, Qt::BlockingQueuedConnection);
    };
    const auto body = [&] {
        QMetaObject::invokeMethod(
            sender, [&] { sender->sendAll(); }, Qt::QueuedConnection);
        loop.exec();
        QCoreApplication::sendPostedEvents(); // nothing left queued for this thread
    };
    const double ns = nsPerOp(total, setup, body);
    thread.quit();
    thread.wait();
    if (gaps != std::size_t(total) * 5 * (kContentChunks - 1))
        std::fprintf(stderr, "batch stage: %zu gaps received\n", gaps);
    return ns;
}

metrics::AggregatorConfig aggregatorConfig()
{
    metrics::AggregatorConfig config;
    config.models = { kModel };
    config.prices = { { 2.0, 8.0 } };
    config.thresholds = { { QStringLiteral("http_req_duration"), QStringLiteral("p(95)<2000"), false, 0 },
        { QStringLiteral("ttft"), QStringLiteral("p(99)<1000"), false, 0 } };
    config.checks = { QStringLiteral("status_200"), QStringLiteral("has_choices") };
    config.openModel = true;
    return config;
}

/// Stage 3: Aggregator::add per outcome; with `snapshots`, the engine's 4 Hz snapshot amortised.
double aggregatorNsPerOutcome(const std::vector<metrics::RequestOutcome> &outcomes, bool snapshots)
{
    std::unique_ptr<metrics::Aggregator> aggregator;
    volatile std::int64_t sink = 0;
    const auto setup = [&] { aggregator = std::make_unique<metrics::Aggregator>(aggregatorConfig()); };
    const auto body = [&] {
        for (std::size_t i = 0; i < outcomes.size(); ++i) {
            aggregator->add(outcomes[i]);
            if (snapshots && (i + 1) % kPerSnapshot == 0) {
                const std::int64_t now = outcomes[i].endNs;
                aggregator->setGauges(now, 0, 900, 0, kTargetRps);
                sink = sink + aggregator->snapshot(now, 600'000).overall.requests;
            }
        }
    };
    return nsPerOp(std::int64_t(outcomes.size()), setup, body);
}

/// Stage 4: requests.jsonl through RunFolderWriter into a real file, flushed as its timer does
/// (every 250 ms, i.e. every 12,500 outcomes at 50,000 req/s).
double journalNsPerOutcome(const QList<QList<metrics::RequestOutcome>> &batches)
{
    QTemporaryDir tmp;
    report::RunMeta meta;
    meta.startedAt = QDateTime::currentDateTimeUtc();
    meta.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9/v1"));
    meta.scenario = benchScenario(true);
    meta.models = { kModel };
    meta.workerThreads = 2;
    std::unique_ptr<report::RunFolderWriter> writer;
    int round = 0;
    const auto setup = [&] {
        if (writer)
            QDir(writer->dir()).removeRecursively(); // keep the temp dir small between rounds
        writer = std::make_unique<report::RunFolderWriter>(tmp.filePath(QString::number(round++)));
        writer->begin(meta);
    };
    const auto body = [&] {
        const int flushEvery = kPerSnapshot / kBatch;
        for (qsizetype b = 0; b < batches.size(); ++b) {
            writer->appendOutcomes(batches[b]);
            if ((b + 1) % flushEvery == 0)
                writer->flush();
        }
        writer->flush();
    };
    const double ns = nsPerOp(std::int64_t(batches.size()) * kBatch, setup, body);
    writer.reset();
    return ns;
}

double jsonLineNsPerOutcome(const std::vector<metrics::RequestOutcome> &outcomes)
{
    volatile qsizetype sink = 0;
    return nsPerOp(std::int64_t(outcomes.size()), [&] {
        for (const metrics::RequestOutcome &o : outcomes)
            sink = sink + report::outcomeToJsonLine(o, kModel).size();
    });
}

void row(const char *stage, double ns)
{
    const double ceiling = 1e9 / ns;
    std::printf("| %-70s | %26.0f | %30.0f | %-15s |\n", stage, ns, ceiling,
        ceiling >= kTargetRps ? ">= 50,000 req/s" : "CEILING");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qRegisterMetaType<metrics::RequestOutcome>();
    qRegisterMetaType<QList<metrics::RequestOutcome>>();

    std::printf("| %-70s | %26s | %30s | %-15s |\n", "stage", "ns per request (best of 5)",
        "implied ceiling req/s per core", "verdict");
    std::printf("|%s|%s|%s|%s|\n", std::string(72, '-').c_str(), std::string(28, '-').c_str(),
        std::string(32, '-').c_str(), std::string(17, '-').c_str());
    std::fflush(stdout);

    constexpr int kRequests = 20'000;
    row("1. Worker bookkeeping, streamed (fake transport: 21 SSE reads, 19 ITL)", workerNsPerRequest(true, kRequests));
    row("1.   of which protocol::parseStreamChunk x 21 chunks", jsonParseNsPerRequest(true));
    row("1. Worker bookkeeping, non-streamed (fake transport: one JSON body)", workerNsPerRequest(false, kRequests));
    row("1.   of which protocol::parseCompletion (one body)", jsonParseNsPerRequest(false));
    row("2. Outcome batches of 500, worker QThread -> main thread (queued)", batchNsPerOutcome(200));

    std::vector<metrics::RequestOutcome> outcomes;
    for (std::int64_t i = 0; i < 100'000; ++i)
        outcomes.push_back(sampleOutcome(i));
    row("3. Aggregator::add (streamed, 19 ITL gaps)", aggregatorNsPerOutcome(outcomes, false));
    row("3. Aggregator::add + snapshot at 4 Hz (every 12,500 outcomes)", aggregatorNsPerOutcome(outcomes, true));

    QList<QList<metrics::RequestOutcome>> batches;
    for (std::size_t i = 0; i < outcomes.size(); i += kBatch)
        batches.append(QList<metrics::RequestOutcome>(
            outcomes.begin() + qsizetype(i), outcomes.begin() + qsizetype(std::min(i + kBatch, outcomes.size()))));
    row("4. Journal: RunFolderWriter -> requests.jsonl (flush every 250 ms)", journalNsPerOutcome(batches));
    row("4.   of which report::outcomeToJsonLine (one line)", jsonLineNsPerOutcome(outcomes));
    return 0;
}

#include "bench_stages.moc"
