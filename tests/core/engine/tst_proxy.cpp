// target.proxy, once per transport (global rows "curl" and "qt"), through a small HTTP proxy on
// 127.0.0.1: http targets are forwarded (absolute URI), https targets tunnelled (CONNECT, and the
// key never appears in what the proxy can read), and the proxy's own failures — unreachable,
// CONNECT refused, 407 — are class `proxy`, apart from the server's.
#include "enginefixture.h"
#include "recordingserver.h"
#include "runjobs.h"
#include "scenario/scenarioio.h"
#include "testproxy.h"
#include "tlsfixture.h"

#include <QSslServer>

using namespace stampede;
using namespace stampede::test;

namespace {
const QString kKey = QStringLiteral("sk-canary-proxy");

QString keyOf(const metrics::RequestOutcome &outcome)
{
    return metrics::errorKey(outcome.errorClass, outcome.httpStatus);
}
/// Three requests of `s` (valid as far as target goes) all succeed and all reach `server`.
void runThrough(const scenario::Scenario &s, const RecordingServer &server)
{
    for (const scenario::ValidationError &error : scenario::validate(s))
        QVERIFY2(!error.path.startsWith(QLatin1String("target")), qPrintable(error.toString()));
    const QList<metrics::RequestOutcome> outcomes = runJobs(s, 3, kKey);
    QCOMPARE(outcomes.size(), 3);
    for (const auto &outcome : outcomes)
        QVERIFY2(outcome.succeeded(), qPrintable(keyOf(outcome) + QStringLiteral(": ") + outcome.errorMessage));
    QCOMPARE(server.requests.size(), 3);
}
} // namespace

class TestProxyRoute : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { transportRows(); }
    void init() { selectTransportRow(); }

    void httpTargetIsForwarded()
    {
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tcp);
        TestProxy proxy;
        scenario::Scenario s = basicScenario(server.baseUrl(), false);
        s.target.proxy = proxy.url();
        runThrough(s, server);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(!proxy.heads.isEmpty());
        // Absolute-URI forwarding: a plain http base URL is readable by the proxy (documented).
        QVERIFY2(proxy.heads.first().startsWith(
                     QByteArray("POST " + server.baseUrl().toString().toUtf8() + "/chat/completions")),
            proxy.heads.first().constData());
    }

    void httpsTargetIsTunnelled()
    {
        TestPki pki;
        const QString made = pki.make();
        QVERIFY2(made.isEmpty(), qPrintable(made));
        QSslServer tls;
        tls.setSslConfiguration(pki.serverConfiguration(false));
        QVERIFY(tls.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tls);
        TestProxy proxy;
        scenario::Scenario s = basicScenario(server.baseUrl("https"), false);
        s.target.proxy = proxy.url();
        s.target.tls.caFile = pki.caFile();
        const QList<metrics::RequestOutcome> outcomes = runJobs(s, 3, kKey);
        QCOMPARE(outcomes.size(), 3);
        for (const auto &outcome : outcomes)
            QVERIFY2(outcome.succeeded(), qPrintable(keyOf(outcome) + QStringLiteral(": ") + outcome.errorMessage));
        QCOMPARE(server.requests.size(), 3);
        QCOMPARE(server.requests.first().header("Authorization"), "Bearer " + kKey.toUtf8());
        QVERIFY(!proxy.heads.isEmpty());
        for (const QByteArray &head : std::as_const(proxy.heads)) {
            QVERIFY2(head.startsWith(QByteArray("CONNECT 127.0.0.1:" + QByteArray::number(tls.serverPort()))),
                head.constData());
            QVERIFY(!head.contains(kKey.toUtf8())); // the key travels inside the tunnel only
        }
    }

    void socks5_data()
    {
        QTest::addColumn<bool>("https");
        QTest::addRow("http") << false;
        QTest::addRow("https") << true;
    }

    void socks5()
    {
        QFETCH(bool, https);
        TestPki pki;
        if (https) {
            const QString made = pki.make();
            QVERIFY2(made.isEmpty(), qPrintable(made));
        }
        QSslServer tls;
        tls.setSslConfiguration(pki.serverConfiguration(false));
        QTcpServer tcp;
        QTcpServer *listening = https ? &tls : &tcp;
        QVERIFY(listening->listen(QHostAddress::LocalHost, 0));
        RecordingServer server(listening);
        TestProxy proxy(TestProxy::Mode::Socks5);
        scenario::Scenario s = basicScenario(server.baseUrl(https ? "https" : "http"), false);
        s.target.proxy = proxy.url();
        if (https)
            s.target.tls.caFile = pki.caFile();
        runThrough(s, server);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(!proxy.heads.isEmpty());
        QCOMPARE(proxy.heads.first(), "SOCKS5 CONNECT port " + QByteArray::number(listening->serverPort()));
    }

    void proxyFailuresAreClassProxy_data()
    {
        QTest::addColumn<int>("mode"); ///< TestProxy::Mode, or -1: nothing listens
        QTest::addColumn<bool>("https");
        QTest::addRow("unreachable") << -1 << false;
        QTest::addRow("CONNECT refused (403)") << int(TestProxy::Mode::RefuseConnect) << true;
        QTest::addRow("407 to CONNECT") << int(TestProxy::Mode::RequireAuth) << true;
        QTest::addRow("407 to a forwarded request") << int(TestProxy::Mode::RequireAuth) << false;
    }

    void proxyFailuresAreClassProxy()
    {
        QFETCH(int, mode);
        QFETCH(bool, https);
        QTcpServer tcp; // the origin: never reached
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tcp);
        std::unique_ptr<TestProxy> proxy;
        QString proxyUrl;
        if (mode >= 0) {
            proxy = std::make_unique<TestProxy>(TestProxy::Mode(mode));
            proxyUrl = proxy->url();
        } else {
            QTcpServer closed;
            QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
            proxyUrl = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
        }
        scenario::Scenario s = basicScenario(server.baseUrl(https ? "https" : "http"), false);
        s.target.proxy = proxyUrl;
        const QList<metrics::RequestOutcome> outcomes = runJobs(s, 2, kKey);
        QCOMPARE(outcomes.size(), 2);
        for (const auto &outcome : outcomes) {
            QVERIFY2(keyOf(outcome) == QLatin1String("proxy"),
                qPrintable(keyOf(outcome) + QStringLiteral(": ") + outcome.errorMessage));
            QVERIFY2(
                outcome.errorMessage.startsWith(QStringLiteral("proxy ") + proxyUrl), qPrintable(outcome.errorMessage));
            QVERIFY(!outcome.errorMessage.contains(kKey));
        }
        QVERIFY(server.requests.isEmpty());
    }

    void noProxyByDefaultEvenWithEnvironment()
    {
        // http_proxy in the environment is ignored unless the scenario says "system".
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        RecordingServer server(&tcp);
        TestProxy proxy;
        qputenv("http_proxy", proxy.url().toUtf8());
        qputenv("no_proxy", "");
        scenario::Scenario s = basicScenario(server.baseUrl(), false);
        QList<metrics::RequestOutcome> outcomes = runJobs(s, 2, kKey);
        QCOMPARE(outcomes.size(), 2);
        QVERIFY(proxy.heads.isEmpty());
        s.target.proxy = QStringLiteral("system");
        outcomes = runJobs(s, 2, kKey);
        qunsetenv("http_proxy");
        qunsetenv("no_proxy");
        QCOMPARE(outcomes.size(), 2);
        for (const auto &outcome : outcomes)
            QVERIFY2(outcome.succeeded(), qPrintable(keyOf(outcome) + QStringLiteral(": ") + outcome.errorMessage));
        QVERIFY(!proxy.heads.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestProxyRoute)
#include "tst_proxy.moc"
