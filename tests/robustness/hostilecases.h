#pragma once
// The hostile-server cases of tests/robustness: what each one expects, and running one end to end
// (the real `stampede run` against a HostileServer, then `stampede report` on its folder).

#include "childprocess.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace stampede::test {

/// One row: the misbehaviour (the model name that selects it) and what a correct client does with it.
struct HostileCase {
    QString name; ///< row name; "qt/..." rows run the same behaviour on the Qt transport
    QString behaviour; ///< the model name the server switches on
    bool stream = true;
    QStringList expected; ///< acceptable error keys of its requests ("" = success)
    int peakRssMb = 100; ///< the bound on the client's peak RSS
    bool preflight = false;
    int exitCode = 0;
    QString transport = QStringLiteral("auto");
    int minAttempts = 1; ///< attempts each request of the case must show (retries)
    QString messageContains; ///< every failure's message must say it
    bool restart = false; ///< the server restarts mid-run
    /// A documented limit of the transport (docs/reliability.md): the class, memory, duration and
    /// healthy-traffic checks are reported but waived; crash, exit code and key checks still hold.
    QString knownLimit;
};

/// What one case did.
struct HostileOutcome {
    ChildResult run, report;
    QMap<QString, int> caseClasses, healthyClasses; ///< error key ("" = success) -> requests, from requests.jsonl
    QMap<QString, int> summaryCaseErrors; ///< errors{} of the case's model in summary.json
    int summaryCaseCancelled = -1; ///< cancelled (the run's own stop, not an error) in summary.json
    int summaryCaseFailures = -1, summaryHealthyFailures = -1, summaryHealthySuccesses = -1;
    bool hasSummary = false;
    int fewestAttempts = 0;
    QStringList messages; ///< distinct failure messages of the case's requests
    int restartSuccessesAfter = 0; ///< restart case: successes that ended after the server came back
    QStringList leaks; ///< "file: form" for every place the key was found
    bool keyReachedOtherOrigin = false;
    bool serverSawKey = false; ///< the key was sent at all (else the echo cases prove nothing)
    qint64 otherOriginBytes = 0;
    double hangLimitS = 0; ///< duration + graceful stop + timeout + start-up allowance
};

/// The table of cases.
QList<HostileCase> hostileCases();
/// Runs one case (its own server, folders under `workDir`) with `apiKey` in the child's environment.
HostileOutcome runHostileCase(
    const HostileCase &c, const QString &binary, const QString &workDir, const QByteArray &apiKey);

/// Every place under `dir` (recursively) and in `extra` (name -> bytes) where the key appears: raw,
/// its secret part, percent-encoded, base64 (alone or as "Bearer key").
QStringList findKey(const QString &dir, const QMap<QString, QByteArray> &extra, const QByteArray &apiKey);
/// A fresh canary "sk-canary-" + 32 random hex digits.
QByteArray makeCanary();

} // namespace stampede::test
