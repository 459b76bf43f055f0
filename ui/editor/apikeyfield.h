#pragma once
// The API key: a masked field with a reveal toggle, read from and written to the KeyStore (account =
// base URL), never to the scenario. Falls back to the environment variable named by api_key_env.
// GUI thread only.

#include <QHash>
#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

namespace stampede::ui {
class KeyStore;
}

namespace stampede::ui::editor {

class ApiKeyField : public QWidget
{
    Q_OBJECT
public:
    ApiKeyField(KeyStore *keys, QWidget *parent = nullptr);

    /// The key belongs to `account` (the base URL): shows the key known for it, asking the store once.
    void setAccount(const QString &account);
    QString account() const { return m_account; }
    /// The environment variable to fall back to (target.api_key_env).
    void setEnvName(const QString &name);
    /// The key typed or loaded for the current account (empty: none).
    QString key() const;
    /// key(), else the environment variable's value.
    QString effectiveKey() const;
    /// Where effectiveKey() comes from, for messages: "the API key field" or "$<env>".
    QString keySource() const;
    QLineEdit *lineEdit() const { return m_edit; }

Q_SIGNALS:
    void keyChanged();

private:
    void onEditingFinished();
    void onLoaded(const QString &account, const QString &key);
    void onStored(const QString &account);
    void onFailed(const QString &account, const QString &message);
    void updateStatus();
    void carryKeyOver();

    KeyStore *m_keys;
    QLineEdit *m_edit;
    QToolButton *m_reveal;
    /// "Use the key of <previous base URL>": keys stay with their base URL (a key never goes to a
    /// gateway it was not entered for), so a new URL starts with none; this carries it over, once
    /// the user asks.
    QToolButton *m_carry;
    QString m_carryFrom, m_carryKey;
    QLabel *m_status;
    QString m_account;
    QString m_envName = QStringLiteral("STAMPEDE_API_KEY");
    QHash<QString, QString> m_session; ///< keys known in this session, by account (never written anywhere)
    QString m_storeMessage; ///< the last word from the store ("saved", an error)
    bool m_loading = false;
};

} // namespace stampede::ui::editor
