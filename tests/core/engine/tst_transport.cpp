// The transport seam, once per transport (global rows "curl" and "qt"), over real sockets on
// 127.0.0.1: both send the same request (method, path, headers, key, body), refuse a certificate
// they cannot verify with the same error class, speak h2c by prior knowledge when asked, deliver a
// stream as it arrives, and take the worker's per-request bookkeeping through a spike and back.
#include "engine/curltransport.h"
#include "engine/endpoint.h"
#include "engine/runcontext.h"
#include "engine/worker.h"
#include "enginefixture.h"
#include "recordingserver.h"
#include "runjobs.h"
#include "testsupport.h"

#include <QFile>
#include <QProcess>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <algorithm>

using namespace stampede;
using namespace stampede::test;

class TestTransport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { transportRows(); }
    void init() { selectTransportRow(); }

    void sendsTheSameRequest()
    {
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tcp);
        scenario::Scenario s = basicScenario(server.baseUrl(), false);
        s.target.headers.insert(QStringLiteral("X-Team"), QStringLiteral("perf"));
        s.target.headers.insert(QStringLiteral("accept"), QStringLiteral("application/json; q=1")); // replaces ours
        const QList<metrics::RequestOutcome> outcomes = runJobs(s, 3, QStringLiteral("sk-canary-0123"));
        QCOMPARE(outcomes.size(), 3);
        for (const auto &outcome : outcomes) {
            QVERIFY2(outcome.succeeded(), qPrintable(outcome.errorMessage));
            QVERIFY(outcome.sentNs >= outcome.dispatchedNs && outcome.endNs > outcome.sentNs);
            QCOMPARE(outcome.completionTokens, 1);
        }
        QCOMPARE(server.requests.size(), 3);
        for (const auto &request : std::as_const(server.requests)) {
            QCOMPARE(request.requestLine, QByteArrayLiteral("POST /v1/chat/completions HTTP/1.1"));
            QCOMPARE(request.header("Authorization"), QByteArrayLiteral("Bearer sk-canary-0123"));
            QCOMPARE(request.header("Content-Type"), QByteArrayLiteral("application/json"));
            QCOMPARE(request.header("X-Team"), QByteArrayLiteral("perf"));
            QVERIFY(request.header("User-Agent").startsWith("Stampede/"));
            int accepts = 0;
            for (const auto &header : request.headers)
                accepts += header.first.compare("Accept", Qt::CaseInsensitive) == 0;
            QCOMPARE(accepts, 1);
            QCOMPARE(request.header("Accept"), QByteArrayLiteral("application/json; q=1"));
            QVERIFY(request.header("Expect").isEmpty()); // no 100-continue round trip
            const auto body = nlohmann::json::parse(request.body.toStdString());
            QCOMPARE(QString::fromStdString(body.at("model").get<std::string>()), QStringLiteral("m"));
            QCOMPARE(body.at("stream").get<bool>(), false);
        }
    }

    void streamArrivesAsItIsSent()
    {
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tcp, 150);
        const QList<metrics::RequestOutcome> outcomes = runJobs(basicScenario(server.baseUrl(), true), 2);
        QCOMPARE(outcomes.size(), 2);
        for (const auto &outcome : outcomes) {
            QVERIFY2(outcome.succeeded(), qPrintable(outcome.errorMessage));
            QCOMPARE(outcome.itlUs.size(), size_t(2)); // three content chunks, two gaps
            for (std::uint32_t gap : outcome.itlUs)
                QVERIFY2(gap > 100000 && gap < 400000, qPrintable(QString::number(gap)));
            QVERIFY(outcome.firstTokenNs - outcome.sentNs < 100'000'000); // first chunk at once, not at the end
            QVERIFY(outcome.endNs - outcome.firstTokenNs > 250'000'000);
            QCOMPARE(outcome.completionTokens, 3);
            QVERIFY(!outcome.tokensEstimated);
        }
        QCOMPARE(server.requests.first().header("Accept"), QByteArrayLiteral("text/event-stream"));
    }

    void oversizedBodyIsCutOff()
    {
        // The runner aborts from inside the transport's data callback (curl defers that abort).
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tcp, 0, 20 * 1024 * 1024);
        const QList<metrics::RequestOutcome> outcomes = runJobs(basicScenario(server.baseUrl(), false), 2);
        QCOMPARE(outcomes.size(), 2);
        for (const auto &outcome : outcomes) {
            QCOMPARE(metrics::errorKey(outcome.errorClass, outcome.httpStatus), QStringLiteral("malformed_response"));
            QVERIFY2(
                outcome.errorMessage.contains(QLatin1String("larger than 16 MiB")), qPrintable(outcome.errorMessage));
            QVERIFY(outcome.bytesReceived > 16 * 1024 * 1024);
            // curl stops reading at once; Qt's HTTP thread may have read it all before the worker hears of it.
            if (transportUnderTest() == scenario::TransportKind::Curl)
                QVERIFY2(outcome.bytesReceived < 20 * 1024 * 1024, qPrintable(QString::number(outcome.bytesReceived)));
        }
    }

    void endlessStreamsAreCutOff_data()
    {
        QTest::addColumn<int>("endless");
        QTest::addColumn<QString>("message");
        QTest::addRow("one line without end")
            << int(RecordingServer::Endless::Line) << QStringLiteral("longer than 1 MiB");
        QTest::addRow("events without end")
            << int(RecordingServer::Endless::Events) << QStringLiteral("stream larger than 16 MiB");
    }
    void endlessStreamsAreCutOff()
    {
        QFETCH(int, endless);
        QFETCH(QString, message);
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tcp, 0, 0, RecordingServer::Endless(endless));
        scenario::Scenario s = basicScenario(server.baseUrl(), true);
        s.target.timeoutMs = 20000; // the caps end it, not the timeout
        const QList<metrics::RequestOutcome> outcomes = runJobs(s, 2);
        QCOMPARE(outcomes.size(), 2);
        for (const auto &outcome : outcomes) {
            QCOMPARE(metrics::errorKey(outcome.errorClass, outcome.httpStatus), QStringLiteral("malformed_response"));
            QVERIFY2(outcome.errorMessage.contains(message), qPrintable(outcome.errorMessage));
        }
    }

    void redirectsAreNotFollowed()
    {
        // The key must never reach an origin the user did not configure (Qt's default policy took
        // Authorization to any origin; a 301/302 also turned the POST into a GET).
        QTcpServer elsewhereTcp, redirectingTcp;
        QVERIFY(elsewhereTcp.listen(QHostAddress::LocalHost, 0) && redirectingTcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer elsewhere(&elsewhereTcp);
        const QByteArray target = elsewhere.baseUrl().toString().toUtf8() + "/chat/completions";
        RecordingServer redirecting(&redirectingTcp, 0, 0, RecordingServer::Endless::No, target);
        const QList<metrics::RequestOutcome> outcomes
            = runJobs(basicScenario(redirecting.baseUrl(), false), 2, QStringLiteral("sk-canary-redirect"));
        QCOMPARE(outcomes.size(), 2);
        for (const auto &outcome : outcomes) {
            QCOMPARE(metrics::errorKey(outcome.errorClass, outcome.httpStatus), QStringLiteral("http_307"));
            QVERIFY2(outcome.errorMessage.contains(QLatin1String("not followed")), qPrintable(outcome.errorMessage));
            QVERIFY(outcome.errorMessage.contains(QString::fromUtf8(target)));
        }
        QCOMPARE(redirecting.requests.size(), 2);
        QVERIFY(elsewhere.requests.isEmpty());
    }

    void followsSameOrigin307And308_data()
    {
        QTest::addColumn<QByteArray>("status");
        QTest::addRow("307") << QByteArray("307 Temporary Redirect");
        QTest::addRow("308") << QByteArray("308 Permanent Redirect");
    }

    void followsSameOrigin307And308()
    {
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tcp, 0, 0, RecordingServer::Endless::No, "/v2/chat/completions");
        QFETCH(QByteArray, status);
        server.redirectStatus = status;
        scenario::Scenario s = basicScenario(server.baseUrl(), false);
        s.target.followRedirects = true;
        const QList<metrics::RequestOutcome> outcomes = runJobs(s, 2, QStringLiteral("sk-canary-redirect"));
        QCOMPARE(outcomes.size(), 2);
        for (const auto &outcome : outcomes) {
            QVERIFY2(outcome.succeeded(), qPrintable(outcome.errorMessage));
            QCOMPARE(outcome.redirects, 1);
            QCOMPARE(outcome.attempts, 1);
            QCOMPARE(outcome.httpStatus, 200);
        }
        QCOMPARE(server.requests.size(), 4);
        QList<QByteArray> firstBodies, secondBodies;
        for (const auto &request : std::as_const(server.requests)) {
            QCOMPARE(request.header("Authorization"), QByteArray("Bearer sk-canary-redirect"));
            if (request.requestLine.startsWith("POST /v1/chat/completions"))
                firstBodies << request.body;
            else if (request.requestLine.startsWith("POST /v2/chat/completions")) // still a POST
                secondBodies << request.body;
        }
        QCOMPARE(firstBodies.size(), 2);
        std::sort(firstBodies.begin(), firstBodies.end());
        std::sort(secondBodies.begin(), secondBodies.end());
        QCOMPARE(secondBodies, firstBodies); // the same bodies again
    }

    void redirectsThatAreNeverFollowed_data()
    {
        QTest::addColumn<QByteArray>("status");
        QTest::addColumn<bool>("otherOrigin");
        QTest::addColumn<bool>("loop");
        QTest::addColumn<QString>("phrase");
        QTest::addRow("301") << QByteArray("301 Moved Permanently") << false << false
                             << QStringLiteral("only 307/308 keep the POST");
        QTest::addRow("302") << QByteArray("302 Found") << false << false
                             << QStringLiteral("only 307/308 keep the POST");
        QTest::addRow("303") << QByteArray("303 See Other") << false << false
                             << QStringLiteral("only 307/308 keep the POST");
        QTest::addRow("307 to another origin") << QByteArray("307 Temporary Redirect") << true << false
                                               << QStringLiteral("not the origin of target.base_url");
        QTest::addRow("308 loop") << QByteArray("308 Permanent Redirect") << false << true
                                  << QStringLiteral("more than 5 redirects");
    }

    void redirectsThatAreNeverFollowed()
    {
        QFETCH(QByteArray, status);
        QFETCH(bool, otherOrigin);
        QFETCH(bool, loop);
        QFETCH(QString, phrase);
        QTcpServer elsewhereTcp, tcp;
        QVERIFY(elsewhereTcp.listen(QHostAddress::LocalHost, 0) && tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer elsewhere(&elsewhereTcp);
        const QByteArray location = otherOrigin ? elsewhere.baseUrl().toString().toUtf8() + "/chat/completions"
            : loop ? QStringLiteral("http://127.0.0.1:%1/v1/chat/completions").arg(tcp.serverPort()).toUtf8()
                   : QByteArray("/v2/chat/completions");
        RecordingServer server(&tcp, 0, 0, RecordingServer::Endless::No, location);
        server.redirectStatus = status;
        scenario::Scenario s = basicScenario(server.baseUrl(), false);
        s.target.followRedirects = true;
        const QList<metrics::RequestOutcome> outcomes = runJobs(s, 1, QStringLiteral("sk-canary-redirect"));
        QCOMPARE(outcomes.size(), 1);
        const metrics::RequestOutcome &outcome = outcomes.first();
        QCOMPARE(outcome.errorClass, metrics::ErrorClass::Http);
        QCOMPARE(outcome.httpStatus, status.left(3).toInt());
        QVERIFY2(outcome.errorMessage.contains(phrase), qPrintable(outcome.errorMessage));
        QVERIFY2(outcome.errorMessage.contains(QString::fromUtf8(location)), qPrintable(outcome.errorMessage));
        QCOMPARE(outcome.redirects, loop ? 5 : 0);
        QCOMPARE(server.requests.size(), loop ? 6 : 1);
        QVERIFY(elsewhere.requests.isEmpty());
    }

    void responseCapIsConfigurable()
    {
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tcp, 0, 200 * 1024);
        scenario::Scenario s = basicScenario(server.baseUrl(), false);
        s.target.limits.maxResponseBytes = 100 * 1024;
        const QList<metrics::RequestOutcome> outcomes = runJobs(s, 1);
        QCOMPARE(outcomes.size(), 1);
        QCOMPARE(
            metrics::errorKey(outcomes[0].errorClass, outcomes[0].httpStatus), QStringLiteral("malformed_response"));
        QVERIFY2(
            outcomes[0].errorMessage.contains(QLatin1String("larger than 100 KiB (target.limits.max_response_bytes)")),
            qPrintable(outcomes[0].errorMessage));
        if (transportUnderTest() == scenario::TransportKind::Curl) // Qt's HTTP thread may read it all first
            QVERIFY(outcomes[0].bytesReceived < 200 * 1024);
    }

    void eventCapIsConfigurable()
    {
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tcp, 0, 0, RecordingServer::Endless::Line);
        scenario::Scenario s = basicScenario(server.baseUrl(), true);
        s.target.limits.maxEventBytes = 4096;
        const QList<metrics::RequestOutcome> outcomes = runJobs(s, 1);
        QCOMPARE(outcomes.size(), 1);
        QVERIFY2(outcomes[0].errorMessage.contains(QLatin1String("longer than 4 KiB (target.limits.max_event_bytes)")),
            qPrintable(outcomes[0].errorMessage));
    }

    void unverifiableCertificateIsATlsError()
    {
        QFile certFile(dataPath(QStringLiteral("tls/selfsigned.crt")));
        QFile keyFile(dataPath(QStringLiteral("tls/selfsigned.key")));
        QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(QSslCertificate(certFile.readAll()));
        config.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
        QSslServer tls;
        tls.setSslConfiguration(config);
        QVERIFY(tls.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tls);
        const QList<metrics::RequestOutcome> outcomes = runJobs(basicScenario(server.baseUrl("https"), false), 2);
        QCOMPARE(outcomes.size(), 2);
        for (const auto &outcome : outcomes) {
            QCOMPARE(metrics::errorKey(outcome.errorClass, outcome.httpStatus), QStringLiteral("tls"));
            QVERIFY(!outcome.errorMessage.isEmpty());
        }
        QVERIFY(server.requests.isEmpty()); // nothing, not even the key, went to the unverified server
    }

    void h2cByPriorKnowledge()
    {
        const QString nghttpd = QStandardPaths::findExecutable(QStringLiteral("nghttpd"));
        if (nghttpd.isEmpty())
            QSKIP("nghttpd (Debian nghttp2-server) is not installed: bash packaging/bootstrap.sh deps");
        QTemporaryDir root;
        QVERIFY(QDir(root.path()).mkpath(QStringLiteral("v1/chat")));
        QFile file(root.filePath(QStringLiteral("v1/chat/completions")));
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(kCompletion) == kCompletion.size());
        file.close();
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        QProcess server;
        server.start(nghttpd,
            { QStringLiteral("--no-tls"), QStringLiteral("--address=127.0.0.1"), QStringLiteral("-d"), root.path(),
                QString::number(port) });
        QVERIFY(server.waitForStarted());
        QVERIFY(QTest::qWaitFor(
            [port] {
                QTcpSocket socket;
                socket.connectToHost(QHostAddress::LocalHost, port);
                return socket.waitForConnected(100);
            },
            5000));
        scenario::Scenario s = basicScenario(QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(port)), false);
        s.target.http2 = scenario::Http2Mode::H2c;
        const QList<metrics::RequestOutcome> outcomes = runJobs(s, 20);
        server.terminate();
        server.waitForFinished();
        QCOMPARE(outcomes.size(), 20);
        for (const auto &outcome : outcomes) {
            QVERIFY2(outcome.succeeded(), qPrintable(outcome.errorMessage));
            QVERIFY(outcome.http2);
        }
        // Before libcurl 8.0.0 a reused h2c connection fails: such a run goes to Qt, and says so.
        const bool curlCan = engine::CurlTransport::reusesH2cConnections();
        QCOMPARE(engine::transportFallback(s.target).isEmpty(),
            curlCan || transportUnderTest() == scenario::TransportKind::Qt);
        QCOMPARE(
            int(engine::resolveTransport(s.target)), int(curlCan ? transportUnderTest() : scenario::TransportKind::Qt));
    }
};

QTEST_GUILESS_MAIN(TestTransport)
#include "tst_transport.moc"
