// Key stores: the in-memory store round trip, and the OS keychain store on a machine with no secret
// service (the test environment), which must turn into available() == false and a clear message.

#include "ui/secrets/keystore.h"

#include <QSignalSpy>
#include <QtTest/QTest>

using namespace stampede::ui;

class TestKeyStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void memoryRoundTrip();
    void memoryAnswersAsynchronously();
    void keychainWithoutSecretService();
};

void TestKeyStore::memoryRoundTrip()
{
    MemoryKeyStore store;
    QSignalSpy loaded(&store, &KeyStore::keyLoaded);
    QSignalSpy stored(&store, &KeyStore::keyStored);
    QVERIFY(store.available());

    store.load(QStringLiteral("https://api.openai.com/v1"));
    QVERIFY(loaded.wait());
    QCOMPARE(loaded.last().at(1).toString(), QString()); // nothing stored yet

    store.store(QStringLiteral("https://api.openai.com/v1"), QStringLiteral("sk-one"));
    QVERIFY(stored.wait());
    store.store(QStringLiteral("http://localhost:4000/v1"), QStringLiteral("sk-two"));
    store.load(QStringLiteral("https://api.openai.com/v1"));
    QVERIFY(loaded.wait());
    QCOMPARE(loaded.last().at(0).toString(), QStringLiteral("https://api.openai.com/v1"));
    QCOMPARE(loaded.last().at(1).toString(), QStringLiteral("sk-one"));

    store.remove(QStringLiteral("https://api.openai.com/v1"));
    store.load(QStringLiteral("https://api.openai.com/v1"));
    QTRY_COMPARE(loaded.size(), 3);
    QCOMPARE(loaded.last().at(1).toString(), QString());
    store.load(QStringLiteral("http://localhost:4000/v1"));
    QTRY_COMPARE(loaded.size(), 4);
    QCOMPARE(loaded.last().at(1).toString(), QStringLiteral("sk-two"));
}

void TestKeyStore::memoryAnswersAsynchronously()
{
    MemoryKeyStore store;
    QSignalSpy loaded(&store, &KeyStore::keyLoaded);
    store.load(QStringLiteral("builtin"));
    QCOMPARE(loaded.size(), 0); // like the keychain: the answer comes from the event loop
    QTRY_COMPARE(loaded.size(), 1);
}

void TestKeyStore::keychainWithoutSecretService()
{
    // No session bus at all: QtKeychain finds no backend. (CTest gives each test a private runtime dir.)
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    KeychainKeyStore store;
    QSignalSpy failed(&store, &KeyStore::failed);
    QSignalSpy loaded(&store, &KeyStore::keyLoaded);
    QSignalSpy availability(&store, &KeyStore::availabilityChanged);
    store.load(QStringLiteral("builtin"));
    QTRY_VERIFY_WITH_TIMEOUT(failed.size() + loaded.size() > 0, 30000);
    if (loaded.size() > 0)
        QSKIP("an OS keychain answered: this machine has a secret service");
    QVERIFY(!store.available());
    QCOMPARE(availability.size(), 1);
    QVERIFY2(failed.last().at(1).toString().contains(QStringLiteral("No OS keychain (Secret Service) is running")),
        qPrintable(failed.last().at(1).toString()));
    QCOMPARE(KeyStore::noKeychainMessage(QStringLiteral("MY_KEY")),
        QStringLiteral("No OS keychain (Secret Service) is running: the key is used for this session only; set "
                       "$MY_KEY to keep it"));

    // Later calls fail at once without asking the keychain again.
    store.store(QStringLiteral("builtin"), QStringLiteral("sk-x"));
    QTRY_COMPARE(failed.size(), 2);
    QCOMPARE(availability.size(), 1);
}

QTEST_MAIN(TestKeyStore)
#include "tst_keystore.moc"
