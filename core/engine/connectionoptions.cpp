#include "engine/connectionoptions.h"

#include <QFile>
#include <QNetworkProxyFactory>
#include <QSslCertificate>
#include <QSslKey>

namespace stampede::engine {

namespace {

QByteArray readFile(const QString &path, QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error.isEmpty())
            error = QStringLiteral("cannot read \"%1\": %2").arg(path, file.errorString());
        return {};
    }
    return file.readAll();
}

QSslKey readKey(const QByteArray &pem)
{
    for (QSsl::KeyAlgorithm algorithm : { QSsl::Rsa, QSsl::Ec, QSsl::Dsa }) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

QNetworkProxy qtProxyFor(const QString &proxy, const QUrl &url)
{
    if (proxy.isEmpty())
        return QNetworkProxy(QNetworkProxy::NoProxy);
    if (proxy == QLatin1String("system")) {
        const QList<QNetworkProxy> proxies = QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(url));
        return proxies.isEmpty() ? QNetworkProxy(QNetworkProxy::NoProxy) : proxies.first();
    }
    const QUrl proxyUrl(proxy);
    const bool socks = proxyUrl.scheme().startsWith(QLatin1String("socks"));
    return QNetworkProxy(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy, proxyUrl.host(),
        quint16(proxyUrl.port(socks ? 1080 : 80)));
}

} // namespace

bool isProxyError(QNetworkReply::NetworkError error)
{
    return error == QNetworkReply::ProxyConnectionRefusedError || error == QNetworkReply::ProxyConnectionClosedError
        || error == QNetworkReply::ProxyNotFoundError || error == QNetworkReply::ProxyTimeoutError
        || error == QNetworkReply::ProxyAuthenticationRequiredError || error == QNetworkReply::UnknownProxyError;
}

QString ConnectionOptions::systemCaBundlePath()
{
    // Debian's (and curl's default there); other systems keep theirs elsewhere.
    for (const char *path : { "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt",
             "/etc/ssl/ca-bundle.pem", "/etc/ssl/cert.pem" }) {
        if (QFile::exists(QLatin1String(path)))
            return QLatin1String(path);
    }
    return {};
}

ConnectionOptions::ConnectionOptions(const scenario::Target &target, const QUrl &url)
    : m_insecure(target.tls.insecure)
{
    const scenario::TlsOptions &tls = target.tls;
    if (!tls.caFile.isEmpty()) {
        const QByteArray pem = readFile(tls.caFile, m_error);
        const QList<QSslCertificate> extra = QSslCertificate::fromData(pem, QSsl::Pem);
        if (extra.isEmpty() && m_error.isEmpty())
            m_error = QStringLiteral("\"%1\" (target.tls.ca_file) holds no PEM certificate").arg(tls.caFile);
        // addCaCertificates() alone would turn off Qt's loading of the system roots: add to them.
        m_ssl.setCaCertificates(QSslConfiguration::systemCaCertificates());
        m_ssl.addCaCertificates(extra);
        const QString system = systemCaBundlePath();
        QString ignored; // without a system bundle, the user's CAs are all there is
        m_caBundle = (system.isEmpty() ? QByteArray() : readFile(system, ignored)) + "\n" + pem;
    }
    if (!tls.clientCert.isEmpty()) {
        const QList<QSslCertificate> certs = QSslCertificate::fromData(readFile(tls.clientCert, m_error), QSsl::Pem);
        const QSslKey key = readKey(readFile(tls.clientKey, m_error));
        if (m_error.isEmpty() && certs.isEmpty())
            m_error = QStringLiteral("\"%1\" (target.tls.client_cert) holds no PEM certificate").arg(tls.clientCert);
        if (m_error.isEmpty() && key.isNull())
            m_error = QStringLiteral("\"%1\" (target.tls.client_key) holds no RSA, EC or DSA private key Qt can read")
                          .arg(tls.clientKey);
        if (!certs.isEmpty())
            m_ssl.setLocalCertificateChain(certs);
        m_ssl.setPrivateKey(key);
        m_clientCert = tls.clientCert.toLocal8Bit();
        m_clientKey = tls.clientKey.toLocal8Bit();
    }
    if (m_insecure)
        m_ssl.setPeerVerifyMode(QSslSocket::VerifyNone);

    m_qtProxy = qtProxyFor(target.proxy, url);
    if (target.proxy == QLatin1String("system")) {
        m_curlProxy = QByteArray(); // null: curl reads http_proxy, https_proxy, all_proxy, no_proxy
        m_usesProxy = m_qtProxy.type() != QNetworkProxy::NoProxy;
    } else {
        // "" (not null: a null QString gives a null QByteArray) = none, never the environment's.
        m_curlProxy = target.proxy.isEmpty() ? QByteArray("") : target.proxy.toUtf8();
        m_usesProxy = !target.proxy.isEmpty();
    }
}

} // namespace stampede::engine
