#include "launch/runlauncher.h"

#include "scenario/promptsource.h"

#include "launch/targetresolver.h"
#include "report/runfolder.h"
#include "report/runrecorder.h"

#include <QDateTime>

namespace stampede::launch {

RunLauncher::RunLauncher(QObject *parent)
    : QObject(parent)
    , m_controller(new engine::RunController(this))
{
    connect(m_controller, &engine::RunController::runStarted, this, [this] { m_loadBegan = true; });
    connect(m_controller, &engine::RunController::runFailed, this,
        [this](const QString &message) { onRunFailed(message); });
}

RunLauncher::~RunLauncher()
{
    // The engine first (its workers may still talk to the gateway), then the folder, then the gateway.
    delete m_controller;
    m_controller = nullptr;
    delete m_recorder.data();
    m_gateway.reset();
}

QString RunLauncher::start(const scenario::Scenario &scenario, engine::RunOptions options, const Recording &recording,
    const std::optional<gateway::GatewayConfig> &builtinConfig)
{
    if (m_controller->isRunning())
        return QStringLiteral("a run is already going");
    // A dataset is read (and its hash checked) or synthetic prompts built before anything starts.
    scenario::Scenario withPrompts = scenario;
    if (const QString error = scenario::loadPromptSources(withPrompts); !error.isEmpty())
        return error;
    m_gateway.reset(); // the last run's
    const QString base = options.baseUrlOverride.isEmpty() ? scenario.target.baseUrl : options.baseUrlOverride;
    ResolvedTarget target = resolveTarget(base, builtinConfig, options.threadNice);
    if (!target.ok())
        return target.error;
    options.baseUrlOverride = target.baseUrl;
    if (scenario.directTarget && options.directApiKey.isEmpty() && !scenario.directTarget->apiKeyEnv.isEmpty())
        options.directApiKey = engine::apiKeyFromEnvironment(scenario.directTarget->apiKeyEnv);
    options.builtinGateway = target.builtin();
    m_gateway = std::move(target.gateway);

    report::RunRecorder *recorder = nullptr;
    if (!recording.dir.isEmpty() || !recording.runsDir.isEmpty()) {
        const QString dir = !recording.dir.isEmpty()
            ? recording.dir
            : report::newRunFolderPath(recording.runsDir, QDateTime::currentDateTime(), scenario.name);
        recorder = new report::RunRecorder(dir, this);
        connect(recorder, &report::RunRecorder::writeFailed, this, &RunLauncher::recordingFailed);
        connect(recorder, &report::RunRecorder::finished, this,
            [this, recorder](const QString &folder, const QString &error) {
                recorder->deleteLater();
                Q_EMIT recordingFinished(folder, error);
            });
    }
    if (!m_controller->start(withPrompts, options, recorder)) {
        delete recorder;
        return QStringLiteral("a run is already going");
    }
    m_recorder = recorder;
    m_loadBegan = false;
    return {};
}

QString RunLauncher::recordingDir() const
{
    return m_recorder && !m_recorder->isFinished() ? m_recorder->dir() : QString();
}

void RunLauncher::onRunFailed(const QString &message)
{
    report::RunRecorder *recorder = m_recorder;
    m_recorder = nullptr;
    if (!recorder)
        return;
    const QString dir = recorder->dir();
    recorder->deleteLater(); // flushes the journal written so far
    if (m_loadBegan)
        Q_EMIT recordingFinished(dir, QStringLiteral("the run failed before its summary: ") + message);
}

} // namespace stampede::launch
