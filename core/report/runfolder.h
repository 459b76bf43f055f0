#pragma once
// Run folders on disk: where they go, their file names, and reading one back
// (docs/metrics.md, "Run folders"). Writing: runfolderwriter.h / runrecorder.h.

#include "report/runrecord.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace stampede::report {

namespace runfolder {
inline constexpr char scenarioFile[] = "scenario.json";
inline constexpr char runFile[] = "run.json";
inline constexpr char requestsFile[] = "requests.jsonl";
inline constexpr char secondsFile[] = "seconds.jsonl";
inline constexpr char summaryFile[] = "summary.json";
inline constexpr char tagsFile[] = "tags.json"; ///< the user's tags (a JSON array of strings), written any time
} // namespace runfolder

/// The tags of the run in `dir` (tags.json), trimmed, empty ones and duplicates dropped; none when
/// the file is missing or unreadable.
QStringList readRunTags(const QString &dir);
/// Writes tags.json atomically (an empty list removes it). An empty string on success, else the error.
QString writeRunTags(const QString &dir, const QStringList &tags);
/// "gateway A, after change" -> {"gateway A", "after change"} (trimmed, no empties or duplicates).
QStringList parseTagList(const QString &text);

/// QStandardPaths::AppDataLocation + "/runs" (~/.local/share/Stampede/stampede/runs on Linux).
QString defaultRunsDir();
/// "<base>/<UTC yyyyMMdd-HHmmss>-<scenario slug>", with "-2", "-3", ... when that exists already.
QString newRunFolderPath(const QString &baseDir, const QDateTime &startedAt, const QString &scenarioName);
/// "Quick demo — 20 req/s" -> "quick-demo-20-req-s"; "run" when nothing is left.
QString slugify(const QString &name);
/// True when `dir` holds a run (run.json or requests.jsonl).
bool isRunFolder(const QString &dir);
/// The run folders directly under `baseDir`, newest first (by their name's UTC start time, which
/// newRunFolderPath() puts first; then by modification time), at most `limit` of them. Absolute
/// paths; empty when `baseDir` does not exist.
QStringList listRunFolders(const QString &baseDir, int limit);

/// Reads a run folder. With summary.json, its summary; without (the run was killed), the summary
/// is rebuilt by replaying requests.jsonl (and the gauges of seconds.jsonl) into an Aggregator up
/// to the last request that reached the disk; a damaged last line is skipped. nullopt and `error`
/// when `dir` is not a run folder.
std::optional<RunRecord> loadRunFolder(const QString &dir, QString *error);

/// For File > Export while the run goes on: the folder as it is now (rebuilt from the journal, up
/// to the last flush), marked in progress rather than interrupted. A pure function of the files:
/// call it off the GUI thread.
std::optional<RunRecord> loadRunInProgress(const QString &dir, QString *error);

/// The seconds of a seconds.jsonl file, in file order; damaged lines skipped, none when unreadable.
QList<metrics::SecondPoint> readSecondsFile(const QString &path);

/// The rebuild behind loadRunFolder(), for a record whose meta (and scenario) are filled in.
void rebuildFromJournal(RunRecord &record, const QString &dir);

} // namespace stampede::report
