#pragma once
// Prompts: the system prompt, and the user prompts as a list with an editor for the selected one
// (prompts may span lines), add / remove / clear, and import from a text or JSONL file; and whether
// requests are conversations (turns, context budget).
// GUI thread only.

#include "ui/editor/editorpage.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace stampede::ui::editor {

class PromptsPage : public EditorPage
{
    Q_OBJECT
public:
    explicit PromptsPage(QWidget *parent = nullptr);

    void save(scenario::Scenario &scenario) const override;
    void showErrors(const QList<scenario::ValidationError> &errors) override;
    QStringList userPrompts() const;
    /// Appends the prompts of a text (one per line) or JSONL file; says what was imported and which
    /// lines were skipped, with their numbers. Returns the number of prompts added.
    int importFile(const QString &path);

protected:
    void loadScenario(const scenario::Scenario &scenario) override;
    void refreshEnabled() override;

private:
    void showSource(const scenario::Prompts &prompts);
    QWidget *createPromptList();
    QWidget *createButtons();
    void addPrompt(const QString &text);
    void setItemText(QListWidgetItem *item, const QString &text);
    void showCurrent();
    void onDetailEdited();
    void chooseImportFile();
    void updateCount();
    QWidget *createToolFields();
    void showTools(const std::optional<scenario::Tools> &tools);
    void fillToolChoices(const QString &current);
    void onToolFunctionsEdited();
    void updateToolRow();

    QWidget *createSourceFields();
    void showPromptSource(const scenario::Prompts &prompts);
    void updateSyntheticFields();
    void hashDataset();
    QWidget *createConversationFields();
    QWidget *createSharedPrefixFields();

    QPlainTextEdit *m_system;
    // where the prompts come from (issue 16): the pool below, a JSONL dataset, or synthetic prompts
    QComboBox *m_sourceCombo = nullptr;
    QStackedWidget *m_sourcePages = nullptr;
    QLineEdit *m_datasetPath = nullptr;
    QComboBox *m_datasetOrder = nullptr;
    QLineEdit *m_datasetSha = nullptr;
    QSpinBox *m_syntheticCount = nullptr;
    QComboBox *m_syntheticKind = nullptr; ///< fixed, uniform, normal (a file's histogram: shown, kept)
    QSpinBox *m_syntheticA = nullptr; ///< fixed/normal: mean; uniform: min
    QSpinBox *m_syntheticB = nullptr; ///< uniform: max; normal: standard deviation
    scenario::SyntheticPrompts m_syntheticLoaded; ///< what no field edits (seed, output_tokens, a histogram)
    QString m_datasetResolved; ///< the dataset's resolved path (relative paths: the scenario's folder)
    QString m_datasetBase; ///< the scenario's folder as the loader resolved against it ("" when unknown)
    QSpinBox *m_turns = nullptr; ///< conversation.turns; 1: single requests (no "conversation")
    QSpinBox *m_contextBudget = nullptr; ///< conversation.max_context_tokens; 0: none
    QSpinBox *m_prefixCount = nullptr; ///< prompts.shared_prefix.count; 0: no shared prefix
    QSpinBox *m_prefixTokens = nullptr;
    QSpinBox *m_prefixShare = nullptr; ///< percent
    quint64 m_prefixSeed = 1; ///< kept from the file (no field edits it)
    double m_prefixShareLoaded = 0.5; ///< the file's share, kept while the field shows it rounded
    // "tools" (issue 16): the choice (Off: no tools), and the functions as JSON, edited below it
    QComboBox *m_toolChoice = nullptr;
    QLabel *m_toolSummary = nullptr;
    QPushButton *m_toolEditButton = nullptr;
    QPlainTextEdit *m_toolEdit = nullptr;
    QLabel *m_toolStatus = nullptr;
    QList<scenario::ToolFunction> m_toolFunctions; ///< the last valid functions (what save() writes)
    bool m_loadingTools = false;
    QListWidget *m_list = nullptr;
    QPlainTextEdit *m_detail = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_source = nullptr; ///< says where the prompts come from when not from the list
    QLabel *m_importStatus = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_undoClear = nullptr; ///< shown after Clear all, until the next scenario is loaded
    QStringList m_cleared; ///< what Clear all removed (Undo puts it back)
    bool m_showing = false;
};

} // namespace stampede::ui::editor
