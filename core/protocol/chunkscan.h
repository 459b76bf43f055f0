#pragma once
// The fast path of parseStreamChunk() and parseCompletion(): one pass over the bytes of an OpenAI
// chat.completion.chunk (or chat.completion),
// validating the whole JSON text but building no document — it decodes only the strings the
// metrics need (model, content/reasoning text, finish_reason) and reads the usage counts.
// A streamed request parses ~21 chunks; through nlohmann's DOM that was ~6 µs each, 87 % of the
// engine's per-stream CPU (tests/bench/bench_stages.cpp).
//
// It never guesses: whatever it does not handle exactly like the DOM path (not an object, a
// syntax error, an "error" member, content given as an array of parts, a usage count that is not
// a plain non-negative integer, nesting deeper than 64) makes it return false, and the caller
// parses the chunk with nlohmann as before. tst_chat checks the two paths agree.

#include "protocol/chat.h"

#include <QByteArrayView>

namespace stampede::protocol::detail {

/// True when `info` was filled exactly as the DOM parser would fill it.
bool scanStreamChunk(QByteArrayView data, ChunkInfo &info);
/// The same for a whole (non-streamed) completion: `message` instead of `delta`, and hasChoices.
bool scanCompletion(QByteArrayView data, CompletionInfo &info);

/// The DOM parsers (nlohmann) on their own, for the tests that compare the two.
ChunkInfo parseStreamChunkDom(QByteArrayView data);
CompletionInfo parseCompletionDom(QByteArrayView data);

} // namespace stampede::protocol::detail
