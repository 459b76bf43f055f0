#include "fleet/fleetattach.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <algorithm>

namespace stampede::fleet {

FleetAttach::FleetAttach(QObject *parent)
    : QObject(parent)
    , m_manager(new QNetworkAccessManager(this))
{
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &FleetAttach::poll);
}

FleetAttach::~FleetAttach()
{
    stop();
}

std::optional<QList<QUrl>> FleetAttach::sourceUrls(const QStringList &lines, Mode mode, QString *error)
{
    QList<QUrl> urls;
    for (QString line : lines) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (!line.contains(QStringLiteral("://")))
            line.prepend(QStringLiteral("http://"));
        QUrl url(line, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()) {
            *error = tr("\"%1\" is not a URL (e.g. http://10.0.0.5:9464/metrics)").arg(line);
            return std::nullopt;
        }
        if (url.scheme() != QStringLiteral("http") && url.scheme() != QStringLiteral("https")) {
            *error = tr("\"%1\": only http and https are polled").arg(line);
            return std::nullopt;
        }
        if (!url.userInfo().isEmpty()) {
            *error = tr("\"%1\": a user name or password in the URL is not sent; leave it out").arg(url.host());
            return std::nullopt;
        }
        if (mode == Mode::Agents) {
            if (url.path().isEmpty() || url.path() == QStringLiteral("/"))
                url.setPath(QStringLiteral("/metrics"));
        } else {
            QString path = url.path();
            if (path.endsWith(u'/'))
                path.chop(1);
            if (!path.endsWith(QStringLiteral("/federate")))
                path += QStringLiteral("/federate");
            url.setPath(path);
            // Percent-encoded whole: Prometheus reads a bare '+' in a query as a space.
            url.setQuery(QStringLiteral("match%5B%5D=")
                + QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("{__name__=~\"stampede_.+\"}"))));
        }
        if (urls.contains(url)) {
            *error = tr("%1 is listed twice: its figures would count twice").arg(url.toDisplayString());
            return std::nullopt;
        }
        urls.append(url);
    }
    if (urls.isEmpty()) {
        *error = mode == Mode::Agents ? tr("no agent URL given (one per line, e.g. http://10.0.0.5:9464/metrics)")
                                      : tr("no Prometheus URL given (e.g. http://prometheus:9090)");
        return std::nullopt;
    }
    if (mode == Mode::Prometheus && urls.size() > 1) {
        *error = tr("one Prometheus server at a time: two would count every agent twice");
        return std::nullopt;
    }
    return urls;
}

void FleetAttach::start(const QList<QUrl> &urls, Mode mode, int intervalMs)
{
    stop();
    m_mode = mode;
    m_sources.clear();
    for (const QUrl &url : urls)
        m_sources.append(Source { url, false, false, tr("waiting for the first answer"), {} });
    m_totals = {};
    m_view = FleetView();
    m_finishedSaid = false;
    m_timer.start(intervalMs);
    poll();
    Q_EMIT sourcesChanged();
}

void FleetAttach::stop()
{
    m_timer.stop();
    const QList<QNetworkReply *> pending = std::exchange(m_pending, {});
    for (QNetworkReply *reply : pending) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void FleetAttach::poll()
{
    if (!m_pending.isEmpty())
        return; // the previous poll is still waiting for a slow source (each has a 3 s limit)
    for (int i = 0; i < m_sources.size(); ++i) {
        QNetworkRequest request(m_sources[i].url);
        request.setTransferTimeout(kRequestTimeoutMs);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        request.setRawHeader("Accept", "text/plain;version=0.0.4");
        QNetworkReply *reply = m_manager->get(request);
        m_pending.append(reply);
        connect(reply, &QNetworkReply::downloadProgress, this, [reply](qint64 received, qint64 total) {
            if (received > maxBodyBytes || total > maxBodyBytes) {
                reply->setProperty("stampedeTooLarge", true); // onReply says why
                reply->abort();
            }
        });
        connect(reply, &QNetworkReply::finished, this, [this, i, reply] { onReply(i, reply); });
    }
}

void FleetAttach::onReply(int index, QNetworkReply *reply)
{
    m_pending.removeOne(reply);
    reply->deleteLater();
    Source &source = m_sources[index];
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QString error;
    if (reply->property("stampedeTooLarge").toBool() || reply->bytesAvailable() > maxBodyBytes)
        error = tr("the answer is larger than %1 MiB").arg(maxBodyBytes / (1024 * 1024));
    else if (reply->error() == QNetworkReply::OperationCanceledError) // the transfer timeout
        error = tr("no answer within %1 s").arg(kRequestTimeoutMs / 1000);
    else if (reply->error() != QNetworkReply::NoError && status == 0)
        error = reply->errorString();
    else if (status != 200)
        error = tr("HTTP %1 (a %2 is expected to answer 200)")
                    .arg(status)
                    .arg(m_mode == Mode::Agents ? tr("stampede run --metrics-port endpoint")
                                                : tr("Prometheus /federate"));
    if (error.isEmpty()) {
        protocol::PromScrape scrape = protocol::parsePromText(reply->read(maxBodyBytes + 1));
        if (scrape.samples.isEmpty() && !scrape.problems.isEmpty()) {
            error = tr("not Prometheus text: %1").arg(scrape.problems.first());
        } else {
            source.samples = std::move(scrape.samples);
            source.answered = true;
        }
    }
    source.up = error.isEmpty();
    source.error = error;
    if (m_pending.isEmpty())
        pollDone();
}

void FleetAttach::pollDone()
{
    FleetTotals totals;
    bool any = false;
    for (const Source &source : std::as_const(m_sources))
        if (source.answered) {
            totals.add(source.samples);
            any = true;
        }
    Q_EMIT sourcesChanged();
    if (!any)
        return;
    m_totals = totals;
    Q_EMIT snapshotReady(m_view.update(m_totals));
    // Every agent listed must have answered: one never heard from has not finished.
    const bool finished = m_totals.allFinished()
        && (m_mode == Mode::Prometheus
            || std::all_of(m_sources.cbegin(), m_sources.cend(), [](const Source &s) { return s.answered; }));
    if (finished && !m_finishedSaid) {
        m_finishedSaid = true;
        Q_EMIT fleetFinished(m_view.summary());
    } else if (!finished) {
        m_finishedSaid = false;
    }
}

QString FleetAttach::statusText() const
{
    int up = 0;
    QString firstError;
    for (const Source &source : m_sources) {
        if (source.up)
            ++up;
        else if (firstError.isEmpty())
            firstError = QStringLiteral("%1: %2").arg(source.url.authority(), source.error);
    }
    QString text;
    if (m_mode == Mode::Agents)
        text = tr("%1 of %2 agents up").arg(up).arg(m_sources.size());
    else
        text = tr("Prometheus %1 · %2 agents").arg(up ? tr("up") : tr("down")).arg(m_totals.agents);
    if (m_totals.agents > 0 && m_totals.finishedAgents > 0)
        text += tr(" · %1 finished").arg(m_totals.finishedAgents);
    if (!firstError.isEmpty())
        text += QStringLiteral(" · ") + firstError;
    return text;
}

} // namespace stampede::fleet
