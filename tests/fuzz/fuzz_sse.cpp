// libFuzzer target: an SSE stream as a hostile gateway might send it, split into reads at points
// the fuzzer chooses. The decoder must yield the same events (and the same end state) whether the
// stream arrives in one read, in the fuzzer's pieces or byte by byte, and what it holds between
// reads must stay within a small multiple of its configured per-event cap.
//
// Input (FuzzedDataProvider): the cap and the split points come from the end, the stream is the rest.

#include "protocol/ssedecoder.h"

#include <fuzzer/FuzzedDataProvider.h>
#include <sanitizer/allocator_interface.h>

#include <QByteArray>
#include <QList>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

using stampede::protocol::SseDecoder;
using stampede::protocol::SseEvent;

namespace {

struct Decoded {
    QList<SseEvent> events;
    bool overflowed = false;
    bool partial = false;
};

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_sse: %s\n", what);
    std::abort();
}

/// Feeds `stream` cut at `cuts` (sorted offsets); checks the heap the decoder holds after each read.
Decoded decode(const QByteArray &stream, const std::vector<qsizetype> &cuts, qsizetype cap)
{
    Decoded result;
    SseDecoder decoder;
    decoder.setMaxEventBytes(cap);
    const size_t heapBefore = __sanitizer_get_current_allocated_bytes();
    qsizetype from = 0;
    QList<SseEvent> batch;
    for (size_t i = 0; i <= cuts.size(); ++i) {
        const qsizetype to = i < cuts.size() ? cuts[i] : stream.size();
        decoder.feed(QByteArrayView(stream).sliced(from, to - from), batch);
        from = to;
        for (const SseEvent &event : batch) {
            if (event.data.size() > cap || event.event.size() > cap || event.id.size() > cap)
                fail("an event field is larger than the cap");
        }
        result.events.append(batch);
        batch.clear();
        batch.squeeze();
        // Held between reads: the unfinished line, data, event type and last id, each within the
        // cap, with QByteArray's growth slack. Measured before the events are kept.
        const size_t held = __sanitizer_get_current_allocated_bytes() - heapBefore;
        const size_t events = size_t(result.events.capacity()) * sizeof(SseEvent);
        size_t eventBytes = 0;
        for (const SseEvent &event : std::as_const(result.events))
            eventBytes += size_t(event.data.capacity() + event.event.capacity() + event.id.capacity()) + 3 * 64;
        if (held > events + eventBytes + 8 * size_t(cap) + 4096)
            fail("the decoder holds more than its cap allows between reads");
    }
    result.overflowed = decoder.overflowed();
    result.partial = decoder.hasPartialEvent();
    if (decoder.bytesSeen() > stream.size())
        fail("bytesSeen() counts more than was fed");
    return result;
}

/// Prints both decodes, so a reproducer's output says what differed.
void describe(const char *label, const Decoded &decoded)
{
    std::fprintf(stderr, "%s: %lld events, overflowed %d, partial %d\n", label, qlonglong(decoded.events.size()),
        decoded.overflowed, decoded.partial);
    for (const SseEvent &event : decoded.events)
        std::fprintf(stderr, "  event '%s' id '%s' data (%lld bytes) %s\n", event.event.toHex().constData(),
            event.id.toHex().constData(), qlonglong(event.data.size()), event.data.left(64).toHex().constData());
}

bool sameEvents(const Decoded &a, const Decoded &b)
{
    if (a.overflowed != b.overflowed || a.partial != b.partial || a.events.size() != b.events.size())
        return false;
    for (qsizetype i = 0; i < a.events.size(); ++i) {
        const SseEvent &x = a.events.at(i);
        const SseEvent &y = b.events.at(i);
        if (x.data != y.data || x.event != y.event || x.id != y.id)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider provider(data, size);
    // Small caps reach the overflow paths; the default cap is tried when the first byte says so.
    const qsizetype cap = provider.ConsumeBool() ? SseDecoder::kDefaultMaxEventBytes
                                                 : provider.ConsumeIntegralInRange<qsizetype>(1, 4096);
    std::vector<uint16_t> rawCuts(provider.ConsumeIntegralInRange<size_t>(0, 16));
    for (uint16_t &cut : rawCuts)
        cut = provider.ConsumeIntegral<uint16_t>();
    const std::vector<uint8_t> bytes = provider.ConsumeRemainingBytes<uint8_t>();
    const QByteArray stream(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size()));

    std::vector<qsizetype> cuts;
    for (uint16_t cut : rawCuts)
        cuts.push_back(std::min<qsizetype>(cut, stream.size()));
    std::sort(cuts.begin(), cuts.end());

    const Decoded whole = decode(stream, {}, cap);
    if (const Decoded split = decode(stream, cuts, cap); !sameEvents(whole, split)) {
        std::fprintf(stderr, "cap %lld, cuts:", qlonglong(cap));
        for (qsizetype cut : cuts)
            std::fprintf(stderr, " %lld", qlonglong(cut));
        std::fprintf(stderr, "\n");
        describe("whole", whole);
        describe("split", split);
        fail("the events depend on where the stream was split (fuzzer's cuts)");
    }
    if (stream.size() <= 512) { // byte by byte is quadratic in the heap check: keep it short
        std::vector<qsizetype> everyByte;
        for (qsizetype i = 1; i < stream.size(); ++i)
            everyByte.push_back(i);
        if (!sameEvents(whole, decode(stream, everyByte, cap)))
            fail("the events depend on where the stream was split (byte by byte)");
    }
    return 0;
}
