#include "ui/editor/apikeyfield.h"

#include "ui/editor/fieldmark.h"
#include "ui/secrets/keystore.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace stampede::ui::editor {

ApiKeyField::ApiKeyField(KeyStore *keys, QWidget *parent)
    : QWidget(parent)
    , m_keys(keys)
    , m_edit(new QLineEdit(this))
    , m_reveal(new QToolButton(this))
    , m_carry(new QToolButton(this))
    , m_status(new QLabel(this))
{
    m_edit->setObjectName(QStringLiteral("apiKeyEdit"));
    m_edit->setEchoMode(QLineEdit::Password);
    m_edit->setPlaceholderText(tr("sk-... (kept in the OS keychain, never in the scenario file)"));
    setHelp(m_edit,
        tr("The API key sent as \"Authorization: Bearer <key>\". Stored in the OS keychain for this base URL, never "
           "in the scenario file. Leave empty to use the environment variable named below."));
    m_reveal->setObjectName(QStringLiteral("apiKeyReveal"));
    m_reveal->setCheckable(true);
    m_reveal->setText(tr("Show"));
    m_reveal->setToolTip(tr("Show or hide the key"));
    m_status->setObjectName(QStringLiteral("apiKeyStatus"));
    m_status->setWordWrap(true);
    m_carry->setObjectName(QStringLiteral("apiKeyCarry"));
    m_carry->setText(tr("Use It Here"));
    m_carry->hide();

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_edit, 1);
    row->addWidget(m_reveal);
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addLayout(row);
    auto *statusRow = new QHBoxLayout;
    statusRow->setContentsMargins(0, 0, 0, 0);
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_carry, 0, Qt::AlignTop);
    column->addLayout(statusRow);
    connect(m_carry, &QToolButton::clicked, this, &ApiKeyField::carryKeyOver);

    connect(m_reveal, &QToolButton::toggled, this, [this](bool shown) {
        m_edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_reveal->setText(shown ? tr("Hide") : tr("Show"));
    });
    connect(m_edit, &QLineEdit::editingFinished, this, &ApiKeyField::onEditingFinished);
    connect(m_edit, &QLineEdit::textEdited, this, [this] {
        updateStatus();
        Q_EMIT keyChanged();
    });
    if (m_keys) {
        connect(m_keys, &KeyStore::keyLoaded, this, &ApiKeyField::onLoaded);
        connect(m_keys, &KeyStore::keyStored, this, &ApiKeyField::onStored);
        connect(m_keys, &KeyStore::failed, this, &ApiKeyField::onFailed);
    }
    updateStatus();
}

void ApiKeyField::setAccount(const QString &account)
{
    if (account == m_account)
        return;
    if (!key().isEmpty() && !m_account.isEmpty()) { // offered on the new URL, never sent without asking
        m_carryFrom = m_account;
        m_carryKey = key();
    }
    m_account = account;
    m_storeMessage.clear();
    if (m_session.contains(account) || !m_keys || !m_keys->available()) {
        m_edit->setText(m_session.value(account));
        updateStatus();
        Q_EMIT keyChanged();
        return;
    }
    m_edit->clear();
    m_loading = true;
    updateStatus();
    m_keys->load(account);
}

void ApiKeyField::carryKeyOver()
{
    if (m_carryKey.isEmpty())
        return;
    m_edit->setText(m_carryKey);
    m_carryKey.clear();
    m_carryFrom.clear();
    onEditingFinished(); // the key now belongs to this base URL too (session and keychain)
    Q_EMIT keyChanged();
}

void ApiKeyField::setEnvName(const QString &name)
{
    m_envName = name;
    updateStatus();
}

QString ApiKeyField::key() const
{
    return m_edit->text().trimmed();
}

QString ApiKeyField::effectiveKey() const
{
    const QString typed = key();
    return typed.isEmpty() ? qEnvironmentVariable(m_envName.toLocal8Bit().constData()).trimmed() : typed;
}

QString ApiKeyField::keySource() const
{
    return key().isEmpty() ? QLatin1Char('$') + m_envName : tr("the API key field");
}

void ApiKeyField::onEditingFinished()
{
    const QString typed = key();
    if (m_session.value(m_account) == typed) // nothing new (also: left empty, nothing known)
        return;
    m_session.insert(m_account, typed);
    m_loading = false; // what the user typed wins over a late answer from the store
    if (m_keys && m_keys->available()) {
        if (typed.isEmpty())
            m_keys->remove(m_account);
        else
            m_keys->store(m_account, typed);
    }
    updateStatus();
}

void ApiKeyField::onLoaded(const QString &account, const QString &key)
{
    if (account != m_account || !m_loading)
        return;
    m_loading = false;
    if (m_edit->text().isEmpty() && !m_edit->isModified()) {
        m_session.insert(account, key);
        m_edit->setText(key);
    }
    m_storeMessage = key.isEmpty() ? QString() : tr("Loaded from the OS keychain.");
    updateStatus();
    Q_EMIT keyChanged();
}

void ApiKeyField::onStored(const QString &account)
{
    if (account != m_account)
        return;
    m_storeMessage = key().isEmpty() ? tr("Removed from the OS keychain.") : tr("Saved in the OS keychain.");
    updateStatus();
}

void ApiKeyField::onFailed(const QString &account, const QString &message)
{
    if (account != m_account)
        return;
    m_loading = false;
    m_storeMessage = (m_keys && !m_keys->available()) ? KeyStore::noKeychainMessage(m_envName) : message;
    updateStatus();
    Q_EMIT keyChanged();
}

void ApiKeyField::updateStatus()
{
    QStringList words;
    if (m_loading)
        words << tr("Reading the OS keychain...");
    else if (m_keys && !m_keys->available())
        words << KeyStore::noKeychainMessage(m_envName) + QLatin1Char('.');
    else if (!m_storeMessage.isEmpty())
        words << m_storeMessage;
    const bool offerCarry = key().isEmpty() && !m_loading && !m_carryKey.isEmpty() && m_carryFrom != m_account;
    m_carry->setVisible(offerCarry);
    if (offerCarry) {
        words << tr("No key for this base URL yet. The key you entered for %1 stays with it: keys are kept "
                    "per base URL, so none goes to a gateway it was not entered for.")
                     .arg(m_carryFrom);
        m_carry->setToolTip(tr("Use the key entered for %1 with %2 too").arg(m_carryFrom, m_account));
    }
    if (key().isEmpty() && !m_loading) {
        if (!qEnvironmentVariable(m_envName.toLocal8Bit().constData()).trimmed().isEmpty())
            words << tr("Using $%1 from the environment.").arg(m_envName);
        else
            words << tr("No key: requests go without Authorization (fine for builtin and local gateways).");
    }
    m_status->setText(words.join(QLatin1Char(' ')));
}

} // namespace stampede::ui::editor
