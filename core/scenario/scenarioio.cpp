// Files and built-in scenarios. Parsing is in scenarioparse.cpp, writing in scenariowrite.cpp.

#include "scenario/scenarioio.h"
#include "scenario/builtinscenarios.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

namespace stampede::scenario {

namespace {

constexpr qint64 kMaxFileBytes = 10 * 1024 * 1024;

LoadResult fileError(const QString &message)
{
    LoadResult result;
    result.errors.append({ QString(), message });
    return result;
}

QString resourcePath(const QString &name)
{
    return QStringLiteral(":/stampede/scenarios/") + name + QStringLiteral(".json");
}

} // namespace

LoadResult loadScenarioFile(const QString &path)
{
    const QFileInfo info(path);
    const QString quoted = QLatin1Char('"') + path + QLatin1Char('"');
    if (!info.exists())
        return fileError(QStringLiteral("scenario file not found: ") + quoted);
    if (info.isDir())
        return fileError(quoted + QStringLiteral(" is a folder; give the path of a .json scenario file"));
    if (info.size() > kMaxFileBytes)
        return fileError(
            quoted + QStringLiteral(" is larger than 10 MB; a scenario file is a few kB, is this the right file?"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fileError(QStringLiteral("cannot read ") + quoted + QStringLiteral(": ") + file.errorString());
    const QByteArray data = file.read(kMaxFileBytes + 1);
    if (data.size() > kMaxFileBytes)
        return fileError(
            quoted + QStringLiteral(" is larger than 10 MB; a scenario file is a few kB, is this the right file?"));
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString decoded = decoder(data);
    if (decoder.hasError())
        return fileError(quoted + QStringLiteral(" is not UTF-8 text; save it as UTF-8 (JSON files must be UTF-8)"));
    LoadResult result = parseScenario(data);
    // A dataset's relative path is relative to the scenario file, wherever the program runs from.
    if (result.scenario.prompts.dataset && !result.scenario.prompts.dataset->path.isEmpty())
        result.scenario.prompts.dataset->resolvedPath
            = info.absoluteDir().absoluteFilePath(result.scenario.prompts.dataset->path);
    return result;
}

Scenario defaultScenario()
{
    // Parsed once; the resource is compiled in, so a failure here is a build error, not a user error.
    static const Scenario scenario = [] {
        const LoadResult result = loadBuiltinScenario(QStringLiteral("default"));
        for (const ValidationError &error : result.errors)
            qWarning("built-in default scenario: %s", qPrintable(error.toString()));
        Q_ASSERT(result.ok());
        return result.scenario;
    }();
    return scenario;
}

QStringList builtinScenarioNames()
{
    return { QStringLiteral("default"), QStringLiteral("quick"), QStringLiteral("slo"), QStringLiteral("sweep"),
        QStringLiteral("sweep-vus") };
}

LoadResult loadBuiltinScenario(const QString &name)
{
    if (!builtinScenarioNames().contains(name))
        return fileError(QStringLiteral("no built-in scenario named \"") + name + QStringLiteral("\" (built-in: ")
            + builtinScenarioNames().join(QStringLiteral(", ")) + QLatin1Char(')'));
    return loadScenarioFile(resourcePath(name));
}

} // namespace stampede::scenario
