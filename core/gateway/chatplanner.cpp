#include "chatplanner.h"

#include "ratelimiter.h"
#include "responses.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace stampede::gateway {

using nlohmann::json;

namespace {

struct TextCount {
    qint64 cjk = 0;
    qint64 other = 0;

    void add(std::string_view s)
    {
        for (std::size_t i = 0; i < s.size();) {
            const uchar c = uchar(s[i]);
            const int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
            char32_t cp = len == 1 ? c : len == 2 ? c & 0x1f : len == 3 ? c & 0x0f : c & 0x07;
            for (int k = 1; k < len && i + std::size_t(k) < s.size(); ++k)
                cp = (cp << 6) | (uchar(s[i + std::size_t(k)]) & 0x3f);
            i += std::size_t(len);
            const bool isCjk = (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x2FFFF);
            ++(isCjk ? cjk : other);
        }
    }
    int tokens() const { return int(qMin<qint64>(cjk + (other + 3) / 4, std::numeric_limits<int>::max())); }
};

ChatPlan error(int status, QByteArrayView message, const char *type, const char *param, const char *code)
{
    ChatPlan plan;
    plan.errorStatus = status;
    plan.errorBody = responses::errorBody(message, type, param, code);
    return plan;
}

ChatPlan invalid(QByteArrayView message, const char *param = nullptr, const char *code = nullptr)
{
    return error(400, message, "invalid_request_error", param, code);
}

// Messages must be a non-empty array of objects; counts their text (string or [{type:text,text}] content).
bool countMessages(const json &messages, TextCount *count, ChatPlan *failure)
{
    if (!messages.is_array() || messages.empty()) {
        *failure = messages.is_array()
            ? invalid("[] is too short - 'messages'", "messages", "empty_array")
            : invalid("Invalid type for 'messages': expected an array.", "messages", "invalid_type");
        return false;
    }
    for (const json &m : messages) {
        if (!m.is_object()) {
            *failure = invalid("Invalid type for 'messages[]': expected an object.", "messages", "invalid_type");
            return false;
        }
        const auto content = m.find("content");
        if (content == m.end())
            continue;
        if (content->is_string()) {
            count->add(content->get_ref<const std::string &>());
        } else if (content->is_array()) {
            for (const json &part : *content) {
                if (const auto text = part.find("text"); part.is_object() && text != part.end() && text->is_string())
                    count->add(text->get_ref<const std::string &>());
            }
        }
    }
    return true;
}

// Checks stream, stream_options and max_tokens; fills the plan's stream flags and *maxTokens (0 = none).
bool readOptions(const json &doc, const GatewayConfig &config, ChatPlan *plan, qint64 *maxTokens)
{
    if (const auto s = doc.find("stream"); s != doc.end() && !s->is_null()) {
        if (!s->is_boolean())
            return *plan = invalid("Invalid type for 'stream': expected a boolean.", "stream", "invalid_type"), false;
        plan->stream = s->get<bool>();
    }
    if (const auto so = doc.find("stream_options"); so != doc.end() && !so->is_null()) {
        if (config.rejectStreamOptions)
            return *plan = invalid("Unrecognized request argument supplied: stream_options"), false;
        if (!plan->stream)
            return *plan = invalid("The 'stream_options' parameter is only allowed when 'stream' is enabled.",
                       "stream_options", "invalid_value"),
                   false;
        if (!so->is_object())
            return *plan = invalid(
                       "Invalid type for 'stream_options': expected an object.", "stream_options", "invalid_type"),
                   false;
        const auto usage = so->find("include_usage");
        plan->includeUsage = usage != so->end() && usage->is_boolean() && usage->get<bool>() && config.sendUsage;
    }
    for (const char *key : { "max_completion_tokens", "max_tokens" }) {
        const auto mt = doc.find(key);
        if (mt == doc.end() || mt->is_null())
            continue;
        if (!mt->is_number_integer())
            return *plan = invalid(QByteArray(QByteArray("Invalid type for '") + key + "': expected an integer."), key,
                       "invalid_type"),
                   false;
        if (mt->get<qint64>() < 1)
            return *plan = invalid(QByteArray(QByteArray("Invalid '") + key
                                       + "': integer below minimum value. Expected a value >= 1."),
                       key, "integer_below_min_value"),
                   false;
        *maxTokens = mt->get<qint64>();
        break;
    }
    return true;
}

int findModel(const GatewayConfig &config, const std::string &name)
{
    const QString model = QString::fromStdString(name);
    for (qsizetype i = 0; i < config.models.size(); ++i) {
        if (config.models[i].model == model)
            return int(i);
    }
    return -1;
}

Outcome drawOutcome(const GatewayConfig &c, double u)
{
    double edge = c.error5xxRate;
    if (u < edge)
        return Outcome::ServerError;
    if (u < (edge += c.stallRate))
        return Outcome::Stall;
    if (u < (edge += c.cutStreamRate))
        return Outcome::Cut;
    if (u < (edge += c.garbageRate))
        return Outcome::Garbage;
    return Outcome::Normal;
}

void drawTiming(const ModelBehaviour &m, const GatewayConfig &c, qint64 maxTokens, std::mt19937_64 &rng, ChatPlan *plan)
{
    int tokens = m.outputTokensMean;
    double factor = 1.0;
    if (m.jitter > 0) {
        // Mean-preserving lognormal: E[exp(sigma Z - sigma^2 / 2)] = 1, so ttft/tps stay the configured means.
        const double z = std::normal_distribution<double>(0.0, 1.0)(rng);
        factor = std::exp(m.jitter * z - m.jitter * m.jitter / 2.0);
        const double spread = std::uniform_real_distribution<double>(0.75, 1.25)(rng);
        tokens = qMax(1, int(std::lround(m.outputTokensMean * spread)));
    }
    if (maxTokens > 0 && tokens > maxTokens) {
        tokens = int(maxTokens);
        plan->hitMaxTokens = true;
    }
    plan->completionTokens = tokens;
    const double intervalNs = 1e9 / m.tokensPerSec;
    if (c.fixedLatencyMs >= 0) {
        plan->ttftNs = qint64(c.fixedLatencyMs) * 1000000;
        plan->totalNs = plan->ttftNs;
        plan->tokenIntervalNs = qint64(intervalNs);
        return;
    }
    plan->ttftNs = qint64(m.ttftMs * 1e6 * factor);
    // A real model's tokens never come much faster than its rate: the stream's pace is floored at a
    // quarter of the interval (a fast draw of sigma 0.8 would otherwise deliver a whole answer within a
    // few ms and trip the client's fake-streaming check on an honest stream). Shifts the mean by < 1 %.
    const double paceFactor = std::max(factor, kMinPaceFactor);
    plan->tokenIntervalNs = qint64(intervalNs * paceFactor);
    plan->totalNs = plan->ttftNs + qint64(double(tokens) * intervalNs * paceFactor);
}

// integrity (issue 14): what the client's integrity checks must catch. The RNG is drawn only when
// empty_rate is set, so every other config keeps its sequence of answers.
void applyIntegrityMisbehaviour(const ModelBehaviour &m, std::mt19937_64 &rng, ChatPlan *plan)
{
    if (m.burstStream)
        plan->tokenIntervalNs = 0; // every chunk due at the TTFT: one write
    if (m.emptyRate > 0 && std::uniform_real_distribution<double>(0.0, 1.0)(rng) < m.emptyRate) {
        plan->completionTokens = 0;
        plan->hitMaxTokens = false;
    }
    plan->usageFactor = m.usageFactor;
}

} // namespace

int estimatePromptTokens(QByteArrayView utf8)
{
    TextCount count;
    count.add(std::string_view(utf8.data(), std::size_t(utf8.size())));
    return count.tokens();
}

ChatPlan planChat(const QByteArray &body, PlannerContext ctx)
{
    const json doc = json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return invalid("We could not parse the JSON body of your request. (HINT: This likely means you aren't using "
                       "your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was "
                       "not valid JSON.)");
    const auto modelIt = doc.find("model");
    if (modelIt == doc.end() || !modelIt->is_string())
        return invalid("you must provide a model parameter", "model", "missing_required_parameter");
    const int model = findModel(ctx.config, modelIt->get_ref<const std::string &>());
    if (model < 0) {
        const QByteArray name = QByteArray::fromStdString(modelIt->get<std::string>()).left(256);
        return error(404, QByteArray("The model `" + name + "` does not exist or you do not have access to it."),
            "invalid_request_error", nullptr, "model_not_found");
    }
    const auto messages = doc.find("messages");
    if (messages == doc.end())
        return invalid("Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
    ChatPlan plan;
    TextCount text;
    if (!countMessages(*messages, &text, &plan))
        return plan;
    qint64 maxTokens = 0;
    if (!readOptions(doc, ctx.config, &plan, &maxTokens))
        return plan;
    RateLimiter::State rate;
    if (!ctx.limiter.tryAcquire(model, ctx.nowMs, &rate)) {
        const ModelBehaviour &m = ctx.config.models[model];
        const QByteArray message = "Rate limit reached for " + m.model.toUtf8() + " on requests per min (RPM): Limit "
            + QByteArray::number(ctx.config.rpmLimit) + ". Please try again in "
            + QByteArray::number(ctx.config.retryAfterSeconds) + "s.";
        ChatPlan limited = error(429, message, "requests", nullptr, "rate_limit_exceeded");
        limited.retryAfterSeconds = ctx.config.retryAfterSeconds;
        limited.rateLimit = rate.limit;
        limited.rateRemaining = rate.remaining;
        limited.rateResetMs = rate.resetMs;
        return limited;
    }
    plan.rateLimit = rate.limit;
    plan.rateRemaining = rate.remaining;
    plan.rateResetMs = rate.resetMs;
    plan.model = model;
    plan.promptTokens = qMax(1, text.tokens());
    plan.outcome = drawOutcome(ctx.config, std::uniform_real_distribution<double>(0.0, 1.0)(ctx.rng));
    if (plan.outcome == Outcome::ServerError) {
        const bool overloaded = std::bernoulli_distribution(0.5)(ctx.rng);
        ChatPlan failed = overloaded
            ? error(
                503, "The engine is currently overloaded, please try again later.", "server_error", nullptr, nullptr)
            : error(500, "The server had an error while processing your request. Sorry about that!", "server_error",
                nullptr, nullptr);
        failed.outcome = Outcome::ServerError;
        return failed;
    }
    drawTiming(ctx.config.models[model], ctx.config, maxTokens, ctx.rng, &plan);
    applyIntegrityMisbehaviour(ctx.config.models[model], ctx.rng, &plan);
    return plan;
}

} // namespace stampede::gateway
