// Golden files for the CSV and JSON exports, and the pieces they are built from.

#include "goldens.h"
#include "longrun.h"
#include "reportfixture.h"

#include "report/csvexport.h"
#include "report/exporter.h"
#include "report/htmlreport.h"
#include "report/journal.h"
#include "report/merge.h"
#include "report/summaryjson.h"
#include "report/summaryload.h"
#include "report/summarytext.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace stampede;

namespace {

/// The summary JSON with the fields that change with the build normalised.
QByteArray normalisedJson(const QByteArray &bytes)
{
    nlohmann::json j = nlohmann::json::parse(bytes.toStdString());
    j["tool"]["version"] = "X";
    return QByteArray::fromStdString(j.dump(2)) + '\n';
}

QByteArray journalOf(const QList<metrics::RequestOutcome> &outcomes, const QStringList &models)
{
    QByteArray out;
    for (const auto &o : outcomes)
        out += report::outcomeToJsonLine(o, models.value(o.modelIndex)) + '\n';
    return out;
}

/// Requests of each model (0, 1) that met the fixture's SLO, counted by hand from the outcomes: a
/// success whose latency (sent -> end) and TTFT (sent -> first token), in whole µs, are under the
/// bounds (every request streams, and tpot has no bound).
std::array<std::int64_t, 2> handCountedSloMet(const QList<metrics::RequestOutcome> &outcomes)
{
    std::array<std::int64_t, 2> met {};
    const auto us = [](std::int64_t from, std::int64_t to) { return (to - from + 500) / 1000; };
    for (const metrics::RequestOutcome &o : outcomes) {
        const std::int64_t ttftBoundUs = o.modelIndex == 1 ? 30'000 : 40'000;
        if (o.succeeded() && us(o.sentNs, o.endNs) < 60'000 && us(o.sentNs, o.firstTokenNs) < ttftBoundUs)
            ++met[std::size_t(o.modelIndex)];
    }
    return met;
}

} // namespace

class TestReportExports : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void csvQuoting_data();
    void csvQuoting();
    void numbersUseTheCLocale();
    void goldenCsv_data();
    void goldenCsv();
    void goldenRequests();
    void goldenJson();
    void streamedJsonIsTheDocument_data();
    void streamedJsonIsTheDocument();
    void journalLineRoundTrip();
    void journalLineMatchesDom();
    void summaryJsonRoundTrip();
    void cancelledApartInEveryExport();
    void oneConcurrencyInEveryExport();
    void sloInEveryExport();
    void noSloNoSloKeys();
    void cacheAndReasoningTokensInTextAndHtml();
    void conversationTurnsEverywhere();
    void workloadTokenLengths();
    void mergedHistogramsEqualOneRun();
    void exportRunWritesEverything();
};

void TestReportExports::csvQuoting_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field");
    QTest::addRow("plain") << QStringLiteral("timeout") << QStringLiteral("timeout");
    QTest::addRow("comma") << QStringLiteral("a, b") << QStringLiteral("\"a, b\"");
    QTest::addRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
    QTest::addRow("newline") << QStringLiteral("one\ntwo") << QStringLiteral("\"one\ntwo\"");
    QTest::addRow("cr") << QStringLiteral("one\rtwo") << QStringLiteral("\"one\rtwo\"");
    QTest::addRow("empty") << QString() << QString();
}

void TestReportExports::csvQuoting()
{
    QFETCH(QString, text);
    QFETCH(QString, field);
    QCOMPARE(report::csvField(text), field);
}

void TestReportExports::numbersUseTheCLocale()
{
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(report::csvNumber(1234567.891), QStringLiteral("1234567.891"));
    const QByteArray csv = report::summaryCsv(test::syntheticRecord().summary);
    QLocale::setDefault(QLocale::c());
    QVERIFY(csv == report::summaryCsv(test::syntheticRecord().summary));
}

void TestReportExports::goldenCsv_data()
{
    QTest::addColumn<QString>("name");
    QTest::addRow("summary") << QStringLiteral("summary.csv");
    QTest::addRow("history") << QStringLiteral("history.csv");
    QTest::addRow("failures") << QStringLiteral("failures.csv");
}

void TestReportExports::goldenCsv()
{
    QFETCH(QString, name);
    const metrics::RunSummary summary = test::syntheticRecord().summary;
    QVERIFY(summary.overall.failures > 0);
    const QByteArray csv = name == QLatin1StringView("summary.csv") ? report::summaryCsv(summary)
        : name == QLatin1StringView("history.csv")                  ? report::historyCsv(summary)
                                                                    : report::failuresCsv(summary);
    QVERIFY(test::matchesGolden(name, csv));
}

void TestReportExports::goldenRequests()
{
    const report::RunMeta meta = test::reportMeta();
    const QByteArray journal = journalOf(test::syntheticOutcomes(), meta.models);
    QVERIFY(test::matchesGolden(QStringLiteral("requests.jsonl"), journal));
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("requests.jsonl")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(journal);
    file.close();
    const QString csvPath = dir.filePath(QStringLiteral("requests.csv"));
    QCOMPARE(report::writeRequestsCsv(file.fileName(), csvPath, meta.scenario.checks), QString());
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QVERIFY(test::matchesGolden(QStringLiteral("requests.csv"), csv.readAll()));
}

void TestReportExports::goldenJson()
{
    const report::RunRecord record = test::syntheticRecord();
    const QByteArray json = report::recordJsonBytes(record);
    QVERIFY(!json.contains(test::kCanary));
    QVERIFY(test::matchesGolden(QStringLiteral("summary.json"), normalisedJson(json)));
}

void TestReportExports::streamedJsonIsTheDocument_data()
{
    QTest::addColumn<report::RunRecord>("record");
    QTest::addColumn<bool>("history");
    QTest::addRow("synthetic") << test::syntheticRecord() << true;
    QTest::addRow("without history") << test::syntheticRecord() << false;
    report::RunRecord empty = test::syntheticRecord();
    empty.summary.history.clear();
    QTest::addRow("empty history") << empty << true;
    QTest::addRow("one hour") << test::oneHourRecord() << true;
}

void TestReportExports::streamedJsonIsTheDocument()
{
    // The streamed writer must give exactly the bytes of the one-document dump.
    QFETCH(report::RunRecord, record);
    QFETCH(bool, history);
    const report::SummaryContext context { record.meta.scenario, record.meta.baseUrl, history, true };
    const QByteArray expected
        = QByteArray::fromStdString(report::summaryToJson(record.summary, context).dump(2)) + '\n';
    const QByteArray streamed = report::summaryJsonBytes(record.summary, context);
    if (streamed != expected) {
        qsizetype at = 0;
        while (at < streamed.size() && at < expected.size() && streamed[at] == expected[at])
            ++at;
        QFAIL(qPrintable(QStringLiteral("first difference at byte %1: ...%2... vs ...%3...")
                             .arg(at)
                             .arg(QString::fromUtf8(streamed.mid(std::max<qsizetype>(0, at - 40), 80)),
                                 QString::fromUtf8(expected.mid(std::max<qsizetype>(0, at - 40), 80)))));
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("summary.json"));
    QCOMPARE(report::saveSummaryJson(path, record.summary, context), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll() == expected);
}

void TestReportExports::journalLineMatchesDom()
{
    // The direct writer must give the bytes the nlohmann document gives, whatever the fields hold.
    QList<metrics::RequestOutcome> outcomes = test::syntheticOutcomes(60);
    const QStringList texts = { QStringLiteral("quote \" back\\slash / tab\t nl\n cr\r"),
        QString(QChar(0x01)) + QChar(0x1f), QStringLiteral("你好 — ünïcode 😀"), QString(), QStringLiteral("\b\f") };
    for (qsizetype i = 0; i < outcomes.size(); ++i) {
        metrics::RequestOutcome &o = outcomes[i];
        o.errorMessage = texts[i % texts.size()];
        o.modelReturned = texts[(i + 1) % texts.size()];
        if (i % 3 == 0)
            o.retryReasons = { QStringLiteral("http_429"), texts[i % texts.size()] };
        o.http2 = i % 2;
        o.tokensEstimated = i % 5 == 0;
        o.turn = int(i % 4); // a conversation's turn (issue 16); 0: none
        o.sharedPrefix = int(i % 3) - 2; // none in the run, without, the first shared prefix
        o.toolCalls = int(i % 3); // scenario "tools" (issue 16)
        o.toolCallsInvalid = int(i % 2) * o.toolCalls;
        o.checksEvaluated = i % 4 ? 7u : 0u;
        o.checksPassed = i % 4 == 1 ? 5u : 0u;
        o.bytesReceived = i % 6 ? 1000 + i : 0;
        if (i % 2) { // the gateway's headers (issue 14): any bytes a server sent, escaped alike
            o.headers = { { "x-ratelimit-remaining-requests", QByteArray::number(i) },
                { "x-cache", texts[i % texts.size()].toUtf8() } };
            o.requestId = texts[(i + 3) % texts.size()];
            o.rateLimited = i % 3;
            o.first429Ns = i % 3 ? 1000 + i : -1;
            o.retryAfterMs = i * 100;
            o.retryWaitMs = i * 90;
        }
        const QString model = texts[(i + 2) % texts.size()];
        QCOMPARE(report::outcomeToJsonLine(o, model), report::detail::outcomeToJsonLineDom(o, model));
    }
}

void TestReportExports::journalLineRoundTrip()
{
    int n = 0;
    for (metrics::RequestOutcome o : test::syntheticOutcomes(40)) {
        if (++n % 2) {
            o.headers = { { "x-litellm-overhead-duration-ms", "7" }, { "server-timing", "gw;dur=3.5, up;dur=120" } };
            o.requestId = QStringLiteral("req_%1").arg(n);
            o.rateLimited = 2;
            o.first429Ns = 5'000'000'000 + n;
            o.retryAfterMs = 2000;
            o.retryWaitMs = 2100;
            o.toolCalls = 3;
            o.toolCallsInvalid = 1;
        }
        QString model;
        const auto back = report::outcomeFromJsonLine(report::outcomeToJsonLine(o, QStringLiteral("m")), &model);
        QVERIFY(back);
        QCOMPARE(model, QStringLiteral("m"));
        QCOMPARE(back->modelIndex, o.modelIndex);
        QCOMPARE(back->scheduledNs, o.scheduledNs);
        QCOMPARE(back->dispatchedNs, o.dispatchedNs);
        QCOMPARE(back->sentNs, o.sentNs);
        QCOMPARE(back->firstByteNs, o.firstByteNs);
        QCOMPARE(back->firstTokenNs, o.firstTokenNs);
        QCOMPARE(back->lastTokenNs, o.lastTokenNs);
        QCOMPARE(back->endNs, o.endNs);
        QCOMPARE(back->httpStatus, o.httpStatus);
        QCOMPARE(back->errorClass, o.errorClass);
        QCOMPARE(back->errorMessage, o.errorMessage);
        QCOMPARE(back->finishReason, o.finishReason);
        QCOMPARE(back->attempts, o.attempts);
        QCOMPARE(back->retryReasons, o.retryReasons);
        QCOMPARE(back->promptTokens, o.promptTokens);
        QCOMPARE(back->completionTokens, o.completionTokens);
        QCOMPARE(back->tokensEstimated, o.tokensEstimated);
        QCOMPARE(back->modelReturned, o.modelReturned);
        QCOMPARE(back->bytesReceived, o.bytesReceived);
        QCOMPARE(back->streamed, o.streamed);
        QCOMPARE(back->checksEvaluated, o.checksEvaluated);
        QCOMPARE(back->checksPassed, o.checksPassed);
        QCOMPARE(back->headers, o.headers);
        QCOMPARE(back->requestId, o.requestId);
        QCOMPARE(back->rateLimited, o.rateLimited);
        QCOMPARE(back->first429Ns, o.first429Ns);
        QCOMPARE(back->retryAfterMs, o.retryAfterMs);
        QCOMPARE(back->retryWaitMs, o.retryWaitMs);
        QCOMPARE(back->toolCalls, o.toolCalls);
        QCOMPARE(back->toolCallsInvalid, o.toolCallsInvalid);
        QVERIFY(back->itlUs == o.itlUs);
    }
    QVERIFY(!report::outcomeFromJsonLine("{\"i\":0,\"sched\":12,\"en"));
    QVERIFY(!report::outcomeFromJsonLine("not json"));
}

void TestReportExports::summaryJsonRoundTrip()
{
    const report::RunRecord record = test::syntheticRecord();
    const QByteArray json = report::recordJsonBytes(record);
    const metrics::RunSummary back = report::summaryFromJson(nlohmann::json::parse(json.toStdString()));
    // Everything the JSON holds survives: writing it again gives the same bytes.
    report::RunRecord again = record;
    again.summary = back;
    QCOMPARE(report::recordJsonBytes(again), json);
    QCOMPARE(back.models.size(), 2);
    QCOMPARE(back.failures.size(), record.summary.failures.size());
    QVERIFY(back.overall.latency.histogram);
    QCOMPARE(back.overall.latency.value(QStringLiteral("p(99.9)")),
        record.summary.overall.latency.value(QStringLiteral("p(99.9)")));
}

void TestReportExports::cancelledApartInEveryExport()
{
    // Requests cut by the run's own stop (issue 11): apart in JSON, CSV, text and HTML, never errors.
    report::RunRecord record = test::syntheticRecord();
    QList<metrics::RequestOutcome> outcomes = test::syntheticOutcomes(100);
    for (int i = 0; i < 4; ++i) {
        metrics::RequestOutcome cut = outcomes[i];
        cut.errorClass = metrics::ErrorClass::Cancelled;
        cut.httpStatus = 0;
        outcomes << cut;
    }
    record.summary = test::summarize(record.meta, outcomes);
    const metrics::GroupStats &all = record.summary.overall;
    QCOMPARE(all.cancelled, 4);
    QVERIFY(!all.errors.contains(QStringLiteral("cancelled")));

    nlohmann::json j = nlohmann::json::parse(report::recordJsonBytes(record).toStdString());
    QCOMPARE(j["overall"]["cancelled"].get<int>(), 4);
    QCOMPARE(report::summaryFromJson(j).overall.cancelled, 4);
    // A summary from before the rule has them among its errors: read with today's meaning.
    j["overall"].erase("cancelled");
    j["overall"]["errors"]["cancelled"] = 4;
    j["overall"]["requests"] = all.requests + 4;
    j["overall"]["failures"] = all.failures + 4;
    const metrics::GroupStats old = report::summaryFromJson(j).overall;
    QCOMPARE(old.cancelled, 4);
    QCOMPARE(old.requests, all.requests);
    QCOMPARE(old.failures, all.failures);
    QCOMPARE(old.errors, all.errors);

    const QList<QByteArray> csv = report::summaryCsv(record.summary).split('\n');
    const qsizetype column = csv[0].trimmed().split(',').indexOf("cancelled");
    QVERIFY(column > 0);
    QCOMPARE(csv[csv.size() - 2].split(',').value(column), QByteArray("4")); // the mixed row
    QVERIFY(report::historyCsv(record.summary).split('\n').constFirst().contains(",cancelled,"));
    QVERIFY(report::summaryText(record.summary, QUrl(QStringLiteral("http://127.0.0.1:1/v1")))
                .contains(QLatin1String("Cancelled by the stop: 4")));
    const QByteArray html = report::htmlReport(record);
    QVERIFY(html.contains("id=\"cancelled\">4 request(s) cancelled"));
}

void TestReportExports::oneConcurrencyInEveryExport()
{
    // One per-model concurrency (issue 11): the mean in flight, the same figure in JSON, CSV, the
    // CLI text and the HTML report, and the models add up to the mixed row.
    const report::RunRecord record = test::syntheticRecord();
    const metrics::RunSummary &summary = record.summary;
    double sum = 0;
    for (const metrics::GroupStats &g : summary.models) {
        QVERIFY(g.meanInFlight > 0);
        sum += g.meanInFlight;
    }
    QVERIFY(qAbs(sum - summary.overall.meanInFlight) < 1e-9);
    QVERIFY(summary.models[0].meanInFlight != summary.models[1].meanInFlight); // not one number on every row

    const nlohmann::json j = nlohmann::json::parse(report::recordJsonBytes(record).toStdString());
    QCOMPARE(j["models"][0]["in_flight_mean"].get<double>(), summary.models[0].meanInFlight);
    QCOMPARE(report::summaryFromJson(j).models[0].meanInFlight, summary.models[0].meanInFlight);

    const QList<QByteArray> csv = report::summaryCsv(summary).split('\n');
    QCOMPARE(csv[0].split(',').value(1), QByteArray("mean_in_flight"));
    QVERIFY(qAbs(csv[1].split(',').value(1).toDouble() - summary.models[0].meanInFlight) < 0.001);

    const QString oneDecimal = QString::number(summary.models[0].meanInFlight, 'f', 1);
    const QString text = report::summaryText(summary, QUrl(QStringLiteral("http://127.0.0.1:1/v1")));
    const QString modelLine = text.section(QLatin1Char('\n'), 0, -1, QString::SectionSkipEmpty)
                                  .split(QLatin1Char('\n'))
                                  .filter(summary.models[0].model)
                                  .value(0);
    QVERIFY2(modelLine.split(QLatin1Char(' '), Qt::SkipEmptyParts).value(1) == oneDecimal, qPrintable(modelLine));
    const QByteArray html = report::htmlReport(record);
    QVERIFY(html.contains("mean in flight"));
    QVERIFY(html.contains(
        QStringLiteral("<td>%1</td><td class=\"n\">%2</td>").arg(summary.models[0].model, oneDecimal).toUtf8()));
}

void TestReportExports::sloInEveryExport()
{
    // The fixture declares http_req_duration < 60ms and ttft < 40ms, beta-2 its own ttft < 30ms.
    const report::RunRecord record = test::syntheticRecord();
    const metrics::RunSummary &summary = record.summary;
    const auto met = handCountedSloMet(test::syntheticOutcomes(100));
    QVERIFY(met[0] > 0 && met[1] > 0 && met[0] + met[1] < summary.overall.requests); // some met, some did not
    const double windowS = double(summary.durationMs) / 1000.0;

    const nlohmann::json j = nlohmann::json::parse(report::recordJsonBytes(record).toStdString());
    const nlohmann::json &all = j["overall"];
    QVERIFY(all["slo"] == nlohmann::json({ { "http_req_duration", 60 }, { "ttft", 40 } }));
    QCOMPARE(all["slo_met"].get<std::int64_t>(), met[0] + met[1]);
    QCOMPARE(all["slo_attainment"].get<double>(), double(met[0] + met[1]) / double(summary.overall.requests));
    QVERIFY(qAbs(all["goodput_rps"].get<double>() - double(met[0] + met[1]) / windowS) < 1e-9);
    QVERIFY(j["models"][1]["slo"] == nlohmann::json({ { "http_req_duration", 60 }, { "ttft", 30 } }));
    QCOMPARE(j["models"][0]["slo_met"].get<std::int64_t>(), met[0]);
    QCOMPARE(j["models"][1]["slo_met"].get<std::int64_t>(), met[1]);
    std::int64_t perSecond = 0;
    for (const nlohmann::json &second : j["history"])
        perSecond += second["groups"][0]["slo_met"].get<std::int64_t>();
    QCOMPARE(perSecond, met[0] + met[1]);
    QVERIFY(j["thresholds"][2]["metric"] == "slo_attainment");
    QCOMPARE(j["thresholds"][2]["value"].get<double>(), all["slo_attainment"].get<double>());

    // Read back as written (report regeneration and compare read these).
    const metrics::RunSummary back = report::summaryFromJson(j);
    QVERIFY(back.overall.hasSlo() && back.models[1].hasSlo());
    QCOMPARE(*back.models[1].slo, *summary.models[1].slo);
    QCOMPARE(back.overall.sloMet, summary.overall.sloMet);
    QCOMPARE(back.overall.goodput, summary.overall.goodput);
    QCOMPARE(back.models[0].sloAttainment, summary.models[0].sloAttainment);
    QCOMPARE(back.history[0].groups[2].sloMet, summary.history[0].groups[2].sloMet);

    const QList<QByteArray> csv = report::summaryCsv(summary).split('\n');
    const QList<QByteArray> header = csv[0].trimmed().split(',');
    const QList<QByteArray> mixed = csv[csv.size() - 2].trimmed().split(',');
    QCOMPARE(mixed.value(header.indexOf("slo_met")).toLongLong(), met[0] + met[1]);
    QCOMPARE(header.indexOf("slo_attainment") + 1, header.indexOf("end"));
    QVERIFY(report::historyCsv(summary).split('\n').constFirst().trimmed().endsWith(",slo_met,goodput_rps"));

    const QString text = report::summaryText(summary, QUrl(QStringLiteral("http://127.0.0.1:1/v1")));
    QVERIFY2(text.contains(QLatin1String("goodput/s")) && text.contains(QLatin1String("SLO met")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String(
                 "SLO: http_req_duration < 60ms, ttft < 40ms; beta-2: http_req_duration < 60ms, ttft < 30ms.")),
        qPrintable(text));
    const QByteArray html = report::htmlReport(record);
    QVERIFY(html.contains("<th class=\"n\">SLO met</th>"));
    QVERIFY(html.contains("id=\"slo\">SLO: http_req_duration &lt; 60ms"));
    QVERIFY(html.contains("<i style=\"background:#188038\"></i>goodput</span>")); // the throughput chart's line
}

void TestReportExports::noSloNoSloKeys()
{
    // Without an SLO the figures are absent everywhere (not 100 %, not 0).
    report::RunRecord record = test::syntheticRecord();
    record.meta.scenario.slo = {};
    for (scenario::ModelSpec &model : record.meta.scenario.models)
        model.slo = {};
    record.meta.scenario.thresholds.removeLast();
    record.summary = test::summarize(record.meta, test::syntheticOutcomes(100));
    QVERIFY(!record.summary.overall.hasSlo());
    const QByteArray json = report::recordJsonBytes(record);
    for (const char *key : { "\"slo\"", "slo_met", "goodput", "slo_attainment" })
        QVERIFY2(!json.contains(key), key);
    QVERIFY(!report::summaryFromJson(nlohmann::json::parse(json.toStdString())).overall.hasSlo());
    QVERIFY(!report::summaryCsv(record.summary).contains("slo"));
    QVERIFY(!report::historyCsv(record.summary).contains("slo"));
    QVERIFY(!report::summaryText(record.summary, QUrl()).contains(QLatin1String("oodput")));
    const QByteArray html = report::htmlReport(record);
    QVERIFY(!html.contains("SLO met") && !html.contains("goodput"));
}

namespace {

/// `text` without the part from `from` up to and including the first `to` after it; unchanged when
/// `from` is not in it.
template <typename S> S without(S text, const S &from, const S &to)
{
    const qsizetype start = text.indexOf(from);
    if (start < 0)
        return text;
    const qsizetype end = text.indexOf(to, start);
    return end < 0 ? text : text.remove(start, end + to.size() - start);
}

/// The cells of the row of `name` in the text table that follows `title`.
QStringList textRow(const QString &text, const QString &title, const QString &name)
{
    const QString section = text.mid(text.indexOf(title));
    for (const QString &line : section.split(QLatin1Char('\n')))
        if (line.startsWith(QStringLiteral("  ") + name + QLatin1Char(' ')))
            return line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return {};
}

} // namespace

void TestReportExports::workloadTokenLengths()
{
    // The report's workload (issue 16): the token lengths the successes actually sent and got, in
    // doubling buckets, survive the summary JSON and show as the report's histograms.
    report::RunRecord record = test::syntheticRecord();
    QList<metrics::RequestOutcome> outcomes = test::syntheticOutcomes(40);
    std::int64_t successes = 0, promptSum = 0;
    for (qsizetype i = 0; i < outcomes.size(); ++i) {
        metrics::RequestOutcome &o = outcomes[i];
        o.promptTokens = i % 2 ? 1500 : 100; // 1,024-2,047 or 64-127
        o.cacheReadTokens = i % 4 == 1 ? 600 : 0; // 2,100: 2,048-4,095
        o.cacheCreationTokens = 0;
        o.completionTokens = i == 3 ? 0 : 50;
        if (o.succeeded()) {
            ++successes;
            promptSum += o.promptTokens + o.cacheReadTokens;
        }
    }
    record.meta.scenario.tools
        = scenario::Tools { { { QStringLiteral("get_weather"), {}, {} } }, QStringLiteral("auto") };
    record.summary = test::summarize(record.meta, outcomes);
    const metrics::TokenLengths &all = record.summary.overall.tokenLengths;
    QCOMPARE(all.prompt.count, successes);
    QCOMPARE(all.prompt.sum, promptSum);
    using H = metrics::TokenLengthHistogram;
    QCOMPARE(H::bucketOf(100), 7); // 64-127
    QCOMPARE(H::bucketOf(1500), 11); // 1,024-2,047
    QCOMPARE(H::bucketOf(2100), 12);
    QCOMPARE(H::bucketOf(0), 0);
    QCOMPARE(H::bucketOf(std::int64_t(1) << 40), H::kBuckets - 1); // past the top: the last
    QCOMPARE(all.prompt.buckets[7] + all.prompt.buckets[11] + all.prompt.buckets[12], successes);
    QVERIFY(all.prompt.buckets[12] > 0);
    QCOMPARE(all.prompt.min, 100);
    QCOMPARE(all.prompt.max, 2100);
    // Read back from the summary JSON: the same buckets and mean.
    const metrics::RunSummary back = report::summaryFromJson(report::summaryToJson(record.summary, {}));
    QVERIFY(back.overall.tokenLengths.prompt.buckets == all.prompt.buckets);
    QVERIFY(back.overall.tokenLengths.completion.buckets == all.completion.buckets);
    QCOMPARE(back.overall.tokenLengths.prompt.sum, all.prompt.sum);
    QCOMPARE(back.overall.tokenLengths.prompt.max, 2100);
    // The report: the workload in words, a table per model, and the two histograms.
    const QByteArray html = report::htmlReport(record);
    QVERIFY(html.contains("<section id=\"workload\"><h2>Workload</h2>"));
    QVERIFY(html.contains("Every request declares 1 function (get_weather), tool choice auto."));
    QVERIFY(html.contains("Prompt tokens sent per request (all models)"));
    QVERIFY(html.contains("<td>1,024&ndash;2,047</td>")
        || html.contains("<td>1,024\xe2\x80\x93"
                         "2,047</td>"));
    QVERIFY(html.contains("<td>2,048\xe2\x80\x93"
                          "4,095</td>"));
    QVERIFY(html.contains("class=\"hbar\""));
}

void TestReportExports::conversationTurnsEverywhere()
{
    // A conversation run (issue 16): each outcome carries its turn; the summary keeps TTFT and latency by
    // turn per group, and they survive the summary JSON, the journal, the text summary and the report.
    report::RunRecord record = test::syntheticRecord();
    QList<metrics::RequestOutcome> outcomes = test::syntheticOutcomes(90);
    for (qsizetype i = 0; i < outcomes.size(); ++i)
        outcomes[i].turn = int(i % 3) + 1;
    record.summary = test::summarize(record.meta, outcomes);
    const metrics::GroupStats &all = record.summary.overall;
    QCOMPARE(all.turns.size(), 3);
    std::int64_t requests = 0, ttfts = 0;
    for (const metrics::TurnStats &t : all.turns) {
        requests += t.requests;
        ttfts += std::int64_t(t.ttft.count);
    }
    QCOMPARE(requests, all.requests);
    QCOMPARE(ttfts, std::int64_t(all.ttft.count));
    // The summary JSON, read back.
    const metrics::RunSummary back = report::summaryFromJson(report::summaryToJson(record.summary, {}));
    QCOMPARE(back.overall.turns.size(), 3);
    QCOMPARE(back.overall.turns[2].turn, 3);
    QCOMPARE(back.overall.turns[2].requests, all.turns[2].requests);
    QCOMPARE(back.overall.turns[1].ttft.p95, all.turns[1].ttft.p95);
    QCOMPARE(back.models[0].turns.size(), record.summary.models[0].turns.size());
    // The journal keeps the turn; replayed, the outcome says it again.
    const QByteArray line = report::outcomeToJsonLine(outcomes[1], QStringLiteral("m"));
    QVERIFY2(line.contains("\"turn\":2"), line.constData());
    QCOMPARE(report::outcomeFromJsonLine(line)->turn, 2);
    const auto huge = report::outcomeFromJsonLine(QByteArray(line).replace("\"turn\":2", "\"turn\":100000"));
    QVERIFY(huge);
    QCOMPARE(huge->turn, metrics::kMaxTrackedTurns); // a hand-edited journal cannot grow the turns without bound
    // The text summary and the report: a table by turn, the report a chart too.
    const QString text = report::summaryText(record.summary, QUrl(QStringLiteral("http://127.0.0.1:1/v1")));
    QVERIFY2(text.contains(QStringLiteral("Conversation turns (all models):")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("TTFT p95")), qPrintable(text));
    const QByteArray html = report::htmlReport(record);
    QVERIFY(html.contains("<h3 id=\"turns\">Conversation turns</h3>"));
    QVERIFY(html.contains("Time to first token by conversation turn"));
    QVERIFY(html.contains("data-xunit=\"turn\""));
    QVERIFY(html.contains("data-x0=\"1\"")); // turns count from 1: no empty turn 0 on the axis
    // Shared prefixes: every other request started with one; the split survives the same way.
    for (qsizetype i = 0; i < outcomes.size(); ++i)
        outcomes[i].sharedPrefix = i % 2 ? 1 : metrics::kWithoutSharedPrefix;
    record.summary = test::summarize(record.meta, outcomes);
    const metrics::SharedPrefixStats split = record.summary.overall.sharedPrefix.value();
    QCOMPARE(split.with.requests + split.without.requests, record.summary.overall.requests);
    const metrics::RunSummary again = report::summaryFromJson(report::summaryToJson(record.summary, {}));
    QCOMPARE(again.overall.sharedPrefix.value().with.requests, split.with.requests);
    QCOMPARE(again.overall.sharedPrefix.value().without.ttft.p50, split.without.ttft.p50);
    QCOMPARE(report::outcomeFromJsonLine(report::outcomeToJsonLine(outcomes[3], QStringLiteral("m")))->sharedPrefix, 1);
    QVERIFY(report::summaryText(record.summary, QUrl()).contains(QStringLiteral("Shared prefix (all models):")));
    QVERIFY(report::htmlReport(record).contains("<h3 id=\"shared-prefix\">Shared prefix</h3>"));
    // Without turns, neither says a word of them.
    for (metrics::RequestOutcome &o : outcomes)
        o.turn = 0;
    record.summary = test::summarize(record.meta, outcomes);
    QVERIFY(!report::summaryText(record.summary, QUrl()).contains(QStringLiteral("Conversation turns")));
    QVERIFY(!report::htmlReport(record).contains("id=\"turns\""));
    for (metrics::RequestOutcome &o : outcomes)
        o.sharedPrefix = metrics::kNoSharedPrefixRun;
    record.summary = test::summarize(record.meta, outcomes);
    QVERIFY(!record.summary.overall.sharedPrefix);
    QVERIFY(!report::htmlReport(record).contains("shared-prefix"));
}

void TestReportExports::cacheAndReasoningTokensInTextAndHtml()
{
    // Prompt-cache and reasoning tokens (issue 16): alpha reads the cache and sometimes writes it,
    // beta-2 reasons. The text summary and the report show them per model with their shares, and
    // without them (the same summary with the three counts at zero) both are as before, byte for byte.
    report::RunRecord record = test::syntheticRecord();
    QList<metrics::RequestOutcome> outcomes = test::syntheticOutcomes(100);
    std::int64_t prompt = 0, read = 0, written = 0, completion = 0, reasoning = 0;
    for (metrics::RequestOutcome &o : outcomes) {
        if (!o.succeeded())
            continue;
        if (o.modelIndex == 0) {
            o.cacheReadTokens = 100;
            o.cacheCreationTokens = o.promptTokens == 20 ? 8 : 0;
            prompt += o.promptTokens;
            read += o.cacheReadTokens;
            written += o.cacheCreationTokens;
        } else {
            o.reasoningTokens = o.completionTokens / 2;
            completion += o.completionTokens;
            reasoning += o.reasoningTokens;
        }
    }
    QVERIFY(written > 0 && written < read);
    record.summary = test::summarize(record.meta, outcomes);
    const metrics::RunSummary &summary = record.summary;
    QCOMPARE(summary.models[0].cacheReadTokens, read);
    QCOMPARE(summary.models[0].cacheCreationTokens, written);
    QCOMPARE(summary.models[1].reasoningTokens, reasoning);
    QCOMPARE(summary.overall.reasoningTokens, reasoning);
    const QString readShare
        = QString::number(100.0 * double(read) / double(prompt + read + written), 'f', 1) + QLatin1Char('%');
    const QString reasoningShare
        = QString::number(100.0 * double(reasoning) / double(completion), 'f', 1) + QLatin1Char('%');

    const QUrl url(QStringLiteral("http://127.0.0.1:1/v1"));
    const QString title = QStringLiteral("\n  Prompt cache and reasoning tokens:\n");
    const QString text = report::summaryText(summary, url);
    QVERIFY2(text.contains(title), qPrintable(text));
    QVERIFY2(
        text.contains(QStringLiteral("  model   cache read  cache written  read share  reasoning  reasoning share\n")),
        qPrintable(text));
    QCOMPARE(textRow(text, title, QStringLiteral("alpha")),
        QStringList({ QStringLiteral("alpha"), QString::number(read), QString::number(written), readShare,
            QStringLiteral("0"), QStringLiteral("0.0%") }));
    QCOMPARE(textRow(text, title, QStringLiteral("beta-2")),
        QStringList({ QStringLiteral("beta-2"), QStringLiteral("0"), QStringLiteral("0"), QStringLiteral("0.0%"),
            QString::number(reasoning), reasoningShare }));
    QCOMPARE(textRow(text, title, QStringLiteral("mixed")).mid(1, 2),
        QStringList({ QString::number(read), QString::number(written) }));
    QVERIFY(text.contains(QStringLiteral("    cache read: prompt-side tokens read from the provider's prompt cache; "
                                         "not counted in tokens in")));
    QVERIFY(text.contains(QStringLiteral("    reasoning: the part of the completion tokens (out) the server reported "
                                         "as reasoning\n")));
    // From the run folder's summary.json (report regeneration) the same.
    const nlohmann::json j = nlohmann::json::parse(report::recordJsonBytes(record).toStdString());
    QCOMPARE(report::summaryText(report::summaryFromJson(j), url), text);

    const QByteArray html = report::htmlReport(record);
    QVERIFY(html.contains("<h3 id=\"tokens\">Prompt cache and reasoning tokens</h3>"));
    QVERIFY(html.contains("<th class=\"n\" title=\"prompt-side tokens read from the provider&#39;s prompt cache; not "
                          "counted in tokens in, charged at the model&#39;s cache-read price\">cache read</th>"));
    QVERIFY(html.contains("<th class=\"n\" title=\"prompt-side tokens written to the provider&#39;s prompt cache "
                          "(Anthropic reports this)"));
    QVERIFY(html.contains("<th class=\"n\" title=\"the part of the completion tokens (out) the server reported as "
                          "reasoning\">reasoning</th>"));
    QVERIFY(html.contains(QStringLiteral("<tr><td>alpha</td><td class=\"n\">%1</td><td class=\"n\">%2</td><td "
                                         "class=\"n\">%3</td><td class=\"n\">0</td>")
                              .arg(read)
                              .arg(written)
                              .arg(readShare)
                              .toUtf8()));
    QVERIFY(html.contains(QStringLiteral("<td class=\"n\">%1</td><td class=\"n\">%2</td></tr><tr class=\"total\"><td>"
                                         "mixed (all models)</td>")
                              .arg(reasoning)
                              .arg(reasoningShare)
                              .toUtf8()));
    QVERIFY(html.contains("<p class=\"note\"><i>cache read</i>: prompt-side tokens read from"));

    // Without such tokens: no table, and everything else as it was.
    report::RunRecord none = record;
    for (metrics::GroupStats *g : { &none.summary.models[0], &none.summary.models[1], &none.summary.overall })
        g->cacheReadTokens = g->cacheCreationTokens = g->reasoningTokens = 0;
    const QString noneText = report::summaryText(none.summary, url);
    QVERIFY(!noneText.contains(QLatin1String("cache")) && !noneText.contains(QLatin1String("reasoning")));
    QCOMPARE(without(text, title, QStringLiteral("reasoning share: reasoning of the completion tokens\n")), noneText);
    const QByteArray noneHtml = report::htmlReport(none);
    QVERIFY(!noneHtml.contains("id=\"tokens\"") && !noneHtml.contains("cache read"));
    QCOMPARE(without(html, QByteArray("<h3 id=\"tokens\">"), QByteArray("</p>")), noneHtml);

    // Reasoning only: no cache columns; cache without writes: no "cache written".
    report::RunRecord reasoningOnly = record;
    for (metrics::GroupStats *g :
        { &reasoningOnly.summary.models[0], &reasoningOnly.summary.models[1], &reasoningOnly.summary.overall })
        g->cacheReadTokens = g->cacheCreationTokens = 0;
    const QString reasoningText = report::summaryText(reasoningOnly.summary, url);
    QVERIFY2(reasoningText.contains(QStringLiteral("\n  Reasoning tokens:\n  model   reasoning  reasoning share\n")),
        qPrintable(reasoningText));
    QVERIFY(!reasoningText.contains(QLatin1String("cache")));
    report::RunRecord readOnly = record;
    for (metrics::GroupStats *g :
        { &readOnly.summary.models[0], &readOnly.summary.models[1], &readOnly.summary.overall })
        g->cacheCreationTokens = g->reasoningTokens = 0;
    const QString readText = report::summaryText(readOnly.summary, url);
    QVERIFY2(readText.contains(QStringLiteral("\n  Prompt cache tokens:\n  model   cache read  read share\n")),
        qPrintable(readText));
    QVERIFY(!readText.contains(QLatin1String("written")) && !readText.contains(QLatin1String("reasoning")));
}

void TestReportExports::mergedHistogramsEqualOneRun()
{
    // Two generators split the same requests; merged, they must equal one run that saw them all.
    const report::RunMeta meta = test::reportMeta();
    QList<metrics::RequestOutcome> first, second;
    const QList<metrics::RequestOutcome> all = test::syntheticOutcomes(300);
    for (qsizetype i = 0; i < all.size(); ++i)
        (i % 3 == 0 ? first : second) << all[i];
    QTemporaryDir dir;
    QStringList files;
    for (const auto &part : { first, second }) {
        report::RunRecord record;
        record.meta = meta;
        record.summary = test::summarize(meta, part);
        files << dir.filePath(QStringLiteral("run%1.json").arg(files.size()));
        QFile file(files.last());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(report::recordJsonBytes(record));
    }
    QString error;
    const auto merged = report::mergeSummaryFiles(files, &error);
    QVERIFY2(merged, qPrintable(error));
    QCOMPARE(merged->runs, 2);
    const metrics::RunSummary whole = test::summarize(meta, all);
    QCOMPARE(merged->requests, whole.overall.requests);
    QCOMPARE(merged->failures, whole.overall.failures);
    QCOMPARE(merged->histograms.keys(), whole.histograms.keys());
    for (auto it = whole.histograms.cbegin(); it != whole.histograms.cend(); ++it) {
        const metrics::Histogram &m = merged->histograms[it.key()];
        QCOMPARE(m.count(), it->count());
        QCOMPARE(m.min(), it->min());
        QCOMPARE(m.max(), it->max());
        for (double q : { 50.0, 90.0, 95.0, 99.0, 99.9 })
            QCOMPARE(m.percentile(q), it->percentile(q));
        QVERIFY(qAbs(m.mean() - it->mean()) <= 1e-9 * std::max(1.0, it->mean()));
    }
}

void TestReportExports::exportRunWritesEverything()
{
    QTemporaryDir dir;
    const report::ExportRequest request { dir.filePath(QStringLiteral("out/r.html")),
        dir.filePath(QStringLiteral("csv")), dir.filePath(QStringLiteral("s.json")),
        dir.filePath(QStringLiteral("h/r.hlog")) };
    QCOMPARE(report::exportRun(test::syntheticRecord(), request), QString());
    for (const char *name :
        { "out/r.html", "csv/summary.csv", "csv/history.csv", "csv/failures.csv", "s.json", "h/r.hlog" })
        QVERIFY2(QFileInfo(dir.filePath(QLatin1StringView(name))).size() > 0, name);
    // No run folder: no journal, so no requests.csv.
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("csv/requests.csv"))));
    const QString error
        = report::exportRun(test::syntheticRecord(), { QStringLiteral("/proc/nope/r.html"), {}, {}, {} });
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestReportExports)
#include "tst_reportexports.moc"
