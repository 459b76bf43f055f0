// Figures for the simulated gateway (not a pass/fail test):
//   gateway_bench rps     [--port P] [--connections 64] [--pipeline 1] [--seconds 5] [--client-threads 1]
//   gateway_bench streams [--port P] [--streams 5000] [--tokens 20] [--tps 20] [--ttft 200] [--ramp-ms 0]
//                         [--client-threads 1]
//   gateway_bench serve   [--port 0] [--threads 2] [--tokens 20] [--tps 20] [--ttft 200] [--fixed-latency 0]
// Without --port, rps/streams start a gateway in this process (--threads, default 2). To measure the
// gateway alone, run `serve` pinned to some cores and the client pinned to others (taskset).

#include "gateway/simgateway.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <sys/resource.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <vector>

using namespace stampede;

namespace {

struct Totals {
    std::atomic<quint64> responses { 0 };
    std::atomic<quint64> errors { 0 };
    std::atomic<int> connected { 0 };
};

struct Options {
    quint16 port = 0;
    int connections = 64;
    int pipeline = 1;
    bool stream = false;
    bool once = false; ///< each connection sends one request only
    int rampMs = 0; ///< open the connections over this time
    QByteArray model = "bench";
};

QByteArray chatRequest(const QByteArray &model, bool stream)
{
    const QByteArray body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
        + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}" : "}");
    return "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
           "Content-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// A closed-loop keep-alive connection: keeps `pipeline` requests outstanding and counts whole responses.
// Parses just enough: Content-Length bodies, or a chunked body ending in "0\r\n\r\n".
class BenchConnection : public QObject
{
public:
    BenchConnection(const Options &o, Totals *totals, std::vector<qint64> *ttftNs, QObject *parent)
        : QObject(parent)
        , m_request(chatRequest(o.model, o.stream))
        , m_pipeline(o.pipeline)
        , m_once(o.once)
        , m_totals(totals)
        , m_ttftNs(ttftNs)
    {
        connect(&m_socket, &QTcpSocket::connected, this, [this] {
            m_totals->connected.fetch_add(1);
            m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
            for (int i = 0; i < m_pipeline; ++i)
                sendOne();
        });
        connect(&m_socket, &QTcpSocket::readyRead, this, [this] { onRead(); });
        connect(&m_socket, &QTcpSocket::errorOccurred, this, [this] { m_totals->errors.fetch_add(1); });
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), o.port);
    }

private:
    void sendOne()
    {
        if (m_once && m_requests > 0)
            return;
        ++m_requests;
        m_sent.start();
        m_sawContent = false;
        // Straight to the kernel, as the gateway does: QTcpSocket::write() toggles a socket notifier per
        // write, O(open sockets) with the glib dispatcher, and would make this client the bottleneck.
        const ssize_t n
            = ::send(int(m_socket.socketDescriptor()), m_request.constData(), size_t(m_request.size()), MSG_NOSIGNAL);
        if (n < m_request.size())
            m_socket.write(m_request.mid(n < 0 ? 0 : n));
    }
    void onRead()
    {
        m_buffer += m_socket.readAll();
        for (;;) {
            if (m_ttftNs && !m_sawContent && m_buffer.contains("{\"content\":\"")) {
                m_sawContent = true;
                m_ttftNs->push_back(m_sent.nsecsElapsed());
            }
            const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            const qsizetype cl = m_buffer.indexOf("Content-Length: ");
            qsizetype end = -1;
            if (cl >= 0 && cl < headEnd) {
                const qsizetype len = m_buffer.mid(cl + 16, m_buffer.indexOf('\r', cl) - cl - 16).toLongLong();
                end = headEnd + 4 + len <= m_buffer.size() ? headEnd + 4 + len : -1;
            } else {
                const qsizetype last = m_buffer.indexOf("\r\n0\r\n\r\n", headEnd);
                end = last < 0 ? -1 : last + 7;
            }
            if (end < 0)
                return;
            if (!m_buffer.startsWith("HTTP/1.1 200"))
                m_totals->errors.fetch_add(1);
            m_buffer.remove(0, end);
            m_totals->responses.fetch_add(1, std::memory_order_relaxed);
            sendOne();
        }
    }

    QTcpSocket m_socket;
    QByteArray m_request;
    QByteArray m_buffer;
    QElapsedTimer m_sent;
    int m_pipeline;
    bool m_once;
    int m_requests = 0;
    bool m_sawContent = false;
    Totals *m_totals;
    std::vector<qint64> *m_ttftNs;
};

// One client thread's connections; lives in that thread.
class ClientShard : public QObject
{
public:
    ClientShard(const Options &o, int count, Totals *totals, bool recordTtft)
        : m_options(o)
        , m_count(count)
        , m_totals(totals)
        , m_recordTtft(recordTtft)
    {
    }
    void start() // in the shard's thread
    {
        if (m_options.rampMs <= 0) {
            while (int(m_connections.size()) < m_count)
                openOne();
            return;
        }
        // Open the connections evenly over rampMs, in 10 ms steps.
        auto *timer = new QTimer(this);
        const int steps = qMax(1, m_options.rampMs / 10);
        connect(timer, &QTimer::timeout, this, [this, timer, steps] {
            const int target = int(qint64(m_count) * ++m_step / steps);
            while (int(m_connections.size()) < qMin(target, m_count))
                openOne();
            if (int(m_connections.size()) >= m_count)
                timer->stop();
        });
        timer->start(10);
    }
    std::vector<qint64> ttftNs;

private:
    void openOne()
    {
        m_connections.push_back(new BenchConnection(m_options, m_totals, m_recordTtft ? &ttftNs : nullptr, this));
    }

    Options m_options;
    int m_step = 0;
    int m_count;
    Totals *m_totals;
    bool m_recordTtft;
    std::vector<BenchConnection *> m_connections;
};

double cpuSeconds()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

gateway::GatewayConfig benchConfig(const QCommandLineParser &args)
{
    gateway::GatewayConfig c;
    c.threads = args.value(QStringLiteral("threads")).toInt();
    c.models = { { QStringLiteral("bench"), args.value(QStringLiteral("ttft")).toDouble(),
        args.value(QStringLiteral("tps")).toDouble(), args.value(QStringLiteral("tokens")).toInt(), 0.0 } };
    // rps answers at once by default: it measures the server's own cost per request.
    const QString fixed = args.value(QStringLiteral("fixed-latency"));
    c.fixedLatencyMs = !fixed.isEmpty()                               ? fixed.toInt()
        : args.positionalArguments().value(0) == QLatin1String("rps") ? 0
                                                                      : -1;
    return c;
}

struct ClientPool {
    std::vector<QThread *> threads;
    std::vector<ClientShard *> shards;

    ClientPool(const Options &o, int total, int threadCount, Totals *totals, bool recordTtft)
    {
        for (int t = 0; t < threadCount; ++t) {
            auto *thread = new QThread;
            const int count = total / threadCount + (t < total % threadCount ? 1 : 0);
            auto *shard = new ClientShard(o, count, totals, recordTtft);
            shard->moveToThread(thread);
            thread->start();
            QMetaObject::invokeMethod(shard, [shard] { shard->start(); });
            threads.push_back(thread);
            shards.push_back(shard);
        }
    }
    ~ClientPool()
    {
        for (std::size_t i = 0; i < threads.size(); ++i) {
            QMetaObject::invokeMethod(
                shards[i], [s = shards[i]] { delete s; }, Qt::BlockingQueuedConnection);
            threads[i]->quit();
            threads[i]->wait();
            delete threads[i];
        }
    }
};

int runRps(const QCommandLineParser &args, Options o, gateway::SimGateway *gw)
{
    const int seconds = args.value(QStringLiteral("seconds")).toInt();
    Totals totals;
    ClientPool pool(o, o.connections, args.value(QStringLiteral("client-threads")).toInt(), &totals, false);
    QThread::msleep(500); // connect and warm up
    const quint64 r0 = totals.responses.load();
    const double cpu0 = cpuSeconds();
    QElapsedTimer timer;
    timer.start();
    QThread::sleep(unsigned(seconds));
    const double elapsed = timer.nsecsElapsed() / 1e9;
    const quint64 done = totals.responses.load() - r0;
    const double cpu = cpuSeconds() - cpu0;
    std::printf("rps: %d connections x pipeline %d, %.1f s: %llu responses, %.0f req/s, errors %llu, process CPU "
                "%.2f s (%.0f%% of one core)%s\n",
        o.connections, o.pipeline, elapsed, static_cast<unsigned long long>(done), double(done) / elapsed,
        static_cast<unsigned long long>(totals.errors.load()), cpu, 100.0 * cpu / elapsed,
        gw ? " [gateway in-process: CPU includes the client]" : "");
    if (gw)
        std::printf("gateway: served %llu, open connections %d\n",
            static_cast<unsigned long long>(gw->requestsServed()), gw->openConnections());
    return 0;
}

int runStreams(const QCommandLineParser &args, Options o, gateway::SimGateway *gw)
{
    const int streams = args.value(QStringLiteral("streams")).toInt();
    o.stream = true;
    o.once = true;
    o.pipeline = 1;
    Totals totals;
    QElapsedTimer timer;
    timer.start();
    auto pool
        = std::make_unique<ClientPool>(o, streams, args.value(QStringLiteral("client-threads")).toInt(), &totals, true);
    int peakOpen = 0;
    while (totals.responses.load() < quint64(streams) && timer.elapsed() < 600000) {
        QThread::msleep(20);
        if (gw)
            peakOpen = std::max(peakOpen, gw->openConnections());
    }
    const double elapsed = timer.nsecsElapsed() / 1e9;
    std::vector<qint64> ttft;
    for (auto *s : pool->shards)
        QMetaObject::invokeMethod(
            s, [s, &ttft] { ttft.insert(ttft.end(), s->ttftNs.begin(), s->ttftNs.end()); },
            Qt::BlockingQueuedConnection);
    std::sort(ttft.begin(), ttft.end());
    auto pct = [&ttft](double p) { return ttft.empty() ? 0.0 : ttft[std::size_t(p * double(ttft.size() - 1))] / 1e6; };
    std::printf("streams: %d requested, %llu completed in %.2f s, errors %llu, peak open on gateway %d\n", streams,
        static_cast<unsigned long long>(totals.responses.load()), elapsed,
        static_cast<unsigned long long>(totals.errors.load()), peakOpen);
    std::printf("client-measured TTFT (configured %s ms): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n",
        qPrintable(args.value(QStringLiteral("ttft"))), pct(0.5), pct(0.95), pct(0.99), pct(1.0));
    if (gw) {
        const auto late = gw->lateness();
        std::printf("gateway scheduler: %llu events, late by %.2f ms on average, %.1f ms at most\n",
            static_cast<unsigned long long>(late.events), late.meanMs, late.maxMs);
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser args;
    args.addHelpOption();
    args.addPositionalArgument(QStringLiteral("mode"), QStringLiteral("rps | streams | serve"));
    auto option = [&args](const char *name, const char *help, const char *value) {
        args.addOption(
            { QString::fromLatin1(name), QString::fromLatin1(help), QStringLiteral("n"), QString::fromLatin1(value) });
    };
    option("port", "gateway port (0: start one in this process, or serve on a free port)", "0");
    option("threads", "gateway handler threads", "2");
    option("connections", "rps: keep-alive connections", "64");
    option("pipeline", "rps: requests outstanding per connection", "1");
    option("seconds", "rps: measuring time", "5");
    option("streams", "streams: concurrent streaming requests", "5000");
    option("client-threads", "client threads", "1");
    option("ramp-ms", "open the connections over this many ms (0: all at once)", "0");
    option("tokens", "streams/serve: output tokens per response", "20");
    option("tps", "streams/serve: tokens per second", "20");
    option("ttft", "streams/serve: time to first token, ms", "200");
    option("fixed-latency", "gateway fixed_latency_ms (rps in-process: 0; else none)", "");
    args.process(app);
    std::printf("open-file limit: %llu\n", static_cast<unsigned long long>(gateway::raiseOpenFileLimit(65536)));

    const QString mode = args.positionalArguments().value(0);
    Options o;
    o.port = quint16(args.value(QStringLiteral("port")).toUInt());
    o.connections = args.value(QStringLiteral("connections")).toInt();
    o.pipeline = args.value(QStringLiteral("pipeline")).toInt();
    o.rampMs = args.value(QStringLiteral("ramp-ms")).toInt();
    std::unique_ptr<gateway::SimGateway> gw;
    if (mode == QLatin1String("serve") || o.port == 0) {
        gw = std::make_unique<gateway::SimGateway>();
        if (!gw->start(benchConfig(args), mode == QLatin1String("serve") ? o.port : 0)) {
            std::fprintf(stderr, "gateway: %s\n", qPrintable(gw->errorString()));
            return 1;
        }
        o.port = gw->port();
        std::printf("gateway on %s (%d threads)\n", qPrintable(gw->baseUrl().toString()), gw->config().threads);
        std::fflush(stdout);
    }
    if (mode == QLatin1String("serve"))
        return app.exec();
    if (mode == QLatin1String("rps"))
        return runRps(args, o, gw.get());
    if (mode == QLatin1String("streams"))
        return runStreams(args, o, gw.get());
    args.showHelp(2);
}
