#pragma once
// Scenario and URL forms that are safe to write anywhere: exports, run folders, logs.

#include "scenario/scenario.h"

#include <QByteArray>
#include <QUrl>

namespace stampede::report {

/// True for header names that carry credentials (authorization, api-key, x-api-key, *token*, *secret*, cookie).
bool isSensitiveHeader(const QString &name);
/// The scenario with credential-like header values replaced by "[redacted]" and the base URL
/// passed through displayUrl().
scenario::Scenario sanitizedScenario(const scenario::Scenario &scenario);
/// JSON of sanitizedScenario(): what every export embeds.
QByteArray sanitizedScenarioJson(const scenario::Scenario &scenario);
/// A URL without user info (user:password@) and with credential-like query values (key, api_key,
/// token, sig, ...) replaced by "redacted", for display and exports.
QString displayUrl(const QUrl &url);

} // namespace stampede::report
