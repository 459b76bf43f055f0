// TLS as real gateways need it, once per transport (global rows "curl" and "qt"), against real
// TLS servers on 127.0.0.1 with a CA and certificates made by the test: refused without the CA
// (class tls), accepted with target.tls.ca_file, accepted and flagged with target.tls.insecure, a
// server that demands a client certificate refusing a client without one and accepting
// target.tls.client_cert/client_key; over HTTP/1.1 (QSslServer) and HTTP/2 by ALPN (nghttpd).
#include "engine/connectionoptions.h"
#include "enginefixture.h"
#include "recordingserver.h"
#include "runjobs.h"
#include "scenario/scenarioio.h"
#include "tlsfixture.h"

#include <QSslServer>

using namespace stampede;
using namespace stampede::test;

struct TlsCase {
    bool h2 = false;
    bool caFile = false;
    bool insecure = false;
    bool serverWantsCert = false;
    bool clientCert = false;
    bool tls12 = false; ///< HTTP/1.1 server only
};

Q_DECLARE_METATYPE(TlsCase)

class TestTls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { transportRows(); }
    void initTestCase()
    {
        const QString error = m_pki.make();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    void init() { selectTransportRow(); }

    void verification_data()
    {
        QTest::addColumn<TlsCase>("tls");
        QTest::addColumn<QString>("expected"); ///< "" = success, "refused" = any failure, else the error key
        for (const bool h2 : { false, true }) {
            const char *p = h2 ? "h2" : "http1";
            QTest::addRow("%s: no CA is refused", p)
                << TlsCase { h2, false, false, false, false } << QStringLiteral("tls");
            QTest::addRow("%s: ca_file", p) << TlsCase { h2, true, false, false, false } << QString();
            QTest::addRow("%s: insecure", p) << TlsCase { h2, false, true, false, false } << QString();
            // A TLS 1.3 server may close the connection after the handshake without an alert: the
            // client then sees a closed connection, not a TLS error (with an alert, it is `tls`).
            QTest::addRow("%s: mTLS without a client cert", p)
                << TlsCase { h2, true, false, true, false } << QStringLiteral("refused");
            QTest::addRow("%s: mTLS with client_cert", p) << TlsCase { h2, true, false, true, true } << QString();
        }
        QTest::addRow("http1 TLS 1.2: mTLS without a client cert")
            << TlsCase { false, true, false, true, false, true } << QStringLiteral("tls");
        QTest::addRow("http1 TLS 1.2: mTLS with client_cert")
            << TlsCase { false, true, false, true, true, true } << QString();
    }

    void verification()
    {
        QFETCH(TlsCase, tls);
        QFETCH(QString, expected);
        // Qt reports a server that closes during the handshake as "Connection closed", whatever
        // the reason; curl names the TLS failure.
        if (tls.tls12 && expected == QLatin1String("tls") && transportUnderTest() == scenario::TransportKind::Qt)
            expected = QStringLiteral("refused");
        QSslServer http1;
        std::unique_ptr<RecordingServer> recording;
        Nghttpd nghttpd;
        QUrl base;
        if (tls.h2) {
            if (!Nghttpd::available())
                QSKIP("nghttpd (Debian nghttp2-server) is not installed: bash packaging/bootstrap.sh deps");
            const QString error = nghttpd.start(m_pki, kCompletion, tls.serverWantsCert);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            base = nghttpd.baseUrl();
        } else {
            http1.setSslConfiguration(m_pki.serverConfiguration(tls.serverWantsCert, tls.tls12));
            QVERIFY(http1.listen(QHostAddress::LocalHost, 0));
            recording = std::make_unique<RecordingServer>(&http1);
            base = recording->baseUrl("https");
        }
        scenario::Scenario s = basicScenario(base, false);
        if (tls.caFile)
            s.target.tls.caFile = m_pki.caFile();
        s.target.tls.insecure = tls.insecure;
        if (tls.clientCert) {
            s.target.tls.clientCert = m_pki.clientCert();
            s.target.tls.clientKey = m_pki.clientKey();
        }
        for (const scenario::ValidationError &error : scenario::validate(s)) // the PEM files pass validate()
            QVERIFY2(!error.path.startsWith(QLatin1String("target")), qPrintable(error.toString()));
        const QList<metrics::RequestOutcome> outcomes = runJobs(s, 3, QStringLiteral("sk-canary-tls"));
        QCOMPARE(outcomes.size(), 3);
        for (const auto &outcome : outcomes) {
            const QString key = metrics::errorKey(outcome.errorClass, outcome.httpStatus);
            QVERIFY2(expected == QLatin1String("refused") ? !outcome.succeeded() : key == expected,
                qPrintable(metrics::errorKey(outcome.errorClass, outcome.httpStatus) + QStringLiteral(": ")
                    + outcome.errorMessage));
            if (expected.isEmpty())
                QCOMPARE(outcome.http2, tls.h2);
            else
                QVERIFY(!outcome.errorMessage.isEmpty());
        }
        if (recording && !expected.isEmpty())
            QVERIFY(recording->requests.isEmpty()); // nothing, not even the key, went out
    }

    void libraryReasonIsKept()
    {
        // The library's own words, e.g. curl "SSL certificate problem: unable to get local issuer
        // certificate", Qt "The issuer certificate of a locally looked up certificate could not be found".
        QSslServer http1;
        http1.setSslConfiguration(m_pki.serverConfiguration(false));
        QVERIFY(http1.listen(QHostAddress::LocalHost, 0));
        RecordingServer recording(&http1);
        const QList<metrics::RequestOutcome> outcomes = runJobs(basicScenario(recording.baseUrl("https"), false), 1);
        QCOMPARE(outcomes.size(), 1);
        QVERIFY2(outcomes[0].errorMessage.contains(QLatin1String("issuer"), Qt::CaseInsensitive),
            qPrintable(outcomes[0].errorMessage));
    }

    void caFileAddsToTheSystemStore()
    {
        // ca_file must not replace the system store: a public CA stays trusted beside the test CA.
        engine::ConnectionOptions options(
            [this] {
                scenario::Target t;
                t.tls.caFile = m_pki.caFile();
                return t;
            }(),
            QUrl(QStringLiteral("https://127.0.0.1/v1/chat/completions")));
        QVERIFY2(options.error().isEmpty(), qPrintable(options.error()));
        const QList<QSslCertificate> cas = options.sslConfiguration().caCertificates();
        const QList<QSslCertificate> system = QSslConfiguration::systemCaCertificates();
        if (system.isEmpty())
            QSKIP("this machine has no system CA store");
        QVERIFY(cas.size() == system.size() + 1);
        QVERIFY(cas.contains(QSslCertificate::fromPath(m_pki.caFile()).value(0)));
        QFile ca(m_pki.caFile());
        QVERIFY(ca.open(QIODevice::ReadOnly));
        const QByteArray pem = ca.readAll();
        QVERIFY(options.curlCaBundle().endsWith(pem)); // curl: the system bundle, then ca_file
        QVERIFY(options.curlCaBundle().size() > pem.size() + 1000);
    }

    void insecureRunIsFlaggedAndPreflightPasses()
    {
        QSslServer http1;
        http1.setSslConfiguration(m_pki.serverConfiguration(false));
        QVERIFY(http1.listen(QHostAddress::LocalHost, 0));
        RecordingServer recording(&http1);
        scenario::Scenario s = shortRun(recording.baseUrl("https"));
        s.target.tls.insecure = true;
        const RunResult result = runToEnd(s, {}, 20000);
        QVERIFY2(result.finished, qPrintable(result.failure));
        QVERIFY(result.summary.tlsInsecure);
        QVERIFY(result.summary.overall.requests > 0);
        QCOMPARE(result.summary.overall.failures, std::int64_t(0));
    }

    void preflightRefusesAnUnknownCa()
    {
        QSslServer http1;
        http1.setSslConfiguration(m_pki.serverConfiguration(false));
        QVERIFY(http1.listen(QHostAddress::LocalHost, 0));
        RecordingServer recording(&http1);
        scenario::Scenario s = shortRun(recording.baseUrl("https"));
        RunResult result = runToEnd(s, {}, 20000);
        QVERIFY(result.failed && result.preflightFailed);
        QVERIFY2(result.failure.contains(QLatin1String("TLS handshake")), qPrintable(result.failure));
        s.target.tls.caFile = m_pki.caFile();
        result = runToEnd(s, {}, 20000);
        QVERIFY2(result.finished, qPrintable(result.failure));
    }

private:
    /// Half a second of one VU, with the preflight.
    static scenario::Scenario shortRun(const QUrl &base)
    {
        scenario::Scenario s = basicScenario(base, false);
        s.preflight = true;
        s.load.executor = scenario::ExecutorKind::ConstantVus;
        s.load.vus = 1;
        s.load.durationMs = 500;
        return s;
    }

    TestPki m_pki;
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
