#include "ui/editor/gatewaypage.h"

#include "ui/editor/editorfields.h"
#include "ui/editor/fieldmark.h"
#include "ui/editor/headertablebox.h"
#include "ui/editor/headertablemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>

namespace stampede::ui::editor {

namespace {

using ServerFormat = scenario::ServerMetricsConfig::Format;

/// The non-blank lines of `edit`, trimmed: one pattern or series a line.
QStringList lines(const QPlainTextEdit *edit)
{
    QStringList out;
    const QStringList all = edit->toPlainText().split(QLatin1Char('\n'));
    for (const QString &line : all) {
        if (!line.trimmed().isEmpty())
            out.append(line.trimmed());
    }
    return out;
}

/// An empty field or 0: no cap (the key is left out of the file).
std::optional<double> capValue(const NumberEdit *edit)
{
    const std::optional<double> value = edit->optionalValue();
    return value && *value != 0 ? value : std::nullopt;
}

NumberEdit *capEdit(QWidget *parent, const char *objectName, const QString &placeholder)
{
    auto *edit = new NumberEdit(parent);
    edit->setObjectName(QLatin1StringView(objectName));
    edit->setOptional(true);
    edit->setPlaceholderText(placeholder);
    return edit;
}

QPlainTextEdit *listEdit(QWidget *parent, const char *objectName, const QString &placeholder, int rows)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(QLatin1StringView(objectName));
    edit->setPlaceholderText(placeholder);
    edit->setTabChangesFocus(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    const int line = edit->fontMetrics().lineSpacing();
    edit->setMinimumHeight(line * 2 + 12);
    edit->setMaximumHeight(line * rows + 12);
    return edit;
}

QFormLayout *compactForm(QGroupBox *box)
{
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setVerticalSpacing(4);
    return form;
}

} // namespace

GatewayPage::GatewayPage(QWidget *parent)
    : EditorPage(parent)
{
    setObjectName(QStringLiteral("gatewayPage"));
    auto *grid = new QGridLayout(this);
    grid->addWidget(createLimitsBox(), 0, 0);
    grid->addWidget(createCaptureBox(), 1, 0);
    grid->addWidget(createServerMetricsBox(), 0, 1, 2, 1);
    grid->addWidget(createDirectBox(), 2, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(3, 1);
    bindFields();
}

void GatewayPage::bindFields()
{
    bind(QStringLiteral("limits.rpm"), m_rpm);
    bind(QStringLiteral("limits.tpm"), m_tpm);
    bind(QStringLiteral("budget_usd"), m_budget);
    bind(QStringLiteral("capture_headers"), m_capture);
    bind(QStringLiteral("server_metrics"), m_serverEnabled);
    bind(QStringLiteral("server_metrics.url"), m_serverUrl);
    bind(QStringLiteral("server_metrics.format"), m_serverFormat);
    bind(QStringLiteral("server_metrics.interval"), m_serverInterval);
    bind(QStringLiteral("server_metrics.series"), m_serverSeries);
    bind(QStringLiteral("server_metrics.send_key"), m_serverSendKey);
    bind(QStringLiteral("direct_target"), m_directEnabled);
    bind(QStringLiteral("direct_target.base_url"), m_directUrl);
    bind(QStringLiteral("direct_target.api_key_env"), m_directKeyEnv);
    bindTable(m_directHeadersBox->view(), m_directHeaders);
    // Connected before watch(): the fields follow the switches before the edit is validated.
    connect(m_captureDefaults, &QCheckBox::toggled, this, &GatewayPage::onCaptureDefaultsToggled);
    connect(m_serverEnabled, &QCheckBox::toggled, this, &GatewayPage::refreshEnabled);
    connect(m_directEnabled, &QCheckBox::toggled, this, &GatewayPage::refreshEnabled);
    for (QWidget *field : std::initializer_list<QWidget *> { m_rpm, m_tpm, m_budget, m_captureDefaults, m_capture,
             m_serverEnabled, m_serverUrl, m_serverFormat, m_serverInterval, m_serverSeries, m_serverSendKey,
             m_directEnabled, m_directUrl, m_directKeyEnv })
        watch(field);
}

QWidget *GatewayPage::createLimitsBox()
{
    auto *box = new QGroupBox(tr("Quotas and spend (client-side caps)"), this);
    m_rpm = capEdit(box, "limitsRpmEdit", tr("no cap"));
    m_tpm = capEdit(box, "limitsTpmEdit", tr("no cap"));
    m_budget = capEdit(box, "budgetEdit", tr("none"));
    auto *form = compactForm(box);
    addRow(form, tr("Requests / minute"), m_rpm,
        tr("limits.rpm: at most this many requests per minute, every model together (each model's own "
           "limits in the file apply as well); a request that would break the cap waits on the client before "
           "it is sent, retries included. Empty or 0 = no cap"));
    addRow(form, tr("Tokens / minute"), m_tpm,
        tr("limits.tpm: at most this many prompt + completion tokens per minute, every model together; a "
           "request reserves its prompt estimate plus max_tokens and is corrected to the reported usage. "
           "Empty or 0 = no cap"));
    addRow(form, tr("Budget (USD)"), m_budget,
        tr("budget_usd: the run stops gracefully once its measured spend (usage at the models' prices) "
           "reaches this many dollars. Empty or 0 = no budget"));
    return box;
}

QWidget *GatewayPage::createCaptureBox()
{
    auto *box = new QGroupBox(tr("Gateway headers (captured from each response)"), this);
    m_captureDefaults = new QCheckBox(tr("Default headers"), box);
    m_captureDefaults->setObjectName(QStringLiteral("captureDefaultsCheck"));
    m_capture = listEdit(box, "captureHeadersEdit", tr("none: no header is captured"), 5);
    const QString help = tr("capture_headers: the response headers each request keeps (of its final response), "
                            "one name pattern a line, '*' and '?' as wildcards, case-insensitive, e.g. "
                            "x-ratelimit-*, server-timing; at most 64. Ticked \"Default headers\": the key is left "
                            "out and the defaults apply (rate-limit state, Retry-After, LiteLLM's and Portkey's "
                            "headers, Server-Timing, request ids, cache status). Unticked with no lines: none");
    setHelp(m_captureDefaults, help);
    auto *form = compactForm(box);
    form->addRow(m_captureDefaults);
    addRow(form, tr("Patterns"), m_capture, help);
    return box;
}

QWidget *GatewayPage::createServerMetricsBox()
{
    auto *box = new QGroupBox(tr("Server-side metrics (the gateway's own figures)"), this);
    m_serverEnabled = new QCheckBox(tr("Poll a metrics endpoint during the run"), box);
    m_serverEnabled->setObjectName(QStringLiteral("serverMetricsCheck"));
    setHelp(m_serverEnabled,
        tr("server_metrics: polls the gateway's own figures while the load runs and charts them beside "
           "Stampede's; unticked, the key is left out"));
    m_serverUrl = new QLineEdit(box);
    m_serverUrl->setObjectName(QStringLiteral("serverMetricsUrlEdit"));
    m_serverUrl->setPlaceholderText(QStringLiteral("http://gateway:4000/metrics"));
    m_serverFormat = new QComboBox(box);
    m_serverFormat->setObjectName(QStringLiteral("serverMetricsFormatCombo"));
    m_serverFormat->addItem(tr("prometheus (text exposition)"), int(ServerFormat::Prometheus));
    m_serverFormat->addItem(tr("json (dotted field paths)"), int(ServerFormat::Json));
    m_serverInterval = new DurationEdit(box);
    m_serverInterval->setObjectName(QStringLiteral("serverMetricsIntervalEdit"));
    m_serverSeries = listEdit(box, "serverMetricsSeriesEdit", QStringLiteral("vllm:num_requests_running"), 5);
    m_serverSendKey = new QCheckBox(tr("Send the API key"), box);
    m_serverSendKey->setObjectName(QStringLiteral("serverMetricsSendKeyCheck"));
    auto *form = compactForm(box);
    form->addRow(m_serverEnabled);
    addRow(form, tr("URL"), m_serverUrl,
        tr("server_metrics.url: the metrics endpoint, http or https with a host; no user info (credentials "
           "never go in the URL: use send_key)"));
    addRow(form, tr("Format"), m_serverFormat,
        tr("server_metrics.format: prometheus (text exposition format, the default) or json (a JSON document "
           "read by dotted field paths)"));
    addRow(form, tr("Interval"), m_serverInterval,
        tr("server_metrics.interval: how often the endpoint is scraped (once at the start, then every "
           "interval), between 1s and 1h; default 5s"));
    addRow(form, tr("Series"), m_serverSeries,
        tr("server_metrics.series: what to chart, one a line, 1 to 32: prometheus selectors (name or "
           "name{label=\"value\"}) or json field paths (usage.rpm)"));
    addRow(form, tr("Authorization"), m_serverSendKey,
        tr("server_metrics.send_key: send the run's API key as Authorization: Bearer to the metrics endpoint; "
           "off unless asked"));
    return box;
}

QWidget *GatewayPage::createDirectBox()
{
    auto *box = new QGroupBox(tr("Gateway overhead, measured (a paired run)"), this);
    m_directEnabled = new QCheckBox(tr("Pair every request with one to the direct target behind the gateway"), box);
    m_directEnabled->setObjectName(QStringLiteral("directTargetCheck"));
    setHelp(m_directEnabled,
        tr("direct_target: the provider (or a mock) behind the gateway. Requests alternate gateway, direct, "
           "... with the same model and prompt per pair, and the report shows the gateway's overhead = "
           "gateway - direct per model. TLS, proxy, timeouts, HTTP/2 and the transport are the target's. Not "
           "with a sweep; unticked, the key is left out"));
    m_directUrl = new QLineEdit(box);
    m_directUrl->setObjectName(QStringLiteral("directBaseUrlEdit"));
    m_directUrl->setPlaceholderText(QStringLiteral("http://127.0.0.1:8000/v1"));
    m_directKeyEnv = new QLineEdit(box);
    m_directKeyEnv->setObjectName(QStringLiteral("directApiKeyEnvEdit"));
    m_directKeyEnv->setPlaceholderText(tr("none: no key is sent"));
    m_directKeyEnv->setMaximumWidth(m_directKeyEnv->fontMetrics().horizontalAdvance(QLatin1Char('M')) * 24);
    auto *form = compactForm(box);
    form->addRow(m_directEnabled);
    addRow(form, tr("Base URL"), m_directUrl,
        tr("direct_target.base_url: the API root of what the gateway forwards to, an http(s) URL (not builtin, "
           "not the gateway's own base URL), e.g. http://127.0.0.1:8000/v1"));
    addRow(form, tr("Key variable"), m_directKeyEnv,
        tr("direct_target.api_key_env: the environment variable holding the direct target's key; empty = no key "
           "is sent to it (the gateway's key never goes there)"));
    addRow(form, tr("Extra headers"), createHeadersBox(box),
        tr("direct_target.headers: the direct target's own extra request headers (target.headers do not apply; "
           "no Authorization or credentials: they would be saved in the file)"));
    return box;
}

QWidget *GatewayPage::createHeadersBox(QWidget *parent)
{
    m_directHeaders = new HeaderTableModel(QStringLiteral("direct_target.headers"), this);
    m_directHeadersBox = new HeaderTableBox(m_directHeaders,
        { QStringLiteral("directHeadersView"), QStringLiteral("addDirectHeaderButton"),
            QStringLiteral("removeDirectHeaderButton") },
        70, 100, parent);
    return m_directHeadersBox;
}

void GatewayPage::onCaptureDefaultsToggled(bool defaults)
{
    refreshEnabled();
    // Ticked: the defaults are shown (and saved as "key left out"). Unticked: they stay as a list to edit;
    // clearing it captures nothing.
    if (defaults && !isLoading())
        m_capture->setPlainText(scenario::defaultCaptureHeaders().join(QLatin1Char('\n')));
}

QList<scenario::ValidationError> GatewayPage::localErrors() const
{
    QList<scenario::ValidationError> errors;
    const QList<scenario::ValidationError> all = EditorPage::localErrors();
    for (const scenario::ValidationError &error : all) {
        if (!m_serverEnabled->isChecked() && pathIsUnder(error.path, QStringLiteral("server_metrics")))
            continue;
        if (!m_directEnabled->isChecked() && pathIsUnder(error.path, QStringLiteral("direct_target")))
            continue;
        errors.append(error);
    }
    return errors;
}

void GatewayPage::loadScenario(const scenario::Scenario &scenario)
{
    m_rpm->setOptionalValue(scenario.limits.rpm);
    m_tpm->setOptionalValue(scenario.limits.tpm);
    m_budget->setOptionalValue(scenario.budgetUsd);
    m_captureDefaults->setChecked(!scenario.captureHeaders);
    m_capture->setPlainText(scenario.captureHeaderPatterns().join(QLatin1Char('\n')));

    const scenario::ServerMetricsConfig server = scenario.serverMetrics.value_or(scenario::ServerMetricsConfig {});
    m_serverEnabled->setChecked(scenario.serverMetrics.has_value());
    m_serverUrl->setText(server.url);
    m_serverFormat->setCurrentIndex(m_serverFormat->findData(int(server.format)));
    m_serverInterval->setMs(server.intervalMs);
    m_serverSeries->setPlainText(server.series.join(QLatin1Char('\n')));
    m_serverSendKey->setChecked(server.sendKey);

    const scenario::DirectTarget direct = scenario.directTarget.value_or(scenario::DirectTarget {});
    m_directEnabled->setChecked(scenario.directTarget.has_value());
    m_directUrl->setText(direct.baseUrl);
    m_directKeyEnv->setText(direct.apiKeyEnv);
    m_directHeaders->setHeaders(direct.headers);
    refreshEnabled();
}

void GatewayPage::save(scenario::Scenario &scenario) const
{
    scenario.limits.rpm = capValue(m_rpm);
    scenario.limits.tpm = capValue(m_tpm);
    scenario.budgetUsd = capValue(m_budget);
    scenario.captureHeaders
        = m_captureDefaults->isChecked() ? std::nullopt : std::optional<QStringList>(lines(m_capture));
    scenario.serverMetrics.reset();
    if (m_serverEnabled->isChecked()) {
        scenario::ServerMetricsConfig server;
        server.url = m_serverUrl->text().trimmed();
        server.format = ServerFormat(m_serverFormat->currentData().toInt());
        server.intervalMs = m_serverInterval->ms();
        server.series = lines(m_serverSeries);
        server.sendKey = m_serverSendKey->isChecked();
        scenario.serverMetrics = server;
    }
    scenario.directTarget.reset();
    if (m_directEnabled->isChecked()) {
        scenario::DirectTarget direct;
        direct.baseUrl = m_directUrl->text().trimmed();
        direct.apiKeyEnv = m_directKeyEnv->text().trimmed();
        direct.headers = m_directHeaders->headers();
        scenario.directTarget = direct;
    }
}

void GatewayPage::refreshEnabled()
{
    if (isLocked())
        return;
    m_capture->setEnabled(!m_captureDefaults->isChecked());
    const bool server = m_serverEnabled->isChecked();
    for (QWidget *field : std::initializer_list<QWidget *> {
             m_serverUrl, m_serverFormat, m_serverInterval, m_serverSeries, m_serverSendKey })
        field->setEnabled(server);
    const bool direct = m_directEnabled->isChecked();
    for (QWidget *field : std::initializer_list<QWidget *> {
             m_directUrl, m_directKeyEnv, m_directHeadersBox->view(), m_directHeadersBox->addButton() })
        field->setEnabled(direct);
    m_directHeadersBox->refreshButtons();
}

} // namespace stampede::ui::editor
