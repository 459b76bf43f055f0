#include "scenario/sections.h"

#include "scenario/loadkeys.h"
#include "scenario/naming.h"

#include "model/suggestion.h"

namespace stampede::scenario::detail {

namespace {

/// The chosen executor; nullopt when it is unusable (then only unknown keys are checked).
std::optional<ExecutorKind> readExecutor(const ObjectReader &reader, LoadProfile &load)
{
    const Json *value = reader.find("executor");
    if (!value)
        return load.executor;
    QString name;
    if (!readString(*value, reader.pathOf("executor"), reader.errors(), name))
        return std::nullopt;
    if (const std::optional<ExecutorKind> kind = executorFromString(name)) {
        load.executor = *kind;
        return kind;
    }
    QStringList names;
    for (ExecutorKind kind : kAllExecutors)
        names.append(toString(kind));
    reader.errors().append({ reader.pathOf("executor"),
        QStringLiteral("unknown executor \"") + name + QLatin1Char('"') + model::suggestionSuffix(name, names)
            + QStringLiteral(" (executors: ") + names.join(QStringLiteral(", ")) + QLatin1Char(')') });
    return std::nullopt;
}

/// Unknown keys, and keys that belong to another executor than the chosen one (when it is known).
void checkLoadKeys(const Json &value, const QString &path, std::optional<ExecutorKind> kind, Errors &errors)
{
    QStringList known;
    for (const LoadKey &key : loadKeys())
        known.append(fromStd(key.name));
    for (const auto &member : value.items()) {
        const QString keyPath = memberPath(path, member.key());
        const LoadKey *key = findLoadKey(member.key());
        if (!key)
            errors.append({ keyPath, unknownKeyMessage(fromStd(member.key()), known) });
        else if (kind && !(key->executors & executorBit(*kind)))
            errors.append({ keyPath,
                QStringLiteral("not used by ") + toString(*kind) + QStringLiteral("; remove it or choose ")
                    + executorNames(key->executors) });
    }
}

void readStages(const Json &value, const QString &path, QList<Stage> &stages, Errors &errors)
{
    if (!value.is_array()) {
        typeError(errors, path, QLatin1StringView("an array of stages"), value);
        return;
    }
    stages.clear();
    for (std::size_t i = 0; i < value.size(); ++i) {
        const ObjectReader stage(value[i], indexPath(path, qsizetype(i)), errors);
        Stage parsed;
        stage.rejectUnknownKeys({ "duration", "target" });
        const QString hint = QStringLiteral("every stage needs a duration and a target");
        stage.require("duration", hint);
        stage.require("target", hint);
        stage.readDuration("duration", parsed.durationMs);
        stage.read("target", parsed.target);
        stages.append(parsed);
    }
}

void readThinkTime(const ObjectReader &load, LoadProfile &profile)
{
    const Json *value = load.find("think_time");
    if (!value)
        return;
    const ObjectReader think(*value, load.pathOf("think_time"), load.errors());
    think.rejectUnknownKeys({ "min", "max" });
    think.readDuration("min", profile.thinkTimeMinMs);
    think.readDuration("max", profile.thinkTimeMaxMs);
}

void readArrival(const ObjectReader &load, LoadProfile &profile)
{
    QString text;
    const Json *value = load.find("arrival");
    if (!value || !readString(*value, load.pathOf("arrival"), load.errors(), text))
        return;
    if (const std::optional<Arrival> arrival = arrivalFromString(text))
        profile.arrival = *arrival;
    else
        load.errors().append({ load.pathOf("arrival"),
            QLatin1Char('"') + text + QStringLiteral("\" is not an arrival; use \"uniform\" or \"poisson\"") });
}

ThresholdRule readRule(const Json &value, const QString &path, Errors &errors)
{
    ThresholdRule rule;
    if (value.is_string()) {
        readString(value, path, errors, rule.expression);
        return rule;
    }
    if (!value.is_object()) {
        typeError(errors, path, QLatin1StringView("an expression string or {\"threshold\": ...}"), value);
        return rule;
    }
    const ObjectReader reader(value, path, errors);
    reader.rejectUnknownKeys({ "threshold", "abortOnFail", "delayAbortEval" });
    reader.require("threshold", QStringLiteral("give the expression, e.g. \"threshold\": \"p(95)<800\""));
    reader.read("threshold", rule.expression);
    reader.read("abortOnFail", rule.abortOnFail);
    reader.readDuration("delayAbortEval", rule.delayAbortEvalMs);
    return rule;
}

} // namespace

void readLoad(const Json &value, LoadProfile &load, Errors &errors)
{
    const ObjectReader reader(value, QStringLiteral("load"), errors);
    if (!reader.isObject())
        return;
    checkLoadKeys(value, reader.path(), readExecutor(reader, load), errors);
    reader.read("vus", load.vus);
    reader.readDuration("duration", load.durationMs);
    reader.read("start_vus", load.startVus);
    reader.read("rate", load.rate);
    reader.read("start_rate", load.startRate);
    reader.readDuration("time_unit", load.timeUnitMs);
    reader.read("max_in_flight", load.maxInFlight);
    readArrival(reader, load);
    if (const Json *stages = reader.find("stages"))
        readStages(*stages, reader.pathOf("stages"), load.stages, errors);
    readThinkTime(reader, load);
    reader.readDuration("graceful_stop", load.gracefulStopMs);
    if (load.executor == ExecutorKind::Sweep)
        readSweep(reader, load.sweep);
}

void readThresholds(const Json &value, QList<ThresholdSet> &thresholds, Errors &errors)
{
    const ObjectReader reader(value, QStringLiteral("thresholds"), errors);
    if (!reader.isObject())
        return;
    thresholds.clear();
    for (const auto &member : value.items()) {
        ThresholdSet set { fromStd(member.key()), {} };
        const QString path = reader.pathOf(member.key());
        if (!member.value().is_array()) {
            typeError(
                errors, path, QLatin1StringView("an array of expressions such as [\"p(95)<2000\"]"), member.value());
            continue;
        }
        for (std::size_t i = 0; i < member.value().size(); ++i)
            set.rules.append(readRule(member.value()[i], indexPath(path, qsizetype(i)), errors));
        thresholds.append(set);
    }
}

bool rejectApiKey(Errors &errors, const QString &key, const QString &path)
{
    if (!isApiKeyName(key))
        return false;
    errors.append({ path,
        QStringLiteral("API keys never go in scenario files; use target.api_key_env to name the "
                       "environment variable that holds the key") });
    return true;
}

} // namespace stampede::scenario::detail
