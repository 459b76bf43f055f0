#include "ui/secrets/keystore.h"

#include <qt6keychain/keychain.h>

#include <QMetaObject>

namespace stampede::ui {

namespace {

const QString kService = QStringLiteral("Stampede");

/// Errors that mean "there is no keychain here" rather than "this one entry failed".
bool isNoBackend(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
        || error == QKeychain::OtherError;
}

} // namespace

QString KeyStore::noKeychainMessage(const QString &envName)
{
    return tr("No OS keychain (Secret Service) is running: the key is used for this session only; "
              "set $%1 to keep it")
        .arg(envName.isEmpty() ? QStringLiteral("STAMPEDE_API_KEY") : envName);
}

// The memory store answers on the next event-loop turn, like the keychain, so callers cannot come to
// rely on a synchronous answer that the real store never gives.
void MemoryKeyStore::load(const QString &account)
{
    const QString key = m_keys.value(account);
    QMetaObject::invokeMethod(
        this, [this, account, key] { Q_EMIT keyLoaded(account, key); }, Qt::QueuedConnection);
}

void MemoryKeyStore::store(const QString &account, const QString &key)
{
    m_keys.insert(account, key);
    QMetaObject::invokeMethod(
        this, [this, account] { Q_EMIT keyStored(account); }, Qt::QueuedConnection);
}

void MemoryKeyStore::remove(const QString &account)
{
    m_keys.remove(account);
    QMetaObject::invokeMethod(
        this, [this, account] { Q_EMIT keyStored(account); }, Qt::QueuedConnection);
}

void KeychainKeyStore::load(const QString &account)
{
    if (!m_available) {
        failLater(account);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [this, account, job] {
        if (job->error() == QKeychain::NoError)
            Q_EMIT keyLoaded(account, job->textData());
        else if (job->error() == QKeychain::EntryNotFound)
            Q_EMIT keyLoaded(account, QString());
        else
            reportError(account, job->error(), job->errorString());
    });
    job->start();
}

void KeychainKeyStore::store(const QString &account, const QString &key)
{
    if (!m_available) {
        failLater(account);
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plain-text file: the key lives in the keychain or nowhere
    job->setKey(account);
    job->setTextData(key);
    connect(job, &QKeychain::Job::finished, this, [this, account, job] {
        if (job->error() == QKeychain::NoError)
            Q_EMIT keyStored(account);
        else
            reportError(account, job->error(), job->errorString());
    });
    job->start();
}

void KeychainKeyStore::remove(const QString &account)
{
    if (!m_available) {
        failLater(account);
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [this, account, job] {
        if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound)
            Q_EMIT keyStored(account);
        else
            reportError(account, job->error(), job->errorString());
    });
    job->start();
}

void KeychainKeyStore::reportError(const QString &account, int error, const QString &detail)
{
    if (isNoBackend(QKeychain::Error(error))) {
        m_available = false;
        Q_EMIT availabilityChanged(false);
        Q_EMIT failed(account, tr("%1 (%2)").arg(noKeychainMessage(QString()), detail));
        return;
    }
    Q_EMIT failed(account, tr("OS keychain: %1").arg(detail));
}

void KeychainKeyStore::failLater(const QString &account)
{
    QMetaObject::invokeMethod(
        this, [this, account] { Q_EMIT failed(account, noKeychainMessage(QString())); }, Qt::QueuedConnection);
}

} // namespace stampede::ui
