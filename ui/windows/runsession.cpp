#include "ui/windows/runsession.h"

#include "ui/dashboard/dashboard.h"
#include "ui/windows/runlistmodel.h"

#include "engine/runcontroller.h"
#include "report/runfolder.h"
#include "report/runmeta.h"
#include "report/runrecorder.h"

#include <QElapsedTimer>

namespace stampede::ui {

namespace {

QString finishedText(const metrics::RunSummary &summary)
{
    switch (summary.end) {
    case metrics::RunEnd::Completed:
        return summary.thresholdsPassed() ? QStringLiteral("Finished — thresholds passed")
                                          : QStringLiteral("Finished — thresholds failed");
    case metrics::RunEnd::Stopped:
        return QStringLiteral("Stopped");
    case metrics::RunEnd::ThresholdAborted:
        return QStringLiteral("Aborted by threshold");
    case metrics::RunEnd::Interrupted:
        return QStringLiteral("Aborted");
    case metrics::RunEnd::Failed:
        return QStringLiteral("Failed: ") + summary.endReason;
    }
    return QStringLiteral("Finished");
}

} // namespace

RunSession::RunSession(Dashboard *dashboard, RunListModel *runs, QObject *parent)
    : QObject(parent)
    , m_dashboard(dashboard)
    , m_runs(runs)
    , m_controller(new engine::RunController(this))
    , m_stateText(QStringLiteral("Ready"))
{
    qRegisterMetaType<RunState>();
    connectController();
}

// The controller (a child) aborts a run still going and joins its threads in its destructor.
RunSession::~RunSession() = default;

void RunSession::connectController()
{
    using C = engine::RunController;
    connect(m_controller, &C::phaseChanged, this, &RunSession::onPhase);
    connect(m_controller, &C::preflightFinished, this,
        [this](const engine::PreflightResult &result) { m_preflight = result; });
    connect(m_controller, &C::runStarted, this, &RunSession::onStarted);
    connect(m_controller, &C::snapshotReady, this, &RunSession::onSnapshot);
    connect(m_controller, &C::outcomesRecorded, this, [this](const QList<metrics::RequestOutcome> &outcomes) {
        if (m_recorder)
            m_recorder->addOutcomes(outcomes);
    });
    connect(m_controller, &C::noticeRaised, this, &RunSession::noticeRaised);
    connect(m_controller, &C::runFinished, this, &RunSession::onFinished);
    connect(m_controller, &C::runFailed, this, &RunSession::onFailed);
}

bool RunSession::isActive() const
{
    return m_state == RunState::Preflight || m_state == RunState::Running || m_state == RunState::Stopping;
}

bool RunSession::start(const scenario::Scenario &scenario, const engine::RunOptions &options)
{
    if (isActive() || !m_controller->start(scenario, options))
        return false;
    m_started = false;
    m_stopRequested = false;
    m_plannedMs = 0;
    m_preflight = {};
    m_dashboard->clear();
    if (scenario.preflight && options.preflight)
        setState(RunState::Preflight, QStringLiteral("Preflight…"));
    else
        setState(RunState::Running, QStringLiteral("Starting…"));
    return true;
}

void RunSession::stop()
{
    if (!isActive() || m_state == RunState::Stopping)
        return;
    m_stopRequested = true;
    m_controller->stop(metrics::RunEnd::Stopped);
    setState(RunState::Stopping, QStringLiteral("Stopping… in-flight requests may finish"));
}

void RunSession::abort()
{
    if (!isActive())
        return;
    m_stopRequested = true;
    m_controller->abort();
    setState(RunState::Stopping, QStringLiteral("Aborting… cancelling requests in flight"));
}

void RunSession::setState(RunState state, const QString &text)
{
    if (state == m_state && text == m_stateText)
        return;
    m_state = state;
    m_stateText = text;
    Q_EMIT stateChanged(state, text);
}

void RunSession::onPhase(metrics::RunPhase phase)
{
    if (phase == metrics::RunPhase::Preflight)
        setState(RunState::Preflight, QStringLiteral("Preflight…"));
    else if (phase == metrics::RunPhase::Stopping && m_state != RunState::Stopping)
        setState(RunState::Stopping, QStringLiteral("Stopping… in-flight requests finishing"));
}

void RunSession::onStarted(const engine::RunInfo &info)
{
    m_started = true;
    m_plannedMs = info.plan.totalMs;
    m_dashboard->beginRun(info);
    m_liveRow = m_runs->addRun(info);
    beginRecording(info);
    if (m_state != RunState::Stopping)
        setState(RunState::Running, QStringLiteral("Running 0:00 / ") + clockText(m_plannedMs));
    Q_EMIT runStarted(m_liveRow);
}

void RunSession::onSnapshot(const metrics::Snapshot &snapshot)
{
    if (m_recorder)
        m_recorder->addSeconds(snapshot.newSeconds);
    QElapsedTimer timer;
    timer.start();
    m_dashboard->applySnapshot(snapshot);
    m_snapshotTimes.add(double(timer.nsecsElapsed()) / 1e6);
    if (m_state == RunState::Running) {
        const qint64 planned = snapshot.plannedMs > 0 ? snapshot.plannedMs : m_plannedMs;
        setState(RunState::Running,
            QStringLiteral("Running ") + clockText(snapshot.elapsedMs) + QStringLiteral(" / ") + clockText(planned));
    }
}

void RunSession::onFinished(const metrics::RunSummary &summary)
{
    m_dashboard->finishRun(summary);
    m_runs->finishRun(m_liveRow, summary);
    if (m_recorder) {
        m_recorder->finish(summary); // finished() follows from the recorder's thread
        m_recorder = nullptr;
    }
    setState(RunState::Finished, finishedText(summary));
    Q_EMIT runFinished(m_liveRow);
}

void RunSession::onFailed(const QString &message, bool preflightFailed)
{
    if (m_started)
        m_runs->failRun(m_liveRow, message);
    if (m_recorder) { // the journal stays: `stampede report DIR` rebuilds what was measured
        const int row = m_liveRow;
        const QString dir = m_recorder->dir();
        m_recorder->deleteLater();
        m_recorder = nullptr;
        Q_EMIT runFolderWritten(row, dir, QStringLiteral("the run failed before its summary: ") + message);
    }
    if (m_stopRequested && !preflightFailed && !m_started) {
        setState(RunState::Cancelled, QStringLiteral("Cancelled before the load started"));
        return;
    }
    setState(RunState::Failed, QStringLiteral("Failed: ") + message);
    Q_EMIT runFailed(message, preflightFailed ? m_preflight.describe() : QString(), preflightFailed);
}

QString RunSession::liveRunDir() const
{
    return m_recorder ? m_recorder->dir() : QString();
}

void RunSession::beginRecording(const engine::RunInfo &info)
{
    if (m_runsDir.isEmpty())
        return;
    const QString dir = report::newRunFolderPath(m_runsDir, info.startedAt, info.scenario.name);
    auto *recorder = new report::RunRecorder(dir, this);
    const int row = m_liveRow;
    connect(recorder, &report::RunRecorder::writeFailed, this, [this](const QString &error) {
        Q_EMIT noticeRaised(QStringLiteral("Run folder incomplete: ") + error);
    });
    connect(recorder, &report::RunRecorder::finished, this, [this, recorder, row](const QString &folder, const QString &error) {
        if (error.isEmpty())
            m_runs->setRunDir(row, folder);
        recorder->deleteLater();
        Q_EMIT runFolderWritten(row, folder, error);
    });
    recorder->begin(report::runMetaFrom(info));
    m_recorder = recorder;
}

QString RunSession::clockText(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms) / 1000;
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace stampede::ui
