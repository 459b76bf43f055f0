// A server that echoes the key back, in every way one could: the key never reaches an outcome
// (error message, returned model) or the preflight's words, once per transport (rows "curl" and
// "qt"). The end-to-end check over every file of a run folder is tests/robustness.
#include "engine/endpoint.h"
#include "engine/preflight.h"
#include "enginefixture.h"
#include "runjobs.h"
#include "scriptedserver.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>

using namespace stampede;
using namespace stampede::test;

namespace {

const QString kKey = QStringLiteral("sk-canary-5f0c1d2e3a4b5c6d7e8f9a0b");

/// The Authorization header's value as the server saw it ("Bearer <key>").
QByteArray authorization(const QByteArray &head)
{
    for (const QByteArray &line : head.split('\n'))
        if (line.toLower().startsWith("authorization:"))
            return line.mid(14).trimmed();
    return {};
}

QByteArray bare(const QByteArray &head)
{
    return authorization(head).mid(7);
}

void verifyNoKey(const QString &text)
{
    QVERIFY2(!text.contains(kKey.left(14)), qPrintable(text));
    QVERIFY2(!text.contains(QString::fromLatin1(kKey.toUtf8().toBase64().left(16))), qPrintable(text));
}

} // namespace

/// One row per way a server can echo the key back.
void addEchoRows()
{
    QTest::addColumn<bool>("stream");
    QTest::addColumn<bool>("close");
    QTest::addColumn<QString>("errorClass");
    QTest::addColumn<ScriptedServer::Reply>("reply");
    using Fn = ScriptedServer::Reply;
    QTest::addRow("non-JSON 200") << false << false << QStringLiteral("malformed_response")
                                  << Fn([](const QByteArray &h) -> QByteArray {
                                         return response(200, "text/plain", "you sent " + authorization(h));
                                     });
    QTest::addRow("non-SSE 200 on a stream")
        << true << false << QStringLiteral("malformed_response") << Fn([](const QByteArray &h) -> QByteArray {
               return response(200, "text/event-stream", "hello " + bare(h) + "\n");
           });
    QTest::addRow("JSON error") << false << false << QStringLiteral("http_401")
                                << Fn([](const QByteArray &h) -> QByteArray {
                                       return response(401, "application/json",
                                           "{\"error\":{\"message\":\"key " + bare(h) + " is revoked\"}}");
                                   });
    QTest::addRow("Bearer in a text 500")
        << false << false << QStringLiteral("http_500") << Fn([](const QByteArray &h) -> QByteArray {
               return response(500, "text/plain", "upstream said Authorization: " + authorization(h));
           });
    QTest::addRow("key straddling the preview cut")
        << false << false << QStringLiteral("http_502") << Fn([](const QByteArray &h) -> QByteArray {
               return response(502, "text/html", QByteArray(190, 'x') + bare(h) + QByteArray(400, 'y'));
           });
    QTest::addRow("percent-encoded in a redirect")
        << false << false << QStringLiteral("http_302") << Fn([](const QByteArray &h) -> QByteArray {
               return response(302, "text/plain", QByteArray(),
                   "Location: http://other.example/cb?k=" + QUrl::toPercentEncoding(QString::fromUtf8(bare(h)))
                       + "\r\n");
           });
    QTest::addRow("model field of a stream cut by a reset")
        << true << true << QStringLiteral("stream_cut") << Fn([](const QByteArray &h) -> QByteArray {
               const QByteArray event = "data: {\"model\":\"" + bare(h)
                   + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + bare(h) + "\"}}]}\n\n";
               return "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                   + QByteArray::number(event.size(), 16) + "\r\n" + event + "\r\n";
           });
    QTest::addRow("base64 in a non-JSON 200")
        << false << false << QStringLiteral("malformed_response") << Fn([](const QByteArray &h) -> QByteArray {
               return response(200, "text/plain", "token=" + bare(h).toBase64());
           });
    QTest::addRow("captured headers: request id, a value and a wildcard name")
        << false << false << QString() << Fn([](const QByteArray &h) -> QByteArray {
               return response(200, "application/json",
                   "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
                   "\"finish_reason\":\"stop\"}]}",
                   "x-request-id: " + bare(h) + "\r\nx-litellm-" + bare(h) + ": 1\r\nx-cache: " + bare(h) + "\r\n");
           });
    QTest::addRow("model field of a success")
        << false << false << QString() << Fn([](const QByteArray &h) -> QByteArray {
               return response(200, "application/json",
                   "{\"model\":\"" + bare(h)
                       + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
                         "\"finish_reason\":\"stop\"}]}");
           });
}

class TestRedaction : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data() { transportRows(); }
    void init() { selectTransportRow(); }

    void outcomesNeverHoldTheKey_data() { addEchoRows(); }

    void outcomesNeverHoldTheKey()
    {
        QFETCH(bool, stream);
        QFETCH(bool, close);
        QFETCH(QString, errorClass);
        QFETCH(ScriptedServer::Reply, reply);
        ScriptedServer server(reply, close);
        const QList<metrics::RequestOutcome> outcomes = runJobs(basicScenario(server.baseUrl(), stream), 2, kKey);
        QCOMPARE(outcomes.size(), 2);
        for (const auto &outcome : outcomes) {
            QCOMPARE(outcome.succeeded() ? QString() : metrics::errorKey(outcome.errorClass, outcome.httpStatus),
                errorClass);
            verifyNoKey(outcome.errorMessage);
            verifyNoKey(outcome.modelReturned);
            verifyNoKey(outcome.requestId);
            for (const metrics::CapturedHeader &header : outcome.headers) {
                verifyNoKey(QString::fromUtf8(header.name));
                verifyNoKey(QString::fromUtf8(header.value));
            }
            if (!errorClass.isEmpty())
                QVERIFY2(!outcome.errorMessage.isEmpty(), "the message says what happened");
        }
    }

    void preflightNeverRepeatsTheKey()
    {
        // GET /models lists the key as a model; the ping's 404 then names what the endpoint has.
        ScriptedServer server(
            [](const QByteArray &h) -> QByteArray {
                if (h.startsWith("GET"))
                    return response(
                        200, "application/json", "{\"data\":[{\"id\":\"m2\"},{\"id\":\"" + bare(h) + "\"}]}");
                return response(404, "application/json", "{\"error\":{\"message\":\"no such model\"}}");
            },
            false);
        scenario::Scenario s = basicScenario(server.baseUrl(), false);
        engine::Preflight preflight(engine::Endpoint(s.target, QUrl(s.target.baseUrl), kKey), s.models);
        QSignalSpy done(&preflight, &engine::Preflight::finished);
        preflight.start();
        QVERIFY(done.wait(10000));
        const auto result = done.at(0).at(0).value<engine::PreflightResult>();
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(QLatin1String("the endpoint has: m2, [redacted]")), qPrintable(result.error));
        verifyNoKey(result.error);
        verifyNoKey(result.describe());
        QCOMPARE(result.listedModelCount, 2);
    }

    void preflightStopsAnEndlessModelList()
    {
        // A model list that never ends is cut at the preflight's cap, not read into memory.
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        connect(&tcp, &QTcpServer::pendingConnectionAvailable, this, [&tcp] {
            while (QTcpSocket *socket = tcp.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    socket->readAll();
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
                                  "{\"data\":[");
                    const QByteArray block = QByteArray("{\"id\":\"m\"},").repeated(10000);
                    socket->write(block);
                    connect(socket, &QTcpSocket::bytesWritten, socket, [socket, block] {
                        if (socket->bytesToWrite() < 512 * 1024)
                            socket->write(block);
                    });
                });
            }
        });
        scenario::Scenario s
            = basicScenario(QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(tcp.serverPort())), false);
        engine::Preflight preflight(engine::Endpoint(s.target, QUrl(s.target.baseUrl), kKey), s.models);
        QSignalSpy done(&preflight, &engine::Preflight::finished);
        preflight.start();
        QVERIFY(done.wait(15000));
        const auto result = done.at(0).at(0).value<engine::PreflightResult>();
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(QLatin1String("more than 4 MB")), qPrintable(result.error));
    }
};

QTEST_GUILESS_MAIN(TestRedaction)
#include "tst_redaction.moc"
