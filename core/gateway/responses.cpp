#include "responses.h"

#include "gatewayconfig.h"

#include <cstring>
#include <initializer_list>

namespace stampede::gateway::responses {

void appendNumber(QByteArray &out, qint64 n)
{
    char buf[24];
    char *p = buf + sizeof buf;
    const bool negative = n < 0;
    quint64 u = negative ? quint64(-(n + 1)) + 1 : quint64(n);
    do {
        *--p = char('0' + u % 10);
        u /= 10;
    } while (u);
    if (negative)
        *--p = '-';
    out.append(p, buf + sizeof buf - p);
}

namespace {

void appendLiteral(QByteArray &out, const char *s)
{
    out.append(s, qsizetype(std::strlen(s)));
}

void appendUsageJson(QByteArray &out, const Usage &u)
{
    out.append("\"usage\":{\"prompt_tokens\":");
    appendNumber(out, u.promptTokens);
    out.append(",\"completion_tokens\":");
    appendNumber(out, u.completionTokens);
    out.append(",\"total_tokens\":");
    appendNumber(out, qint64(u.promptTokens) + u.completionTokens);
    if (u.cachedTokens >= 0) {
        out.append(",\"prompt_tokens_details\":{\"cached_tokens\":");
        appendNumber(out, u.cachedTokens);
        out.append('}');
    }
    if (u.reasoningTokens >= 0) {
        out.append(",\"completion_tokens_details\":{\"reasoning_tokens\":");
        appendNumber(out, u.reasoningTokens);
        out.append('}');
    }
    out.append('}');
}

// Ordinary short English words: 64 of them so a token is 6 bits of the reply's seed stream.
constexpr const char *kWords[64] = { "the", "load", "test", "gateway", "token", "stream", "model", "fast", "slow",
    "answer", "request", "latency", "server", "client", "data", "time", "is", "a", "of", "to", "and", "in", "for",
    "with", "on", "that", "this", "it", "can", "will", "be", "more", "each", "one", "two", "many", "first", "last",
    "next", "very", "good", "well", "run", "send", "wait", "read", "write", "chunk", "event", "queue", "rate", "limit",
    "retry", "error", "cache", "route", "pool", "thread", "count", "sample", "peak", "mean", "tail", "steady" };

} // namespace

const char *reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 417:
        return "Expectation Failed";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    case 529:
        return "Overloaded"; // Anthropic's
    default:
        return "Unknown";
    }
}

void appendHead(QByteArray &out, const Head &h)
{
    out.append("HTTP/1.1 ");
    appendNumber(out, h.status);
    out.append(' ');
    appendLiteral(out, reasonPhrase(h.status));
    out.append("\r\nContent-Type: ");
    appendLiteral(out, h.contentType);
    if (h.contentLength >= 0) {
        out.append("\r\nContent-Length: ");
        appendNumber(out, h.contentLength);
    } else {
        out.append("\r\nTransfer-Encoding: chunked\r\nCache-Control: no-cache");
    }
    out.append(h.keepAlive ? "\r\nConnection: keep-alive" : "\r\nConnection: close");
    if (h.retryAfterSeconds >= 0) {
        out.append("\r\nRetry-After: ");
        appendNumber(out, h.retryAfterSeconds);
    }
    if (!h.requestId.isEmpty()) {
        out.append("\r\nx-request-id: ");
        out.append(h.requestId);
    }
    out.append(h.extra);
    out.append("\r\nServer: stampede-sim\r\n\r\n");
}

namespace {

void appendChunkSize(QByteArray &out, qsizetype size)
{
    static constexpr char hex[] = "0123456789abcdef";
    char buf[20];
    char *p = buf + sizeof buf;
    quint64 n = quint64(size);
    do {
        *--p = hex[n & 15];
        n >>= 4;
    } while (n);
    out.append(p, buf + sizeof buf - p);
    out.append("\r\n");
}

} // namespace

void appendChunk(QByteArray &out, QByteArrayView payload)
{
    appendChunkSize(out, payload.size());
    out.append(payload);
    out.append("\r\n");
}

QByteArray jsonEscape(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size() + 8);
    for (const char c : text) {
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default:
            if (uchar(c) < 0x20) {
                static constexpr char hex[] = "0123456789abcdef";
                const char esc[6] = { '\\', 'u', '0', '0', hex[uchar(c) >> 4], hex[uchar(c) & 15] };
                out.append(esc, 6);
            } else {
                out.append(c);
            }
        }
    }
    return out;
}

QByteArray errorBody(QByteArrayView message, const char *type, const char *param, const char *code)
{
    QByteArray out;
    out.reserve(message.size() + 120);
    out.append("{\"error\":{\"message\":\"");
    out.append(jsonEscape(message));
    out.append("\",\"type\":\"");
    appendLiteral(out, type);
    out.append("\",\"param\":");
    auto appendOptional = [&out](const char *s) {
        if (!s)
            return out.append("null"), void();
        out.append('"');
        appendLiteral(out, s);
        out.append('"');
    };
    appendOptional(param);
    out.append(",\"code\":");
    appendOptional(code);
    out.append("}}");
    return out;
}

QByteArray modelsBody(const QList<ModelBehaviour> &models)
{
    QByteArray out("{\"object\":\"list\",\"data\":[");
    for (qsizetype i = 0; i < models.size(); ++i) {
        out.append(i ? ",{\"id\":\"" : "{\"id\":\"");
        out.append(jsonEscape(models[i].model.toUtf8()));
        out.append("\",\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"stampede-sim\"}");
    }
    out.append("]}");
    return out;
}

QByteArray anthropicModelsBody(const QList<ModelBehaviour> &models)
{
    QByteArray out("{\"data\":[");
    for (qsizetype i = 0; i < models.size(); ++i) {
        const QByteArray id = jsonEscape(models[i].model.toUtf8());
        out.append(i ? ",{\"type\":\"model\",\"id\":\"" : "{\"type\":\"model\",\"id\":\"");
        out.append(id);
        out.append("\",\"display_name\":\"");
        out.append(id);
        out.append("\",\"created_at\":\"2023-11-14T22:13:20Z\"}");
    }
    out.append("],\"has_more\":false,\"first_id\":");
    out.append(models.isEmpty() ? QByteArray("null") : '"' + jsonEscape(models.first().model.toUtf8()) + '"');
    out.append(",\"last_id\":");
    out.append(models.isEmpty() ? QByteArray("null") : '"' + jsonEscape(models.last().model.toUtf8()) + '"');
    out.append('}');
    return out;
}

QByteArray geminiModelsBody(const QList<ModelBehaviour> &models)
{
    QByteArray out("{\"models\":[");
    for (qsizetype i = 0; i < models.size(); ++i) {
        const QByteArray id = jsonEscape(models[i].model.toUtf8());
        out.append(i ? ",{\"name\":\"models/" : "{\"name\":\"models/");
        out.append(id);
        out.append("\",\"displayName\":\"");
        out.append(id);
        out.append("\",\"supportedGenerationMethods\":[\"generateContent\",\"streamGenerateContent\"]}");
    }
    out.append("]}");
    return out;
}

void appendTokens(QByteArray &out, quint64 seed, int first, int count)
{
    for (int i = first; i < first + count; ++i) {
        // splitmix64 of (seed, i): cheap, and the same token for the same position every time.
        quint64 z = seed + quint64(i) * 0x9E3779B97F4A7C15ull;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        if (i > 0)
            out.append(' ');
        appendLiteral(out, kWords[z >> 58]);
    }
}

namespace {

void appendIdentity(QByteArray &out, const Completion &c, const char *object)
{
    out.append("{\"id\":\"");
    out.append(c.id);
    out.append("\",\"object\":\"");
    appendLiteral(out, object);
    out.append("\",\"created\":");
    appendNumber(out, c.created);
    out.append(",\"model\":\"");
    out.append(c.model);
    out.append("\",");
}

void appendChunkEvent(QByteArray &out, std::initializer_list<QByteArrayView> parts)
{
    // One HTTP chunk holding "data: " + parts + "\n\n", written straight into `out`.
    qsizetype size = 6 + 2;
    for (QByteArrayView p : parts)
        size += p.size();
    appendChunkSize(out, size);
    out.append("data: ");
    for (QByteArrayView p : parts)
        out.append(p);
    out.append("\n\n\r\n");
}

} // namespace

QByteArray completionBody(const Completion &c, QByteArrayView content, const char *finishReason, const Usage *usage,
    QByteArrayView reasoning, const ToolCall *toolCall)
{
    QByteArray out;
    out.reserve(content.size() + reasoning.size() + c.model.size() + 320
        + (toolCall ? toolCall->arguments.size() + toolCall->name.size() + 96 : 0));
    appendIdentity(out, c, "chat.completion");
    out.append("\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":");
    if (toolCall) {
        out.append("null");
    } else {
        out.append('"');
        out.append(content);
        out.append('"');
    }
    if (!reasoning.isEmpty()) {
        out.append(",\"reasoning_content\":\"");
        out.append(reasoning);
        out.append('"');
    }
    if (toolCall) {
        out.append(",\"tool_calls\":[{\"id\":\"");
        out.append(toolCall->id);
        out.append("\",\"type\":\"function\",\"function\":{\"name\":\"");
        out.append(toolCall->name);
        out.append("\",\"arguments\":\"");
        out.append(toolCall->arguments);
        out.append("\"}}]");
    }
    out.append(",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"");
    appendLiteral(out, finishReason);
    out.append("\"}]");
    if (usage) {
        out.append(',');
        appendUsageJson(out, *usage);
    }
    out.append('}');
    return out;
}

QByteArray chunkPrefix(const Completion &c)
{
    QByteArray out;
    out.reserve(c.model.size() + 120);
    appendIdentity(out, c, "chat.completion.chunk");
    return out;
}

void appendRoleChunk(QByteArray &out, QByteArrayView prefix)
{
    appendChunkEvent(out,
        { prefix,
            "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,"
            "\"finish_reason\":null}]}" });
}

void appendContentChunk(QByteArray &out, QByteArrayView prefix, QByteArrayView text)
{
    appendChunkEvent(out,
        { prefix, "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"", text,
            "\"},\"logprobs\":null,\"finish_reason\":null}]}" });
}

void appendReasoningChunk(QByteArray &out, QByteArrayView prefix, QByteArrayView text)
{
    appendChunkEvent(out,
        { prefix, "\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"", text,
            "\"},\"logprobs\":null,\"finish_reason\":null}]}" });
}

void appendToolCallChunk(QByteArray &out, QByteArrayView prefix, QByteArrayView callId, QByteArrayView name)
{
    appendChunkEvent(out,
        { prefix, "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"", callId,
            "\",\"type\":\"function\",\"function\":{\"name\":\"", name,
            "\",\"arguments\":\"\"}}]},\"logprobs\":null,\"finish_reason\":null}]}" });
}

void appendToolArgumentsChunk(QByteArray &out, QByteArrayView prefix, QByteArrayView arguments)
{
    appendChunkEvent(out,
        { prefix, "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"",
            arguments, "\"}}]},\"logprobs\":null,\"finish_reason\":null}]}" });
}

void appendFinishChunk(QByteArray &out, QByteArrayView prefix, const char *finishReason)
{
    appendChunkEvent(out,
        { prefix, "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"", finishReason,
            "\"}]}" });
}

void appendUsageChunk(QByteArray &out, QByteArrayView prefix, const Usage &usage)
{
    QByteArray tail("\"choices\":[],");
    appendUsageJson(tail, usage);
    tail.append('}');
    appendChunkEvent(out, { prefix, tail });
}

void appendDone(QByteArray &out)
{
    appendChunk(out, "data: [DONE]\n\n");
}

void appendEvent(QByteArray &out, QByteArrayView data)
{
    appendChunkEvent(out, { data });
}

void appendSseEvent(QByteArray &out, QByteArrayView name, std::initializer_list<QByteArrayView> parts)
{
    if (name.isEmpty())
        return appendChunkEvent(out, parts);
    qsizetype size = 7 + name.size() + 1 + 6 + 2; // "event: " name "\n" "data: " ... "\n\n"
    for (QByteArrayView p : parts)
        size += p.size();
    appendChunkSize(out, size);
    out.append("event: ");
    out.append(name);
    out.append("\ndata: ");
    for (QByteArrayView p : parts)
        out.append(p);
    out.append("\n\n\r\n");
}

} // namespace stampede::gateway::responses
