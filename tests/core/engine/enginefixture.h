#pragma once
// Runs scenarios end to end against the simulated gateway on 127.0.0.1:0.

#include "gateway/gatewayconfig.h"
#include "gateway/simgateway.h"
#include "launch/runlauncher.h"
#include "scenario/scenario.h"

#include <QSignalSpy>
#include <QtTest/QTest>

#include <memory>

namespace stampede::test {

/// One model "m" with exact (jitter 0) latency: ttft `ttftMs`, `tokens` tokens at `tps` tokens/s.
inline gateway::GatewayConfig exactGateway(int fixedLatencyMs = 50, int tokens = 20, double tps = 2000)
{
    gateway::GatewayConfig config;
    gateway::ModelBehaviour model;
    model.model = QStringLiteral("m");
    model.ttftMs = fixedLatencyMs;
    model.tokensPerSec = tps;
    model.outputTokensMean = tokens;
    model.jitter = 0;
    config.models = { model };
    config.fixedLatencyMs = fixedLatencyMs;
    return config;
}

/// The transport every scenario built here uses ("auto" unless a test selected a row).
inline scenario::TransportKind &transportUnderTest()
{
    static scenario::TransportKind kind = scenario::TransportKind::Auto;
    return kind;
}

/// Engine tests run once per transport: a test class adds transportRows() as its global data
/// (initTestCase_data) and calls selectTransportRow() in init().
inline void transportRows()
{
    QTest::addColumn<QString>("transport");
    QTest::newRow("curl") << QStringLiteral("curl");
    QTest::newRow("qt") << QStringLiteral("qt");
}

inline void selectTransportRow()
{
    QFETCH_GLOBAL(QString, transport);
    transportUnderTest() = scenario::transportFromName(transport).value_or(scenario::TransportKind::Auto);
}

/// A scenario with one model "m" against `baseUrl`, no think time, no preflight, no thresholds.
inline scenario::Scenario basicScenario(const QUrl &baseUrl, bool stream)
{
    scenario::Scenario s;
    s.target.transport = transportUnderTest();
    s.name = QStringLiteral("test");
    s.target.baseUrl = baseUrl.toString();
    s.target.timeoutMs = 5000;
    s.target.connectTimeoutMs = 2000;
    scenario::ModelSpec model;
    model.model = QStringLiteral("m");
    model.stream = stream;
    model.maxTokens = 100;
    model.price = { 8.0, 8.0 };
    s.models = { model };
    s.prompts.user = { QStringLiteral("Say hello"), QStringLiteral("你好") };
    s.preflight = false;
    s.load.gracefulStopMs = 2000;
    s.retry.maxRetries = 0;
    s.checks = { QStringLiteral("status_200"), QStringLiteral("has_choices") };
    s.seed = 7;
    return s;
}

struct RunResult {
    bool finished = false;
    bool failed = false;
    QString failure;
    bool preflightFailed = false;
    metrics::RunSummary summary;
    QList<engine::PreflightResult> preflights;
    QStringList notices;
    int snapshots = 0;
};

/// Runs to the end (or `timeoutMs`), pumping the event loop.
/// Started as the app starts a run (launch::RunLauncher): "builtin" runs `builtinConfig`.
inline RunResult runToEnd(const scenario::Scenario &s, engine::RunOptions options = {}, int timeoutMs = 30000,
    const std::optional<gateway::GatewayConfig> &builtinConfig = {})
{
    launch::RunLauncher launcher;
    engine::RunController &controller = *launcher.controller();
    RunResult result;
    QObject::connect(&controller, &engine::RunController::runFinished, [&](const metrics::RunSummary &summary) {
        result.finished = true;
        result.summary = summary;
    });
    QObject::connect(&controller, &engine::RunController::runFailed, [&](const QString &message, bool preflight) {
        result.failed = true;
        result.failure = message;
        result.preflightFailed = preflight;
    });
    QObject::connect(&controller, &engine::RunController::preflightFinished,
        [&](const engine::PreflightResult &r) { result.preflights << r; });
    QObject::connect(&controller, &engine::RunController::noticeRaised, [&](const QString &t) { result.notices << t; });
    QObject::connect(
        &controller, &engine::RunController::snapshotReady, [&](const metrics::Snapshot &) { ++result.snapshots; });
    if (options.workerThreads == 0)
        options.workerThreads = 2;
    if (const QString error = launcher.start(s, options, {}, builtinConfig); !error.isEmpty()) {
        result.failed = true;
        result.failure = error;
        return result;
    }
    if (!QTest::qWaitFor([&] { return result.finished || result.failed; }, timeoutMs))
        result.failure = QStringLiteral("run did not end within %1 ms").arg(timeoutMs);
    return result;
}

} // namespace stampede::test
