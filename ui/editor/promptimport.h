#pragma once
// Reading user prompts from a file: plain text (one prompt per line) or JSONL, one JSON object per
// line: {"prompt": "..."} or {"messages": [...]} (the last user message's content). Pure functions.

#include <QByteArray>
#include <QStringList>

namespace stampede::ui::editor {

struct PromptImport {
    QStringList prompts;
    QStringList problems; ///< "line 3: ...", one per skipped line
};

/// Plain text: every non-blank line is a prompt (surrounding spaces trimmed).
PromptImport importTextPrompts(const QByteArray &data);
/// JSONL: blank lines are skipped; a line that is not usable is reported with its number.
PromptImport importJsonlPrompts(const QByteArray &data);
/// Picks the format by the file name (.jsonl / .ndjson: JSONL) and reads the file.
PromptImport importPromptFile(const QString &path);

} // namespace stampede::ui::editor
