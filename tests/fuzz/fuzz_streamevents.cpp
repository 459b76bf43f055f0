// libFuzzer target: one SSE event of the Anthropic Messages, OpenAI Responses or Gemini stream, or
// a whole answer (issue 16), as a hostile gateway might send it. parseStreamEvent() and
// parseWholeResponse() must never crash or throw,
// never call garbage content, and never report a count that is not a non-negative integer. The tool
// calls the event carries go through the assembler and its judge (protocol/toolcalls.h): bounded,
// and never more invalid calls than calls.
//
// Input: the first byte picks the protocol, the second how long the event name is (and, bit 6,
// whole answer or stream event); the name, then the data, are the rest.

#include "protocol/streamevents.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace stampede::protocol;

namespace {

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_streamevents: %s\n", what);
    std::abort();
}

void checkCount(const std::optional<qint64> &count)
{
    if (count && *count < 0)
        fail("a negative count");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    constexpr WireProtocol protocols[] = { WireProtocol::AnthropicMessages, WireProtocol::OpenAiResponses,
        WireProtocol::Gemini, WireProtocol::OpenAiChat };
    const WireProtocol protocol = protocols[data[0] % 4];
    const size_t nameBytes = std::min<size_t>(data[1] % 32, size - 2);
    const QByteArrayView name(reinterpret_cast<const char *>(data + 2), qsizetype(nameBytes));
    const QByteArrayView body(reinterpret_cast<const char *>(data + 2 + nameBytes), qsizetype(size - 2 - nameBytes));
    // Bit 6 of the second byte: the same bytes as a whole (non-streamed) answer.
    const StreamEvent e
        = (data[1] & 0x40) ? parseWholeResponse(protocol, body) : parseStreamEvent(protocol, name, body);
    if (!e.valid && (e.hasContent || e.terminal || !e.errorMessage.isEmpty() || e.usage.any()))
        fail("an invalid event says something");
    if ((e.reasoning || e.toolCall) && !e.hasContent)
        fail("reasoning or a tool call without content");
    for (const auto *count : { &e.usage.promptTokens, &e.usage.completionTokens, &e.usage.cacheReadTokens,
             &e.usage.cacheCreationTokens, &e.usage.reasoningTokens })
        checkCount(*count);
    if (e.errorMessage.size() > 520)
        fail("an error message longer than its cut");
    (void)normalisedFinishReason(protocol, e.finishReason);
    if (!e.valid && !e.toolCalls.isEmpty())
        fail("an invalid event carries tool calls");
    ToolCallAssembler tools;
    tools.add(e.toolCalls);
    tools.add(e.toolCalls); // twice: fragments append, whole arguments replace
    const ToolCallAssembler::Verdict verdict = tools.judge({ QStringLiteral("get_weather") });
    if (verdict.invalid < 0 || verdict.invalid > verdict.calls || verdict.calls > 2 * e.toolCalls.size())
        fail("a tool-call verdict out of range");
    if (tools.calls().size() > ToolCallAssembler::kMaxCalls)
        fail("more tool calls kept than the bound");
    return 0;
}
