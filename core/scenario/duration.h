#pragma once
// k6-style durations: "500ms", "30s", "2m", "1h30m", "1m30.5s". Bare numbers are rejected.

#include <QString>
#include <optional>

namespace stampede::scenario {

/// Parses a duration to milliseconds; nullopt when the text is not a duration.
std::optional<qint64> parseDuration(const QString &text);
/// Shortest readable form: 90000 -> "1m30s", 500 -> "500ms", 0 -> "0s".
QString formatDuration(qint64 ms);

} // namespace stampede::scenario
