// The `stampede` binary as CI uses it: exit codes, live status, summary, --json, Ctrl-C, and no key
// in any output.
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <csignal>

namespace {
const QString kCanary = QStringLiteral("sk-canary-STAMPEDE-0123456789abcdef");

struct Result {
    int exitCode = -1;
    QByteArray out, err;
};

QString quickScenario(const QTemporaryDir &dir, const QString &name, const QString &extra = QString(),
    const QString &baseUrl = QStringLiteral("builtin"), const QString &duration = QStringLiteral("2s"))
{
    const QString path = dir.filePath(name);
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(QStringLiteral(R"({"version": 1, "name": "cli test",
  "target": {"base_url": "%1", "headers": {"X-Trace": "cli"}},
  "models": [{"model": "gemini-2.5-flash", "weight": 1, "max_tokens": 20}],
  "prompts": {"user": ["你好"]},
  "load": {"executor": "constant-arrival-rate", "rate": 20, "duration": "%2", "graceful_stop": "2s"}%3})")
                   .arg(baseUrl, duration, extra)
                   .toUtf8());
    return path;
}

Result run(const QStringList &args, int timeoutMs = 120000, bool interruptAfterStatus = false,
    const QList<std::pair<QString, QString>> &extraEnv = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("STAMPEDE_API_KEY"), kCanary);
    for (const auto &[name, value] : extraEnv)
        env.insert(name, value);
    process.setProcessEnvironment(env);
    process.setReadChannel(QProcess::StandardError); // live status lines go to stderr
    process.start(QStringLiteral(STAMPEDE_BINARY), args);
    process.waitForStarted();
    Result r;
    if (interruptAfterStatus) {
        QByteArray err;
        while (!err.contains("[2s/") && process.state() == QProcess::Running && process.waitForReadyRead(20000))
            err += process.readAllStandardError();
        r.err = err;
        ::kill(pid_t(process.processId()), SIGINT);
    }
    if (!process.waitForFinished(timeoutMs))
        process.kill();
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = process.readAllStandardOutput();
    r.err += process.readAllStandardError();
    return r;
}
} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // `stampede --version` says what Help ▸ About says, with the XDG locations the user's
    // environment gives, and writes nothing (not even into the working directory).
    void versionSaysWhereFilesLive()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("share/stampede/scenarios")));
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("cwd")));
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_DATA_DIRS"), dir.filePath(QStringLiteral("share")));
        process.setProcessEnvironment(env);
        process.setWorkingDirectory(dir.filePath(QStringLiteral("cwd")));
        process.start(QStringLiteral(STAMPEDE_BINARY), { QStringLiteral("--version") });
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        const QStringList lines = QString::fromUtf8(process.readAllStandardOutput()).split(QLatin1Char('\n'));
        QCOMPARE(lines.value(0), QStringLiteral("stampede " STAMPEDE_VERSION));
        const auto line = [&](const QString &label) {
            for (const QString &l : lines)
                if (l.startsWith(label + QStringLiteral(": ")))
                    return l.mid(label.size() + 2);
            return QString();
        };
        QVERIFY2(line(QStringLiteral("Qt")).startsWith(QString::fromLatin1(qVersion())),
            qPrintable(lines.join(QLatin1Char('\n'))));
        QVERIFY2(line(QStringLiteral("Transports")).startsWith(QStringLiteral("libcurl ")),
            qPrintable(lines.join(QLatin1Char('\n'))));
        QVERIFY(line(QStringLiteral("Transports")).contains(QStringLiteral("Qt Network")));
        QCOMPARE(line(QStringLiteral("License")), QStringLiteral("Apache-2.0"));
        QCOMPARE(line(QStringLiteral("Settings")), dir.filePath(QStringLiteral("config/Stampede/stampede.conf")));
        QCOMPARE(line(QStringLiteral("Run folders")), dir.filePath(QStringLiteral("data/Stampede/stampede/runs")));
        QCOMPARE(line(QStringLiteral("Examples")), dir.filePath(QStringLiteral("share/stampede/scenarios")));
        QCOMPARE(line(QStringLiteral("Documentation")), QStringLiteral(STAMPEDE_SOURCE_DIR "/docs"));
        QVERIFY(QDir(dir.filePath(QStringLiteral("cwd"))).isEmpty());
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("config"))));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("data"))));
    }

    void validateDefaultScenario()
    {
        const Result r = run(
            { QStringLiteral("validate"), QStringLiteral(STAMPEDE_SOURCE_DIR "/resources/scenarios/default.json") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("valid"), r.out.constData());
    }

    void validateListsEveryError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"version": 1, "models": [{"model": "m"}], "prompts": {"user": ["x"]},
            "load": {"executor": "ramping-vus", "stages": [{"duration": "1s", "target": 1}, {"duration": "1s", "target": 2},
                     {"duration": "30x", "target": 0}]}, "targt": {}})");
        file.close();
        const Result r = run({ QStringLiteral("validate"), path });
        QCOMPARE(r.exitCode, 104);
        QVERIFY2(r.err.contains(R"(load.stages[2].duration: "30x" is not a duration (use e.g. "30s", "2m"))"),
            r.err.constData());
        QVERIFY2(r.err.contains("targt"), r.err.constData());
        const Result runResult = run({ QStringLiteral("run"), path });
        QCOMPARE(runResult.exitCode, 104);
    }

    void dryRunPrintsThePlan()
    {
        const Result r = run({ QStringLiteral("run"), QStringLiteral("--dry-run") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("ramping-vus") && r.out.contains("3m30s"), r.out.constData());
        QVERIFY(r.out.contains(" 50 VUs"));
    }

    void dryRunPrintsTheCostEstimateAndCaps()
    {
        QTemporaryDir dir;
        const QString path = quickScenario(
            dir, QStringLiteral("quota.json"), QStringLiteral(R"(, "limits": {"rpm": 600}, "budget_usd": 0.5)"));
        const Result r = run({ QStringLiteral("run"), path, QStringLiteral("--dry-run") });
        QCOMPARE(r.exitCode, 0);
        // 20 req/s for 2 s is 40 requests, but 600 rpm lets 21 through in 2 s (10 a second + the first);
        // each costs at most its prompt estimate + max_tokens.
        QVERIFY2(r.out.contains("estimated cost: ~$") && r.out.contains("(21 requests × ≤ $")
                && r.out.contains("the request count is limits.rpm's"),
            r.out.constData());
        QVERIFY2(r.out.contains("all models: rpm 600"), r.out.constData());
        QVERIFY2(r.out.contains("budget_usd: $0.50"), r.out.constData());
    }

    void runWritesSummaryAndJson()
    {
        QTemporaryDir dir;
        const QString scenario = quickScenario(dir, QStringLiteral("ok.json"),
            QStringLiteral(
                R"(, "thresholds": {"http_req_failed": ["rate<0.05"], "http_req_duration{model:gemini-2.5-flash}": ["p(95)<5000"]})"));
        const QString json = dir.filePath(QStringLiteral("summary.json"));
        const Result r = run({ QStringLiteral("run"), scenario, QStringLiteral("--json"), json });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("[1s/2s]"), r.err.constData()); // live status each second
        QVERIFY(r.out.contains("gemini-2.5-flash") && r.out.contains("mixed") && r.out.contains("[pass]"));
        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(!bytes.contains(kCanary.toUtf8()));
        const QJsonObject doc = QJsonDocument::fromJson(bytes).object();
        QCOMPARE(doc[QStringLiteral("overall")].toObject()[QStringLiteral("requests")].toInt(), 40);
        const QJsonObject model = doc[QStringLiteral("models")].toArray().first().toObject();
        for (const char *key : { "model", "requests", "failures", "errors", "rps", "latency_ms", "ttft_ms", "tpot_ms",
                 "prompt_tokens", "completion_tokens", "cost_usd" })
            QVERIFY2(model.contains(QLatin1String(key)), key);
        for (const char *key : { "mean", "p50", "p90", "p95", "p99", "max" })
            QVERIFY(model[QStringLiteral("latency_ms")].toObject().contains(QLatin1String(key)));
        const QJsonArray thresholds = doc[QStringLiteral("thresholds")].toArray();
        QCOMPARE(thresholds.size(), 2);
        for (const char *key : { "metric", "expression", "passed", "value" })
            QVERIFY(thresholds.first().toObject().contains(QLatin1String(key)));
        QVERIFY(doc[QStringLiteral("scenario")].toObject().contains(QStringLiteral("models")));
        QVERIFY(!r.out.contains(kCanary.toUtf8()) && !r.err.contains(kCanary.toUtf8()));
    }

    // Issue 15: two agents, one given --segment 0/2 and one JOB_COMPLETION_INDEX=1 of
    // STAMPEDE_SEGMENTS=2 with a --start-at barrier, send exactly the 40 requests of the whole
    // 20/s × 2 s plan between them, 20 each, and their run folders say which share they ran.
    // --metrics-port: the agent's live Prometheus endpoint. After the run it keeps serving the final
    // figures for --metrics-linger, and they are the summary's; Ctrl-C ends the wait at once.
    void metricsEndpointServesTheRunsFigures()
    {
        QTemporaryDir dir;
        const QString scenario = quickScenario(dir, QStringLiteral("metrics.json"));
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("STAMPEDE_API_KEY"), kCanary);
        process.setProcessEnvironment(env);
        process.setReadChannel(QProcess::StandardError);
        process.start(QStringLiteral(STAMPEDE_BINARY),
            { QStringLiteral("run"), scenario, QStringLiteral("--quiet"), QStringLiteral("--metrics-port"),
                QStringLiteral("0"), QStringLiteral("--metrics-linger"), QStringLiteral("60"), QStringLiteral("--json"),
                dir.filePath(QStringLiteral("s.json")), QStringLiteral("--segment"), QStringLiteral("1/2") });
        QVERIFY(process.waitForStarted());
        QByteArray err;
        const QDeadlineTimer deadline(60000);
        while (!err.contains("(--metrics-linger") && process.state() == QProcess::Running && !deadline.hasExpired()) {
            process.waitForReadyRead(200);
            err += process.readAllStandardError();
        }
        const QRegularExpressionMatch url = QRegularExpression(
            QStringLiteral("Serving the final metrics on (http://127\\.0\\.0\\.1:\\d+/metrics) for 60 s"))
                                                .match(QString::fromUtf8(err));
        QVERIFY2(url.hasMatch(), err.constData());
        QVERIFY2(err.startsWith(QByteArray("Metrics: " + url.captured(1).toUtf8() + '\n')), err.constData());
        QNetworkAccessManager manager;
        QNetworkReply *reply = manager.get(QNetworkRequest(QUrl(url.captured(1))));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        const QByteArray text = reply->readAll();
        delete reply;
        QFile summaryFile(dir.filePath(QStringLiteral("s.json")));
        QVERIFY(summaryFile.open(QIODevice::ReadOnly));
        const QJsonObject overall
            = QJsonDocument::fromJson(summaryFile.readAll())[QStringLiteral("overall")].toObject();
        const QByteArray labels = R"({segment="1/2",scenario="cli test",model="gemini-2.5-flash"} )";
        const auto value = [&](const QByteArray &name) {
            for (const QByteArray &line : text.split('\n'))
                if (line.startsWith(QByteArray(name + labels)))
                    return line.mid(name.size() + labels.size()).toDouble();
            return -1.0;
        };
        QCOMPARE(value("stampede_requests_total"), 20.0); // half of 20 req/s for 2 s
        QCOMPARE(value("stampede_requests_total"), overall[QStringLiteral("requests")].toDouble());
        QCOMPARE(value("stampede_completion_tokens_total"), overall[QStringLiteral("completion_tokens")].toDouble());
        QCOMPARE(value("stampede_http_req_duration_seconds_count"), 20.0);
        QVERIFY2(text.contains("stampede_run_finished{segment=\"1/2\",scenario=\"cli test\"} 1\n"), text.constData());
        QVERIFY(!text.contains(kCanary.toUtf8()));
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(10000)); // not the 60 s linger
        QCOMPARE(process.exitCode(), 0);

        const Result taken
            = run({ QStringLiteral("run"), scenario, QStringLiteral("--metrics-port"), QStringLiteral("99999") });
        QCOMPARE(taken.exitCode, 2);
        QVERIFY2(taken.err.contains("--metrics-port: metrics port 99999 is not a port"), taken.err.constData());
        const Result linger = run({ QStringLiteral("run"), scenario, QStringLiteral("--metrics-port"),
            QStringLiteral("0"), QStringLiteral("--metrics-linger"), QStringLiteral("soon") });
        QCOMPARE(linger.exitCode, 2);
        QVERIFY2(linger.err.contains("--metrics-linger: \"soon\" is not a number of seconds"), linger.err.constData());
    }

    void segmentsSplitTheLoadExactly()
    {
        QTemporaryDir dir;
        const QString scenario = quickScenario(dir, QStringLiteral("fleet.json"));
        const auto requestsOf = [](const QString &summary) {
            QFile file(summary);
            file.open(QIODevice::ReadOnly);
            return QJsonDocument::fromJson(file.readAll())[QStringLiteral("overall")][QStringLiteral("requests")]
                .toInt();
        };
        const auto segmentOf = [](const QString &folder) {
            QFile file(folder + QStringLiteral("/run.json"));
            file.open(QIODevice::ReadOnly);
            const QJsonObject segment = QJsonDocument::fromJson(file.readAll())[QStringLiteral("segment")].toObject();
            return QStringLiteral("%1/%2")
                .arg(segment[QStringLiteral("index")].toInt())
                .arg(segment[QStringLiteral("count")].toInt());
        };
        const QString out0 = dir.filePath(QStringLiteral("agent0"));
        const Result r0 = run({ QStringLiteral("run"), scenario, QStringLiteral("--segment"), QStringLiteral("0/2"),
            QStringLiteral("--out"), out0, QStringLiteral("--json"), dir.filePath(QStringLiteral("s0.json")) });
        QVERIFY2(r0.exitCode == 0, r0.err.constData());
        QVERIFY2(r0.err.contains("(segment 0/2)"), r0.err.constData());
        const QDateTime barrier = QDateTime::currentDateTimeUtc().addMSecs(1500);
        const QString out1 = dir.filePath(QStringLiteral("agent1"));
        const Result r1 = run(
            { QStringLiteral("run"), scenario, QStringLiteral("--start-at"), barrier.toString(Qt::ISODateWithMs),
                QStringLiteral("--out"), out1, QStringLiteral("--json"), dir.filePath(QStringLiteral("s1.json")) },
            120000, false,
            { { QStringLiteral("JOB_COMPLETION_INDEX"), QStringLiteral("1") },
                { QStringLiteral("STAMPEDE_SEGMENTS"), QStringLiteral("2") } });
        QVERIFY2(r1.exitCode == 0, r1.err.constData());
        QVERIFY2(r1.err.contains("Waiting until") && r1.err.contains("(segment 1/2)"), r1.err.constData());
        QFile meta(out1 + QStringLiteral("/run.json"));
        QVERIFY(meta.open(QIODevice::ReadOnly));
        const QDateTime started = QDateTime::fromString(
            QJsonDocument::fromJson(meta.readAll())[QStringLiteral("started_at")].toString(), Qt::ISODateWithMs);
        QVERIFY2(started >= barrier, qPrintable(started.toString(Qt::ISODateWithMs)));
        QCOMPARE(requestsOf(dir.filePath(QStringLiteral("s0.json"))), 20);
        QCOMPARE(requestsOf(dir.filePath(QStringLiteral("s1.json"))), 20);
        QCOMPARE(segmentOf(out0), QStringLiteral("0/2"));
        QCOMPARE(segmentOf(out1), QStringLiteral("1/2"));
        // One run folder of the two: every request, the whole plan, every export.
        const QString merged = dir.filePath(QStringLiteral("fleet"));
        const Result m = run({ QStringLiteral("report"), QStringLiteral("merge"), out0, out1, QStringLiteral("--out"),
            merged, QStringLiteral("--quiet") });
        QVERIFY2(m.exitCode == 0, m.err.constData());
        QVERIFY2(m.err.contains("Merged 2 runs (40 requests)"), m.err.constData());
        QCOMPARE(requestsOf(merged + QStringLiteral("/summary.json")), 40);
        QCOMPARE(segmentOf(merged), QStringLiteral("0/1"));
        QVERIFY(QFileInfo::exists(merged + QStringLiteral("/report.html")));
        QVERIFY(QFileInfo::exists(merged + QStringLiteral("/csv/requests.csv")));
        QFile hlog(merged + QStringLiteral("/histograms.hlog"));
        QVERIFY(hlog.open(QIODevice::ReadOnly));
        QVERIFY(hlog.readAll().contains("\nTag=ttft.gemini-2.5-flash,0.000,"));
        const Result again
            = run({ QStringLiteral("report"), QStringLiteral("merge"), out0, out1, QStringLiteral("--out"), merged });
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains("exists and is not empty"), again.err.constData());
        // Bad shares are refused before anything runs, with what to write instead.
        const Result bad = run({ QStringLiteral("run"), scenario, QStringLiteral("--segment"), QStringLiteral("2/2") });
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("--segment: segment 2/2: I counts from 0"), bad.err.constData());
        const Result late
            = run({ QStringLiteral("run"), scenario, QStringLiteral("--start-at"), QStringLiteral("noon") });
        QCOMPARE(late.exitCode, 2);
        QVERIFY2(late.err.contains("is not a time with its zone"), late.err.constData());
    }

    // `stampede compare`: a run against itself is within the noise and every budget; a run three
    // times slower at p95 breaks "p(95)+10%" (exit 99); usage and unreadable runs have their codes.
    void compareExitCodes()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("a"));
        const Result made = run({ QStringLiteral("run"), quickScenario(dir, QStringLiteral("a.json")),
            QStringLiteral("--out"), folder, QStringLiteral("--quiet") });
        QVERIFY2(made.exitCode == 0, made.err.constData());
        const Result same = run(
            { QStringLiteral("compare"), folder, folder, QStringLiteral("--fail-if"), QStringLiteral("p(95)+10%") });
        QVERIFY2(same.exitCode == 0, same.err.constData());
        QVERIFY2(same.out.contains("within the noise") && same.out.contains("within p(95)+10%"), same.out.constData());

        QFile summary(folder + QStringLiteral("/summary.json"));
        QVERIFY(summary.open(QIODevice::ReadOnly));
        QJsonObject doc = QJsonDocument::fromJson(summary.readAll()).object();
        doc.remove(QStringLiteral("histograms")); // the figures as written
        QJsonObject overall = doc[QStringLiteral("overall")].toObject();
        QJsonObject latency = overall[QStringLiteral("latency_ms")].toObject();
        latency[QStringLiteral("p95")] = latency[QStringLiteral("p95")].toDouble() * 3;
        overall[QStringLiteral("latency_ms")] = latency;
        doc[QStringLiteral("overall")] = overall;
        const QString slower = dir.filePath(QStringLiteral("slower.json"));
        QFile out(slower);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(doc).toJson());
        out.close();
        const QString html = dir.filePath(QStringLiteral("cmp.html")), json = dir.filePath(QStringLiteral("cmp.json"));
        const Result worse = run({ QStringLiteral("compare"), folder, slower, QStringLiteral("--fail-if"),
            QStringLiteral("p(95)+10%"), QStringLiteral("--html"), html, QStringLiteral("--json"), json });
        QCOMPARE(worse.exitCode, 99);
        QVERIFY2(worse.out.contains("Regression budget exceeded") && worse.out.contains("run B, all models: p(95)"),
            worse.out.constData());
        QVERIFY(QFileInfo(html).size() > 1000 && QFileInfo(json).size() > 100);

        QCOMPARE(run({ QStringLiteral("compare"), folder }).exitCode, 2);
        const Result bad
            = run({ QStringLiteral("compare"), folder, folder, QStringLiteral("--fail-if"), QStringLiteral("p95<1s") });
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("is not a regression budget"), bad.err.constData());
        QCOMPARE(run({ QStringLiteral("compare"), folder, dir.filePath(QStringLiteral("missing")) }).exitCode, 3);
    }

    // End to end on the built-in gateway: the SLO figures of the summary, its seconds and a summary
    // rebuilt from the journal equal a hand count over requests.jsonl of the same run. Bounds: the
    // top level's http_req_duration < 80ms, ttft < 60ms, tpot < 1ms; gpt-4.1 (not streamed, so its
    // ttft and tpot bounds do not apply) its own http_req_duration < 150ms.
    void sloFiguresEqualAHandCountOfTheJournal()
    {
        QTemporaryDir dir;
        const QString scenario = dir.filePath(QStringLiteral("slo.json"));
        QFile file(scenario);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"version": 1, "name": "slo", "target": {"base_url": "builtin"},
  "models": [{"model": "gemini-2.5-flash", "weight": 2, "max_tokens": 20},
             {"model": "gpt-4.1", "max_tokens": 20, "stream": false, "slo": {"http_req_duration": "<150ms"}}],
  "prompts": {"user": ["你好"]},
  "load": {"executor": "constant-arrival-rate", "rate": 20, "duration": "3s", "graceful_stop": "2s"},
  "slo": {"http_req_duration": "<80ms", "ttft": "<60ms", "tpot": "<1ms"},
  "thresholds": {"slo_attainment": ["rate>=0"]}})");
        file.close();
        const QString out = dir.filePath(QStringLiteral("run"));
        const Result r = run({ QStringLiteral("run"), scenario, QStringLiteral("--out"), out });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("goodput/s") && r.out.contains("SLO: http_req_duration < 80ms"), r.out.constData());

        std::int64_t requests[2] = {}, met[2] = {};
        QFile journal(out + QStringLiteral("/requests.jsonl"));
        QVERIFY(journal.open(QIODevice::ReadOnly));
        const auto us = [](double ns) { return std::int64_t(ns / 1000.0 + 0.5); };
        while (!journal.atEnd()) {
            const QJsonObject o = QJsonDocument::fromJson(journal.readLine()).object();
            const auto at = [&o](const char *key) { return o[QLatin1String(key)].toDouble(-1); };
            if (o[QStringLiteral("error")].toString() == QStringLiteral("cancelled"))
                continue;
            const int model = o[QStringLiteral("i")].toInt(0);
            ++requests[model];
            if (!o[QStringLiteral("error")].toString().isEmpty())
                continue; // failed: never met
            bool good = us(at("end") - at("sent")) < (model == 1 ? 150'000 : 80'000);
            if (o[QStringLiteral("stream")].toBool() && at("ftok") >= 0) {
                good = good && us(at("ftok") - at("sent")) < 60'000;
                const double tokens = o[QStringLiteral("ctok")].toDouble(0);
                if (tokens >= 2 && at("ltok") >= at("ftok"))
                    good = good && us((at("ltok") - at("ftok")) / (tokens - 1)) < 1'000;
            }
            met[model] += good ? 1 : 0;
        }
        QVERIFY(requests[0] > 0 && requests[1] > 0);

        const auto check = [&](const QJsonObject &summary) {
            const QJsonObject all = summary[QStringLiteral("overall")].toObject();
            const QJsonArray models = summary[QStringLiteral("models")].toArray();
            QCOMPARE(all[QStringLiteral("requests")].toInteger(), requests[0] + requests[1]);
            QCOMPARE(all[QStringLiteral("slo_met")].toInteger(), met[0] + met[1]);
            QCOMPARE(models[0].toObject()[QStringLiteral("slo_met")].toInteger(), met[0]);
            QCOMPARE(models[1].toObject()[QStringLiteral("slo_met")].toInteger(), met[1]);
            QCOMPARE(all[QStringLiteral("slo_attainment")].toDouble(),
                double(met[0] + met[1]) / double(requests[0] + requests[1]));
            const double window = summary[QStringLiteral("duration_s")].toDouble();
            QVERIFY(qAbs(all[QStringLiteral("goodput_rps")].toDouble() - double(met[0] + met[1]) / window) < 0.01);
            QCOMPARE(
                models[1].toObject()[QStringLiteral("slo")].toObject()[QStringLiteral("http_req_duration")].toInt(),
                150);
            std::int64_t perSecond = 0;
            for (const QJsonValue &second : summary[QStringLiteral("history")].toArray())
                perSecond += second[QStringLiteral("groups")][0][QStringLiteral("slo_met")].toInteger();
            QCOMPARE(perSecond, met[0] + met[1]);
        };
        const auto load = [](const QString &path) {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
        };
        check(load(out + QStringLiteral("/summary.json")));
        if (QTest::currentTestFailed())
            return;
        // A run killed before its summary: rebuilt from the journal, judged the same way.
        QVERIFY(QFile::remove(out + QStringLiteral("/summary.json")));
        const Result report = run({ QStringLiteral("report"), out, QStringLiteral("--quiet") });
        QVERIFY2(report.exitCode == 0, report.err.constData());
        check(load(out + QStringLiteral("/summary.json")));
    }

    // A sweep writes its capacity verdict into summary.json and capacity.csv, prints its table, stops
    // at the knee (an SLO no request can meet fails step 1), and `stampede report` renders it again.
    void sweepWritesCapacity()
    {
        QTemporaryDir dir;
        const QString scenario = dir.filePath(QStringLiteral("sweep.json"));
        QFile file(scenario);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"version": 1, "name": "sweep", "target": {"base_url": "builtin"},
  "models": [{"model": "gemini-2.5-flash", "max_tokens": 20}],
  "prompts": {"user": ["你好"]},
  "load": {"executor": "sweep", "start_rate": 5, "increment": 5, "step_duration": "1s", "max_steps": 4,
           "graceful_stop": "2s"},
  "slo": {"http_req_duration": "<1ms"}})");
        file.close();
        const QString out = dir.filePath(QStringLiteral("run"));
        const Result r = run({ QStringLiteral("run"), scenario, QStringLiteral("--out"), out });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("Capacity (sweep") && r.out.contains("sweep_knee: step 1"), r.out.constData());
        QFile summaryFile(out + QStringLiteral("/summary.json"));
        QVERIFY(summaryFile.open(QIODevice::ReadOnly));
        const QJsonObject summary = QJsonDocument::fromJson(summaryFile.readAll()).object();
        const QJsonObject capacity = summary[QStringLiteral("capacity")].toObject();
        QCOMPARE(capacity[QStringLiteral("step_duration_s")].toDouble(), 1.0);
        const QJsonObject overall = capacity[QStringLiteral("overall")].toObject();
        QCOMPARE(overall[QStringLiteral("first_failing_step")].toInt(), 1);
        QVERIFY(overall[QStringLiteral("safe_rate")].isNull());
        QVERIFY2(overall[QStringLiteral("reason")].toString().startsWith(QStringLiteral("p95 latency")),
            qPrintable(overall[QStringLiteral("reason")].toString()));
        const QJsonArray steps = overall[QStringLiteral("steps")].toArray();
        QCOMPARE(steps.size(), 1);
        QCOMPARE(steps[0][QStringLiteral("offered_rate")].toDouble(), 5.0);
        QCOMPARE(overall[QStringLiteral("frontier")].toArray().size(), 5);
        QCOMPARE(capacity[QStringLiteral("models")].toArray().size(), 1);
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/capacity.csv")));

        const Result report = run({ QStringLiteral("report"), out });
        QVERIFY2(report.exitCode == 0, report.err.constData());
        QVERIFY2(report.out.contains("Capacity (sweep"), report.out.constData());
        QFile html(out + QStringLiteral("/report.html"));
        QVERIFY(html.open(QIODevice::ReadOnly));
        QVERIFY(html.readAll().contains("id=\"capacity\""));
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/csv/capacity.csv")));
    }

    // A VU sweep: --dry-run prints its staircase in VUs; run against the built-in gateway with nothing
    // that can fail, its verdict is the last step's VUs (safe_vus) and the rate they achieved.
    void vuSweepWritesSafeVus()
    {
        QTemporaryDir dir;
        const QString scenario = dir.filePath(QStringLiteral("sweep-vus.json"));
        QFile file(scenario);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"version": 1, "name": "sweep-vus", "target": {"base_url": "builtin"},
  "models": [{"model": "gemini-2.5-flash", "max_tokens": 20}],
  "prompts": {"user": ["hello"]},
  "load": {"executor": "sweep", "start_vus": 1, "increment": 1, "step_duration": "1s", "max_steps": 2,
           "graceful_stop": "2s", "stop_when": {"slo": false, "thresholds": false, "error_rate": 1}}})");
        file.close();
        const Result plan = run({ QStringLiteral("run"), scenario, QStringLiteral("--dry-run") });
        QCOMPARE(plan.exitCode, 0);
        QVERIFY2(plan.out.contains("(sweep)") && plan.out.contains(" 2 VUs"), plan.out.constData());
        QVERIFY2(!plan.out.contains("req/s"), plan.out.constData());

        const QString out = dir.filePath(QStringLiteral("run"));
        const Result r = run({ QStringLiteral("run"), scenario, QStringLiteral("--out"), out });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("all: safe at 2 VUs (achieved "), r.out.constData());
        QFile summaryFile(out + QStringLiteral("/summary.json"));
        QVERIFY(summaryFile.open(QIODevice::ReadOnly));
        const QJsonObject summary = QJsonDocument::fromJson(summaryFile.readAll()).object();
        const QJsonObject capacity = summary[QStringLiteral("capacity")].toObject();
        QCOMPARE(capacity[QStringLiteral("level")].toString(), QStringLiteral("vus"));
        const QJsonObject overall = capacity[QStringLiteral("overall")].toObject();
        QCOMPARE(overall[QStringLiteral("safe_vus")].toInt(), 2);
        QVERIFY(overall[QStringLiteral("first_failing_step")].isNull());
        const QJsonArray steps = overall[QStringLiteral("steps")].toArray();
        QCOMPARE(steps.size(), 2);
        QCOMPARE(steps[1][QStringLiteral("vus")].toInt(), 2);
        QVERIFY(steps[1][QStringLiteral("achieved_rate")].toDouble() > 0);
        QCOMPARE(overall[QStringLiteral("safe_rate")].toDouble(), steps[1][QStringLiteral("achieved_rate")].toDouble());
        QCOMPARE(capacity[QStringLiteral("models")].toArray()[0][QStringLiteral("safe_vus")].toInt(), 2);
    }

    void failedThresholdExits99()
    {
        QTemporaryDir dir;
        const QString scenario = quickScenario(dir, QStringLiteral("strict.json"),
            QStringLiteral(R"(, "thresholds": {"http_req_duration": ["p(95)<1"]})"));
        const Result r = run({ QStringLiteral("run"), scenario });
        QCOMPARE(r.exitCode, 99);
        QVERIFY(r.out.contains("[FAIL]"));
    }

    void unreachableHostExits105()
    {
        QTemporaryDir dir;
        const QString scenario
            = quickScenario(dir, QStringLiteral("down.json"), QString(), QStringLiteral("http://127.0.0.1:9/v1"));
        const Result r = run({ QStringLiteral("run"), scenario });
        QCOMPARE(r.exitCode, 105);
        QVERIFY2(r.err.contains("connection refused"), r.err.constData());
    }

    void ctrlCStopsGracefullyAndStillReports()
    {
        QTemporaryDir dir;
        const QString scenario = quickScenario(
            dir, QStringLiteral("long.json"), QString(), QStringLiteral("builtin"), QStringLiteral("60s"));
        const QString json = dir.filePath(QStringLiteral("interrupted.json"));
        const Result r = run({ QStringLiteral("run"), scenario, QStringLiteral("--json"), json }, 60000, true);
        QCOMPARE(r.exitCode, 130);
        QVERIFY2(r.out.contains("interrupted"), r.out.constData());
        QVERIFY(QFile::exists(json));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
