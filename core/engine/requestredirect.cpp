// RequestRunner: redirects. Neither transport follows one (libcurl's and Qt's policies would carry
// the key to other origins or turn a POST into a GET); with target.follow_redirects the runner
// re-issues the same POST to a same-origin 307/308 Location itself, counted in the outcome.
#include "engine/requestrunner.h"

#include "protocol/headers.h"

namespace stampede::engine {

namespace {
constexpr int kMaxRedirects = 5; ///< hops per attempt; one more is an error naming the last Location

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    const int defaultPort = a.scheme() == QLatin1String("https") ? 443 : 80;
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(defaultPort) == b.port(defaultPort);
}
} // namespace

QUrl RequestRunner::redirectTarget(const QByteArray &location) const
{
    if (location.isEmpty())
        return {};
    const QUrl current = m_redirectUrl.isEmpty() ? m_ctx.requestUrl(m_job) : m_redirectUrl;
    const QUrl next = current.resolved(QUrl::fromEncoded(location));
    if (!next.isValid() || !sameOrigin(next, m_ctx.requestUrl(m_job)) || !next.userInfo().isEmpty())
        return {};
    return next;
}

bool RequestRunner::maybeFollowRedirect(const TransportResult &result)
{
    if (!m_ctx.scenario.target.followRedirects || m_abortReason != AbortReason::None
        || result.error != TransportError::None || (m_status != 307 && m_status != 308)
        || m_redirectHops >= kMaxRedirects)
        return false;
    const QUrl next = redirectTarget(result.location);
    if (next.isEmpty())
        return false;
    // The request as the user sees it goes on: its dispatch and first send stay, the rest is the
    // next hop's.
    const std::int64_t dispatched = m_out.dispatchedNs, sent = m_out.sentNs;
    const int hops = m_redirectHops + 1;
    resetAttempt();
    m_out.dispatchedNs = dispatched;
    m_out.sentNs = sent;
    m_out.redirects += 1;
    m_redirectHops = hops;
    m_redirectUrl = next;
    issue();
    return true;
}

QString RequestRunner::redirectRefusal(const QByteArray &location) const
{
    const QString where = protocol::redactSecrets(QString::fromUtf8(location), m_endpoint.apiKey());
    if (!m_ctx.scenario.target.followRedirects)
        return QStringLiteral("redirect to %1 not followed (Stampede sends the key only to target.base_url; "
                              "target.follow_redirects follows same-origin 307/308)")
            .arg(where);
    if (m_status != 307 && m_status != 308)
        return QStringLiteral("HTTP %1 redirect to %2 not followed: only 307/308 keep the POST and its body")
            .arg(m_status)
            .arg(where);
    if (redirectTarget(location).isEmpty())
        return QStringLiteral("redirect to %1 not followed: not the origin of target.base_url (the key goes "
                              "there only)")
            .arg(where);
    return QStringLiteral("more than %1 redirects; the last, to %2, not followed").arg(kMaxRedirects).arg(where);
}

} // namespace stampede::engine
