// libFuzzer target: a generation request's body as any client might send it to the simulated gateway
// (issue 16), in each of the four protocols it serves. readRequest() must never crash or throw; it
// answers 400 or 404 with a message, or a shape the planner can use: a known model, a prompt of at
// least one token of which the system prompt is a part, an output cap that is none or positive, and a
// function to call only under a name the APIs allow.
//
// Input: the first byte picks the request line and the gateway's config, the body is the rest:
//   bits 0-1  protocol: OpenAI Chat, OpenAI Responses, Anthropic Messages, Gemini (path /models/{m}:...)
//   bit  2    Gemini: :streamGenerateContent rather than :generateContent
//   bits 3-4  Gemini: the path's model: none, a known one, a known non-ASCII one, an unknown one
//   bits 5-7  config: prefix cache on, reject stream_options, send_usage off

#include "gateway/requestreader.h"

#include <QByteArray>

#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace stampede::gateway;

namespace {

[[noreturn]] void fail(const char *what, const QByteArray &detail = {})
{
    std::fprintf(stderr, "fuzz_gatewayrequest: %s\n%s\n", what, detail.constData());
    std::abort();
}

/// defaultConfig()'s four models, the tests' fast one and one whose name is not ASCII.
GatewayConfig makeConfig(unsigned flags)
{
    GatewayConfig config = defaultConfig();
    config.models.append({ QStringLiteral("sim-fast"), 10.0, 1000.0, 12, 0.0 });
    config.models.append({ QStringLiteral("modèle-日本"), 5.0, 2000.0, 4, 0.0 });
    config.prefixCache = { (flags & 1) != 0, 4, 0.5 };
    config.rejectStreamOptions = (flags & 2) != 0;
    config.sendUsage = (flags & 4) == 0;
    return config;
}

const std::array<GatewayConfig, 8> &configs()
{
    static const std::array<GatewayConfig, 8> all = { makeConfig(0), makeConfig(1), makeConfig(2), makeConfig(3),
        makeConfig(4), makeConfig(5), makeConfig(6), makeConfig(7) };
    return all;
}

void checkError(const ApiError &error, const QByteArray &body)
{
    if (error.status != 400 && error.status != 404)
        fail("an error that is neither 400 nor 404", body);
    if (error.message.isEmpty() || error.message.size() > 1024)
        fail("an error message empty or longer than its cut", body);
    if (!error.type)
        fail("an error without a type", body);
}

void checkShape(
    const RequestTarget &target, const GatewayConfig &config, const RequestShape &shape, const QByteArray &body)
{
    if (shape.model < 0 || shape.model >= config.models.size())
        fail("a model index out of the config", body);
    if (shape.promptTokens < 1 || shape.systemTokens < 0 || shape.systemTokens > shape.promptTokens)
        fail("prompt tokens below 1, or a system prompt larger than the prompt", body);
    if (shape.maxTokens < 0)
        fail("a negative output cap", body);
    if (shape.systemHash != 0 && !config.prefixCache.enabled)
        fail("a system prompt hashed with the prefix cache off", body);
    if (shape.includeUsage && (target.protocol != WireProtocol::OpenAiChat || !shape.stream || !config.sendUsage))
        fail("include_usage on what is not a chat stream sending usage", body);
    if (target.protocol == WireProtocol::Gemini && shape.stream != target.pathStream)
        fail("a Gemini request streaming other than its path says", body);
    // Tools: the function an answer calls has a name the APIs allow ([A-Za-z0-9_-], Gemini also . and :),
    // so it needs no escaping; only a declared function can be forced.
    if (shape.toolName.size() > 128)
        fail("a tool name longer than any API allows", body);
    for (const char c : shape.toolName) {
        if (!std::isalnum(uchar(c)) && c != '_' && c != '-' && c != '.' && c != ':')
            fail("a tool name with a character no API allows", body);
    }
    if (shape.toolRequired && shape.toolName.isEmpty())
        fail("a forced tool call without a function", body);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const unsigned selector = data[0];
    static const QByteArray pathModels[]
        = { QByteArray(), QByteArray("gemini-2.5-flash"), QByteArray("modèle-日本"), QByteArray("models/none") };
    RequestTarget target;
    target.protocol = stampede::model::kAllWireProtocols[selector & 3];
    if (target.protocol == WireProtocol::Gemini) {
        target.pathStream = (selector & 4) != 0;
        target.pathModel = pathModels[(selector >> 3) & 3];
    }
    const GatewayConfig &config = configs()[(selector >> 5) & 7];
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    RequestShape shape;
    if (const ApiError error = readRequest(target, body, config, &shape))
        checkError(error, body);
    else
        checkShape(target, config, shape, body);
    return 0;
}
