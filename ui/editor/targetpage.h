#pragma once
// Target: base URL (with presets), API key, api_key_env, timeouts, extra headers, HTTP/2, TLS,
// proxy, redirects and limits (TargetNetworkFields), and "Test connection" (the engine's
// Preflight, asynchronous). GUI thread only.

#include "ui/editor/editorpage.h"

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace stampede::ui {
class KeyStore;
}

namespace stampede::engine {
struct PreflightResult;
}

namespace stampede::ui::editor {

class ApiKeyField;
class ConnectionCheck;
class DurationEdit;
class HeaderTableBox;
class HeaderTableModel;
class TargetNetworkFields;

class TargetPage : public EditorPage
{
    Q_OBJECT
public:
    TargetPage(KeyStore *keys, QWidget *parent = nullptr);

    void save(scenario::Scenario &scenario) const override;

    /// The key to run with: the key field, else the environment variable.
    QString apiKey() const;
    QString apiKeySource() const; ///< where apiKey() comes from, for messages
    /// Runs the preflight against the current target with `models`; the result shows under the button.
    void testConnection(const QList<scenario::ModelSpec> &models);
    HeaderTableModel *headerModel() const { return m_headers; }

    /// The base URL presets: (title, URL); the last one, "Custom", has no URL.
    static QList<std::pair<QString, QString>> presets();

Q_SIGNALS:
    void connectionTestRequested(); ///< the button: the editor answers with testConnection(models)

protected:
    void loadScenario(const scenario::Scenario &scenario) override;
    void refreshEnabled() override;

private:
    QFormLayout *createForm();
    QWidget *createBaseUrlRow();
    QWidget *createHeadersBox();
    QWidget *createConnectionBox();
    void choosePreset(int index);
    void syncPreset();
    void onConnectionFinished(const engine::PreflightResult &result, const QString &baseUrl);
    /// A Test Connection result no longer describes what the fields say: it says so, greyed.
    void markResultStale(const QString &what);

    QComboBox *m_preset;
    QLineEdit *m_baseUrl;
    ApiKeyField *m_key;
    QLineEdit *m_keyEnv;
    DurationEdit *m_timeout;
    DurationEdit *m_connectTimeout;
    QComboBox *m_http2;
    QComboBox *m_transport;
    HeaderTableModel *m_headers;
    HeaderTableBox *m_headersBox = nullptr;
    QPushButton *m_test;
    QProgressBar *m_busy;
    QLabel *m_result;
    QString m_testedUrl; ///< the base URL of the result shown (empty: none shown)
    ConnectionCheck *m_check;
    TargetNetworkFields *m_network;
};

} // namespace stampede::ui::editor
