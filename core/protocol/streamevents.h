#pragma once
// The streamed answers of the four wire protocols a gateway may speak (issue 16), read into one
// protocol-neutral event: what the metrics need (content or reasoning or tool delta for TTFT, text
// for token estimates, usage, finish reason, model, error) and nothing else. Pure functions over
// one SSE event; the engine's use of them and the request bodies come with the protocols' wiring.
//
// Token counts keep the cache apart in every protocol (docs/metrics.md, "Protocols"):
// promptTokens are the input tokens neither read from nor written to a prompt cache;
// cacheReadTokens and cacheCreationTokens are those. OpenAI (Chat, Responses) and Gemini count
// cached tokens inside their input total, so they are taken out of it; Anthropic reports them
// apart already. completionTokens include reasoning tokens (every protocol bills them as output);
// reasoningTokens says how many of them were reasoning where the protocol reports it.

#include "model/wireprotocol.h"
#include "protocol/chat.h"

#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace stampede::protocol {

using model::WireProtocol; // model/wireprotocol.h: the names, shared with the scenario and the gateway
using model::wireProtocolFromName;
using model::wireProtocolName;

/// Usage as one event reports it: each count only when this event states it (Anthropic states the
/// input in message_start and the output in message_delta; the others once at the end).
struct UsageReport {
    std::optional<qint64> promptTokens;
    std::optional<qint64> completionTokens;
    std::optional<qint64> cacheReadTokens;
    std::optional<qint64> cacheCreationTokens;
    std::optional<qint64> reasoningTokens;
    bool any() const
    {
        return promptTokens || completionTokens || cacheReadTokens || cacheCreationTokens || reasoningTokens;
    }
    /// The counts this report states replace those of `total` (later reports are cumulative).
    void mergeInto(UsageReport &total) const;
};

struct StreamEvent {
    bool valid = false; ///< a JSON object this protocol's stream may carry
    bool hasContent = false; ///< content, reasoning or a tool call's delta: the first one is TTFT
    bool reasoning = false; ///< the content is reasoning ("thinking")
    bool toolCall = false; ///< the content is a tool call (name or arguments)
    QList<ToolCallPiece> toolCalls; ///< the pieces of tool calls this event carries (protocol/toolcalls.h)
    QString text; ///< content and reasoning text (for token estimates)
    /// The answer's own words: content, not reasoning or a tool call (what a conversation sends
    /// back as the assistant's turn). OpenAI Chat's reasoning_content (a DeepSeek extension) is
    /// kept with it, as that protocol reports both in one text.
    QString replyText;
    QString finishReason; ///< normalised: "stop", "length", "tool_calls", "content_filter", or the protocol's word
    QString model;
    UsageReport usage;
    QString errorMessage; ///< the stream reports an error
    bool terminal = false; ///< the protocol's own end of the answer (message_stop, response.completed, ...)
    /// parseWholeResponse(): the body is an answer of the protocol's shape (a chat completion with
    /// choices, an Anthropic message, a Responses response, a Gemini response with candidates).
    bool answer = false;
};

/// One SSE event of `protocol`'s stream: `eventName` is its "event:" field (may be empty), `data`
/// its data. Never throws; anything unreadable gives valid = false.
StreamEvent parseStreamEvent(WireProtocol protocol, QByteArrayView eventName, QByteArrayView data);

/// A whole (non-streamed) answer of `protocol` read into the same event (terminal when readable):
/// an Anthropic message, a Responses response object, a Gemini GenerateContentResponse, or an
/// OpenAI chat completion.
StreamEvent parseWholeResponse(WireProtocol protocol, QByteArrayView body);

/// One request as `protocol` spells it: the path below the scenario's base URL, the JSON body, and
/// the headers that carry the key (the caller adds Content-Type and the scenario's own headers).
struct WireRequest {
    QString path; ///< e.g. "chat/completions", "responses", "messages",
                  ///< "models/gemini-2.5-flash:streamGenerateContent?alt=sse"
    QByteArray body;
};
WireRequest buildWireRequest(WireProtocol protocol, const ChatRequestSpec &spec);

/// The headers that carry `apiKey`: Authorization: Bearer (OpenAI), x-api-key with
/// anthropic-version (Anthropic), x-goog-api-key (Gemini). Empty key: none (anthropic-version
/// still goes). Their values are secrets: the redaction rules of protocol/headers.h apply.
QList<QPair<QByteArray, QByteArray>> authHeaders(WireProtocol protocol, const QString &apiKey);

/// "models" below the base URL for every protocol (Gemini: models.list); the ids in its answer
/// ({"data":[{"id"}]} for OpenAI and Anthropic; {"models":[{"name":"models/x"}]} for Gemini, the
/// "models/" prefix dropped). Nullopt when the body is not that shape.
std::optional<QStringList> parseModelListFor(WireProtocol protocol, QByteArrayView body);

/// A protocol's own finish word in the normalised vocabulary above (max_tokens, MAX_TOKENS,
/// max_output_tokens -> "length"; end_turn, STOP -> "stop"; tool_use -> "tool_calls"; SAFETY,
/// refusal -> "content_filter"); an unknown word is returned as it is.
QString normalisedFinishReason(WireProtocol protocol, const QString &word);

} // namespace stampede::protocol
