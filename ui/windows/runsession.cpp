#include "ui/windows/runsession.h"

#include "ui/dashboard/dashboard.h"
#include "ui/windows/runlistmodel.h"

#include "launch/runlauncher.h"

#include <QCoreApplication>
#include <QElapsedTimer>

namespace stampede::ui {

namespace {

QString finishedText(const metrics::RunSummary &summary)
{
    const model::RunVerdict verdict = summary.verdict();
    switch (verdict.kind) {
    case model::RunVerdict::Kind::Passed:
        return QCoreApplication::translate("stampede::ui::RunSession", "Finished — thresholds passed");
    case model::RunVerdict::Kind::ThresholdsFailed:
        return QCoreApplication::translate("stampede::ui::RunSession", "Finished — thresholds failed");
    case model::RunVerdict::Kind::Failed:
        return QCoreApplication::translate("stampede::ui::RunSession", "Failed: %1").arg(summary.endReason);
    default:
        break;
    }
    QString words = verdict.words();
    words[0] = words[0].toUpper();
    return words;
}

} // namespace

RunSession::RunSession(Dashboard *dashboard, RunListModel *runs, QObject *parent)
    : QObject(parent)
    , m_dashboard(dashboard)
    , m_runs(runs)
    , m_launcher(new launch::RunLauncher(this))
    , m_controller(m_launcher->controller())
    , m_stateText(tr("Ready"))
{
    connectController();
}

// The launcher (a child) aborts a run still going and joins its threads in its destructor.
RunSession::~RunSession() = default;

void RunSession::connectController()
{
    using C = engine::RunController;
    connect(m_controller, &C::phaseChanged, this, &RunSession::onPhase);
    connect(m_controller, &C::preflightFinished, this,
        [this](const engine::PreflightResult &result) { m_preflight = result; });
    connect(m_controller, &C::runStarted, this, &RunSession::onStarted);
    connect(m_controller, &C::snapshotReady, this, &RunSession::onSnapshot);
    connect(m_controller, &C::noticeRaised, this, &RunSession::noticeRaised);
    connect(m_controller, &C::runFinished, this, &RunSession::onFinished);
    connect(m_controller, &C::runFailed, this, &RunSession::onFailed);
    connect(m_launcher, &launch::RunLauncher::recordingFailed, this,
        [this](const QString &error) { Q_EMIT noticeRaised(tr("Run folder incomplete: %1").arg(error)); });
    connect(
        m_launcher, &launch::RunLauncher::recordingFinished, this, [this](const QString &dir, const QString &error) {
            const int row = m_rowOfFolder.value(dir, -1);
            m_rowOfFolder.remove(dir);
            if (error.isEmpty() && row >= 0)
                m_runs->setRunDir(row, dir);
            Q_EMIT runFolderWritten(row, dir, error);
        });
}

bool RunSession::isActive() const
{
    return model::isActive(m_state);
}

bool RunSession::start(const scenario::Scenario &scenario, const engine::RunOptions &options)
{
    if (isActive() || m_controller->isRunning())
        return false;
    const QString error = m_launcher->start(scenario, options, { m_runsDir, {} });
    m_started = false;
    m_stopRequested = false;
    m_plannedMs = 0;
    m_preflight = {};
    m_dashboard->clear();
    if (scenario.preflight && options.preflight)
        setState(model::RunPhase::Preflight, tr("Preflight…"));
    else
        setState(model::RunPhase::Running, tr("Starting…"));
    if (!error.isEmpty()) // e.g. the built-in gateway could not start: a failed run, as the engine reports one
        QMetaObject::invokeMethod(
            this, [this, error] { onFailed(error, false); }, Qt::QueuedConnection);
    return true;
}

void RunSession::stop()
{
    if (!isActive() || m_state == model::RunPhase::Stopping)
        return;
    m_stopRequested = true;
    m_controller->stop(model::RunEnd::Stopped);
    setState(model::RunPhase::Stopping, tr("Stopping… in-flight requests may finish"));
}

bool RunSession::adjustLoad(double target)
{
    if (m_state != model::RunPhase::Running)
        return false;
    m_controller->adjustLoad(target);
    return true;
}

void RunSession::abort()
{
    if (!isActive())
        return;
    m_stopRequested = true;
    m_controller->abort();
    setState(model::RunPhase::Stopping, tr("Aborting… cancelling requests in flight"));
}

void RunSession::setState(model::RunPhase state, const QString &text)
{
    if (state == m_state && text == m_stateText)
        return;
    m_state = state;
    m_stateText = text;
    Q_EMIT stateChanged(state, text);
}

void RunSession::onPhase(model::RunPhase phase)
{
    if (phase == model::RunPhase::Preflight)
        setState(model::RunPhase::Preflight, tr("Preflight…"));
    else if (phase == model::RunPhase::Stopping && m_state != model::RunPhase::Stopping)
        setState(model::RunPhase::Stopping, tr("Stopping… in-flight requests finishing"));
}

void RunSession::onStarted(const report::RunMeta &info)
{
    m_started = true;
    m_plannedMs = info.plan.totalMs;
    m_dashboard->beginRun(info);
    m_liveRow = m_runs->addRun(info);
    if (const QString dir = m_launcher->recordingDir(); !dir.isEmpty())
        m_rowOfFolder.insert(dir, m_liveRow);
    if (m_state != model::RunPhase::Stopping)
        setState(model::RunPhase::Running, runningText(0, m_plannedMs));
    Q_EMIT runStarted(m_liveRow);
}

void RunSession::onSnapshot(const metrics::Snapshot &snapshot)
{
    QElapsedTimer timer;
    timer.start();
    m_dashboard->applySnapshot(snapshot);
    m_snapshotTimes.add(double(timer.nsecsElapsed()) / 1e6);
    m_plannedTarget = snapshot.plannedTarget;
    m_openModel = snapshot.openModel;
    if (m_state == model::RunPhase::Running) {
        const qint64 planned = snapshot.plannedMs > 0 ? snapshot.plannedMs : m_plannedMs;
        setState(model::RunPhase::Running, runningText(snapshot.elapsedMs, planned));
    }
}

void RunSession::onFinished(const metrics::RunSummary &summary)
{
    m_dashboard->finishRun(summary);
    m_runs->finishRun(m_liveRow, summary);
    setState(model::RunPhase::Finished, finishedText(summary));
    Q_EMIT runFinished(m_liveRow);
}

void RunSession::onFailed(const QString &message, bool preflightFailed)
{
    if (m_started)
        m_runs->failRun(m_liveRow, message);
    // The launcher keeps the journal (`stampede report DIR` rebuilds what was measured) and
    // says so through recordingFinished().
    if (m_stopRequested && !preflightFailed && !m_started) {
        setState(model::RunPhase::Cancelled, tr("Cancelled before the load started"));
        return;
    }
    setState(model::RunPhase::Failed, tr("Failed: %1").arg(message));
    Q_EMIT runFailed(message, preflightFailed ? m_preflight.describe() : QString(), preflightFailed);
}

QString RunSession::liveRunDir() const
{
    return m_launcher->recordingDir();
}

QString RunSession::runningText(qint64 elapsedMs, qint64 plannedMs)
{
    return tr("Running %1 / %2").arg(clockText(elapsedMs), clockText(plannedMs));
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
