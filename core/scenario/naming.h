#pragma once
// Internal to the scenario room: rules about names (keys, headers, environment variables). The
// "did you mean" suggestion is model/suggestion.h.

#include <QString>

namespace stampede::scenario::detail {

/// POSIX-style environment variable name: [A-Za-z_][A-Za-z0-9_]*.
bool isEnvVarName(const QString &name);
/// RFC 9110 token (header field name).
bool isHeaderToken(const QString &name);
/// A member name that would hold a secret key ("api_key", "apiKey", "api-key", ...).
bool isApiKeyName(const QString &name);
/// A header that carries credentials; such headers are never stored in scenario files.
bool isSecretHeaderName(const QString &name);
/// Headers the HTTP client owns: message framing and hop-by-hop connection handling
/// (Content-Length, Transfer-Encoding, Connection, Keep-Alive, TE, Trailer, Upgrade, Expect, ...).
bool isFramingHeaderName(const QString &name);

} // namespace stampede::scenario::detail
