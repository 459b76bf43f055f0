#pragma once
// Models: the table (enabled, name, protocol, weight and its live share, max_tokens, temperature,
// stream, prices) with add / remove / duplicate, "Fetch models" from the endpoint's GET /models, and
// a preview of the selected model's request as it goes on the wire (key redacted).
// GUI thread only.

#include "ui/editor/editorpage.h"

#include "model/wireprotocol.h"

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace stampede::engine {
struct PreflightResult;
}

namespace stampede::ui::editor {

class ConnectionCheck;
class LiveTextDelegate;
class ModelTableModel;

class ModelsPage : public EditorPage
{
    Q_OBJECT
public:
    explicit ModelsPage(QWidget *parent = nullptr);

    void save(scenario::Scenario &scenario) const override;
    ModelTableModel *model() const { return m_model; }
    /// Lists the endpoint's models (asynchronous) and offers them in a dialog.
    void fetchModels(const scenario::Target &target, const QString &apiKey);
    /// The scenario as edited, for the request preview (the editor calls it on every change).
    void setPreviewScenario(const scenario::Scenario &scenario, bool hasKey);
    QString previewText() const;

Q_SIGNALS:
    void fetchModelsRequested(); ///< the button: the editor answers with fetchModels(target, key)

protected:
    void loadScenario(const scenario::Scenario &scenario) override;
    void refreshEnabled() override;

private:
    QWidget *createButtons();
    void setupDelegates();
    void onFetched(const engine::PreflightResult &result, const QString &baseUrl);
    void addModels(const QStringList &names);
    void showPreview();

    ModelTableModel *m_model;
    QTableView *m_view;
    LiveTextDelegate *m_nameDelegate;
    QPushButton *m_remove = nullptr;
    QPushButton *m_duplicate = nullptr;
    QPushButton *m_fetch = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_fetchStatus = nullptr;
    /// The protocol the last "Fetch models" asked in: the models picked from its list are given it.
    model::WireProtocol m_fetchProtocol = model::WireProtocol::OpenAiChat;
    ConnectionCheck *m_check;
    QPlainTextEdit *m_preview = nullptr;
    scenario::Scenario m_previewScenario;
    bool m_previewHasKey = false;
};

} // namespace stampede::ui::editor
