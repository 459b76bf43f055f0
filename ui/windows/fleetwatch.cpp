#include "ui/windows/fleetwatch.h"

#include "ui/dashboard/dashboard.h"

#include <QDateTime>

namespace stampede::ui {

FleetWatch::FleetWatch(Dashboard *dashboard, QObject *parent)
    : QObject(parent)
    , m_dashboard(dashboard)
    , m_attach(new fleet::FleetAttach(this))
{
    connect(m_attach, &fleet::FleetAttach::snapshotReady, this, &FleetWatch::onSnapshot);
    connect(m_attach, &fleet::FleetAttach::fleetFinished, this, &FleetWatch::onFinished);
    connect(m_attach, &fleet::FleetAttach::sourcesChanged, this, [this] { Q_EMIT statusChanged(statusText()); });
}

void FleetWatch::attach(const QList<QUrl> &urls, fleet::FleetAttach::Mode mode)
{
    m_begun = false;
    m_finished = false;
    m_elapsedMs = 0;
    m_shownModels.clear();
    m_dashboard->clear();
    m_attach->start(urls, mode);
    Q_EMIT attachedChanged(true);
    Q_EMIT statusChanged(statusText());
}

void FleetWatch::detach()
{
    if (!isAttached())
        return;
    m_attach->stop();
    Q_EMIT attachedChanged(false);
    Q_EMIT statusChanged(statusText());
}

QString FleetWatch::statusText() const
{
    if (!isAttached())
        return tr("Fleet detached");
    const std::int64_t s = m_elapsedMs / 1000;
    QString text = tr("Fleet · %1").arg(m_attach->statusText());
    if (m_begun)
        text += QStringLiteral(" · %1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    if (m_finished)
        text += tr(" · finished");
    return text;
}

void FleetWatch::onSnapshot(const metrics::Snapshot &snapshot)
{
    if (m_finished) {
        if (snapshot.phase == model::RunPhase::Finished)
            return; // the final figures stay until the agents start again
        m_finished = false;
        m_begun = false; // a new run of the fleet: a new chart
    }
    const QStringList models = m_attach->view().models();
    if (!m_begun || models != m_shownModels || snapshot.openModel != m_openModel) {
        // What the agents say about the run they share: its scenario's name and models. The plan,
        // thresholds and prices stay with the agents (their run folders have them).
        report::RunMeta meta;
        const QStringList scenarios = m_attach->totals().scenarios.values();
        meta.scenario.name
            = scenarios.isEmpty() ? tr("Fleet") : tr("Fleet: %1").arg(scenarios.join(QStringLiteral(", ")));
        meta.models = models;
        meta.plan.openModel = snapshot.openModel; // the planned line: req/s, or VUs
        m_openModel = snapshot.openModel;
        meta.startedAt = QDateTime::currentDateTimeUtc().addMSecs(-snapshot.elapsedMs);
        m_dashboard->beginRun(meta);
        m_shownModels = models;
        m_begun = true;
    }
    m_elapsedMs = snapshot.elapsedMs;
    m_dashboard->applySnapshot(snapshot);
    Q_EMIT statusChanged(statusText());
}

void FleetWatch::onFinished(const metrics::RunSummary &summary)
{
    m_finished = true;
    m_dashboard->finishRun(summary);
    Q_EMIT statusChanged(statusText());
}

} // namespace stampede::ui
