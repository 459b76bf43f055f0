// The HTML report as a file: size on long runs, downsampling, escaping, nothing to fetch, no key.

#include "longrun.h"
#include "reportfixture.h"

#include "report/capacityjson.h"
#include "report/htmlreport.h"
#include "report/summaryjson.h"
#include "report/summaryload.h"
#include "report/summarytext.h"

#include <QRegularExpression>
#include <QtTest/QTest>

using namespace stampede;

class TestHtmlReport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void containsEverySection();
    void oneHourRunIsUnderThreeMegabytes();
    void nothingToFetch();
    void escapesTextAndKeepsTheKeyOut();
    void insecureRunIsFlaggedFirst();
    void sweepHasACapacitySection();
    void vuSweepSaysVus();
    void serverMetricsHaveASection();
};

namespace {

/// A sweep of 10, 15, 20 req/s whose third step failed on its error rate.
metrics::Capacity sweepCapacity()
{
    QList<metrics::SweepStep> steps;
    for (int i = 0; i < 3; ++i) {
        metrics::SweepStep step;
        step.step = i + 1;
        step.offeredRate = 10 + 5 * i;
        step.achievedRate = i < 2 ? step.offeredRate : 17;
        step.requests = std::int64_t(step.offeredRate * 10);
        step.errors = i < 2 ? 0 : 30;
        step.errorRate = double(step.errors) / double(step.requests);
        step.goodput = step.achievedRate;
        step.latencyP50 = 100 + 50 * i;
        step.latencyP95 = 200 + 100 * i;
        step.latencyP99 = 300 + 150 * i;
        step.ttftP50 = 50;
        step.ttftP95 = 80 + 10 * i;
        step.ttftP99 = 90 + 10 * i;
        step.passed = i < 2;
        step.reason = i < 2 ? QString() : QStringLiteral("error rate 15.0 % > 5 %");
        steps.append(step);
    }
    metrics::Capacity capacity;
    capacity.stepDurationMs = 10000;
    capacity.overall = metrics::verdictOf(QStringLiteral("all"), steps);
    capacity.models = { metrics::verdictOf(QStringLiteral("gpt-4.1"), steps) };
    return capacity;
}

/// A VU sweep of 2, 4, 8 VUs whose third step failed: achieved 20, 40, 44 req/s.
metrics::Capacity vuSweepCapacity()
{
    metrics::Capacity capacity = sweepCapacity();
    capacity.level = model::SweepLevel::Vus;
    QList<metrics::SweepStep> steps = capacity.overall.steps;
    for (int i = 0; i < steps.size(); ++i) {
        steps[i].vus = 2 << i;
        steps[i].offeredRate = 0;
        steps[i].achievedRate = i < 2 ? 20.0 * (i + 1) : 44.0;
    }
    capacity.overall = metrics::verdictOf(QStringLiteral("all"), steps);
    capacity.models = { metrics::verdictOf(QStringLiteral("gpt-4.1"), steps) };
    return capacity;
}

} // namespace

void TestHtmlReport::containsEverySection()
{
    const QString html = QString::fromUtf8(report::htmlReport(test::syntheticRecord()));
    for (const char *id : { "verdict", "results", "charts", "failures", "scenario", "definitions", "environment" })
        QVERIFY2(html.contains(QStringLiteral("id=\"%1\"").arg(QLatin1StringView(id))), id);
    QVERIFY(html.contains(QStringLiteral("FAILED"))); // the fixture's p(95)<100 fails
    QVERIFY(html.contains(QStringLiteral("mixed (all models)")));
    QVERIFY(html.contains(QStringLiteral("@media print")));
    QVERIFY(html.contains(QStringLiteral("testhost")));
    QVERIFY(html.contains(QStringLiteral("0.0.0-test")));
    QCOMPARE(html.count(QStringLiteral("<figure class=\"chart\">")), 6 + 1 + 2 + 1); // over time, CDF, 2 models, plan
}

void TestHtmlReport::oneHourRunIsUnderThreeMegabytes()
{
    const QByteArray html = report::htmlReport(test::oneHourRecord());
    qInfo("one-hour report: %lld bytes", qint64(html.size()));
    QVERIFY(html.size() < 3 * 1024 * 1024);
    static const QRegularExpression path(QStringLiteral("<path class=\"series[^\"]*\" [^>]*d=\"([^\"]*)\""));
    int paths = 0;
    for (auto it = path.globalMatch(QString::fromUtf8(html)); it.hasNext();) {
        const QString d = it.next().captured(1);
        QVERIFY2(d.count(QLatin1Char('L')) + d.count(QLatin1Char('M')) <= 600, "a line has more than 600 points");
        ++paths;
    }
    QVERIFY(paths > 10);
}

void TestHtmlReport::nothingToFetch()
{
    const QString html = QString::fromUtf8(report::htmlReport(test::oneHourRecord()));
    for (const char *fetching : { "src=", "href=", "url(", "@import", "<link", "<img", "<iframe", "<object", "<embed",
             "fetch(", "XMLHttpRequest", "import(" })
        QVERIFY2(!html.contains(QLatin1StringView(fetching), Qt::CaseInsensitive), fetching);
    // The only URL is the target, as text.
    static const QRegularExpression url(QStringLiteral("(https?:)?//[^\\s\"'<&]+"));
    for (auto it = url.globalMatch(html); it.hasNext();) {
        const QString found = it.next().captured(0);
        QVERIFY2(found == QLatin1StringView("http://127.0.0.1:8080/v1"), qPrintable(found));
    }
}

void TestHtmlReport::escapesTextAndKeepsTheKeyOut()
{
    report::RunRecord record = test::syntheticRecord();
    record.meta.scenario.name = QStringLiteral("<script>alert(1)</script>");
    record.meta.scenario.prompts.user << QStringLiteral("</pre><img src=x>");
    const QByteArray html = report::htmlReport(record);
    QVERIFY(!html.contains("<script>alert"));
    QVERIFY(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    QVERIFY(!html.contains("<img"));
    QVERIFY(!html.contains(test::kCanary));
    QVERIFY(html.contains("[redacted]"));
    QCOMPARE(html.count("<script>"), 1);
}

void TestHtmlReport::insecureRunIsFlaggedFirst()
{
    report::RunRecord record = test::syntheticRecord();
    QVERIFY(!report::htmlReport(record).contains("id=\"insecure\""));
    QVERIFY(!report::summaryText(record.summary, record.meta.baseUrl).contains(QLatin1String("INSECURE")));
    record.summary.tlsInsecure = true;
    record.summary.redirectsFollowed = 3;
    const QByteArray html = report::htmlReport(record);
    // In the header, before the verdict: the first thing a reader sees.
    QVERIFY(html.contains("id=\"insecure\""));
    QVERIFY(html.indexOf("id=\"insecure\"") < html.indexOf("id=\"verdict\""));
    QVERIFY(html.contains("<dt>Redirects followed</dt><dd>3</dd>"));
    const QString text = report::summaryText(record.summary, record.meta.baseUrl);
    QVERIFY2(text.indexOf(QLatin1String("INSECURE")) < text.indexOf(QLatin1String("model")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("Redirects followed: 3")));
    const QByteArray json = report::summaryJsonBytes(record.summary, report::SummaryContext {});
    QVERIFY(json.contains("\"insecure\":true") || json.contains("\"insecure\": true"));
}

void TestHtmlReport::serverMetricsHaveASection()
{
    report::RunRecord record = test::syntheticRecord();
    QVERIFY(!report::htmlReport(record).contains("id=\"server-metrics\""));
    metrics::ServerMetrics sm;
    sm.url = QStringLiteral("http://gw:4000/metrics");
    sm.format = QStringLiteral("prometheus");
    sm.intervalS = 5;
    sm.scrapes = 12;
    sm.errors = 2;
    sm.lastError = QStringLiteral("http://gw:4000/metrics: HTTP 503 <b>");
    sm.series
        = { { QStringLiteral("req_total{model=\"m\"}"), QStringLiteral("counter_rate"), { { 5, 20 }, { 10, 21 } }, 0 },
              { QStringLiteral("lat"), QStringLiteral("histogram_p95"), { { 10, 0.4 } }, 0 } };
    record.summary.serverMetrics = sm;
    const QString html = QString::fromUtf8(report::htmlReport(record));
    const qsizetype at = html.indexOf(QLatin1String("<section id=\"server-metrics\">"));
    QVERIFY(at > 0);
    const QString section = html.mid(at, html.indexOf(QLatin1String("</section>"), at) - at);
    QVERIFY2(section.contains(QLatin1String("<code>http://gw:4000/metrics</code> (prometheus) every 5 s while the load "
                                            "ran: 12 scrape(s), 2 error(s); the last error: http://gw:4000/metrics: "
                                            "HTTP 503 &lt;b&gt;.")),
        qPrintable(section));
    QVERIFY(section.contains(QLatin1String("<svg")));
    QVERIFY(section.contains(QLatin1String("req_total{model=&quot;m&quot;} (rate/s)"))
        || section.contains(QLatin1String("req_total{model=\"m\"} (rate/s)")));
    QVERIFY(section.contains(QLatin1String("lat (p95)")));
    QVERIFY(section.contains(QLatin1String("growth per second between two scrapes (none after a reset)")));
}

QTEST_GUILESS_MAIN(TestHtmlReport)
#include "tst_htmlreport.moc"

void TestHtmlReport::sweepHasACapacitySection()
{
    report::RunRecord record = test::syntheticRecord();
    QVERIFY(!report::htmlReport(record).contains("id=\"capacity\""));
    record.summary.capacity = sweepCapacity();
    QCOMPARE(record.summary.capacity.overall.safeRate.value_or(-1), 15.0);
    QCOMPARE(record.summary.capacity.overall.firstFailingStep.value_or(-1), 3);
    const QString html = QString::fromUtf8(report::htmlReport(record));
    QVERIFY(html.contains(QStringLiteral("id=\"capacity\"")));
    QVERIFY(html.indexOf(QStringLiteral("id=\"capacity\"")) < html.indexOf(QStringLiteral("id=\"charts\"")));
    // Two charts against the offered rate (x in req/s), the knee marked in each.
    QCOMPARE(html.count(QStringLiteral("data-xunit=\"req/s\"")), 2);
    QVERIFY(html.count(QStringLiteral("knee: step 3 (20 req/s)")) >= 2); // in each chart's legend
    QVERIFY(html.contains(QStringLiteral("Latency against offered rate")));
    QVERIFY(html.contains(QStringLiteral("goodput req/s")));
    QVERIFY(html.contains(QStringLiteral("failed: error rate 15.0 % &gt; 5 %")));
    QVERIFY(html.contains(QStringLiteral("Throughput frontier")));
    QVERIFY(html.contains(QStringLiteral("<strong>15.0 req/s</strong>")));

    const QString text = report::summaryText(record.summary, record.meta.baseUrl);
    QVERIFY2(text.contains(QLatin1String("Capacity (sweep")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("all: safe rate 15.0 req/s; first failing step 3: error rate 15.0 % > 5 %")));

    // summary.json keeps it under the names scripts rely on, and reads it back the same.
    const QByteArray json = report::summaryJsonBytes(record.summary, report::SummaryContext {});
    const nlohmann::json doc = nlohmann::json::parse(json.toStdString());
    const nlohmann::json &capacity = doc["capacity"];
    QCOMPARE(capacity["step_duration_s"].get<double>(), 10.0);
    QCOMPARE(capacity["level"].get<std::string>(), std::string("rate"));
    QVERIFY(!capacity["overall"].contains("safe_vus")); // a rate sweep's keys are as they were
    QVERIFY(!capacity["overall"]["steps"][0].contains("vus"));
    QCOMPARE(capacity["overall"]["safe_rate"].get<double>(), 15.0);
    QCOMPARE(capacity["overall"]["first_failing_step"].get<int>(), 3);
    QCOMPARE(capacity["overall"]["steps"].size(), std::size_t(3));
    for (const char *key :
        { "step", "offered_rate", "achieved_rate", "requests", "errors", "error_rate", "goodput", "latency_p50_ms",
            "latency_p95_ms", "latency_p99_ms", "ttft_p50_ms", "ttft_p95_ms", "ttft_p99_ms", "passed", "reason" })
        QVERIFY2(capacity["overall"]["steps"][0].contains(key), key);
    QCOMPARE(capacity["overall"]["frontier"].size(), std::size_t(5));
    QCOMPARE(capacity["overall"]["frontier"][1]["bound_ms"].get<int>(), 500);
    QCOMPARE(capacity["overall"]["frontier"][1]["latency_p99_rate"].get<double>(), 15.0);
    QVERIFY(capacity["overall"]["frontier"][0]["latency_p99_rate"].is_null());
    QCOMPARE(capacity["models"][0]["model"].get<std::string>(), std::string("gpt-4.1"));
    QVERIFY(report::summaryFromJson(doc).capacity == record.summary.capacity);
}

void TestHtmlReport::vuSweepSaysVus()
{
    report::RunRecord record = test::syntheticRecord();
    record.summary.capacity = vuSweepCapacity();
    QCOMPARE(record.summary.capacity.overall.safeVus.value_or(-1), 4);
    QCOMPARE(record.summary.capacity.overall.safeRate.value_or(-1), 40.0); // achieved by the last good step
    const QString html = QString::fromUtf8(report::htmlReport(record));
    QCOMPARE(html.count(QStringLiteral("data-xunit=\"VUs\"")), 2); // both charts: x = VUs
    QVERIFY(html.count(QStringLiteral("knee: step 3 (8 VUs)")) >= 2);
    QVERIFY(html.contains(QStringLiteral("Latency against VUs")));
    QVERIFY2(html.contains(QStringLiteral("Safe VUs: <strong>4</strong> (achieved 40.0 req/s)")), qPrintable(html));
    QVERIFY(html.contains(QStringLiteral("<th>safe VUs</th>")) || html.contains(QStringLiteral(">safe VUs<")));

    const QString text = report::summaryText(record.summary, record.meta.baseUrl);
    QVERIFY2(text.contains(QLatin1String("all: safe at 4 VUs (achieved 40.0 req/s); first failing step 3")),
        qPrintable(text));

    const QByteArray json = report::summaryJsonBytes(record.summary, report::SummaryContext {});
    const nlohmann::json doc = nlohmann::json::parse(json.toStdString());
    const nlohmann::json &capacity = doc["capacity"];
    QCOMPARE(capacity["level"].get<std::string>(), std::string("vus"));
    QCOMPARE(capacity["overall"]["safe_vus"].get<int>(), 4);
    QCOMPARE(capacity["overall"]["safe_rate"].get<double>(), 40.0);
    QCOMPARE(capacity["overall"]["first_failing_step"].get<int>(), 3);
    QCOMPARE(capacity["overall"]["steps"][1]["vus"].get<int>(), 4);
    QVERIFY(capacity["overall"]["steps"][1]["offered_rate"].is_null()); // a closed model offers no rate
    QCOMPARE(capacity["models"][0]["safe_vus"].get<int>(), 4);
    QVERIFY(report::summaryFromJson(doc).capacity == record.summary.capacity);

    const QByteArray csv = report::capacityCsv(record.summary.capacity);
    QVERIFY2(csv.startsWith("model,step,vus,offered_rate,achieved_rate,"), csv.constData());
    QVERIFY2(csv.contains("\nall,2,4,,40.000,"), csv.constData());
}
