#pragma once
// A throw-away PKI made at run time with the openssl CLI (a CA, a server certificate for
// 127.0.0.1, a client certificate for mTLS) and the two TLS servers the engine tests use:
// QSslServer + RecordingServer for HTTP/1.1, nghttpd for HTTP/2 negotiated by ALPN.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest/QTest>

namespace stampede::test {

using namespace Qt::StringLiterals;

class TestPki
{
public:
    /// Empty when everything was made; else what failed.
    QString make()
    {
        if (!m_dir.isValid())
            return QStringLiteral("no temporary folder");
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        if (openssl.isEmpty())
            return QStringLiteral("openssl is not installed: bash packaging/bootstrap.sh deps");
        QFile ext(path("ext.cnf"));
        if (!ext.open(QIODevice::WriteOnly))
            return ext.errorString();
        ext.write("[server]\nsubjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n"
                  "[client]\nextendedKeyUsage=clientAuth\n");
        ext.close();
        const QList<QStringList> steps = {
            { u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, path("ca.key"), u"-out"_s,
                path("ca.pem"), u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=Stampede Test CA"_s, u"-addext"_s,
                u"basicConstraints=critical,CA:TRUE"_s, u"-addext"_s, u"keyUsage=critical,keyCertSign,cRLSign"_s },
            { u"req"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, path("server.key"), u"-out"_s,
                path("server.csr"), u"-subj"_s, u"/CN=127.0.0.1"_s },
            { u"x509"_s, u"-req"_s, u"-in"_s, path("server.csr"), u"-CA"_s, path("ca.pem"), u"-CAkey"_s, path("ca.key"),
                u"-CAcreateserial"_s, u"-out"_s, path("server.pem"), u"-days"_s, u"2"_s, u"-extfile"_s, path("ext.cnf"),
                u"-extensions"_s, u"server"_s },
            { u"req"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, path("client.key"), u"-out"_s,
                path("client.csr"), u"-subj"_s, u"/CN=stampede-client"_s },
            { u"x509"_s, u"-req"_s, u"-in"_s, path("client.csr"), u"-CA"_s, path("ca.pem"), u"-CAkey"_s, path("ca.key"),
                u"-CAcreateserial"_s, u"-out"_s, path("client.pem"), u"-days"_s, u"2"_s, u"-extfile"_s, path("ext.cnf"),
                u"-extensions"_s, u"client"_s },
        };
        for (const QStringList &args : steps) {
            QProcess process;
            process.start(openssl, args);
            if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit
                || process.exitCode() != 0)
                return QStringLiteral("openssl %1 failed: %2")
                    .arg(args.join(QLatin1Char(' ')), QString::fromLocal8Bit(process.readAllStandardError()));
        }
        return {};
    }

    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }
    QString caFile() const { return path("ca.pem"); }
    QString clientCert() const { return path("client.pem"); }
    QString clientKey() const { return path("client.key"); }

    /// The server side for QSslServer; with `requireClientCert`, a client certificate from the CA is required.
    /// With `tls12`, TLS 1.2 only: there the server refuses a missing client certificate inside the
    /// handshake, where TLS 1.3 servers may just close the connection after it.
    QSslConfiguration serverConfiguration(bool requireClientCert, bool tls12 = false) const
    {
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        if (tls12)
            config.setProtocol(QSsl::TlsV1_2);
        config.setLocalCertificateChain(QSslCertificate::fromPath(path("server.pem")));
        QFile key(path("server.key"));
        if (key.open(QIODevice::ReadOnly))
            config.setPrivateKey(QSslKey(key.readAll(), QSsl::Rsa));
        if (requireClientCert) {
            config.setCaCertificates(QSslCertificate::fromPath(caFile()));
            config.setPeerVerifyMode(QSslSocket::VerifyPeer);
        } else {
            config.setPeerVerifyMode(QSslSocket::VerifyNone);
        }
        return config;
    }

private:
    QTemporaryDir m_dir;
};

/// nghttpd over TLS (HTTP/2 only, by ALPN) serving `body` at /v1/chat/completions, also to POST.
class Nghttpd
{
public:
    ~Nghttpd()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            m_process.waitForFinished(5000);
        }
    }
    static bool available() { return !QStandardPaths::findExecutable(QStringLiteral("nghttpd")).isEmpty(); }

    /// Empty when listening; else why not.
    QString start(const TestPki &pki, const QByteArray &body, bool verifyClient)
    {
        if (!QDir(m_root.path()).mkpath(QStringLiteral("v1/chat")))
            return QStringLiteral("cannot make the document root");
        QFile file(m_root.filePath(QStringLiteral("v1/chat/completions")));
        if (!file.open(QIODevice::WriteOnly) || file.write(body) != body.size())
            return file.errorString();
        file.close();
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return probe.errorString();
        m_port = probe.serverPort();
        probe.close();
        QStringList args { QStringLiteral("--address=127.0.0.1"), QStringLiteral("-d"), m_root.path() };
        if (verifyClient)
            args << QStringLiteral("--verify-client");
        args << QString::number(m_port) << pki.path("server.key") << pki.path("server.pem");
        m_process.start(QStandardPaths::findExecutable(QStringLiteral("nghttpd")), args);
        if (!m_process.waitForStarted())
            return m_process.errorString();
        const quint16 port = m_port;
        if (!QTest::qWaitFor(
                [port] {
                    QTcpSocket socket;
                    socket.connectToHost(QHostAddress::LocalHost, port);
                    return socket.waitForConnected(100);
                },
                5000))
            return QStringLiteral("nghttpd did not listen: ")
                + QString::fromLocal8Bit(m_process.readAllStandardError());
        return {};
    }
    QUrl baseUrl() const { return QUrl(QStringLiteral("https://127.0.0.1:%1/v1").arg(m_port)); }

private:
    QTemporaryDir m_root;
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace stampede::test
