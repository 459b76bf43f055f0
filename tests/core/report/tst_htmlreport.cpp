// The HTML report as a file: size on long runs, downsampling, escaping, nothing to fetch, no key.

#include "longrun.h"
#include "reportfixture.h"

#include "report/htmlreport.h"
#include "report/summaryjson.h"
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
};

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

QTEST_GUILESS_MAIN(TestHtmlReport)
#include "tst_htmlreport.moc"
