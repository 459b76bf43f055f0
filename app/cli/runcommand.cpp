#include "cli/commands.h"
#include "cli/exitcodes.h"
#include "cli/output.h"
#include "cli/signalwatcher.h"

#include "engine/runcontroller.h"
#include "report/sanitize.h"
#include "report/summaryjson.h"
#include "report/summarytext.h"
#include "scenario/duration.h"
#include "scenario/plan.h"
#include "scenario/scenarioio.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSaveFile>

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
}

bool writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace

int runCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Run a scenario headless and print the summary."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("Scenario JSON file (default: the built-in seed scenario)"), QStringLiteral("[file]"));
    const QCommandLineOption baseUrl(QStringLiteral("base-url"), QStringLiteral("Override target.base_url"), QStringLiteral("url"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write the summary as JSON"), QStringLiteral("file"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), QStringLiteral("Print the plan and exit"));
    const QCommandLineOption noPreflight(QStringLiteral("no-preflight"), QStringLiteral("Skip the preflight requests"));
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("No live status lines"));
    const QCommandLineOption workers(QStringLiteral("workers"), QStringLiteral("Worker threads (default: cores, at least 2)"), QStringLiteral("n"));
    parser.addOptions({ baseUrl, json, dryRun, noPreflight, quiet, workers });
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
    const scenario::Scenario s = loaded.scenario;
    if (parser.isSet(dryRun)) {
        printPlan(s);
        return ExitOk;
    }

    engine::RunOptions options;
    options.apiKey = engine::apiKeyFromEnvironment(s.target.apiKeyEnv);
    options.baseUrlOverride = parser.value(baseUrl);
    options.preflight = !parser.isSet(noPreflight);
    options.workerThreads = parser.value(workers).toInt();

    engine::RunController controller;
    SignalWatcher watcher;
    bool interrupted = false;
    int exitCode = ExitOk;
    QUrl usedUrl;
    std::int64_t lastStatusSecond = -1;
    const bool live = !parser.isSet(quiet);

    QObject::connect(&watcher, &SignalWatcher::interrupted, &controller, [&](int count) {
        interrupted = true;
        if (count == 1) {
            err() << "\nInterrupted: stopping gracefully (in-flight requests may finish; Ctrl-C again to abort)\n";
            controller.stop(metrics::RunEnd::Interrupted);
        } else {
            err() << "Aborting: cancelling requests in flight\n";
            controller.abort();
        }
    });
    QObject::connect(&controller, &engine::RunController::preflightFinished, [&](const engine::PreflightResult &r) {
        err() << "Preflight (" << r.elapsedMs << " ms):\n" << r.describe() << "\n";
    });
    QObject::connect(&controller, &engine::RunController::runStarted, [&](const engine::RunInfo &info) {
        usedUrl = info.baseUrl;
        err() << "Running \"" << s.name << "\" against " << report::displayUrl(info.baseUrl)
              << (info.builtinGateway ? " (built-in simulated gateway)" : "") << " for "
              << scenario::formatDuration(info.plan.totalMs) << "\n";
    });
    QObject::connect(&controller, &engine::RunController::noticeRaised,
                     [&](const QString &text) { err() << "Note: " << text << "\n"; });
    QObject::connect(&controller, &engine::RunController::snapshotReady, [&](const metrics::Snapshot &snap) {
        if (live && snap.elapsedMs / 1000 != lastStatusSecond) {
            lastStatusSecond = snap.elapsedMs / 1000;
            err() << report::statusLine(snap) << "\n";
        }
    });
    QObject::connect(&controller, &engine::RunController::runFinished, [&](const metrics::RunSummary &summary) {
        out() << report::summaryText(summary, usedUrl);
        if (parser.isSet(json)) {
            report::SummaryContext context { s, usedUrl, true, true };
            QString error;
            if (!writeFile(parser.value(json), report::summaryJsonBytes(summary, context), &error))
                err() << "could not write " << parser.value(json) << ": " << error << "\n";
            else
                err() << "Summary written to " << parser.value(json) << "\n";
        }
        if (summary.end == metrics::RunEnd::Interrupted)
            exitCode = ExitInterrupted;
        else if (summary.end == metrics::RunEnd::ThresholdAborted || !summary.thresholdsPassed())
            exitCode = ExitThresholdsFailed;
        QCoreApplication::exit(exitCode);
    });
    QObject::connect(&controller, &engine::RunController::runFailed, [&](const QString &message, bool preflight) {
        err() << "Run failed: " << message << "\n";
        QCoreApplication::exit(interrupted ? ExitInterrupted : preflight ? ExitPreflightFailed : ExitRunFailed);
    });
    controller.start(s, options);
    return QCoreApplication::exec();
}

} // namespace stampede::cli
