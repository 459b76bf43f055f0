#pragma once
// Gateway: the scenario's gateway-facing top-level keys — overall limits (rpm, tpm), budget_usd,
// capture_headers (defaults / a list / none), server_metrics and direct_target (a paired run). Per-model
// limits stay on the file's models (no field here). GUI thread only.

#include "ui/editor/editorpage.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace stampede::ui::editor {

class DurationEdit;
class HeaderTableBox;
class HeaderTableModel;
class NumberEdit;

class GatewayPage : public EditorPage
{
    Q_OBJECT
public:
    explicit GatewayPage(QWidget *parent = nullptr);

    void save(scenario::Scenario &scenario) const override;
    /// The base's, without the fields of a section that is switched off (they are not saved).
    QList<scenario::ValidationError> localErrors() const override;

protected:
    void loadScenario(const scenario::Scenario &scenario) override;
    void refreshEnabled() override;

private:
    QWidget *createLimitsBox();
    QWidget *createCaptureBox();
    QWidget *createServerMetricsBox();
    QWidget *createDirectBox();
    QWidget *createHeadersBox(QWidget *parent);
    void bindFields();
    /// The user ticked or unticked "Default headers".
    void onCaptureDefaultsToggled(bool defaults);

    NumberEdit *m_rpm = nullptr;
    NumberEdit *m_tpm = nullptr;
    NumberEdit *m_budget = nullptr;
    QCheckBox *m_captureDefaults = nullptr;
    QPlainTextEdit *m_capture = nullptr;
    QCheckBox *m_serverEnabled = nullptr;
    QLineEdit *m_serverUrl = nullptr;
    QComboBox *m_serverFormat = nullptr;
    DurationEdit *m_serverInterval = nullptr;
    QPlainTextEdit *m_serverSeries = nullptr;
    QCheckBox *m_serverSendKey = nullptr;
    QCheckBox *m_directEnabled = nullptr;
    QLineEdit *m_directUrl = nullptr;
    QLineEdit *m_directKeyEnv = nullptr;
    HeaderTableModel *m_directHeaders = nullptr;
    HeaderTableBox *m_directHeadersBox = nullptr;
};

} // namespace stampede::ui::editor
