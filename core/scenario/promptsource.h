#pragma once
// The prompts a run sends (issue 16, "Prompt sources"): the scenario's pool of user prompts, a
// JSONL dataset referenced by path and hash, or synthetic prompts of a target token length built
// from a seeded word list. loadPromptSources() turns any of them into one list of PromptItem before
// the run, so the engine sees one shape whatever the source.

#include "scenario/scenario.h"

#include <QList>
#include <QString>

#include <random>

namespace stampede::scenario {

struct PromptItem {
    QString user; ///< a single user message (the pool, synthetic, a dataset's "prompt")
    /// A dataset line's "messages" ({role, content}, in order); when set, it replaces `user`.
    QList<QPair<QString, QString>> messages;
    int maxTokens = 0; ///< > 0: this prompt's max_tokens (a dataset's, a synthetic output length)
    int targetTokens = 0; ///< synthetic: the length it was built to
};

/// The most lines a dataset may hold, and the longest line (a prompt) it may have.
inline constexpr int kMaxDatasetPrompts = 100000;
inline constexpr qsizetype kMaxDatasetLineBytes = 4 * 1024 * 1024;
inline constexpr int kMaxSyntheticPrompts = 100000;
inline constexpr int kMaxSyntheticTokens = 200000;

/// Reads one JSONL dataset line (already trimmed) into `item`: {"prompt": "..."} or {"messages": [{role,
/// content}, ...]} with at least one user message, and an optional "max_tokens" (1 to 1000000).
/// Returns an error in words (without the line number), empty on success; on error `item` may be
/// partly filled and should be discarded.
QString readDatasetLine(const QByteArray &line, PromptItem &item);

/// Fills scenario.prompts.loaded from its source: reads and checks the dataset (its sha256 when
/// the scenario gives one), or builds the synthetic prompts. The pool needs nothing (loaded stays
/// null). Returns an error in words, naming the line of a dataset that is wrong; empty on success.
/// `*datasetSha256` (optional) receives the dataset's actual hash.
QString loadPromptSources(Scenario &scenario, QString *datasetSha256 = nullptr);

/// The file's SHA-256, hex; empty with `*error` set when it cannot be read.
QString fileSha256(const QString &path, QString *error);

/// One draw of `distribution` (at least 1).
int drawTokens(const TokenDistribution &distribution, std::mt19937_64 &rng);

/// A text of about `tokens` tokens (by protocol::estimateTokens()'s rule: ~4 characters a token)
/// made of words from a fixed list, drawn from `rng`.
QString syntheticText(int tokens, std::mt19937_64 &rng);

} // namespace stampede::scenario
