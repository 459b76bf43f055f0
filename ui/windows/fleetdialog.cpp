#include "ui/windows/fleetdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QVBoxLayout>

namespace stampede::ui {

FleetDialog::FleetDialog(QWidget *parent)
    : QDialog(parent)
    , m_viaAgents(new QRadioButton(tr("The agents' metrics endpoints (stampede run --metrics-port)"), this))
    , m_viaPrometheus(new QRadioButton(tr("A Prometheus server that scrapes them"), this))
    , m_agents(new QPlainTextEdit(this))
    , m_prometheus(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Attach to Fleet"));
    setObjectName(QStringLiteral("fleetDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Show the live figures of agents running elsewhere, added up: counts exactly, "
           "percentiles from their histogram buckets (within a bucket, at most 25 % wide). Merge their run "
           "folders afterwards (stampede report merge) for exact percentiles."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addWidget(m_viaAgents);
    m_agents->setObjectName(QStringLiteral("fleetAgents"));
    m_agents->setPlaceholderText(tr("One per line, e.g.\n10.0.0.5:9464\nhttp://agent-1.stampede-agents:9464/metrics"));
    m_agents->setToolTip(tr("Each agent's URL; host:port alone means http://host:port/metrics"));
    layout->addWidget(m_agents);
    layout->addWidget(m_viaPrometheus);
    m_prometheus->setObjectName(QStringLiteral("fleetPrometheus"));
    m_prometheus->setPlaceholderText(tr("http://prometheus:9090"));
    m_prometheus->setToolTip(tr("Read through /federate: every stampede_* series the server has, from every agent"));
    layout->addWidget(m_prometheus);
    m_problem->setObjectName(QStringLiteral("fleetProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color:#b3261e;"));
    layout->addWidget(m_problem);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Attach"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &FleetDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &FleetDialog::reject);

    QSettings settings;
    m_agents->setPlainText(settings.value(QStringLiteral("fleet/agents")).toString());
    m_prometheus->setText(settings.value(QStringLiteral("fleet/prometheus")).toString());
    (settings.value(QStringLiteral("fleet/viaPrometheus")).toBool() ? m_viaPrometheus : m_viaAgents)->setChecked(true);
    connect(m_viaAgents, &QRadioButton::toggled, this, &FleetDialog::check);
    connect(m_agents, &QPlainTextEdit::textChanged, this, &FleetDialog::check);
    connect(m_prometheus, &QLineEdit::textChanged, this, &FleetDialog::check);
    check();
    resize(560, sizeHint().height());
}

fleet::FleetAttach::Mode FleetDialog::mode() const
{
    return m_viaPrometheus->isChecked() ? fleet::FleetAttach::Mode::Prometheus : fleet::FleetAttach::Mode::Agents;
}

void FleetDialog::check()
{
    const bool viaPrometheus = m_viaPrometheus->isChecked();
    m_agents->setEnabled(!viaPrometheus);
    m_prometheus->setEnabled(viaPrometheus);
    QString error;
    const auto urls = fleet::FleetAttach::sourceUrls(
        viaPrometheus ? QStringList { m_prometheus->text() } : m_agents->toPlainText().split(QLatin1Char('\n')), mode(),
        &error);
    m_urls = urls.value_or(QList<QUrl>());
    m_problem->setText(urls ? QString() : error);
    m_problem->setVisible(!urls);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(urls.has_value());
}

void FleetDialog::accept()
{
    check();
    if (m_urls.isEmpty())
        return;
    QSettings settings;
    settings.setValue(QStringLiteral("fleet/agents"), m_agents->toPlainText());
    settings.setValue(QStringLiteral("fleet/prometheus"), m_prometheus->text());
    settings.setValue(QStringLiteral("fleet/viaPrometheus"), m_viaPrometheus->isChecked());
    QDialog::accept();
}

} // namespace stampede::ui
