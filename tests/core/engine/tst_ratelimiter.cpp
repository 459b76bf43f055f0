// The client-side caps on virtual time (issue 14, "Quotas and spend"): TokenBucket and RateLimiter
// are fed literal run times, with no clock and no network, and the times they allow are compared
// with the ones worked out by hand. Also the pre-run cost estimate (engine/costestimate.h).

#include "engine/costestimate.h"
#include "engine/ratelimiter.h"
#include "engine/tokenbucket.h"

#include <QTest>

#include <map>

using namespace stampede;
using engine::RateLimiter;
using engine::TokenBucket;

namespace {

constexpr std::int64_t msNs = 1000000;
constexpr std::int64_t sNs = 1000 * msNs;

scenario::RateLimits caps(std::optional<double> rpm, std::optional<double> tpm = std::nullopt)
{
    scenario::RateLimits limits;
    limits.rpm = rpm;
    limits.tpm = tpm;
    return limits;
}

scenario::ModelSpec pricedModel(const QString &name, model::Price price, int maxTokens = 150)
{
    scenario::ModelSpec spec;
    spec.model = name;
    spec.price = price;
    spec.maxTokens = maxTokens;
    return spec;
}

/// What a request runner does: the model's buckets first, then the overall ones from the time those
/// allowed (RateLimiter's two stages); returns when it may be sent.
std::int64_t twoStages(RateLimiter &limiter, int model, double tokens, std::int64_t nowNs)
{
    return limiter.reserve(RateLimiter::kOverall, tokens, limiter.reserve(model, tokens, nowNs));
}

/// Offers a request every `everyNs` for `spanNs` to `reserveAt` (which returns when it may be sent,
/// the offering waits like a closed queue: the next offer is not earlier than the previous send);
/// counts the sends in [0, spanNs].
template <typename Reserve> int sendsWithin(std::int64_t everyNs, std::int64_t spanNs, Reserve reserveAt)
{
    int sent = 0;
    for (std::int64_t offered = 0; offered <= spanNs; offered += everyNs) {
        if (reserveAt(offered) <= spanNs)
            ++sent;
    }
    return sent;
}

} // namespace

class TestRateLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rpmHoldsOverAMinute_data()
    {
        QTest::addColumn<double>("rpm");
        QTest::addColumn<std::int64_t>("offerEveryNs");
        QTest::addRow("600 rpm offered 100/s") << 600.0 << std::int64_t(10 * msNs);
        QTest::addRow("600 rpm offered 11/s") << 600.0 << std::int64_t(90 * msNs);
        QTest::addRow("6000 rpm offered 1000/s") << 6000.0 << std::int64_t(1 * msNs);
        QTest::addRow("120 rpm offered 10/s") << 120.0 << std::int64_t(100 * msNs);
        QTest::addRow("90 rpm offered 10/s (rpm + 1 is 1.1 percent)") << 90.0 << std::int64_t(100 * msNs);
    }

    void rpmHoldsOverAMinute()
    {
        QFETCH(double, rpm);
        QFETCH(std::int64_t, offerEveryNs);
        TokenBucket bucket(rpm, 1.0);
        std::int64_t previous = -1;
        bool spaced = true;
        const int sent = sendsWithin(offerEveryNs, 60 * sNs, [&](std::int64_t now) {
            const std::int64_t at = bucket.reserve(1.0, now);
            spaced = spaced && (previous < 0 || at - previous >= std::int64_t(60e9 / rpm) - 1);
            previous = at;
            return at;
        });
        // The bucket starts with one request: a minute holds rpm + 1 (within 1 % from 100 rpm up).
        QCOMPARE(sent, int(rpm) + 1);
        if (rpm >= 100)
            QVERIFY2(std::abs(sent - rpm) <= rpm * 0.01, qPrintable(QString::number(sent)));
        QVERIFY(spaced); // over-offered, each request one refill interval after the previous one
    }

    void burstIsOneSecondsWorth()
    {
        TokenBucket bucket(600, 1.0); // 10 a second
        QCOMPARE(bucket.capacity(), 10.0);
        QCOMPARE(bucket.level(0), 1.0);
        // Idle for 5 s: it fills to one second's worth, not five.
        QCOMPARE(bucket.level(5 * sNs), 10.0);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(bucket.reserve(1.0, 5 * sNs), 5 * sNs);
        QCOMPARE(bucket.reserve(1.0, 5 * sNs), 5 * sNs + 100 * msNs);
        QCOMPARE(TokenBucket(30, 1.0).capacity(), 1.0); // below 60 rpm, a burst of one request
    }

    void tpmReservesAndCorrects()
    {
        TokenBucket tpm(6000, 1.0); // 100 tokens a second, 10 ms a token, capacity 100
        // 50 tokens reserved at 0: the bucket holds 1, so the request waits for 49 more (490 ms).
        QCOMPARE(tpm.reserve(50, 0), 490 * msNs);
        // The answer used 20 (usage): 30 come back, so the next 50 fit 300 ms earlier.
        tpm.correct(50 - 20);
        QCOMPARE(tpm.level(490 * msNs), 30.0); // 1 + 49 refilled - 50 taken + 30 given back
        QCOMPARE(tpm.reserve(50, 490 * msNs), 690 * msNs);
        // Used more than reserved (80 of 50): the next request waits for those 30 too. At 690 ms the
        // bucket holds 0 - 30 = -30; 10 tokens need 40 more: 400 ms.
        tpm.correct(50 - 80);
        QCOMPARE(tpm.reserve(10, 690 * msNs), 1090 * msNs);
    }

    void tpmHoldsWithCorrections()
    {
        // 60,000 tokens a minute; each request reserves 300 (prompt estimate + max_tokens) and uses
        // 120. Over a minute the tokens used stay within the cap (+ the one-token start), and the
        // corrections let far more requests through than the reservations alone would.
        TokenBucket tpm(60000, 1.0);
        double used = 0;
        int sent = 0;
        for (std::int64_t now = 0; now <= 60 * sNs; now += 10 * msNs) {
            const std::int64_t at = tpm.reserve(300, now);
            tpm.correct(300 - 120);
            if (at <= 60 * sNs) {
                used += 120;
                ++sent;
            }
        }
        QVERIFY2(used <= 60000 * 1.01, qPrintable(QString::number(used)));
        QVERIFY2(used >= 60000 * 0.99 - 300, qPrintable(QString::number(used)));
        QVERIFY2(sent > 60000 / 300 * 2, qPrintable(QString::number(sent)));
    }

    void aRequestLargerThanTheBucketWaitsForItFull()
    {
        TokenBucket tpm(600, 1.0); // 10 tokens a second, capacity 10
        QCOMPARE(tpm.reserve(50, 0), 900 * msNs); // waits until full (9 more tokens), then goes into debt
        QCOMPARE(tpm.level(900 * msNs), -40.0);
        QCOMPARE(tpm.reserve(1, 900 * msNs), 5 * sNs); // the debt is repaid at the refill rate first
    }

    void modelAndOverallCapsBothApply()
    {
        // Overall 120 rpm (2/s), model 0 its own 60 rpm (1/s), model 1 none of its own.
        RateLimiter limiter(caps(120), { caps(60), caps(std::nullopt) });
        QVERIFY(limiter.applies(0) && limiter.applies(1));
        QCOMPARE(twoStages(limiter, 0, 0, 0), 0);
        QCOMPARE(twoStages(limiter, 0, 0, 0), 1 * sNs); // model 0's own cap
        QCOMPARE(twoStages(limiter, 1, 0, 0), 1 * sNs); // the overall cap: model 0 took two
        QCOMPARE(twoStages(limiter, 1, 0, 0), 1500 * msNs);
    }

    void aCappedModelDoesNotHoldTheOthersBack()
    {
        // Overall 600 rpm; model 0 also its own 60 rpm; both offered 10/s for a minute. Events run
        // in time order, as on the run clock: a request takes from the overall buckets only once
        // its model's allow it, so model 0's backlog does not block model 1.
        RateLimiter limiter(caps(600), { caps(60), caps(std::nullopt) });
        std::multimap<std::int64_t, std::pair<int, int>> events; // time -> (model, stage)
        for (std::int64_t t = 0; t <= 60 * sNs; t += 100 * msNs)
            for (int model : { 0, 1 })
                events.insert({ t, { model, 0 } });
        int sent[2] = { 0, 0 };
        while (!events.empty() && events.begin()->first <= 60 * sNs) {
            const auto [now, what] = *events.begin();
            events.erase(events.begin());
            const auto [model, stage] = what;
            if (stage == 2) {
                ++sent[model];
                continue;
            }
            const std::int64_t at = limiter.reserve(stage == 0 ? model : RateLimiter::kOverall, 0, now);
            events.insert({ at, { model, stage + 1 } });
        }
        // Model 0: at most its own cap (60 a minute + the first), and its share of the overall queue
        // (1 of the 11 ready each second), ~55.
        QVERIFY2(sent[0] <= 61 && sent[0] >= 50, qPrintable(QString::number(sent[0])));
        QVERIFY2(sent[0] + sent[1] >= 595 && sent[0] + sent[1] <= 601, qPrintable(QString::number(sent[1])));
    }

    void onlyAModelCap()
    {
        RateLimiter limiter(caps(std::nullopt), { caps(std::nullopt), caps(std::nullopt, 6000) });
        QVERIFY(!limiter.applies(0));
        QVERIFY(limiter.applies(1));
        QCOMPARE(twoStages(limiter, 1, 50, 0), 490 * msNs);
        limiter.correct(1, 50, 20);
        QCOMPARE(twoStages(limiter, 1, 50, 490 * msNs), 690 * msNs);
    }

    void costEstimateOpenModel()
    {
        scenario::Scenario s;
        s.load.executor = scenario::ExecutorKind::ConstantArrivalRate;
        s.load.rate = 10;
        s.load.timeUnitMs = 1000;
        s.load.durationMs = 60000;
        s.prompts.system.clear();
        s.prompts.user = { QStringLiteral("abcdefgh") }; // 2 tokens
        scenario::ModelSpec b = pricedModel(QStringLiteral("b"), { 0.0, 0.0 }, 100);
        b.weight = 3;
        s.models = { pricedModel(QStringLiteral("a"), { 2.0, 8.0 }, 100), b };
        const engine::CostEstimate e = engine::estimateCost(s);
        QCOMPARE(qRound64(e.requests), 600);
        QCOMPARE(e.promptTokens, 2.0);
        // a: (2 x 2 + 100 x 8) / 1e6 = $0.000804 a request, a quarter of the requests; b is free.
        QVERIFY(qFuzzyCompare(e.usdPerRequest, 0.000804 / 4));
        QVERIFY(qFuzzyCompare(e.usd, 600 * 0.000804 / 4));
        QVERIFY2(e.text().startsWith(QStringLiteral("~$0.1206 (600 requests")), qPrintable(e.text()));

        s.limits.rpm = 300; // 301 requests in the minute at most
        const engine::CostEstimate capped = engine::estimateCost(s);
        QCOMPARE(qRound64(capped.requests), 301);
        QVERIFY(capped.text().contains(QStringLiteral("limits.rpm")));
    }

    void costEstimateClosedModelStatesItsAssumption()
    {
        scenario::Scenario s;
        s.load.executor = scenario::ExecutorKind::ConstantVus;
        s.load.vus = 5;
        s.load.durationMs = 60000;
        s.load.thinkTimeMinMs = 500;
        s.load.thinkTimeMaxMs = 1500;
        s.models = { pricedModel(QStringLiteral("a"), { 1.0, 1.0 }) };
        s.prompts.user = { QStringLiteral("hi") };
        const engine::CostEstimate e = engine::estimateCost(s);
        QCOMPARE(e.assumedIterationS, 2.0); // 1 s latency + 1 s mean think time
        QCOMPARE(qRound64(e.requests), 150); // 300 VU-seconds / 2 s
        QVERIFY2(e.text().contains(QStringLiteral("closed model: assumes each VU finishes an iteration every 2 s")),
            qPrintable(e.text()));
    }

    void costEstimateOfConversations()
    {
        // Turn k sends k prompts and k - 1 replies: over 5 turns, 3 prompts and 2 replies a request on average.
        scenario::Scenario s;
        s.load.executor = scenario::ExecutorKind::ConstantVus;
        s.models = { pricedModel(QStringLiteral("a"), { 1.0, 1.0 }, 100) };
        s.prompts.system = QString(40, QLatin1Char('s')); // 10 tokens
        s.prompts.user = { QString(80, QLatin1Char('u')) }; // 20 tokens
        QCOMPARE(engine::estimateCost(s).promptTokens, 30.0);
        s.conversation = scenario::Conversation { 5, std::nullopt };
        QCOMPARE(engine::estimateCost(s).promptTokens, 10.0 + 3 * 20 + 2 * 100);
        s.conversation->maxContextTokens = 150; // a budget caps every turn's context
        QCOMPARE(engine::estimateCost(s).promptTokens, 150.0);
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
