#include "hostilecases.h"

#include "hostileserver.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>

namespace stampede::test {

namespace {

QString qtKnownLimit(const QString &behaviour)
{
    // Qt 6.4's HTTP thread reads ahead of the thread that consumes a reply, has no limit on
    // response headers, and reports a reply that is not HTTP as a closed connection; none of it
    // can be changed from outside Qt. The curl transport (the default) bounds all three.
    static const QStringList readAhead { QStringLiteral("endless_events"), QStringLiteral("endless_line"),
        QStringLiteral("stream_100mb"), QStringLiteral("body_100mb") };
    static const QStringList headers { QStringLiteral("endless_headers"), QStringLiteral("endless_header_line") };
    static const QStringList notHttp { QStringLiteral("not_http"), QStringLiteral("not_http_text") };
    if (readAhead.contains(behaviour))
        return QStringLiteral("Qt's HTTP thread reads ahead without bound");
    if (headers.contains(behaviour))
        return QStringLiteral("Qt 6.4 has no limit on response headers");
    if (notHttp.contains(behaviour))
        return QStringLiteral("Qt reports a reply that is not HTTP as a closed connection");
    return {};
}

#if defined(__SANITIZE_ADDRESS__)
// Under the asan preset the child parses 16 MB of SSE several times slower on a loaded 2-core box:
// a request of endless_events took longer than 2 s to reach the response cap and ended as a timeout
// (CI, stop 20). The cap must be what ends it, so the request timeout is doubled there, and the
// graceful stop with it: it must outlast the timeout, or a stalled request ends cancelled, not timed out.
constexpr double kTimeoutS = 4;
// And the response cap is 4 MB there, not the default 16 MB: with two builds running beside it, the
// ASan child still took longer than 4 s to read 16 MB of endless_events and stream_100mb (a local
// clean run, stop 23). The release stage checks the default cap.
constexpr int kMaxResponseBytes = 4 * 1024 * 1024;
// Qt's unbounded read-ahead (a known limit, waived in the release stage) took the ASan child to
// 16 GB and 34 s in CI's qt/endless_events: it measures Qt and ASan's quarantine, not our code, and
// can take the machine down. The sanitizer stage leaves those Qt rows out; the release stage runs them.
constexpr bool kSanitized = true;
#else
constexpr double kTimeoutS = 2;
constexpr int kMaxResponseBytes = 16 * 1024 * 1024; // the default
constexpr bool kSanitized = false;
#endif
constexpr double kDurationS = 2, kGracefulS = kTimeoutS + 1;
constexpr double kStartupAllowanceS = 4; ///< process start, folder writing, exit: generous on a loaded 2-core box

const QString kMalformed = QStringLiteral("malformed_response");
/// Peak RSS bound of the cases that send 100 MB or without end: a few requests in flight, each held
/// to the 16 MB response cap, over a ~30 MB process. Every other case: 100 MB.
constexpr int kHeavyMb = 200;

HostileCase make(const char *behaviour, bool stream, QStringList expected, int rssMb = 100)
{
    HostileCase c;
    c.name = c.behaviour = QString::fromLatin1(behaviour);
    c.stream = stream;
    c.expected = std::move(expected);
    c.peakRssMb = rssMb;
    return c;
}

void addRetried(QList<HostileCase> &cases, const char *behaviour, int status)
{
    HostileCase c = make(behaviour, false, { QStringLiteral("http_%1").arg(status) });
    c.minAttempts = 2; // retry.max_retries is 1
    cases << c;
}

void addStatuses(QList<HostileCase> &cases)
{
    for (const int status : { 400, 401, 403, 404, 408, 409, 413, 422, 500, 502, 504 }) {
        HostileCase c = make("", false, { QStringLiteral("http_%1").arg(status) });
        c.name = c.behaviour = QStringLiteral("status_%1").arg(status);
        c.messageContains = QStringLiteral("hostile server says %1").arg(status);
        cases << c;
    }
    addRetried(cases, "status_429", 429);
    addRetried(cases, "status_503", 503);
    addRetried(cases, "retry_after_seconds", 429);
    addRetried(cases, "retry_after_date", 503);
    addRetried(cases, "retry_after_garbage", 429);
    addRetried(cases, "retry_after_huge", 429); // capped by retry.max_delay (1 s), not 24 h
}

void addRedirectsAndEchoes(QList<HostileCase> &cases)
{
    for (const char *name : { "redirect_301", "redirect_302", "redirect_307", "redirect_308" })
        cases << make(name, false, { QStringLiteral("http_") + QString::fromLatin1(name).right(3) });
    cases << make("redirect_307_localhost", false, { QStringLiteral("http_307") })
          << make("redirect_308_localhost", true, { QStringLiteral("http_308") })
          << make("echo_text", false, { kMalformed }) << make("echo_nonsse", true, { kMalformed })
          << make("echo_error_json", false, { QStringLiteral("http_401") })
          << make("echo_stream_reset", true, { QStringLiteral("stream_cut") })
          << make("echo_bearer", false, { QStringLiteral("http_500") }) << make("echo_model", false, { QString() })
          << make("echo_content", true, { QString() }) << make("echo_200_error", false, { kMalformed })
          << make("echo_sse_error", true, { kMalformed })
          << make("echo_location", false, { QStringLiteral("http_302") })
          << make("echo_header", false, { QStringLiteral("http_500") });
}

void addPreflightAndTransport(QList<HostileCase> &cases)
{
    HostileCase warned = make("status_429", false, { QStringLiteral("http_429") });
    warned.name = QStringLiteral("preflight/status_429");
    warned.preflight = true; // a 429 proves key and model: a warning, and the run goes on
    warned.minAttempts = 2;
    cases << warned;
    for (const char *name : { "status_401", "echo_error_json", "stall_headers", "reset_before" }) {
        HostileCase refused = make(name, false, {});
        refused.name = QStringLiteral("preflight/") + QString::fromLatin1(name);
        refused.preflight = true;
        refused.exitCode = 105;
        cases << refused;
    }
    // The same misbehaviours through the other HTTP client.
    for (const char *name : { "reset_before", "reset_midstream", "stall_headers", "stall_midstream", "trickle",
             "trickle_stream", "endless_events", "endless_line", "stream_100mb", "body_100mb", "endless_headers",
             "endless_header_line", "bad_json_chunk", "not_http", "not_http_text", "bad_gzip", "bad_gzip_stream",
             "error_200", "redirect_307", "redirect_308_localhost", "echo_text", "echo_nonsse", "echo_stream_reset",
             "echo_bearer", "echo_model", "echo_200_error", "echo_sse_error", "echo_location", "echo_header" }) {
        for (const HostileCase &base : QList<HostileCase>(cases)) {
            if (base.name == QLatin1String(name)) {
                if (kSanitized && qtKnownLimit(QString::fromLatin1(name)).endsWith(QLatin1String("without bound")))
                    continue;
                HostileCase qt = base;
                qt.name = QStringLiteral("qt/") + base.name;
                qt.transport = QStringLiteral("qt");
                qt.knownLimit = qtKnownLimit(QString::fromLatin1(name));
                cases << qt;
            }
        }
    }
}

QByteArray scenarioJson(const HostileCase &c, quint16 port)
{
    const double duration = c.restart ? 3 : kDurationS;
    return QStringLiteral(R"({"version": 1, "name": "robustness %1", "seed": 7, "preflight": %2,
  "target": {"base_url": "http://127.0.0.1:%3/v1", "timeout": "%4s", "connect_timeout": "1s", "transport": "%5",
             "limits": {"max_response_bytes": %11}},
  "models": [{"model": "healthy", "weight": 1, "max_tokens": 20, "stream": true},
             {"model": "%6", "weight": 1, "max_tokens": 20, "stream": %7}],
  "prompts": {"user": ["Say hello."]},
  "load": {"executor": "constant-arrival-rate", "rate": %8, "duration": "%9s", "graceful_stop": "%10s", "max_in_flight": 40},
  "retry": {"max_retries": 1, "base_delay": "100ms", "max_delay": "1s"}})")
        .arg(c.name, c.preflight ? QStringLiteral("true") : QStringLiteral("false"))
        .arg(port)
        .arg(kTimeoutS)
        .arg(c.transport, c.behaviour, c.stream ? QStringLiteral("true") : QStringLiteral("false"))
        .arg(c.restart ? 8 : 5)
        .arg(duration)
        .arg(kGracefulS)
        .arg(kMaxResponseBytes)
        .toUtf8();
}

void readJournal(const QString &runDir, const HostileCase &c, HostileOutcome &o)
{
    QFile file(runDir + QStringLiteral("/requests.jsonl"));
    if (!file.open(QIODevice::ReadOnly))
        return;
    QSet<QString> messages;
    qint64 firstRefusedEnd = -1;
    QList<qint64> successSent;
    o.fewestAttempts = std::numeric_limits<int>::max();
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QJsonObject r = QJsonDocument::fromJson(line).object();
        if (r.isEmpty())
            continue;
        const QString error = r.value(QStringLiteral("error")).toString();
        if (r.value(QStringLiteral("model")).toString() == QLatin1String("healthy")) {
            ++o.healthyClasses[error];
        } else {
            ++o.caseClasses[error];
            o.fewestAttempts = std::min(o.fewestAttempts, r.value(QStringLiteral("attempts")).toInt(1));
            if (!error.isEmpty())
                messages.insert(r.value(QStringLiteral("msg")).toString());
        }
        if (error == QLatin1String("connection_refused")) {
            const qint64 end = qint64(r.value(QStringLiteral("end")).toDouble());
            firstRefusedEnd = firstRefusedEnd < 0 ? end : std::min(firstRefusedEnd, end);
        } else if (error.isEmpty()) {
            successSent << qint64(r.value(QStringLiteral("sent")).toDouble());
        }
    }
    if (o.fewestAttempts == std::numeric_limits<int>::max())
        o.fewestAttempts = 0;
    o.messages = QStringList(messages.begin(), messages.end());
    if (c.restart && firstRefusedEnd >= 0)
        o.restartSuccessesAfter
            = int(std::count_if(successSent.begin(), successSent.end(), [&](qint64 s) { return s > firstRefusedEnd; }));
}

void readSummary(const QString &runDir, const HostileCase &c, HostileOutcome &o)
{
    QFile file(runDir + QStringLiteral("/summary.json"));
    if (!file.open(QIODevice::ReadOnly))
        return;
    o.hasSummary = true;
    const QJsonArray models
        = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("models")).toArray();
    for (const QJsonValue &value : models) {
        const QJsonObject m = value.toObject();
        if (m.value(QStringLiteral("model")).toString() == QLatin1String("healthy")) {
            o.summaryHealthyFailures = m.value(QStringLiteral("failures")).toInt(-1);
            o.summaryHealthySuccesses = m.value(QStringLiteral("successes")).toInt(-1);
        } else if (m.value(QStringLiteral("model")).toString() == c.behaviour) {
            o.summaryCaseFailures = m.value(QStringLiteral("failures")).toInt(-1);
            o.summaryCaseCancelled = m.value(QStringLiteral("cancelled")).toInt(-1);
            const QJsonObject errors = m.value(QStringLiteral("errors")).toObject();
            for (auto it = errors.begin(); it != errors.end(); ++it)
                o.summaryCaseErrors[it.key()] = it.value().toInt();
        }
    }
}

} // namespace

QList<HostileCase> hostileCases()
{
    const QString timeout = QStringLiteral("timeout"), reset = QStringLiteral("connection_reset");
    QList<HostileCase> cases {
        make("reset_before", false, { reset }),
        make("close_before", false, { reset }),
        make("reset_midstream", true, { QStringLiteral("stream_cut") }),
        make("reset_midbody", false, { reset }),
        make("stall_headers", true, { timeout }),
        make("stall_midstream", true, { timeout }),
        make("stall_midbody", false, { timeout }),
        make("trickle", false, { timeout }),
        make("trickle_stream", true, { timeout }),
        make("endless_events", true, { kMalformed }, kHeavyMb),
        make("endless_line", true, { kMalformed }, kHeavyMb),
        make("stream_100mb", true, { kMalformed }, kHeavyMb),
        make("body_100mb", false, { kMalformed }, kHeavyMb),
        make("endless_headers", false, { kMalformed }, kHeavyMb),
        make("endless_header_line", false, { kMalformed }, kHeavyMb),
        make("bad_json_body", false, { kMalformed }),
        make("bad_json_chunk", true, { kMalformed }),
        make("empty_200", false, { kMalformed }),
        make("not_http", false, { kMalformed }),
        make("not_http_text", true, { kMalformed }),
        make("bad_gzip", false, { kMalformed }),
        make("bad_gzip_stream", true, { kMalformed }),
        make("utf8_json", false, { QString(), kMalformed }),
        make("utf8_stream", true, { QString(), kMalformed }),
    };
    HostileCase error200 = make("error_200", false, { kMalformed });
    error200.messageContains = QStringLiteral("hostile-marker-7"); // the server's own words, not "no choices"
    cases << error200;
    addStatuses(cases);
    addRedirectsAndEchoes(cases);
    HostileCase restart = make(
        "restart", true, { QString(), QStringLiteral("connection_refused"), reset, QStringLiteral("stream_cut") });
    restart.restart = true;
    cases << restart;
    addPreflightAndTransport(cases);
    return cases;
}

HostileOutcome runHostileCase(
    const HostileCase &c, const QString &binary, const QString &workDir, const QByteArray &apiKey)
{
    HostileOutcome o;
    HostileServer server;
    if (!server.isListening())
        return o;
    const QString dir = workDir + QLatin1Char('/') + QString(c.name).replace(QLatin1Char('/'), QLatin1Char('_'));
    QDir().mkpath(dir);
    const QString scenarioPath = dir + QStringLiteral("/scenario.json"), runDir = dir + QStringLiteral("/run");
    QFile scenario(scenarioPath);
    scenario.open(QIODevice::WriteOnly);
    scenario.write(scenarioJson(c, server.port()));
    scenario.close();
    if (c.restart)
        server.scheduleRestart(1500, 800);
    const double preflightS = c.preflight ? 2 * kTimeoutS + 1.2 : 0;
    o.hangLimitS = preflightS + (c.restart ? 3 : kDurationS) + kGracefulS + kTimeoutS + kStartupAllowanceS;
    o.run = runChild(binary, { QStringLiteral("run"), scenarioPath, QStringLiteral("--out"), runDir }, apiKey,
        dir + QStringLiteral("/run.stdout"), dir + QStringLiteral("/run.stderr"), 60);
    if (QFile::exists(runDir))
        o.report = runChild(binary, { QStringLiteral("report"), runDir }, apiKey,
            dir + QStringLiteral("/report.stdout"), dir + QStringLiteral("/report.stderr"), 60);
    readJournal(runDir, c, o);
    readSummary(runDir, c, o);
    o.serverSawKey = server.sawAuthorization("Bearer " + apiKey);
    const QByteArray other = server.otherOriginBytes();
    o.otherOriginBytes = other.size();
    o.keyReachedOtherOrigin = other.contains(apiKey) || other.toLower().contains("authorization:");
    o.leaks = findKey(dir, {}, apiKey);
    return o;
}

QStringList findKey(const QString &dir, const QMap<QString, QByteArray> &extra, const QByteArray &apiKey)
{
    QList<QPair<QString, QByteArray>> forms { { QStringLiteral("raw"), apiKey },
        { QStringLiteral("secret part"), apiKey.mid(apiKey.indexOf("canary-") + 7) } };
    QByteArray percent;
    for (const char ch : apiKey)
        percent += '%' + QByteArray(1, ch).toHex().toUpper();
    forms << qMakePair(QStringLiteral("percent-encoded"), percent)
          << qMakePair(QStringLiteral("percent-encoded lower"), percent.toLower());
    // base64 at each of the three alignments, and as "Bearer <key>": the stable middle of each.
    const QByteArray bearer = QByteArray("Bearer ") + apiKey;
    for (const QByteArray &plain : { apiKey, bearer })
        for (int shift = 0; shift < 3; ++shift)
            for (const auto option : { QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding }) {
                const QByteArray encoded
                    = QByteArray(QByteArray(shift, 'x') + plain).toBase64(option | QByteArray::OmitTrailingEquals);
                const int skip = shift ? (shift * 4 + 2) / 3 + 1 : 0;
                forms << qMakePair(QStringLiteral("base64"), encoded.mid(skip, encoded.size() - skip - 3));
            }
    QStringList found;
    const auto scan = [&](const QString &name, const QByteArray &bytes) {
        for (const auto &[form, needle] : forms)
            if (bytes.contains(needle))
                found << name + QStringLiteral(": ") + form;
    };
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            scan(QDir(dir).relativeFilePath(file.fileName()), file.readAll());
    }
    for (auto e = extra.begin(); e != extra.end(); ++e)
        scan(e.key(), e.value());
    found.removeDuplicates();
    return found;
}

QByteArray makeCanary()
{
    QByteArray random(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(random.data()), 4);
    return "sk-canary-" + random.toHex();
}

} // namespace stampede::test
