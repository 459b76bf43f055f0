// Integrity checks (issue 14; docs/metrics.md, "Integrity checks"): the substitution rule, the fake
// streaming and usage bounds on both sides of their constants, empty 200s, the finish_reason
// distribution, the per-group counts through the Aggregator, and the thresholds on them.

#include "metrics/aggregator.h"
#include "metrics/integrity.h"
#include "model/threshold.h"

#include <QTest>

using namespace stampede::metrics;
using namespace Qt::StringLiterals;

namespace {

constexpr std::int64_t msNs = 1'000'000;

/// A streamed success of `model`: `textTokens` counted from the text, `usageTokens` reported,
/// first and last content chunk `spreadNs` apart.
RequestOutcome answer(int model, std::int64_t textTokens, std::int64_t usageTokens, std::int64_t spreadNs)
{
    RequestOutcome o;
    o.modelIndex = model;
    o.scheduledNs = o.dispatchedNs = o.sentNs = 10 * msNs;
    o.firstByteNs = 20 * msNs;
    o.firstTokenNs = 30 * msNs;
    o.lastTokenNs = o.firstTokenNs + spreadNs;
    o.endNs = o.lastTokenNs + msNs;
    o.httpStatus = 200;
    o.streamed = true;
    o.finishReason = FinishReason::Stop;
    o.completionTokens = usageTokens;
    o.completionTextTokens = textTokens;
    return o;
}

RequestOutcome fine(int model = 0)
{
    return answer(model, 100, 100, 500 * msNs);
}

} // namespace

class TestIntegrity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameModel_data();
    void sameModel();
    void substitutionOnlyOnSuccesses();
    void fakeStreaming_data();
    void fakeStreaming();
    void usageMismatch_data();
    void usageMismatch();
    void empty200();
    void namesAreStable();
    void aggregatorCountsPerGroup();
    void thresholdsOnTheCounts();
    void warningsSayWhatFired();
};

void TestIntegrity::sameModel_data()
{
    QTest::addColumn<QString>("requested");
    QTest::addColumn<QString>("returned");
    QTest::addColumn<bool>("same");
    QTest::addRow("identical") << u"gpt-4.1"_s << u"gpt-4.1"_s << true;
    QTest::addRow("case") << u"GPT-4.1"_s << u"gpt-4.1"_s << true;
    QTest::addRow("nothing returned") << u"gpt-4.1"_s << u""_s << true;
    QTest::addRow("dated snapshot") << u"gpt-4.1"_s << u"gpt-4.1-2025-04-14"_s << true;
    QTest::addRow("compact date") << u"claude-3-5-sonnet"_s << u"claude-3-5-sonnet-20241022"_s << true;
    QTest::addRow("MMDD snapshot") << u"gpt-4"_s << u"gpt-4-0613"_s << true;
    QTest::addRow("vertex @date") << u"claude-3-5-sonnet"_s << u"claude-3-5-sonnet@20240620"_s << true;
    QTest::addRow("provider dropped") << u"openai/gpt-4.1"_s << u"gpt-4.1"_s << true;
    QTest::addRow("provider added, dated") << u"gpt-4.1"_s << u"openai/gpt-4.1-2025-04-14"_s << true;
    QTest::addRow("other provider") << u"azure/gpt-4.1"_s << u"openai/gpt-4.1"_s << false;
    QTest::addRow("smaller sibling") << u"gpt-4o"_s << u"gpt-4o-mini"_s << false;
    QTest::addRow("sibling, dated") << u"gpt-4o"_s << u"gpt-4o-mini-2024-07-18"_s << false;
    QTest::addRow("other model") << u"gpt-4.1"_s << u"gpt-4o-mini"_s << false;
    QTest::addRow("not a date") << u"gpt-4.1"_s << u"gpt-4.1-preview"_s << false;
    QTest::addRow("bad date shape") << u"gpt-4.1"_s << u"gpt-4.1-2025-4-14"_s << false;
    QTest::addRow("five digits") << u"gpt-4"_s << u"gpt-4-06130"_s << false;
    QTest::addRow("prefix of a name") << u"gpt-4"_s << u"gpt-4.1"_s << false;
    QTest::addRow("date before the name") << u"gpt-4.1-2025-04-14"_s << u"gpt-4.1"_s << false;
}

void TestIntegrity::sameModel()
{
    QFETCH(QString, requested);
    QFETCH(QString, returned);
    QFETCH(bool, same);
    QCOMPARE(stampede::metrics::sameModel(requested, returned), same);
}

void TestIntegrity::substitutionOnlyOnSuccesses()
{
    RequestOutcome o = fine();
    o.modelReturned = QStringLiteral("gpt-4o-mini");
    QVERIFY(isSubstituted(o, QStringLiteral("gpt-4.1")));
    QVERIFY(!isSubstituted(o, QStringLiteral("gpt-4o-mini")));
    o.errorClass = ErrorClass::StreamCut;
    QVERIFY(!isSubstituted(o, QStringLiteral("gpt-4.1")));
}

void TestIntegrity::fakeStreaming_data()
{
    QTest::addColumn<std::int64_t>("tokens");
    QTest::addColumn<std::int64_t>("spreadNs");
    QTest::addColumn<bool>("streamed");
    QTest::addColumn<bool>("fake");
    const std::int64_t bound = kFakeStreamMaxSpreadNs;
    const std::int64_t min = kFakeStreamMinTokens;
    QTest::addRow("all at once") << min << std::int64_t(0) << true << true;
    QTest::addRow("just under the bound") << min << bound - 1 << true << true;
    QTest::addRow("at the bound") << min << bound << true << false;
    QTest::addRow("too few tokens") << min - 1 << std::int64_t(0) << true << false;
    QTest::addRow("paced") << std::int64_t(500) << 2000 * msNs << true << false;
    QTest::addRow("not a stream") << std::int64_t(500) << std::int64_t(0) << false << false;
}

void TestIntegrity::fakeStreaming()
{
    QFETCH(std::int64_t, tokens);
    QFETCH(std::int64_t, spreadNs);
    QFETCH(bool, streamed);
    QFETCH(bool, fake);
    // Counted from the text: inflated usage does not make a short answer look large.
    RequestOutcome o = answer(0, tokens, tokens * 10, spreadNs);
    o.streamed = streamed;
    QCOMPARE(isFakeStreaming(o), fake);
    // Without usage the estimate is the completion_tokens figure itself.
    o.tokensEstimated = true;
    o.completionTokens = tokens;
    o.completionTextTokens = -1;
    QCOMPARE(isFakeStreaming(o), fake);
    o.errorClass = ErrorClass::Timeout;
    QVERIFY(!isFakeStreaming(o));
}

void TestIntegrity::usageMismatch_data()
{
    QTest::addColumn<std::int64_t>("text");
    QTest::addColumn<std::int64_t>("usage");
    QTest::addColumn<bool>("mismatch");
    QTest::addRow("agree") << std::int64_t(100) << std::int64_t(100) << false;
    QTest::addRow("estimate 1.3x over (the sim's words)") << std::int64_t(130) << std::int64_t(100) << false;
    QTest::addRow("exactly the factor") << std::int64_t(100) << std::int64_t(200) << false;
    QTest::addRow("inflated past the factor") << std::int64_t(100) << std::int64_t(201) << true;
    QTest::addRow("deflated past the factor") << std::int64_t(100) << std::int64_t(49) << true;
    QTest::addRow("usage for no text") << std::int64_t(0) << std::int64_t(kUsageMismatchMinTokens) << true;
    QTest::addRow("small counts") << std::int64_t(2) << std::int64_t(kUsageMismatchMinTokens - 1) << false;
}

void TestIntegrity::usageMismatch()
{
    QFETCH(std::int64_t, text);
    QFETCH(std::int64_t, usage);
    QFETCH(bool, mismatch);
    RequestOutcome o = answer(0, text, usage, 500 * msNs);
    QCOMPARE(isUsageMismatch(o), mismatch);
    // Only where usage was reported, on successes, and not for tool calls (arguments are not counted).
    RequestOutcome estimated = o;
    estimated.tokensEstimated = true;
    QVERIFY(!isUsageMismatch(estimated));
    RequestOutcome noCount = o;
    noCount.completionTextTokens = -1;
    QVERIFY(!isUsageMismatch(noCount));
    RequestOutcome tools = o;
    tools.finishReason = FinishReason::ToolCalls;
    QVERIFY(!isUsageMismatch(tools));
    RequestOutcome failed = o;
    failed.errorClass = ErrorClass::StreamCut;
    QVERIFY(!isUsageMismatch(failed));
}

void TestIntegrity::empty200()
{
    RequestOutcome o = fine();
    QVERIFY(!isEmpty200(o));
    o.firstTokenNs = o.lastTokenNs = -1; // no content, reasoning or tool-call delta at all
    o.completionTokens = 0;
    QVERIFY(isEmpty200(o));
    o.httpStatus = 201;
    QVERIFY(!isEmpty200(o));
    o.httpStatus = 500;
    o.errorClass = ErrorClass::Http;
    QVERIFY(!isEmpty200(o));
}

void TestIntegrity::namesAreStable()
{
    QCOMPARE(QString(integrityCheckName(IntegrityCheck::Substituted)), u"substituted"_s);
    QCOMPARE(QString(integrityCheckName(IntegrityCheck::FakeStreaming)), u"fake_streaming"_s);
    QCOMPARE(QString(integrityCheckName(IntegrityCheck::UsageMismatch)), u"usage_mismatch"_s);
    QCOMPARE(QString(integrityCheckName(IntegrityCheck::Empty200)), u"empty_200"_s);
    for (IntegrityCheck check : allIntegrityChecks) {
        QCOMPARE(QString(integrityMetricName(check)), QString(u"integrity_"_s + integrityCheckName(check)));
        QVERIFY(integrityCheckFromMetric(QString(integrityMetricName(check))) == check);
        QVERIFY(stampede::model::thresholdMetrics().contains(QString(integrityMetricName(check))));
    }
    QVERIFY(!integrityCheckFromMetric(u"ttft"));
    QCOMPARE(finishReasonKey(FinishReason::None), QStringLiteral("none"));
    QCOMPARE(finishReasonKey(FinishReason::ContentFilter), QStringLiteral("content_filter"));
}

void TestIntegrity::aggregatorCountsPerGroup()
{
    AggregatorConfig config;
    config.models = { QStringLiteral("gpt-4.1"), QStringLiteral("b") };
    config.prices = { {}, {} };
    Aggregator agg(config);
    for (int i = 0; i < 3; ++i) { // model 0: answered by another model
        RequestOutcome o = fine(0);
        o.modelReturned = QStringLiteral("gpt-4o-mini");
        agg.add(o);
    }
    RequestOutcome snapshot = fine(0);
    snapshot.modelReturned = QStringLiteral("gpt-4.1-2025-04-14");
    agg.add(snapshot);
    agg.add(answer(1, 64, 64, msNs)); // b: one burst
    agg.add(answer(1, 50, 500, 500 * msNs)); // b: inflated usage
    RequestOutcome empty = fine(1);
    empty.firstTokenNs = empty.lastTokenNs = -1;
    empty.completionTokens = empty.completionTextTokens = 0;
    agg.add(empty);
    RequestOutcome length = fine(1);
    length.finishReason = FinishReason::Length;
    agg.add(length);
    RequestOutcome failed = fine(1);
    failed.errorClass = ErrorClass::Timeout;
    failed.finishReason = FinishReason::None;
    failed.modelReturned = QStringLiteral("other");
    agg.add(failed); // failures are not judged

    const RunSummary s = agg.finish(2'000 * msNs);
    const IntegrityCounts &a = s.models[0].integrity;
    QCOMPARE(a.count(IntegrityCheck::Substituted), 3);
    QCOMPARE(a.substitutedModels, (QMap<QString, std::int64_t> { { QStringLiteral("gpt-4o-mini"), 3 } }));
    QCOMPARE(a.count(IntegrityCheck::FakeStreaming), 0);
    QCOMPARE(a.finishReasons, (QMap<QString, std::int64_t> { { QStringLiteral("stop"), 4 } }));
    const IntegrityCounts &b = s.models[1].integrity;
    QCOMPARE(b.count(IntegrityCheck::Substituted), 0);
    QCOMPARE(b.count(IntegrityCheck::FakeStreaming), 1);
    QCOMPARE(b.count(IntegrityCheck::UsageMismatch), 1);
    QCOMPARE(b.count(IntegrityCheck::Empty200), 1);
    QCOMPARE(b.finishReasons,
        (QMap<QString, std::int64_t> { { QStringLiteral("stop"), 3 }, { QStringLiteral("length"), 1 } }));
    const IntegrityCounts &all = s.overall.integrity;
    QCOMPARE(all.count(IntegrityCheck::Substituted), 3);
    QCOMPARE(all.count(IntegrityCheck::FakeStreaming), 1);
    QCOMPARE(all.count(IntegrityCheck::UsageMismatch), 1);
    QCOMPARE(all.count(IntegrityCheck::Empty200), 1);
    QCOMPARE(all.finishReasons.value(QStringLiteral("stop")), 7);
    QVERIFY(all.any());
    QVERIFY(!IntegrityCounts {}.any());
}

void TestIntegrity::thresholdsOnTheCounts()
{
    AggregatorConfig config;
    config.models = { QStringLiteral("a"), QStringLiteral("b") };
    config.prices = { {}, {} };
    config.thresholds
        = { { u"integrity_substituted{model:a}"_s, u"count==0"_s }, { u"integrity_substituted"_s, u"count<2"_s },
              { u"integrity_empty_200{model:b}"_s, u"count==0"_s }, { u"integrity_fake_streaming"_s, u"rate<1"_s } };
    Aggregator agg(config);
    for (int i = 0; i < 2; ++i) {
        RequestOutcome o = fine(1);
        o.modelReturned = QStringLiteral("z");
        agg.add(o);
    }
    agg.add(fine(0));
    const RunSummary s = agg.finish(2'000 * msNs);
    QCOMPARE(s.thresholds.size(), 4);
    QVERIFY(s.thresholds[0].evaluated && s.thresholds[0].passed); // a: none substituted
    QVERIFY(s.thresholds[1].evaluated && !s.thresholds[1].passed); // all: 2
    QCOMPARE(s.thresholds[1].value, 2.0);
    QVERIFY(s.thresholds[2].evaluated && s.thresholds[2].passed);
    QVERIFY(s.thresholds[3].evaluated && s.thresholds[3].passed); // counters' rate: per second
    QCOMPARE(s.thresholds[3].value, 0.0);
    QString error;
    QVERIFY(stampede::model::parseThreshold(u"integrity_usage_mismatch"_s, u"count==0"_s, &error));
    QVERIFY(!stampede::model::parseThreshold(u"integrity_usage_mismatch"_s, u"p(95)<1"_s, &error));
    QVERIFY2(error.contains(u"count or rate"_s), qPrintable(error));
}

void TestIntegrity::warningsSayWhatFired()
{
    IntegrityCounts c;
    QVERIFY(integrityWarnings(c, u"m"_s, 10).isEmpty());
    c.count(IntegrityCheck::Substituted) = 10;
    c.substitutedModels.insert(u"gpt-4o-mini"_s, 10);
    c.count(IntegrityCheck::Empty200) = 2;
    const QStringList lines = integrityWarnings(c, u"gpt-4.1"_s, 10);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].contains(u"gpt-4.1: model substituted in 10 of 10 answers (gpt-4.1 -> gpt-4o-mini 10)"_s),
        qPrintable(lines[0]));
    QVERIFY2(lines[1].contains(u"empty completion in 2 of 10"_s), qPrintable(lines[1]));
}

QTEST_GUILESS_MAIN(TestIntegrity)
#include "tst_integrity.moc"
