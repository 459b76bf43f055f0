#include "engine/servermetricspoller.h"

#include "protocol/headers.h"
#include "protocol/promtext.h"
#include "report/sanitize.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace stampede::engine {

namespace {

using Format = scenario::ServerMetricsConfig::Format;

/// The order of a series' kinds under its scenario entry (a histogram's p50 before its p95).
int kindRank(const QString &kind)
{
    static const QStringList order
        = { QStringLiteral("gauge"), QStringLiteral("counter_rate"), QStringLiteral("histogram_p50"),
              QStringLiteral("histogram_p95"), QStringLiteral("summary_p50"), QStringLiteral("summary_p95") };
    return int(order.indexOf(kind));
}

} // namespace

ServerMetricsPoller::ServerMetricsPoller(Settings settings)
    : m_settings(std::move(settings))
{
    const scenario::ServerMetricsConfig &config = m_settings.config;
    m_metrics.url = report::displayUrl(QUrl(config.url)); // no user info, credential-like query values redacted
    m_metrics.format = scenario::toString(config.format);
    m_metrics.intervalS = double(config.intervalMs) / 1000.0;
    if (config.format == Format::Prometheus) {
        for (const QString &item : config.series) {
            // validate() checked every selector; one that still fails reads nothing and says so.
            const std::optional<model::PromSelector> selector = model::parsePromSelector(item, nullptr);
            m_trackers.append(protocol::PromSeriesTracker(selector.value_or(model::PromSelector { item, {} })));
        }
    }
}

ServerMetricsPoller::~ServerMetricsPoller()
{
    m_stopping = true;
    if (m_reply)
        m_reply->abort();
}

void ServerMetricsPoller::start()
{
    Q_ASSERT(QThread::currentThread() == thread());
    m_manager = new QNetworkAccessManager(this);
    m_manager->setProxy(m_settings.proxy); // target.proxy; never Qt's application default
    m_timer = new QTimer(this);
    m_timer->setInterval(int(m_settings.config.intervalMs));
    // A coarse timer may fire up to 5 % early: scrapes would be spaced unevenly, and the first rate
    // (which has no earlier point to date it) would read high.
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &ServerMetricsPoller::scrape);
    m_timer->start();
    scrape();
}

metrics::ServerMetrics ServerMetricsPoller::finish()
{
    m_stopping = true;
    if (m_timer)
        m_timer->stop();
    if (m_reply) {
        --m_metrics.scrapes; // cut short by the run's end: neither a scrape nor an error
        m_reply->abort(); // finished() is emitted at once and ignored: the run is over
    }
    return m_metrics;
}

void ServerMetricsPoller::scrape()
{
    if (m_stopping || m_reply)
        return; // the previous scrape's timeout (<= the interval) has not run out yet
    QNetworkRequest request { QUrl(m_settings.config.url) };
    // Never follow a redirect to another origin: the key, when sent, must reach this URL's origin only.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
    request.setTransferTimeout(int(std::min(m_settings.config.intervalMs, kMaxTimeoutMs)));
    if (request.url().scheme() == QLatin1String("https"))
        request.setSslConfiguration(m_settings.ssl);
    if (m_settings.config.sendKey && !m_settings.apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_settings.apiKey.toUtf8());
    request.setRawHeader("Accept",
        m_settings.config.format == Format::Json ? QByteArray("application/json")
                                                 : QByteArray("text/plain;version=0.0.4;q=0.9, */*;q=0.1"));
    ++m_metrics.scrapes;
    m_body.clear();
    m_tooLarge = false;
    m_sentS = double(m_settings.clock.nowNs()) / 1e9;
    m_reply = m_manager->get(request);
    m_reply->setReadBufferSize(256 * 1024); // Qt buffers at most this much ahead of onReadyRead
    connect(m_reply, &QNetworkReply::readyRead, this, &ServerMetricsPoller::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &ServerMetricsPoller::onFinished);
}

void ServerMetricsPoller::onReadyRead()
{
    if (!m_reply || m_tooLarge)
        return;
    const QByteArray chunk = m_reply->readAll();
    const qint64 declared = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
    if (m_body.size() + chunk.size() > m_settings.maxResponseBytes || declared > m_settings.maxResponseBytes) {
        m_tooLarge = true;
        m_body.clear();
        m_body.squeeze();
        m_reply->abort();
        return;
    }
    m_body.append(chunk);
}

void ServerMetricsPoller::onFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();
    if (m_stopping)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_tooLarge) {
        fail(QStringLiteral("response larger than %1 MB").arg(m_settings.maxResponseBytes / (1024 * 1024)));
    } else if (reply->error() == QNetworkReply::InsecureRedirectError) {
        fail(QStringLiteral("refused a redirect to another origin (only same-origin redirects are followed)"));
    } else if (reply->error() == QNetworkReply::OperationCanceledError) {
        fail(QStringLiteral("no complete answer within %1 s")
                 .arg(double(std::min(m_settings.config.intervalMs, kMaxTimeoutMs)) / 1000.0));
    } else if (reply->error() != QNetworkReply::NoError && status == 0) {
        fail(reply->errorString());
    } else if (status != 200) {
        fail(QStringLiteral("HTTP %1").arg(status));
    } else {
        m_body.append(reply->readAll());
        record(m_sentS, m_body);
    }
    m_body.clear();
    Q_EMIT updated(m_metrics);
}

void ServerMetricsPoller::fail(const QString &error)
{
    ++m_metrics.errors;
    m_metrics.lastError
        = protocol::keptServerText(QStringLiteral("%1: %2").arg(m_metrics.url, error), m_settings.apiKey, 300);
}

void ServerMetricsPoller::record(double tS, const QByteArray &body)
{
    const scenario::ServerMetricsConfig &config = m_settings.config;
    QList<protocol::ServerReading> readings;
    if (config.format == Format::Json) {
        readings = protocol::readJsonFields(body, config.series);
    } else {
        const protocol::PromScrape scrape = protocol::parsePromText(body);
        if (scrape.problemCount > 0)
            fail(QStringLiteral("%1 unreadable line(s), the first: %2")
                     .arg(scrape.problemCount)
                     .arg(scrape.problems.value(0)));
        for (protocol::PromSeriesTracker &tracker : m_trackers)
            readings.append(tracker.add(tS, scrape));
    }
    for (int i = 0; i < readings.size(); ++i) {
        if (!readings[i].error.isEmpty())
            fail(readings[i].error);
        for (const protocol::ServerPoint &point : std::as_const(readings[i].points))
            addPoint(i, point, tS);
    }
}

void ServerMetricsPoller::addPoint(int origin, const protocol::ServerPoint &point, double tS)
{
    if (!std::isfinite(point.value))
        return; // NaN and infinities cannot be charted nor written to JSON
    qsizetype at = 0;
    for (; at < m_metrics.series.size(); ++at) {
        const metrics::ServerSeries &s = m_metrics.series[at];
        if (m_seriesOrigin[at] == origin && s.kind == point.kind)
            break;
        if (m_seriesOrigin[at] > origin || (m_seriesOrigin[at] == origin && kindRank(s.kind) > kindRank(point.kind))) {
            m_metrics.series.insert(at, { m_settings.config.series.value(origin), point.kind, {}, 0 });
            m_seriesOrigin.insert(at, origin);
            break;
        }
    }
    if (at == m_metrics.series.size()) {
        m_metrics.series.append({ m_settings.config.series.value(origin), point.kind, {}, 0 });
        m_seriesOrigin.append(origin);
    }
    metrics::ServerSeries &series = m_metrics.series[at];
    if (series.samples.size() >= metrics::ServerSeries::kMaxSamples) {
        series.samples.removeFirst();
        ++series.dropped;
    }
    series.samples.append({ tS, point.value });
}

} // namespace stampede::engine
