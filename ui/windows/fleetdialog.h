#pragma once
// File ▸ Attach to Fleet…: where the fleet's figures come from (agents' metrics URLs, or one
// Prometheus server), checked with fleet::FleetAttach::sourceUrls() as they are typed, and
// remembered (QSettings "fleet/...") for the next time.

#include "fleet/fleetattach.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QRadioButton;

namespace stampede::ui {

class FleetDialog : public QDialog
{
    Q_OBJECT
public:
    explicit FleetDialog(QWidget *parent = nullptr);

    fleet::FleetAttach::Mode mode() const;
    /// The checked URLs (valid only when the dialog was accepted).
    QList<QUrl> urls() const { return m_urls; }

    QPlainTextEdit *agentsEdit() const { return m_agents; }
    QLineEdit *prometheusEdit() const { return m_prometheus; }
    QRadioButton *prometheusButton() const { return m_viaPrometheus; }
    QLabel *problemLabel() const { return m_problem; }

    void accept() override;

private:
    void check();

    QRadioButton *m_viaAgents;
    QRadioButton *m_viaPrometheus;
    QPlainTextEdit *m_agents;
    QLineEdit *m_prometheus;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    QList<QUrl> m_urls;
};

} // namespace stampede::ui
