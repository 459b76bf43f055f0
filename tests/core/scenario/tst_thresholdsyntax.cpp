// The threshold syntax check: metrics, the model tag filter, aggregations per metric type,
// operators and bounds.

#include "scenario/thresholdsyntax.h"

#include <QtTest/QTest>

using namespace stampede::scenario;

class TestThresholdSyntax : public QObject
{
    Q_OBJECT

private slots:
    void accepts_data();
    void accepts();
    void rejects_data();
    void rejects();
    void longUnknownModelIsQuick();
    void listsEveryMetric();
};

namespace {

const QStringList kModels = { QStringLiteral("gpt-4.1"), QStringLiteral("deepseek-v3.2") };

} // namespace

void TestThresholdSyntax::accepts_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expression");
    const auto row = [](const char* name, const char* key, const char* expression) {
        QTest::addRow("%s", name) << QString::fromUtf8(key) << QString::fromUtf8(expression);
    };
    row("p95", "http_req_duration", "p(95)<2000");
    row("p99.9", "http_req_duration", "p(99.9) < 5000");
    row("p100", "ttft", "p(100)<=10000");
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

void TestThresholdSyntax::accepts()
{
    QFETCH(QString, key);
    QFETCH(QString, expression);
    const std::optional<QString> error = thresholdSyntaxError(key, expression, kModels);
    QVERIFY2(!error, qPrintable(error.value_or(QString())));
}

void TestThresholdSyntax::rejects_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("reason");
    const auto row = [](const char* name, const char* key, const char* expression, const char* reason) {
        QTest::addRow("%s", name) << QString::fromUtf8(key) << QString::fromUtf8(expression)
                                  << QString::fromUtf8(reason);
    };
    row("unknown metric with suggestion", "http_req_duraton", "p(95)<1", "did you mean \"http_req_duration\"?");
    row("unknown metric", "latency", "p(95)<1", "unknown metric \"latency\"");
    row("empty metric", "", "p(95)<1", "empty metric name");
    row("other tag", "http_req_duration{status:200}", "p(95)<1", "only the model tag");
    row("unclosed filter", "http_req_duration{model:gpt-4.1", "p(95)<1", "must end with '}'");
    row("empty model", "http_req_duration{model:}", "p(95)<1", "needs a model name");
    row("unknown model", "http_req_duration{model:gpt-5}", "p(95)<1", "unknown model \"gpt-5\"");
    row("model typo", "ttft{model:gpt-4.2}", "p(95)<1", "did you mean \"gpt-4.1\"?");
    // Found by tests/fuzz/fuzz_threshold: the file check accepted these and the run then never
    // evaluated them (metrics/threshold.cpp refuses a model filter on run-wide metrics).
    row("model filter on checks", "checks{model:gpt-4.1}", "rate<0.1", "counted for the whole run");
    row("model filter on dropped", "dropped_iterations{ model : gpt-4.1 }", "count<1", "counted for the whole run");
    row("empty expression", "ttft", "  ", "empty expression");
    row("no operator", "ttft", "p(95)2000", "no valid comparison operator");
    row("single equals", "ttft", "avg=5", "no valid comparison operator");
    row("rate on a trend", "http_req_duration", "rate<0.1", "\"rate\" does not apply to http_req_duration");
    row("avg on a rate", "http_req_failed", "avg<0.1", "use rate");
    row("count on checks", "checks", "count>1", "use rate");
    row("p on a counter", "http_reqs", "p(95)<1", "use count or rate");
    row("rate on cost", "cost_usd", "rate<1", "use count");
    row("missing aggregation", "ttft", "<800", "missing aggregation");
    row("p zero", "ttft", "p(0)<1", "0 < N <= 100");
    row("p over 100", "ttft", "p(150)<1", "0 < N <= 100");
    row("p not a number", "ttft", "p(x)<1", "0 < N <= 100");
    row("bound missing", "ttft", "p(95)<", "missing number after \"<\"");
    row("bound with unit", "ttft", "p(95)<2s", "bound \"2s\" is not a number");
    row("double operator", "ttft", "p(95)<<2", "bound \"<2\" is not a number");
}

void TestThresholdSyntax::rejects()
{
    QFETCH(QString, key);
    QFETCH(QString, expression);
    QFETCH(QString, reason);
    const std::optional<QString> error = thresholdSyntaxError(key, expression, kModels);
    QVERIFY2(error.has_value(), "accepted an invalid threshold");
    QVERIFY2(error->contains(reason), qPrintable(*error));
}

// A hostile file: two 100,000-character model names one letter apart. The "did you mean" search
// was quadratic in their length (minutes, past the test timeout); it now skips names nobody types.
void TestThresholdSyntax::longUnknownModelIsQuick()
{
    const QString name(100000, u'a');
    const QString key = QStringLiteral("ttft{model:") + name.left(name.size() - 1) + QStringLiteral("b}");
    const std::optional<QString> error = thresholdSyntaxError(key, QStringLiteral("p(95)<1"), { name });
    QVERIFY(error && error->contains(QStringLiteral("unknown model")));
    QVERIFY(!error->contains(QStringLiteral("did you mean")));
}

void TestThresholdSyntax::listsEveryMetric()
{
    const QStringList names = thresholdMetricNames();
    QCOMPARE(names.size(), 17);
    QCOMPARE(names.first(), QStringLiteral("http_req_duration"));
    QVERIFY(names.contains(QStringLiteral("cost_usd")));
}

QTEST_GUILESS_MAIN(TestThresholdSyntax)
#include "tst_thresholdsyntax.moc"
