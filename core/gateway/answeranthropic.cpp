// AnswerWriter for Anthropic Messages (POST /v1/messages): message_start (the input usage),
// content blocks (a thinking block first when the model reasons, then the text block, or the tool_use
// block of a tool call: input_json_delta events, stop_reason "tool_use"), message_delta
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
    if (m_phase == Phase::Reasoning)
        appendSseEvent(out, "content_block_start",
            { "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":"
              "\"\",\"signature\":\"\"}}" });
    else
        anthropicOpenContent(out);
    appendSseEvent(out, "ping", { "{\"type\":\"ping\"}" });
}

void AnswerWriter::anthropicOpenContent(QByteArray &out)
{
    const char index[1] = { char('0' + m_index) }; // 0 or 1
    if (!isToolCall()) {
        return appendSseEvent(out, "content_block_start",
            { "{\"type\":\"content_block_start\",\"index\":", QByteArrayView(index, 1),
                ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}" });
    }
    appendSseEvent(out, "content_block_start",
        { "{\"type\":\"content_block_start\",\"index\":", QByteArrayView(index, 1),
            ",\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_", m_spec.id, "\",\"name\":\"", m_spec.toolName,
            "\",\"input\":{}}}" });
}

void AnswerWriter::anthropicEnterContent(QByteArray &out)
{
    if (m_phase != Phase::Reasoning)
        return;
    anthropicCloseBlock(out);
    m_phase = Phase::Content;
    ++m_index;
    anthropicOpenContent(out);
}

void AnswerWriter::anthropicToolTokens(QByteArray &out, QByteArrayView fragment)
{
    anthropicEnterContent(out);
    const char index[1] = { char('0' + m_index) };
    appendSseEvent(out, "content_block_delta",
        { "{\"type\":\"content_block_delta\",\"index\":", QByteArrayView(index, 1),
            ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"", fragment, "\"}}" });
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
    if (!reasoning)
        anthropicEnterContent(out);
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
    if (isToolCall()) { // the call is always there, even with no content token ({"input":""})
        out.append(m_spec.reasoningTokens > 0 ? ",{\"type\":\"tool_use\",\"id\":\"toolu_"
                                              : "{\"type\":\"tool_use\",\"id\":\"toolu_");
        out.append(m_spec.id);
        out.append("\",\"name\":\"");
        out.append(m_spec.toolName);
        out.append("\",\"input\":");
        out.append(toolArgumentsValue());
        out.append('}');
    } else if (m_spec.contentTokens > 0 || m_spec.reasoningTokens == 0) {
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
