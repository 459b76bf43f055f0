#pragma once
// Retries and run options: max_retries, base_delay, max_delay, on_status, honor_retry_after; the
// random seed (optional) and the preflight switch. GUI thread only.

#include "ui/editor/editorpage.h"

class QCheckBox;
class QLineEdit;
class QSpinBox;

namespace stampede::ui::editor {

class DurationEdit;

class RetryPage : public EditorPage
{
    Q_OBJECT
public:
    explicit RetryPage(QWidget *parent = nullptr);

    void save(scenario::Scenario &scenario) const override;
    QList<scenario::ValidationError> localErrors() const override;

protected:
    void loadScenario(const scenario::Scenario &scenario) override;
    void refreshEnabled() override;

private:
    QWidget *createRetryBox();
    QWidget *createRunBox();
    /// The status codes typed, split at commas or spaces; `bad` gets the reasons for items that are not numbers.
    QList<int> statuses(QStringList *bad = nullptr) const;

    QSpinBox *m_maxRetries = nullptr;
    DurationEdit *m_baseDelay = nullptr;
    DurationEdit *m_maxDelay = nullptr;
    QLineEdit *m_onStatus = nullptr;
    QCheckBox *m_honorRetryAfter = nullptr;
    QCheckBox *m_fixedSeed = nullptr;
    QLineEdit *m_seed = nullptr;
    QCheckBox *m_preflight = nullptr;
};

} // namespace stampede::ui::editor
