// AnswerWriter for Gemini (models/{model}:streamGenerateContent?alt=sse and :generateContent): every
// stream event is a whole GenerateContentResponse (`data:` only, no event names); reasoning comes as
// parts with "thought": true. The last one carries finishReason and usageMetadata, where
// promptTokenCount includes cachedContentTokenCount and candidatesTokenCount leaves the thoughts
// (thoughtsTokenCount) out. A function call is one part {"functionCall": {name, args}}, never streamed
// in fragments: it comes whole in the stream's last chunk.

#include "answerwriter.h"

#include "responses.h"

namespace stampede::gateway {

using responses::appendNumber;

void AnswerWriter::appendGeminiResponse(QByteArray &out, std::initializer_list<QByteArrayView> parts, bool last) const
{
    out.append("{\"candidates\":[{\"content\":{\"parts\":[");
    for (QByteArrayView part : parts)
        out.append(part);
    out.append("],\"role\":\"model\"},");
    if (last) {
        out.append("\"finishReason\":\"");
        out.append(finishWord());
        out.append("\",");
    }
    out.append("\"index\":0}]");
    if (last && m_spec.sendUsage) {
        const ReportedUsage &u = m_spec.usage;
        out.append(",\"usageMetadata\":{\"promptTokenCount\":");
        appendNumber(out, u.promptTokens);
        out.append(",\"candidatesTokenCount\":");
        appendNumber(out, qMax(0, u.completionTokens - u.reasoningTokens));
        out.append(",\"totalTokenCount\":");
        appendNumber(out, qint64(u.promptTokens) + u.completionTokens);
        if (u.cacheReadTokens > 0) {
            out.append(",\"cachedContentTokenCount\":");
            appendNumber(out, u.cacheReadTokens);
        }
        if (u.reasoningTokens > 0) {
            out.append(",\"thoughtsTokenCount\":");
            appendNumber(out, u.reasoningTokens);
        }
        out.append('}');
    }
    out.append(",\"modelVersion\":\"");
    out.append(m_spec.model);
    out.append("\",\"responseId\":\"");
    out.append(m_spec.id);
    out.append("\"}");
}

void AnswerWriter::geminiTokens(QByteArray &out, QByteArrayView text, bool reasoning, bool last)
{
    if (isToolCall()) {
        // Gemini sends a function call whole, once it is complete: the content tokens' chunks are left
        // out and geminiEnd() sends the call (right away, in the same write as the last token's chunk).
        if (!reasoning) {
            m_phase = Phase::Content;
            return;
        }
        last = false;
    }
    QByteArray data;
    data.reserve(text.size() + m_spec.model.size() + (last ? 360 : 160));
    appendGeminiResponse(data, { "{\"text\":\"", text, reasoning ? "\",\"thought\":true}" : "\"}" }, last);
    responses::appendSseEvent(out, {}, { data });
    m_phase = last ? Phase::Done : reasoning ? Phase::Reasoning : Phase::Content;
}

void AnswerWriter::geminiEnd(QByteArray &out)
{
    if (m_phase == Phase::Done)
        return; // the last token's chunk said it all
    QByteArray data;
    if (isToolCall())
        appendGeminiResponse(data,
            { "{\"functionCall\":{\"name\":\"", m_spec.toolName, "\",\"args\":", toolArgumentsValue(), "}}" }, true);
    else
        appendGeminiResponse(data, { "{\"text\":\"\"}" }, true); // no token at all (an empty answer)
    responses::appendSseEvent(out, {}, { data });
}

void AnswerWriter::geminiGarbage(QByteArray &out)
{
    responses::appendSseEvent(out, {}, { "{not json" });
    responses::appendSseEvent(out, {},
        { "{\"error\":{\"code\":500,\"message\":\"An internal error has occurred. Please retry or report in "
          "https://developers.generativeai.google/guide/troubleshooting\",\"status\":\"INTERNAL\"}}" });
}

QByteArray AnswerWriter::geminiBody() const
{
    QByteArray out;
    out.reserve(totalTokens() * 8 + 400);
    if (isToolCall()) {
        const QByteArray call
            = "{\"functionCall\":{\"name\":\"" + m_spec.toolName + "\",\"args\":" + toolArgumentsValue() + "}}";
        if (m_spec.reasoningTokens > 0)
            appendGeminiResponse(out, { "{\"text\":\"", fullText(true), "\",\"thought\":true},", call }, true);
        else
            appendGeminiResponse(out, { call }, true);
        return out;
    }
    const QByteArray content = fullText(false);
    if (m_spec.reasoningTokens > 0)
        appendGeminiResponse(
            out, { "{\"text\":\"", fullText(true), "\",\"thought\":true},{\"text\":\"", content, "\"}" }, true);
    else
        appendGeminiResponse(out, { "{\"text\":\"", content, "\"}" }, true);
    return out;
}

} // namespace stampede::gateway
