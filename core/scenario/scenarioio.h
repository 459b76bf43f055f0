#pragma once
// JSON <-> Scenario. Unknown keys are errors; every error names its JSON path and the fix.

#include "scenario/scenario.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace stampede::scenario {

/// One problem in a scenario: `path` is a JSON path like "load.stages[2].duration",
/// `message` says what is wrong and how to fix it.
struct ValidationError {
    QString path;
    QString message;
    QString toString() const { return path.isEmpty() ? message : path + QStringLiteral(": ") + message; }
};

struct LoadResult {
    Scenario scenario; ///< defaults filled in for everything left out
    QList<ValidationError> errors; ///< parse + validation errors; empty means usable
    bool ok() const { return errors.isEmpty(); }
};

/// Parses JSON text, fills defaults, then runs validate(). Never throws.
LoadResult parseScenario(const QByteArray &json);
/// Reads a file; a missing or unreadable file is one error with an empty path.
LoadResult loadScenarioFile(const QString &path);
/// Serialises to the same JSON shape parseScenario reads (indented, stable key order).
/// Never contains an API key: the file only names the environment variable.
QByteArray toJson(const Scenario &scenario);
/// Writes atomically (QSaveFile). Returns an empty string on success, else the error.
QString saveScenarioFile(const Scenario &scenario, const QString &path);

/// Semantic checks on an in-memory scenario (ranges, at least one enabled model, thresholds parse, ...).
QList<ValidationError> validate(const Scenario &scenario);

/// One machine's bounds (docs/reliability.md): a VU holds a connection and its buffers (~26 KB
/// measured at 5,000 streams), and the measured dispatch ceiling is ~32,000 requests/s on two
/// cores; past these a run would only measure the machine running out. validate() and Run ▸ Adjust
/// load hold targets to them.
inline constexpr int kMaxVus = 100000;
inline constexpr double kMaxRatePerSecond = 1000000;

/// The built-in default scenario (resources/scenarios/default.json: the seed's mix, prompts, stages,
/// thresholds and prices), with base_url "builtin".
Scenario defaultScenario();

} // namespace stampede::scenario
