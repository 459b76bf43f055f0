#pragma once
// Models: the table (enabled, name, weight and its live share, max_tokens, temperature, stream,
// prices) with add / remove / duplicate, and "Fetch models" from the endpoint's GET /models.
// GUI thread only.

#include "ui/editor/editorpage.h"

class QLabel;
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

    ModelTableModel *m_model;
    QTableView *m_view;
    LiveTextDelegate *m_nameDelegate;
    QPushButton *m_remove = nullptr;
    QPushButton *m_duplicate = nullptr;
    QPushButton *m_fetch = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_fetchStatus = nullptr;
    ConnectionCheck *m_check;
};

} // namespace stampede::ui::editor
