#pragma once
// The bytes the simulated gateway writes: HTTP heads, chunked framing, OpenAI JSON bodies and SSE
// events. Hand-assembled into reserved QByteArrays (one allocation per write) rather than going
// through a JSON DOM: these run for every request and every streamed chunk.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <initializer_list>

namespace stampede::gateway {

struct ModelBehaviour;

namespace responses {

/// What one response head says besides status and content type.
struct Head {
    int status = 200;
    const char *contentType = "application/json";
    qint64 contentLength = -1; ///< < 0: Transfer-Encoding: chunked
    bool keepAlive = true;
    QByteArrayView requestId; ///< x-request-id
    int retryAfterSeconds = -1; ///< >= 0: Retry-After header
    QByteArrayView extra = {}; ///< more header lines, each "\r\nName: value"
};

const char *reasonPhrase(int status);
void appendHead(QByteArray &out, const Head &head);
/// One chunk of Transfer-Encoding: chunked around `payload` (which must not be empty).
void appendChunk(QByteArray &out, QByteArrayView payload);
inline constexpr char kLastChunk[] = "0\r\n\r\n";

/// The decimal digits of `n`.
void appendNumber(QByteArray &out, qint64 n);
/// One SSE event, `event: <name>\n` (left out when `name` is empty) + `data: <parts>\n\n`, framed as one
/// HTTP chunk and written straight into `out`.
void appendSseEvent(QByteArray &out, QByteArrayView name, std::initializer_list<QByteArrayView> parts);

/// `text` as the inside of a JSON string (quotes not included).
QByteArray jsonEscape(QByteArrayView text);
/// {"error":{"message":...,"type":...,"param":...,"code":...}}; param and code may be null (JSON null).
QByteArray errorBody(QByteArrayView message, const char *type, const char *param = nullptr, const char *code = nullptr);
/// GET /v1/models body (OpenAI: {"object":"list","data":[{"id",...}]}).
QByteArray modelsBody(const QList<ModelBehaviour> &models);
/// The same list as Anthropic answers it ({"data":[{"type":"model","id","display_name",...}],"has_more":false}).
QByteArray anthropicModelsBody(const QList<ModelBehaviour> &models);
/// The same list as Gemini answers it ({"models":[{"name":"models/<id>","supportedGenerationMethods":...}]}).
QByteArray geminiModelsBody(const QList<ModelBehaviour> &models);

/// Appends tokens [first, first + count) of the reply identified by `seed`: short ASCII words, each
/// token after the first with a leading space (as BPE tokens look), so no JSON escaping is needed.
void appendTokens(QByteArray &out, quint64 seed, int first, int count);

/// Identity of one completion, shared by its whole body or all its chunks.
struct Completion {
    QByteArrayView id; ///< "chatcmpl-..."
    qint64 created = 0;
    QByteArrayView model; ///< already JSON-escaped
};
struct Usage {
    int promptTokens = 0;
    int completionTokens = 0;
    int cachedTokens = -1; ///< >= 0: prompt_tokens_details.cached_tokens is stated
    int reasoningTokens = -1; ///< >= 0: completion_tokens_details.reasoning_tokens is stated
};

/// A tool call of a chat answer (tools): its id ("call_..."), the function and its arguments, each JSON-escaped.
struct ToolCall {
    QByteArrayView id;
    QByteArrayView name;
    QByteArrayView arguments;
};

/// A whole chat.completion; `reasoning`, when not empty, is the message's reasoning_content; with
/// `toolCall` the message's content is null and its tool_calls hold the call.
QByteArray completionBody(const Completion &c, QByteArrayView content, const char *finishReason, const Usage *usage,
    QByteArrayView reasoning = {}, const ToolCall *toolCall = nullptr);

/// `{"id":..,"object":"chat.completion.chunk","created":..,"model":..,` : the start of every chunk.
QByteArray chunkPrefix(const Completion &c);
/// A whole SSE event `data: <chunk JSON>\n\n`, framed as one HTTP chunk.
void appendRoleChunk(QByteArray &out, QByteArrayView prefix);
void appendContentChunk(QByteArray &out, QByteArrayView prefix, QByteArrayView text);
void appendReasoningChunk(QByteArray &out, QByteArrayView prefix, QByteArrayView text);
/// A tool call's first chunk (its id, its function, arguments "") and then one fragment of its arguments each.
void appendToolCallChunk(QByteArray &out, QByteArrayView prefix, QByteArrayView callId, QByteArrayView name);
void appendToolArgumentsChunk(QByteArray &out, QByteArrayView prefix, QByteArrayView arguments);
void appendFinishChunk(QByteArray &out, QByteArrayView prefix, const char *finishReason);
void appendUsageChunk(QByteArray &out, QByteArrayView prefix, const Usage &usage);
void appendDone(QByteArray &out);
/// One SSE event with `data` as is, framed as one HTTP chunk.
void appendEvent(QByteArray &out, QByteArrayView data);

} // namespace responses
} // namespace stampede::gateway
