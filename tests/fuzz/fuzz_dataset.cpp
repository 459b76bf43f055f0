// libFuzzer target: a JSONL prompt dataset (issue 16) as a user or a script might write it.
// readDatasetLine() must never crash, throw or accept a line without a prompt; what it accepts holds a
// non-empty prompt or messages with a user one, in the roles it allows, and a max_tokens in range.
//
// Input: the bytes as one line, then, when they hold a '\n', as a whole file the way loadDataset()
// reads one (each line trimmed, blank lines skipped, at most kMaxDatasetPrompts prompts).

#include "scenario/promptsource.h"

#include <QByteArray>
#include <QList>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace stampede::scenario;

namespace {

[[noreturn]] void fail(const char *what, const QByteArray &detail = {})
{
    std::fprintf(stderr, "fuzz_dataset: %s\n%s\n", what, detail.constData());
    std::abort();
}

bool allowedRole(const QString &role)
{
    return role == u"user" || role == u"assistant" || role == u"system" || role == u"developer";
}

/// Reads one line and checks what it says; true when it was accepted.
bool readLine(const QByteArray &line)
{
    PromptItem item;
    const QString error = readDatasetLine(line, item);
    if (!error.isEmpty())
        return false;
    if (item.messages.isEmpty() == item.user.isEmpty())
        fail("an accepted line has both or neither of a prompt and messages", line);
    const bool anyUser
        = std::any_of(item.messages.cbegin(), item.messages.cend(), [](const auto &m) { return m.first == u"user"; });
    if (!item.messages.isEmpty() && !anyUser)
        fail("accepted messages without a user message", line);
    for (const auto &message : item.messages) {
        if (!allowedRole(message.first))
            fail("accepted a message role it does not allow", line);
    }
    if (item.maxTokens < 0 || item.maxTokens > 1000000)
        fail("max_tokens out of 0..1000000", line);
    if (item.targetTokens != 0)
        fail("a dataset line set the synthetic target length", line);
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    readLine(bytes);
    if (!bytes.contains('\n'))
        return 0;
    int prompts = 0;
    for (const QByteArray &line : bytes.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.isEmpty())
            continue;
        if (prompts == kMaxDatasetPrompts)
            break;
        prompts += readLine(trimmed) ? 1 : 0;
    }
    return 0;
}
