// The wire protocols' streams (issue 16): recorded Anthropic Messages, OpenAI Responses and Gemini
// streams (tests/data/protocol/streams, expectations in expected.json) read into the protocol-neutral
// StreamEvent give the expected text, TTFT events, usage with the cache apart, finish reason, model
// and error — whole, and for thousands of random splits of the bytes through the SSE decoder.
#include "protocol/ssedecoder.h"
#include "protocol/streamevents.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QtTest/QTest>

using namespace stampede::protocol;

namespace {

/// What a whole stream adds up to, as a runner would keep it.
struct Aggregate {
    QString text, finish, error, model;
    int content = 0, reasoning = 0, tool = 0, invalid = 0;
    bool terminal = false;
    UsageReport usage;

    void add(const StreamEvent &e)
    {
        if (!e.valid) {
            ++invalid;
            return;
        }
        text += e.text;
        content += e.hasContent ? 1 : 0;
        reasoning += e.hasContent && e.reasoning ? 1 : 0;
        tool += e.hasContent && e.toolCall ? 1 : 0;
        if (!e.finishReason.isEmpty())
            finish = e.finishReason;
        if (error.isEmpty())
            error = e.errorMessage;
        if (model.isEmpty())
            model = e.model;
        terminal = terminal || e.terminal;
        e.usage.mergeInto(usage);
    }
    bool operator==(const Aggregate &o) const
    {
        return text == o.text && finish == o.finish && error == o.error && model == o.model && content == o.content
            && reasoning == o.reasoning && tool == o.tool && invalid == o.invalid && terminal == o.terminal
            && usage.promptTokens == o.usage.promptTokens && usage.completionTokens == o.usage.completionTokens
            && usage.cacheReadTokens == o.usage.cacheReadTokens
            && usage.cacheCreationTokens == o.usage.cacheCreationTokens
            && usage.reasoningTokens == o.usage.reasoningTokens;
    }
};

/// `bytes` through the SSE decoder in pieces cut at `cuts` (ascending offsets).
Aggregate read(WireProtocol protocol, const QByteArray &bytes, const QList<qsizetype> &cuts = {})
{
    SseDecoder decoder;
    QList<SseEvent> events;
    qsizetype from = 0;
    for (const qsizetype cut : cuts) {
        decoder.feed(QByteArrayView(bytes).sliced(from, cut - from), events);
        from = cut;
    }
    decoder.feed(QByteArrayView(bytes).sliced(from), events);
    Aggregate a;
    for (const SseEvent &event : std::as_const(events))
        a.add(parseStreamEvent(protocol, event.event, event.data));
    return a;
}

QVariant optionalValue(const std::optional<qint64> &v)
{
    return v ? QVariant(*v) : QVariant();
}

QJsonObject expectations()
{
    return QJsonDocument::fromJson(stampede::test::readData(QStringLiteral("protocol/streams/expected.json"))).object();
}

} // namespace

class TestStreamEvents : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recordedStreams_data()
    {
        QTest::addColumn<QString>("file");
        const QJsonObject all = expectations();
        QVERIFY(all.size() >= 9);
        for (auto it = all.begin(); it != all.end(); ++it)
            QTest::newRow(qPrintable(it.key())) << it.key();
    }
    void recordedStreams()
    {
        QFETCH(QString, file);
        const QJsonObject want = expectations()[file].toObject();
        const auto protocol = wireProtocolFromName(want[QStringLiteral("protocol")].toString());
        QVERIFY(protocol);
        const QByteArray bytes = stampede::test::readData(QStringLiteral("protocol/streams/") + file);
        QVERIFY(!bytes.isEmpty());
        const Aggregate whole = read(*protocol, bytes);
        QCOMPARE(whole.text, want[QStringLiteral("text")].toString());
        QCOMPARE(whole.content, want[QStringLiteral("content")].toInt());
        QCOMPARE(whole.reasoning, want[QStringLiteral("reasoning")].toInt());
        QCOMPARE(whole.tool, want[QStringLiteral("tool")].toInt());
        QCOMPARE(whole.finish, want[QStringLiteral("finish")].toString());
        QCOMPARE(whole.error, want[QStringLiteral("error")].toString());
        QCOMPARE(whole.terminal, want[QStringLiteral("terminal")].toBool());
        QCOMPARE(whole.model, want[QStringLiteral("model")].toString());
        QCOMPARE(whole.invalid, want[QStringLiteral("invalid")].toInt());
        const auto expect = [&](const char *key) {
            const QJsonValue v = want[QLatin1StringView(key)];
            return v.isNull() ? QVariant() : QVariant(qint64(v.toInteger()));
        };
        QCOMPARE(optionalValue(whole.usage.promptTokens), expect("prompt"));
        QCOMPARE(optionalValue(whole.usage.completionTokens), expect("completion"));
        QCOMPARE(optionalValue(whole.usage.cacheReadTokens), expect("cache_read"));
        QCOMPARE(optionalValue(whole.usage.cacheCreationTokens), expect("cache_creation"));
        QCOMPARE(optionalValue(whole.usage.reasoningTokens), expect("reasoning_tokens"));

        // However the bytes arrive: 1,000 random splits into 1 to 40 pieces, and every single cut.
        QRandomGenerator rng(qHash(file));
        for (int round = 0; round < 1000; ++round) {
            QList<qsizetype> cuts;
            const int pieces = 1 + int(rng.bounded(40));
            for (int i = 0; i < pieces; ++i)
                cuts.append(qsizetype(rng.bounded(quint32(bytes.size()))));
            std::sort(cuts.begin(), cuts.end());
            QVERIFY2(read(*protocol, bytes, cuts) == whole, qPrintable(QStringLiteral("round %1").arg(round)));
        }
        for (qsizetype cut = 1; cut < bytes.size(); ++cut)
            QVERIFY2(read(*protocol, bytes, { cut }) == whole, qPrintable(QStringLiteral("cut at %1").arg(cut)));
    }

    void namesAndFinishWords()
    {
        for (const auto p : { WireProtocol::OpenAiChat, WireProtocol::OpenAiResponses, WireProtocol::AnthropicMessages,
                 WireProtocol::Gemini })
            QCOMPARE(wireProtocolFromName(wireProtocolName(p)), std::optional<WireProtocol>(p));
        QVERIFY(!wireProtocolFromName(u"anthropic"));
        QCOMPARE(normalisedFinishReason(WireProtocol::AnthropicMessages, QStringLiteral("max_tokens")),
            QStringLiteral("length"));
        QCOMPARE(normalisedFinishReason(WireProtocol::Gemini, QStringLiteral("MAX_TOKENS")), QStringLiteral("length"));
        QCOMPARE(normalisedFinishReason(WireProtocol::OpenAiResponses, QStringLiteral("max_output_tokens")),
            QStringLiteral("length"));
        QCOMPARE(
            normalisedFinishReason(WireProtocol::Gemini, QStringLiteral("SAFETY")), QStringLiteral("content_filter"));
        QCOMPARE(normalisedFinishReason(WireProtocol::AnthropicMessages, QStringLiteral("pause_turn")),
            QStringLiteral("pause_turn"));
    }

    // Garbage never throws and is never taken for content.
    void garbageIsInvalid()
    {
        for (const auto p : { WireProtocol::OpenAiResponses, WireProtocol::AnthropicMessages, WireProtocol::Gemini })
            for (const QByteArray &data : { QByteArray("{not json"), QByteArray("[1,2]"), QByteArray("\"x\""),
                     QByteArray("{\"type\":\"something_else\"}"), QByteArray("{}"), QByteArray() }) {
                const StreamEvent e = parseStreamEvent(p, {}, data);
                QVERIFY2(!e.valid && !e.hasContent, data.constData());
            }
        // Counts that are not plain non-negative integers are not counts.
        const StreamEvent e = parseStreamEvent(WireProtocol::AnthropicMessages, {},
            R"({"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":-3}})");
        QVERIFY(e.valid);
        QVERIFY(!e.usage.completionTokens);
        // The SSE event's name stands in for a data object without "type".
        const StreamEvent stop = parseStreamEvent(WireProtocol::AnthropicMessages, "message_stop", "{}");
        QVERIFY(stop.valid && stop.terminal);
    }
};

QTEST_GUILESS_MAIN(TestStreamEvents)
#include "tst_streamevents.moc"
