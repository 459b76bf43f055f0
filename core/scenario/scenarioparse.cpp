// parseScenario(): JSON text -> Scenario with defaults, collecting every error with its path.

#include "scenario/naming.h"
#include "scenario/pricetable.h"
#include "scenario/scenarioio.h"
#include "scenario/sections.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <vector>

namespace stampede::scenario {

using namespace detail;

namespace {

/// Follows the parser's events to report duplicate keys with their path (nlohmann keeps the last silently).
class DuplicateKeyTracker
{
public:
    bool onEvent(Json::parse_event_t event, const Json &parsed)
    {
        using Event = Json::parse_event_t;
        switch (event) {
        case Event::object_start:
        case Event::array_start:
            m_frames.push_back({ event == Event::array_start, 0, childPath(), {}, {} });
            break;
        case Event::object_end:
        case Event::array_end:
            m_frames.pop_back();
            break;
        case Event::key:
            onKey(parsed.get<std::string>());
            break;
        case Event::value:
            childPath(); // advances the index inside arrays
            break;
        }
        return true;
    }
    const Errors &errors() const { return m_errors; }

private:
    struct Frame {
        bool isArray = false;
        qsizetype nextIndex = 0;
        QString path;
        QString key;
        std::set<std::string> seen;
    };

    QString childPath()
    {
        if (m_frames.empty())
            return {};
        Frame &top = m_frames.back();
        return top.isArray ? indexPath(top.path, top.nextIndex++) : memberPath(top.path, top.key);
    }
    void onKey(const std::string &key)
    {
        Frame &top = m_frames.back();
        top.key = fromStd(key);
        if (!top.seen.insert(key).second)
            m_errors.append({ memberPath(top.path, top.key),
                QStringLiteral("duplicate key; only the last one would count, so merge them") });
    }

    std::vector<Frame> m_frames;
    Errors m_errors;
};

QString syntaxErrorMessage(const QByteArray &text, const Json::parse_error &error)
{
    if (text.trimmed().isEmpty())
        return QStringLiteral("the file is empty; a scenario is a JSON object such as {\"version\": 1}");
    // nlohmann's byte is 1-based and points at the last byte read.
    const qsizetype offset = qBound<qsizetype>(0, qsizetype(error.byte) - 1, text.size());
    const qsizetype lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const qsizetype line = text.left(lineStart).count('\n') + 1;
    const qsizetype column = QString::fromUtf8(text.mid(lineStart, offset - lineStart)).size() + 1;
    QString reason = QString::fromUtf8(error.what());
    const qsizetype colon = reason.indexOf(QStringLiteral(": "), reason.indexOf(QStringLiteral("column")));
    if (colon >= 0)
        reason = reason.mid(colon + 2);
    return QStringLiteral("JSON syntax error at line %1, column %2 (byte %3): %4")
        .arg(line)
        .arg(column)
        .arg(offset)
        .arg(reason);
}

/// Scenario files nest a few levels; nlohmann's cost grows with the square of the depth (40,000
/// levels took 4.7 GB), so anything deeper than this is refused before parsing.
constexpr int kMaxJsonDepth = 64;

/// The byte offset where the nesting first exceeds kMaxJsonDepth (brackets inside strings do not
/// count), or -1.
qsizetype tooDeepAt(const QByteArray &text)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > kMaxJsonDepth)
                return i;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return -1;
}

bool parseDocument(const QByteArray &text, Json &document, Errors &errors)
{
    if (const qsizetype at = tooDeepAt(text); at >= 0) {
        errors.append({ QString(),
            QStringLiteral("JSON nested deeper than %1 levels (at byte %2): not a scenario file")
                .arg(kMaxJsonDepth)
                .arg(at) });
        return false;
    }
    DuplicateKeyTracker tracker;
    try {
        document = Json::parse(text.constBegin(), text.constEnd(),
            [&tracker](int, Json::parse_event_t event, Json &parsed) { return tracker.onEvent(event, parsed); });
    } catch (const Json::parse_error &error) {
        errors.append({ QString(), syntaxErrorMessage(text, error) });
        return false;
    } catch (const std::exception &error) {
        errors.append({ QString(), QStringLiteral("cannot read the JSON: ") + QString::fromUtf8(error.what()) });
        return false;
    }
    errors.append(tracker.errors());
    return true;
}

void readTarget(const Json &value, Target &target, Errors &errors)
{
    const ObjectReader reader(value, QStringLiteral("target"), errors);
    reader.rejectUnknownKeys({ "base_url", "api_key_env", "timeout", "connect_timeout", "headers", "http2", "transport",
                                 "tls", "proxy", "follow_redirects", "limits" },
        [&errors](const QString &key, const QString &path) { return rejectApiKey(errors, key, path); });
    reader.read("base_url", target.baseUrl);
    reader.read("api_key_env", target.apiKeyEnv);
    reader.readDuration("timeout", target.timeoutMs);
    reader.readDuration("connect_timeout", target.connectTimeoutMs);
    readHeaders(reader, target.headers);
    QString mode;
    if (const Json *http2 = reader.find("http2"); http2 && readString(*http2, reader.pathOf("http2"), errors, mode)) {
        if (const std::optional<Http2Mode> parsed = http2FromString(mode))
            target.http2 = *parsed;
        else
            errors.append({ reader.pathOf("http2"),
                QLatin1Char('"') + mode + QStringLiteral("\" is not a mode; use \"auto\", \"http1\" or \"h2c\"") });
    }
    QString transport;
    if (const Json *value = reader.find("transport");
        value && readString(*value, reader.pathOf("transport"), errors, transport)) {
        if (const std::optional<TransportKind> parsed = transportFromName(transport))
            target.transport = *parsed;
        else
            errors.append({ reader.pathOf("transport"),
                QLatin1Char('"') + transport
                    + QStringLiteral("\" is not a transport; use \"auto\", \"curl\" (libcurl) or \"qt\" "
                                     "(QNetworkAccessManager)") });
    }
    readTargetOptions(reader, target);
}

ModelSpec readModel(const Json &value, const QString &path, Errors &errors)
{
    ModelSpec model;
    const ObjectReader reader(value, path, errors);
    reader.rejectUnknownKeys(
        { "model", "weight", "max_tokens", "temperature", "stream", "enabled", "protocol", "price", "slo", "limits" });
    reader.require("model", QStringLiteral("give the model name the gateway expects, e.g. \"gpt-4.1\""));
    reader.read("model", model.model);
    reader.read("weight", model.weight);
    reader.read("max_tokens", model.maxTokens);
    reader.read("temperature", model.temperature);
    reader.read("stream", model.stream);
    reader.read("enabled", model.enabled);
    if (const Json *value = reader.find("protocol")) {
        QString protocol;
        reader.read("protocol", protocol); // a type error when it is not a string
        if (const std::optional<model::WireProtocol> parsed = model::wireProtocolFromName(protocol))
            model.protocol = *parsed;
        else if (value->is_string())
            errors.append({ reader.pathOf("protocol"),
                QLatin1Char('"') + protocol
                    + QStringLiteral("\" is not a protocol; use \"openai-chat\", \"openai-responses\", "
                                     "\"anthropic-messages\" or \"gemini\"") });
    }
    model.price = builtinPrice(model.model).value_or(model::Price {});
    if (const Json *price = reader.find("price")) {
        const ObjectReader priceReader(*price, reader.pathOf("price"), errors);
        priceReader.rejectUnknownKeys(
            { "input_per_mtok", "output_per_mtok", "cache_read_per_mtok", "cache_write_per_mtok" });
        priceReader.read("input_per_mtok", model.price.inputPerMTok);
        priceReader.read("output_per_mtok", model.price.outputPerMTok);
        double cacheRead = 0, cacheWrite = 0;
        if (priceReader.find("cache_read_per_mtok")) {
            priceReader.read("cache_read_per_mtok", cacheRead);
            model.price.cacheReadPerMTok = cacheRead;
        }
        if (priceReader.find("cache_write_per_mtok")) {
            priceReader.read("cache_write_per_mtok", cacheWrite);
            model.price.cacheWritePerMTok = cacheWrite;
        }
    }
    if (const Json *slo = reader.find("slo"))
        readSlo(*slo, reader.pathOf("slo"), model.slo, errors);
    if (const Json *limits = reader.find("limits"))
        readLimits(*limits, reader.pathOf("limits"), model.limits, errors);
    return model;
}

/// Reads an array, calling `item(element, path)` for each element.
template <typename Fn>
void readArray(const Json &value, const QString &path, QLatin1StringView what, Errors &errors, Fn item)
{
    if (!value.is_array()) {
        typeError(errors, path, what, value);
        return;
    }
    for (std::size_t i = 0; i < value.size(); ++i)
        item(value[i], indexPath(path, qsizetype(i)));
}

void readModels(const Json &value, QList<ModelSpec> &models, Errors &errors)
{
    models.clear();
    readArray(value, QStringLiteral("models"), QLatin1StringView("an array of models"), errors,
        [&](const Json &item, const QString &path) { models.append(readModel(item, path, errors)); });
}

void readStrings(const Json &value, const QString &path, QStringList &out, Errors &errors)
{
    out.clear();
    readArray(
        value, path, QLatin1StringView("an array of strings"), errors, [&](const Json &item, const QString &itemPath) {
            QString text;
            if (readString(item, itemPath, errors, text))
                out.append(text);
        });
}

void readDistribution(const Json &value, const QString &path, TokenDistribution &out, Errors &errors)
{
    if (value.is_number()) { // a bare number: a fixed length
        out.kind = TokenDistribution::Kind::Fixed;
        out.mean = value.get<double>();
        return;
    }
    const ObjectReader reader(value, path, errors);
    reader.rejectUnknownKeys({ "distribution", "mean", "stddev", "min", "max", "buckets" });
    QString kind = QStringLiteral("fixed");
    reader.read("distribution", kind);
    static const QMap<QString, TokenDistribution::Kind> kinds = {
        { QStringLiteral("fixed"), TokenDistribution::Kind::Fixed },
        { QStringLiteral("uniform"), TokenDistribution::Kind::Uniform },
        { QStringLiteral("normal"), TokenDistribution::Kind::Normal },
        { QStringLiteral("histogram"), TokenDistribution::Kind::Histogram },
    };
    if (!kinds.contains(kind))
        errors.append({ reader.pathOf("distribution"),
            QLatin1Char('"') + kind
                + QStringLiteral(
                    "\" is not a distribution; use \"fixed\", \"uniform\", \"normal\" or \"histogram\"") });
    out.kind = kinds.value(kind, TokenDistribution::Kind::Fixed);
    reader.read("mean", out.mean);
    reader.read("stddev", out.stddev);
    reader.read("min", out.min);
    reader.read("max", out.max);
    if (const Json *buckets = reader.find("buckets")) {
        const QString at = reader.pathOf("buckets");
        if (!buckets->is_array()) {
            typeError(errors, at, QLatin1StringView("an array of [tokens, weight] pairs"), *buckets);
            return;
        }
        for (std::size_t i = 0; i < buckets->size(); ++i) {
            const Json &b = (*buckets)[i];
            if (!b.is_array() || b.size() != 2 || !b[0].is_number() || !b[1].is_number()) {
                errors.append({ at + QStringLiteral("[%1]").arg(i), QStringLiteral("expected [tokens, weight]") });
                continue;
            }
            out.buckets.append({ int(std::lround(b[0].get<double>())), b[1].get<double>() });
        }
    }
}

/// A word list's "seed" (prompts.synthetic, prompts.shared_prefix): a non-negative integer, kept when absent.
void readWordSeed(const ObjectReader &reader, quint64 &seed, Errors &errors)
{
    if (const Json *value = reader.find("seed")) {
        if (value->is_number_unsigned())
            seed = value->get<quint64>();
        else
            typeError(errors, reader.pathOf("seed"), QLatin1StringView("a non-negative integer"), *value);
    }
}

void readPrompts(const Json &value, Prompts &prompts, Errors &errors)
{
    const ObjectReader reader(value, QStringLiteral("prompts"), errors);
    reader.rejectUnknownKeys({ "system", "user", "dataset", "synthetic", "shared_prefix" });
    reader.read("system", prompts.system);
    if (const Json *user = reader.find("user"))
        readStrings(*user, reader.pathOf("user"), prompts.user, errors);
    if (const Json *dataset = reader.find("dataset")) {
        const ObjectReader d(*dataset, reader.pathOf("dataset"), errors);
        d.rejectUnknownKeys({ "path", "sha256", "order" });
        d.require("path", QStringLiteral("give the JSONL file's path (relative: to the scenario file)"));
        PromptDataset out;
        d.read("path", out.path);
        d.read("sha256", out.sha256);
        QString order = QStringLiteral("sequential");
        d.read("order", order);
        if (order != u"sequential" && order != u"random")
            errors.append({ d.pathOf("order"),
                QLatin1Char('"') + order + QStringLiteral("\" is not an order; use \"sequential\" or \"random\"") });
        out.random = order == u"random";
        prompts.dataset = out;
    }
    if (const Json *synthetic = reader.find("synthetic")) {
        const ObjectReader s(*synthetic, reader.pathOf("synthetic"), errors);
        s.rejectUnknownKeys({ "count", "input_tokens", "output_tokens", "seed" });
        s.require("input_tokens",
            QStringLiteral("give the prompts' length in tokens, e.g. {\"distribution\": \"normal\", \"mean\": 500, "
                           "\"stddev\": 100}"));
        SyntheticPrompts out;
        s.read("count", out.count);
        if (const Json *input = s.find("input_tokens"))
            readDistribution(*input, s.pathOf("input_tokens"), out.inputTokens, errors);
        if (const Json *output = s.find("output_tokens")) {
            TokenDistribution d;
            readDistribution(*output, s.pathOf("output_tokens"), d, errors);
            out.outputTokens = d;
        }
        readWordSeed(s, out.seed, errors);
        prompts.synthetic = out;
    }
    if (const Json *shared = reader.find("shared_prefix")) {
        const ObjectReader p(*shared, reader.pathOf("shared_prefix"), errors);
        p.rejectUnknownKeys({ "count", "tokens", "share", "seed" });
        p.require("tokens", QStringLiteral("give each prefix's length in tokens, e.g. 2000"));
        SharedPrefix out;
        p.read("count", out.count);
        p.read("tokens", out.tokens);
        p.read("share", out.share);
        readWordSeed(p, out.seed, errors);
        prompts.sharedPrefix = out;
    }
}

void readRetry(const Json &value, RetryPolicy &retry, Errors &errors)
{
    const ObjectReader reader(value, QStringLiteral("retry"), errors);
    reader.rejectUnknownKeys({ "max_retries", "base_delay", "max_delay", "on_status", "honor_retry_after" });
    reader.read("max_retries", retry.maxRetries);
    reader.readDuration("base_delay", retry.baseDelayMs);
    reader.readDuration("max_delay", retry.maxDelayMs);
    reader.read("honor_retry_after", retry.honorRetryAfter);
    if (const Json *statuses = reader.find("on_status")) {
        retry.onStatus.clear();
        readArray(*statuses, reader.pathOf("on_status"), QLatin1StringView("an array of HTTP status codes"), errors,
            [&](const Json &item, const QString &path) {
                qint64 status = 0;
                if (readInteger(item, path, errors, 0, 999, status))
                    retry.onStatus.append(int(status));
            });
    }
}

void readConversation(const Json &value, std::optional<Conversation> &out, Errors &errors)
{
    const ObjectReader reader(value, QStringLiteral("conversation"), errors);
    reader.rejectUnknownKeys({ "turns", "max_context_tokens" });
    reader.require("turns", QStringLiteral("give the turns of a conversation, e.g. {\"turns\": 5}"));
    Conversation c;
    reader.read("turns", c.turns);
    if (reader.find("max_context_tokens")) {
        int budget = 0;
        reader.read("max_context_tokens", budget);
        c.maxContextTokens = budget;
    }
    out = c;
}

void readTools(const Json &value, std::optional<Tools> &out, Errors &errors)
{
    const ObjectReader reader(value, QStringLiteral("tools"), errors);
    reader.rejectUnknownKeys({ "functions", "choice" });
    reader.require("functions",
        QStringLiteral(
            "list the functions, e.g. {\"functions\": [{\"name\": \"get_weather\", \"parameters\": {...}}]}"));
    Tools tools;
    reader.read("choice", tools.choice);
    if (const Json *functions = reader.find("functions")) {
        readArray(*functions, reader.pathOf("functions"), QLatin1StringView("an array of functions"), errors,
            [&](const Json &item, const QString &path) {
                const ObjectReader f(item, path, errors);
                f.rejectUnknownKeys({ "name", "description", "parameters" });
                f.require("name", QStringLiteral("name the function, e.g. \"get_weather\""));
                ToolFunction function;
                f.read("name", function.name);
                f.read("description", function.description);
                if (const Json *parameters = f.find("parameters")) {
                    if (!parameters->is_object())
                        typeError(
                            errors, f.pathOf("parameters"), QLatin1StringView("a JSON Schema object"), *parameters);
                    else
                        function.parameters = QByteArray::fromStdString(
                            parameters->dump(-1, ' ', false, Json::error_handler_t::replace));
                }
                tools.functions.append(function);
            });
    }
    out = tools;
}

void readSeed(const Json &value, std::optional<quint64> &seed, Errors &errors)
{
    if (value.is_null()) {
        seed.reset();
    } else if (value.is_number_unsigned()) {
        seed = value.get<std::uint64_t>();
    } else {
        qint64 whole = 0;
        if (readInteger(value, QStringLiteral("seed"), errors, 0, std::numeric_limits<qint64>::max(), whole))
            seed = quint64(whole);
    }
}

void readScenario(const Json &document, Scenario &scenario, Errors &errors)
{
    const ObjectReader root(document, QString(), errors);
    root.rejectUnknownKeys({ "version", "name", "target", "models", "prompts", "load", "retry", "slo", "thresholds",
                               "checks", "seed", "preflight", "limits", "budget_usd", "capture_headers",
                               "server_metrics", "direct_target", "conversation", "tools" },
        [&errors](const QString &key, const QString &path) { return rejectApiKey(errors, key, path); });
    root.read("version", scenario.version);
    root.read("name", scenario.name);
    root.read("preflight", scenario.preflight);
    if (const Json *value = root.find("target"))
        readTarget(*value, scenario.target, errors);
    if (const Json *value = root.find("models"))
        readModels(*value, scenario.models, errors);
    if (const Json *value = root.find("prompts"))
        readPrompts(*value, scenario.prompts, errors);
    if (const Json *value = root.find("load"))
        readLoad(*value, scenario.load, errors);
    if (const Json *value = root.find("retry"))
        readRetry(*value, scenario.retry, errors);
    if (const Json *value = root.find("slo"))
        readSlo(*value, QStringLiteral("slo"), scenario.slo, errors);
    if (const Json *value = root.find("thresholds"))
        readThresholds(*value, scenario.thresholds, errors);
    if (const Json *value = root.find("checks"))
        readStrings(*value, QStringLiteral("checks"), scenario.checks, errors);
    if (const Json *value = root.find("seed"))
        readSeed(*value, scenario.seed, errors);
    if (const Json *value = root.find("limits"))
        readLimits(*value, QStringLiteral("limits"), scenario.limits, errors);
    readBudget(root, scenario.budgetUsd);
    if (const Json *value = root.find("capture_headers")) {
        QStringList patterns;
        readStrings(*value, QStringLiteral("capture_headers"), patterns, errors);
        scenario.captureHeaders = patterns;
    }
    if (const Json *value = root.find("server_metrics"))
        readServerMetrics(*value, scenario.serverMetrics, errors);
    if (const Json *value = root.find("direct_target"))
        readDirectTarget(*value, scenario.directTarget, errors);
    if (const Json *value = root.find("conversation"))
        readConversation(*value, scenario.conversation, errors);
    if (const Json *value = root.find("tools"))
        readTools(*value, scenario.tools, errors);
}

/// True when `path` is `parent` or lies inside it ("models" covers "models[1].weight").
bool isWithin(const QString &path, const QString &parent)
{
    if (parent.isEmpty() || path == parent)
        return true;
    return path.startsWith(parent)
        && (path[parent.size()] == QLatin1Char('.') || path[parent.size()] == QLatin1Char('['));
}

} // namespace

LoadResult parseScenario(const QByteArray &json)
{
    LoadResult result;
    Json document;
    if (!parseDocument(json, document, result.errors))
        return result;
    readScenario(document, result.scenario, result.errors);
    // A value that failed to parse kept its default: do not also report what follows from that,
    // nor judge a section as a whole (the stages' total, the enabled weights) while a part of it is
    // broken. An unusable executor makes the whole load section's checks meaningless.
    QStringList covered;
    for (const ValidationError &error : std::as_const(result.errors))
        covered.append(error.path == QLatin1StringView("load.executor") ? QStringLiteral("load") : error.path);
    for (const ValidationError &error : validate(result.scenario)) {
        const auto related = [&](const QString &p) { return isWithin(error.path, p) || isWithin(p, error.path); };
        if (std::none_of(covered.cbegin(), covered.cend(), related))
            result.errors.append(error);
    }
    return result;
}

} // namespace stampede::scenario
