// The one threshold grammar: metric keys (the model tag filter, the scenario's models), expressions
// (aggregations, operators, bounds), which aggregations each metric kind takes, with their messages.

#include "model/metricnames.h"
#include "model/threshold.h"

#include <QTest>

using namespace stampede::model;

Q_DECLARE_METATYPE(stampede::model::Comparison)

namespace {

const QStringList kModels = { QStringLiteral("gpt-4.1"), QStringLiteral("deepseek-v3.2") };

const QString kMetricList = QStringLiteral("http_req_duration, http_req_duration_all, scheduled_duration, "
                                           "client_queue, ttfb, ttft, tpot, itl, output_tokens_per_s, "
                                           "http_req_failed, checks, http_reqs, iterations, dropped_iterations, "
                                           "completion_tokens, prompt_tokens, cost_usd, slo_attainment, goodput, "
                                           "integrity_substituted, integrity_fake_streaming, "
                                           "integrity_usage_mismatch, integrity_empty_200, "
                                           "integrity_tool_args_invalid");

} // namespace

class TestModelThreshold : public QObject
{
    Q_OBJECT

private slots:
    void parseExpression_data();
    void parseExpression();
    void comparisons();
    void parseMetricKey_data();
    void parseMetricKey();
    void aggregationRules_data();
    void aggregationRules();
    void accepts_data();
    void accepts();
    void rejects_data();
    void rejects();
    void longUnknownModelIsQuick();
    void metricList();
};

void TestModelThreshold::parseExpression_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("aggregation");
    QTest::addColumn<Comparison>("op");
    QTest::addColumn<double>("bound");
    QTest::addColumn<QString>("error");
    auto valid = [](const char *name, const char *text, const char *agg, Comparison op, double bound) {
        QTest::addRow("%s", name) << QString::fromUtf8(text) << QString::fromUtf8(agg) << op << bound << QString();
    };
    auto invalid = [](const char *name, const char *text, const char *error) {
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
    invalid("empty", "   ", "empty expression; write e.g. \"p(95)<2000\"");
    invalid("no operator", "p(95) 2000",
        "no comparison in \"p(95) 2000\"; expected e.g. p(95)<2000 with <, <=, >, >=, == or !=");
    invalid("single equals", "avg=3", "invalid comparison in \"avg=3\"; use <, <=, >, >=, == or !=");
    invalid("triple", "avg<==3", "invalid comparison in \"avg<==3\"; use <, <=, >, >=, == or !=");
    invalid("bang", "avg!3", "invalid comparison in \"avg!3\"; use <, <=, >, >=, == or !=");
    invalid("double operator", "p(95)<<2", "invalid comparison in \"p(95)<<2\"; use <, <=, >, >=, == or !=");
    invalid("percentile too big", "p(150)<2000", "p(150) is not a percentile: use p(0..100)");
    invalid("percentile negative", "p(-1)<2000", "p(-1) is not a percentile: use p(0..100)");
    invalid("percentile not a number", "p(abc)<2000", "p(abc) is not a percentile: use p(0..100)");
    invalid(
        "unknown aggregation", "p95<2000", "unknown aggregation \"p95\"; use avg, min, max, med, p(N), rate or count");
    invalid("missing aggregation", "<2000", "missing aggregation before the comparison");
    invalid("missing bound", "avg< ", "missing bound after < in \"avg<\"");
    invalid("bound with unit", "p(95)<2s", "bound \"2s\" is not a number (times are in milliseconds, e.g. p(95)<2000)");
    invalid("bound infinite", "avg<inf", "bound \"inf\" is not a number (times are in milliseconds, e.g. p(95)<2000)");
}

void TestModelThreshold::parseExpression()
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

void TestModelThreshold::comparisons()
{
    const auto check
        = [](const char *text, double value) { return parseThresholdExpression(QString::fromUtf8(text))->test(value); };
    QVERIFY(check("avg<10", 9.99) && !check("avg<10", 10));
    QVERIFY(check("avg<=10", 10) && !check("avg<=10", 10.01));
    QVERIFY(check("avg>10", 10.01) && !check("avg>10", 10));
    QVERIFY(check("avg>=10", 10) && !check("avg>=10", 9.99));
    QVERIFY(check("avg==10", 10) && !check("avg==10", 10.5));
    QVERIFY(check("avg!=10", 10.5) && !check("avg!=10", 10));
    // A parsed threshold tests with its expression.
    QVERIFY(parseThreshold(QStringLiteral("ttft"), QStringLiteral("p(95)<800"))->test(799));
}

void TestModelThreshold::parseMetricKey_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("metric");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("error");
    QTest::addRow("plain") << QStringLiteral("http_req_duration") << QStringLiteral("http_req_duration") << QString()
                           << QString();
    QTest::addRow("model filter") << QStringLiteral("ttft{model:gpt-4.1}") << QStringLiteral("ttft")
                                  << QStringLiteral("gpt-4.1") << QString();
    QTest::addRow("model with colon") << QStringLiteral("ttft{ model : org:llama-3 }") << QStringLiteral("ttft")
                                      << QStringLiteral("org:llama-3") << QString();
    QTest::addRow("cost per model") << QStringLiteral("cost_usd{model:m}") << QStringLiteral("cost_usd")
                                    << QStringLiteral("m") << QString();
    QTest::addRow("unknown metric") << QStringLiteral("latency") << QString() << QString()
                                    << QStringLiteral("unknown metric \"latency\" (metrics: ") + kMetricList + u')';
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

void TestModelThreshold::parseMetricKey()
{
    QFETCH(QString, text);
    QFETCH(QString, metric);
    QFETCH(QString, model);
    QFETCH(QString, error);
    QString message;
    const auto key = stampede::model::parseMetricKey(text, &message);
    QCOMPARE(message, error);
    QCOMPARE(key.has_value(), error.isEmpty());
    if (key) {
        QCOMPARE(key->metric, metric);
        QCOMPARE(key->model, model);
    }
}

void TestModelThreshold::aggregationRules_data()
{
    QTest::addColumn<QString>("metric");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("error");
    QTest::addRow("trend p95") << QStringLiteral("ttft") << QStringLiteral("p(95)<800") << QString();
    QTest::addRow("trend med") << QStringLiteral("tpot{model:m}") << QStringLiteral("med<50") << QString();
    QTest::addRow("trend rate") << QStringLiteral("ttft") << QStringLiteral("rate<1")
                                << QStringLiteral("rate is not an aggregation of ttft; use avg, min, max, med or p(N)");
    QTest::addRow("trend count")
        << QStringLiteral("output_tokens_per_s") << QStringLiteral("count>1")
        << QStringLiteral("count is not an aggregation of output_tokens_per_s; use avg, min, max, med or p(N)");
    QTest::addRow("rate metric") << QStringLiteral("http_req_failed") << QStringLiteral("rate<0.01") << QString();
    QTest::addRow("rate avg") << QStringLiteral("checks") << QStringLiteral("avg>0.9")
                              << QStringLiteral("avg is not an aggregation of checks; use rate");
    QTest::addRow("counter count") << QStringLiteral("http_reqs") << QStringLiteral("count>=100") << QString();
    QTest::addRow("counter rate") << QStringLiteral("iterations") << QStringLiteral("rate>5") << QString();
    QTest::addRow("counter p95") << QStringLiteral("prompt_tokens") << QStringLiteral("p(95)<1")
                                 << QStringLiteral("p(95) is not an aggregation of prompt_tokens; use count or rate");
    QTest::addRow("cost count") << QStringLiteral("cost_usd") << QStringLiteral("count<5") << QString();
    QTest::addRow("cost rate") << QStringLiteral("cost_usd") << QStringLiteral("rate<5")
                               << QStringLiteral("rate is not an aggregation of cost_usd; use count");
    QTest::addRow("slo_attainment rate") << QStringLiteral("slo_attainment{model:m}") << QStringLiteral("rate>0.95")
                                         << QString();
    QTest::addRow("slo_attainment avg") << QStringLiteral("slo_attainment") << QStringLiteral("avg>0.95")
                                        << QStringLiteral("avg is not an aggregation of slo_attainment; use rate");
    QTest::addRow("goodput rate") << QStringLiteral("goodput") << QStringLiteral("rate>=10") << QString();
    QTest::addRow("goodput count") << QStringLiteral("goodput") << QStringLiteral("count>10")
                                   << QStringLiteral("count is not an aggregation of goodput; use rate");
    QTest::addRow("key error first") << QStringLiteral("latency") << QStringLiteral("avg<1")
                                     << QStringLiteral("unknown metric \"latency\" (metrics: ") + kMetricList + u')';
    QTest::addRow("expression error") << QStringLiteral("ttft") << QStringLiteral("p(101)<1")
                                      << QStringLiteral("p(101) is not a percentile: use p(0..100)");
    QTest::addRow("unknown aggregation of a metric") << QStringLiteral(
        "http_reqs") << QStringLiteral("sum>1") << QStringLiteral("unknown aggregation \"sum\"; use count or rate");
    QTest::addRow("aggregation before bound") << QStringLiteral("ttft") << QStringLiteral("rate<abc")
                                              << QStringLiteral("rate is not an aggregation of ttft; use avg, min, "
                                                                "max, med or p(N)");
}

void TestModelThreshold::aggregationRules()
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

// With the scenario's models, as validate() and the editor check a threshold.
void TestModelThreshold::accepts_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expression");
    const auto row = [](const char *name, const char *key, const char *expression) {
        QTest::addRow("%s", name) << QString::fromUtf8(key) << QString::fromUtf8(expression);
    };
    row("p95", "http_req_duration", "p(95)<2000");
    row("p99.9", "http_req_duration", "p(99.9) < 5000");
    row("p100", "ttft", "p(100)<=10000");
    // The file check refused p(0) while run time evaluated it: p(0) is the minimum, as in k6.
    row("p0", "ttft", "p(0)<1");
    row("avg", "tpot", "avg<50");
    row("min", "itl", "min>=0");
    row("max", "ttfb", "max<5000");
    row("med", "scheduled_duration", "med!=0");
    row("speed", "output_tokens_per_s", "avg>20");
    row("queue", "client_queue", "p(99)<100");
    row("with failures", "http_req_duration_all", "p(95)<3000");
    row("failed rate", "http_req_failed", "rate<0.05");
    row("checks rate", "checks", "rate>0.99");
    row("reqs count", "http_reqs", "count>=100");
    row("reqs rate", "http_reqs", "rate>10");
    row("iterations", "iterations", "count>0");
    row("dropped", "dropped_iterations", "count==0");
    row("completion tokens", "completion_tokens", "rate>100");
    row("prompt tokens", "prompt_tokens", "count<1e6");
    row("cost", "cost_usd", "count<5.5");
    row("model filter", "http_req_duration{model:gpt-4.1}", "p(95)<1500");
    row("model filter with spaces", "ttft{ model : deepseek-v3.2 }", "p(95)<800");
    row("negative bound", "http_req_duration", "avg>-1");
}

void TestModelThreshold::accepts()
{
    QFETCH(QString, key);
    QFETCH(QString, expression);
    QString error;
    QVERIFY2(parseThreshold(key, expression, &error, &kModels), qPrintable(error));
}

void TestModelThreshold::rejects_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("reason");
    const auto row = [](const char *name, const char *key, const char *expression, const char *reason) {
        QTest::addRow("%s", name) << QString::fromUtf8(key) << QString::fromUtf8(expression)
                                  << QString::fromUtf8(reason);
    };
    row("unknown metric with suggestion", "http_req_duraton", "p(95)<1", "did you mean \"http_req_duration\"?");
    row("unknown metric", "latency", "p(95)<1", "unknown metric \"latency\"");
    row("empty metric", "", "p(95)<1", "empty metric name");
    row("other tag", "http_req_duration{status:200}", "p(95)<1", "only {model:NAME} is supported");
    row("unclosed filter", "http_req_duration{model:gpt-4.1", "p(95)<1", "malformed tag filter");
    row("empty model", "http_req_duration{model:}", "p(95)<1", "empty model name");
    row("unknown model", "http_req_duration{model:gpt-5}", "p(95)<1", "unknown model \"gpt-5\"");
    row("model typo", "ttft{model:gpt-4.2}", "p(95)<1", "did you mean \"gpt-4.1\"?");
    // Found by tests/fuzz/fuzz_threshold when the file check and run time were two parsers: the file
    // check accepted these and the run then never evaluated them.
    row("model filter on checks", "checks{model:gpt-4.1}", "rate<0.1", "counted for the whole run");
    row("model filter on dropped", "dropped_iterations{ model : gpt-4.1 }", "count<1", "counted for the whole run");
    row("empty expression", "ttft", "  ", "empty expression");
    row("no operator", "ttft", "p(95)2000", "no comparison in");
    row("single equals", "ttft", "avg=5", "invalid comparison");
    row("rate on a trend", "http_req_duration", "rate<0.1", "rate is not an aggregation of http_req_duration");
    row("avg on a rate", "http_req_failed", "avg<0.1", "use rate");
    row("count on checks", "checks", "count>1", "use rate");
    row("p on a counter", "http_reqs", "p(95)<1", "use count or rate");
    row("rate on cost", "cost_usd", "rate<1", "use count");
    row("missing aggregation", "ttft", "<800", "missing aggregation before the comparison; ttft takes avg");
    row("p over 100", "ttft", "p(150)<1", "use p(0..100)");
    row("p not a number", "ttft", "p(x)<1", "use p(0..100)");
    row("bound missing", "ttft", "p(95)<", "missing bound after <");
    row("bound with unit", "ttft", "p(95)<2s", "bound \"2s\" is not a number");
    row("double operator", "ttft", "p(95)<<2", "invalid comparison");
}

void TestModelThreshold::rejects()
{
    QFETCH(QString, key);
    QFETCH(QString, expression);
    QFETCH(QString, reason);
    QString error;
    QVERIFY2(!parseThreshold(key, expression, &error, &kModels), "accepted an invalid threshold");
    QVERIFY2(error.contains(reason), qPrintable(error));
}

// A hostile file: two 100,000-character model names one letter apart. The "did you mean" search
// was quadratic in their length (minutes, past the test timeout); it now skips names nobody types.
void TestModelThreshold::longUnknownModelIsQuick()
{
    const QString name(100000, u'a');
    const QString key = QStringLiteral("ttft{model:") + name.left(name.size() - 1) + QStringLiteral("b}");
    const QStringList models { name };
    QString error;
    QVERIFY(!parseThreshold(key, QStringLiteral("p(95)<1"), &error, &models));
    QVERIFY(error.contains(QStringLiteral("unknown model")));
    QVERIFY(!error.contains(QStringLiteral("did you mean")));
}

void TestModelThreshold::metricList()
{
    const QStringList metrics = thresholdMetrics();
    QCOMPARE(metrics.size(), 24);
    QCOMPARE(metrics.first(), QStringLiteral("http_req_duration"));
    for (QLatin1StringView name : { names::httpReqDuration, names::ttft, names::tpot, names::httpReqFailed,
             names::droppedIterations, names::checks, names::costUsd, names::goodput, names::sloAttainment })
        QVERIFY(metrics.contains(name));
    QVERIFY(needsSlo(u"goodput") && needsSlo(u"slo_attainment") && !needsSlo(u"ttft"));
    // integrity (issue 14): counters, per model
    for (QLatin1StringView name : { names::integritySubstituted, names::integrityFakeStreaming,
             names::integrityUsageMismatch, names::integrityEmpty200 }) {
        QVERIFY(metrics.contains(name));
        QVERIFY(aggregationAllowed(QString(name), u"count") && aggregationAllowed(QString(name), u"rate"));
        QVERIFY(parseThreshold(name + QStringLiteral("{model:gpt-4.1}"), QStringLiteral("count==0")));
    }
}

QTEST_GUILESS_MAIN(TestModelThreshold)
#include "tst_threshold.moc"
