#pragma once
// Polls scenario "server_metrics" during the load and turns each scrape into the series of
// metrics::ServerMetrics (docs/metrics.md, "Server-side metrics").
//
// Lives on its own thread ("stampede-server-metrics"), created by RunEngine when the load begins and
// joined at its end: a scrape of a large /metrics page is parsed there, never on the engine thread's
// 1 ms tick, a load worker or the GUI. It owns its QNetworkAccessManager and timer (made in start(),
// after the move) and hands the engine a fresh immutable ServerMetrics after every scrape.

#include "engine/runclock.h"
#include "metrics/servermetrics.h"
#include "protocol/serverseries.h"
#include "scenario/scenario.h"

#include <QNetworkProxy>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace stampede::engine {

class ServerMetricsPoller : public QObject
{
    Q_OBJECT
public:
    /// A scrape's response is cut off (an error) beyond this many bytes.
    static constexpr qint64 kMaxResponseBytes = 8 * 1024 * 1024;
    /// No scrape waits longer than this, nor longer than the interval.
    static constexpr qint64 kMaxTimeoutMs = 10000;

    struct Settings {
        scenario::ServerMetricsConfig config;
        QString apiKey; ///< sent as "Authorization: Bearer" only when config.sendKey; always redacted
        QSslConfiguration ssl; ///< target.tls (the gateway's metrics are usually on the same host)
        QNetworkProxy proxy; ///< target.proxy
        RunClock clock; ///< the run's: sample times are seconds since the run's start
        qint64 maxResponseBytes = kMaxResponseBytes;
    };

    explicit ServerMetricsPoller(Settings settings);
    ~ServerMetricsPoller() override;

    /// On the poller's thread: scrapes at once, then every interval.
    void start();
    /// On the poller's thread: stops scraping (a scrape in flight is aborted, not counted as an error)
    /// and returns everything polled.
    metrics::ServerMetrics finish();

Q_SIGNALS:
    /// After each scrape: everything so far.
    void updated(const stampede::metrics::ServerMetrics &metrics);

private:
    void scrape();
    void onReadyRead();
    void onFinished();
    void fail(const QString &error);
    void record(double tS, const QByteArray &body);
    void addPoint(int origin, const protocol::ServerPoint &point, double tS);

    Settings m_settings;
    metrics::ServerMetrics m_metrics;
    QList<int> m_seriesOrigin; ///< for each of m_metrics.series: the index of its scenario series
    QList<protocol::PromSeriesTracker> m_trackers;
    QNetworkAccessManager *m_manager = nullptr;
    QTimer *m_timer = nullptr;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_body;
    double m_sentS = 0;
    bool m_tooLarge = false;
    bool m_stopping = false;
};

} // namespace stampede::engine
