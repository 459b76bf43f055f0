// scenario "server_metrics" end to end over real HTTP on 127.0.0.1 (issue 14, "Server-side metrics
// beside ours"): the series Stampede charts match what the simulated gateway counted (its /metrics
// counter, histogram and gauge, its /v1/usage/current JSON), the key is sent only when asked, an
// endless metrics response is cut at 8 MB, and an unreachable endpoint is an error the run survives.
// Short runs with tolerances of one scrape; no wall-clock asserts.

#include "enginefixture.h"
#include "recordingserver.h"

#include "report/summaryjson.h"
#include "report/summaryload.h"
#include "scenario/scenarioio.h"

#include <QFile>
#include <QTcpServer>

#include <cmath>

using namespace stampede;
using namespace stampede::test;

namespace {

constexpr char kKey[] = "sk-servermetrics-test-key-0123456789";

scenario::ServerMetricsConfig metricsConfig(
    const QUrl &url, scenario::ServerMetricsConfig::Format format, const QStringList &series, bool sendKey = false)
{
    scenario::ServerMetricsConfig config;
    config.url = url.toString();
    config.format = format;
    config.intervalMs = 1000;
    config.series = series;
    config.sendKey = sendKey;
    return config;
}

QUrl gatewayUrl(const gateway::SimGateway &gateway, const QString &path)
{
    QUrl url = gateway.baseUrl();
    url.setPath(path);
    return url;
}

/// sum(rate x seconds since the previous scrape): what the counter grew by over the charted scrapes.
double integrate(const metrics::ServerSeries &series, double intervalS)
{
    double total = 0;
    double previous = series.samples.isEmpty() ? 0 : series.samples[0].first - intervalS;
    for (const auto &[t, rate] : series.samples) {
        total += rate * (t - previous);
        previous = t;
    }
    return total;
}

/// The process's peak resident set (VmHWM) in MB; 0 where /proc is missing.
double peakRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

} // namespace

class TestServerMetricsRun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_gateway = std::make_unique<gateway::SimGateway>();
        QVERIFY2(m_gateway->start(exactGateway(20, 20, 5000), 0), qPrintable(m_gateway->errorString()));
    }
    void cleanup() { m_gateway.reset(); }

    void prometheusSeriesMatchTheGateway()
    {
        // 20 req/s for 5 s, each answered in exactly 20 ms, scraped every second.
        scenario::Scenario s = basicScenario(m_gateway->baseUrl(), false);
        s.load.executor = scenario::ExecutorKind::ConstantArrivalRate;
        s.load.rate = 20;
        s.load.durationMs = 5000;
        s.serverMetrics = metricsConfig(gatewayUrl(*m_gateway, QStringLiteral("/metrics")),
            scenario::ServerMetricsConfig::Format::Prometheus,
            { QStringLiteral("stampede_gateway_requests_total{model=\"m\"}"),
                QStringLiteral("stampede_gateway_requests_in_flight"),
                QStringLiteral("stampede_gateway_request_duration_seconds"),
                QStringLiteral("stampede_gateway_requests_total{model=\"other\"}") });
        QVERIFY2(scenario::validate(s).isEmpty(), qPrintable(scenario::validate(s).value(0).message));
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QVERIFY(r.summary.serverMetrics);
        const metrics::ServerMetrics &sm = *r.summary.serverMetrics;
        QCOMPARE(sm.format, QStringLiteral("prometheus"));
        QCOMPARE(sm.intervalS, 1.0);
        QVERIFY2(sm.scrapes >= 4 && sm.scrapes <= 7, qPrintable(QString::number(sm.scrapes)));
        // The only errors: "other" matches no sample, once per scrape.
        QCOMPARE(sm.errors, sm.scrapes);
        QVERIFY2(
            sm.lastError.endsWith(QLatin1String("no sample matches stampede_gateway_requests_total{model=\"other\"}")),
            qPrintable(sm.lastError));

        const metrics::ServerSeries *rate
            = sm.find(QStringLiteral("stampede_gateway_requests_total{model=\"m\"}"), QStringLiteral("counter_rate"));
        QVERIFY(rate);
        // No point at the first scrape. A scrape of a busy machine may miss its 1 s timeout (an error in
        // place of "other"'s, so errors == scrapes still holds): one fewer point then.
        QVERIFY2(rate->samples.size() >= sm.scrapes - 2 && rate->samples.size() <= sm.scrapes - 1,
            qPrintable(QStringLiteral("%1 points, %2 scrapes").arg(rate->samples.size()).arg(sm.scrapes)));
        // The counter started at 0 with the load (no preflight): the rates add up to what the gateway
        // answered, but for the requests after the last scrape (at most one scrape's worth, 20).
        const double counted = integrate(*rate, sm.intervalS);
        const double answered = double(m_gateway->chatRequestsAnswered());
        QCOMPARE(answered, double(r.summary.overall.requests));
        QVERIFY2(counted <= answered + 0.5 && counted >= answered - 20 * 1.5 - 2,
            qPrintable(QStringLiteral("rates give %1, the gateway answered %2").arg(counted).arg(answered)));
        for (const auto &[t, value] : rate->samples)
            QVERIFY2(value >= 10 && value <= 30, qPrintable(QStringLiteral("%1 req/s at %2 s").arg(value).arg(t)));

        // Every answer took 20 ms: all in the first bucket (le 0.05), so the quantiles interpolate from 0.
        const metrics::ServerSeries *p50
            = sm.find(QStringLiteral("stampede_gateway_request_duration_seconds"), QStringLiteral("histogram_p50"));
        const metrics::ServerSeries *p95
            = sm.find(QStringLiteral("stampede_gateway_request_duration_seconds"), QStringLiteral("histogram_p95"));
        QVERIFY(p50 && p95);
        QVERIFY(!p50->samples.isEmpty());
        QCOMPARE(p95->samples.size(), p50->samples.size());
        // The gateway's timers may run late on a busy machine and put an answer in a later bucket: the
        // quantiles then move within the bucket bounds, but an interval of on-time answers is exact.
        qsizetype exact = 0;
        for (qsizetype i = 0; i < p50->samples.size(); ++i) {
            const double a = p50->samples[i].second, b = p95->samples[i].second;
            QVERIFY2(a > 0 && a <= b && b <= 0.25, qPrintable(QStringLiteral("p50 %1, p95 %2").arg(a).arg(b)));
            exact += qFuzzyCompare(a, 0.025) && qFuzzyCompare(b, 0.0475) ? 1 : 0;
        }
        QVERIFY2(exact * 2 >= p50->samples.size(), qPrintable(QString::number(exact)));

        const metrics::ServerSeries *inFlight
            = sm.find(QStringLiteral("stampede_gateway_requests_in_flight"), QStringLiteral("gauge"));
        QVERIFY(inFlight);
        QVERIFY(inFlight->samples.size() >= sm.scrapes - 1 && inFlight->samples.size() <= sm.scrapes);
        for (const auto &[t, value] : inFlight->samples)
            QVERIFY(value >= 0 && value <= 20);
        // Order: the scenario's, a histogram's p50 before its p95.
        QCOMPARE(sm.series.size(), 4);
        QCOMPARE(sm.series[0].kind, QStringLiteral("counter_rate"));
        QCOMPARE(sm.series[1].kind, QStringLiteral("gauge"));
        QCOMPARE(sm.series[2].kind, QStringLiteral("histogram_p50"));
        QCOMPARE(sm.series[3].kind, QStringLiteral("histogram_p95"));

        // summary.json "server_metrics", and read back as a run folder is.
        const nlohmann::json json = report::summaryToJson(r.summary, { s, m_gateway->baseUrl() });
        const nlohmann::json &j = json["server_metrics"];
        QCOMPARE(j["scrapes"].get<std::int64_t>(), sm.scrapes);
        QCOMPARE(j["interval_s"].get<double>(), 1.0);
        QCOMPARE(j["series"][0]["kind"].get<std::string>(), std::string("counter_rate"));
        QCOMPARE(j["series"][0]["samples"].size(), size_t(rate->samples.size()));
        QCOMPARE(j["series"][0]["samples"][0].size(), size_t(2));
        const metrics::RunSummary back = report::summaryFromJson(json);
        QVERIFY(back.serverMetrics);
        QCOMPARE(back.serverMetrics->url, sm.url);
        QCOMPARE(back.serverMetrics->errors, sm.errors);
        QCOMPARE(back.serverMetrics->lastError, sm.lastError);
        QCOMPARE(back.serverMetrics->series.size(), sm.series.size());
        QCOMPARE(back.serverMetrics->series[2].samples, p50->samples);
    }

    void jsonUsageMatchesTheGateway()
    {
        scenario::Scenario s = basicScenario(m_gateway->baseUrl(), false);
        s.load.executor = scenario::ExecutorKind::ConstantArrivalRate;
        s.load.rate = 10;
        s.load.durationMs = 4000;
        s.serverMetrics = metricsConfig(gatewayUrl(*m_gateway, QStringLiteral("/v1/usage/current")),
            scenario::ServerMetricsConfig::Format::Json,
            { QStringLiteral("rpm"), QStringLiteral("tpm"), QStringLiteral("daily_cost"), QStringLiteral("nope") });
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        const metrics::ServerMetrics &sm = *r.summary.serverMetrics;
        QCOMPARE(sm.format, QStringLiteral("json"));
        QVERIFY(sm.scrapes >= 3);
        QCOMPARE(sm.errors, sm.scrapes); // "nope", once per scrape
        QVERIFY2(sm.lastError.endsWith(QLatin1String("field nope is missing")), qPrintable(sm.lastError));
        QVERIFY(!sm.find(QStringLiteral("nope"), QStringLiteral("gauge")));
        const metrics::ServerSeries *rpm = sm.find(QStringLiteral("rpm"), QStringLiteral("gauge"));
        const metrics::ServerSeries *tpm = sm.find(QStringLiteral("tpm"), QStringLiteral("gauge"));
        const metrics::ServerSeries *cost = sm.find(QStringLiteral("daily_cost"), QStringLiteral("gauge"));
        QVERIFY(rpm && tpm && cost);
        QVERIFY(rpm->samples.size() >= sm.scrapes - 1 && rpm->samples.size() <= sm.scrapes); // see above
        // Within 60 s of the start every answer is in the window: rpm is what was answered so far.
        const double answered = double(m_gateway->chatRequestsAnswered());
        const double last = rpm->samples.last().second;
        QVERIFY2(last <= answered && last >= answered - 10 * 1.5 - 2,
            qPrintable(QStringLiteral("rpm %1, answered %2").arg(last).arg(answered)));
        for (qsizetype i = 1; i < rpm->samples.size(); ++i)
            QVERIFY(rpm->samples[i].second >= rpm->samples[i - 1].second);
        // tpm counts the tokens of those answers; daily_cost prices them at $1 per million.
        for (qsizetype i = 0; i < tpm->samples.size(); ++i)
            QVERIFY(std::abs(cost->samples[i].second - tpm->samples[i].second / 1e6) < 1e-12);
        QVERIFY(tpm->samples.last().second >= 20 * last); // at least the 20 completion tokens each
    }

    void keySentOnlyWhenAsked_data()
    {
        QTest::addColumn<bool>("sendKey");
        QTest::newRow("send_key false") << false;
        QTest::newRow("send_key true") << true;
    }

    void keySentOnlyWhenAsked()
    {
        QFETCH(bool, sendKey);
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer metricsServer(&tcp); // answers every request with a completion body
        scenario::Scenario s = basicScenario(m_gateway->baseUrl(), false);
        s.load.executor = scenario::ExecutorKind::ConstantVus;
        s.load.vus = 1;
        s.load.durationMs = 2500;
        QUrl url = metricsServer.baseUrl();
        url.setPath(QStringLiteral("/usage"));
        url.setQuery(QStringLiteral("token=secret"));
        s.serverMetrics = metricsConfig(
            url, scenario::ServerMetricsConfig::Format::Json, { QStringLiteral("usage.prompt_tokens") }, sendKey);
        s.serverMetrics->intervalMs = 2000; // a 2 s timeout: no scrape error on a busy machine
        engine::RunOptions options;
        options.apiKey = QString::fromLatin1(kKey);
        const RunResult r = runToEnd(s, options);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QVERIFY(!metricsServer.requests.isEmpty());
        for (const RecordingServer::Request &request : std::as_const(metricsServer.requests)) {
            QVERIFY(request.requestLine.startsWith("GET /usage?token=secret "));
            QCOMPARE(
                request.header("Authorization"), sendKey ? QByteArray(QByteArray("Bearer ") + kKey) : QByteArray());
        }
        const metrics::ServerMetrics &sm = *r.summary.serverMetrics;
        QCOMPARE(sm.errors, 0);
        QCOMPARE(sm.series.value(0).samples.value(0).second, 3.0); // kCompletion's usage.prompt_tokens
        QVERIFY2(!sm.url.contains(QLatin1String("secret")), qPrintable(sm.url)); // report::displayUrl()
        const QByteArray json
            = QByteArray::fromStdString(report::summaryToJson(r.summary, { s, m_gateway->baseUrl() }).dump());
        QVERIFY(!json.contains(kKey));
        QVERIFY(!json.contains("secret"));
    }

    void noRedirectToAnotherOrigin()
    {
        // The metrics URL redirects to another origin (another port): the key must not follow.
        QTcpServer otherTcp;
        QVERIFY(otherTcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer other(&otherTcp);
        QUrl elsewhere = other.baseUrl();
        elsewhere.setPath(QStringLiteral("/metrics"));
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer redirecting(&tcp, 0, 0, RecordingServer::Endless::No, elsewhere.toString().toUtf8());
        redirecting.redirectStatus = "302 Found";
        scenario::Scenario s = basicScenario(m_gateway->baseUrl(), false);
        s.load.executor = scenario::ExecutorKind::ConstantVus;
        s.load.vus = 1;
        s.load.durationMs = 2500;
        QUrl url = redirecting.baseUrl();
        url.setPath(QStringLiteral("/metrics"));
        s.serverMetrics
            = metricsConfig(url, scenario::ServerMetricsConfig::Format::Prometheus, { QStringLiteral("x") }, true);
        engine::RunOptions options;
        options.apiKey = QString::fromLatin1(kKey);
        const RunResult r = runToEnd(s, options);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QVERIFY(!redirecting.requests.isEmpty());
        QVERIFY(other.requests.isEmpty());
        const metrics::ServerMetrics &sm = *r.summary.serverMetrics;
        QCOMPARE(sm.errors, sm.scrapes);
        QVERIFY(!sm.lastError.isEmpty());
        QVERIFY(!sm.lastError.contains(QLatin1String(kKey)));
    }

    void endlessResponseIsCutAt8Mb()
    {
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer endless(&tcp, 0, 0, RecordingServer::Endless::Line);
        scenario::Scenario s = basicScenario(m_gateway->baseUrl(), false);
        s.load.executor = scenario::ExecutorKind::ConstantVus;
        s.load.vus = 1;
        s.load.durationMs = 3500;
        QUrl url = endless.baseUrl();
        url.setPath(QStringLiteral("/metrics"));
        s.serverMetrics
            = metricsConfig(url, scenario::ServerMetricsConfig::Format::Prometheus, { QStringLiteral("x") });
        s.serverMetrics->intervalMs = 2000; // the transfer timeout (2 s) is far longer than 8 MB takes here
        const double before = peakRssMb();
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QVERIFY(r.summary.overall.requests > 0);
        const metrics::ServerMetrics &sm = *r.summary.serverMetrics;
        QVERIFY(sm.scrapes >= 1);
        QVERIFY(sm.errors >= 1);
        QVERIFY2(sm.lastError.endsWith(QLatin1String("response larger than 8 MB")), qPrintable(sm.lastError));
        QVERIFY(sm.series.isEmpty());
        // Unbounded, 2 s of loopback would be gigabytes; bounded, the body never passes 8 MB.
        const double grown = peakRssMb() - before;
        QVERIFY2(grown < 150, qPrintable(QStringLiteral("peak RSS grew by %1 MB").arg(grown)));
    }

    void unreachableEndpointIsAnErrorTheRunSurvives()
    {
        QTcpServer probe; // a port nobody listens on
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        scenario::Scenario s = basicScenario(m_gateway->baseUrl(), false);
        s.load.executor = scenario::ExecutorKind::ConstantVus;
        s.load.vus = 1;
        s.load.durationMs = 2500;
        s.serverMetrics = metricsConfig(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(port)),
            scenario::ServerMetricsConfig::Format::Prometheus, { QStringLiteral("x") });
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QVERIFY(r.summary.overall.requests > 0);
        QCOMPARE(r.summary.overall.failures, 0);
        const metrics::ServerMetrics &sm = *r.summary.serverMetrics;
        QVERIFY(sm.scrapes >= 2);
        QCOMPARE(sm.errors, sm.scrapes);
        QVERIFY2(sm.lastError.startsWith(QStringLiteral("http://127.0.0.1:%1/metrics: ").arg(port))
                && sm.lastError.contains(QLatin1String("refused"), Qt::CaseInsensitive),
            qPrintable(sm.lastError));
    }

private:
    std::unique_ptr<gateway::SimGateway> m_gateway;
};

QTEST_MAIN(TestServerMetricsRun)
#include "tst_servermetricsrun.moc"
