#pragma once
// The "did you mean" suggestion for a mistyped name: shared by the scenario parser, validate() and
// the threshold grammar.

#include <QString>
#include <QStringList>

#include <optional>

namespace stampede::model {

/// Optimal-string-alignment distance (an adjacent swap costs 1), case-insensitive.
int editDistance(QStringView a, QStringView b);
/// The candidate closest to `word` when it is close enough to be a likely typo, else nullopt.
std::optional<QString> closestMatch(const QString &word, const QStringList &candidates);
/// "; did you mean "x"?" or an empty string; `candidates` are the accepted spellings.
QString suggestionSuffix(const QString &word, const QStringList &candidates);

} // namespace stampede::model
