// Conversations end to end over real HTTP on 127.0.0.1 (issue 16, "Conversations"): a server that
// logs each request's messages sees every conversation grow turn by turn, carrying the model's
// actual reply, until its turns or its context budget are spent; a failed turn ends it; an open
// model's arrivals start conversations whose turns follow their replies; every protocol carries
// the history in its own shape; the summary keeps TTFT and latency by turn.

#include "enginefixture.h"
#include "recordingserver.h"

#include "engine/runcontext.h"
#include "protocol/streamevents.h"
#include "report/summaryjson.h"
#include "scenario/scenarioio.h"

#include <nlohmann/json.hpp>

using namespace stampede;
using namespace stampede::test;
using model::WireProtocol;

namespace {

/// A recorded chat body's messages, as (role, content).
QList<QPair<QString, QString>> messagesOf(const QByteArray &body)
{
    QList<QPair<QString, QString>> out;
    const nlohmann::json j = nlohmann::json::parse(body.toStdString(), nullptr, false);
    if (!j.is_object() || !j.contains("messages") || !j["messages"].is_array())
        return out;
    for (const auto &m : j["messages"])
        out.append({ QString::fromStdString(m.value("role", "")), QString::fromStdString(m.value("content", "")) });
    return out;
}

/// A one-VU conversation run against `server`: requests go one after another, so the server's log
/// is the conversations in order.
scenario::Scenario conversationScenario(const QUrl &baseUrl, bool stream, int turns)
{
    scenario::Scenario s = basicScenario(baseUrl, stream);
    s.load.executor = scenario::ExecutorKind::ConstantVus;
    s.load.vus = 1;
    s.load.durationMs = 700;
    s.conversation = scenario::Conversation { turns, std::nullopt };
    return s;
}

/// The history field of a body in `protocol`'s shape, and the role its model's turns take.
std::pair<const char *, const char *> historyField(WireProtocol protocol)
{
    switch (protocol) {
    case WireProtocol::OpenAiChat:
        return { "messages", "assistant" };
    case WireProtocol::OpenAiResponses:
        return { "input", "assistant" };
    case WireProtocol::AnthropicMessages:
        return { "messages", "assistant" };
    case WireProtocol::Gemini:
        return { "contents", "model" };
    }
    return { "", "" };
}

} // namespace

class TestConversation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { transportRows(); }
    void init() { selectTransportRow(); }

    void turnsGrowWithTheActualReply_data()
    {
        QTest::addColumn<bool>("stream");
        QTest::newRow("stream") << true;
        QTest::newRow("whole") << false;
    }

    void turnsGrowWithTheActualReply()
    {
        QFETCH(bool, stream);
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tcp, stream ? 5 : 0); // streams answer "xxx", whole answers "hi"
        const scenario::Scenario s = conversationScenario(server.baseUrl(), stream, 3);
        QVERIFY(scenario::validate(s).isEmpty());
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QVERIFY(server.requests.size() >= 6); // two whole conversations at least
        const QString reply = stream ? QStringLiteral("xxx") : QStringLiteral("hi");
        // The server's log: system + user, then + the reply and the next prompt, twice; then anew.
        for (qsizetype i = 0; i < server.requests.size(); ++i) {
            const auto messages = messagesOf(server.requests[i].body);
            const int turn = int(i % 3) + 1;
            QCOMPARE(messages.size(), qsizetype(2 * turn));
            QCOMPARE(messages.first().first, QStringLiteral("system"));
            for (qsizetype m = 1; m < messages.size(); ++m) {
                QCOMPARE(messages[m].first, m % 2 ? QStringLiteral("user") : QStringLiteral("assistant"));
                if (m % 2 == 0)
                    QCOMPARE(messages[m].second, reply); // what the model said, sent back
                else
                    QVERIFY(s.prompts.user.contains(messages[m].second)); // the pool's prompts
            }
            if (turn > 1) { // the history is the previous request's, as sent
                const auto before = messagesOf(server.requests[i - 1].body);
                QCOMPARE(messages.first(before.size()), before);
            }
        }
        // Per-turn figures: each turn counted apart, in order, TTFT present for each.
        const metrics::GroupStats &all = r.summary.overall;
        QCOMPARE(all.turns.size(), 3);
        std::int64_t total = 0;
        for (int t = 0; t < 3; ++t) {
            QCOMPARE(all.turns[t].turn, t + 1);
            QCOMPARE(all.turns[t].successes, all.turns[t].requests);
            QVERIFY(all.turns[t].ttft.count > 0);
            QVERIFY(all.turns[t].latency.count > 0);
            total += all.turns[t].requests;
        }
        QCOMPARE(total, all.requests);
        QVERIFY(all.turns[0].requests >= all.turns[2].requests);
        QVERIFY(all.turns[0].requests - all.turns[2].requests <= 1); // only the last conversation may be cut
        QCOMPARE(r.summary.models[0].turns.size(), 3);
        // The summary JSON keeps them as turns[], per group.
        const nlohmann::json json = report::summaryToJson(r.summary, {});
        const auto &turns = json["overall"]["turns"];
        QCOMPARE(turns.size(), std::size_t(3));
        QCOMPARE(turns[1]["turn"].get<int>(), 2);
        QCOMPARE(turns[1]["requests"].get<std::int64_t>(), all.turns[1].requests);
        QVERIFY(turns[2]["ttft_ms"]["p50"].get<double>() > 0);
    }

    void contextBudgetEndsTheConversation()
    {
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tcp);
        scenario::Scenario s = conversationScenario(server.baseUrl(), false, 10);
        s.prompts.system.clear();
        s.prompts.user = { QString(400, QLatin1Char('a')) }; // 100 tokens by the estimate
        // Turn 2 sends ~201 tokens (prompt, "hi", prompt); turn 3 would send ~302: over the budget.
        s.conversation->maxContextTokens = 250;
        QVERIFY(scenario::validate(s).isEmpty());
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QVERIFY(server.requests.size() >= 4);
        for (qsizetype i = 0; i < server.requests.size(); ++i)
            QCOMPARE(messagesOf(server.requests[i].body).size(), i % 2 ? 3 : 1);
        QCOMPARE(r.summary.overall.turns.size(), 2);
    }

    void aFailedTurnEndsTheConversation()
    {
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tcp);
        server.fixedStatus = 500;
        const scenario::Scenario s = conversationScenario(server.baseUrl(), false, 3);
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QVERIFY(server.requests.size() >= 3);
        for (const auto &request : std::as_const(server.requests))
            QCOMPARE(messagesOf(request.body).size(), 2); // every request opens a new conversation
        QCOMPARE(r.summary.overall.turns.size(), 1);
        QCOMPARE(r.summary.overall.turns[0].successes, 0);
        QCOMPARE(r.summary.overall.turns[0].requests, r.summary.overall.requests);
    }

    void openModelArrivalsStartConversations()
    {
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tcp);
        scenario::Scenario s = basicScenario(server.baseUrl(), false);
        s.load.executor = scenario::ExecutorKind::ConstantArrivalRate;
        s.load.rate = 10;
        s.load.durationMs = 1000;
        s.conversation = scenario::Conversation { 3, std::nullopt };
        QVERIFY(scenario::validate(s).isEmpty());
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        QMap<qsizetype, int> sizes;
        for (const auto &request : std::as_const(server.requests))
            ++sizes[messagesOf(request.body).size()];
        QCOMPARE(sizes.keys(), (QList<qsizetype> { 2, 4, 6 }));
        QVERIFY2(sizes[2] >= 8, qPrintable(QString::number(sizes[2]))); // ~10 arrivals, each a conversation
        QVERIFY(sizes[6] >= sizes[2] - 2); // each went on to its third turn, but those cut at the end
        const metrics::GroupStats &all = r.summary.overall;
        QCOMPARE(all.turns.size(), 3);
        QCOMPARE(all.turns[0].requests, std::int64_t(sizes[2]));
    }

    void everyProtocolCarriesTheHistory()
    {
        // The bodies: each protocol's own history field and role for the model's turns.
        scenario::Scenario s = basicScenario(QUrl(QStringLiteral("http://127.0.0.1:9/v1")), true);
        s.models.clear();
        for (const WireProtocol protocol : model::kAllWireProtocols) {
            scenario::ModelSpec m;
            m.model = model::wireProtocolName(protocol);
            m.protocol = protocol;
            s.models << m;
        }
        s.conversation = scenario::Conversation { 4, std::nullopt };
        engine::RunContext ctx(s, engine::Endpoint(s.target, QUrl(s.target.baseUrl), QString()));
        QRandomGenerator rng(1);
        for (int m = 0; m < s.models.size(); ++m) {
            engine::RequestJob job = ctx.makeJob(0, rng);
            job.modelIndex = m;
            QCOMPARE(job.turn, 1);
            for (int turn = 2; turn <= 4; ++turn) {
                job = ctx.nextTurn(job, QStringLiteral("reply %1").arg(turn - 1), rng).value();
                QCOMPARE(job.turn, turn);
                QCOMPARE(job.modelIndex, m);
            }
            QVERIFY(!ctx.nextTurn(job, QStringLiteral("reply 4"), rng)); // four turns, then a new one
            const auto [field, role] = historyField(s.models[m].protocol);
            const nlohmann::json body
                = nlohmann::json::parse(ctx.buildBody(m, job.promptIndex, true, job.history.get()).toStdString());
            const auto &history = body[field];
            // OpenAI Chat carries the system prompt as a message; the others apart.
            const std::size_t system = s.models[m].protocol == WireProtocol::OpenAiChat ? 1 : 0;
            QCOMPARE(history.size(), system + 7); // three prompts and replies, then the fourth prompt
            QCOMPARE(history[system + 1]["role"].get<std::string>(), std::string(role));
            QVERIFY2(history[system + 5].dump().find("reply 3") != std::string::npos, history.dump().c_str());
        }
    }

    void everyProtocolRunsConversationsThroughTheGateway()
    {
        // The simulated gateway reads each protocol's multi-turn body: no turn fails, all three counted.
        gateway::GatewayConfig config = exactGateway(20, 10);
        config.models.clear();
        for (const WireProtocol protocol : model::kAllWireProtocols) {
            gateway::ModelBehaviour m = exactGateway(20, 10).models.first();
            m.model = model::wireProtocolName(protocol);
            config.models << m;
        }
        gateway::SimGateway gateway;
        QVERIFY2(gateway.start(config, 0), qPrintable(gateway.errorString()));
        scenario::Scenario s = conversationScenario(gateway.baseUrl(), true, 3);
        s.models.clear();
        for (const WireProtocol protocol : model::kAllWireProtocols) {
            scenario::ModelSpec m = basicScenario(gateway.baseUrl(), true).models.first();
            m.model = model::wireProtocolName(protocol);
            m.protocol = protocol;
            s.models << m;
        }
        s.load.vus = 4;
        s.load.durationMs = 1000;
        const RunResult r = runToEnd(s);
        QVERIFY2(r.finished, qPrintable(r.failure));
        for (const metrics::GroupStats &g : r.summary.models) {
            QVERIFY2(g.failures == 0, qPrintable(g.model + QLatin1Char(' ') + g.errors.keys().join(u',')));
            QVERIFY2(g.turns.size() == 3, qPrintable(g.model));
            QVERIFY2(g.turns[2].successes > 0, qPrintable(g.model));
            // The context grows: a third turn sends more prompt-side tokens than a first.
            const auto perRequest = [](const metrics::TurnStats &t) {
                return double(t.promptTokens + t.cacheReadTokens + t.cacheCreationTokens) / double(t.requests);
            };
            QVERIFY2(perRequest(g.turns[2]) > perRequest(g.turns[0]), qPrintable(g.model));
        }
    }
};

QTEST_MAIN(TestConversation)
#include "tst_conversation.moc"
