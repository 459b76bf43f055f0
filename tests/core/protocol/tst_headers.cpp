#include "protocol/chat.h"
#include "protocol/headers.h"

#include <QtTest/QTest>

using stampede::protocol::errorMessageFromBody;
using stampede::protocol::keptServerText;
using stampede::protocol::redactSecrets;

class TestHeaders : public QObject
{
    Q_OBJECT

private slots:
    void redact_data();
    void redact();
    void keptTextRedactsBeforeCutting();
    void errorPreviewRedactsAcrossTheCut();
};

void TestHeaders::redact_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("expected");

    const auto s = [](const char *utf8) { return QString::fromUtf8(utf8); };
    QTest::addRow("nothing to hide") << s("connection refused") << QString() << s("connection refused");
    QTest::addRow("secret") << s("key my-gateway-key rejected; my-gateway-key again") << s("my-gateway-key")
                            << s("key [redacted] rejected; [redacted] again");
    QTest::addRow("short secret ignored") << s("an error") << s("an") << s("an error");
    QTest::addRow("four-char secret") << s("token abcd used") << s("abcd") << s("token [redacted] used");
    QTest::addRow("bearer header") << s("Authorization: Bearer eyJhbGciOi.J9x-y_z/+= end") << QString()
                                   << s("Authorization: Bearer [redacted] end");
    QTest::addRow("bearer lower case") << s("bearer abc123") << QString() << s("bearer [redacted]");
    QTest::addRow("bearer secret") << s("Bearer sekrit-value") << s("sekrit-value") << s("Bearer [redacted]");
    QTest::addRow("openai key") << s("Incorrect API key provided: sk-abcdefghijklmnop1234. See docs") << QString()
                                << s("Incorrect API key provided: [redacted]. See docs");
    QTest::addRow("project key") << s("sk-proj-AbC_dEf-GhIjKlMnOpQr") << QString() << s("[redacted]");
    QTest::addRow("short sk- kept") << s("task-sk-123 and sk-short") << QString() << s("task-sk-123 and sk-short");
    QTest::addRow("json body") << s(R"({"error":{"message":"Incorrect API key provided: sk-1234567890abcdefXYZ"}})")
                               << QString() << s(R"({"error":{"message":"Incorrect API key provided: [redacted]"}})");
    QTest::addRow("percent-encoded secret")
        << s("next: /cb?k=a%2Fb%2Bc%3Dd-key") << s("a/b+c=d-key") << s("next: /cb?k=[redacted]");
    QTest::addRow("json-escaped secret") << s(R"(echo "a\/b+c=d-key")") << s("a/b+c=d-key")
                                         << s(R"(echo "[redacted]")");
    QTest::addRow("base64 secret") << s("seen c2stY2FuYXJ5LWtleS0xMjM0 here") << s("sk-canary-key-1234")
                                   << s("seen [redacted] here");
    QTest::addRow("secret with regex characters")
        << s("key a.b*c+d? leaked") << s("a.b*c+d?") << s("key [redacted] leaked");
}

void TestHeaders::redact()
{
    QFETCH(QString, text);
    QFETCH(QString, secret);
    QFETCH(QString, expected);
    QCOMPARE(redactSecrets(text, secret), expected);
}

void TestHeaders::keptTextRedactsBeforeCutting()
{
    const QString key = QStringLiteral("gw-canary-0123456789abcdef");
    // The key straddles the cut: cutting first would keep its front half.
    const QString text = QString(490, QLatin1Char('x')) + key + QStringLiteral(" tail");
    const QString kept = keptServerText(text, key);
    QVERIFY(!kept.contains(key.left(8)));
    QCOMPARE(kept.size(), 501); // 500 characters and an ellipsis
    QVERIFY(kept.endsWith(QChar(0x2026)));
    QCOMPARE(keptServerText(QStringLiteral("short"), key), QStringLiteral("short"));
    // A huge message is not copied whole to be redacted.
    QCOMPARE(keptServerText(QString(16 * 1024 * 1024, QLatin1Char('y')), key, 10).size(), 11);
}

void TestHeaders::errorPreviewRedactsAcrossTheCut()
{
    const QString key = QStringLiteral("gw-canary-0123456789abcdef");
    const QByteArray body = QByteArray(190, 'x') + key.toUtf8() + QByteArray(300, 'z');
    const QString preview = errorMessageFromBody(body, key);
    QVERIFY2(!preview.contains(QStringLiteral("gw-canary")), qPrintable(preview));
    QVERIFY(preview.startsWith(QString(190, QLatin1Char('x')) + QStringLiteral("[redacted]")));
    const QByteArray json = R"({"error":{"message":"bad key )" + key.toUtf8() + R"("}})";
    QCOMPARE(errorMessageFromBody(json, key), QStringLiteral("bad key [redacted]"));
}

QTEST_GUILESS_MAIN(TestHeaders)
#include "tst_headers.moc"
