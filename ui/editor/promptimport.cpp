#include "ui/editor/promptimport.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace stampede::ui::editor {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("stampede::ui::editor::PromptImport", text);
}

QList<QByteArray> lines(const QByteArray &data)
{
    QList<QByteArray> result = data.split('\n');
    for (QByteArray &line : result) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    if (!result.isEmpty() && result.last().isEmpty())
        result.removeLast();
    return result;
}

/// The text of a message's content: a string, or the text parts of an array of parts.
QString contentText(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    QStringList parts;
    const QJsonArray array = content.toArray();
    for (const QJsonValue &part : array) {
        if (part.toObject().value(QStringLiteral("type")).toString() == QLatin1StringView("text"))
            parts.append(part.toObject().value(QStringLiteral("text")).toString());
    }
    return parts.join(QLatin1Char('\n'));
}

/// The prompt of one JSONL object, or the reason there is none.
QString promptOf(const QJsonObject &object, QString &problem)
{
    if (object.value(QStringLiteral("prompt")).isString())
        return object.value(QStringLiteral("prompt")).toString();
    if (!object.value(QStringLiteral("messages")).isArray()) {
        problem = tr("expected {\"prompt\": \"...\"} or {\"messages\": [...]}");
        return {};
    }
    const QJsonArray messages = object.value(QStringLiteral("messages")).toArray();
    for (qsizetype i = messages.size() - 1; i >= 0; --i) {
        const QJsonObject message = messages.at(i).toObject();
        if (message.value(QStringLiteral("role")).toString() == QLatin1StringView("user"))
            return contentText(message.value(QStringLiteral("content")));
    }
    problem = tr("no message with \"role\": \"user\" in \"messages\"");
    return {};
}

} // namespace

PromptImport importTextPrompts(const QByteArray &data)
{
    PromptImport result;
    const QList<QByteArray> all = lines(data);
    for (const QByteArray &line : all) {
        const QString prompt = QString::fromUtf8(line).trimmed();
        if (!prompt.isEmpty())
            result.prompts.append(prompt);
    }
    return result;
}

PromptImport importJsonlPrompts(const QByteArray &data)
{
    PromptImport result;
    const QList<QByteArray> all = lines(data);
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (all[i].trimmed().isEmpty())
            continue;
        const QString where = tr("line %1: ").arg(i + 1);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(all[i], &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()) {
            result.problems.append(
                where + (document.isNull() ? tr("not JSON (%1)").arg(error.errorString()) : tr("not a JSON object")));
            continue;
        }
        QString problem;
        const QString prompt = promptOf(document.object(), problem);
        if (prompt.trimmed().isEmpty())
            result.problems.append(where + (problem.isEmpty() ? tr("the prompt is empty") : problem));
        else
            result.prompts.append(prompt);
    }
    return result;
}

PromptImport importPromptFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        PromptImport result;
        result.problems.append(tr("cannot read \"%1\": %2").arg(path, file.errorString()));
        return result;
    }
    const QByteArray data = file.readAll();
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1StringView("jsonl") || suffix == QLatin1StringView("ndjson"))
        return importJsonlPrompts(data);
    return importTextPrompts(data);
}

} // namespace stampede::ui::editor
