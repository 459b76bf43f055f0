// Integrity checks end to end over real HTTP on 127.0.0.1 (issue 14, "Integrity checks under
// load"): the simulated gateway answers one model as another, bursts one model's stream, inflates
// one model's usage and sends one model's answers empty; every count in the summary matches what it
// was told to do (rates of 1.0: exact), a clean model counts nothing, and the thresholds, the
// summary JSON, the text summary and the HTML report carry them.

#include "enginefixture.h"

#include "metrics/integrity.h"
#include "report/htmlreport.h"
#include "report/summaryjson.h"
#include "report/summaryload.h"
#include "report/summarytext.h"
#include "scenario/plan.h"
#include "scenario/scenarioio.h"

using namespace stampede;
using namespace stampede::test;
using metrics::IntegrityCheck;

namespace {

enum Model { Sub, Burst, Inflated, Empty, Clean, ModelCount };

gateway::ModelBehaviour behaviour(const char *name, int tokens, double tps)
{
    gateway::ModelBehaviour m;
    m.model = QString::fromLatin1(name);
    m.ttftMs = 20;
    m.tokensPerSec = tps;
    m.outputTokensMean = tokens;
    m.jitter = 0;
    return m;
}

gateway::GatewayConfig misbehavingGateway()
{
    gateway::GatewayConfig config;
    config.models = { behaviour("sub", 20, 2000), behaviour("burst", 40, 100), behaviour("inflated", 20, 2000),
        behaviour("empty", 20, 2000), behaviour("clean", 40, 200) };
    config.models[Sub].substituteModel = QStringLiteral("cheaper-model");
    config.models[Burst].burstStream = true; // 40 tokens at 100/s would take 400 ms; all at once instead
    config.models[Inflated].usageFactor = 5.0; // the sim's words estimate at <= 2x: 5x is always past it
    config.models[Empty].emptyRate = 1.0;
    config.fixedLatencyMs = 20;
    return config;
}

scenario::Scenario integrityScenario(const QUrl &baseUrl)
{
    scenario::Scenario s = basicScenario(baseUrl, true);
    const scenario::ModelSpec base = s.models.first();
    s.models.clear();
    for (const char *name : { "sub", "burst", "inflated", "empty", "clean" }) {
        scenario::ModelSpec m = base;
        m.model = QString::fromLatin1(name);
        s.models << m;
    }
    s.models[Sub].stream = false; // a whole JSON answer: its model is read from the body
    s.load.executor = scenario::ExecutorKind::ConstantVus;
    s.load.vus = 3;
    s.load.durationMs = 2500;
    s.thresholds
        = { { QStringLiteral("integrity_substituted{model:sub}"), { { QStringLiteral("count==0"), false, 0 } } },
              { QStringLiteral("integrity_substituted{model:clean}"), { { QStringLiteral("count==0"), false, 0 } } },
              { QStringLiteral("integrity_empty_200"), { { QStringLiteral("count<1"), false, 0 } } } };
    return s;
}

} // namespace

class TestIntegrityRun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { transportRows(); } // both transports: curl and Qt
    void init()
    {
        selectTransportRow();
        m_gateway = std::make_unique<gateway::SimGateway>();
        QVERIFY2(m_gateway->start(misbehavingGateway(), 0), qPrintable(m_gateway->errorString()));
    }
    void cleanup() { m_gateway.reset(); }

    void everyCountMatchesWhatTheGatewaySent()
    {
        const scenario::Scenario s = integrityScenario(m_gateway->baseUrl());
        QVERIFY(scenario::validate(s).isEmpty());
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QCOMPARE(r.summary.models.size(), qsizetype(ModelCount));
        QCOMPARE(r.summary.overall.failures, 0);
        std::int64_t n[ModelCount] = {};
        for (int m = 0; m < ModelCount; ++m) {
            n[m] = r.summary.models[m].successes;
            QVERIFY2(n[m] > 0, qPrintable(r.summary.models[m].model));
        }
        const auto count
            = [&](int model, IntegrityCheck check) { return r.summary.models[model].integrity.count(check); };
        // Each model fails exactly its own check, on every answer; the clean model fails none.
        QCOMPARE(count(Sub, IntegrityCheck::Substituted), n[Sub]);
        QCOMPARE(r.summary.models[Sub].integrity.substitutedModels,
            (QMap<QString, std::int64_t> { { QStringLiteral("cheaper-model"), n[Sub] } }));
        QCOMPARE(count(Burst, IntegrityCheck::FakeStreaming), n[Burst]);
        QCOMPARE(count(Inflated, IntegrityCheck::UsageMismatch), n[Inflated]);
        QCOMPARE(count(Empty, IntegrityCheck::Empty200), n[Empty]);
        for (int m = 0; m < ModelCount; ++m) {
            for (IntegrityCheck check : metrics::allIntegrityChecks) {
                const bool own = (m == Sub && check == IntegrityCheck::Substituted)
                    || (m == Burst && check == IntegrityCheck::FakeStreaming)
                    || (m == Inflated && check == IntegrityCheck::UsageMismatch)
                    || (m == Empty && check == IntegrityCheck::Empty200);
                if (!own)
                    QVERIFY2(count(m, check) == 0,
                        qPrintable(r.summary.models[m].model + QLatin1Char(' ')
                            + QString(metrics::integrityCheckName(check))));
            }
            QCOMPARE(r.summary.models[m].integrity.finishReasons,
                (QMap<QString, std::int64_t> { { QStringLiteral("stop"), n[m] } }));
        }
        const metrics::IntegrityCounts &all = r.summary.overall.integrity;
        QCOMPARE(all.count(IntegrityCheck::Substituted), n[Sub]);
        QCOMPARE(all.count(IntegrityCheck::FakeStreaming), n[Burst]);
        QCOMPARE(all.count(IntegrityCheck::UsageMismatch), n[Inflated]);
        QCOMPARE(all.count(IntegrityCheck::Empty200), n[Empty]);
        QCOMPARE(r.summary.models[Empty].completionTokens, 0);

        // Thresholds on the counts.
        QCOMPARE(r.summary.thresholds.size(), 3);
        QVERIFY(r.summary.thresholds[0].evaluated && !r.summary.thresholds[0].passed);
        QCOMPARE(r.summary.thresholds[0].value, double(n[Sub]));
        QVERIFY(r.summary.thresholds[1].evaluated && r.summary.thresholds[1].passed);
        QVERIFY(r.summary.thresholds[2].evaluated && !r.summary.thresholds[2].passed);

        // summary.json: integrity, substituted and finish_reasons per group.
        const nlohmann::json json = report::summaryToJson(r.summary, { s, m_gateway->baseUrl() });
        QCOMPARE(json["models"][std::size_t(Sub)]["integrity"]["substituted"].get<std::int64_t>(), n[Sub]);
        QCOMPARE(json["models"][std::size_t(Sub)]["substituted"]["cheaper-model"].get<std::int64_t>(), n[Sub]);
        QCOMPARE(json["models"][std::size_t(Burst)]["integrity"]["fake_streaming"].get<std::int64_t>(), n[Burst]);
        QCOMPARE(json["models"][std::size_t(Inflated)]["integrity"]["usage_mismatch"].get<std::int64_t>(), n[Inflated]);
        QCOMPARE(json["models"][std::size_t(Empty)]["integrity"]["empty_200"].get<std::int64_t>(), n[Empty]);
        QCOMPARE(json["models"][std::size_t(Clean)]["substituted"].size(), std::size_t(0));
        QCOMPARE(json["overall"]["finish_reasons"]["stop"].get<std::int64_t>(), r.summary.overall.successes);
        // ...and read back (stampede report, compare) as they were.
        const metrics::RunSummary back = report::summaryFromJson(json);
        for (int m = 0; m < ModelCount; ++m) {
            QCOMPARE(back.models[m].integrity.counts, r.summary.models[m].integrity.counts);
            QCOMPARE(back.models[m].integrity.substitutedModels, r.summary.models[m].integrity.substitutedModels);
            QCOMPARE(back.models[m].integrity.finishReasons, r.summary.models[m].integrity.finishReasons);
        }

        // The text summary and the HTML report warn, with the substitution's pair.
        const QString text = report::summaryText(r.summary, m_gateway->baseUrl());
        QVERIFY2(text.contains(QStringLiteral("sub -> cheaper-model")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("burst: fake streaming in %1 of %1").arg(n[Burst])), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("inflated: usage disagrees")));
        QVERIFY(text.contains(QStringLiteral("empty: empty completion")));
        QVERIFY(!text.contains(QStringLiteral("Warning: clean:")));
        QVERIFY(text.contains(QStringLiteral("finish_reason clean: stop %1").arg(n[Clean])));
        report::RunRecord record;
        record.summary = r.summary;
        record.meta.scenario = s;
        record.meta.baseUrl = m_gateway->baseUrl();
        record.meta.plan = scenario::makePlan(s.load);
        for (const scenario::ModelSpec &m : s.models)
            record.meta.models << m.model;
        const QString html = QString::fromUtf8(report::htmlReport(record));
        QVERIFY(html.contains(QStringLiteral("<section id=\"integrity\">")));
        QVERIFY(html.contains(QStringLiteral("sub -&gt; cheaper-model")));
    }

private:
    std::unique_ptr<gateway::SimGateway> m_gateway;
};

QTEST_GUILESS_MAIN(TestIntegrityRun)
#include "tst_integrityrun.moc"
