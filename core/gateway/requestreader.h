#pragma once
// Reads one generation request in its protocol (issue 16) into what the planner needs: the model,
// streaming, the output cap, the prompt's size and its system prompt. Validates the body the way
// the real API does, with its messages; no sockets, no clock, no randomness.
//
//   OpenAI Chat         POST chat/completions   model, messages[{role, content}], max_(completion_)tokens,
//                                               stream, stream_options; system: leading system/developer messages
//   OpenAI Responses    POST responses          model, input (string or messages), instructions (the system),
//                                               max_output_tokens, stream
//   Anthropic Messages  POST messages           model, max_tokens (required), system (string or text blocks),
//                                               messages, stream
//   Gemini              POST .../models/{model}:generateContent or :streamGenerateContent (the path names the
//                       model and whether to stream): contents[{role, parts[{text}]}], systemInstruction,
//                       generationConfig.maxOutputTokens (camelCase or snake_case)
// and, in every protocol, the function tools it declares and its tool choice (requesttools.h).

#include "apierror.h"
#include "gatewayconfig.h"

#include <QByteArray>
#include <QByteArrayView>

namespace stampede::gateway {

/// What the request line says besides the body.
struct RequestTarget {
    WireProtocol protocol = WireProtocol::OpenAiChat;
    QByteArray pathModel {}; ///< Gemini: the model the path names (percent-decoded)
    bool pathStream = false; ///< Gemini: :streamGenerateContent
};

/// One valid generation request.
struct RequestShape {
    int model = -1; ///< index into GatewayConfig::models
    bool stream = false;
    bool includeUsage = false; ///< chat streams: stream_options.include_usage was true (and send_usage is on)
    qint64 maxTokens = 0; ///< the output cap, 0 = none
    int promptTokens = 0; ///< estimated, the whole prompt (system prompt included), at least 1
    int systemTokens = 0; ///< estimated, the system prompt alone
    quint64 systemHash = 0; ///< PrefixCache::hashText of the system prompt (0 when the prefix cache is off)
    // A conversation (issue 16): its messages besides the system prompt; what came before the last
    // one (its tokens, system prompt included, and its key); and the key of all of it, which the
    // next turn's history will have. Keys hash the system prompt and the messages that are not the
    // model's own (a client sends the model's replies back; the simulator trusts them). The keys
    // are 0 when the prefix cache is off.
    int messages = 0;
    int historyTokens = 0; ///< 0 unless messages > 1
    quint64 historyKey = 0;
    quint64 conversationKey = 0;
    // Function calling: the function a tool-call answer calls, the one the tool choice names, else
    // the first one declared (as sent: names are validated, so they need no JSON escaping). Empty
    // when the request declares no function or its tool choice is none.
    QByteArray toolName {};
    bool toolRequired = false; ///< the choice forces a call: required (any, ANY) or a named function
};

/// Fills *out, or returns the error to answer (400, 404 unknown model) with the protocol's message.
ApiError readRequest(
    const RequestTarget &target, const QByteArray &body, const GatewayConfig &config, RequestShape *out);

/// Prompt tokens of the request's messages: one per CJK character, ~4 characters per token otherwise.
int estimatePromptTokens(QByteArrayView utf8);

/// The index of the model named `name` in config.models, -1 when none is.
int findModel(const GatewayConfig &config, QByteArrayView name);

} // namespace stampede::gateway
