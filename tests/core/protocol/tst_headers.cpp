#include "protocol/headers.h"

#include <QtTest/QTest>

using stampede::protocol::redactSecrets;

class TestHeaders : public QObject
{
    Q_OBJECT

private slots:
    void redact_data();
    void redact();
};

void TestHeaders::redact_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("expected");

    const auto s = [](const char* utf8) { return QString::fromUtf8(utf8); };
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

QTEST_GUILESS_MAIN(TestHeaders)
#include "tst_headers.moc"
