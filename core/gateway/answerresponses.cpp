// AnswerWriter for OpenAI Responses (POST /v1/responses): typed SSE events, each with its
// sequence_number; the reasoning summary is output item 0 when the model reasons, the message
// follows it. The stream ends with response.completed, or response.incomplete when the output cap
// was hit (incomplete_details.reason "max_output_tokens"). No [DONE]. A tool call's function_call item
// takes the message's place.

#include "answerwriter.h"

#include "responses.h"

namespace stampede::gateway {

using responses::appendNumber;

namespace {

void appendReasoningItem(QByteArray &out, QByteArrayView id, QByteArrayView text)
{
    out.append("{\"id\":\"rs_");
    out.append(id);
    out.append("\",\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"");
    out.append(text);
    out.append("\"}]}");
}

void appendMessageItem(QByteArray &out, QByteArrayView id, const char *status, QByteArrayView text)
{
    out.append("{\"id\":\"msg_");
    out.append(id);
    out.append("\",\"type\":\"message\",\"status\":\"");
    out.append(status);
    out.append("\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"");
    out.append(text);
    out.append("\",\"annotations\":[]}]}");
}

// arguments JSON-escaped; status "in_progress" (with no arguments yet), "completed" or "incomplete"
void appendFunctionCallItem(
    QByteArray &out, QByteArrayView id, QByteArrayView name, const char *status, QByteArrayView arguments)
{
    out.append("{\"type\":\"function_call\",\"id\":\"fc_");
    out.append(id);
    out.append("\",\"call_id\":\"call_");
    out.append(id);
    out.append("\",\"name\":\"");
    out.append(name);
    out.append("\",\"arguments\":\"");
    out.append(arguments);
    out.append("\",\"status\":\"");
    out.append(status);
    out.append("\"}");
}

void appendUsage(QByteArray &out, const ReportedUsage &u)
{
    out.append("{\"input_tokens\":");
    appendNumber(out, u.promptTokens);
    out.append(",\"input_tokens_details\":{\"cached_tokens\":");
    appendNumber(out, u.cacheReadTokens);
    out.append("},\"output_tokens\":");
    appendNumber(out, u.completionTokens);
    out.append(",\"output_tokens_details\":{\"reasoning_tokens\":");
    appendNumber(out, u.reasoningTokens);
    out.append("},\"total_tokens\":");
    appendNumber(out, qint64(u.promptTokens) + u.completionTokens);
    out.append('}');
}

} // namespace

void AnswerWriter::responsesEvent(QByteArray &out, const char *type, std::initializer_list<QByteArrayView> rest)
{
    QByteArray data;
    data.reserve(96);
    data.append("{\"type\":\"");
    data.append(type);
    data.append("\",\"sequence_number\":");
    appendNumber(data, m_sequence++);
    for (QByteArrayView part : rest)
        data.append(part);
    data.append('}');
    responses::appendSseEvent(out, type, { data });
}

void AnswerWriter::appendResponsesOutput(QByteArray &out, const char *messageStatus) const
{
    out.append('[');
    if (m_spec.reasoningTokens > 0)
        appendReasoningItem(out, m_spec.id, fullText(true));
    if (isToolCall()) { // the call is always there, even with no content token ({"input":""})
        if (m_spec.reasoningTokens > 0)
            out.append(',');
        appendFunctionCallItem(out, m_spec.id, m_spec.toolName, messageStatus, responses::jsonEscape(toolArguments()));
    } else if (m_spec.contentTokens > 0 || m_spec.reasoningTokens == 0) {
        if (m_spec.reasoningTokens > 0)
            out.append(',');
        appendMessageItem(out, m_spec.id, messageStatus, fullText(false));
    }
    out.append(']');
}

void AnswerWriter::appendResponseObject(QByteArray &out, const char *status, bool whole) const
{
    out.append("{\"id\":\"resp_");
    out.append(m_spec.id);
    out.append("\",\"object\":\"response\",\"created_at\":");
    appendNumber(out, m_spec.created);
    out.append(",\"status\":\"");
    out.append(status);
    out.append("\",\"error\":null,\"incomplete_details\":");
    out.append(whole && m_spec.hitMaxTokens ? "{\"reason\":\"max_output_tokens\"}" : "null");
    out.append(",\"model\":\"");
    out.append(m_spec.model);
    out.append("\",\"output\":");
    if (whole)
        appendResponsesOutput(out, m_spec.hitMaxTokens ? "incomplete" : "completed");
    else
        out.append("[]");
    out.append(",\"usage\":");
    if (whole && m_spec.sendUsage)
        appendUsage(out, m_spec.usage);
    else
        out.append("null");
    out.append('}');
}

void AnswerWriter::responsesStart(QByteArray &out)
{
    QByteArray response;
    appendResponseObject(response, "in_progress", false);
    responsesEvent(out, "response.created", { ",\"response\":", response });
    responsesEvent(out, "response.in_progress", { ",\"response\":", response });
    if (m_spec.reasoningTokens == 0)
        return responsesOpenItem(out);
    m_phase = Phase::Reasoning;
    const QByteArray itemId = "rs_" + m_spec.id;
    responsesEvent(out, "response.output_item.added",
        { ",\"output_index\":0,\"item\":{\"id\":\"", itemId, "\",\"type\":\"reasoning\",\"summary\":[]}" });
    responsesEvent(out, "response.reasoning_summary_part.added",
        { ",\"item_id\":\"", itemId,
            "\",\"output_index\":0,\"summary_index\":0,\"part\":{\"type\":\"summary_text\",\"text\":\"\"}" });
}

void AnswerWriter::responsesOpenItem(QByteArray &out)
{
    m_phase = Phase::Content;
    QByteArray index;
    appendNumber(index, m_index);
    if (isToolCall()) {
        QByteArray item;
        appendFunctionCallItem(item, m_spec.id, m_spec.toolName, "in_progress", {});
        return responsesEvent(out, "response.output_item.added", { ",\"output_index\":", index, ",\"item\":", item });
    }
    const QByteArray itemId = "msg_" + m_spec.id;
    responsesEvent(out, "response.output_item.added",
        { ",\"output_index\":", index, ",\"item\":{\"id\":\"", itemId,
            "\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}" });
    responsesEvent(out, "response.content_part.added",
        { ",\"item_id\":\"", itemId, "\",\"output_index\":", index,
            ",\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[]}" });
}

void AnswerWriter::responsesTokens(QByteArray &out, QByteArrayView text, bool reasoning)
{
    if (reasoning) {
        return responsesEvent(out, "response.reasoning_summary_text.delta",
            { ",\"item_id\":\"rs_", m_spec.id, "\",\"output_index\":0,\"summary_index\":0,\"delta\":\"", text, "\"" });
    }
    responsesEnterContent(out);
    const char digit[1] = { char('0' + m_index) }; // 0 or 1
    responsesEvent(out, "response.output_text.delta",
        { ",\"item_id\":\"msg_", m_spec.id, "\",\"output_index\":", QByteArrayView(digit, 1),
            ",\"content_index\":0,\"delta\":\"", text, "\",\"logprobs\":[]" });
}

void AnswerWriter::responsesEnterContent(QByteArray &out)
{
    if (m_phase != Phase::Reasoning)
        return;
    responsesCloseItem(out);
    ++m_index;
    responsesOpenItem(out);
}

void AnswerWriter::responsesToolTokens(QByteArray &out, QByteArrayView fragment)
{
    responsesEnterContent(out);
    const char digit[1] = { char('0' + m_index) }; // 0 or 1
    responsesEvent(out, "response.function_call_arguments.delta",
        { ",\"item_id\":\"fc_", m_spec.id, "\",\"output_index\":", QByteArrayView(digit, 1), ",\"delta\":\"", fragment,
            "\"" });
}

void AnswerWriter::responsesCloseItem(QByteArray &out)
{
    if (m_phase == Phase::Reasoning) {
        const QByteArray text = fullText(true);
        const QByteArray where = ",\"item_id\":\"rs_" + m_spec.id + "\",\"output_index\":0,\"summary_index\":0";
        responsesEvent(out, "response.reasoning_summary_text.done", { where, ",\"text\":\"", text, "\"" });
        responsesEvent(out, "response.reasoning_summary_part.done",
            { where, ",\"part\":{\"type\":\"summary_text\",\"text\":\"", text, "\"}" });
        QByteArray item;
        appendReasoningItem(item, m_spec.id, text);
        responsesEvent(out, "response.output_item.done", { ",\"output_index\":0,\"item\":", item });
    } else if (m_phase == Phase::Content && isToolCall()) {
        const QByteArray arguments = responses::jsonEscape(toolArguments());
        QByteArray index;
        appendNumber(index, m_index);
        responsesEvent(out, "response.function_call_arguments.done",
            { ",\"item_id\":\"fc_", m_spec.id, "\",\"output_index\":", index, ",\"arguments\":\"", arguments, "\"" });
        QByteArray item;
        appendFunctionCallItem(
            item, m_spec.id, m_spec.toolName, m_spec.hitMaxTokens ? "incomplete" : "completed", arguments);
        responsesEvent(out, "response.output_item.done", { ",\"output_index\":", index, ",\"item\":", item });
    } else if (m_phase == Phase::Content) {
        const QByteArray text = fullText(false);
        QByteArray index;
        appendNumber(index, m_index);
        const QByteArray where = ",\"item_id\":\"msg_" + m_spec.id + "\",\"output_index\":" + index;
        responsesEvent(out, "response.output_text.done", { where, ",\"content_index\":0,\"text\":\"", text, "\"" });
        responsesEvent(out, "response.content_part.done",
            { where, ",\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"", text,
                "\",\"annotations\":[]}" });
        QByteArray item;
        appendMessageItem(item, m_spec.id, m_spec.hitMaxTokens ? "incomplete" : "completed", text);
        responsesEvent(out, "response.output_item.done", { ",\"output_index\":", index, ",\"item\":", item });
    }
}

void AnswerWriter::responsesEnd(QByteArray &out)
{
    responsesCloseItem(out);
    QByteArray response;
    const bool incomplete = m_spec.hitMaxTokens;
    appendResponseObject(response, incomplete ? "incomplete" : "completed", true);
    responsesEvent(out, incomplete ? "response.incomplete" : "response.completed", { ",\"response\":", response });
}

void AnswerWriter::responsesGarbage(QByteArray &out)
{
    responses::appendSseEvent(out, "response.output_text.delta", { "{not json" });
    responsesEvent(out, "error",
        { ",\"code\":\"server_error\",\"message\":\"The server had an error while processing your request. Sorry "
          "about that!\",\"param\":null" });
}

QByteArray AnswerWriter::responsesBody() const
{
    QByteArray out;
    out.reserve(totalTokens() * 8 + 512);
    appendResponseObject(out, m_spec.hitMaxTokens ? "incomplete" : "completed", true);
    return out;
}

} // namespace stampede::gateway
