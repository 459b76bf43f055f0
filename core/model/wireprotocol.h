#pragma once
// The wire protocols a gateway may speak (issue 16), by the names scenarios use. Shared
// vocabulary: the scenario names a model's protocol, the protocol room builds and reads it, the
// simulated gateway serves it.

#include <QString>
#include <QStringView>

#include <optional>

namespace stampede::model {

enum class WireProtocol { OpenAiChat, OpenAiResponses, AnthropicMessages, Gemini };

inline constexpr WireProtocol kAllWireProtocols[] = { WireProtocol::OpenAiChat, WireProtocol::OpenAiResponses,
    WireProtocol::AnthropicMessages, WireProtocol::Gemini };

/// "openai-chat", "openai-responses", "anthropic-messages", "gemini" (the scenario's names).
QString wireProtocolName(WireProtocol protocol);
std::optional<WireProtocol> wireProtocolFromName(QStringView name);
/// "OpenAI Chat Completions", "OpenAI Responses", "Anthropic Messages", "Gemini" (for people).
QString wireProtocolTitle(WireProtocol protocol);

} // namespace stampede::model
