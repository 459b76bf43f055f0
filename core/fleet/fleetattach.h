#pragma once
// Watching a fleet from the desktop app (issue 15; docs/scale-out.md, "Watching a fleet"): polls N
// agents' /metrics (stampede run --metrics-port), or one Prometheus server's /federate for the same
// series, once a second; adds the samples up (FleetTotals) and hands the dashboard a Snapshot per
// poll (FleetView). Lives on the GUI thread: the requests are asynchronous, and a poll's parsing is
// bounded (each answer at most maxBodyBytes, parsePromText's limits).
// An agent whose scrape fails keeps its last figures (shown as down, with the error), so a blip
// does not make the fleet's counters fall.

#include "fleet/fleetview.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace stampede::fleet {

class FleetAttach : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Agents, Prometheus };
    struct Source {
        QUrl url;
        bool up = false;
        bool answered = false; ///< at least once
        QString error; ///< the last poll's, empty when it answered
        QList<protocol::PromSample> samples; ///< the last good answer's
    };
    static constexpr qint64 maxBodyBytes = 16 * 1024 * 1024;
    static constexpr int kRequestTimeoutMs = 3000; ///< per request: a hung agent shows as down, the others go on

    explicit FleetAttach(QObject *parent = nullptr);
    ~FleetAttach() override;

    /// The URLs to poll from what the user typed (one per line; blank lines and # comments skipped):
    /// http(s) only, no user info. Agents: a URL without a path gets /metrics; "host:port" alone is
    /// read as http://host:port/metrics. Prometheus: one server's base URL, polled at
    /// /federate?match[]={__name__=~"stampede_.+"}. Nullopt with a specific `error` otherwise.
    static std::optional<QList<QUrl>> sourceUrls(const QStringList &lines, Mode mode, QString *error);

    void start(const QList<QUrl> &urls, Mode mode, int intervalMs = 1000);
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    Mode mode() const { return m_mode; }
    const QList<Source> &sources() const { return m_sources; }
    const FleetView &view() const { return m_view; }
    const FleetTotals &totals() const { return m_totals; }
    /// e.g. "4 of 4 agents up · 2 finished" or "Prometheus: 4 agents · 127.0.0.1:9090 down: ..."
    QString statusText() const;

Q_SIGNALS:
    /// Every poll, once the first answer is in.
    void snapshotReady(const stampede::metrics::Snapshot &snapshot);
    void sourcesChanged();
    /// Every agent says its run has ended: the final figures. Polling goes on (a new run may start).
    void fleetFinished(const stampede::metrics::RunSummary &summary);

private:
    void poll();
    void onReply(int index, QNetworkReply *reply);
    void pollDone();

    QNetworkAccessManager *m_manager;
    QTimer m_timer;
    Mode m_mode = Mode::Agents;
    QList<Source> m_sources;
    QList<QNetworkReply *> m_pending;
    FleetTotals m_totals;
    FleetView m_view;
    bool m_finishedSaid = false;
};

} // namespace stampede::fleet
