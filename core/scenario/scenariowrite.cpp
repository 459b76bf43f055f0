// toJson() / saveScenarioFile(): the same shape parseScenario() reads, every value explicit, so a
// saved file documents itself and round-trips exactly.

#include "scenario/duration.h"
#include "scenario/jsonfields.h"
#include "scenario/loadkeys.h"
#include "scenario/naming.h"
#include "scenario/scenarioio.h"

#include "model/savefile.h"
#include "scenario/sections.h"

namespace stampede::scenario {

using namespace detail;

namespace {

std::string text(const QString &value)
{
    return value.toStdString();
}

std::string duration(qint64 ms)
{
    return formatDuration(ms).toStdString();
}

Json targetJson(const Target &target)
{
    Json headers = Json::object();
    for (auto it = target.headers.cbegin(); it != target.headers.cend(); ++it) {
        // Belt and braces: validate() rejects these, but a file must never receive a credential.
        if (!isSecretHeaderName(it.key()))
            headers[text(it.key())] = text(it.value());
    }
    Json json = Json::object();
    json["base_url"] = text(target.baseUrl);
    json["api_key_env"] = text(target.apiKeyEnv);
    json["timeout"] = duration(target.timeoutMs);
    json["connect_timeout"] = duration(target.connectTimeoutMs);
    json["headers"] = headers;
    json["http2"] = text(toString(target.http2));
    json["transport"] = text(toString(target.transport));
    writeTargetOptions(target, json);
    return json;
}

Json modelJson(const ModelSpec &model)
{
    Json json = Json::object();
    json["model"] = text(model.model);
    json["weight"] = numberToJson(model.weight);
    json["max_tokens"] = model.maxTokens;
    json["temperature"] = numberToJson(model.temperature);
    json["stream"] = model.stream;
    json["enabled"] = model.enabled;
    if (model.protocol != model::WireProtocol::OpenAiChat) // absent for the default, so files read as before
        json["protocol"] = text(model::wireProtocolName(model.protocol));
    json["price"] = Json { { "input_per_mtok", numberToJson(model.price.inputPerMTok) },
        { "output_per_mtok", numberToJson(model.price.outputPerMTok) } };
    if (model.price.cacheReadPerMTok) // absent unless stated: cache tokens cost the input price then
        json["price"]["cache_read_per_mtok"] = numberToJson(*model.price.cacheReadPerMTok);
    if (model.price.cacheWritePerMTok)
        json["price"]["cache_write_per_mtok"] = numberToJson(*model.price.cacheWritePerMTok);
    if (!model.slo.isEmpty()) // absent when unset, so a file without SLOs is written as before
        json["slo"] = sloToJson(model.slo);
    if (!model.limits.isEmpty()) // likewise: absent when the model has no cap of its own
        json["limits"] = limitsToJson(model.limits);
    return json;
}

Json stringsJson(const QStringList &strings)
{
    Json json = Json::array();
    for (const QString &value : strings)
        json.push_back(text(value));
    return json;
}

Json distributionJson(const TokenDistribution &d)
{
    static const char *const names[] = { "fixed", "uniform", "normal", "histogram" };
    Json json = Json::object();
    json["distribution"] = names[int(d.kind)];
    switch (d.kind) {
    case TokenDistribution::Kind::Fixed:
        json["mean"] = numberToJson(d.mean);
        break;
    case TokenDistribution::Kind::Uniform:
        json["min"] = numberToJson(d.min);
        json["max"] = numberToJson(d.max);
        break;
    case TokenDistribution::Kind::Normal:
        json["mean"] = numberToJson(d.mean);
        json["stddev"] = numberToJson(d.stddev);
        json["min"] = numberToJson(d.min);
        if (d.max > 0)
            json["max"] = numberToJson(d.max);
        break;
    case TokenDistribution::Kind::Histogram: {
        Json buckets = Json::array();
        for (const auto &[tokens, weight] : d.buckets)
            buckets.push_back(Json::array({ tokens, numberToJson(weight) }));
        json["buckets"] = buckets;
        break;
    }
    }
    return json;
}

Json promptsJson(const Prompts &prompts)
{
    Json json = Json { { "system", text(prompts.system) }, { "user", stringsJson(prompts.user) } };
    if (prompts.dataset) { // by reference: the path and its hash, never the prompts themselves
        Json dataset = Json { { "path", text(prompts.dataset->path) } };
        if (!prompts.dataset->sha256.isEmpty())
            dataset["sha256"] = text(prompts.dataset->sha256);
        dataset["order"] = prompts.dataset->random ? "random" : "sequential";
        json["dataset"] = dataset;
    }
    if (prompts.synthetic) {
        Json synthetic = Json { { "count", prompts.synthetic->count },
            { "input_tokens", distributionJson(prompts.synthetic->inputTokens) } };
        if (prompts.synthetic->outputTokens)
            synthetic["output_tokens"] = distributionJson(*prompts.synthetic->outputTokens);
        synthetic["seed"] = prompts.synthetic->seed;
        json["synthetic"] = synthetic;
    }
    if (prompts.sharedPrefix)
        json["shared_prefix"]
            = Json { { "count", prompts.sharedPrefix->count }, { "tokens", prompts.sharedPrefix->tokens },
                  { "share", numberToJson(prompts.sharedPrefix->share) }, { "seed", prompts.sharedPrefix->seed } };
    return json;
}

Json stagesJson(const QList<Stage> &stages)
{
    Json json = Json::array();
    for (const Stage &stage : stages)
        json.push_back(Json { { "duration", duration(stage.durationMs) }, { "target", numberToJson(stage.target) } });
    return json;
}

Json loadValue(std::string_view key, const LoadProfile &load)
{
    if (load.executor == ExecutorKind::Sweep && (key == "max_in_flight" || key == "arrival") && load.sweep.isVus())
        return Json(); // a VU sweep is a closed model
    if (load.executor == ExecutorKind::Sweep && key != "executor" && key != "max_in_flight" && key != "arrival"
        && key != "graceful_stop")
        return sweepValue(key, load.sweep);
    if (key == "executor")
        return text(toString(load.executor));
    if (key == "vus")
        return load.vus;
    if (key == "start_vus")
        return load.startVus;
    if (key == "rate")
        return numberToJson(load.rate);
    if (key == "start_rate")
        return numberToJson(load.startRate);
    if (key == "time_unit")
        return duration(load.timeUnitMs);
    if (key == "duration")
        return duration(load.durationMs);
    if (key == "stages")
        return stagesJson(load.stages);
    if (key == "max_in_flight")
        return load.maxInFlight;
    if (key == "arrival")
        return text(toString(load.arrival));
    if (key == "think_time")
        return Json { { "min", duration(load.thinkTimeMinMs) }, { "max", duration(load.thinkTimeMaxMs) } };
    if (key == "graceful_stop")
        return duration(load.gracefulStopMs);
    Q_UNREACHABLE();
    return {};
}

Json loadJson(const LoadProfile &load)
{
    Json json = Json::object();
    for (const LoadKey &key : loadKeys()) {
        if (!(key.executors & executorBit(load.executor)))
            continue;
        if (Json value = loadValue(key.name, load); !value.is_null()) // null: an optional key left unset
            json[std::string(key.name)] = std::move(value);
    }
    return json;
}

Json retryJson(const RetryPolicy &retry)
{
    Json statuses = Json::array();
    for (int status : retry.onStatus)
        statuses.push_back(status);
    Json json = Json::object();
    json["max_retries"] = retry.maxRetries;
    json["base_delay"] = duration(retry.baseDelayMs);
    json["max_delay"] = duration(retry.maxDelayMs);
    json["on_status"] = statuses;
    json["honor_retry_after"] = retry.honorRetryAfter;
    return json;
}

Json ruleJson(const ThresholdRule &rule)
{
    if (!rule.abortOnFail && rule.delayAbortEvalMs == 0)
        return text(rule.expression);
    Json json = Json::object();
    json["threshold"] = text(rule.expression);
    json["abortOnFail"] = rule.abortOnFail;
    json["delayAbortEval"] = duration(rule.delayAbortEvalMs);
    return json;
}

Json thresholdsJson(const QList<ThresholdSet> &thresholds)
{
    Json json = Json::object();
    for (const ThresholdSet &set : thresholds) {
        Json rules = Json::array();
        for (const ThresholdRule &rule : set.rules)
            rules.push_back(ruleJson(rule));
        json[text(set.metricKey)] = rules;
    }
    return json;
}

} // namespace

QByteArray toJson(const Scenario &scenario)
{
    Json models = Json::array();
    for (const ModelSpec &model : scenario.models)
        models.push_back(modelJson(model));
    Json json = Json::object();
    json["version"] = scenario.version;
    json["name"] = text(scenario.name);
    json["target"] = targetJson(scenario.target);
    json["models"] = models;
    json["prompts"] = promptsJson(scenario.prompts);
    json["load"] = loadJson(scenario.load);
    json["retry"] = retryJson(scenario.retry);
    if (!scenario.slo.isEmpty())
        json["slo"] = sloToJson(scenario.slo);
    json["thresholds"] = thresholdsJson(scenario.thresholds);
    json["checks"] = stringsJson(scenario.checks);
    if (scenario.seed)
        json["seed"] = *scenario.seed;
    json["preflight"] = scenario.preflight;
    if (!scenario.limits.isEmpty())
        json["limits"] = limitsToJson(scenario.limits);
    if (scenario.budgetUsd)
        json["budget_usd"] = numberToJson(*scenario.budgetUsd);
    if (scenario.captureHeaders) {
        Json patterns = Json::array();
        for (const QString &p : *scenario.captureHeaders)
            patterns.push_back(p.toStdString());
        json["capture_headers"] = patterns;
    }
    if (scenario.serverMetrics)
        json["server_metrics"] = serverMetricsToJson(*scenario.serverMetrics);
    if (scenario.directTarget)
        json["direct_target"] = directTargetToJson(*scenario.directTarget);
    if (scenario.conversation) {
        Json conversation = Json { { "turns", scenario.conversation->turns } };
        if (scenario.conversation->maxContextTokens)
            conversation["max_context_tokens"] = *scenario.conversation->maxContextTokens;
        json["conversation"] = conversation;
    }
    if (scenario.tools) {
        Json functions = Json::array();
        for (const ToolFunction &f : scenario.tools->functions) {
            Json function { { "name", f.name.toStdString() } };
            if (!f.description.isEmpty())
                function["description"] = f.description.toStdString();
            if (!f.parameters.isEmpty())
                function["parameters"] = Json::parse(f.parameters.cbegin(), f.parameters.cend(), nullptr, false);
            functions.push_back(std::move(function));
        }
        json["tools"]
            = Json { { "functions", std::move(functions) }, { "choice", scenario.tools->choice.toStdString() } };
    }
    // ensure_ascii off keeps CJK prompts readable; replace never throws on broken UTF-16 input.
    const std::string out = json.dump(2, ' ', false, Json::error_handler_t::replace);
    return QByteArray::fromStdString(out) + '\n';
}

QString saveScenarioFile(const Scenario &scenario, const QString &path)
{
    const QString error = model::writeFileAtomically(path, toJson(scenario));
    return error.isEmpty() ? error : QStringLiteral("cannot write ") + error;
}

} // namespace stampede::scenario
