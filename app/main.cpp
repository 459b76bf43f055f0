// stampede: no subcommand opens the GUI; run / gateway / validate / report work headless.
#include "cli/commands.h"
#include "cli/exitcodes.h"
#include "cli/output.h"

#include "launch/aboutinfo.h"

#include <QCoreApplication>

#include <sys/resource.h>

#ifdef STAMPEDE_HAVE_GUI
#include "ui/guimain.h"
#endif

namespace {

// Thousands of requests in flight need thousands of sockets: raise the soft limit to the hard one.
void raiseFileLimit()
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

} // namespace

namespace stampede::cli {

QString usageText()
{
    return QStringLiteral(
        "Stampede " STAMPEDE_VERSION " — load tests for OpenAI-compatible AI gateways\n\n"
        "usage: stampede [COMMAND] [options]\n\n"
        "  (no command)           open the desktop app\n"
        "  run [FILE]             run a scenario headless (default: the built-in seed scenario on the\n"
        "                         simulated gateway); --json F, --html F, --csv DIR, --out RUN_DIR,\n"
        "                         --base-url URL, --transport curl|qt, --workers N, --dry-run,\n"
        "                         --no-preflight, --quiet; a fleet's agent: --segment I/N,\n"
        "                         --start-at TIME, --metrics-port P (Prometheus; docs/scale-out.md)\n"
        "  gateway                serve the simulated gateway: --port 8080 --host 127.0.0.1 --config F\n"
        "                         (e.g. /usr/share/stampede/gateway/example.json)\n"
        "  validate FILE          check a scenario file (exit 104 with every error listed)\n"
        "  report RUN_DIR         regenerate exports from a run folder: --html F, --csv DIR, --json F, --quiet\n"
        "  report merge DIR... --out DIR\n"
        "                         one run folder from a fleet's (exact: histograms add)\n"
        "  compare A B [...]      compare runs (folders) with the first: --html F, --json F,\n"
        "                         --fail-if \"p(95)+10%\" (exit 99 past the budget), --quiet\n"
        "  watch URL... | --prometheus URL\n"
        "                         a fleet's merged live figures from its agents' --metrics-port\n"
        "                         endpoints (or a Prometheus server); --json F when all have finished\n"
        "  help                   this text; `man stampede` and `man stampede-run` (etc.) say more\n"
        "  --version              version, Qt, transports, licence, and where settings, run folders,\n"
        "                         examples and the documentation are\n\n"
        "Exit codes: 0 passed, 1 bad option or an export could not be written, 2 usage, 3 the run or\n"
        "the gateway could not start (compare: a run could not be read or written), 99 a threshold\n"
        "failed (compare: a --fail-if budget was exceeded), 104 invalid scenario, 105 preflight failed,\n"
        "130 interrupted.\n"
        "The API key is read from the environment variable the scenario names (default STAMPEDE_API_KEY).\n");
}

} // namespace stampede::cli

int main(int argc, char **argv)
{
    using namespace stampede::cli;
    raiseFileLimit();
    // Qt's glib event loop costs time per socket per write as connections grow (thousands of
    // streams): the plain Unix dispatcher does not. Measured in the gateway: -27 % CPU.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    const QString command = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
#ifdef STAMPEDE_HAVE_GUI
    if (command.isEmpty() || command.startsWith(QLatin1String("--scenario"))
        || command.endsWith(QLatin1String(".json")))
        return stampede::ui::guiMain(argc, argv);
#endif
    if (command == QLatin1String("--gui-available")) { // for packaging/bootstrap.sh
#ifdef STAMPEDE_HAVE_GUI
        return ExitOk;
#else
        return ExitUsage;
#endif
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stampede"));
    QCoreApplication::setOrganizationName(QStringLiteral("Stampede"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STAMPEDE_VERSION));
    QStringList args = QCoreApplication::arguments();
    if (args.size() > 1)
        args.removeAt(1); // QCommandLineParser sees "stampede [options]" for the subcommand
    if (command == QLatin1String("run"))
        return runCommand(args);
    if (command == QLatin1String("gateway"))
        return gatewayCommand(args);
    if (command == QLatin1String("validate"))
        return validateCommand(args);
    if (command == QLatin1String("report"))
        return reportCommand(args);
    if (command == QLatin1String("compare"))
        return compareCommand(args);
    if (command == QLatin1String("watch"))
        return watchCommand(args);
    if (command == QLatin1String("--version") || command == QLatin1String("version")) {
        out() << stampede::launch::aboutText(stampede::launch::aboutInfo());
        return ExitOk;
    }
    if (command == QLatin1String("help") || command == QLatin1String("--help") || command == QLatin1String("-h")
        || command.isEmpty()) {
        out() << usageText();
        return command.isEmpty() ? ExitUsage : ExitOk;
    }
    err() << "unknown command \"" << command << "\"\n\n" << usageText();
    return ExitUsage;
}
