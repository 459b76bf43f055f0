#pragma once
// OpenAI chat-completions wire format: request bodies, streamed chunks, whole responses, errors.

#include "protocol/toolcalls.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <optional>

namespace stampede::protocol {

/// One message of a conversation: role "user", "assistant" (or "system").
struct ChatMessage {
    QString role;
    QString content;
};

struct ChatRequestSpec {
    QString model;
    QString systemPrompt; ///< omitted from messages when empty
    QString userPrompt;
    /// A whole conversation (a dataset line's "messages", turns so far): when set, it replaces
    /// userPrompt; its "system" messages join systemPrompt (each protocol puts them where it wants
    /// them: a system message, instructions, system, systemInstruction).
    QList<ChatMessage> messages;
    int maxTokens = 150;
    double temperature = 0.7;
    bool stream = true;
    bool includeUsage = true; ///< sends stream_options.include_usage when streaming
    /// Functions the request declares (protocol/toolcalls.h); each protocol spells them its way.
    QList<ToolDeclaration> tools;
    /// "auto", "required", "none", or a declared function's name (that one must be called); empty:
    /// not sent (the API's default, auto).
    QString toolChoice;
};

QByteArray buildChatRequestBody(const ChatRequestSpec &spec);

struct Usage {
    qint64 promptTokens = 0; ///< as the server says: OpenAI counts cached tokens inside it
    qint64 completionTokens = 0;
    qint64 cachedTokens = 0; ///< prompt_tokens_details.cached_tokens (part of promptTokens)
    std::optional<qint64> reasoningTokens; ///< completion_tokens_details.reasoning_tokens, when stated
};

/// What one streamed chunk (the JSON in one SSE data field) says.
struct ChunkInfo {
    bool valid = false; ///< JSON object parsed
    bool hasContent = false; ///< non-empty content, reasoning(_content) or tool_calls delta
    QString contentText; ///< content + reasoning text in this chunk (for token estimates)
    QString finishReason;
    QString model;
    std::optional<Usage> usage;
    QString errorMessage; ///< set when the chunk is an {"error": ...} object
    QList<ToolCallPiece> toolCalls; ///< delta.tool_calls: each call's index, name, arguments fragment
};
ChunkInfo parseStreamChunk(QByteArrayView data);

/// What a whole (non-streamed) chat completion says.
struct CompletionInfo {
    bool valid = false; ///< JSON object parsed
    bool hasChoices = false;
    bool hasContent = false;
    QString contentText;
    QString finishReason;
    QString model;
    std::optional<Usage> usage;
    QString errorMessage;
    QList<ToolCallPiece> toolCalls; ///< message.tool_calls, each whole
};
CompletionInfo parseCompletion(QByteArrayView body);

/// The human message of an error body ({"error":{"message":...}}, {"message":...}, {"detail":...},
/// or the first 200 characters of text), with `secret` redacted and cut to keptServerText()'s
/// length. Never throws.
QString errorMessageFromBody(QByteArrayView body, const QString &secret = {});

/// Model ids listed by GET /models ({"data":[{"id":...}]}); nullopt when the body is not that shape.
std::optional<QStringList> parseModelList(QByteArrayView body);

/// Rough token count for text when the server reports no usage: ~4 characters per token for
/// Latin text, one token per CJK character. Always labelled as estimated where shown.
qint64 estimateTokens(const QString &text);

/// estimateTokens() of text that arrives in pieces, without keeping the text: add() each piece.
class TokenTally
{
public:
    void add(QStringView text);
    qint64 estimate() const { return (m_cjk + m_other) == 0 ? 0 : std::max<qint64>(1, m_cjk + (m_other + 3) / 4); }
    void reset() { m_cjk = m_other = 0; }

private:
    qint64 m_cjk = 0;
    qint64 m_other = 0;
};

/// True when a 400/422 body says the server does not accept stream_options / include_usage.
bool rejectsStreamOptions(int httpStatus, QByteArrayView body);

} // namespace stampede::protocol
