#include "cli/commands.h"
#include "cli/exitcodes.h"
#include "cli/output.h"

#include "scenario/duration.h"
#include "scenario/plan.h"
#include "scenario/scenarioio.h"

#include <QCommandLineParser>

namespace stampede::cli {

int validateCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Check a scenario file and list every problem in it."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Scenario JSON file"));
    parser.process(arguments);
    if (parser.positionalArguments().size() != 1) {
        err() << "usage: stampede validate FILE\n";
        return ExitUsage;
    }
    const QString path = parser.positionalArguments().first();
    const scenario::LoadResult result = scenario::loadScenarioFile(path);
    if (!result.ok()) {
        err() << path << ": " << result.errors.size() << (result.errors.size() == 1 ? " error" : " errors") << "\n";
        for (const auto &error : result.errors)
            err() << "  " << error.toString() << "\n";
        return ExitInvalidScenario;
    }
    const scenario::Scenario &s = result.scenario;
    const scenario::Plan plan = scenario::makePlan(s.load);
    out() << path << ": valid — \"" << s.name << "\", " << scenario::toString(s.load.executor) << ", "
          << s.enabledModels().size() << " models, " << scenario::formatDuration(plan.totalMs) << " (+ up to "
          << scenario::formatDuration(s.load.gracefulStopMs) << " graceful stop)\n";
    return ExitOk;
}

} // namespace stampede::cli
