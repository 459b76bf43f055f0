#include "ui/editor/targetpage.h"

#include "ui/editor/apikeyfield.h"
#include "ui/editor/connectioncheck.h"
#include "ui/editor/editorfields.h"
#include "ui/editor/fieldmark.h"
#include "ui/editor/headertablebox.h"
#include "ui/editor/headertablemodel.h"
#include "ui/editor/targetnetworkfields.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace stampede::ui::editor {

QList<std::pair<QString, QString>> TargetPage::presets()
{
    return {
        { tr("Built-in simulated gateway"), QStringLiteral("builtin") },
        { tr("OpenAI"), QStringLiteral("https://api.openai.com/v1") },
        { tr("OpenAI-compatible gateway (edit the URL)"), QStringLiteral("https://gateway.example.com/v1") },
        { tr("LiteLLM on localhost"), QStringLiteral("http://localhost:4000/v1") },
        { tr("vLLM on localhost"), QStringLiteral("http://localhost:8000/v1") },
        { tr("Custom"), QString() },
    };
}

TargetPage::TargetPage(KeyStore *keys, QWidget *parent)
    : EditorPage(parent)
    , m_key(new ApiKeyField(keys, this))
    , m_keyEnv(new QLineEdit(this))
    , m_timeout(new DurationEdit(this))
    , m_connectTimeout(new DurationEdit(this))
    , m_http2(new QComboBox(this))
    , m_transport(new QComboBox(this))
    , m_headers(new HeaderTableModel(this))
    , m_check(new ConnectionCheck(this))
    , m_network(new TargetNetworkFields(this))
{
    setObjectName(QStringLiteral("targetPage"));
    m_keyEnv->setObjectName(QStringLiteral("apiKeyEnvEdit"));
    m_timeout->setObjectName(QStringLiteral("timeoutEdit"));
    m_connectTimeout->setObjectName(QStringLiteral("connectTimeoutEdit"));
    m_http2->setObjectName(QStringLiteral("http2Combo"));
    m_http2->addItem(tr("auto (HTTP/2 when a TLS server offers it)"), int(scenario::Http2Mode::Auto));
    m_http2->addItem(tr("http1 (never HTTP/2)"), int(scenario::Http2Mode::Http1));
    m_http2->addItem(tr("h2c (HTTP/2 over cleartext, prior knowledge)"), int(scenario::Http2Mode::H2c));
    m_http2->setItemData(2,
        tr("Only for servers that speak HTTP/2 without TLS: against an HTTP/1.1-only server "
           "every request hangs until the timeout"),
        Qt::ToolTipRole);
    m_transport->setObjectName(QStringLiteral("transportCombo"));
    m_transport->addItem(tr("auto (curl)"), int(scenario::TransportKind::Auto));
    m_transport->addItem(
        tr("curl (event-driven; thousands of streams per thread)"), int(scenario::TransportKind::Curl));
    m_transport->addItem(tr("qt (QNetworkAccessManager; Qt's TLS and proxy stack)"), int(scenario::TransportKind::Qt));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(createForm());
    layout->addWidget(createConnectionBox());
    layout->addStretch(1);

    bind(QStringLiteral("target.base_url"), m_baseUrl);
    bind(QStringLiteral("target.api_key_env"), m_keyEnv);
    bind(QStringLiteral("target.timeout"), m_timeout);
    bind(QStringLiteral("target.connect_timeout"), m_connectTimeout);
    bind(QStringLiteral("target.http2"), m_http2);
    bind(QStringLiteral("target.transport"), m_transport);
    bindTable(m_headersBox->view(), m_headers);
    const QList<TargetNetworkFields::Row> networkRows = m_network->rows();
    for (const TargetNetworkFields::Row &row : networkRows) {
        bind(row.path, row.field);
        watch(row.field);
    }
    for (QWidget *field :
        std::initializer_list<QWidget *> { m_baseUrl, m_keyEnv, m_timeout, m_connectTimeout, m_http2, m_transport })
        watch(field);
    connect(m_keyEnv, &QLineEdit::textEdited, m_key, &ApiKeyField::setEnvName);
    connect(m_check, &ConnectionCheck::finished, this, &TargetPage::onConnectionFinished);
    connect(m_baseUrl, &QLineEdit::textEdited, this, [this] { markResultStale(tr("The base URL")); });
    connect(m_key, &ApiKeyField::keyChanged, this, [this] { markResultStale(tr("The API key")); });
}

void TargetPage::markResultStale(const QString &what)
{
    if (m_testedUrl.isEmpty() || m_check->isRunning())
        return;
    m_result->setStyleSheet(QStringLiteral("color: palette(mid);"));
    //: %1 is "The base URL" or "The API key"; %2 the URL that was tested
    m_result->setText(
        tr("%1 changed since the last test (of %2): press Test Connection again.").arg(what, m_testedUrl));
    m_testedUrl.clear();
}

QFormLayout *TargetPage::createForm()
{
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    addRow(form, tr("Base URL"), createBaseUrlRow(),
        tr("target.base_url: the API root that /chat/completions and /models hang off, e.g. "
           "https://api.openai.com/v1; \"builtin\" starts the simulated gateway in-process"));
    addRow(form, tr("API key"), m_key, help(m_key->lineEdit()));
    addRow(form, tr("Key variable"), m_keyEnv,
        tr("target.api_key_env: the environment variable that holds the key when the field above is empty "
           "(only its name is saved, e.g. STAMPEDE_API_KEY)"));
    addRow(form, tr("Timeout"), m_timeout,
        tr("target.timeout: the longest a request may take in all, streaming included (k6 timeout), e.g. 60s"));
    addRow(form, tr("Connect timeout"), m_connectTimeout,
        tr("target.connect_timeout: the longest to wait for the TCP/TLS connection, e.g. 10s; "
           "not more than the timeout"));
    addRow(form, tr("HTTP/2"), m_http2,
        tr("target.http2: auto = HTTP/2 when a TLS server offers it, else HTTP/1.1; http1 = never; h2c = HTTP/2 "
           "without TLS by prior knowledge. Warning: h2c against an HTTP/1.1-only server hangs until the "
           "timeout."));
    addRow(form, tr("Transport"), m_transport,
        tr("target.transport: the HTTP client that sends the requests. curl = libcurl driven by each worker's "
           "event loop, the most exact at high load (docs/benchmarks.md); qt = QNetworkAccessManager, a thread "
           "per 6 connections; auto = curl."));
    addRow(form, tr("Extra headers"), createHeadersBox(),
        tr("target.headers: extra headers sent with every request (saved in the file: no secrets)"));
    const QList<TargetNetworkFields::Row> networkRows = m_network->rows();
    for (const TargetNetworkFields::Row &row : networkRows)
        addRow(form, row.label, row.widget, row.help);
    return form;
}

QWidget *TargetPage::createBaseUrlRow()
{
    auto *row = new QWidget(this);
    m_preset = new QComboBox(row);
    m_preset->setObjectName(QStringLiteral("baseUrlPreset"));
    const QList<std::pair<QString, QString>> all = presets();
    for (const auto &[title, url] : all)
        m_preset->addItem(title, url);
    m_preset->setToolTip(tr("Presets for common gateways; pick one, then edit the URL if needed"));
    m_baseUrl = new QLineEdit(row);
    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_baseUrl->setPlaceholderText(tr("https://host/v1 or builtin"));
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_preset);
    layout->addWidget(m_baseUrl, 1);
    connect(m_preset, &QComboBox::activated, this, &TargetPage::choosePreset);
    connect(m_baseUrl, &QLineEdit::textEdited, this, &TargetPage::syncPreset);
    connect(m_baseUrl, &QLineEdit::editingFinished, this, [this] { m_key->setAccount(m_baseUrl->text().trimmed()); });
    return row;
}

QWidget *TargetPage::createHeadersBox()
{
    m_headersBox = new HeaderTableBox(m_headers,
        { QStringLiteral("headersView"), QStringLiteral("addHeaderButton"), QStringLiteral("removeHeaderButton") }, 90,
        140, this);
    return m_headersBox;
}

QWidget *TargetPage::createConnectionBox()
{
    auto *box = new QWidget(this);
    m_test = new QPushButton(tr("Test connection"), box);
    m_test->setObjectName(QStringLiteral("testConnectionButton"));
    m_test->setToolTip(tr("GET /models, then one tiny request per enabled model (max_tokens 5), like the preflight "
                          "before a run; nothing is counted"));
    m_busy = new QProgressBar(box);
    m_busy->setObjectName(QStringLiteral("connectionBusy"));
    m_busy->setRange(0, 0); // indeterminate: a busy indicator
    m_busy->setMaximumWidth(120);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_result = new QLabel(box);
    m_result->setObjectName(QStringLiteral("connectionResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *row = new QHBoxLayout;
    row->addWidget(m_test);
    row->addWidget(m_busy);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_result);
    connect(m_test, &QPushButton::clicked, this, &TargetPage::connectionTestRequested);
    return box;
}

void TargetPage::choosePreset(int index)
{
    const QString url = m_preset->itemData(index).toString();
    if (url.isEmpty()) { // Custom: the user types the URL
        m_baseUrl->setFocus();
        m_baseUrl->selectAll();
        return;
    }
    m_baseUrl->setText(url);
    m_key->setAccount(url);
    notifyEdited();
}

void TargetPage::syncPreset()
{
    const int index = m_preset->findData(m_baseUrl->text().trimmed());
    m_preset->setCurrentIndex(index >= 0 ? index : m_preset->count() - 1);
}

void TargetPage::loadScenario(const scenario::Scenario &scenario)
{
    const scenario::Target &target = scenario.target;
    m_testedUrl.clear(); // another scenario: the last test result is not about it
    m_result->clear();
    m_baseUrl->setText(target.baseUrl);
    syncPreset();
    m_keyEnv->setText(target.apiKeyEnv);
    m_key->setEnvName(target.apiKeyEnv);
    m_key->setAccount(target.baseUrl);
    m_timeout->setMs(target.timeoutMs);
    m_connectTimeout->setMs(target.connectTimeoutMs);
    m_http2->setCurrentIndex(m_http2->findData(int(target.http2)));
    m_transport->setCurrentIndex(m_transport->findData(int(target.transport)));
    m_headers->setHeaders(target.headers);
    m_network->load(target);
}

void TargetPage::save(scenario::Scenario &scenario) const
{
    scenario::Target &target = scenario.target;
    target.baseUrl = m_baseUrl->text().trimmed();
    target.apiKeyEnv = m_keyEnv->text().trimmed();
    target.timeoutMs = m_timeout->ms();
    target.connectTimeoutMs = m_connectTimeout->ms();
    target.http2 = scenario::Http2Mode(m_http2->currentData().toInt());
    target.transport = scenario::TransportKind(m_transport->currentData().toInt());
    target.headers = m_headers->headers();
    m_network->save(target);
}

QString TargetPage::apiKey() const
{
    return m_key->effectiveKey();
}

QString TargetPage::apiKeySource() const
{
    return m_key->keySource();
}

void TargetPage::testConnection(const QList<scenario::ModelSpec> &models)
{
    scenario::Scenario current;
    save(current);
    m_key->setAccount(current.target.baseUrl);
    m_test->setEnabled(false);
    m_busy->show();
    m_result->setText(tr("Testing %1 ...").arg(current.target.baseUrl));
    m_check->start(current.target, apiKey(), models, apiKeySource());
}

void TargetPage::onConnectionFinished(const engine::PreflightResult &result, const QString &baseUrl)
{
    m_busy->hide();
    m_test->setEnabled(!isLocked());
    const QString shown = m_baseUrl->text().trimmed() == QLatin1StringView("builtin")
        ? tr("the built-in simulated gateway (%1)").arg(baseUrl)
        : baseUrl;
    m_result->setStyleSheet(result.ok ? QStringLiteral("color: #1b5e20;") : QStringLiteral("color: #b71c1c;"));
    m_result->setText(ConnectionCheck::describe(result, shown, !apiKey().isEmpty(), m_keyEnv->text().trimmed()));
    m_testedUrl = shown;
}

void TargetPage::refreshEnabled()
{
    if (isLocked())
        return;
    m_headersBox->refreshButtons();
    m_test->setEnabled(!m_check->isRunning());
}

} // namespace stampede::ui::editor
