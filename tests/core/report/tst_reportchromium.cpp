// The HTML report in a real browser, offline: Debian's chromium, headless, every host name
// unresolvable and the only route out a local "proxy" that answers nothing and writes down every
// request. The charts must render, the inline script must run, and the page must request nothing:
// the page's own Resource Timing list stays empty and no request in the proxy log comes from it
// (Chromium's own background calls to Google services still try, and are ignored by name).

#include "reportfixture.h"

#include "report/htmlreport.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace stampede;

namespace {

QString findChromium()
{
    for (const char *name : { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" }) {
        const QString path = QStandardPaths::findExecutable(QLatin1StringView(name));
        if (!path.isEmpty())
            return path;
    }
    return {};
}

/// Chromium's output for `extra` arguments; the event loop runs meanwhile (the proxy counts).
QByteArray runChromium(
    const QString &chromium, const QString &profile, quint16 proxyPort, const QStringList &extra, int *exitCode)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    QStringList args { QStringLiteral("--headless"), QStringLiteral("--no-sandbox"), QStringLiteral("--disable-gpu"),
        QStringLiteral("--disable-quic"), QStringLiteral("--no-first-run"),
        QStringLiteral("--disable-background-networking"), QStringLiteral("--disable-component-update"),
        QStringLiteral("--disable-sync"), QStringLiteral("--disable-default-apps"),
        QStringLiteral("--disable-extensions"), QStringLiteral("--hide-scrollbars"),
        QStringLiteral("--user-data-dir=") + profile, QStringLiteral("--proxy-server=127.0.0.1:%1").arg(proxyPort),
        QStringLiteral("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1") };
    process.start(chromium, args + extra);
    QSignalSpy finished(&process, &QProcess::finished);
    if (!finished.wait(90000)) {
        process.kill();
        process.waitForFinished();
    }
    *exitCode = process.exitCode();
    return process.readAllStandardOutput();
}

int attribute(const QString &tag, const QString &name)
{
    const QRegularExpression re(name + QStringLiteral("=\"(\\d+)\""));
    const auto m = re.match(tag);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

} // namespace

class TestReportChromium : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rendersOfflineAndFetchesNothing();
};

void TestReportChromium::rendersOfflineAndFetchesNothing()
{
    const QString chromium = findChromium();
    if (chromium.isEmpty())
        QSKIP("chromium is not installed (Debian: apt-get install chromium; packaging/bootstrap.sh installs it)");
    QTemporaryDir dir;
    const QString page = dir.filePath(QStringLiteral("report.html"));
    QFile file(page);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(report::htmlReport(test::syntheticRecord(300)));
    file.close();

    // Anything that tries the network goes to this proxy, which logs the request line and hangs up.
    QTcpServer proxy;
    QVERIFY(proxy.listen(QHostAddress::LocalHost, 0));
    QStringList requests;
    connect(&proxy, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *socket = proxy.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [&requests, socket] {
                if (socket->canReadLine()) {
                    requests << QString::fromLatin1(socket->readLine().trimmed());
                    socket->abort();
                    socket->deleteLater();
                }
            });
        }
    });

    int exitCode = -1;
    const QString url = QUrl::fromLocalFile(page).toString();
    const QString dom = QString::fromUtf8(runChromium(chromium, dir.filePath(QStringLiteral("profile")),
        proxy.serverPort(), { QStringLiteral("--dump-dom"), url }, &exitCode));
    QCOMPARE(exitCode, 0);
    QVERIFY2(dom.contains(QStringLiteral("id=\"verdict\"")), "the page did not load");

    // Every chart with an SVG has marks with a real size (measured by the inline script: it ran).
    static const QRegularExpression figure(QStringLiteral("<figure class=\"chart\"[^>]*>"));
    int charts = 0;
    for (auto it = figure.globalMatch(dom); it.hasNext();) {
        const QString tag = it.next().captured(0);
        QVERIFY2(attribute(tag, QStringLiteral("data-rendered")) > 0, qPrintable(tag));
        ++charts;
    }
    QCOMPARE(charts, 10);
    static const QRegularExpression body(QStringLiteral("<body[^>]*>"));
    const QString bodyTag = body.match(dom).captured(0);
    QCOMPARE(attribute(bodyTag, QStringLiteral("data-charts-rendered")), charts);
    // The Resource Timing API lists every fetch the page made: none.
    QCOMPARE(attribute(bodyTag, QStringLiteral("data-resources")), 0);
    QVERIFY(dom.count(QStringLiteral("<path class=\"series")) >= 15);
    QVERIFY(dom.count(QStringLiteral("<rect class=\"bar\"")) > 40);

    // A screenshot is a real picture, not a blank page.
    const QString png = dir.filePath(QStringLiteral("report.png"));
    runChromium(chromium, dir.filePath(QStringLiteral("profile2")), proxy.serverPort(),
        { QStringLiteral("--screenshot=") + png, QStringLiteral("--window-size=1280,3000"), url }, &exitCode);
    QVERIFY(QFileInfo(png).size() > 50 * 1024);

    QTest::qWait(200); // the last proxy lines
    for (const QString &request : std::as_const(requests)) {
        // "GET http://host/..." or "CONNECT host:443 HTTP/1.1"
        const QString target = request.section(QLatin1Char(' '), 1, 1);
        const QString host
            = QUrl(target.contains(QStringLiteral("://")) ? target : QStringLiteral("https://") + target).host();
        const bool chromiumItself = host.endsWith(QStringLiteral("google.com"))
            || host.endsWith(QStringLiteral("googleapis.com")) || host.endsWith(QStringLiteral("gvt1.com"))
            || host.endsWith(QStringLiteral("gvt2.com"));
        QVERIFY2(chromiumItself, qPrintable(QStringLiteral("the report requested ") + request));
    }
}

QTEST_GUILESS_MAIN(TestReportChromium)
#include "tst_reportchromium.moc"
