#pragma once
// target.tls and target.proxy, loaded once per run into the forms both HTTP clients take: Qt's
// QSslConfiguration / QNetworkProxy (the qt transport and the preflight) and the PEM bytes and
// proxy string libcurl takes. Immutable after load(); read from every worker thread.

#include "scenario/scenario.h"

#include <QByteArray>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

namespace stampede::engine {

class ConnectionOptions
{
public:
    ConnectionOptions() = default;
    /// Reads the PEM files `target.tls` names (validate() checked them; they may have changed
    /// since: then error() says which and why) and resolves `target.proxy` for `url`.
    ConnectionOptions(const scenario::Target &target, const QUrl &url);

    /// Why the TLS files could not be used, or empty.
    const QString &error() const { return m_error; }
    bool insecure() const { return m_insecure; }

    /// Qt: the system CAs plus ca_file, the client certificate and key, VerifyNone when insecure.
    const QSslConfiguration &sslConfiguration() const { return m_ssl; }
    /// Qt: no proxy, the environment's ("system"), or the scenario's.
    const QNetworkProxy &qtProxy() const { return m_qtProxy; }

    /// curl: the system bundle followed by ca_file (CAINFO would replace the system store), or
    /// empty when there is no ca_file (curl's own default then).
    const QByteArray &curlCaBundle() const { return m_caBundle; }
    const QByteArray &clientCertFile() const { return m_clientCert; }
    const QByteArray &clientKeyFile() const { return m_clientKey; }
    /// curl: the CURLOPT_PROXY value; "" = none. Null when curl reads the environment ("system").
    const QByteArray &curlProxy() const { return m_curlProxy; }
    /// Whether requests go through a proxy (then a failure to reach it is class `proxy`).
    bool usesProxy() const { return m_usesProxy; }

    /// Where curl finds the system's CA bundle on this machine.
    static QString systemCaBundlePath();

private:
    QString m_error;
    bool m_insecure = false;
    bool m_usesProxy = false;
    QSslConfiguration m_ssl = QSslConfiguration::defaultConfiguration();
    QNetworkProxy m_qtProxy { QNetworkProxy::NoProxy };
    QByteArray m_caBundle;
    QByteArray m_clientCert, m_clientKey;
    QByteArray m_curlProxy { "" };
};

/// Qt's errors of the proxy itself (not of the server behind it).
bool isProxyError(QNetworkReply::NetworkError error);

} // namespace stampede::engine
