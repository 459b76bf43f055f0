#pragma once
// The bytes of one successful answer in its protocol (issue 16): a stream's events from right after
// the head to the end, or a whole body. OpenAI Chat's come from responses.h as they always did; the
// Responses, Anthropic and Gemini ones are hand-assembled the same way (no JSON DOM per token).
//
// A stream, in every protocol:   appendStart (with the head) . appendTokens ... . appendEnd
//   chat       role chunk        | delta.reasoning_content, delta.content  | finish, usage, [DONE]
//   responses  response.created, | response.reasoning_summary_text.delta,  | *.done, response.completed
//              .in_progress, ... | response.output_text.delta             | (or response.incomplete)
//   anthropic  message_start,    | thinking_delta, text_delta             | content_block_stop, message_delta,
//              content_block_start, ping                                  | message_stop
//   gemini     (nothing)         | data: {candidates: parts}, thoughts    | the last chunk: finishReason and
//                                |   with "thought": true                 | usageMetadata
// The reasoning tokens come first; a chunk never holds both kinds (chunkCount()).
//
// A tool call (AnswerSpec::toolName) takes the content's place: its arguments are the JSON object
// {"input":"<the content text>"}, streamed in fragments where the content tokens would go (the first
// opens the object, the last closes it), so the tokens and the usage are those of the text answer:
//   chat       delta.tool_calls[{index, id, type, function{name, arguments: ""}}], then
//              delta.tool_calls[{index, function{arguments: fragment}}] ...; finish_reason "tool_calls"
//   responses  a function_call output item: response.function_call_arguments.delta ... .done
//   anthropic  a tool_use block: input_json_delta ...; stop_reason "tool_use"
//   gemini     not in fragments: the content tokens' chunks are left out and the whole functionCall
//              part comes in the last chunk (with finishReason "STOP"), when the call is complete

#include "apierror.h"

#include <QByteArray>

namespace stampede::gateway {

/// The usage an answer reports (usage_factor already applied). Every count is the protocol-neutral
/// one; each protocol spells it its way (Anthropic's input_tokens leave the cache out, Gemini's
/// candidatesTokenCount leaves the thoughts out, the OpenAI ones include both).
struct ReportedUsage {
    int promptTokens = 0; ///< cached tokens included
    int cacheReadTokens = 0;
    int cacheCreationTokens = 0;
    int completionTokens = 0; ///< reasoning tokens included
    int reasoningTokens = 0;
    bool statesCache = false; ///< chat: say prompt_tokens_details.cached_tokens (the prefix cache is on)
    bool statesReasoning = false; ///< chat: say completion_tokens_details.reasoning_tokens (the model reasons)
};

/// What one answer says, fixed when it is planned.
struct AnswerSpec {
    WireProtocol protocol = WireProtocol::OpenAiChat;
    QByteArray id; ///< 16 hex digits: "chatcmpl-<id>", "resp_<id>", "msg_<id>", Gemini's responseId
    qint64 created = 0; ///< Unix seconds
    QByteArray model; ///< JSON-escaped
    quint64 seed = 0; ///< the text (responses::appendTokens)
    int reasoningTokens = 0;
    int contentTokens = 0;
    bool hitMaxTokens = false;
    bool sendUsage = true; ///< usage in whole chat answers, Responses and Gemini (Anthropic: always)
    bool includeUsage = false; ///< chat streams: the usage chunk
    ReportedUsage usage;
    /// Non-empty: the answer calls this function (JSON-escaped) instead of answering text.
    QByteArray toolName;
    bool brokenToolArgs = false; ///< the call's arguments leave their closing `"}` off (not valid JSON)
};

/// One per connection, reused by its answers; begin() starts the next.
class AnswerWriter
{
public:
    void begin(AnswerSpec spec);
    const AnswerSpec &spec() const { return m_spec; }
    int totalTokens() const { return m_spec.reasoningTokens + m_spec.contentTokens; }
    /// How many tokens from `first` the next chunk holds: up to `perChunk`, of one kind only.
    int chunkCount(int first, int perChunk) const;

    /// Streams: what goes out with the head, before the first token (always called, except for garbage).
    void appendStart(QByteArray &out);
    /// Streams: tokens [first, first + count) of the answer, reasoning ones first (one kind per call).
    void appendTokens(QByteArray &out, int first, int count);
    /// Streams: after the last token: finish reason, usage, the protocol's end, and the HTTP last chunk.
    void appendEnd(QByteArray &out);
    /// Streams, garbage outcome (instead of all the above): events that are not JSON, then the
    /// protocol's in-stream error where it has one, and the HTTP last chunk.
    void appendGarbage(QByteArray &out);
    /// Non-streamed: the whole body.
    QByteArray body() const;

    /// The text of tokens [first, first + count) of one kind (separate sequences, each starting without a space).
    void appendText(QByteArray &out, bool reasoning, int first, int count) const;

    bool isToolCall() const { return !m_spec.toolName.isEmpty(); }
    /// A tool call's whole arguments, as JSON text (not escaped): {"input":"<content text>"}, or without
    /// its closing `"}` when broken.
    QByteArray toolArguments() const;

private:
    enum class Phase { Start, Reasoning, Content, Done };
    QByteArray fullText(bool reasoning) const;
    const char *finishWord() const;
    /// The arguments as a JSON value where a protocol carries an object: the object, or the broken text as a string.
    QByteArray toolArgumentsValue() const;
    /// Streams: the arguments' fragment that goes with content text `text` (JSON-escaped), to the protocol.
    void appendToolFragment(QByteArray &out, QByteArrayView text, bool first, bool last);

    // answerwriter.cpp: OpenAI Chat
    void chatTokens(QByteArray &out, QByteArrayView text, bool reasoning);
    void chatToolTokens(QByteArray &out, QByteArrayView fragment, bool first);
    void chatEnd(QByteArray &out);
    QByteArray chatBody() const;
    // answerresponses.cpp: OpenAI Responses
    void responsesStart(QByteArray &out);
    void responsesTokens(QByteArray &out, QByteArrayView text, bool reasoning);
    void responsesToolTokens(QByteArray &out, QByteArrayView fragment);
    void responsesEnterContent(QByteArray &out);
    void responsesEnd(QByteArray &out);
    void responsesGarbage(QByteArray &out);
    QByteArray responsesBody() const;
    void responsesEvent(QByteArray &out, const char *type, std::initializer_list<QByteArrayView> rest);
    void responsesOpenItem(QByteArray &out); ///< the message, or the function_call
    void responsesCloseItem(QByteArray &out);
    void appendResponseObject(QByteArray &out, const char *status, bool whole) const;
    void appendResponsesOutput(QByteArray &out, const char *messageStatus) const;
    // answeranthropic.cpp: Anthropic Messages
    void anthropicStart(QByteArray &out);
    void anthropicTokens(QByteArray &out, QByteArrayView text, bool reasoning);
    void anthropicToolTokens(QByteArray &out, QByteArrayView fragment);
    void anthropicEnterContent(QByteArray &out);
    void anthropicOpenContent(QByteArray &out); ///< the text block, or the tool_use block
    void anthropicEnd(QByteArray &out);
    void anthropicGarbage(QByteArray &out);
    QByteArray anthropicBody() const;
    void anthropicCloseBlock(QByteArray &out);
    void appendAnthropicUsage(QByteArray &out, bool start) const;
    // answergemini.cpp: Gemini
    void geminiTokens(QByteArray &out, QByteArrayView text, bool reasoning, bool last);
    void geminiEnd(QByteArray &out);
    void geminiGarbage(QByteArray &out);
    QByteArray geminiBody() const;
    void appendGeminiResponse(QByteArray &out, std::initializer_list<QByteArrayView> parts, bool last) const;

    AnswerSpec m_spec;
    Phase m_phase = Phase::Start;
    QByteArray m_chunkPrefix; ///< chat streams
    QByteArray m_text; ///< scratch: one chunk's text
    QByteArray m_fragment; ///< scratch: one chunk's tool arguments
    int m_sequence = 0; ///< Responses: sequence_number of the next event
    int m_index = 0; ///< Responses: output_index; Anthropic: content block index
};

} // namespace stampede::gateway
