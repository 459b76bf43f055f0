#pragma once
// Helpers for HTTP header values and anything derived from them that may reach a log or a report.

#include <QString>

namespace stampede::protocol {

/// Hides credentials in text meant for error messages and logs: every occurrence of `secret`
/// (when it has at least 4 characters; shorter ones would blank out ordinary words), the token of
/// "Bearer <token>" (kept as "Bearer [redacted]") and OpenAI-style keys "sk-<16+ chars>" become
/// "[redacted]". The secret is also found percent-encoded, JSON-escaped ("\/") and in base64 or
/// base64url, the forms a server echoing a request back is likely to use. Safe to call from any
/// thread.
QString redactSecrets(QString text, const QString &secret);

/// Text a server chose (an error message, a model name, a Location) made fit to keep in an outcome,
/// a notice, a log or an export: redacted as redactSecrets() does, THEN cut to `maxChars`
/// characters (cutting first could keep the front half of a key that straddles the cut).
QString keptServerText(const QString &text, const QString &secret, qsizetype maxChars = 500);

} // namespace stampede::protocol
