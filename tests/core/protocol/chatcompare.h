#pragma once
// Field-by-field comparison of what the fast chunk scanner and the DOM parser fill in, shared by
// tst_chat and the libFuzzer target tests/fuzz/fuzz_chunk.cpp. Each prints the first difference.

#include "protocol/chat.h"

#include <QtGlobal>

namespace stampede::test {

using protocol::ChunkInfo;
using protocol::CompletionInfo;

/// Field by field; prints the first difference.
inline bool sameChunk(const ChunkInfo &a, const ChunkInfo &b)
{
    const bool same = a.valid == b.valid && a.hasContent == b.hasContent && a.contentText == b.contentText
        && a.toolCalls == b.toolCalls && a.finishReason == b.finishReason && a.model == b.model
        && a.errorMessage == b.errorMessage && a.usage.has_value() == b.usage.has_value()
        && (!a.usage
            || (a.usage->promptTokens == b.usage->promptTokens
                && a.usage->completionTokens == b.usage->completionTokens));
    if (!same)
        qWarning(
            "fast: valid %d content %d '%s' finish '%s' model '%s' error '%s' usage %d | dom: valid %d content %d '%s' "
            "finish '%s' model '%s' error '%s' usage %d",
            a.valid, a.hasContent, qPrintable(a.contentText), qPrintable(a.finishReason), qPrintable(a.model),
            qPrintable(a.errorMessage), a.usage.has_value(), b.valid, b.hasContent, qPrintable(b.contentText),
            qPrintable(b.finishReason), qPrintable(b.model), qPrintable(b.errorMessage), b.usage.has_value());
    return same;
}

inline bool sameCompletion(const CompletionInfo &a, const CompletionInfo &b)
{
    const bool same = a.valid == b.valid && a.hasChoices == b.hasChoices && a.hasContent == b.hasContent
        && a.contentText == b.contentText && a.toolCalls == b.toolCalls && a.finishReason == b.finishReason
        && a.model == b.model && a.errorMessage == b.errorMessage && a.usage.has_value() == b.usage.has_value()
        && (!a.usage
            || (a.usage->promptTokens == b.usage->promptTokens
                && a.usage->completionTokens == b.usage->completionTokens));
    if (!same)
        qWarning("completion: scanned and DOM differ (valid %d/%d, choices %d/%d, content '%s'/'%s')", a.valid, b.valid,
            a.hasChoices, b.hasChoices, qPrintable(a.contentText), qPrintable(b.contentText));
    return same;
}

} // namespace stampede::test
