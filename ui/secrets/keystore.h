#pragma once
// Where API keys live: the OS keychain (QtKeychain) in the app, memory in tests. Keys never go to
// scenario files, QSettings, exports or logs. Asynchronous, like the keychain itself; lives on the
// GUI thread.

#include <QHash>
#include <QObject>
#include <QString>

namespace stampede::ui {

class KeyStore : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    /// Reads the key stored for `account` (e.g. the base URL); answers with keyLoaded or failed.
    virtual void load(const QString &account) = 0;
    virtual void store(const QString &account, const QString &key) = 0;
    virtual void remove(const QString &account) = 0;
    /// False when no secret service is running: the UI says so and offers the env variable.
    virtual bool available() const = 0;
    /// What the UI says when available() is false; names the env variable that keeps the key instead.
    static QString noKeychainMessage(const QString &envName);

Q_SIGNALS:
    void keyLoaded(const QString &account, const QString &key); ///< key empty: nothing stored
    void keyStored(const QString &account);
    void failed(const QString &account, const QString &message);
    void availabilityChanged(bool available); ///< emitted once, when the first "no backend" error arrives
};

/// In-memory store for tests and for machines without a keychain.
class MemoryKeyStore : public KeyStore
{
    Q_OBJECT
public:
    using KeyStore::KeyStore;
    void load(const QString &account) override;
    void store(const QString &account, const QString &key) override;
    void remove(const QString &account) override;
    bool available() const override { return true; }

private:
    QHash<QString, QString> m_keys;
};

/// The OS keychain through QtKeychain (service "Stampede").
class KeychainKeyStore : public KeyStore
{
    Q_OBJECT
public:
    using KeyStore::KeyStore;
    void load(const QString &account) override;
    void store(const QString &account, const QString &key) override;
    void remove(const QString &account) override;
    bool available() const override { return m_available; }

private:
    void reportError(const QString &account, int error, const QString &detail);
    void failLater(const QString &account);

    bool m_available = true; ///< turns false after the first "no backend" error
};

} // namespace stampede::ui
