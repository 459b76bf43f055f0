#include "protocol/chat.h"
#include "protocol/ssedecoder.h"
#include "testsupport.h"

#include <QRandomGenerator>
#include <QtTest/QTest>

using stampede::protocol::SseDecoder;
using stampede::protocol::SseEvent;

namespace {

// One event as a comparable string: "event|data|id".
QByteArray describe(const SseEvent &ev)
{
    return ev.event + '|' + ev.data + '|' + ev.id;
}

QByteArrayList describeAll(const QList<SseEvent> &events)
{
    QByteArrayList out;
    for (const SseEvent &ev : events)
        out << describe(ev);
    return out;
}

QList<SseEvent> decodeWhole(QByteArrayView bytes)
{
    SseDecoder decoder;
    QList<SseEvent> events;
    decoder.feed(bytes, events);
    return events;
}

/// Feeds `bytes` in random pieces: mostly small (1..8 bytes) with some larger ones, as a slow
/// network or a proxy re-chunking the stream would.
QList<SseEvent> decodeSplit(QByteArrayView bytes, QRandomGenerator &rng, SseDecoder &decoder)
{
    QList<SseEvent> events;
    qsizetype at = 0;
    while (at < bytes.size()) {
        const qsizetype max = rng.bounded(4) == 0 ? 600 : 8;
        const qsizetype n = std::min<qsizetype>(bytes.size() - at, 1 + rng.bounded(static_cast<int>(max)));
        const int before = events.size();
        const int added = decoder.feed(bytes.sliced(at, n), events);
        if (added != events.size() - before)
            qFatal("feed() returned a wrong count");
        at += n;
    }
    return events;
}

QByteArray withLineEnds(QByteArray stream, const char *eol)
{
    return stream.replace("\n", eol);
}

} // namespace

class TestSseDecoder : public QObject
{
    Q_OBJECT

private slots:
    void cases_data();
    void cases();
    void partialEvent_data();
    void partialEvent();
    void crLfAcrossFeeds();
    void bomSplitAcrossFeeds();
    void returnsAddedCountAndAppends();
    void resetClearsState();
    void bytesSeen();
    void eventSizeIsBounded_data();
    void eventSizeIsBounded();
    void randomSplits_data();
    void randomSplits();
};

void TestSseDecoder::cases_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QByteArrayList>("expected");

    const QByteArray usage = R"({"id":"c1","object":"chat.completion.chunk","choices":[],)"
                             R"("usage":{"prompt_tokens":12,"completion_tokens":34,"total_tokens":46}})";
    const QByteArray error = R"({"error":{"message":"Rate limit reached","type":"rate_limit_error","code":429}})";

    QTest::addRow("lf") << QByteArray("data: a\n\ndata: b\n\n") << QByteArrayList { "|a|", "|b|" };
    QTest::addRow("crlf") << QByteArray("data: a\r\n\r\ndata: b\r\n\r\n") << QByteArrayList { "|a|", "|b|" };
    QTest::addRow("cr") << QByteArray("data: a\r\rdata: b\r\r") << QByteArrayList { "|a|", "|b|" };
    QTest::addRow("mixed line ends") << QByteArray("data: a\r\n\ndata: b\r\r\ndata: c\n\r")
                                     << QByteArrayList { "|a|", "|b|", "|c|" };
    QTest::addRow("comments") << QByteArray(": keep-alive\n\n:\ndata: x\n: inside\n\n") << QByteArrayList { "|x|" };
    QTest::addRow("multi-line data") << QByteArray("data: one\ndata: two\ndata:\ndata: four\n\n")
                                     << QByteArrayList { "|one\ntwo\n\nfour|" };
    QTest::addRow("done") << QByteArray("data: {\"x\":1}\n\ndata: [DONE]\n\n")
                          << QByteArrayList { "|{\"x\":1}|", "|[DONE]|" };
    QTest::addRow("usage chunk, empty choices")
        << QByteArray("data: " + usage + "\n\n") << QByteArrayList { "|" + usage + "|" };
    QTest::addRow("error event") << QByteArray("event: error\ndata: " + error + "\n\n")
                                 << QByteArrayList { "error|" + error + "|" };
    QTest::addRow("field without space") << QByteArray("data:abc\nevent:ping\n\n") << QByteArrayList { "ping|abc|" };
    QTest::addRow("only one space stripped")
        << QByteArray("data:  two spaces \n\n") << QByteArrayList { "| two spaces |" };
    QTest::addRow("colon in value") << QByteArray("data: {\"a\":\"b:c\"}\n\n")
                                    << QByteArrayList { "|{\"a\":\"b:c\"}|" };
    QTest::addRow("bom") << QByteArray("\xEF\xBB\xBF"
                                       "data: a\n\n")
                         << QByteArrayList { "|a|" };
    QTest::addRow("bom only at start") << QByteArray("\xEF\xBB\xBF"
                                                     "data: a\n\n\xEF\xBB\xBF"
                                                     "data: b\n\n")
                                       << QByteArrayList { "|a|" };
    QTest::addRow("partial bom is line content") << QByteArray("\xEF"
                                                               "data: a\n\ndata: b\n\n")
                                                 << QByteArrayList { "|b|" };
    QTest::addRow("no data, no event") << QByteArray("event: ping\n\nid: 7\n\n") << QByteArrayList {};
    QTest::addRow("empty data is an event") << QByteArray("data\n\ndata:\n\n") << QByteArrayList { "||", "||" };
    QTest::addRow("event type resets") << QByteArray("event: a\ndata: 1\n\ndata: 2\n\n")
                                       << QByteArrayList { "a|1|", "|2|" };
    QTest::addRow("event type resets without data")
        << QByteArray("event: a\n\ndata: 2\n\n") << QByteArrayList { "|2|" };
    QTest::addRow("id persists") << QByteArray("id: 5\ndata: 1\n\ndata: 2\n\nid\ndata: 3\n\n")
                                 << QByteArrayList { "|1|5", "|2|5", "|3|" };
    static const char withNul[] = "id: 1\nid: a\0b\ndata: x\n\n";
    QTest::addRow("id with NUL ignored") << QByteArray(withNul, sizeof(withNul) - 1) << QByteArrayList { "|x|1" };
    QTest::addRow("unknown fields ignored")
        << QByteArray("retry: 1000\nfoo: bar\nDATA: no\ndata: yes\n\n") << QByteArrayList { "|yes|" };
    QTest::addRow("unterminated event dropped") << QByteArray("data: a\n\ndata: b\n") << QByteArrayList { "|a|" };
    QTest::addRow("empty") << QByteArray() << QByteArrayList {};
}

void TestSseDecoder::cases()
{
    QFETCH(QByteArray, stream);
    QFETCH(QByteArrayList, expected);
    QCOMPARE(describeAll(decodeWhole(stream)), expected);

    // Byte by byte must agree with whole.
    SseDecoder decoder;
    QList<SseEvent> events;
    for (qsizetype i = 0; i < stream.size(); ++i)
        decoder.feed(QByteArrayView(stream).sliced(i, 1), events);
    QCOMPARE(describeAll(events), expected);
}

void TestSseDecoder::partialEvent_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<bool>("partial");

    QTest::addRow("complete") << QByteArray("data: a\n\n") << false;
    QTest::addRow("nothing") << QByteArray() << false;
    QTest::addRow("comment only") << QByteArray(": hi\n") << false;
    QTest::addRow("data without blank line") << QByteArray("data: a\n") << true;
    QTest::addRow("unterminated line") << QByteArray("data: a\n\ndata: {\"cho") << true;
    QTest::addRow("unterminated comment") << QByteArray(": keep") << true;
    QTest::addRow("event field only") << QByteArray("event: x\n") << false;
    QTest::addRow("trailing cr is a line end") << QByteArray("data: a\r\r") << false;
}

void TestSseDecoder::partialEvent()
{
    QFETCH(QByteArray, stream);
    QFETCH(bool, partial);
    SseDecoder decoder;
    QList<SseEvent> events;
    decoder.feed(stream, events);
    QCOMPARE(decoder.hasPartialEvent(), partial);
}

void TestSseDecoder::crLfAcrossFeeds()
{
    // CR at the end of one feed + LF at the start of the next is one line end, not two: two would
    // make a blank line and dispatch "a" and "b" as separate events.
    SseDecoder decoder;
    QList<SseEvent> events;
    decoder.feed("data: a\r", events);
    decoder.feed("\ndata: b\r", events);
    QCOMPARE(events.size(), 0);
    decoder.feed("\n\r", events); // the CR ends the blank line at once: no waiting for the LF
    QCOMPARE(describeAll(events), QByteArrayList { "|a\nb|" });
    decoder.feed("\n", events);
    QCOMPARE(events.size(), 1);
    QVERIFY(!decoder.hasPartialEvent());

    // An empty feed between CR and LF changes nothing.
    SseDecoder other;
    QList<SseEvent> more;
    other.feed("data: x\r", more);
    other.feed(QByteArrayView(), more);
    other.feed("\n\r", more);
    other.feed("\n", more);
    QCOMPARE(describeAll(more), QByteArrayList { "|x|" });
}

void TestSseDecoder::bomSplitAcrossFeeds()
{
    SseDecoder decoder;
    QList<SseEvent> events;
    for (const char *piece : { "\xEF", "\xBB", "\xBF", "data: a\n\n" })
        decoder.feed(piece, events);
    QCOMPARE(describeAll(events), QByteArrayList { "|a|" });
    QCOMPARE(decoder.bytesSeen(), 12);
}

void TestSseDecoder::returnsAddedCountAndAppends()
{
    SseDecoder decoder;
    QList<SseEvent> events { SseEvent { "keep", "me", {} } };
    QCOMPARE(decoder.feed("data: 1\n\ndata: 2\n\ndata: 3", events), 2);
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.first().data, QByteArray("me"));
    QCOMPARE(decoder.feed("\n\n", events), 1);
    QCOMPARE(events.last().data, QByteArray("3"));
    QVERIFY(events.last().isDone() == false);
}

void TestSseDecoder::resetClearsState()
{
    SseDecoder decoder;
    QList<SseEvent> events;
    decoder.feed("\xEF\xBB\xBF"
                 "id: 9\nevent: e\ndata: half\ndata: {\"x",
        events);
    QVERIFY(decoder.hasPartialEvent());
    decoder.reset();
    QVERIFY(!decoder.hasPartialEvent());
    QCOMPARE(decoder.bytesSeen(), 0);
    decoder.feed("\xEF\xBB\xBF"
                 "data: fresh\n\n",
        events);
    QCOMPARE(describeAll(events), QByteArrayList { "|fresh|" });
}

void TestSseDecoder::bytesSeen()
{
    SseDecoder decoder;
    QList<SseEvent> events;
    decoder.feed("data: a\r", events);
    decoder.feed("\n\r\n", events);
    QCOMPARE(decoder.bytesSeen(), 11);
    QCOMPARE(events.size(), 1);
}

void TestSseDecoder::randomSplits_data()
{
    QTest::addColumn<QByteArray>("stream");
    // The sample plus a tail with the fields OpenAI does not use, so that a split inside a multi-line
    // event (where a doubled line end would change the result) is exercised too.
    const QByteArray lf = stampede::test::readData(QStringLiteral("protocol/openai_stream.sse"))
        + ": ping\nevent: metrics\nid: 42\ndata: line one\ndata:line two\n\n";
    QTest::addRow("lf") << lf;
    QTest::addRow("crlf") << withLineEnds(lf, "\r\n");
    QTest::addRow("cr") << withLineEnds(lf, "\r");
    QTest::addRow("bom + crlf") << QByteArray("\xEF\xBB\xBF" + withLineEnds(lf, "\r\n"));
}

void TestSseDecoder::randomSplits()
{
    QFETCH(QByteArray, stream);
    QVERIFY(!stream.isEmpty());

    const QList<SseEvent> whole = decodeWhole(stream);
    const QByteArrayList expected = describeAll(whole);
    // The sample: a role-only chunk, 45 content chunks, a finish chunk, a usage chunk, [DONE]; the tail.
    QCOMPARE(whole.size(), 50);
    QVERIFY(whole.at(48).isDone());
    QCOMPARE(describe(whole.last()), QByteArray("metrics|line one\nline two|42"));
    QVERIFY(!stampede::protocol::parseStreamChunk(whole.first().data).hasContent);
    QVERIFY(stampede::protocol::parseStreamChunk(whole.at(1).data).hasContent);
    QCOMPARE(stampede::protocol::parseStreamChunk(whole.at(47).data).usage->completionTokens, 47);

    QRandomGenerator rng(20240611);
    SseDecoder reused;
    for (int round = 0; round < 2000; ++round) {
        SseDecoder fresh;
        SseDecoder &decoder = round % 2 ? fresh : reused;
        decoder.reset();
        const QList<SseEvent> events = decodeSplit(stream, rng, decoder);
        if (describeAll(events) != expected)
            QFAIL(qPrintable(QStringLiteral("round %1 differs").arg(round)));
        QVERIFY(!decoder.hasPartialEvent());
        QCOMPARE(decoder.bytesSeen(), stream.size());
    }

    // Every byte on its own.
    SseDecoder decoder;
    QList<SseEvent> events;
    for (qsizetype i = 0; i < stream.size(); ++i)
        decoder.feed(QByteArrayView(stream).sliced(i, 1), events);
    QCOMPARE(describeAll(events), expected);
}

void TestSseDecoder::eventSizeIsBounded_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("feedSize");
    QTest::addColumn<bool>("overflows");
    QTest::addColumn<int>("eventsBefore");
    const QByteArray ok = "data: {\"a\":1}\n\n";
    QTest::addRow("endless line, one feed") << ok + "data: " + QByteArray(5000, 'x') << 100000 << true << 1;
    QTest::addRow("endless line, small feeds") << ok + "data: " + QByteArray(5000, 'x') << 7 << true << 1;
    QTest::addRow("many data lines, no blank line")
        << ok + QByteArray("data: xxxxxxxxxx\n").repeated(500) << 64 << true << 1;
    QTest::addRow("endless comment line") << ok + ":" + QByteArray(5000, ' ') << 300 << true << 1;
    // Found by tests/fuzz/fuzz_sse: a complete line that arrived in one read skipped the bound, so an
    // "event:" or "id:" field grew without limit and the verdict depended on how reads were split.
    const QByteArray longEvent = ok + "event: " + QByteArray(5000, 'e') + "\ndata: x\n\n";
    QTest::addRow("long event field, one feed") << longEvent << 100000 << true << 1;
    QTest::addRow("long event field, small feeds") << longEvent << 7 << true << 1;
    QTest::addRow("long id field, one feed") << ok + "id: " + QByteArray(5000, '7') + "\ndata: x\n\n"
                                             << 100000 << true << 1;
    QTest::addRow("long comment line, one feed") << ok + ":" + QByteArray(5000, ' ') + "\n" << 100000 << true << 1;
    QTest::addRow("large but bounded events")
        << QByteArray("data: " + QByteArray(900, 'y') + "\n\n").repeated(50) << 333 << false << 50;
}

void TestSseDecoder::eventSizeIsBounded()
{
    QFETCH(QByteArray, stream);
    QFETCH(int, feedSize);
    QFETCH(bool, overflows);
    QFETCH(int, eventsBefore);
    SseDecoder decoder;
    decoder.setMaxEventBytes(1024);
    QList<SseEvent> events;
    for (qsizetype at = 0; at < stream.size(); at += feedSize)
        decoder.feed(QByteArrayView(stream).sliced(at, std::min<qsizetype>(feedSize, stream.size() - at)), events);
    QCOMPARE(decoder.overflowed(), overflows);
    QCOMPARE(events.size(), eventsBefore);
    if (overflows) {
        QCOMPARE(decoder.feed("data: after\n\n", events), 0); // stays stopped
        QVERIFY(!decoder.hasPartialEvent()); // and holds nothing
        decoder.reset();
        QVERIFY(!decoder.overflowed());
        QCOMPARE(decoder.maxEventBytes(), 1024); // the bound survives a reset
    }
}

QTEST_GUILESS_MAIN(TestSseDecoder)
#include "tst_ssedecoder.moc"
