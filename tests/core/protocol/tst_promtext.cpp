// The Prometheus exposition parser, the series selectors and the per-scrape math of server_metrics
// (counter rates, resets, histogram quantiles, summaries, JSON fields).
#include "model/promselector.h"
#include "protocol/promtext.h"
#include "protocol/serverseries.h"

#include <QtTest/QTest>

#include <cmath>
#include <limits>

using namespace stampede::protocol;
using stampede::model::parsePromSelector;
using stampede::model::PromSelector;

namespace {
PromSelector selector(const QString &text)
{
    QString error;
    const auto parsed = parsePromSelector(text, &error);
    if (!parsed)
        qFatal("bad selector in test: %s", qPrintable(error));
    return *parsed;
}
} // namespace

class TestPromText : public QObject
{
    Q_OBJECT

private slots:
    void exposition();
    void escapesInLabels();
    void specialValuesAndTimestamps();
    void garbageIsReportedNotFatal();
    void selectors_data();
    void selectors();
    void selectorSumsMatchingLabelSets();
    void gaugeAndUntyped();
    void counterRate();
    void counterReset();
    void openMetricsCounterName();
    void histogramQuantileMath_data();
    void histogramQuantileMath();
    void histogramFromBucketDeltas();
    void histogramWithoutInf();
    void summaryQuantiles();
    void missingSeries();
    void jsonFields();
};

void TestPromText::exposition()
{
    const QByteArray text = "# HELP http_requests_total The total number of HTTP requests.\n"
                            "# TYPE http_requests_total counter\n"
                            "http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000\n"
                            "http_requests_total{method=\"post\",code=\"400\"}    3 1395066363000\n"
                            "\n"
                            "   \n"
                            "# A normal comment.\n"
                            "# TYPE rpc_duration_seconds summary\n"
                            "rpc_duration_seconds{quantile=\"0.5\"} 4773\n"
                            "# TYPE temp gauge\r\n"
                            "temp{} -3.5e2\r\n"
                            "trailing_comma{a=\"1\",} 2\n";
    const PromScrape scrape = parsePromText(text);
    QCOMPARE(scrape.problemCount, 0);
    QCOMPARE(scrape.samples.size(), 5);
    QCOMPARE(scrape.typeOf(QStringLiteral("http_requests_total")), PromType::Counter);
    QCOMPARE(scrape.typeOf(QStringLiteral("rpc_duration_seconds")), PromType::Summary);
    QCOMPARE(scrape.typeOf(QStringLiteral("temp")), PromType::Gauge);
    QCOMPARE(scrape.typeOf(QStringLiteral("nothing")), PromType::Untyped);
    QCOMPARE(scrape.samples[0].label(QStringLiteral("code")), QStringLiteral("200"));
    QCOMPARE(scrape.samples[1].value, 3.0);
    QCOMPARE(scrape.samples[3].name, QStringLiteral("temp"));
    QCOMPARE(scrape.samples[3].value, -350.0);
    QVERIFY(scrape.samples[3].labels.isEmpty());
    QCOMPARE(scrape.samples[4].label(QStringLiteral("a")), QStringLiteral("1"));
}

void TestPromText::escapesInLabels()
{
    const PromScrape scrape = parsePromText(
        "msdos_file_access_time_seconds{path=\"C:\\\\DIR\\\\FILE.TXT\",error=\"Cannot find file:\\n\\\"FILE.TXT\\\"\"} "
        "1.458255915e9\n");
    QCOMPARE(scrape.problemCount, 0);
    QCOMPARE(scrape.samples.size(), 1);
    QCOMPARE(scrape.samples[0].label(QStringLiteral("path")), QStringLiteral("C:\\DIR\\FILE.TXT"));
    QCOMPARE(scrape.samples[0].label(QStringLiteral("error")), QStringLiteral("Cannot find file:\n\"FILE.TXT\""));
    QCOMPARE(scrape.samples[0].value, 1.458255915e9);
}

void TestPromText::specialValuesAndTimestamps()
{
    const PromScrape scrape = parsePromText("a +Inf\nb -Inf\nc NaN\nd 1 -42\ne{l=\"x\"} 7 1700000000000\n");
    QCOMPARE(scrape.problemCount, 0);
    QCOMPARE(scrape.samples.size(), 5);
    QVERIFY(std::isinf(scrape.samples[0].value) && scrape.samples[0].value > 0);
    QVERIFY(std::isinf(scrape.samples[1].value) && scrape.samples[1].value < 0);
    QVERIFY(std::isnan(scrape.samples[2].value));
    QCOMPARE(scrape.samples[3].timestampMs, std::optional<qint64>(-42));
    QCOMPARE(scrape.samples[4].timestampMs, std::optional<qint64>(1700000000000));
    QVERIFY(!scrape.samples[0].timestampMs);
}

void TestPromText::garbageIsReportedNotFatal()
{
    const PromScrape scrape = parsePromText("good 1\n"
                                            "<html>oops</html>\n"
                                            "bad{a=\"unterminated} 1\n"
                                            "nonumber{a=\"b\"} abc\n"
                                            "extra 1 2 3\n"
                                            "badescape{a=\"\\x\"} 1\n"
                                            "# TYPE broken notatype\n"
                                            "also_good 2\n");
    QCOMPARE(scrape.samples.size(), 2);
    QCOMPARE(scrape.samples[1].name, QStringLiteral("also_good"));
    QCOMPARE(scrape.problemCount, 6);
    QVERIFY2(scrape.problems[0].startsWith(QLatin1String("line 2:")), qPrintable(scrape.problems[0]));
    QVERIFY(scrape.problems[1].contains(QLatin1String("unterminated")));
    QVERIFY(scrape.problems[5].startsWith(QLatin1String("line 7:")));

    QByteArray many;
    for (int i = 0; i < 100; ++i)
        many += "???\n";
    const PromScrape lots = parsePromText(many);
    QCOMPARE(lots.problemCount, 100);
    QCOMPARE(lots.problems.size(), PromScrape::kMaxProblems);

    // Whatever a server sends, the samples kept are bounded: reading stops at the limit and says so.
    QByteArray flood;
    for (int i = 0; i < 50; ++i)
        flood += "s" + QByteArray::number(i) + " 1\n";
    const PromScrape capped = parsePromText(flood, 30);
    QCOMPARE(capped.samples.size(), 30);
    QCOMPARE(capped.problems, QStringList { QStringLiteral("line 31: more than 30 samples; the rest is not read") });
}

void TestPromText::selectors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("written");
    QTest::addRow("name") << "vllm:num_requests_running" << true << "vllm:num_requests_running";
    QTest::addRow("one matcher") << "litellm_requests_total{model=\"gpt-4.1\"}" << true
                                 << "litellm_requests_total{model=\"gpt-4.1\"}";
    QTest::addRow("spaces, negation") << " x { a = \"1\" , b!=\"2\" } " << true << "x{a=\"1\",b!=\"2\"}";
    QTest::addRow("escaped value") << "x{p=\"a\\\"b\\\\c\"}" << true << "x{p=\"a\\\"b\\\\c\"}";
    QTest::addRow("empty braces") << "x{}" << true << "x";
    QTest::addRow("empty") << "" << false << "";
    QTest::addRow("digit first") << "1abc" << false << "";
    QTest::addRow("regex matcher") << "x{a=~\"b\"}" << false << "";
    QTest::addRow("unquoted") << "x{a=b}" << false << "";
    QTest::addRow("unterminated") << "x{a=\"b\"" << false << "";
    QTest::addRow("trailing text") << "x y" << false << "";
}

void TestPromText::selectors()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, written);
    QString error;
    const auto parsed = parsePromSelector(text, &error);
    QCOMPARE(bool(parsed), ok);
    if (ok)
        QCOMPARE(parsed->toString(), written);
    else
        QVERIFY(!error.isEmpty());
}

void TestPromText::selectorSumsMatchingLabelSets()
{
    const PromScrape scrape = parsePromText("# TYPE g gauge\n"
                                            "g{model=\"a\",code=\"200\"} 1\n"
                                            "g{model=\"a\",code=\"500\"} 2\n"
                                            "g{model=\"b\",code=\"200\"} 4\n"
                                            "g 8\n");
    auto value = [&scrape](const QString &text) {
        PromSeriesTracker tracker(selector(text));
        const ServerReading reading = tracker.add(1, scrape);
        return reading.points.isEmpty() ? -1.0 : reading.points[0].value;
    };
    QCOMPARE(value(QStringLiteral("g")), 15.0);
    QCOMPARE(value(QStringLiteral("g{model=\"a\"}")), 3.0);
    QCOMPARE(value(QStringLiteral("g{model=\"a\",code=\"500\"}")), 2.0);
    QCOMPARE(value(QStringLiteral("g{model!=\"a\"}")), 12.0);
    QCOMPARE(value(QStringLiteral("g{model=\"\"}")), 8.0); // a missing label reads as ""
}

void TestPromText::gaugeAndUntyped()
{
    PromSeriesTracker gauge(selector(QStringLiteral("vllm:num_requests_running")));
    const ServerReading r = gauge.add(0, parsePromText("vllm:num_requests_running{model_name=\"m\"} 12\n"));
    QVERIFY(r.error.isEmpty());
    QCOMPARE(r.points.size(), 1); // a gauge has a value at the first scrape already
    QCOMPARE(r.points[0].kind, QStringLiteral("gauge"));
    QCOMPARE(r.points[0].value, 12.0);
}

void TestPromText::counterRate()
{
    PromSeriesTracker tracker(selector(QStringLiteral("req_total{model=\"m\"}")));
    const auto scrape = [](int a, int b) {
        return parsePromText(QStringLiteral("# TYPE req_total counter\nreq_total{model=\"m\",code=\"200\"} %1\n"
                                            "req_total{model=\"m\",code=\"429\"} %2\nreq_total{model=\"other\"} 999\n")
                                 .arg(a)
                                 .arg(b)
                                 .toUtf8());
    };
    ServerReading r = tracker.add(10, scrape(100, 0));
    QVERIFY(r.error.isEmpty());
    QVERIFY(r.points.isEmpty()); // the first scrape has nothing to compare with
    r = tracker.add(15, scrape(140, 10));
    QCOMPARE(r.points.size(), 1);
    QCOMPARE(r.points[0].kind, QStringLiteral("counter_rate"));
    QCOMPARE(r.points[0].value, 10.0); // (150 - 100) / 5 s
    r = tracker.add(17, scrape(140, 10));
    QCOMPARE(r.points[0].value, 0.0);
}

void TestPromText::counterReset()
{
    PromSeriesTracker tracker(selector(QStringLiteral("c")));
    const auto scrape = [](int v) { return parsePromText(QStringLiteral("# TYPE c counter\nc %1\n").arg(v).toUtf8()); };
    tracker.add(0, scrape(500));
    QCOMPARE(tracker.add(1, scrape(600)).points[0].value, 100.0);
    const ServerReading reset = tracker.add(2, scrape(30)); // the server restarted
    QVERIFY(reset.error.isEmpty());
    QVERIFY(reset.points.isEmpty());
    const ServerReading after = tracker.add(4, scrape(70)); // rates resume from the new base
    QCOMPARE(after.points.size(), 1);
    QCOMPARE(after.points[0].value, 20.0);
}

void TestPromText::openMetricsCounterName()
{
    PromSeriesTracker tracker(selector(QStringLiteral("x_total")));
    tracker.add(0, parsePromText("# TYPE x counter\nx_total 1\n"));
    const ServerReading r = tracker.add(2, parsePromText("# TYPE x counter\nx_total 5\n"));
    QCOMPARE(r.points.size(), 1);
    QCOMPARE(r.points[0].kind, QStringLiteral("counter_rate"));
    QCOMPARE(r.points[0].value, 2.0);
}

void TestPromText::histogramQuantileMath_data()
{
    constexpr double inf = std::numeric_limits<double>::infinity();
    QTest::addColumn<QList<double>>("bounds");
    QTest::addColumn<QList<double>>("counts");
    QTest::addColumn<double>("q");
    QTest::addColumn<double>("expected");
    const QList<double> b { 0.1, 0.5, 1, inf };
    // 100 observations: 10 <= 0.1, 60 <= 0.5, 90 <= 1, 100 in all.
    const QList<double> c { 10, 60, 90, 100 };
    QTest::addRow("p50 inside (0.1, 0.5]") << b << c << 0.5 << 0.1 + 0.4 * (40.0 / 50.0);
    QTest::addRow("p95 in +Inf -> highest bound") << b << c << 0.95 << 1.0;
    QTest::addRow("p90 at a bound") << b << c << 0.9 << 1.0;
    QTest::addRow("p5 in the first bucket, from 0") << b << c << 0.05 << 0.05;
    QTest::addRow("p75") << b << c << 0.75 << 0.5 + 0.5 * (15.0 / 30.0);
    QTest::addRow("unsorted input") << QList<double> { inf, 1, 0.1, 0.5 } << QList<double> { 100, 90, 10, 60 } << 0.5
                                    << 0.42;
    QTest::addRow("no observations") << b << QList<double> { 0, 0, 0, 0 } << 0.5 << qQNaN();
    QTest::addRow("no +Inf bucket") << QList<double> { 0.1, 1 } << QList<double> { 1, 2 } << 0.5 << qQNaN();
    QTest::addRow("non-monotonic counts are fixed")
        << b << QList<double> { 10, 5, 90, 100 } << 0.5 << 0.5 + 0.5 * (40.0 / 80.0);
    QTest::addRow("negative first bound") << QList<double> { -1, 0, inf } << QList<double> { 5, 10, 10 } << 0.2 << -1.0;
}

void TestPromText::histogramQuantileMath()
{
    QFETCH(QList<double>, bounds);
    QFETCH(QList<double>, counts);
    QFETCH(double, q);
    QFETCH(double, expected);
    QList<PromBucket> buckets;
    for (qsizetype i = 0; i < bounds.size(); ++i)
        buckets.append({ bounds[i], counts[i] });
    const double got = histogramQuantile(q, buckets);
    if (std::isnan(expected))
        QVERIFY2(std::isnan(got), qPrintable(QString::number(got)));
    else
        QVERIFY2(std::abs(got - expected) < 1e-12, qPrintable(QStringLiteral("%1 != %2").arg(got).arg(expected)));
}

void TestPromText::histogramFromBucketDeltas()
{
    PromSeriesTracker tracker(selector(QStringLiteral("lat{route=\"/chat\"}")));
    const auto scrape = [](int a, int b, int c) {
        return parsePromText(QStringLiteral("# TYPE lat histogram\n"
                                            "lat_bucket{route=\"/chat\",le=\"0.1\"} %1\n"
                                            "lat_bucket{route=\"/chat\",le=\"1\"} %2\n"
                                            "lat_bucket{route=\"/chat\",le=\"+Inf\"} %3\n"
                                            "lat_sum{route=\"/chat\"} 1\nlat_count{route=\"/chat\"} %3\n"
                                            "lat_bucket{route=\"/other\",le=\"0.1\"} 1000\n"
                                            "lat_bucket{route=\"/other\",le=\"1\"} 1000\n"
                                            "lat_bucket{route=\"/other\",le=\"+Inf\"} 1000\n")
                                 .arg(a)
                                 .arg(b)
                                 .arg(c)
                                 .toUtf8());
    };
    QVERIFY(tracker.add(0, scrape(1000, 1000, 1000)).points.isEmpty());
    // Between the scrapes: 0 observations <= 0.1, 100 in (0.1, 1], none above. The run-long buckets
    // would say everything is under 0.1 s; the deltas say p50 = 0.1 + 0.9 * 50/100.
    ServerReading r = tracker.add(5, scrape(1000, 1100, 1100));
    QVERIFY(r.error.isEmpty());
    QCOMPARE(r.points.size(), 2);
    QCOMPARE(r.points[0].kind, QStringLiteral("histogram_p50"));
    QCOMPARE(r.points[0].value, 0.55);
    QCOMPARE(r.points[1].kind, QStringLiteral("histogram_p95"));
    QVERIFY(std::abs(r.points[1].value - (0.1 + 0.9 * 0.95)) < 1e-12);
    r = tracker.add(10, scrape(1000, 1100, 1100)); // nothing observed: no point, no error
    QVERIFY(r.error.isEmpty());
    QVERIFY(r.points.isEmpty());
    r = tracker.add(15, scrape(1, 2, 2)); // a reset: no point
    QVERIFY(r.points.isEmpty());
}

void TestPromText::histogramWithoutInf()
{
    PromSeriesTracker tracker(selector(QStringLiteral("h")));
    const ServerReading r = tracker.add(0, parsePromText("# TYPE h histogram\nh_bucket{le=\"1\"} 3\n"));
    QVERIFY(r.error.contains(QLatin1String("+Inf")));
}

void TestPromText::summaryQuantiles()
{
    PromSeriesTracker tracker(selector(QStringLiteral("rpc")));
    const ServerReading r = tracker.add(0,
        parsePromText("# TYPE rpc summary\n"
                      "rpc{quantile=\"0.5\",svc=\"a\"} 0.2\n"
                      "rpc{quantile=\"0.5\",svc=\"b\"} 0.3\n"
                      "rpc{quantile=\"0.95\",svc=\"a\"} 0.9\n"
                      "rpc{quantile=\"0.99\",svc=\"a\"} 5\n"
                      "rpc_sum 10\nrpc_count 40\n"));
    QCOMPARE(r.points.size(), 2);
    QCOMPARE(r.points[0].kind, QStringLiteral("summary_p50"));
    QCOMPARE(r.points[0].value, 0.3); // the largest over the matching label sets
    QCOMPARE(r.points[1].kind, QStringLiteral("summary_p95"));
    QCOMPARE(r.points[1].value, 0.9);
}

void TestPromText::missingSeries()
{
    PromSeriesTracker tracker(selector(QStringLiteral("absent{model=\"x\"}")));
    const ServerReading r = tracker.add(0, parsePromText("present 1\n"));
    QVERIFY(r.points.isEmpty());
    QCOMPARE(r.error, QStringLiteral("no sample matches absent{model=\"x\"}"));
}

void TestPromText::jsonFields()
{
    const QList<ServerReading> r = readJsonFields(
        R"({"rpm": 120, "tpm": 4000.5, "daily_cost": 1.25, "nested": {"a": [1, {"b": 7}]}, "name": "x"})",
        { QStringLiteral("rpm"), QStringLiteral("tpm"), QStringLiteral("nested.a.1.b"), QStringLiteral("missing"),
            QStringLiteral("name") });
    QCOMPARE(r.size(), 5);
    QCOMPARE(r[0].points[0].value, 120.0);
    QCOMPARE(r[0].points[0].kind, QStringLiteral("gauge"));
    QCOMPARE(r[1].points[0].value, 4000.5);
    QCOMPARE(r[2].points[0].value, 7.0);
    QCOMPARE(r[3].error, QStringLiteral("field missing is missing"));
    QVERIFY(r[3].points.isEmpty());
    QCOMPARE(r[4].error, QStringLiteral("field name is not a number"));
    const QList<ServerReading> bad = readJsonFields("<html>", { QStringLiteral("rpm") });
    QCOMPARE(bad[0].error, QStringLiteral("the response is not a JSON object"));
}

QTEST_APPLESS_MAIN(TestPromText)
#include "tst_promtext.moc"
