// RequestRunner: turning what came back into an error class, tokens and check results.
#include "engine/requestrunner.h"

#include "protocol/headers.h"

namespace stampede::engine {

using metrics::ErrorClass;

namespace {
/// What a complete stream of `protocol` ends with, for the message of one that stopped short.
QString streamEndWords(model::WireProtocol protocol)
{
    switch (protocol) {
    case model::WireProtocol::OpenAiChat:
        break;
    case model::WireProtocol::OpenAiResponses:
        return QStringLiteral("response.completed (or response.incomplete)");
    case model::WireProtocol::AnthropicMessages:
        return QStringLiteral("message_stop or a stop_reason");
    case model::WireProtocol::Gemini:
        return QStringLiteral("a finishReason");
    }
    return QStringLiteral("[DONE] or a finish_reason");
}
} // namespace

void RequestRunner::classify(metrics::RequestOutcome &out, const TransportResult &result)
{
    const bool error = result.error != TransportError::None;
    if (m_abortReason == AbortReason::TooLarge) {
        out.errorClass = ErrorClass::Malformed;
        out.errorMessage
            = (m_stream ? QStringLiteral("stream larger than ") : QStringLiteral("response body larger than "))
            + scenario::formatByteSize(m_ctx.scenario.target.limits.maxResponseBytes)
            + QStringLiteral(" (target.limits.max_response_bytes); stopped reading");
        return;
    }
    if (m_abortReason == AbortReason::EventTooLarge) {
        out.errorClass = ErrorClass::Malformed;
        out.errorMessage = QStringLiteral("an SSE line or event longer than ")
            + scenario::formatByteSize(m_decoder.maxEventBytes())
            + QStringLiteral(" (target.limits.max_event_bytes); stopped reading");
        return;
    }
    if (m_abortReason == AbortReason::Timeout || m_abortReason == AbortReason::ConnectTimeout
        || m_abortReason == AbortReason::Cancelled || (error && m_status == 0)
        || result.error == TransportError::Proxy) { // a proxy's own 407 is not the server's answer
        classifyTransport(out, result);
        return;
    }
    if (m_status < 200 || m_status >= 300) {
        out.errorClass = ErrorClass::Http;
        out.errorMessage = protocol::errorMessageFromBody(m_body, m_endpoint.apiKey());
        if (m_status >= 300 && m_status < 400)
            out.errorMessage = redirectRefusal(result.location);
        if (out.errorMessage.isEmpty())
            out.errorMessage = QStringLiteral("HTTP %1 with an empty body").arg(m_status);
        return;
    }
    if (error) {
        // A 2xx whose transfer broke off: for a stream that is a cut stream; one the client could
        // not decode (a Content-Encoding that is not what it says) is malformed.
        out.errorClass = result.error == TransportError::Protocol ? ErrorClass::Malformed
            : m_stream                                            ? ErrorClass::StreamCut
                                                                  : ErrorClass::ConnectionReset;
        out.errorMessage = protocol::redactSecrets(result.message, m_endpoint.apiKey());
        if (m_stream && out.firstTokenNs >= 0)
            out.lastTokenNs = std::max(out.lastTokenNs, out.firstTokenNs);
        return;
    }
    classifySuccessBody(out);
}

void RequestRunner::classifyTransport(metrics::RequestOutcome &out, const TransportResult &result)
{
    const auto &target = m_ctx.scenario.target;
    switch (m_abortReason) {
    case AbortReason::Timeout:
        out.errorClass = ErrorClass::Timeout;
        out.errorMessage = QStringLiteral("no complete response within %1 ms (target.timeout)").arg(target.timeoutMs);
        return;
    case AbortReason::ConnectTimeout:
        out.errorClass = ErrorClass::ConnectTimeout;
        out.errorMessage
            = QStringLiteral("not connected within %1 ms (target.connect_timeout)").arg(target.connectTimeoutMs);
        return;
    case AbortReason::Cancelled:
        out.errorClass = ErrorClass::Cancelled;
        out.errorMessage = QStringLiteral("still in flight when the run stopped");
        return;
    default:
        break;
    }
    switch (result.error) {
    case TransportError::ConnectionRefused:
        out.errorClass = ErrorClass::ConnectionRefused;
        break;
    case TransportError::RemoteClosed:
        out.errorClass = (m_stream && out.bytesReceived > 0) ? ErrorClass::StreamCut : ErrorClass::ConnectionReset;
        break;
    case TransportError::Timeout:
        out.errorClass = ErrorClass::Timeout;
        break;
    case TransportError::Tls:
        out.errorClass = ErrorClass::Tls;
        break;
    case TransportError::Proxy:
        out.errorClass = ErrorClass::Proxy;
        out.errorMessage = QStringLiteral("proxy ") + target.proxy + QStringLiteral(": ")
            + protocol::redactSecrets(result.message, m_endpoint.apiKey());
        return;
    case TransportError::Protocol:
        out.errorClass = ErrorClass::Malformed;
        break;
    default:
        out.errorClass = ErrorClass::Network;
        break;
    }
    out.errorMessage = protocol::redactSecrets(result.message, m_endpoint.apiKey());
}

void RequestRunner::classifySuccessBody(metrics::RequestOutcome &out)
{
    const bool sawEvents = m_sawDone || m_sawChoices || m_sawUsage || m_sawEnd;
    // A server that ignores "stream": true answers with one JSON body: measure it as such.
    const bool stream = m_stream && !(!sawEvents && m_body.trimmed().startsWith('{'));
    const QString protocolTitle = model::wireProtocolTitle(m_protocol);
    if (stream) {
        if (!m_streamError.isEmpty()) {
            out.errorClass = ErrorClass::Malformed;
            out.errorMessage = QStringLiteral("error event in stream: ")
                + protocol::redactSecrets(m_streamError, m_endpoint.apiKey());
        } else if (!sawEvents || (m_sawMalformedChunk && !m_sawChoices)) {
            out.errorClass = ErrorClass::Malformed;
            out.errorMessage = QStringLiteral("stream is not %1 server-sent events: ").arg(protocolTitle)
                + protocol::errorMessageFromBody(m_body, m_endpoint.apiKey());
        } else if (m_sawMalformedChunk) {
            // One rule for both forms: JSON is UTF-8 (RFC 8259), and an answer that is not valid
            // JSON, or not valid UTF-8, is malformed whether it came whole or in chunks.
            out.errorClass = ErrorClass::Malformed;
            out.errorMessage = QStringLiteral("a stream chunk is not JSON (or not UTF-8): ")
                + protocol::errorMessageFromBody(m_malformedChunk, m_endpoint.apiKey());
        } else if (!m_sawDone && !m_sawEnd && out.finishReason == metrics::FinishReason::None) {
            out.errorClass = ErrorClass::StreamCut;
            out.errorMessage = QStringLiteral("stream ended before %1").arg(streamEndWords(m_protocol));
        }
    } else {
        const protocol::StreamEvent answer = protocol::parseWholeResponse(m_protocol, m_body);
        m_sawChoices = answer.answer;
        m_sawContent = answer.hasContent;
        if (!answer.valid || !answer.answer) {
            out.errorClass = ErrorClass::Malformed;
            if (!answer.valid)
                out.errorMessage = QStringLiteral("response is not JSON (or not UTF-8): ")
                    + protocol::errorMessageFromBody(m_body, m_endpoint.apiKey());
            else if (!answer.errorMessage.isEmpty()) // a 200 carrying an error: the server's own words
                out.errorMessage = QStringLiteral("HTTP %1 with an error body: %2")
                                       .arg(m_status)
                                       .arg(protocol::keptServerText(answer.errorMessage, m_endpoint.apiKey()));
            else if (m_protocol == model::WireProtocol::OpenAiChat)
                out.errorMessage = QStringLiteral("response has no choices");
            else
                out.errorMessage = QStringLiteral("response is not a %1 answer").arg(protocolTitle);
        }
        out.finishReason = metrics::finishReasonFromString(answer.finishReason);
        out.modelReturned = answer.model;
        m_toolCalls.add(answer.toolCalls);
        if (answer.hasContent) {
            out.firstTokenNs = out.lastTokenNs = out.endNs; // a whole response: its content arrives at the end
            m_contentTally.reset();
            m_contentTally.add(answer.text);
            keepReply(answer.replyText);
        }
        if (answer.usage.any()) {
            m_sawUsage = true;
            answer.usage.mergeInto(m_usage);
            takeUsage(out);
        }
    }
    // integrity (issue 14): the text's own count beside the usage the server reported (usage_mismatch)
    if (m_sawUsage && out.errorClass == ErrorClass::None)
        out.completionTextTokens = m_contentTally.estimate();
    if (out.errorClass == ErrorClass::None && !m_toolCalls.empty()) {
        // tool calls (scenario "tools"): assembled from their pieces, judged against the declared names
        const protocol::ToolCallAssembler::Verdict verdict = m_toolCalls.judge(m_ctx.toolNames);
        out.toolCalls = verdict.calls;
        out.toolCallsInvalid = verdict.invalid;
    }
    m_toolCalls.reset();
    if (!m_sawUsage && out.errorClass == ErrorClass::None) {
        out.tokensEstimated = true;
        out.completionTokens = m_contentTally.estimate();
        out.promptTokens = m_ctx.promptTokenEstimate(m_job);
    }
    m_contentTally.reset();
}

void RequestRunner::evaluateChecks(metrics::RequestOutcome &out) const
{
    out.checksEvaluated = out.checksPassed = 0;
    for (qsizetype i = 0; i < m_ctx.checks.size() && i < 32; ++i) {
        const CheckSpec &check = m_ctx.checks[i];
        bool pass = false;
        switch (check.kind) {
        case CheckSpec::Kind::Status200:
            pass = out.httpStatus == 200;
            break;
        case CheckSpec::Kind::HasChoices:
            pass = m_sawChoices;
            break;
        case CheckSpec::Kind::HasUsage:
            pass = m_sawUsage;
            break;
        case CheckSpec::Kind::HasContent:
            pass = m_sawContent;
            break;
        case CheckSpec::Kind::Under:
            pass = out.sentNs >= 0 && out.endNs >= 0 && out.endNs - out.sentNs < check.underNs;
            break;
        }
        out.checksEvaluated |= 1u << i;
        if (pass)
            out.checksPassed |= 1u << i;
    }
}

} // namespace stampede::engine
