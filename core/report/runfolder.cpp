#include "report/runfolder.h"

#include "report/summaryload.h"
#include "scenario/scenarioio.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace stampede::report {

using nlohmann::json;

namespace {

std::optional<json> readJson(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": ") + file.errorString();
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    json j = json::parse(bytes.constBegin(), bytes.constEnd(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        *error = path + QStringLiteral(": not valid JSON");
        return std::nullopt;
    }
    return j;
}

} // namespace

QString defaultRunsDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/runs");
}

QString slugify(const QString &name)
{
    static const QRegularExpression nonWord(QStringLiteral("[^a-z0-9]+"));
    QString slug = name.toLower().replace(nonWord, QStringLiteral("-"));
    while (slug.startsWith(QLatin1Char('-')))
        slug.remove(0, 1);
    while (slug.endsWith(QLatin1Char('-')))
        slug.chop(1);
    slug.truncate(48);
    while (slug.endsWith(QLatin1Char('-')))
        slug.chop(1);
    return slug.isEmpty() ? QStringLiteral("run") : slug;
}

QString newRunFolderPath(const QString &baseDir, const QDateTime &startedAt, const QString &scenarioName)
{
    const QString stem = QDir(baseDir).filePath(
        startedAt.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss")) + QLatin1Char('-') + slugify(scenarioName));
    QString path = stem;
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = stem + QLatin1Char('-') + QString::number(n);
    return path;
}

bool isRunFolder(const QString &dir)
{
    const QDir d(dir);
    return QFileInfo::exists(d.filePath(QLatin1StringView(runfolder::runFile)))
        || QFileInfo::exists(d.filePath(QLatin1StringView(runfolder::requestsFile)));
}

QStringList listRunFolders(const QString &baseDir, int limit)
{
    QFileInfoList entries = QDir(baseDir).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot);
    // "20261204-140211-quick-demo" sorts by time as text; a folder named otherwise by its mtime.
    static const QRegularExpression stamped(QStringLiteral("^\\d{8}-\\d{6}-"));
    const auto key = [](const QFileInfo &info) {
        return stamped.match(info.fileName()).hasMatch()
            ? info.fileName()
            : info.lastModified().toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss-")) + info.fileName();
    };
    std::sort(entries.begin(), entries.end(), [&](const QFileInfo &a, const QFileInfo &b) { return key(a) > key(b); });
    QStringList folders;
    for (const QFileInfo &info : std::as_const(entries)) {
        if (folders.size() >= limit)
            break;
        if (isRunFolder(info.absoluteFilePath()))
            folders << info.absoluteFilePath();
    }
    return folders;
}

std::optional<RunRecord> loadRunFolder(const QString &dir, QString *error)
{
    const QDir d(dir);
    if (!d.exists() || !isRunFolder(dir)) {
        *error = dir + QStringLiteral(": not a run folder (no run.json or requests.jsonl)");
        return std::nullopt;
    }
    RunRecord record;
    record.runDir = d.absolutePath();
    record.tags = readRunTags(dir);
    QString problem;
    if (const auto run = readJson(d.filePath(QLatin1StringView(runfolder::runFile)), &problem))
        record.meta = runMetaFromJson(*run);
    else
        record.notes << problem;
    const QString scenarioName = record.meta.scenario.name;
    const scenario::LoadResult loaded
        = scenario::loadScenarioFile(d.filePath(QLatin1StringView(runfolder::scenarioFile)));
    record.meta.scenario = loaded.scenario; // defaults filled in even when it does not validate
    if (!loaded.ok())
        record.notes << QStringLiteral("scenario.json: ") + loaded.errors.first().toString();
    if (record.meta.scenario.name == QLatin1StringView("Untitled") && !scenarioName.isEmpty())
        record.meta.scenario.name = scenarioName;
    if (record.meta.models.isEmpty()) {
        for (const auto &model : record.meta.scenario.enabledModels())
            record.meta.models << model.model;
    }
    if (record.meta.plan.steps.isEmpty())
        record.meta.plan = scenario::makePlan(record.meta.scenario.load);

    const QString summaryPath = d.filePath(QLatin1StringView(runfolder::summaryFile));
    if (QFileInfo::exists(summaryPath)) {
        if (const auto summary = readJson(summaryPath, &problem)) {
            record.summary = summaryFromJson(*summary);
            return record;
        }
        record.notes << problem;
    }
    rebuildFromJournal(record, d.absolutePath());
    record.summary.endReason = QStringLiteral("the run did not finish; rebuilt from its journal (%1 requests)")
                                   .arg(record.summary.overall.requests);
    record.summary.warnings.prepend(
        QStringLiteral("rebuilt from requests.jsonl: summary.json was never written, so the "
                       "run ended abruptly; every request that reached the disk is counted"));
    return record;
}

std::optional<RunRecord> loadRunInProgress(const QString &dir, QString *error)
{
    std::optional<RunRecord> record = loadRunFolder(dir, error);
    if (!record || !record->rebuilt)
        return record; // it finished meanwhile
    record->summary.end = model::RunEnd::InProgress;
    record->summary.endReason
        = QStringLiteral("exported while the run was going, after %1 requests").arg(record->summary.overall.requests);
    record->summary.warnings.removeFirst();
    record->summary.warnings.prepend(QStringLiteral("the run was still going: results up to the last second written "
                                                    "to disk"));
    return record;
}

QStringList parseTagList(const QString &text)
{
    QStringList tags;
    for (const QString &part : text.split(QLatin1Char(','))) {
        const QString tag = part.simplified();
        if (!tag.isEmpty() && !tags.contains(tag))
            tags << tag;
    }
    return tags;
}

QStringList readRunTags(const QString &dir)
{
    QFile file(QDir(dir).filePath(QLatin1StringView(runfolder::tagsFile)));
    if (!file.open(QIODevice::ReadOnly) || file.size() > 64 * 1024)
        return {};
    const nlohmann::json json = nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
    if (!json.is_array())
        return {};
    QStringList tags;
    for (const auto &item : json) {
        if (item.is_string())
            tags << QString::fromStdString(item.get<std::string>());
    }
    return parseTagList(tags.join(QLatin1Char(',')));
}

QString writeRunTags(const QString &dir, const QStringList &tags)
{
    const QString path = QDir(dir).filePath(QLatin1StringView(runfolder::tagsFile));
    const QStringList clean = parseTagList(tags.join(QLatin1Char(',')));
    if (clean.isEmpty())
        return !QFileInfo::exists(path) || QFile::remove(path) ? QString() : path + QStringLiteral(": cannot remove");
    nlohmann::json json = nlohmann::json::array();
    for (const QString &tag : clean)
        json.push_back(tag.toStdString());
    QSaveFile file(path);
    const QByteArray data = QByteArray::fromStdString(json.dump()) + '\n';
    if (file.open(QIODevice::WriteOnly) && file.write(data) == data.size() && file.commit())
        return {};
    return path + QStringLiteral(": ") + file.errorString();
}

} // namespace stampede::report
