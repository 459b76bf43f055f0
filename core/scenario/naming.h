#pragma once
// Internal to the scenario room: rules about names (keys, headers, environment variables) and the
// "did you mean" suggestion shared by the parser, validate() and the threshold syntax check.

#include <QString>
#include <QStringList>

#include <optional>

namespace stampede::scenario::detail {

/// Optimal-string-alignment distance (an adjacent swap costs 1), case-insensitive.
int editDistance(QStringView a, QStringView b);
/// The candidate closest to `word` when it is close enough to be a likely typo, else nullopt.
std::optional<QString> closestMatch(const QString& word, const QStringList& candidates);
/// " did you mean "x"?" or an empty string; `candidates` are the accepted spellings.
QString suggestionSuffix(const QString& word, const QStringList& candidates);

/// POSIX-style environment variable name: [A-Za-z_][A-Za-z0-9_]*.
bool isEnvVarName(const QString& name);
/// RFC 9110 token (header field name).
bool isHeaderToken(const QString& name);
/// A member name that would hold a secret key ("api_key", "apiKey", "api-key", ...).
bool isApiKeyName(const QString& name);
/// A header that carries credentials; such headers are never stored in scenario files.
bool isSecretHeaderName(const QString& name);
/// Headers the HTTP client owns: message framing and hop-by-hop connection handling
/// (Content-Length, Transfer-Encoding, Connection, Keep-Alive, TE, Trailer, Upgrade, Expect, ...).
bool isFramingHeaderName(const QString& name);

} // namespace stampede::scenario::detail
