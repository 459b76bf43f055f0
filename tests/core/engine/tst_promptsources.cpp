// Prompt sources end to end over real HTTP on 127.0.0.1 (issue 16, "Workloads"): a JSONL dataset
// referenced by path and hash is sent line by line in its order (or sampled), its "messages" and
// "max_tokens" carried into each protocol's body; synthetic prompts have the configured length; a
// changed file or a broken line stops the run before it starts, with the line named.

#include "enginefixture.h"
#include "recordingserver.h"
#include "runjobs.h"

#include "protocol/chat.h"
#include "scenario/promptsource.h"
#include "scenario/scenarioio.h"

#include <QTemporaryDir>

#include <nlohmann/json.hpp>

using namespace stampede;
using namespace stampede::test;

namespace {

const QByteArray kDataset = R"({"prompt": "line one"}
{"messages": [{"role": "system", "content": "be terse"}, {"role": "user", "content": "line two"}]}
{"prompt": "line three", "max_tokens": 7}

{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}, {"role": "user", "content": "line four"}]}
{"prompt": "line five"}
)";

/// The last user message of a recorded chat body: which dataset line it was.
QString lastUser(const QByteArray &body)
{
    const nlohmann::json j = nlohmann::json::parse(body.toStdString(), nullptr, false);
    if (!j.is_object() || !j.contains("messages"))
        return {};
    QString last;
    for (const auto &m : j["messages"])
        if (m.value("role", "") == "user")
            last = QString::fromStdString(m.value("content", ""));
    return last;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &data)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(data);
    return file.fileName();
}

} // namespace

class TestPromptSources : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void datasetGoesInItsOrder()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("prompts.jsonl"), kDataset);
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tcp);
        scenario::Scenario s = basicScenario(server.baseUrl(), false);
        QString error;
        s.prompts.dataset = scenario::PromptDataset { path, scenario::fileSha256(path, &error), false, {} };
        s.load.executor = scenario::ExecutorKind::ConstantVus;
        s.load.vus = 1; // one request after another: the server sees the order the run chose
        s.load.durationMs = 600;
        QVERIFY(scenario::validate(s).isEmpty());
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QVERIFY(server.requests.size() >= 10); // twice round the five lines at least
        const QStringList expected = { QStringLiteral("line one"), QStringLiteral("line two"),
            QStringLiteral("line three"), QStringLiteral("line four"), QStringLiteral("line five") };
        for (qsizetype i = 0; i < server.requests.size(); ++i)
            QCOMPARE(lastUser(server.requests[i].body), expected[i % 5]);
        // The line's own max_tokens, the model's elsewhere; a line's messages, its roles in order.
        const auto body = [&](int i) { return nlohmann::json::parse(server.requests[i].body.toStdString()); };
        QCOMPARE(body(2)["max_tokens"].get<int>(), 7);
        QCOMPARE(body(0)["max_tokens"].get<int>(), 100);
        QCOMPARE(body(3)["messages"].size(), std::size_t(4)); // the scenario's system, then the three turns
        QCOMPARE(body(3)["messages"][2]["role"].get<std::string>(), std::string("assistant"));
        QCOMPARE(body(1)["messages"][1]["content"].get<std::string>(), std::string("be terse"));
    }

    void datasetSampledAtRandom()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("prompts.jsonl"), kDataset);
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tcp);
        scenario::Scenario s = basicScenario(server.baseUrl(), false);
        s.prompts.dataset = scenario::PromptDataset { path, {}, true, {} };
        s.load.executor = scenario::ExecutorKind::ConstantVus;
        s.load.vus = 2;
        s.load.durationMs = 600;
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QSet<QString> seen;
        for (const auto &request : std::as_const(server.requests)) {
            const QString user = lastUser(request.body);
            QVERIFY2(user.startsWith(QStringLiteral("line ")), qPrintable(user)); // only the dataset's prompts
            seen.insert(user);
        }
        QCOMPARE(seen.size(), 5); // a few dozen draws reach every line
    }

    void aChangedOrBrokenDatasetStopsTheRun()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("prompts.jsonl"), kDataset);
        scenario::Scenario s = basicScenario(QUrl(QStringLiteral("http://127.0.0.1:9/v1")), false);
        s.prompts.dataset = scenario::PromptDataset { path, QString(64, QLatin1Char('0')), false, {} };
        RunResult r = runToEnd(s);
        QVERIFY(!r.finished);
        QVERIFY2(r.failure.contains(QStringLiteral("the file changed")), qPrintable(r.failure));

        const QString broken = writeFile(dir, QStringLiteral("broken.jsonl"), "{\"prompt\": \"ok\"}\n{\"text\": 1}\n");
        s.prompts.dataset = scenario::PromptDataset { broken, {}, false, {} };
        r = runToEnd(s);
        QVERIFY(!r.finished);
        QVERIFY2(r.failure.contains(QStringLiteral("line 2: needs \"prompt\" or \"messages\"")), qPrintable(r.failure));

        s.prompts.dataset = scenario::PromptDataset { dir.filePath(QStringLiteral("missing.jsonl")), {}, false, {} };
        r = runToEnd(s);
        QVERIFY2(r.failure.contains(QStringLiteral("cannot read the dataset")), qPrintable(r.failure));
    }

    void datasetPathIsRelativeToTheScenarioFile()
    {
        QTemporaryDir dir;
        writeFile(dir, QStringLiteral("prompts.jsonl"), kDataset);
        const QString file = writeFile(dir, QStringLiteral("scenario.json"),
            R"({"models": [{"model": "m"}], "prompts": {"dataset": {"path": "prompts.jsonl", "order": "random"}},
                "load": {"executor": "constant-vus", "vus": 1, "duration": "1s"}})");
        scenario::LoadResult loaded = scenario::loadScenarioFile(file);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.scenario.prompts.dataset->resolvedPath, dir.filePath(QStringLiteral("prompts.jsonl")));
        QVERIFY(scenario::loadPromptSources(loaded.scenario).isEmpty());
        QCOMPARE(loaded.scenario.prompts.loaded->size(), qsizetype(5));
        // Saved by reference: the path as written, never the prompts.
        const QByteArray saved = scenario::toJson(loaded.scenario);
        QVERIFY(saved.contains("\"path\": \"prompts.jsonl\""));
        QVERIFY(!saved.contains("line one"));
    }

    void syntheticPromptsHaveTheirLength()
    {
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tcp);
        scenario::Scenario s = basicScenario(server.baseUrl(), false);
        s.prompts.system.clear();
        s.load.executor = scenario::ExecutorKind::ConstantVus;
        s.load.vus = 1;
        s.load.durationMs = 1000;
        scenario::SyntheticPrompts synthetic;
        synthetic.count = 4;
        synthetic.inputTokens.kind = scenario::TokenDistribution::Kind::Fixed;
        synthetic.inputTokens.mean = 300;
        synthetic.outputTokens
            = scenario::TokenDistribution { scenario::TokenDistribution::Kind::Fixed, 33, 0, 1, 0, {} };
        synthetic.seed = 9;
        s.prompts.synthetic = synthetic;
        const auto problems = scenario::validate(s);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).toString()));
        const QList<metrics::RequestOutcome> outcomes = [&] {
            scenario::Scenario loaded = s;
            const QString error = scenario::loadPromptSources(loaded);
            return error.isEmpty() ? runJobs(loaded, 8) : QList<metrics::RequestOutcome>();
        }();
        QCOMPARE(outcomes.size(), qsizetype(8));
        QCOMPARE(server.requests.size(), qsizetype(8));
        QSet<QString> distinct;
        for (const auto &request : std::as_const(server.requests)) {
            const nlohmann::json body = nlohmann::json::parse(request.body.toStdString());
            const QString user = lastUser(request.body);
            QCOMPARE(protocol::estimateTokens(user), 300);
            QCOMPARE(body["max_tokens"].get<int>(), 33);
            distinct.insert(user);
        }
        QCOMPARE(distinct.size(), 4); // four different texts, each sent twice
    }

    void syntheticDistributions()
    {
        std::mt19937_64 rng(5);
        scenario::TokenDistribution normal { scenario::TokenDistribution::Kind::Normal, 500, 100, 50, 2000, {} };
        double sum = 0;
        for (int i = 0; i < 4000; ++i) {
            const int n = scenario::drawTokens(normal, rng);
            QVERIFY(n >= 50 && n <= 2000);
            sum += n;
        }
        QVERIFY(std::abs(sum / 4000 - 500) < 10);
        scenario::TokenDistribution histogram;
        histogram.kind = scenario::TokenDistribution::Kind::Histogram;
        histogram.buckets = { { 100, 1 }, { 1000, 3 } };
        int large = 0;
        for (int i = 0; i < 4000; ++i) {
            const int n = scenario::drawTokens(histogram, rng);
            QVERIFY(n == 100 || n == 1000);
            large += n == 1000;
        }
        QVERIFY(large > 2800 && large < 3200); // 3 in 4
    }

    void sharedPrefixesStartAShareOfRequests()
    {
        // A recording server sees the system message of about half the requests start with one of the
        // three prefixes (each 200 tokens), then the scenario's system prompt; the others send it alone.
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tcp);
        scenario::Scenario s = basicScenario(server.baseUrl(), false);
        s.prompts.sharedPrefix = scenario::SharedPrefix { 3, 200, 0.5, 11 };
        s.load.executor = scenario::ExecutorKind::ConstantVus;
        s.load.vus = 4;
        s.load.durationMs = 600;
        QVERIFY(scenario::validate(s).isEmpty());
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QVERIFY(server.requests.size() >= 60);
        QSet<QString> prefixes;
        int with = 0;
        for (const auto &request : std::as_const(server.requests)) {
            const nlohmann::json body = nlohmann::json::parse(request.body.toStdString());
            const QString system = QString::fromStdString(body["messages"][0]["content"].get<std::string>());
            QVERIFY(system.endsWith(s.prompts.system));
            if (system == s.prompts.system)
                continue;
            ++with;
            const QString prefix = system.chopped(s.prompts.system.size() + 2);
            QVERIFY(system.mid(prefix.size(), 2) == QStringLiteral("\n\n"));
            QVERIFY2(std::abs(protocol::estimateTokens(prefix) - 200) <= 2, qPrintable(prefix.left(80)));
            prefixes.insert(prefix);
        }
        QCOMPARE(prefixes.size(), 3);
        const double share = double(with) / double(server.requests.size());
        QVERIFY2(share > 0.3 && share < 0.7, qPrintable(QString::number(share)));
        // The summary splits them, per group, as the server saw them.
        const metrics::GroupStats &all = r.summary.overall;
        QVERIFY(all.sharedPrefix.has_value());
        QCOMPARE(all.sharedPrefix->with.requests, std::int64_t(with));
        QCOMPARE(all.sharedPrefix->with.requests + all.sharedPrefix->without.requests, all.requests);
        QVERIFY(r.summary.models[0].sharedPrefix.has_value());
        // A run without shared prefixes has no split.
        s.prompts.sharedPrefix.reset();
        s.load.durationMs = 200;
        QVERIFY(!runToEnd(s).summary.overall.sharedPrefix.has_value());
    }

    void sharedPrefixesShowTheCache()
    {
        // Through the simulated gateway's prefix cache: the requests with a prefix read it from the cache
        // (all but each prefix's first) and their first token comes in half the time; the others never do.
        gateway::GatewayConfig config = exactGateway(80, 10);
        config.prefixCache = { true, 100, 0.5 };
        gateway::SimGateway gateway;
        QVERIFY2(gateway.start(config, 0), qPrintable(gateway.errorString()));
        scenario::Scenario s = basicScenario(gateway.baseUrl(), true);
        s.prompts.sharedPrefix = scenario::SharedPrefix { 2, 400, 0.5, 3 };
        s.load.executor = scenario::ExecutorKind::ConstantVus;
        s.load.vus = 4;
        s.load.durationMs = 1500;
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        const metrics::SharedPrefixStats &p = r.summary.overall.sharedPrefix.value();
        QVERIFY(p.with.successes >= 10 && p.without.successes >= 10);
        QCOMPARE(p.without.cacheReadTokens, 0);
        QVERIFY2(
            p.with.cacheReadTokens >= (p.with.requests - 2) * 400, qPrintable(QString::number(p.with.cacheReadTokens)));
        QVERIFY2(p.with.ttft.p50 < 0.75 * p.without.ttft.p50,
            qPrintable(QStringLiteral("%1 vs %2").arg(p.with.ttft.p50).arg(p.without.ttft.p50)));
    }
};

QTEST_MAIN(TestPromptSources)
#include "tst_promptsources.moc"
