#include "cli/commands.h"
#include "cli/exitcodes.h"
#include "cli/output.h"

#include "report/compare.h"
#include "report/runfolder.h"
#include "report/summaryload.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace stampede::cli {

namespace {

/// A run folder, or a summary JSON file (`stampede run --json`, a folder's summary.json).
std::optional<report::ComparedRun> loadRun(const QString &path, QString *error)
{
    report::ComparedRun run;
    run.source = path;
    run.label = QFileInfo(QDir::cleanPath(path)).fileName();
    if (QFileInfo(path).isDir()) {
        std::optional<report::RunRecord> record = report::loadRunFolder(path, error);
        if (!record)
            return std::nullopt;
        run.record = std::move(*record);
        return run;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const nlohmann::json json = nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
    if (json.is_discarded() || !json.is_object() || !json.contains("overall")) {
        *error = QStringLiteral("%1 is neither a run folder nor a summary JSON file").arg(path);
        return std::nullopt;
    }
    run.record.summary = report::summaryFromJson(json);
    return run;
}

bool writeFile(const QString &path, const QByteArray &data, QString *error)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(data) == data.size() && file.commit())
        return true;
    *error = QStringLiteral("%1: %2").arg(path, file.errorString());
    return false;
}

} // namespace

int compareCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Compare runs: the first is the baseline, each later one is compared with it per model and overall "
        "(requests, req/s, p50/p95/p99 latency, TTFT, TPOT, errors, cost), with a significance hint on the latency."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("runs"),
        QStringLiteral("Two or more run folders (or summary JSON files); the first is the baseline"),
        QStringLiteral("RUN_A RUN_B [...]"));
    const QCommandLineOption html(QStringLiteral("html"),
        QStringLiteral("Write the comparison as one offline HTML page"), QStringLiteral("file"));
    const QCommandLineOption json(
        QStringLiteral("json"), QStringLiteral("Write the comparison as JSON"), QStringLiteral("file"));
    const QCommandLineOption failIf(QStringLiteral("fail-if"),
        QStringLiteral("A regression budget, e.g. \"p(95)+10%\", \"ttft:p(95)+100ms\", \"error_rate+1%\", \"rps-5%\": "
                       "exit 99 when a later run is worse than the baseline by more (repeatable)"),
        QStringLiteral("budget"));
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("Do not print the table"));
    parser.addOptions({ html, json, failIf, quiet });
    parser.process(arguments);
    const QStringList paths = parser.positionalArguments();
    if (paths.size() < 2) {
        err() << "usage: stampede compare RUN_A RUN_B [...] [--html F] [--json F] [--fail-if BUDGET]\n";
        return ExitUsage;
    }
    QList<report::RegressionBudget> budgets;
    for (const QString &text : parser.values(failIf)) {
        QString error;
        const auto budget = report::parseRegressionBudget(text, &error);
        if (!budget) {
            err() << "--fail-if " << error << "\n";
            return ExitUsage;
        }
        budgets << *budget;
    }
    QList<report::ComparedRun> runs;
    for (const QString &path : paths) {
        QString error;
        auto run = loadRun(path, &error);
        if (!run) {
            err() << error << "\n";
            return ExitRunFailed;
        }
        for (const QString &note : run->record.notes)
            err() << "Note: " << run->label << ": " << note << "\n";
        runs << std::move(*run);
    }
    const report::Comparison comparison = report::compareRuns(runs);
    const QStringList breaches = report::budgetBreaches(comparison, budgets);
    if (!parser.isSet(quiet))
        out() << report::comparisonText(comparison);
    QString error;
    if (parser.isSet(json)
        && !writeFile(parser.value(json),
            QByteArray::fromStdString(report::comparisonJson(comparison, breaches).dump(2)) + '\n', &error)) {
        err() << "could not write: " << error << "\n";
        return ExitRunFailed;
    }
    if (parser.isSet(html)
        && !writeFile(parser.value(html), report::comparisonHtml(comparison, breaches).toUtf8(), &error)) {
        err() << "could not write: " << error << "\n";
        return ExitRunFailed;
    }
    if (!budgets.isEmpty()) {
        if (breaches.isEmpty()) {
            QStringList texts;
            for (const report::RegressionBudget &b : budgets)
                texts << b.text;
            out() << "\nRegression budget: every later run is within " << texts.join(QStringLiteral(", ")) << "\n";
        } else {
            out() << "\nRegression budget exceeded:\n";
            for (const QString &b : breaches)
                out() << "  " << b << "\n";
            return ExitThresholdsFailed;
        }
    }
    return ExitOk;
}

} // namespace stampede::cli
