#include "cli/commands.h"
#include "cli/exitcodes.h"
#include "cli/output.h"
#include "cli/signalwatcher.h"

#include "engine/costestimate.h"
#include "fleet/metricsendpoint.h"
#include "launch/runlauncher.h"
#include "report/exporter.h"
#include "report/runfolder.h"
#include "report/sanitize.h"
#include "report/summaryjson.h"
#include "report/summarytext.h"
#include "scenario/duration.h"
#include "scenario/plan.h"
#include "scenario/scenarioio.h"
#include "scenario/segment.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

namespace stampede::cli {

namespace {

void printPlan(const scenario::Scenario &s)
{
    const scenario::Plan plan = scenario::makePlan(s.load);
    const QString unit = plan.openModel ? QStringLiteral("req/s") : QStringLiteral("VUs");
    out() << "Plan for \"" << s.name << "\" (" << scenario::toString(s.load.executor) << "), "
          << scenario::formatDuration(plan.totalMs) << " + graceful stop up to "
          << scenario::formatDuration(s.load.gracefulStopMs) << "\n\n";
    out() << "  corners (target changes linearly between them):\n";
    for (const auto &step : plan.steps)
        out() << "    " << scenario::formatDuration(step.timeMs).rightJustified(8) << "  " << step.target << " " << unit
              << "\n";
    const qint64 every = std::max<qint64>(1000, (plan.totalMs / 20 + 999) / 1000 * 1000);
    out() << "\n  target over time (every " << scenario::formatDuration(every) << "):\n";
    const double peak = std::max(1.0, plan.peak());
    for (qint64 t = 0; t <= plan.totalMs; t += every) {
        const double target = plan.openModel ? plan.targetAt(t) : double(plan.vusAt(t));
        out() << "    " << scenario::formatDuration(t).rightJustified(8) << "  "
              << QString::number(target, 'f', plan.openModel ? 1 : 0).rightJustified(7) << " "
              << QString(int(40.0 * target / peak), QLatin1Char('#')) << "\n";
    }
    if (plan.openModel)
        out() << "\n  expected requests: " << qRound64(plan.expectedArrivals(plan.totalMs)) << "\n";
    if (s.hasLimits()) {
        out() << "\n  limits (client-side caps; requests wait for them, limit_wait_ms):\n";
        if (!s.limits.isEmpty())
            out() << "    all models: " << scenario::toString(s.limits) << "\n";
        for (const scenario::ModelSpec &model : s.enabledModels())
            if (!model.limits.isEmpty())
                out() << "    " << model.model << ": " << scenario::toString(model.limits) << "\n";
    }
    out() << "\n  estimated cost: " << engine::estimateCost(s).text() << "\n";
    if (s.budgetUsd)
        out() << "  budget_usd: $" << QString::number(*s.budgetUsd, 'f', 2)
              << " (the run stops gracefully when the measured spend reaches it)\n";
    if (const std::optional<scenario::ServerMetricsConfig> &m = s.serverMetrics)
        out() << "  server_metrics: " << report::displayUrl(QUrl(m->url)) << " (" << scenario::toString(m->format)
              << ") every " << scenario::formatDuration(m->intervalMs) << ", " << m->series.size() << " series, "
              << (m->sendKey ? "the API key sent" : "no API key sent") << "\n";
}

/// --html / --csv / --json / --hdr-log after the run folder is complete; says what it wrote.
void writeExports(const report::RunMeta &meta, const metrics::RunSummary &summary, const std::optional<QString> &dir,
    const report::ExportRequest &request)
{
    if (request.htmlPath.isEmpty() && request.csvDir.isEmpty() && request.jsonPath.isEmpty()
        && request.hdrLogPath.isEmpty())
        return;
    report::RunRecord record;
    record.meta = meta;
    record.summary = summary;
    record.runDir = dir;
    const QString error = report::exportRun(record, request);
    if (!error.isEmpty())
        err() << "could not write: " << error << "\n";
    const auto written = [&](const QString &path) { return !path.isEmpty() && !error.contains(path); };
    if (written(request.jsonPath))
        err() << "Summary written to " << request.jsonPath << "\n";
    if (written(request.csvDir))
        err() << "CSV written to " << request.csvDir << "\n";
    if (written(request.htmlPath))
        err() << "Report written to " << request.htmlPath << "\n";
    if (written(request.hdrLogPath))
        err() << "HdrHistogram log written to " << request.hdrLogPath << "\n";
}

/// The process's answer: interrupted, thresholds failed (or one aborted the run), or 0.
int exitCodeFor(const model::RunVerdict &verdict)
{
    switch (verdict.kind) {
    case model::RunVerdict::Kind::Interrupted:
        return ExitInterrupted;
    case model::RunVerdict::Kind::Failed: // only a summary read back says so; a live run never ends that way
        return ExitRunFailed;
    default:
        return verdict.failed() ? ExitThresholdsFailed : ExitOk;
    }
}

/// --segment I/N, or else JOB_COMPLETION_INDEX of STAMPEDE_SEGMENTS (a Kubernetes Indexed Job);
/// nullopt after printing why not.
std::optional<scenario::Segment> chooseSegment(
    const QCommandLineParser &parser, const QCommandLineOption &option, const scenario::Scenario &s)
{
    QString error;
    const auto segment = parser.isSet(option) ? scenario::parseSegment(parser.value(option), &error)
                                              : scenario::segmentFromEnvironment(&error);
    if (!segment) {
        err() << (parser.isSet(option) ? "--segment: " : "") << error << "\n";
        return std::nullopt;
    }
    if (!segment->isWhole() && s.load.executor == scenario::ExecutorKind::Sweep) {
        err() << "--segment " << segment->text()
              << ": a sweep steps one machine's load until it finds its capacity; run it whole (segments split "
                 "ramping and constant loads)\n";
        return std::nullopt;
    }
    return segment;
}

/// --start-at: an ISO 8601 time with its zone (2026-12-07T12:00:00Z) or Unix seconds.
std::optional<QDateTime> parseStartAt(const QString &text, QString *error)
{
    bool number = false;
    const double seconds = text.toDouble(&number);
    QDateTime at = number ? QDateTime::fromMSecsSinceEpoch(qint64(seconds * 1000), Qt::UTC)
                          : QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!at.isValid() || (!number && at.timeSpec() == Qt::LocalTime)) {
        *error = QStringLiteral("\"%1\" is not a time with its zone; write e.g. 2026-12-07T12:00:00Z or Unix seconds")
                     .arg(text);
        return std::nullopt;
    }
    if (QDateTime::currentDateTimeUtc().secsTo(at) > 24 * 3600) {
        *error = QStringLiteral("%1 is more than 24 h away").arg(at.toUTC().toString(Qt::ISODate));
        return std::nullopt;
    }
    return at;
}

/// Waits for --start-at (the fleet's start barrier). false: Ctrl-C came first.
bool waitForStart(const QDateTime &at, SignalWatcher &watcher)
{
    const qint64 ms = QDateTime::currentDateTimeUtc().msecsTo(at);
    if (ms <= 0) {
        err() << "Note: --start-at " << at.toUTC().toString(Qt::ISODateWithMs) << " passed " << double(-ms) / 1000
              << " s ago; starting now\n";
        return true;
    }
    err() << "Waiting until " << at.toUTC().toString(Qt::ISODateWithMs) << " to start (in " << double(ms) / 1000
          << " s; --start-at)\n";
    QEventLoop loop;
    bool interrupted = false;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    const auto connection = QObject::connect(&watcher, &SignalWatcher::interrupted, &loop, [&] {
        interrupted = true;
        loop.quit();
    });
    loop.exec();
    QObject::disconnect(connection);
    return !interrupted;
}

} // namespace

int runCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Run a scenario headless and print the summary."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("file"),
        QStringLiteral("Scenario JSON file (default: the built-in seed scenario)"), QStringLiteral("[file]"));
    const QCommandLineOption baseUrl(
        QStringLiteral("base-url"), QStringLiteral("Override target.base_url"), QStringLiteral("url"));
    const QCommandLineOption json(
        QStringLiteral("json"), QStringLiteral("Write the summary as JSON"), QStringLiteral("file"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), QStringLiteral("Print the plan and exit"));
    const QCommandLineOption noPreflight(QStringLiteral("no-preflight"), QStringLiteral("Skip the preflight requests"));
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("No live status lines"));
    const QCommandLineOption workers(
        QStringLiteral("workers"), QStringLiteral("Worker threads (default: cores, at least 2)"), QStringLiteral("n"));
    const QCommandLineOption outDir(QStringLiteral("out"),
        QStringLiteral("Run folder to write (default: a new folder under %1)").arg(report::defaultRunsDir()),
        QStringLiteral("dir"));
    const QCommandLineOption html(
        QStringLiteral("html"), QStringLiteral("Write the self-contained HTML report"), QStringLiteral("file"));
    const QCommandLineOption csv(QStringLiteral("csv"),
        QStringLiteral("Write summary/history/failures/requests CSV files into a folder"), QStringLiteral("dir"));
    const QCommandLineOption transport(QStringLiteral("transport"),
        QStringLiteral("Override target.transport: curl (libcurl, event-driven), qt (QNetworkAccessManager) or auto"),
        QStringLiteral("name"));
    const QCommandLineOption hdrLog(QStringLiteral("hdr-log"),
        QStringLiteral("Write the latency histograms as an HdrHistogram interval log"), QStringLiteral("file"));
    const QCommandLineOption segmentOption(QStringLiteral("segment"),
        QStringLiteral("Run the I-th of N shares of the load, I from 0 (default: JOB_COMPLETION_INDEX of "
                       "$STAMPEDE_SEGMENTS, else all of it)"),
        QStringLiteral("I/N"));
    const QCommandLineOption startAt(QStringLiteral("start-at"),
        QStringLiteral("Start the run at this time (ISO 8601 with zone, or Unix seconds): a fleet's barrier"),
        QStringLiteral("time"));
    const QCommandLineOption metricsPort(QStringLiteral("metrics-port"),
        QStringLiteral("Serve live Prometheus metrics on this port at /metrics (0: a free one)"),
        QStringLiteral("port"));
    const QCommandLineOption metricsAddress(QStringLiteral("metrics-address"),
        QStringLiteral("Address the metrics listen on (default 127.0.0.1; 0.0.0.0 in a pod)"), QStringLiteral("addr"),
        QStringLiteral("127.0.0.1"));
    const QCommandLineOption metricsLinger(QStringLiteral("metrics-linger"),
        QStringLiteral("Keep serving the final metrics this many seconds after the run (default 0)"),
        QStringLiteral("seconds"), QStringLiteral("0"));
    parser.addOptions({ baseUrl, json, dryRun, noPreflight, quiet, workers, outDir, html, csv, hdrLog, transport,
        segmentOption, startAt, metricsPort, metricsAddress, metricsLinger });
    parser.process(arguments);

    scenario::LoadResult loaded;
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1) {
        err() << "usage: stampede run [FILE] [options]; see stampede run --help\n";
        return ExitUsage;
    }
    if (files.isEmpty()) {
        loaded.scenario = scenario::defaultScenario();
    } else {
        loaded = scenario::loadScenarioFile(files.first());
    }
    if (!loaded.ok()) {
        err() << files.value(0) << ": invalid scenario\n";
        for (const auto &error : loaded.errors)
            err() << "  " << error.toString() << "\n";
        return ExitInvalidScenario;
    }
    scenario::Scenario s = loaded.scenario;
    if (parser.isSet(transport)) {
        const auto kind = scenario::transportFromName(parser.value(transport));
        if (!kind) {
            err() << "--transport: \"" << parser.value(transport) << "\" is not a transport; use curl, qt or auto\n";
            return ExitUsage;
        }
        s.target.transport = *kind;
    }
    const auto segment = chooseSegment(parser, segmentOption, s);
    if (!segment)
        return ExitUsage;
    if (!segment->isWhole() && !s.seed)
        s.seed = scenario::sharedSeed(s); // every agent must draw the same arrival times
    std::optional<QDateTime> startTime;
    if (parser.isSet(startAt)) {
        QString error;
        startTime = parseStartAt(parser.value(startAt), &error);
        if (!startTime) {
            err() << "--start-at: " << error << "\n";
            return ExitUsage;
        }
    }
    if (parser.isSet(dryRun)) {
        printPlan(s);
        if (!segment->isWhole())
            out() << "\nThis agent runs segment " << segment->text() << ": "
                  << (scenario::makePlan(s.load).openModel ? "every arrival k with k % N = I"
                                                           : "the VUs above split over N, the first ones one more")
                  << "; rpm, tpm and budget_usd divided by N (seed " << *s.seed << ")\n";
        return ExitOk;
    }
    if (parser.isSet(outDir) && report::isRunFolder(parser.value(outDir))) {
        err() << parser.value(outDir) << " already holds a run; choose another --out folder\n";
        return ExitUsage;
    }
    const report::ExportRequest exports { parser.value(html), parser.value(csv), parser.value(json),
        parser.value(hdrLog) };

    engine::RunOptions options;
    options.apiKey = engine::apiKeyFromEnvironment(s.target.apiKeyEnv);
    options.baseUrlOverride = parser.value(baseUrl);
    options.preflight = !parser.isSet(noPreflight);
    options.workerThreads = parser.value(workers).toInt();
    options.segment = *segment;

    bool lingerOk = false;
    const double linger = parser.value(metricsLinger).toDouble(&lingerOk);
    if (!lingerOk || linger < 0 || linger > 86400) {
        err() << "--metrics-linger: \"" << parser.value(metricsLinger)
              << "\" is not a number of seconds (0 to 86400)\n";
        return ExitUsage;
    }
    // Listening before the barrier and the preflight: Prometheus sees every agent of a fleet up (at
    // zero) before the load starts, so a rate() covers the whole run.
    std::unique_ptr<fleet::MetricsEndpoint> metricsEndpoint;
    if (parser.isSet(metricsPort)) {
        bool portOk = false;
        const int port = parser.value(metricsPort).toInt(&portOk);
        QString error;
        if (portOk)
            metricsEndpoint = fleet::MetricsEndpoint::listen(parser.value(metricsAddress), port,
                { { "segment", segment->text().toStdString() }, { "scenario", s.name.toStdString() } }, &error);
        if (!metricsEndpoint) {
            err() << "--metrics-port: "
                  << (portOk ? error : QStringLiteral("\"%1\" is not a port number").arg(parser.value(metricsPort)))
                  << "\n";
            return ExitUsage;
        }
        err() << "Metrics: " << metricsEndpoint->url() << "\n";
    }

    launch::RunLauncher launcher;
    engine::RunController &controller = *launcher.controller();
    SignalWatcher watcher;
    if (startTime && !waitForStart(*startTime, watcher))
        return ExitInterrupted;
    bool interrupted = false;
    bool lingering = false; ///< the run is over; serving the final metrics for --metrics-linger
    bool finished = false;
    bool recorded = false; ///< summary.json is on disk
    QString recordedFolder;
    int exitCode = ExitOk;
    QUrl usedUrl;
    report::RunMeta meta;
    metrics::RunSummary finalSummary;
    std::int64_t lastStatusSecond = -1;
    const bool live = !parser.isSet(quiet);

    QObject::connect(&watcher, &SignalWatcher::interrupted, &controller, [&](int count) {
        interrupted = true;
        if (lingering) {
            QCoreApplication::exit(exitCode);
            return;
        }
        if (count == 1) {
            err() << "\nInterrupted: stopping gracefully (in-flight requests may finish; Ctrl-C again to abort)\n";
            controller.stop(model::RunEnd::Interrupted);
        } else {
            err() << "Aborting: cancelling requests in flight\n";
            controller.abort();
        }
    });
    QObject::connect(&controller, &engine::RunController::preflightFinished, [&](const engine::PreflightResult &r) {
        err() << "Preflight (" << r.elapsedMs << " ms):\n" << r.describe() << "\n";
    });
    QObject::connect(&controller, &engine::RunController::runStarted, [&](const report::RunMeta &info) {
        usedUrl = info.baseUrl;
        meta = info;
        err() << "Running \"" << s.name << "\""
              << (info.segment.isWhole() ? QString() : QStringLiteral(" (segment %1)").arg(info.segment.text()))
              << " against " << report::displayUrl(info.baseUrl)
              << (info.builtinGateway ? " (built-in simulated gateway)" : "") << " for "
              << scenario::formatDuration(info.plan.totalMs) << "\n";
        err() << "Run folder: " << launcher.recordingDir() << "\n";
    });
    QObject::connect(&launcher, &launch::RunLauncher::recordingFailed,
        [](const QString &error) { err() << "Note: run folder incomplete: " << error << "\n"; });
    // Once the summary is here and summary.json is on disk, the exports follow (requests.csv reads
    // the folder's journal). The two arrive in either order: the engine queues the summary to the
    // folder's writer thread and to this one, and a fast writer on a loaded machine can report the
    // folder complete before this thread has the summary (CI saw the run wait forever). After a
    // failed run the journal stays; runFailed below sets the exit.
    const auto exportWhenReady = [&] {
        if (!finished || !recorded || lingering)
            return;
        writeExports(meta, finalSummary, recordedFolder, exports);
        if (!metricsEndpoint || linger <= 0 || interrupted) {
            QCoreApplication::exit(exitCode);
            return;
        }
        // The last scrape must see the final counts: an agent that exits at once leaves Prometheus
        // with whatever it scraped up to a scrape interval before the end.
        lingering = true;
        err() << "Serving the final metrics on " << metricsEndpoint->url() << " for " << linger
              << " s (--metrics-linger; Ctrl-C ends it)\n"
              << Qt::flush; // nothing else is written until the end: say it now
        QTimer::singleShot(qint64(linger * 1000), qApp, [&] { QCoreApplication::exit(exitCode); });
    };
    QObject::connect(&launcher, &launch::RunLauncher::recordingFinished, [&](const QString &folder, const QString &) {
        recorded = true;
        recordedFolder = folder;
        exportWhenReady();
    });
    QObject::connect(&controller, &engine::RunController::noticeRaised,
        [&](const QString &text) { err() << "Note: " << text << "\n"; });
    QObject::connect(&controller, &engine::RunController::snapshotReady, [&](const metrics::Snapshot &snap) {
        if (metricsEndpoint)
            metricsEndpoint->publish(snap);
        if (live && snap.elapsedMs / 1000 != lastStatusSecond) {
            lastStatusSecond = snap.elapsedMs / 1000;
            err() << report::statusLine(snap) << "\n";
        }
    });
    QObject::connect(&controller, &engine::RunController::runFinished, [&](const metrics::RunSummary &summary) {
        if (metricsEndpoint)
            metricsEndpoint->publish(summary);
        out() << report::summaryText(summary, usedUrl);
        exitCode = exitCodeFor(summary.verdict());
        finalSummary = summary;
        finished = true;
        exportWhenReady();
    });
    QObject::connect(&controller, &engine::RunController::runFailed, [&](const QString &message, bool preflight) {
        err() << "Run failed: " << message << "\n";
        QCoreApplication::exit(interrupted ? ExitInterrupted : preflight ? ExitPreflightFailed : ExitRunFailed);
    });
    if (s.target.tls.insecure)
        err() << "WARNING: target.tls.insecure is on: the server's TLS certificate will NOT be verified; anyone on the "
                 "path can read the key and the traffic\n";
    const launch::RunLauncher::Recording recording { report::defaultRunsDir(), parser.value(outDir) };
    if (const QString error = launcher.start(s, options, recording); !error.isEmpty()) {
        err() << "Run failed: " << error << "\n";
        return ExitRunFailed;
    }
    return QCoreApplication::exec();
}

} // namespace stampede::cli
