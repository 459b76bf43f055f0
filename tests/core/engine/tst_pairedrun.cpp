// A paired run end to end over real HTTP on 127.0.0.1 (issue 14, "Gateway overhead, measured"): two
// simulated gateways stand for the gateway and the direct target behind it, the gateway exactly
// 10 ms slower on every answer. The run alternates its requests between them (the same model and
// prompt for both of a pair, each origin with its own key), keeps the direct target's requests out
// of the gateway's figures, and reports overhead = gateway − direct per model: ~10 ms at p50 and
// p95, end to end and to the first token, outside the noise. The scenario key is validated.

#include "enginefixture.h"

#include "report/htmlreport.h"
#include "report/htmlutil.h"
#include "report/journal.h"
#include "report/overheadjson.h"
#include "report/summaryjson.h"
#include "report/summaryload.h"
#include "report/summarytext.h"
#include "scenario/plan.h"
#include "scenario/scenarioio.h"

using namespace stampede;
using namespace stampede::test;

namespace {

constexpr int kGatewayMs = 60;
constexpr int kDirectMs = 50;

/// Models "m" and "n", exact: TTFT and a non-streamed answer take `fixedMs`.
gateway::GatewayConfig exactPair(int fixedMs, const QString &key)
{
    gateway::GatewayConfig config = exactGateway(fixedMs, 10, 5000);
    gateway::ModelBehaviour second = config.models.first();
    second.model = QStringLiteral("n");
    config.models << second;
    config.apiKey = key; // any other key: 401
    return config;
}

scenario::Scenario pairedScenario(const QUrl &gateway, const QUrl &direct)
{
    scenario::Scenario s = basicScenario(gateway, true);
    scenario::ModelSpec second = s.models.first();
    second.model = QStringLiteral("n");
    second.stream = false;
    s.models << second;
    s.load.executor = scenario::ExecutorKind::ConstantVus;
    s.load.vus = 4;
    s.load.durationMs = 2500;
    scenario::DirectTarget target;
    target.baseUrl = direct.toString();
    target.apiKeyEnv = QStringLiteral("STAMPEDE_TEST_DIRECT_KEY");
    s.directTarget = target;
    return s;
}

bool hasError(const QList<scenario::ValidationError> &errors, const QString &path, const QString &words)
{
    for (const scenario::ValidationError &e : errors) {
        if (e.path == path && e.message.contains(words))
            return true;
    }
    return false;
}

} // namespace

class TestPairedRun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { transportRows(); } // both transports: curl and Qt
    void init()
    {
        selectTransportRow();
        qputenv("STAMPEDE_TEST_DIRECT_KEY", "direct-key");
        m_gateway = std::make_unique<gateway::SimGateway>();
        QVERIFY2(m_gateway->start(exactPair(kGatewayMs, QStringLiteral("gateway-key")), 0),
            qPrintable(m_gateway->errorString()));
        m_direct = std::make_unique<gateway::SimGateway>();
        QVERIFY2(m_direct->start(exactPair(kDirectMs, QStringLiteral("direct-key")), 0),
            qPrintable(m_direct->errorString()));
    }
    void cleanup()
    {
        m_gateway.reset();
        m_direct.reset();
    }

    void overheadIsGatewayMinusDirectPerModel()
    {
        scenario::Scenario s = pairedScenario(m_gateway->baseUrl(), m_direct->baseUrl());
        s.preflight = true; // both targets are checked before the clock starts, each with its own key
        QVERIFY(scenario::validate(s).isEmpty());
        engine::RunOptions options;
        options.apiKey = QStringLiteral("gateway-key");
        const RunResult r = runToEnd(s, options);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QVERIFY2(r.summary.overhead.has_value(), "a paired run's summary has overhead");
        const metrics::Overhead &o = *r.summary.overhead;
        QCOMPARE(o.directBaseUrl, m_direct->baseUrl().toString());
        QCOMPARE(o.groups.size(), 3); // all, m, n

        // Every request of both sides succeeded: each origin took its own key (else 401).
        QCOMPARE(r.summary.overall.failures, 0);
        const metrics::OverheadGroup &all = o.groups[0];
        QCOMPARE(all.gateway.failed, 0u);
        QCOMPARE(all.direct.failed, 0u);
        QVERIFY(all.direct.requests > 20);
        // Alternating, two by two: the sides differ by at most the requests cut at the end (one per VU).
        QVERIFY2(qAbs(qint64(all.gateway.requests) - qint64(all.direct.requests)) <= s.load.vus,
            qPrintable(QStringLiteral("%1 vs %2").arg(all.gateway.requests).arg(all.direct.requests)));
        // ...and per model too: a pair is the same model.
        for (int g = 1; g < 3; ++g)
            QVERIFY2(qAbs(qint64(o.groups[g].gateway.requests) - qint64(o.groups[g].direct.requests)) <= s.load.vus,
                qPrintable(o.groups[g].model));
        // The servers saw exactly that split; the gateway's own figures count only its requests.
        QCOMPARE(std::uint64_t(r.summary.overall.requests), all.gateway.requests);
        QCOMPARE(std::uint64_t(m_gateway->chatRequestsAnswered()), all.gateway.requests + 2); // + preflight
        QCOMPARE(std::uint64_t(m_direct->chatRequestsAnswered()), all.direct.requests + 2);

        // Overhead = gateway − direct: 10 ms, end to end and to the first token (the streamed model).
        const QList<report::OverheadRow> rows = report::overheadRows(o);
        const double expected = kGatewayMs - kDirectMs;
        for (const report::OverheadRow &row : rows) {
            QVERIFY2(row.overhead.latencyP50 && qAbs(*row.overhead.latencyP50 - expected) < 4,
                qPrintable(row.model + QStringLiteral(" p50 ") + report::overheadMs(row.overhead.latencyP50)));
            QVERIFY2(row.overhead.latencyP95 && qAbs(*row.overhead.latencyP95 - expected) < 8,
                qPrintable(row.model + QStringLiteral(" p95 ") + report::overheadMs(row.overhead.latencyP95)));
            QVERIFY2(row.latency.significant() && row.latency.probabilityHigher > 0.9,
                qPrintable(row.model + QStringLiteral(": ") + row.latency.text()));
        }
        for (const report::OverheadRow &row : rows) // m streams; n's first token is its whole answer
            QVERIFY2(row.overhead.ttftP50 && qAbs(*row.overhead.ttftP50 - expected) < 4, qPrintable(row.model));

        // summary.json "overhead", read back as it was (stampede report).
        const nlohmann::json json = report::summaryToJson(r.summary, { s, m_gateway->baseUrl() });
        const nlohmann::json &jo = json["overhead"];
        QCOMPARE(jo["pairing"].get<std::string>(), std::string("alternate"));
        QCOMPARE(jo["groups"].size(), std::size_t(3));
        QCOMPARE(jo["groups"][1]["model"].get<std::string>(), std::string("m"));
        QCOMPARE(jo["groups"][0]["gateway"]["requests"].get<std::uint64_t>(), all.gateway.requests);
        QCOMPARE(jo["groups"][0]["overhead_ms"]["latency_p50"].get<double>(), *rows[0].overhead.latencyP50);
        QVERIFY(jo["groups"][2]["overhead_ms"]["ttft_p95"].is_number());
        QVERIFY(jo["groups"][0]["significance"]["latency"]["p_value"].get<double>() < 0.05);
        const metrics::RunSummary back = report::summaryFromJson(json);
        QVERIFY(back.overhead.has_value());
        const QList<report::OverheadRow> backRows = report::overheadRows(*back.overhead);
        QCOMPARE(backRows.size(), rows.size());
        for (qsizetype i = 0; i < rows.size(); ++i) {
            QCOMPARE(backRows[i].overhead.latencyP95, rows[i].overhead.latencyP95);
            QCOMPARE(backRows[i].directRequests, rows[i].directRequests);
            QCOMPARE(backRows[i].latency.pValue, rows[i].latency.pValue);
        }

        // The text summary and the HTML report show it.
        const QString text = report::summaryText(r.summary, m_gateway->baseUrl());
        QVERIFY2(text.contains(QStringLiteral("Gateway overhead (gateway \u2212 direct")), qPrintable(text));
        report::RunRecord record;
        record.summary = r.summary;
        record.meta.scenario = s;
        record.meta.baseUrl = m_gateway->baseUrl();
        record.meta.plan = scenario::makePlan(s.load);
        record.meta.models = { QStringLiteral("m"), QStringLiteral("n") };
        const QString html = QString::fromUtf8(report::htmlReport(record));
        QVERIFY(html.contains(QStringLiteral("<section id=\"overhead\">")));
        QString shown = report::overheadMs(rows[1].overhead.latencyP50);
        shown.chop(3); // the table's header says ms
        QVERIFY2(
            html.contains(QStringLiteral("<td class=\"n\">") + shown + QStringLiteral("</td>")), qPrintable(shown));
        QVERIFY(html.contains(report::html::escape(rows[1].latency.text())));
    }

    void aDirectTargetDownFailsThePreflightByName()
    {
        scenario::Scenario s = pairedScenario(m_gateway->baseUrl(), m_direct->baseUrl());
        s.preflight = true;
        qputenv("STAMPEDE_TEST_DIRECT_KEY", "wrong-key");
        engine::RunOptions options;
        options.apiKey = QStringLiteral("gateway-key");
        const RunResult r = runToEnd(s, options);
        QVERIFY(r.failed && r.preflightFailed);
        QVERIFY2(r.failure.startsWith(QStringLiteral("direct target: ")), qPrintable(r.failure));
        QVERIFY2(r.failure.contains(QStringLiteral("$STAMPEDE_TEST_DIRECT_KEY")), qPrintable(r.failure));
        QVERIFY(!r.failure.contains(QStringLiteral("wrong-key")));
    }

    void journalLinesKeepTheSide()
    {
        metrics::RequestOutcome o;
        o.endNs = 5;
        o.direct = true;
        const QByteArray line = report::outcomeToJsonLine(o, QStringLiteral("m"));
        QVERIFY2(line.contains("\"direct\":true"), line.constData());
        QCOMPARE(line, report::detail::outcomeToJsonLineDom(o, QStringLiteral("m")));
        QVERIFY(report::outcomeFromJsonLine(line, nullptr)->direct);
        o.direct = false;
        QVERIFY(!report::outcomeToJsonLine(o, QStringLiteral("m")).contains("direct"));
    }

    void theScenarioKeyIsValidated()
    {
        scenario::Scenario s = pairedScenario(m_gateway->baseUrl(), m_direct->baseUrl());
        // Written and read back.
        const scenario::LoadResult parsed = scenario::parseScenario(scenario::toJson(s));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.scenario.directTarget, s.directTarget);

        s.directTarget->baseUrl = QStringLiteral("builtin");
        QVERIFY(
            hasError(scenario::validate(s), QStringLiteral("direct_target.base_url"), QStringLiteral("http(s) URL")));
        s.directTarget->baseUrl = m_gateway->baseUrl().toString() + QLatin1Char('/');
        QVERIFY(
            hasError(scenario::validate(s), QStringLiteral("direct_target.base_url"), QStringLiteral("gateway's own")));
        s.directTarget->baseUrl = QStringLiteral("ftp://x");
        QVERIFY(hasError(scenario::validate(s), QStringLiteral("direct_target.base_url"), QStringLiteral("http(s)")));
        s.directTarget->baseUrl = m_direct->baseUrl().toString();
        s.directTarget->headers.insert(QStringLiteral("Authorization"), QStringLiteral("Bearer x"));
        QVERIFY(hasError(scenario::validate(s), QStringLiteral("direct_target.headers.Authorization"),
            QStringLiteral("direct_target.api_key_env")));
        s.directTarget->headers.clear();
        s.directTarget->apiKeyEnv = QStringLiteral("1BAD");
        QVERIFY(hasError(scenario::validate(s), QStringLiteral("direct_target.api_key_env"), QStringLiteral("not an")));
        s.directTarget->apiKeyEnv.clear();
        QVERIFY(scenario::validate(s).isEmpty());
        s.load.executor = scenario::ExecutorKind::Sweep;
        QVERIFY(hasError(scenario::validate(s), QStringLiteral("direct_target"), QStringLiteral("sweep")));

        // In a file: unknown keys and a key value are refused like target's.
        const QByteArray file
            = R"({"version":1,"models":[{"model":"m"}],"direct_target":{"base_url":"http://127.0.0.1:1/v1","api_key":"sk-x"}})";
        QVERIFY(hasError(scenario::parseScenario(file).errors, QStringLiteral("direct_target.api_key"), QString()));
        const QByteArray missing = R"({"version":1,"models":[{"model":"m"}],"direct_target":{}})";
        QVERIFY(hasError(scenario::parseScenario(missing).errors, QStringLiteral("direct_target.base_url"),
            QStringLiteral("missing")));
    }

private:
    std::unique_ptr<gateway::SimGateway> m_gateway;
    std::unique_ptr<gateway::SimGateway> m_direct;
};

QTEST_GUILESS_MAIN(TestPairedRun)
#include "tst_pairedrun.moc"
