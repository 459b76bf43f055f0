#pragma once
// File ▸ Attach to Fleet…: the dashboard fed by a fleet of agents instead of a local run (issue 15;
// docs/scale-out.md, "Watching a fleet"). fleet::FleetAttach polls the agents' --metrics-port
// endpoints (or a Prometheus server) and merges them; this hands its snapshots to the dashboard as
// a live run's, and its final figures once every agent has finished. GUI thread only.

#include "fleet/fleetattach.h"

#include <QObject>

namespace stampede::ui {

class Dashboard;

class FleetWatch : public QObject
{
    Q_OBJECT
public:
    /// `dashboard` is not owned.
    explicit FleetWatch(Dashboard *dashboard, QObject *parent = nullptr);

    void attach(const QList<QUrl> &urls, fleet::FleetAttach::Mode mode);
    void detach();
    bool isAttached() const { return m_attach->isRunning(); }
    /// e.g. "Fleet · 4 of 4 agents up · 0:42"
    QString statusText() const;
    fleet::FleetAttach *attacher() const { return m_attach; }

Q_SIGNALS:
    void statusChanged(const QString &text);
    void attachedChanged(bool attached);

private:
    void onSnapshot(const metrics::Snapshot &snapshot);
    void onFinished(const metrics::RunSummary &summary);

    Dashboard *m_dashboard;
    fleet::FleetAttach *m_attach;
    QStringList m_shownModels; ///< the models the dashboard was begun with
    bool m_begun = false;
    bool m_openModel = false; ///< what the dashboard was begun with (the agents' target unit)
    std::int64_t m_elapsedMs = 0;
    bool m_finished = false;
};

} // namespace stampede::ui
