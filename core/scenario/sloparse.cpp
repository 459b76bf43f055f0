// "slo", at the top level and in each model: read, written and checked here, so the whole life of
// the service-level objectives in a scenario file is in one place.

#include "scenario/duration.h"
#include "scenario/sections.h"

namespace stampede::scenario::detail {

namespace {

/// "<2s", "< 1.5s", "500ms": the bound in milliseconds, or nullopt.
std::optional<qint64> parseSloBound(const QString &text)
{
    QStringView rest = QStringView(text).trimmed();
    if (rest.startsWith(u'<'))
        rest = rest.mid(1).trimmed();
    if (rest.startsWith(u'='))
        return std::nullopt; // "<=": a request meets an SLO only strictly under it
    return parseDuration(rest.toString());
}

} // namespace

void readSlo(const Json &value, const QString &path, model::Slo &slo, Errors &errors)
{
    const ObjectReader reader(value, path, errors);
    if (!reader.isObject())
        return;
    slo = {};
    for (const auto &member : value.items()) {
        const QString key = fromStd(member.key());
        const QString keyPath = reader.pathOf(member.key());
        const std::optional<model::SloMetric> metric = model::sloMetricFromName(key);
        if (!metric) {
            errors.append({ keyPath, unknownKeyMessage(key, model::sloMetricNames()) });
            continue;
        }
        QString text;
        if (!member.value().is_string()) {
            typeError(errors, keyPath, QLatin1StringView("a bound such as \"<500ms\""), member.value());
            continue;
        }
        readString(member.value(), keyPath, errors, text);
        if (const std::optional<qint64> ms = parseSloBound(text))
            slo.setBound(*metric, *ms);
        else
            errors.append({ keyPath,
                QLatin1Char('"') + text
                    + QStringLiteral("\" is not a bound; write a duration, optionally after \"<\", e.g. \"<500ms\" "
                                     "or \"2s\" (a request meets it when strictly under it)") });
    }
}

Json sloToJson(const model::Slo &slo)
{
    Json json = Json::object();
    for (model::SloMetric metric : model::allSloMetrics()) {
        if (const std::optional<std::int64_t> ms = slo.bound(metric))
            json[QString(model::sloMetricName(metric)).toStdString()]
                = QString(QLatin1Char('<') + formatDuration(*ms)).toStdString();
    }
    return json;
}

void checkSlo(const model::Slo &slo, const QString &path, Errors &errors)
{
    for (model::SloMetric metric : model::allSloMetrics()) {
        const std::optional<std::int64_t> ms = slo.bound(metric);
        if (ms && *ms <= 0)
            errors.append({ memberPath(path, QString(model::sloMetricName(metric))),
                QStringLiteral("must be longer than 0s: no request would meet it") });
    }
}

} // namespace stampede::scenario::detail
