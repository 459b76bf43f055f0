#include "gatewayconfig.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QSet>

#include <cmath>
#include <limits>

namespace stampede::gateway {

using nlohmann::json;

GatewayConfig defaultConfig()
{
    // mean latency = ttft + output / tps; p95 / mean of a mean-preserving lognormal with sigma 0.8 is ~2.7.
    GatewayConfig config;
    config.models = {
        { QStringLiteral("gpt-4.1"), 120.0, 550.0, 110, 0.8 }, // 120 + 200 = 320 ms
        { QStringLiteral("claude-sonnet-4-5"), 150.0, 400.0, 120, 0.8 }, // 150 + 300 = 450 ms
        { QStringLiteral("gemini-2.5-flash"), 40.0, 700.0, 98, 0.8 }, // 40 + 140 = 180 ms
        { QStringLiteral("deepseek-v3.2"), 90.0, 500.0, 95, 0.8 }, // 90 + 190 = 280 ms
    };
    return config;
}

namespace {

QString rangeError(const QString &key, double min, double max)
{
    return QStringLiteral("%1: must be between %2 and %3").arg(key).arg(min).arg(max);
}

bool inRange(double v, double min, double max)
{
    return std::isfinite(v) && v >= min && v <= max;
}

QString validateModel(const ModelBehaviour &m, const QString &where)
{
    if (m.model.trimmed().isEmpty())
        return where + QStringLiteral(".model: must not be empty");
    if (!inRange(m.ttftMs, 0, 600000))
        return rangeError(where + QStringLiteral(".ttft_ms"), 0, 600000);
    if (!inRange(m.tokensPerSec, 0.001, 1e6))
        return rangeError(where + QStringLiteral(".tokens_per_sec"), 0.001, 1e6);
    if (m.outputTokensMean < 1 || m.outputTokensMean > 100000)
        return rangeError(where + QStringLiteral(".output_tokens"), 1, 100000);
    if (!inRange(m.jitter, 0, 3))
        return rangeError(where + QStringLiteral(".jitter"), 0, 3);
    // integrity (issue 14)
    if (!inRange(m.usageFactor, 0, 1000))
        return rangeError(where + QStringLiteral(".usage_factor"), 0, 1000);
    if (!inRange(m.emptyRate, 0, 1))
        return rangeError(where + QStringLiteral(".empty_rate"), 0, 1);
    if (m.reasoningTokens < 0 || m.reasoningTokens > 100000)
        return rangeError(where + QStringLiteral(".reasoning_tokens"), 0, 100000);
    if (!inRange(m.prefillTokensPerSec, 0, 1e9))
        return rangeError(where + QStringLiteral(".prefill_tokens_per_sec"), 0, 1e9);
    if (!inRange(m.toolCallRate, 0, 1))
        return rangeError(where + QStringLiteral(".tool_call_rate"), 0, 1);
    return {};
}

QString validateRates(const GatewayConfig &c)
{
    const struct {
        const char *key;
        double value;
    } rates[] = { { "error_5xx_rate", c.error5xxRate }, { "stall_rate", c.stallRate },
        { "cut_stream_rate", c.cutStreamRate }, { "garbage_rate", c.garbageRate } };
    double sum = 0;
    for (const auto &r : rates) {
        if (!inRange(r.value, 0, 1))
            return rangeError(QString::fromLatin1(r.key), 0, 1);
        sum += r.value;
    }
    if (sum > 1.0 + 1e-9)
        return QStringLiteral("error_5xx_rate + stall_rate + cut_stream_rate + garbage_rate: must sum to at most 1 "
                              "(each request draws one outcome)");
    return {};
}

} // namespace

QString validateConfig(const GatewayConfig &c)
{
    if (c.models.isEmpty())
        return QStringLiteral("models: at least one model is needed");
    QSet<QString> names;
    for (qsizetype i = 0; i < c.models.size(); ++i) {
        const QString where = QStringLiteral("models[%1]").arg(i);
        if (QString e = validateModel(c.models[i], where); !e.isEmpty())
            return e;
        if (names.contains(c.models[i].model))
            return where + QStringLiteral(".model: duplicate model \"%1\"").arg(c.models[i].model);
        names.insert(c.models[i].model);
    }
    if (QString e = validateRates(c); !e.isEmpty())
        return e;
    if (!inRange(c.brokenToolArgsRate, 0, 1)) // not an outcome: drawn apart, so not in the sum above
        return rangeError(QStringLiteral("broken_tool_args_rate"), 0, 1);
    if (c.rpmLimit < 0 || c.rpmLimit > 100000000)
        return rangeError(QStringLiteral("rpm_limit"), 0, 100000000);
    if (c.retryAfterSeconds < 0 || c.retryAfterSeconds > 86400)
        return rangeError(QStringLiteral("retry_after_s"), 0, 86400);
    if (c.fixedLatencyMs < -1 || c.fixedLatencyMs > 3600000)
        return rangeError(QStringLiteral("fixed_latency_ms"), -1, 3600000);
    if (c.threads < 1 || c.threads > 64)
        return rangeError(QStringLiteral("threads"), 1, 64);
    if (c.chunkTokens < 1 || c.chunkTokens > 100000)
        return rangeError(QStringLiteral("chunk_tokens"), 1, 100000);
    if (c.overheadMs < -1 || c.overheadMs > 60000)
        return rangeError(QStringLiteral("overhead_ms"), -1, 60000);
    if (c.prefixCache.minTokens < 1 || c.prefixCache.minTokens > 1000000)
        return rangeError(QStringLiteral("prefix_cache.min_tokens"), 1, 1000000);
    if (!inRange(c.prefixCache.ttftFactor, 0, 10))
        return rangeError(QStringLiteral("prefix_cache.ttft_factor"), 0, 10);
    return {};
}

namespace {

constexpr char kModelKeys[] = "model, ttft_ms, tokens_per_sec, output_tokens, jitter, substitute_model, "
                              "burst_stream, usage_factor, empty_rate, reasoning_tokens, "
                              "prefill_tokens_per_sec, tool_call_rate";

// Each reader checks the JSON type only; ranges are validateConfig's job, so they are said once.
struct Reader {
    QString error;

    bool fail(const QString &where, const char *what)
    {
        error = where + QStringLiteral(": expected ") + QString::fromLatin1(what);
        return false;
    }
    bool number(const json &v, const QString &where, double *out)
    {
        if (!v.is_number())
            return fail(where, "a number");
        *out = v.get<double>();
        return true;
    }
    template <typename Int> bool integer(const json &v, const QString &where, Int *out)
    {
        const double d = v.is_number() ? v.get<double>() : 0.5;
        if (!v.is_number() || d != std::floor(d))
            return fail(where, "an integer");
        if (d < double(std::numeric_limits<Int>::min()))
            return fail(where, std::numeric_limits<Int>::min() == 0 ? "a non-negative integer" : "a larger integer");
        if ((v.is_number_unsigned() && v.get<quint64>() > quint64(std::numeric_limits<Int>::max()))
            || d > double(std::numeric_limits<Int>::max()))
            return fail(where, "a smaller integer");
        *out = v.is_number_unsigned() ? Int(v.get<quint64>()) : Int(v.get<qint64>());
        return true;
    }
    bool boolean(const json &v, const QString &where, bool *out)
    {
        if (!v.is_boolean())
            return fail(where, "true or false");
        *out = v.get<bool>();
        return true;
    }
    bool string(const json &v, const QString &where, QString *out)
    {
        if (!v.is_string())
            return fail(where, "a string");
        *out = QString::fromStdString(v.get<std::string>());
        return true;
    }
    bool unknown(const std::string &key, const QString &where, const char *known)
    {
        error = QStringLiteral("%1unknown key \"%2\" (known keys: %3)")
                    .arg(where.isEmpty() ? QString() : where + QStringLiteral(": "), QString::fromStdString(key),
                        QString::fromLatin1(known));
        return false;
    }

    bool model(const json &v, const QString &where, ModelBehaviour *m)
    {
        if (!v.is_object())
            return fail(where, "an object");
        if (!v.contains("model"))
            return fail(where + QStringLiteral(".model"), "a string (the model id)");
        for (const auto &[key, value] : v.items()) {
            const QString at = where + QLatin1Char('.') + QString::fromStdString(key);
            bool ok = key == "model"      ? string(value, at, &m->model)
                : key == "ttft_ms"        ? number(value, at, &m->ttftMs)
                : key == "tokens_per_sec" ? number(value, at, &m->tokensPerSec)
                : key == "output_tokens"  ? integer(value, at, &m->outputTokensMean)
                : key == "jitter"         ? number(value, at, &m->jitter)
                // integrity (issue 14)
                : key == "substitute_model"       ? string(value, at, &m->substituteModel)
                : key == "burst_stream"           ? boolean(value, at, &m->burstStream)
                : key == "usage_factor"           ? number(value, at, &m->usageFactor)
                : key == "empty_rate"             ? number(value, at, &m->emptyRate)
                : key == "reasoning_tokens"       ? integer(value, at, &m->reasoningTokens)
                : key == "prefill_tokens_per_sec" ? number(value, at, &m->prefillTokensPerSec)
                : key == "tool_call_rate"         ? number(value, at, &m->toolCallRate)
                                                  : unknown(key, where, kModelKeys);
            if (!ok)
                return false;
        }
        return true;
    }

    bool models(const json &v, QList<ModelBehaviour> *out)
    {
        if (!v.is_array())
            return fail(QStringLiteral("models"), "an array of objects");
        out->clear();
        for (std::size_t i = 0; i < v.size(); ++i) {
            ModelBehaviour m;
            if (!model(v[i], QStringLiteral("models[%1]").arg(i), &m))
                return false;
            out->append(m);
        }
        return true;
    }

    bool top(const std::string &key, const json &v, GatewayConfig *c)
    {
        const QString at = QString::fromStdString(key);
        return key == "models"               ? models(v, &c->models)
            : key == "error_5xx_rate"        ? number(v, at, &c->error5xxRate)
            : key == "rpm_limit"             ? integer(v, at, &c->rpmLimit)
            : key == "retry_after_s"         ? integer(v, at, &c->retryAfterSeconds)
            : key == "api_key"               ? string(v, at, &c->apiKey)
            : key == "stall_rate"            ? number(v, at, &c->stallRate)
            : key == "cut_stream_rate"       ? number(v, at, &c->cutStreamRate)
            : key == "garbage_rate"          ? number(v, at, &c->garbageRate)
            : key == "broken_tool_args_rate" ? number(v, at, &c->brokenToolArgsRate)
            : key == "reject_stream_options" ? boolean(v, at, &c->rejectStreamOptions)
            : key == "send_usage"            ? boolean(v, at, &c->sendUsage)
            : key == "fixed_latency_ms"      ? integer(v, at, &c->fixedLatencyMs)
            : key == "threads"               ? integer(v, at, &c->threads)
            : key == "seed"                  ? integer(v, at, &c->seed)
            : key == "chunk_tokens"          ? integer(v, at, &c->chunkTokens)
            : key == "overhead_ms"           ? integer(v, at, &c->overheadMs)
            : key == "prefix_cache"          ? prefixCache(v, &c->prefixCache)
                                             : unknown(key, QString(),
                                                 "models, error_5xx_rate, rpm_limit, retry_after_s, api_key, stall_rate, "
                                                          "cut_stream_rate, garbage_rate, broken_tool_args_rate, "
                                                          "reject_stream_options, send_usage, "
                                                          "fixed_latency_ms, threads, seed, chunk_tokens, overhead_ms, "
                                                          "prefix_cache");
    }

    // An object turns the cache on (unless it says "enabled": false); null turns it off.
    bool prefixCache(const json &v, PrefixCacheConfig *p)
    {
        const QString where = QStringLiteral("prefix_cache");
        if (v.is_null())
            return p->enabled = false, true;
        if (!v.is_object())
            return fail(where, "an object or null");
        p->enabled = true;
        for (const auto &[key, value] : v.items()) {
            const QString at = where + QLatin1Char('.') + QString::fromStdString(key);
            const bool ok = key == "enabled" ? boolean(value, at, &p->enabled)
                : key == "min_tokens"        ? integer(value, at, &p->minTokens)
                : key == "ttft_factor"       ? number(value, at, &p->ttftFactor)
                                             : unknown(key, where, "enabled, min_tokens, ttft_factor");
            if (!ok)
                return false;
        }
        return true;
    }
};

} // namespace

GatewayConfig parseGatewayConfig(const QByteArray &text, QString *error)
{
    auto failed = [error](const QString &message) {
        if (error)
            *error = message;
        return GatewayConfig {};
    };
    json doc;
    try {
        doc = json::parse(text.constBegin(), text.constEnd());
    } catch (const json::exception &e) {
        return failed(QStringLiteral("not valid JSON: ") + QString::fromUtf8(e.what()));
    }
    if (!doc.is_object())
        return failed(QStringLiteral("the gateway config must be a JSON object"));
    GatewayConfig config = defaultConfig();
    Reader reader;
    for (const auto &[key, value] : doc.items()) {
        if (!reader.top(key, value, &config))
            return failed(reader.error);
    }
    if (QString problem = validateConfig(config); !problem.isEmpty())
        return failed(problem);
    if (error)
        error->clear();
    return config;
}

QByteArray exampleGatewayConfigJson()
{
    QFile file(QStringLiteral(":/stampede/gateway/example.json"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray gatewayConfigToJson(const GatewayConfig &c)
{
    json models = json::array();
    for (const ModelBehaviour &m : c.models) {
        json model = { { "model", m.model.toStdString() }, { "ttft_ms", m.ttftMs },
            { "tokens_per_sec", m.tokensPerSec }, { "output_tokens", m.outputTokensMean }, { "jitter", m.jitter } };
        // integrity (issue 14): written only where set, so ordinary configs read as before
        if (!m.substituteModel.isEmpty())
            model["substitute_model"] = m.substituteModel.toStdString();
        if (m.burstStream)
            model["burst_stream"] = true;
        if (m.usageFactor != 1.0)
            model["usage_factor"] = m.usageFactor;
        if (m.emptyRate > 0)
            model["empty_rate"] = m.emptyRate;
        if (m.reasoningTokens > 0)
            model["reasoning_tokens"] = m.reasoningTokens;
        if (m.prefillTokensPerSec > 0)
            model["prefill_tokens_per_sec"] = m.prefillTokensPerSec;
        if (m.toolCallRate != 1.0)
            model["tool_call_rate"] = m.toolCallRate;
        models.push_back(std::move(model));
    }
    const json doc = { { "models", models }, { "error_5xx_rate", c.error5xxRate }, { "rpm_limit", c.rpmLimit },
        { "retry_after_s", c.retryAfterSeconds }, { "api_key", c.apiKey.toStdString() }, { "stall_rate", c.stallRate },
        { "cut_stream_rate", c.cutStreamRate }, { "garbage_rate", c.garbageRate },
        { "broken_tool_args_rate", c.brokenToolArgsRate }, { "reject_stream_options", c.rejectStreamOptions },
        { "send_usage", c.sendUsage }, { "fixed_latency_ms", c.fixedLatencyMs }, { "threads", c.threads },
        { "seed", c.seed }, { "chunk_tokens", c.chunkTokens }, { "overhead_ms", c.overheadMs },
        { "prefix_cache",
            { { "enabled", c.prefixCache.enabled }, { "min_tokens", c.prefixCache.minTokens },
                { "ttft_factor", c.prefixCache.ttftFactor } } } };
    return QByteArray::fromStdString(doc.dump(2)) + '\n';
}

} // namespace stampede::gateway
