#include "wireprotocol.h"

namespace stampede::model {

QString wireProtocolName(WireProtocol protocol)
{
    switch (protocol) {
    case WireProtocol::OpenAiChat:
        return QStringLiteral("openai-chat");
    case WireProtocol::OpenAiResponses:
        return QStringLiteral("openai-responses");
    case WireProtocol::AnthropicMessages:
        return QStringLiteral("anthropic-messages");
    case WireProtocol::Gemini:
        return QStringLiteral("gemini");
    }
    return {};
}

std::optional<WireProtocol> wireProtocolFromName(QStringView name)
{
    for (const WireProtocol p : kAllWireProtocols)
        if (name == wireProtocolName(p))
            return p;
    return std::nullopt;
}

QString wireProtocolTitle(WireProtocol protocol)
{
    switch (protocol) {
    case WireProtocol::OpenAiChat:
        return QStringLiteral("OpenAI Chat Completions");
    case WireProtocol::OpenAiResponses:
        return QStringLiteral("OpenAI Responses");
    case WireProtocol::AnthropicMessages:
        return QStringLiteral("Anthropic Messages");
    case WireProtocol::Gemini:
        return QStringLiteral("Gemini");
    }
    return {};
}

} // namespace stampede::model
