#pragma once
// Load profile: the executor and only its fields (k6 names), the stages table, and a live preview of
// the plan (the same scenario::makePlan the engine runs) with the total duration in words.
// GUI thread only.

#include "ui/editor/editorpage.h"

class QComboBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;

namespace stampede::ui::editor {

class DurationEdit;
class NumberDelegate;
class NumberEdit;
class PlanPreview;
class StageTableModel;
class SweepFields;

class LoadPage : public EditorPage
{
    Q_OBJECT
public:
    explicit LoadPage(QWidget *parent = nullptr);

    void save(scenario::Scenario &scenario) const override;
    StageTableModel *stageModel() const { return m_stages; }
    PlanPreview *preview() const { return m_preview; }
    /// Also notes, under the preview, that it shows the last valid plan while load.* has errors.
    void showErrors(const QList<scenario::ValidationError> &errors) override;

protected:
    void loadScenario(const scenario::Scenario &scenario) override;
    void refreshEnabled() override;

private:
    void createFields();
    QWidget *createStagesBox();
    QWidget *createThinkTimeRow();
    void setupForm(QFormLayout *form);
    scenario::ExecutorKind executor() const;
    void showExecutorFields();
    void updatePreview();

    QComboBox *m_executor;
    QLabel *m_executorHelp;
    QSpinBox *m_vus;
    QSpinBox *m_startVus;
    NumberEdit *m_rate;
    NumberEdit *m_startRate;
    DurationEdit *m_timeUnit;
    DurationEdit *m_duration;
    QSpinBox *m_maxInFlight;
    QComboBox *m_arrival;
    DurationEdit *m_thinkMin;
    DurationEdit *m_thinkMax;
    DurationEdit *m_gracefulStop;
    StageTableModel *m_stages;
    QTableView *m_stagesView = nullptr;
    QPushButton *m_removeStage = nullptr;
    NumberDelegate *m_vuTargets;
    NumberDelegate *m_rateTargets;
    QWidget *m_stagesBox = nullptr;
    QWidget *m_thinkRow = nullptr;
    QFormLayout *m_form = nullptr;
    SweepFields *m_sweep;
    PlanPreview *m_preview;
    QLabel *m_summary;
    QString m_loadProblem; ///< the first error under load.*, or empty: the preview is the plan as typed
};

} // namespace stampede::ui::editor
