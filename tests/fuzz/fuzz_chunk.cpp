// libFuzzer target: one SSE data field (a chat.completion.chunk) or one whole chat.completion body,
// as a hostile gateway might send it. Differential: where the fast one-pass scanner accepts, what
// it fills in must equal the nlohmann DOM reference; the public parsers (scanner with DOM fallback)
// must always equal the DOM reference. Nothing may throw or crash.

#include "../core/protocol/chatcompare.h"
#include "protocol/chat.h"
#include "protocol/chunkscan.h"

#include <QByteArrayView>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace stampede::protocol;
using stampede::test::sameChunk;
using stampede::test::sameCompletion;

namespace {

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_chunk: %s\n", what);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    const ChunkInfo chunkDom = detail::parseStreamChunkDom(bytes);
    ChunkInfo chunkFast;
    if (detail::scanStreamChunk(bytes, chunkFast) && !sameChunk(chunkFast, chunkDom))
        fail("scanStreamChunk accepted and differs from the DOM parser");
    if (!sameChunk(parseStreamChunk(bytes), chunkDom))
        fail("parseStreamChunk differs from the DOM parser");

    const CompletionInfo completionDom = detail::parseCompletionDom(bytes);
    CompletionInfo completionFast;
    if (detail::scanCompletion(bytes, completionFast) && !sameCompletion(completionFast, completionDom))
        fail("scanCompletion accepted and differs from the DOM parser");
    if (!sameCompletion(parseCompletion(bytes), completionDom))
        fail("parseCompletion differs from the DOM parser");

    (void)errorMessageFromBody(bytes);
    (void)parseModelList(bytes);
    return 0;
}
