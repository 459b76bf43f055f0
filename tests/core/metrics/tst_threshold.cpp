// k6-style thresholds: expression and metric-key parsing (valid and invalid, with their messages),
// aggregation rules per metric kind, and evaluation on group statistics.

#include "metrics/metricnames.h"
#include "metrics/threshold.h"

#include <QTest>

using namespace stampede::metrics;

Q_DECLARE_METATYPE(stampede::metrics::Comparison)

namespace {

/// A group with known values: 10 requests, 2 failures, latency 100..1000 ms (successes).
GroupStats sampleGroup()
{
    GroupStats g;
    g.model = QStringLiteral("all");
    g.requests = 10;
    g.successes = 8;
    g.failures = 2;
    g.attempts = 12;
    g.promptTokens = 5000;
    g.completionTokens = 2000;
    g.costUsd = 0.056;
    auto latency = QSharedPointer<Histogram>::create();
    for (std::uint64_t ms = 100; ms <= 1000; ms += 100)
        latency->record(ms * 1000);
    g.latency = LatencyStats::fromSharedHistogram(latency);
    auto speed = QSharedPointer<Histogram>::create();
    speed->record(50'000); // 50 tokens/s in milli-tokens/s
    g.outputSpeed = LatencyStats::fromSharedHistogram(speed);
    return g;
}

} // namespace

class TestThreshold : public QObject
{
    Q_OBJECT

private slots:
    void parseExpression_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("aggregation");
        QTest::addColumn<Comparison>("op");
        QTest::addColumn<double>("bound");
        QTest::addColumn<QString>("error");
        auto valid = [](const char* name, const char* text, const char* agg, Comparison op, double bound) {
            QTest::addRow("%s", name) << QString::fromUtf8(text) << QString::fromUtf8(agg) << op << bound << QString();
        };
        auto invalid = [](const char* name, const char* text, const char* error) {
            QTest::addRow("%s", name) << QString::fromUtf8(text) << QString() << Comparison::Less << 0.0
                                      << QString::fromUtf8(error);
        };
        valid("p95", "p(95)<2000", "p(95)", Comparison::Less, 2000);
        valid("spaces", "  p(95) <  2000 ", "p(95)", Comparison::Less, 2000);
        valid("decimal percentile", "p(99.9)<=5000", "p(99.9)", Comparison::LessEq, 5000);
        valid("percentile normalised", "p( 95.0 )>1", "p(95)", Comparison::Greater, 1);
        valid("p0", "p(0)>=0", "p(0)", Comparison::GreaterEq, 0);
        valid("p100", "p(100)<1e4", "p(100)", Comparison::Less, 10000);
        valid("avg", "avg<=300", "avg", Comparison::LessEq, 300);
        valid("min", "min>10", "min", Comparison::Greater, 10);
        valid("max", "max<5000", "max", Comparison::Less, 5000);
        valid("med", "med<100", "med", Comparison::Less, 100);
        valid("rate", "rate<0.05", "rate", Comparison::Less, 0.05);
        valid("count", "count>=100", "count", Comparison::GreaterEq, 100);
        valid("equal", "count==0", "count", Comparison::Equal, 0);
        valid("not equal", "count!=3", "count", Comparison::NotEqual, 3);
        valid("negative bound", "min>-1.5", "min", Comparison::Greater, -1.5);
        invalid("empty", "   ", "empty threshold expression");
        invalid("no operator", "p(95) 2000",
            "no comparison in \"p(95) 2000\"; expected e.g. p(95)<2000 with <, <=, >, >=, == or !=");
        invalid("single equals", "avg=3", "invalid comparison in \"avg=3\"; use <, <=, >, >=, == or !=");
        invalid("triple", "avg<==3", "invalid comparison in \"avg<==3\"; use <, <=, >, >=, == or !=");
        invalid("bang", "avg!3", "invalid comparison in \"avg!3\"; use <, <=, >, >=, == or !=");
        invalid("percentile too big", "p(150)<2000", "p(150) is not a percentile: use p(0..100)");
        invalid("percentile negative", "p(-1)<2000", "p(-1) is not a percentile: use p(0..100)");
        invalid("percentile not a number", "p(abc)<2000", "p(abc) is not a percentile: use p(0..100)");
        invalid("unknown aggregation", "p95<2000",
            "unknown aggregation \"p95\"; use avg, min, max, med, p(N), rate or count");
        invalid("missing aggregation", "<2000", "missing aggregation before the comparison");
        invalid("missing bound", "avg< ", "missing bound after < in \"avg<\"");
        invalid("bound with unit", "p(95)<2s", "\"2s\" is not a number (in \"p(95)<2s\")");
        invalid("bound infinite", "avg<inf", "\"inf\" is not a number (in \"avg<inf\")");
    }

    void parseExpression()
    {
        QFETCH(QString, text);
        QFETCH(QString, aggregation);
        QFETCH(Comparison, op);
        QFETCH(double, bound);
        QFETCH(QString, error);
        QString message;
        const auto expr = parseThresholdExpression(text, &message);
        QCOMPARE(message, error);
        QCOMPARE(expr.has_value(), error.isEmpty());
        if (!expr)
            return;
        QCOMPARE(expr->aggregation, aggregation);
        QCOMPARE(expr->op, op);
        QCOMPARE(expr->bound, bound);
    }

    void comparisons()
    {
        const auto check = [](const char* text, double value) {
            return parseThresholdExpression(QString::fromUtf8(text))->test(value);
        };
        QVERIFY(check("avg<10", 9.99) && !check("avg<10", 10));
        QVERIFY(check("avg<=10", 10) && !check("avg<=10", 10.01));
        QVERIFY(check("avg>10", 10.01) && !check("avg>10", 10));
        QVERIFY(check("avg>=10", 10) && !check("avg>=10", 9.99));
        QVERIFY(check("avg==10", 10) && !check("avg==10", 10.5));
        QVERIFY(check("avg!=10", 10.5) && !check("avg!=10", 10));
    }

    void parseMetricKey_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("metric");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("error");
        QTest::addRow("plain") << QStringLiteral("http_req_duration") << QStringLiteral("http_req_duration")
                               << QString() << QString();
        QTest::addRow("model filter") << QStringLiteral("ttft{model:gpt-4.1}") << QStringLiteral("ttft")
                                      << QStringLiteral("gpt-4.1") << QString();
        QTest::addRow("model with colon") << QStringLiteral("ttft{ model : org:llama-3 }") << QStringLiteral("ttft")
                                          << QStringLiteral("org:llama-3") << QString();
        QTest::addRow("cost per model") << QStringLiteral("cost_usd{model:m}") << QStringLiteral("cost_usd")
                                        << QStringLiteral("m") << QString();
        QTest::addRow("unknown metric")
            << QStringLiteral("latency") << QString() << QString()
            << QStringLiteral("unknown metric \"latency\"; known: http_req_duration, http_req_duration_all, "
                              "scheduled_duration, client_queue, ttfb, ttft, tpot, itl, output_tokens_per_s, "
                              "http_req_failed, checks, http_reqs, iterations, dropped_iterations, "
                              "completion_tokens, prompt_tokens, cost_usd");
        QTest::addRow("other tag") << QStringLiteral("ttft{region:eu}") << QString() << QString()
                                   << QStringLiteral("unknown tag \"region\" in \"ttft{region:eu}\"; only "
                                                     "{model:NAME} is supported");
        QTest::addRow("no colon") << QStringLiteral("ttft{model}") << QString() << QString()
                                  << QStringLiteral("malformed tag filter in \"ttft{model}\"; expected "
                                                    "ttft{model:NAME}");
        QTest::addRow("unclosed") << QStringLiteral("ttft{model:a") << QString() << QString()
                                  << QStringLiteral("malformed tag filter in \"ttft{model:a\"; expected "
                                                    "ttft{model:NAME}");
        QTest::addRow("empty model") << QStringLiteral("ttft{model: }") << QString() << QString()
                                     << QStringLiteral("empty model name in \"ttft{model: }\"");
        QTest::addRow("run-wide metric") << QStringLiteral("dropped_iterations{model:a}") << QString() << QString()
                                         << QStringLiteral("dropped_iterations is counted for the whole run; "
                                                           "remove {model:a}");
    }

    void parseMetricKey()
    {
        QFETCH(QString, text);
        QFETCH(QString, metric);
        QFETCH(QString, model);
        QFETCH(QString, error);
        QString message;
        const auto key = stampede::metrics::parseMetricKey(text, &message);
        QCOMPARE(message, error);
        QCOMPARE(key.has_value(), error.isEmpty());
        if (key) {
            QCOMPARE(key->metric, metric);
            QCOMPARE(key->model, model);
        }
    }

    void aggregationRules_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("error");
        QTest::addRow("trend p95") << QStringLiteral("ttft") << QStringLiteral("p(95)<800") << QString();
        QTest::addRow("trend med") << QStringLiteral("tpot{model:m}") << QStringLiteral("med<50") << QString();
        QTest::addRow("trend rate") << QStringLiteral("ttft") << QStringLiteral("rate<1")
                                    << QStringLiteral(
                                           "rate is not an aggregation of ttft; use avg, min, max, med or p(N)");
        QTest::addRow("trend count")
            << QStringLiteral("output_tokens_per_s") << QStringLiteral("count>1")
            << QStringLiteral("count is not an aggregation of output_tokens_per_s; use avg, min, max, med or p(N)");
        QTest::addRow("rate metric") << QStringLiteral("http_req_failed") << QStringLiteral("rate<0.01") << QString();
        QTest::addRow("rate avg") << QStringLiteral("checks") << QStringLiteral("avg>0.9")
                                  << QStringLiteral("avg is not an aggregation of checks; use rate");
        QTest::addRow("counter count") << QStringLiteral("http_reqs") << QStringLiteral("count>=100") << QString();
        QTest::addRow("counter rate") << QStringLiteral("iterations") << QStringLiteral("rate>5") << QString();
        QTest::addRow("counter p95") << QStringLiteral("prompt_tokens") << QStringLiteral("p(95)<1")
                                     << QStringLiteral("p(95) is not an aggregation of prompt_tokens; use count or "
                                                       "rate");
        QTest::addRow("cost count") << QStringLiteral("cost_usd") << QStringLiteral("count<5") << QString();
        QTest::addRow("cost rate") << QStringLiteral("cost_usd") << QStringLiteral("rate<5")
                                   << QStringLiteral("rate is not an aggregation of cost_usd; use count");
        QTest::addRow("key error first") << QStringLiteral("latency") << QStringLiteral("avg<1")
                                         << QStringLiteral("unknown metric \"latency\"; known: ")
                + thresholdMetrics().join(QStringLiteral(", "));
        QTest::addRow("expression error") << QStringLiteral("ttft") << QStringLiteral("p(101)<1")
                                          << QStringLiteral("p(101) is not a percentile: use p(0..100)");
    }

    void aggregationRules()
    {
        QFETCH(QString, metric);
        QFETCH(QString, expression);
        QFETCH(QString, error);
        QString message;
        const auto parsed = parseThreshold(metric, expression, &message);
        QCOMPARE(message, error);
        QCOMPARE(parsed.has_value(), error.isEmpty());
        if (parsed)
            QVERIFY(aggregationAllowed(parsed->key.metric, parsed->expr.aggregation));
    }

    void metricList()
    {
        const QStringList metrics = thresholdMetrics();
        QCOMPARE(metrics.size(), 17);
        for (QLatin1StringView name : { names::httpReqDuration, names::ttft, names::tpot, names::httpReqFailed,
                 names::droppedIterations, names::checks, names::costUsd })
            QVERIFY(metrics.contains(name));
    }

    void evaluate_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::addColumn<QString>("aggregation");
        QTest::addColumn<bool>("hasValue");
        QTest::addColumn<double>("value");
        QTest::addRow("latency avg") << QStringLiteral("http_req_duration") << QStringLiteral("avg") << true << 550.0;
        QTest::addRow("latency max") << QStringLiteral("http_req_duration") << QStringLiteral("max") << true << 1000.0;
        QTest::addRow("latency p(90)") << QStringLiteral("http_req_duration") << QStringLiteral("p(90)") << true
                                       << 900.0;
        QTest::addRow("latency p(99.9)") << QStringLiteral("http_req_duration") << QStringLiteral("p(99.9)") << true
                                         << 1000.0;
        QTest::addRow("speed tokens/s") << QStringLiteral("output_tokens_per_s") << QStringLiteral("med") << true
                                        << 50.0;
        QTest::addRow("ttft no data") << QStringLiteral("ttft") << QStringLiteral("p(95)") << false << 0.0;
        QTest::addRow("failed rate") << QStringLiteral("http_req_failed") << QStringLiteral("rate") << true << 0.2;
        QTest::addRow("checks rate") << QStringLiteral("checks") << QStringLiteral("rate") << true << 0.75;
        QTest::addRow("http_reqs count") << QStringLiteral("http_reqs") << QStringLiteral("count") << true << 12.0;
        QTest::addRow("http_reqs rate") << QStringLiteral("http_reqs") << QStringLiteral("rate") << true << 1.2;
        QTest::addRow("iterations") << QStringLiteral("iterations") << QStringLiteral("count") << true << 10.0;
        QTest::addRow("dropped") << QStringLiteral("dropped_iterations") << QStringLiteral("count") << true << 3.0;
        QTest::addRow("completion tokens rate")
            << QStringLiteral("completion_tokens") << QStringLiteral("rate") << true << 200.0;
        QTest::addRow("prompt tokens") << QStringLiteral("prompt_tokens") << QStringLiteral("count") << true << 5000.0;
        QTest::addRow("cost") << QStringLiteral("cost_usd") << QStringLiteral("count") << true << 0.056;
        QTest::addRow("not allowed") << QStringLiteral("ttft") << QStringLiteral("rate") << false << 0.0;
    }

    void evaluate()
    {
        QFETCH(QString, metric);
        QFETCH(QString, aggregation);
        QFETCH(bool, hasValue);
        QFETCH(double, value);
        const QList<CheckResult> checks { { QStringLiteral("status 200"), 5, 1 }, { QStringLiteral("json"), 1, 1 } };
        const auto v = metricValue(sampleGroup(), metric, aggregation, 3, checks, 10.0);
        QCOMPARE(v.has_value(), hasValue);
        if (v)
            QVERIFY2(qAbs(*v - value) <= value * 0.005, qPrintable(QString::number(*v)));
    }

    void noDataIsNotEvaluated()
    {
        const GroupStats empty;
        const QList<CheckResult> noChecks { { QStringLiteral("status 200"), 0, 0 } };
        for (const QString& metric : thresholdMetrics()) {
            const QString aggregation = aggregationAllowed(metric, QStringLiteral("count")) ? QStringLiteral("count")
                : aggregationAllowed(metric, QStringLiteral("rate"))                        ? QStringLiteral("rate")
                                                                                            : QStringLiteral("avg");
            QVERIFY2(!metricValue(empty, metric, aggregation, 0, noChecks, 5.0), qPrintable(metric));
        }
        // A counter that moved is data even before any request finished.
        QCOMPARE(metricValue(empty, QStringLiteral("dropped_iterations"), QStringLiteral("count"), 4, {}, 2.0),
            std::optional<double>(4.0));
        QCOMPARE(metricValue(empty, QStringLiteral("dropped_iterations"), QStringLiteral("rate"), 4, {}, 2.0),
            std::optional<double>(2.0));
        // Once requests finished, a zero counter is a real zero.
        GroupStats started;
        started.requests = 1;
        QCOMPARE(metricValue(started, QStringLiteral("dropped_iterations"), QStringLiteral("count"), 0, {}, 2.0),
            std::optional<double>(0.0));
    }
};

QTEST_GUILESS_MAIN(TestThreshold)
#include "tst_threshold.moc"
