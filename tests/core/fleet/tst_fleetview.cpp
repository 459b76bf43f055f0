// Watching a fleet (core/fleet): N agents' samples (read by protocol::parsePromText()) added up to
// the numbers of one merged agent, exactly; the snapshot's windows
// and percentiles; and FleetAttach polling real agents' endpoints (and a /federate) over HTTP,
// keeping a down agent's last figures, refusing garbage and answers past its bound.
#include "fleet/fleetattach.h"
#include "fleet/metricsendpoint.h"
#include "fleet/promfamilies.h"
#include "protocol/promtext.h"

#include <prometheus/text_serializer.h>

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest/QTest>

#include <cmath>

using namespace stampede;

namespace {

/// A model's group with `latencies` (µs) as successful requests and `failed` http_5xx failures.
metrics::GroupStats group(const QString &model, const std::vector<std::uint64_t> &latencies, int failed = 0)
{
    metrics::GroupStats g;
    g.model = model;
    g.successes = qint64(latencies.size());
    g.failures = failed;
    g.requests = g.successes + failed;
    if (failed)
        g.errors.insert(QStringLiteral("http_5xx"), failed);
    g.attempts = g.requests;
    g.promptTokens = 10 * g.requests;
    g.completionTokens = 100 * g.successes;
    g.cacheReadTokens = 70 * g.successes;
    g.cacheCreationTokens = 3 * g.requests;
    g.reasoningTokens = 40 * g.successes;
    g.costUsd = 0.001 * double(g.requests);
    g.inFlightSeconds = 0.5 * double(g.requests);
    auto h = QSharedPointer<metrics::Histogram>::create();
    auto t = QSharedPointer<metrics::Histogram>::create();
    for (const auto v : latencies) {
        h->record(v);
        t->record(v / 4);
    }
    g.latency = metrics::LatencyStats::fromSharedHistogram(h);
    g.ttft = metrics::LatencyStats::fromSharedHistogram(t);
    return g;
}

QByteArray exposition(
    const QList<metrics::GroupStats> &models, const fleet::AgentGauges &gauges, const std::string &segment)
{
    const auto families = fleet::metricFamilies(models, gauges, { { "segment", segment }, { "scenario", "s" } });
    return QByteArray::fromStdString(prometheus::TextSerializer().Serialize(families));
}

std::vector<std::uint64_t> latencies(int n, quint32 seed)
{
    QRandomGenerator rng(seed);
    std::vector<std::uint64_t> v;
    for (int i = 0; i < n; ++i)
        v.push_back(std::uint64_t(std::exp(std::log(20000.0) + rng.generateDouble() * std::log(100.0))));
    return v;
}

double truePercentile(std::vector<std::uint64_t> v, double q)
{
    std::sort(v.begin(), v.end());
    const auto rank = std::size_t(std::ceil(q / 100.0 * double(v.size())));
    return double(v[std::max<std::size_t>(rank, 1) - 1]);
}

/// Serves `body` with `status` to every connection, once per request.
class FixedServer : public QTcpServer
{
public:
    QByteArray status = "200 OK";
    QByteArray body;
    QByteArray lastRequest;
    FixedServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    lastRequest = socket->readAll();
                    socket->write("HTTP/1.1 " + status + "\r\nContent-Type: text/plain\r\nContent-Length: "
                        + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        listen(QHostAddress::LocalHost);
    }
    QString url(const char *path = "/metrics") const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(serverPort()).arg(QLatin1StringView(path));
    }
};

} // namespace

class TestFleetView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Four agents' expositions added up are exactly the exposition of one agent that saw every
    // request: counters, failures by class, and every cumulative bucket.
    void agentsAddUpExactly()
    {
        fleet::FleetTotals fleetTotals;
        QList<metrics::GroupStats> whole;
        std::vector<std::uint64_t> all;
        metrics::Histogram wholeHistogram, wholeTtft;
        std::int64_t cacheRead = 0, cacheCreation = 0, reasoning = 0;
        for (int agent = 0; agent < 4; ++agent) {
            const auto values = latencies(500 + 100 * agent, quint32(agent + 1));
            all.insert(all.end(), values.begin(), values.end());
            const metrics::GroupStats g = group(QStringLiteral("m"), values, agent);
            cacheRead += g.cacheReadTokens;
            cacheCreation += g.cacheCreationTokens;
            reasoning += g.reasoningTokens;
            wholeHistogram.merge(*g.latency.histogram);
            wholeTtft.merge(*g.ttft.histogram);
            const auto scrape = protocol::parsePromText(
                exposition({ g }, { 2, 1, 0, 10, true, 30.0 + agent, agent < 3 }, std::to_string(agent) + "/4"));
            QVERIFY2(scrape.problems.isEmpty(), qPrintable(scrape.problems.join(u'\n')));
            fleetTotals.add(scrape.samples);
        }
        metrics::GroupStats merged = group(QStringLiteral("m"), {}, 6);
        merged.successes = qint64(all.size());
        merged.requests = merged.successes + 6;
        merged.attempts = merged.requests;
        merged.latency = metrics::LatencyStats::fromSharedHistogram(
            QSharedPointer<const metrics::Histogram>::create(wholeHistogram));
        merged.ttft
            = metrics::LatencyStats::fromSharedHistogram(QSharedPointer<const metrics::Histogram>::create(wholeTtft));
        fleet::FleetTotals oneAgent;
        oneAgent.add(protocol::parsePromText(exposition({ merged }, {}, "0/1")).samples);

        const fleet::FleetModelTotals &f = fleetTotals.models[QStringLiteral("m")];
        const fleet::FleetModelTotals &o = oneAgent.models[QStringLiteral("m")];
        QCOMPARE(f.requests, double(all.size() + 6));
        QCOMPARE(f.requests, o.requests);
        QCOMPARE(f.failures, o.failures);
        QCOMPARE(f.failures.value(QStringLiteral("http_5xx")), 6.0);
        for (int h : { 0, 1 }) {
            const auto &mine = f.histograms[std::size_t(h)].cumulative;
            const auto &theirs = o.histograms[std::size_t(h)].cumulative;
            QCOMPARE(mine.size(), fleet::bucketEdgesUs().size() + 1);
            QCOMPARE(mine.size(), theirs.size());
            for (auto i = mine.begin(), j = theirs.begin(); i != mine.end(); ++i, ++j)
                QVERIFY2(i->first == j->first && i->second == j->second,
                    qPrintable(QStringLiteral("histogram %1: le %2 has %3, one agent %4 (le %5)")
                                   .arg(h)
                                   .arg(i->first)
                                   .arg(i->second)
                                   .arg(j->second)
                                   .arg(j->first)));
        }
        QCOMPARE(f.histograms[0].count, double(all.size()));
        QCOMPARE(fleetTotals.agents, 4);
        QCOMPARE(fleetTotals.finishedAgents, 3);
        QCOMPARE(fleetTotals.vus, 8.0);
        QCOMPARE(fleetTotals.targetLoad, 10.0); // the whole plan's, told by each agent: not added
        QVERIFY(fleetTotals.openModel);
        QCOMPARE(fleetTotals.elapsedSeconds, 33.0);
        QCOMPARE(fleetTotals.segments.size(), 4);
        QVERIFY(!fleetTotals.allFinished());

        // Percentiles from the buckets, as histogram_quantile() reads them: within a bucket (edges
        // at most 25 % apart) of the true ones; here, log-uniform values, within 12.5 %.
        fleet::FleetView view;
        const metrics::Snapshot s = view.update(fleetTotals);
        for (const double q : { 50.0, 95.0, 99.0 }) {
            const double truth = truePercentile(all, q) / 1000.0;
            const double got = metrics::LatencyStats(s.overall.latency).value(QStringLiteral("p(%1)").arg(q));
            QVERIFY2(std::abs(got - truth) <= 0.125 * truth,
                qPrintable(QStringLiteral("p%1 %2 vs %3").arg(q).arg(got).arg(truth)));
        }
        QCOMPARE(s.overall.requests, qint64(all.size() + 6));
        // issue 16: the fleet's prompt-cache and reasoning tokens are every agent's, added
        QCOMPARE(f.cacheReadTokens, double(cacheRead));
        QCOMPARE(f.cacheCreationTokens, double(cacheCreation));
        QCOMPARE(f.reasoningTokens, double(reasoning));
        QCOMPARE(s.overall.cacheReadTokens, cacheRead);
        QCOMPARE(s.overall.cacheCreationTokens, cacheCreation);
        QCOMPARE(s.overall.reasoningTokens, reasoning);
        QCOMPARE(s.models[0].cacheReadTokens, cacheRead);
        QCOMPARE(view.summary().overall.reasoningTokens, reasoning);
        QCOMPARE(s.overall.failures, 6);
        QCOMPARE(s.models.size(), 1);
        QCOMPARE(s.vus, 8);
        QVERIFY(s.openModel);
        QCOMPARE(s.overall.inFlightSeconds, 0.5 * double(all.size() + 6));
        QCOMPARE(s.overall.meanInFlight, s.overall.inFlightSeconds / 33.0);
        QCOMPARE(s.phase, model::RunPhase::Running);
    }

    // Each second of run time gets one point: the window's requests, not the run's.
    void windowsAreTheDifferences()
    {
        fleet::FleetView view({ QStringLiteral("b"), QStringLiteral("a") });
        const auto totalsAt = [](double seconds, const QList<metrics::GroupStats> &models, bool finished) {
            fleet::FleetTotals t;
            t.add(protocol::parsePromText(exposition(models, { 1, 1, 0, 1, false, seconds, finished }, "0/1")).samples);
            return t;
        };
        metrics::Snapshot s = view.update(totalsAt(0.4, { group(QStringLiteral("a"), latencies(3, 1)) }, false));
        QVERIFY(s.newSeconds.isEmpty());
        s = view.update(totalsAt(1.2, { group(QStringLiteral("a"), latencies(10, 1)) }, false));
        QCOMPARE(s.newSeconds.size(), 1);
        QCOMPARE(s.newSeconds[0].second, 0);
        QCOMPARE(s.newSeconds[0].groups.size(), 3); // all, b, a
        QCOMPARE(s.newSeconds[0].groups[0].requests, 10);
        QCOMPARE(s.newSeconds[0].groups[2].requests, 10);
        QCOMPARE(s.newSeconds[0].groups[2].latency.count, 10u);
        s = view.update(totalsAt(1.9, { group(QStringLiteral("a"), latencies(14, 1)) }, false));
        QVERIFY(s.newSeconds.isEmpty()); // still in second 1
        s = view.update(totalsAt(2.1,
            { group(QStringLiteral("a"), latencies(25, 1), 2), group(QStringLiteral("b"), latencies(4, 2)) }, true));
        QCOMPARE(s.newSeconds.size(), 1);
        QCOMPARE(s.newSeconds[0].second, 1);
        QCOMPARE(s.newSeconds[0].groups[0].requests, 27 + 4 - 10);
        QCOMPARE(s.newSeconds[0].groups[2].failures, 2);
        QCOMPARE(s.newSeconds[0].groups[2].errors.value(QStringLiteral("http_5xx")), 2);
        QCOMPARE(s.newSeconds[0].groups[1].requests, 4);
        QCOMPARE(s.newSeconds[0].groups[2].latency.count, 15u);
        QCOMPARE(s.models[0].model, QStringLiteral("b"));
        QCOMPARE(s.phase, model::RunPhase::Finished);
        QCOMPARE(s.overall.rps, 31 / 2.1);
        const metrics::RunSummary summary = view.summary();
        QCOMPARE(summary.overall.requests, 31);
        QVERIFY(summary.end == model::RunEnd::Completed);
        QCOMPARE(summary.durationMs, 2100);
        QCOMPARE(summary.maxVus, 1); // kept as running maxima: a watch of days holds no history
        QCOMPARE(summary.peakInFlight, 1);
    }

    void sourceUrlsSayWhatIsWrong()
    {
        using M = fleet::FleetAttach::Mode;
        QString error;
        auto urls = fleet::FleetAttach::sourceUrls(
            { QStringLiteral("10.0.0.5:9464"), QStringLiteral(" # a comment"), QStringLiteral(""),
                QStringLiteral("https://agent-1.stampede-agents:9464/custom") },
            M::Agents, &error);
        QVERIFY2(urls, qPrintable(error));
        QCOMPARE(urls->at(0).toString(), QStringLiteral("http://10.0.0.5:9464/metrics"));
        QCOMPARE(urls->at(1).toString(), QStringLiteral("https://agent-1.stampede-agents:9464/custom"));
        urls = fleet::FleetAttach::sourceUrls({ QStringLiteral("http://prom:9090/") }, M::Prometheus, &error);
        QVERIFY2(urls, qPrintable(error));
        QCOMPARE(urls->at(0).path(), QStringLiteral("/federate"));
        // '+' sent as %2B: Prometheus would read a bare one as a space.
        QCOMPARE(
            urls->at(0).query(QUrl::FullyEncoded), QStringLiteral("match%5B%5D=%7B__name__%3D~%22stampede_.%2B%22%7D"));
        QVERIFY(!fleet::FleetAttach::sourceUrls({ QStringLiteral("ftp://x/metrics") }, M::Agents, &error));
        QVERIFY2(error.contains(QStringLiteral("only http and https")), qPrintable(error));
        QVERIFY(!fleet::FleetAttach::sourceUrls({ QStringLiteral("http://u:p@x:1") }, M::Agents, &error));
        QVERIFY2(error.contains(QStringLiteral("user name or password")), qPrintable(error));
        QVERIFY(!fleet::FleetAttach::sourceUrls(
            { QStringLiteral("a:1"), QStringLiteral("http://a:1/metrics") }, M::Agents, &error));
        QVERIFY2(error.contains(QStringLiteral("listed twice")), qPrintable(error));
        QVERIFY(!fleet::FleetAttach::sourceUrls({ QStringLiteral("# none") }, M::Agents, &error));
        QVERIFY2(error.startsWith(QStringLiteral("no agent URL")), qPrintable(error));
        QVERIFY(
            !fleet::FleetAttach::sourceUrls({ QStringLiteral("p:1"), QStringLiteral("q:1") }, M::Prometheus, &error));
        QVERIFY2(error.contains(QStringLiteral("one Prometheus server")), qPrintable(error));
    }

    // Over real HTTP: two agents' endpoints merged; one goes away (its last figures stay, it shows
    // down with the reason); both finish: the fleet's final summary.
    void attachesToAgents()
    {
        QString error;
        auto a = fleet::MetricsEndpoint::listen(QStringLiteral("127.0.0.1"), 0, { { "segment", "0/2" } }, &error);
        auto b = fleet::MetricsEndpoint::listen(QStringLiteral("127.0.0.1"), 0, { { "segment", "1/2" } }, &error);
        QVERIFY2(a && b, qPrintable(error));
        metrics::Snapshot sa, sb;
        sa.elapsedMs = sb.elapsedMs = 3000;
        sa.vus = sb.vus = 2;
        sa.models = { group(QStringLiteral("m"), latencies(30, 1)) };
        sb.models = { group(QStringLiteral("m"), latencies(20, 2), 1) };
        a->publish(sa);
        b->publish(sb);

        fleet::FleetAttach attach;
        QSignalSpy snapshots(&attach, &fleet::FleetAttach::snapshotReady);
        QSignalSpy finished(&attach, &fleet::FleetAttach::fleetFinished);
        attach.start({ QUrl(a->url()), QUrl(b->url()) }, fleet::FleetAttach::Mode::Agents, 100);
        QTRY_VERIFY_WITH_TIMEOUT(!snapshots.isEmpty(), 10000);
        auto last = snapshots.last().at(0).value<metrics::Snapshot>();
        QCOMPARE(last.overall.requests, 51);
        QCOMPARE(last.overall.failures, 1);
        QCOMPARE(last.vus, 4);
        QCOMPARE(attach.statusText(), QStringLiteral("2 of 2 agents up"));

        const QString goneUrl = b->url();
        b.reset();
        QTRY_VERIFY_WITH_TIMEOUT(!attach.sources().at(1).up, 10000);
        QVERIFY2(attach.statusText().startsWith(QStringLiteral("1 of 2 agents up · 127.0.0.1:")),
            qPrintable(attach.statusText()));
        snapshots.clear();
        QTRY_VERIFY_WITH_TIMEOUT(!snapshots.isEmpty(), 10000);
        QCOMPARE(snapshots.last().at(0).value<metrics::Snapshot>().overall.requests, 51); // b's last figures kept

        metrics::RunSummary done;
        done.models = sa.models;
        done.durationMs = 4000;
        a->publish(done);
        QTest::qWait(300);
        QVERIFY(finished.isEmpty()); // b (down) never said it finished
        // Nor has an agent that never answered: a fleet of a and a dead address is not finished.
        attach.start({ QUrl(a->url()), QUrl(goneUrl) }, fleet::FleetAttach::Mode::Agents, 100);
        QTRY_VERIFY_WITH_TIMEOUT(
            attach.sources().at(0).up && !attach.sources().at(1).error.startsWith(QStringLiteral("waiting")), 10000);
        QTest::qWait(300);
        QVERIFY(finished.isEmpty());
        attach.stop();
        auto b2 = fleet::MetricsEndpoint::listen(QStringLiteral("127.0.0.1"), 0, { { "segment", "1/2" } }, &error);
        metrics::RunSummary doneB;
        doneB.models = sb.models;
        doneB.durationMs = 4500;
        b2->publish(doneB);
        attach.start({ QUrl(a->url()), QUrl(b2->url()) }, fleet::FleetAttach::Mode::Agents, 100);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
        const auto summary = finished.last().at(0).value<metrics::RunSummary>();
        QCOMPARE(summary.overall.requests, 51);
        QCOMPARE(summary.durationMs, 4500);
        QVERIFY(summary.end == model::RunEnd::Completed);
    }

    // A Prometheus server's /federate: the same series with instance/job labels and timestamps.
    void attachesThroughFederate()
    {
        FixedServer prometheus;
        const auto stamp = [](QByteArray text, const char *instance) {
            QByteArray out;
            for (const QByteArray &line : text.split('\n')) {
                if (line.isEmpty() || line.startsWith('#')) {
                    out += line + '\n';
                    continue;
                }
                const qsizetype brace = line.indexOf('{');
                out += line.left(brace + 1) + "instance=\"" + instance + "\",job=\"stampede\"," + line.mid(brace + 1)
                    + " 1765000000000\n";
            }
            return out;
        };
        prometheus.body
            = stamp(exposition({ group(QStringLiteral("m"), latencies(7, 3)) }, { 1, 0, 0, 1, false, 5, true }, "0/2"),
                  "10.0.0.1:9464")
            + stamp(exposition({ group(QStringLiteral("m"), latencies(8, 4)) }, { 1, 0, 0, 1, false, 6, true }, "1/2"),
                "10.0.0.2:9464");
        QString error;
        const auto urls
            = fleet::FleetAttach::sourceUrls({ prometheus.url("") }, fleet::FleetAttach::Mode::Prometheus, &error);
        QVERIFY2(urls, qPrintable(error));
        fleet::FleetAttach attach;
        QSignalSpy finished(&attach, &fleet::FleetAttach::fleetFinished);
        attach.start(*urls, fleet::FleetAttach::Mode::Prometheus, 100);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
        QVERIFY2(prometheus.lastRequest.startsWith(
                     "GET /federate?match%5B%5D=%7B__name__%3D~%22stampede_.%2B%22%7D HTTP/1.1"),
            prometheus.lastRequest.constData());
        QCOMPARE(finished.last().at(0).value<metrics::RunSummary>().overall.requests, 15);
        QCOMPARE(attach.statusText(), QStringLiteral("Prometheus up · 2 agents · 2 finished"));
    }

    void refusesGarbageAndFloods()
    {
        FixedServer garbage;
        garbage.body = "<html>502 Bad Gateway</html>";
        FixedServer flood;
        flood.body = QByteArray(fleet::FleetAttach::maxBodyBytes + 1024, '#');
        FixedServer forbidden;
        forbidden.status = "403 Forbidden";
        QTcpServer silent; // accepts, reads, never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        fleet::FleetAttach attach;
        QSignalSpy changed(&attach, &fleet::FleetAttach::sourcesChanged);
        QSignalSpy snapshots(&attach, &fleet::FleetAttach::snapshotReady);
        attach.start({ QUrl(garbage.url()), QUrl(flood.url()), QUrl(forbidden.url()),
                         QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(silent.serverPort())) },
            fleet::FleetAttach::Mode::Agents, 200);
        QTRY_VERIFY_WITH_TIMEOUT(attach.sources().at(1).error.contains(QStringLiteral("MiB")), 15000);
        QVERIFY2(attach.sources().at(0).error.startsWith(QStringLiteral("not Prometheus text: line 1:")),
            qPrintable(attach.sources().at(0).error));
        QCOMPARE(attach.sources().at(1).error, QStringLiteral("the answer is larger than 16 MiB"));
        QVERIFY2(attach.sources().at(2).error.startsWith(QStringLiteral("HTTP 403")),
            qPrintable(attach.sources().at(2).error));
        QTRY_COMPARE_WITH_TIMEOUT(attach.sources().at(3).error, QStringLiteral("no answer within 3 s"), 10000);
        QVERIFY(snapshots.isEmpty()); // nothing good answered: nothing to draw
        QVERIFY(attach.statusText().startsWith(QStringLiteral("0 of 4 agents up")));
    }
};

QTEST_GUILESS_MAIN(TestFleetView)
#include "tst_fleetview.moc"
