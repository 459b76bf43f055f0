#include "scenario/templates.h"

#include "scenario/builtinscenarios.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QStandardPaths>

namespace stampede::scenario {

namespace {

ScenarioTemplate describe(const QString &key, const QString &path, bool builtin)
{
    ScenarioTemplate t;
    t.key = key;
    t.path = path;
    t.builtin = builtin;
    const LoadResult result = loadScenarioFile(path);
    if (result.ok()) {
        t.title = result.scenario.name.isEmpty() ? key : result.scenario.name;
    } else {
        t.title = QFileInfo(path).fileName();
        t.error = result.errors.constFirst().toString();
    }
    return t;
}

} // namespace

QStringList exampleDirectories()
{
    QStringList dirs = QStandardPaths::locateAll(
        QStandardPaths::GenericDataLocation, QStringLiteral("stampede/scenarios"), QStandardPaths::LocateDirectory);
    if (QCoreApplication::instance()) {
        const QString beside
            = QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../share/stampede/scenarios"));
        if (QFileInfo(beside).isDir())
            dirs << beside;
    }
    QStringList unique;
    for (const QString &dir : dirs) {
        const QString clean = QFileInfo(dir).canonicalFilePath();
        if (!clean.isEmpty() && !unique.contains(clean))
            unique << clean;
    }
    return unique;
}

QList<ScenarioTemplate> scenarioTemplates()
{
    QList<ScenarioTemplate> installed;
    QSet<QString> keys;
    for (const QString &dir : exampleDirectories()) {
        const QFileInfoList files = QDir(dir).entryInfoList({ QStringLiteral("*.json") }, QDir::Files | QDir::Readable);
        for (const QFileInfo &file : files) {
            QString key = file.fileName();
            key.chop(int(qstrlen(".json")));
            if (key.endsWith(QLatin1String(".stampede")))
                key.chop(int(qstrlen(".stampede")));
            if (keys.contains(key))
                continue;
            keys.insert(key);
            installed << describe(key, file.absoluteFilePath(), false);
        }
    }
    std::sort(installed.begin(), installed.end(),
        [](const ScenarioTemplate &a, const ScenarioTemplate &b) { return a.key < b.key; });
    for (const QString &name : builtinScenarioNames()) {
        if (!keys.contains(name))
            installed << describe(name, QStringLiteral(":/stampede/scenarios/%1.json").arg(name), true);
    }
    return installed;
}

} // namespace stampede::scenario
