#pragma once
// Helpers for HTTP header values and anything derived from them that may reach a log or a report.

#include <QString>

namespace stampede::protocol {

/// Hides credentials in text meant for error messages and logs: every occurrence of `secret`
/// (when it has at least 4 characters; shorter ones would blank out ordinary words), the token of
/// "Bearer <token>" (kept as "Bearer [redacted]") and OpenAI-style keys "sk-<16+ chars>" become
/// "[redacted]". Safe to call from any thread.
QString redactSecrets(QString text, const QString& secret);

} // namespace stampede::protocol
