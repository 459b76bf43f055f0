// Comparing runs (report/compare.h): the significance hint on histograms with known answers, the
// figures and deltas per model, the regression budgets, and the JSON and HTML outputs.
#include "report/compare.h"

#include <QtTest/QTest>

using namespace stampede;
using report::ComparedRun;
using report::Comparison;

namespace {

metrics::Histogram histogramOf(std::initializer_list<std::uint64_t> values)
{
    metrics::Histogram h;
    for (std::uint64_t v : values)
        h.record(v);
    return h;
}

/// A run with one model whose successful requests took `latenciesMs` (and the "all" group alike).
ComparedRun runWith(
    const QString &label, const QString &model, const QList<double> &latenciesMs, int failures = 0, double costUsd = 0)
{
    metrics::Histogram h;
    for (double ms : latenciesMs)
        h.record(std::uint64_t(ms * 1000));
    metrics::GroupStats g;
    g.model = model;
    g.successes = latenciesMs.size();
    g.failures = failures;
    g.requests = g.successes + failures;
    g.rps = double(g.requests) / 10;
    g.costUsd = costUsd;
    g.latency = metrics::LatencyStats::fromHistogram(h);
    ComparedRun run;
    run.label = label;
    run.record.summary.models << g;
    g.model = QStringLiteral("all");
    run.record.summary.overall = g;
    run.record.summary.histograms.insert(QStringLiteral("http_req_duration"), h);
    run.record.summary.histograms.insert(QStringLiteral("http_req_duration{model:%1}").arg(model), h);
    return run;
}

QList<double> range(double from, double to, double step)
{
    QList<double> out;
    for (double v = from; v < to; v += step)
        out << v;
    return out;
}

} // namespace

class TestCompare : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Small values are exact buckets, so the test equals the textbook computation: A = 1..5,
    // B = 3..8, ties at 3, 4, 5 -> U_A = 4.5, z = -1.9302, p = 0.05358, P(B > A) = 0.85.
    void mannWhitneyKnownAnswer()
    {
        const auto s = report::mannWhitney(histogramOf({ 1, 2, 3, 4, 5 }), histogramOf({ 3, 4, 5, 6, 7, 8 }));
        QVERIFY(qAbs(s.z - -1.9302348) < 1e-6);
        QVERIFY(qAbs(s.pValue - 0.0535777) < 1e-6);
        QVERIFY(qAbs(s.probabilityHigher - 0.85) < 1e-9);
        QVERIFY(!s.enough); // 5 and 6 values: the hint says so instead of deciding
        QVERIFY(s.text().startsWith(QStringLiteral("too few requests")));
    }

    void mannWhitneyEqualIsNoise()
    {
        metrics::Histogram a, b;
        for (int i = 0; i < 500; ++i) {
            a.record(100000 + std::uint64_t(i) * 300);
            b.record(100000 + std::uint64_t(i) * 300);
        }
        const auto s = report::mannWhitney(a, b);
        QVERIFY(s.enough);
        QCOMPARE(s.z, 0.0);
        QCOMPARE(s.pValue, 1.0);
        QCOMPARE(s.probabilityHigher, 0.5);
        QVERIFY(!s.significant());
        QVERIFY2(s.text().startsWith(QStringLiteral("within the noise")), qPrintable(s.text()));
    }

    // The same spread shifted by 10 % of its width is not noise; by far less, it is.
    void mannWhitneyShift()
    {
        metrics::Histogram a, slower, nearly;
        for (int i = 0; i < 400; ++i) {
            a.record(100000 + std::uint64_t(i) * 250); // 100..200 ms
            slower.record(110000 + std::uint64_t(i) * 250); // +10 ms
            nearly.record(100500 + std::uint64_t(i) * 250); // +0.5 ms
        }
        const auto s = report::mannWhitney(a, slower);
        QVERIFY(s.significant());
        QVERIFY(s.pValue < 1e-4);
        QVERIFY(s.probabilityHigher > 0.55);
        QVERIFY2(s.text().startsWith(QStringLiteral("slower")), qPrintable(s.text()));
        const auto faster = report::mannWhitney(slower, a);
        QVERIFY(faster.text().startsWith(QStringLiteral("faster")));
        QVERIFY(!report::mannWhitney(a, nearly).significant());
    }

    void figuresPerModelAndOverall()
    {
        ComparedRun a = runWith(QStringLiteral("a"), QStringLiteral("m1"), range(100, 200, 1), 0, 0.5);
        ComparedRun b = runWith(QStringLiteral("b"), QStringLiteral("m2"), range(150, 250, 1), 25, 1.5);
        const Comparison c = report::compareRuns({ a, b });
        QCOMPARE(c.groups.size(), 3); // all, m1 (only in a), m2 (only in b)
        QCOMPARE(c.groups[0].model, QStringLiteral("all"));
        const auto &metrics = report::compareMetrics();
        const auto index = [&](const char *key) {
            for (int i = 0; i < metrics.size(); ++i)
                if (metrics[i].key == QLatin1String(key))
                    return i;
            return -1;
        };
        QCOMPARE(*c.groups[0].values[index("requests")][0], 100.0);
        QCOMPARE(*c.groups[0].values[index("requests")][1], 125.0);
        QCOMPARE(*c.groups[0].values[index("error_pct")][1], 20.0);
        QCOMPARE(*c.groups[0].values[index("cost_per_1k_usd")][0], 5.0); // $0.5 over 100 requests
        QVERIFY(qAbs(*c.groups[0].values[index("latency_p50_ms")][1] - 199.5) < 1.5);
        QVERIFY(!c.groups[1].values[index("requests")][1].has_value()); // m1 was not in run b
        QVERIFY(!c.groups[2].values[index("requests")][0].has_value());
        QVERIFY(c.groups[0].latency[1].significant());
        const QString text = report::comparisonText(c);
        QVERIFY2(text.contains(QStringLiteral("+25 (+25.0 %) better")), qPrintable(text)); // requests
        QVERIFY2(text.contains(QStringLiteral("worse")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("latency B vs A: slower")));
    }

    // Every view shows the absolute difference in the figure's unit beside the % change; a zero
    // baseline has no percentage, a difference under the shown precision no sign.
    void deltaCellsAreAbsoluteAndRelative()
    {
        report::CompareGroup g;
        const auto &metrics = report::compareMetrics();
        g.values.resize(metrics.size());
        const auto set = [&](const char *key, std::optional<double> a, std::optional<double> b) {
            for (int i = 0; i < metrics.size(); ++i)
                if (metrics[i].key == QLatin1String(key)) {
                    g.values[i] = { a, b };
                    return i;
                }
            return -1;
        };
        const int p95 = set("latency_p95_ms", 640, 812);
        report::DeltaCell cell = report::deltaCell(g, p95, 1);
        QCOMPARE(cell.text, QStringLiteral("+172.0 (+26.9 %)"));
        QVERIFY(cell.tone == report::DeltaCell::Tone::Worse); // latency: lower is better
        const int errors = set("error_pct", 0, 2.5);
        cell = report::deltaCell(g, errors, 1);
        QCOMPARE(cell.text, QStringLiteral("+2.50")); // no percentage of 0
        QVERIFY(cell.tone == report::DeltaCell::Tone::Worse); // errors from none
        set("error_pct", 0, 0.001);
        QVERIFY(report::deltaCell(g, errors, 1).tone == report::DeltaCell::Tone::None); // "+0.00"
        set("error_pct", 0, 0);
        QCOMPARE(report::deltaCell(g, errors, 1).text, QStringLiteral("+0.00"));
        const int requests = set("requests", 1000, 999.6);
        QCOMPARE(report::deltaCell(g, requests, 1).text, QStringLiteral("+0 (+0.0 %)"));
        QCOMPARE(report::deltaCell(g, set("rps", 10, std::nullopt), 1).text, QString());
        const QString html = report::comparisonHtml(
            report::compareRuns({ runWith(QStringLiteral("a"), QStringLiteral("m"), range(100, 200, 1)),
                runWith(QStringLiteral("b"), QStringLiteral("m"), range(100, 200, 1), 25) }),
            {});
        QVERIFY2(html.contains(QStringLiteral("+25 (+25.0 %)")), "the HTML table shows both deltas");
    }

    void budgetsParse()
    {
        QString error;
        auto b = report::parseRegressionBudget(QStringLiteral("p(95)+10%"), &error);
        QVERIFY(b);
        QCOMPARE(b->metricKey, QStringLiteral("latency_p95_ms"));
        QCOMPARE(b->limit, 10.0);
        b = report::parseRegressionBudget(QStringLiteral("ttft:p(95) + 0.2s"), &error);
        QVERIFY(b);
        QCOMPARE(b->metricKey, QStringLiteral("ttft_p95_ms"));
        QCOMPARE(b->limit, 200.0);
        QVERIFY(b->unit == report::RegressionBudget::Unit::Milliseconds);
        QCOMPARE(report::parseRegressionBudget(QStringLiteral("error_rate+1%"), &error)->metricKey,
            QStringLiteral("error_pct"));
        QCOMPARE(report::parseRegressionBudget(QStringLiteral("rps-5%"), &error)->metricKey, QStringLiteral("rps"));
        QCOMPARE(report::parseRegressionBudget(QStringLiteral("tpot:avg+10%"), &error)->metricKey,
            QStringLiteral("tpot_mean_ms"));
        QVERIFY(!report::parseRegressionBudget(QStringLiteral("rps+5%"), &error));
        QVERIFY2(error.contains(QStringLiteral("rps-N%")), qPrintable(error));
        QVERIFY(!report::parseRegressionBudget(QStringLiteral("p(95)<10%"), &error));
        QVERIFY2(error.contains(QStringLiteral("p(95)+10%")), qPrintable(error));
        QVERIFY(!report::parseRegressionBudget(QStringLiteral("tpot:p(95)+10%"), &error));
    }

    void budgetsBreach()
    {
        // p95 of 100..199 ms is ~195 ms; of 100..229 ms ~224 ms: +15 %.
        const Comparison c
            = report::compareRuns({ runWith(QStringLiteral("a"), QStringLiteral("m"), range(100, 200, 1)),
                runWith(QStringLiteral("b"), QStringLiteral("m"), range(100, 230, 1), 13) });
        QString error;
        const auto budget
            = [&](const char *text) { return *report::parseRegressionBudget(QLatin1String(text), &error); };
        QCOMPARE(report::budgetBreaches(c, { budget("p(95)+20%") }).size(), 0);
        const QStringList breaches = report::budgetBreaches(c, { budget("p(95)+10%") });
        QCOMPARE(breaches.size(), 2); // all models and m
        QVERIFY2(breaches[0].startsWith(QStringLiteral("run B, all models: p(95) ")), qPrintable(breaches[0]));
        QVERIFY2(breaches[0].contains(QStringLiteral("budget p(95)+10%")), qPrintable(breaches[0]));
        QCOMPARE(report::budgetBreaches(c, { budget("p(95)+40ms") }).size(), 0);
        QCOMPARE(report::budgetBreaches(c, { budget("p(95)+20ms") }).size(), 2);
        QCOMPARE(report::budgetBreaches(c, { budget("error_rate+10%") }).size(), 0); // 0 -> 9.1 points
        QCOMPARE(report::budgetBreaches(c, { budget("error_rate+5%") }).size(), 2);
        QCOMPARE(report::budgetBreaches(c, { budget("rps-5%") }).size(), 0); // more requests: better
    }

    // With an SLO, goodput and the share meeting it are compared (higher is better) and can be
    // budgeted; runs without one leave both rows out of the tables.
    void goodputAndSloAttainment()
    {
        ComparedRun a = runWith(QStringLiteral("a"), QStringLiteral("m"), range(100, 200, 1)); // 100 requests, 10/s
        ComparedRun b = runWith(QStringLiteral("b"), QStringLiteral("m"), range(100, 200, 1));
        const QString plain = report::comparisonText(report::compareRuns({ a, b }));
        QVERIFY2(!plain.contains(QStringLiteral("goodput")), qPrintable(plain));
        auto judge = [](ComparedRun &run, std::int64_t met) {
            for (metrics::GroupStats *g : { &run.record.summary.overall, &run.record.summary.models[0] }) {
                g->slo = model::Slo {};
                g->sloMet = met;
                g->goodput = double(met) / 10;
                g->sloAttainment = double(met) / double(g->requests);
            }
        };
        judge(a, 90); // 9 req/s, 90 %
        judge(b, 72); // 7.2 req/s, 72 %
        const Comparison c = report::compareRuns({ a, b });
        const int goodput = int(std::distance(report::compareMetrics().cbegin(),
            std::find_if(report::compareMetrics().cbegin(), report::compareMetrics().cend(),
                [](const report::CompareMetric &m) { return m.key == QLatin1String("goodput_rps"); })));
        QVERIFY(c.groups[0].measured(goodput));
        QCOMPARE(*c.groups[0].values[goodput][0], 9.0);
        QCOMPARE(*c.groups[0].values[goodput + 1][1], 72.0); // slo_met_pct
        const auto change = report::change(c.groups[0], goodput, 1);
        QVERIFY(change && !change->better);
        QCOMPARE(change->text(), QStringLiteral("-20.0 %"));
        const QString text = report::comparisonText(c);
        QVERIFY2(
            text.contains(QStringLiteral("goodput (req/s)")) && text.contains(QStringLiteral("-1.80 (-20.0 %) worse")),
            qPrintable(text));
        QString error;
        const auto budget = [&](const char *t) { return *report::parseRegressionBudget(QLatin1String(t), &error); };
        QCOMPARE(budget("goodput-10%").metricKey, QStringLiteral("goodput_rps"));
        QCOMPARE(report::budgetBreaches(c, { budget("goodput-25%") }).size(), 0);
        QCOMPARE(report::budgetBreaches(c, { budget("goodput-10%") }).size(), 2); // all models and m
        QCOMPARE(report::budgetBreaches(c, { budget("slo_attainment-20%") }).size(), 0); // 18 points
        QCOMPARE(report::budgetBreaches(c, { budget("slo_attainment-15%") }).size(), 2);
        QVERIFY(!report::parseRegressionBudget(QStringLiteral("goodput+5%"), &error));
        QVERIFY2(error.contains(QStringLiteral("goodput-N%")), qPrintable(error));
    }

    void jsonAndHtml()
    {
        const Comparison c
            = report::compareRuns({ runWith(QStringLiteral("before"), QStringLiteral("m"), range(100, 200, 1)),
                runWith(QStringLiteral("after <b>"), QStringLiteral("m"), range(120, 220, 1)) });
        const nlohmann::json json = report::comparisonJson(c, { QStringLiteral("a breach") });
        QVERIFY(json["runs"].size() == 2u);
        QVERIFY(json["groups"][0]["model"] == "all");
        QVERIFY(json["groups"][0]["values"]["requests"][1] == 100.0);
        const auto &versus = json["groups"][1]["versus_baseline"][0];
        QVERIFY(versus["run"] == "B");
        QVERIFY(versus["deltas"]["latency_p95_ms"]["delta_pct"].get<double>() > 5);
        QVERIFY(versus["latency_significance"]["test"] == "mann-whitney-u");
        QVERIFY(versus["latency_significance"]["significant"] == true);
        QVERIFY(json["budget_breaches"][0] == "a breach");
        const QString html = report::comparisonHtml(c, { QStringLiteral("a breach") });
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
        QVERIFY(html.contains(QStringLiteral("REGRESSION")));
        QCOMPARE(html.count(QStringLiteral("<svg")), 2); // a CDF for all models and for m
        QVERIFY(html.contains(QStringLiteral("after &lt;b&gt;")));
        QVERIFY(!html.contains(QStringLiteral("after <b>")));
        QVERIFY(!html.contains(QStringLiteral("src=\"http"))); // offline: nothing fetched
    }

    void cdfEndsAtOne()
    {
        const auto points = report::latencyCdf(histogramOf({ 1000, 2000, 2000, 4000 }));
        QCOMPARE(points.size(), 3);
        QCOMPARE(points[0].second, 0.25);
        QCOMPARE(points[1].second, 0.75);
        QCOMPARE(points.last().second, 1.0);
        QVERIFY(qAbs(points.last().first - 4.0) < 0.05);
    }
};

QTEST_GUILESS_MAIN(TestCompare)
#include "tst_compare.moc"
