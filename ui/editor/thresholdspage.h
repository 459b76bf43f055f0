#pragma once
// Thresholds and checks: a table of k6-style rules (metric key, expression, abortOnFail,
// delayAbortEval) checked as they are typed, and the response checks (status_200, has_choices,
// has_usage, has_content, under_<duration>). GUI thread only.

#include "ui/editor/editorpage.h"

#include <utility>

class QCheckBox;
class QLineEdit;
class QPushButton;
class QTableView;

namespace stampede::ui::editor {

class LiveTextDelegate;
class ThresholdTableModel;

class ThresholdsPage : public EditorPage
{
    Q_OBJECT
public:
    explicit ThresholdsPage(QWidget *parent = nullptr);

    void save(scenario::Scenario &scenario) const override;
    QList<scenario::ValidationError> localErrors() const override;
    ThresholdTableModel *thresholdModel() const { return m_model; }
    /// The scenario's model names, offered as completions for "{model:...}" keys.
    void setModelNames(const QStringList &names);

protected:
    void loadScenario(const scenario::Scenario &scenario) override;
    void refreshEnabled() override;

private:
    QWidget *createRulesBox();
    QWidget *createChecksBox();
    /// The under_ durations typed, split at commas; `bad` gets the items that are not durations.
    QStringList underDurations(QStringList *bad = nullptr) const;

    ThresholdTableModel *m_model;
    QTableView *m_view = nullptr;
    LiveTextDelegate *m_metricDelegate;
    LiveTextDelegate *m_expressionDelegate;
    QPushButton *m_remove = nullptr;
    QList<std::pair<QString, QCheckBox *>> m_checks; ///< status_200, has_choices, has_usage, has_content
    QCheckBox *m_under = nullptr;
    QLineEdit *m_underEdit = nullptr;
    QStringList m_loadedChecks; ///< the order of the loaded checks, kept on save
};

} // namespace stampede::ui::editor
