#include "answerwriter.h"

#include "responses.h"

namespace stampede::gateway {

namespace {

// Reasoning text is its own sequence of words, so the content reads the same with or without it.
constexpr quint64 kReasoningSeed = 0x5EA5011EDull;

} // namespace

void AnswerWriter::begin(AnswerSpec spec)
{
    m_spec = std::move(spec);
    m_phase = Phase::Start;
    m_sequence = 0;
    m_index = 0;
}

int AnswerWriter::chunkCount(int first, int perChunk) const
{
    const int end = first < m_spec.reasoningTokens ? m_spec.reasoningTokens : totalTokens();
    return qMin(perChunk, end - first);
}

void AnswerWriter::appendText(QByteArray &out, bool reasoning, int first, int count) const
{
    responses::appendTokens(out, reasoning ? m_spec.seed ^ kReasoningSeed : m_spec.seed, first, count);
}

QByteArray AnswerWriter::fullText(bool reasoning) const
{
    const int count = reasoning ? m_spec.reasoningTokens : m_spec.contentTokens;
    if (count == 0)
        return {};
    QByteArray text;
    text.reserve(count * 8);
    appendText(text, reasoning, 0, count);
    return text;
}

const char *AnswerWriter::finishWord() const
{
    const bool length = m_spec.hitMaxTokens;
    switch (m_spec.protocol) {
    case WireProtocol::OpenAiChat:
        break;
    case WireProtocol::OpenAiResponses:
        return length ? "max_output_tokens" : "completed";
    case WireProtocol::AnthropicMessages:
        return length ? "max_tokens" : isToolCall() ? "tool_use" : "end_turn";
    case WireProtocol::Gemini:
        return length ? "MAX_TOKENS" : "STOP"; // Gemini has no word of its own for a function call
    }
    return length ? "length" : isToolCall() ? "tool_calls" : "stop";
}

// ---- tool calls: the arguments, whole or in the fragments the content tokens make ----------------

namespace {

constexpr char kArgsOpen[] = "{\"input\":\"";
constexpr char kArgsClose[] = "\"}";

} // namespace

QByteArray AnswerWriter::toolArguments() const
{
    QByteArray args;
    args.reserve(m_spec.contentTokens * 8 + 16);
    args.append(kArgsOpen);
    appendText(args, false, 0, m_spec.contentTokens);
    if (!m_spec.brokenToolArgs)
        args.append(kArgsClose);
    return args;
}

QByteArray AnswerWriter::toolArgumentsValue() const
{
    const QByteArray args = toolArguments();
    return m_spec.brokenToolArgs ? '"' + responses::jsonEscape(args) + '"' : args;
}

void AnswerWriter::appendToolFragment(QByteArray &out, QByteArrayView text, bool first, bool last)
{
    m_fragment.resize(0);
    if (first)
        m_fragment.append(kArgsOpen);
    m_fragment.append(text);
    if (last && !m_spec.brokenToolArgs)
        m_fragment.append(kArgsClose);
    const QByteArray escaped = responses::jsonEscape(m_fragment); // it lands inside a JSON string
    switch (m_spec.protocol) {
    case WireProtocol::OpenAiChat:
        return chatToolTokens(out, escaped, first);
    case WireProtocol::OpenAiResponses:
        return responsesToolTokens(out, escaped);
    case WireProtocol::AnthropicMessages:
        return anthropicToolTokens(out, escaped);
    case WireProtocol::Gemini:
        return; // never in fragments (answergemini.cpp)
    }
}

void AnswerWriter::appendStart(QByteArray &out)
{
    switch (m_spec.protocol) {
    case WireProtocol::OpenAiChat: {
        // Every chunk starts the same: assembled once per stream (a whole answer never needs it).
        const QByteArray id = QByteArrayLiteral("chatcmpl-") + m_spec.id;
        m_chunkPrefix = responses::chunkPrefix({ id, m_spec.created, m_spec.model });
        return responses::appendRoleChunk(out, m_chunkPrefix);
    }
    case WireProtocol::OpenAiResponses:
        return responsesStart(out);
    case WireProtocol::AnthropicMessages:
        return anthropicStart(out);
    case WireProtocol::Gemini:
        return; // Gemini's stream is only its chunks
    }
}

void AnswerWriter::appendTokens(QByteArray &out, int first, int count)
{
    const bool reasoning = first < m_spec.reasoningTokens;
    const int from = reasoning ? first : first - m_spec.reasoningTokens;
    m_text.resize(0);
    appendText(m_text, reasoning, from, count);
    if (!reasoning && isToolCall() && m_spec.protocol != WireProtocol::Gemini)
        return appendToolFragment(out, m_text, from == 0, from + count >= m_spec.contentTokens);
    switch (m_spec.protocol) {
    case WireProtocol::OpenAiChat:
        return chatTokens(out, m_text, reasoning);
    case WireProtocol::OpenAiResponses:
        return responsesTokens(out, m_text, reasoning);
    case WireProtocol::AnthropicMessages:
        return anthropicTokens(out, m_text, reasoning);
    case WireProtocol::Gemini:
        return geminiTokens(out, m_text, reasoning, first + count >= totalTokens());
    }
}

void AnswerWriter::appendEnd(QByteArray &out)
{
    if (isToolCall() && m_spec.contentTokens == 0)
        appendToolFragment(out, {}, true, true); // no content token carried the call: {"input":""} now
    switch (m_spec.protocol) {
    case WireProtocol::OpenAiChat:
        chatEnd(out);
        break;
    case WireProtocol::OpenAiResponses:
        responsesEnd(out);
        break;
    case WireProtocol::AnthropicMessages:
        anthropicEnd(out);
        break;
    case WireProtocol::Gemini:
        geminiEnd(out);
        break;
    }
    m_phase = Phase::Done;
    out.append(responses::kLastChunk);
}

void AnswerWriter::appendGarbage(QByteArray &out)
{
    switch (m_spec.protocol) {
    case WireProtocol::OpenAiChat:
        responses::appendEvent(out, "{not json");
        responses::appendEvent(out, "{\"choices\":[{\"delta\":{\"content\":\"trunc");
        responses::appendDone(out);
        break;
    case WireProtocol::OpenAiResponses:
        responsesGarbage(out);
        break;
    case WireProtocol::AnthropicMessages:
        anthropicGarbage(out);
        break;
    case WireProtocol::Gemini:
        geminiGarbage(out);
        break;
    }
    m_phase = Phase::Done;
    out.append(responses::kLastChunk);
}

QByteArray AnswerWriter::body() const
{
    switch (m_spec.protocol) {
    case WireProtocol::OpenAiChat:
        break;
    case WireProtocol::OpenAiResponses:
        return responsesBody();
    case WireProtocol::AnthropicMessages:
        return anthropicBody();
    case WireProtocol::Gemini:
        return geminiBody();
    }
    return chatBody();
}

// ---- OpenAI Chat: responses.h's chunks, as before --------------------------------------------------

namespace {

responses::Usage chatUsage(const ReportedUsage &u)
{
    return { u.promptTokens, u.completionTokens, u.statesCache ? u.cacheReadTokens : -1,
        u.statesReasoning ? u.reasoningTokens : -1 };
}

} // namespace

void AnswerWriter::chatTokens(QByteArray &out, QByteArrayView text, bool reasoning)
{
    if (reasoning)
        responses::appendReasoningChunk(out, m_chunkPrefix, text);
    else
        responses::appendContentChunk(out, m_chunkPrefix, text);
}

void AnswerWriter::chatToolTokens(QByteArray &out, QByteArrayView fragment, bool first)
{
    if (first)
        responses::appendToolCallChunk(out, m_chunkPrefix, QByteArray("call_" + m_spec.id), m_spec.toolName);
    responses::appendToolArgumentsChunk(out, m_chunkPrefix, fragment);
}

void AnswerWriter::chatEnd(QByteArray &out)
{
    responses::appendFinishChunk(out, m_chunkPrefix, finishWord());
    if (m_spec.includeUsage)
        responses::appendUsageChunk(out, m_chunkPrefix, chatUsage(m_spec.usage));
    responses::appendDone(out);
}

QByteArray AnswerWriter::chatBody() const
{
    const responses::Usage usage = chatUsage(m_spec.usage);
    const QByteArray id = QByteArrayLiteral("chatcmpl-") + m_spec.id;
    const QByteArray callId = "call_" + m_spec.id;
    const QByteArray arguments = isToolCall() ? responses::jsonEscape(toolArguments()) : QByteArray();
    const responses::ToolCall call { callId, m_spec.toolName, arguments };
    return responses::completionBody({ id, m_spec.created, m_spec.model },
        isToolCall() ? QByteArray() : fullText(false), finishWord(), m_spec.sendUsage ? &usage : nullptr,
        fullText(true), isToolCall() ? &call : nullptr);
}

} // namespace stampede::gateway
