// AnswerWriter for Anthropic Messages (POST /v1/messages): message_start (the input usage),
// content blocks (a thinking block first when the model reasons, then the text block), message_delta
// (stop_reason and the output tokens), message_stop. Anthropic's input_tokens leave out the
// prompt-cache tokens, which it reports apart: cache_read_input_tokens, cache_creation_input_tokens.

#include "answerwriter.h"

#include "responses.h"

namespace stampede::gateway {

using responses::appendNumber;
using responses::appendSseEvent;

namespace {

constexpr char kSignature[] = "c3RhbXBlZGUtc2ltdWxhdGVkLXRoaW5raW5n"; // base64("stampede-simulated-thinking")

} // namespace

void AnswerWriter::appendAnthropicUsage(QByteArray &out, bool start) const
{
    const ReportedUsage &u = m_spec.usage;
    out.append("{\"input_tokens\":");
    appendNumber(out, qMax(0, u.promptTokens - u.cacheReadTokens - u.cacheCreationTokens));
    out.append(",\"cache_creation_input_tokens\":");
    appendNumber(out, u.cacheCreationTokens);
    out.append(",\"cache_read_input_tokens\":");
    appendNumber(out, u.cacheReadTokens);
    out.append(",\"output_tokens\":");
    appendNumber(out, start ? 1 : u.completionTokens); // message_start says 1, as Anthropic's does
    out.append('}');
}

void AnswerWriter::anthropicStart(QByteArray &out)
{
    QByteArray data;
    data.reserve(320);
    data.append("{\"type\":\"message_start\",\"message\":{\"id\":\"msg_");
    data.append(m_spec.id);
    data.append("\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"");
    data.append(m_spec.model);
    data.append("\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":");
    appendAnthropicUsage(data, true);
    data.append("}}");
    appendSseEvent(out, "message_start", { data });
    m_phase = m_spec.reasoningTokens > 0 ? Phase::Reasoning : Phase::Content;
    appendSseEvent(out, "content_block_start",
        { m_phase == Phase::Reasoning ? "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":"
                                        "\"thinking\",\"thinking\":\"\","
                                        "\"signature\":\"\"}}"
                                      : "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":"
                                        "\"text\",\"text\":\"\"}}" });
    appendSseEvent(out, "ping", { "{\"type\":\"ping\"}" });
}

void AnswerWriter::anthropicCloseBlock(QByteArray &out)
{
    const char index[1] = { char('0' + m_index) }; // 0 or 1
    if (m_phase == Phase::Reasoning) {
        appendSseEvent(out, "content_block_delta",
            { "{\"type\":\"content_block_delta\",\"index\":", QByteArrayView(index, 1),
                ",\"delta\":{\"type\":\"signature_delta\",\"signature\":\"", kSignature, "\"}}" });
    }
    appendSseEvent(
        out, "content_block_stop", { "{\"type\":\"content_block_stop\",\"index\":", QByteArrayView(index, 1), "}" });
}

void AnswerWriter::anthropicTokens(QByteArray &out, QByteArrayView text, bool reasoning)
{
    if (!reasoning && m_phase == Phase::Reasoning) {
        anthropicCloseBlock(out);
        m_phase = Phase::Content;
        ++m_index;
        appendSseEvent(out, "content_block_start",
            { "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}" });
    }
    const char index[1] = { char('0' + m_index) };
    appendSseEvent(out, "content_block_delta",
        { "{\"type\":\"content_block_delta\",\"index\":", QByteArrayView(index, 1),
            reasoning ? ",\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\""
                      : ",\"delta\":{\"type\":\"text_delta\",\"text\":\"",
            text, "\"}}" });
}

void AnswerWriter::anthropicEnd(QByteArray &out)
{
    anthropicCloseBlock(out);
    QByteArray data;
    data.reserve(128);
    data.append("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"");
    data.append(finishWord());
    data.append("\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":");
    appendNumber(data, m_spec.usage.completionTokens);
    data.append("}}");
    appendSseEvent(out, "message_delta", { data });
    appendSseEvent(out, "message_stop", { "{\"type\":\"message_stop\"}" });
}

void AnswerWriter::anthropicGarbage(QByteArray &out)
{
    appendSseEvent(out, "content_block_delta", { "{not json" });
    appendSseEvent(out, "error",
        { "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}" });
}

QByteArray AnswerWriter::anthropicBody() const
{
    QByteArray out;
    out.reserve(totalTokens() * 8 + 400);
    out.append("{\"id\":\"msg_");
    out.append(m_spec.id);
    out.append("\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"");
    out.append(m_spec.model);
    out.append("\",\"content\":[");
    if (m_spec.reasoningTokens > 0) {
        out.append("{\"type\":\"thinking\",\"thinking\":\"");
        out.append(fullText(true));
        out.append("\",\"signature\":\"");
        out.append(kSignature);
        out.append("\"}");
    }
    if (m_spec.contentTokens > 0 || m_spec.reasoningTokens == 0) {
        out.append(m_spec.reasoningTokens > 0 ? ",{\"type\":\"text\",\"text\":\"" : "{\"type\":\"text\",\"text\":\"");
        out.append(fullText(false));
        out.append("\"}");
    }
    out.append("],\"stop_reason\":\"");
    out.append(finishWord());
    out.append("\",\"stop_sequence\":null,\"usage\":");
    appendAnthropicUsage(out, false);
    out.append('}');
    return out;
}

} // namespace stampede::gateway
