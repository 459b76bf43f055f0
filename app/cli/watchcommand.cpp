// stampede watch: a fleet's merged live figures in a terminal (issue 15; docs/scale-out.md,
// "Watching a fleet"), from the agents' --metrics-port endpoints or a Prometheus server: the
// desktop app's Attach to Fleet without a display. Ends when every agent says its run has ended.

#include "cli/commands.h"
#include "cli/exitcodes.h"
#include "cli/output.h"
#include "cli/signalwatcher.h"

#include "fleet/fleetattach.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace stampede::cli {

namespace {

QString clock(std::int64_t ms)
{
    const std::int64_t s = ms / 1000;
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString ms(const metrics::LatencyStats &stats, double value)
{
    return stats.count ? QString::number(value, 'f', 0) : QStringLiteral("-");
}

QJsonObject percentiles(const metrics::LatencyStats &stats)
{
    return { { QStringLiteral("count"), qint64(stats.count) }, { QStringLiteral("p50"), stats.p50 },
        { QStringLiteral("p95"), stats.p95 }, { QStringLiteral("p99"), stats.p99 } };
}

QJsonObject groupJson(const metrics::GroupStats &g)
{
    return { { QStringLiteral("model"), g.model }, { QStringLiteral("requests"), qint64(g.requests) },
        { QStringLiteral("failures"), qint64(g.failures) }, { QStringLiteral("rps"), g.rps },
        { QStringLiteral("completion_tokens"), qint64(g.completionTokens) }, { QStringLiteral("cost_usd"), g.costUsd },
        { QStringLiteral("latency_ms"), percentiles(g.latency) }, { QStringLiteral("ttft_ms"), percentiles(g.ttft) } };
}

} // namespace

int watchCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Watch a fleet of agents (stampede run --metrics-port) live: their figures added up, once a second. "
        "Percentiles come from the agents' histogram buckets (within a bucket, edges at most 25 % apart); `stampede "
        "report merge` of "
        "their run folders gives exact ones."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("URL"), QStringLiteral("An agent's metrics URL (host:port is enough)"),
        QStringLiteral("[URL...]"));
    const QCommandLineOption prometheus(QStringLiteral("prometheus"),
        QStringLiteral("Read the agents' series from this Prometheus server's /federate instead"),
        QStringLiteral("url"));
    const QCommandLineOption json(QStringLiteral("json"),
        QStringLiteral("When every agent has finished, write the fleet's figures here"), QStringLiteral("file"));
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("No live status lines"));
    const QCommandLineOption interval(QStringLiteral("interval"),
        QStringLiteral("Milliseconds between polls (default 1000)"), QStringLiteral("ms"), QStringLiteral("1000"));
    parser.addOptions({ prometheus, json, quiet, interval });
    parser.process(arguments);

    const bool viaPrometheus = parser.isSet(prometheus);
    if (viaPrometheus == !parser.positionalArguments().isEmpty()) {
        err() << "usage: stampede watch URL [URL...] | stampede watch --prometheus URL; see stampede watch --help\n";
        return ExitUsage;
    }
    bool intervalOk = false;
    const int intervalMs = parser.value(interval).toInt(&intervalOk);
    if (!intervalOk || intervalMs < 100 || intervalMs > 60000) {
        err() << "--interval: \"" << parser.value(interval) << "\" is not a number of milliseconds (100 to 60000)\n";
        return ExitUsage;
    }
    const auto mode = viaPrometheus ? fleet::FleetAttach::Mode::Prometheus : fleet::FleetAttach::Mode::Agents;
    QString error;
    const auto urls = fleet::FleetAttach::sourceUrls(
        viaPrometheus ? QStringList { parser.value(prometheus) } : parser.positionalArguments(), mode, &error);
    if (!urls) {
        err() << error << "\n";
        return ExitUsage;
    }

    fleet::FleetAttach attach;
    SignalWatcher watcher;
    int exitCode = ExitOk;
    const bool live = !parser.isSet(quiet);
    QObject::connect(&watcher, &SignalWatcher::interrupted, &attach, [&] {
        err() << "\nInterrupted\n";
        QCoreApplication::exit(ExitInterrupted);
    });
    QObject::connect(&attach, &fleet::FleetAttach::snapshotReady, [&](const metrics::Snapshot &s) {
        if (!live)
            return;
        err() << "[" << clock(s.elapsedMs) << "] " << attach.statusText() << " | VUs " << s.vus << " | in flight "
              << s.inFlight << " | " << QString::number(s.overall.rps, 'f', 1) << " req/s | p95 "
              << ms(s.overall.latency, s.overall.latency.p95) << " ms | TTFT p95 "
              << ms(s.overall.ttft, s.overall.ttft.p95) << " ms | errors " << s.overall.failures << "\n";
    });
    // Each source's trouble said once when it starts or changes, and its recovery.
    QStringList said;
    QObject::connect(&attach, &fleet::FleetAttach::sourcesChanged, [&] {
        const auto &sources = attach.sources();
        said.resize(sources.size());
        for (qsizetype i = 0; i < sources.size(); ++i) {
            const QString now = sources[i].up
                    || (!sources[i].answered && said[i].isEmpty()
                        && sources[i].error.startsWith(QStringLiteral("waiting")))
                ? QString()
                : sources[i].error;
            if (now == said[i])
                continue;
            err() << sources[i].url.toDisplayString() << ": "
                  << (now.isEmpty() ? QStringLiteral("answering again") : now) << "\n";
            said[i] = now;
        }
    });
    QObject::connect(&attach, &fleet::FleetAttach::fleetFinished, [&](const metrics::RunSummary &summary) {
        const metrics::GroupStats &all = summary.overall;
        out() << "Fleet finished: " << attach.totals().agents << " agents, " << all.requests << " requests ("
              << all.failures << " failed) in " << QString::number(double(summary.durationMs) / 1000.0, 'f', 1)
              << " s, " << QString::number(all.rps, 'f', 1) << " req/s; latency p50/p95/p99 "
              << ms(all.latency, all.latency.p50) << "/" << ms(all.latency, all.latency.p95) << "/"
              << ms(all.latency, all.latency.p99) << " ms (from histogram buckets)\n";
        if (parser.isSet(json)) {
            QJsonArray models;
            for (const auto &g : summary.models)
                models.append(groupJson(g));
            QJsonObject root = groupJson(all);
            root.insert(QStringLiteral("agents"), attach.totals().agents);
            root.insert(QStringLiteral("duration_s"), double(summary.durationMs) / 1000.0);
            root.insert(QStringLiteral("models"), models);
            QFile file(parser.value(json));
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
                || file.write(QJsonDocument(root).toJson()) < 0) {
                err() << "could not write " << parser.value(json) << ": " << file.errorString() << "\n";
                exitCode = 1;
            }
        }
        QCoreApplication::exit(exitCode);
    });
    err() << "Watching "
          << (viaPrometheus ? urls->first().adjusted(QUrl::RemoveQuery).toDisplayString()
                            : QStringLiteral("%1 agents").arg(urls->size()))
          << " (Ctrl-C ends it)\n";
    attach.start(*urls, mode, intervalMs);
    return QCoreApplication::exec();
}

} // namespace stampede::cli
