#include "ui/editor/retrypage.h"

#include "ui/editor/editorfields.h"
#include "ui/editor/fieldmark.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QVBoxLayout>

namespace stampede::ui::editor {

RetryPage::RetryPage(QWidget *parent)
    : EditorPage(parent)
{
    setObjectName(QStringLiteral("retryPage"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createRetryBox());
    layout->addWidget(createRunBox());
    layout->addStretch(1);
    bind(QStringLiteral("retry.max_retries"), m_maxRetries);
    bind(QStringLiteral("retry.base_delay"), m_baseDelay);
    bind(QStringLiteral("retry.max_delay"), m_maxDelay);
    bind(QStringLiteral("retry.on_status"), m_onStatus);
    bind(QStringLiteral("retry.honor_retry_after"), m_honorRetryAfter);
    bind(QStringLiteral("seed"), m_seed);
    bind(QStringLiteral("preflight"), m_preflight);
    // Connected before watch(): the field is filled in before the edit is validated.
    connect(m_fixedSeed, &QCheckBox::toggled, this, [this](bool fixed) {
        m_seed->setEnabled(fixed);
        if (fixed && m_seed->text().isEmpty() && !isLoading())
            m_seed->setText(QStringLiteral("42"));
    });
    for (QWidget *field : std::initializer_list<QWidget *> {
             m_maxRetries, m_baseDelay, m_maxDelay, m_onStatus, m_honorRetryAfter, m_fixedSeed, m_seed, m_preflight })
        watch(field);
}

QWidget *RetryPage::createRetryBox()
{
    auto *box = new QGroupBox(tr("Retries (failed requests are retried with exponential backoff and jitter)"), this);
    m_maxRetries = new QSpinBox(box);
    m_maxRetries->setObjectName(QStringLiteral("maxRetriesSpin"));
    m_maxRetries->setRange(0, 1000);
    setCompactWidth(m_maxRetries);
    m_baseDelay = new DurationEdit(box);
    m_baseDelay->setObjectName(QStringLiteral("baseDelayEdit"));
    m_maxDelay = new DurationEdit(box);
    m_maxDelay->setObjectName(QStringLiteral("maxDelayEdit"));
    m_onStatus = new QLineEdit(box);
    m_onStatus->setObjectName(QStringLiteral("onStatusEdit"));
    m_onStatus->setPlaceholderText(QStringLiteral("429, 503"));
    m_onStatus->setMaximumWidth(m_onStatus->fontMetrics().horizontalAdvance(QLatin1Char('0')) * 40);
    m_honorRetryAfter = new QCheckBox(tr("Wait as long as the server's Retry-After says"), box);
    m_honorRetryAfter->setObjectName(QStringLiteral("honorRetryAfterCheck"));
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    addRow(form, tr("Max retries"), m_maxRetries,
        tr("retry.max_retries: how many times a failed request is retried (0 = never); every attempt counts "
           "in http_reqs"));
    addRow(form, tr("Base delay"), m_baseDelay,
        tr("retry.base_delay: the wait before the first retry; each further retry doubles it (with jitter)"));
    addRow(form, tr("Max delay"), m_maxDelay, tr("retry.max_delay: the longest wait between two attempts"));
    addRow(form, tr("Retry on status"), m_onStatus,
        tr("retry.on_status: the HTTP statuses that are retried, comma-separated (e.g. 429, 503); connection "
           "errors and timeouts are retried too"));
    addRow(form, tr("Retry-After"), m_honorRetryAfter,
        tr("retry.honor_retry_after: a 429/503 with a Retry-After header waits that long (up to max_delay) "
           "instead of the backoff"));
    return box;
}

QWidget *RetryPage::createRunBox()
{
    auto *box = new QGroupBox(tr("Run"), this);
    m_fixedSeed = new QCheckBox(tr("Fixed"), box);
    m_fixedSeed->setObjectName(QStringLiteral("seedCheck"));
    m_seed = new QLineEdit(box);
    m_seed->setObjectName(QStringLiteral("seedEdit"));
    m_seed->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,20}")), m_seed));
    m_seed->setPlaceholderText(QStringLiteral("42"));
    m_seed->setMaximumWidth(m_seed->fontMetrics().horizontalAdvance(QLatin1Char('0')) * 24);
    m_preflight = new QCheckBox(tr("Check the endpoint and every model before the load starts"), box);
    m_preflight->setObjectName(QStringLiteral("preflightCheck"));
    auto *seedRow = new QWidget(box);
    auto *seedLayout = new QHBoxLayout(seedRow);
    seedLayout->setContentsMargins(0, 0, 0, 0);
    seedLayout->addWidget(m_fixedSeed);
    seedLayout->addWidget(m_seed);
    seedLayout->addStretch(1);
    const QString seedHelp = tr("seed: fixes the random choices (model, prompt, think time, Poisson gaps) so two runs "
                                "send the same sequence; unticked = a new random seed per run");
    setHelp(m_fixedSeed, seedHelp);
    setHelp(m_seed, seedHelp);
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    addRow(form, tr("Random seed"), seedRow, seedHelp);
    addRow(form, tr("Preflight"), m_preflight,
        tr("preflight: before the load, GET /models and one tiny request per model, so a wrong key or model "
           "fails in seconds with words saying what to do (not counted in the results)"));
    return box;
}

QList<int> RetryPage::statuses(QStringList *bad) const
{
    QList<int> codes;
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    const QStringList parts = m_onStatus->text().split(separators, Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        bool ok = false;
        const int code = part.toInt(&ok);
        if (ok)
            codes.append(code);
        else if (bad)
            bad->append(tr("\"%1\" is not a status code (use e.g. 429, 503)").arg(part));
    }
    return codes;
}

QList<scenario::ValidationError> RetryPage::localErrors() const
{
    QList<scenario::ValidationError> errors = EditorPage::localErrors();
    QStringList bad;
    statuses(&bad);
    for (const QString &problem : std::as_const(bad))
        errors.append({ QStringLiteral("retry.on_status"), problem });
    if (m_fixedSeed->isChecked()) {
        bool ok = false;
        m_seed->text().toULongLong(&ok);
        if (!ok)
            errors.append({ QStringLiteral("seed"),
                tr("type a whole number (0 to 18446744073709551615), or untick "
                   "Fixed for a new seed per run") });
    }
    return errors;
}

void RetryPage::loadScenario(const scenario::Scenario &scenario)
{
    const scenario::RetryPolicy &retry = scenario.retry;
    m_maxRetries->setValue(retry.maxRetries);
    m_baseDelay->setMs(retry.baseDelayMs);
    m_maxDelay->setMs(retry.maxDelayMs);
    QStringList codes;
    for (int code : retry.onStatus)
        codes.append(QString::number(code));
    m_onStatus->setText(codes.join(QStringLiteral(", ")));
    m_honorRetryAfter->setChecked(retry.honorRetryAfter);
    m_fixedSeed->setChecked(scenario.seed.has_value());
    m_seed->setText(scenario.seed ? QString::number(*scenario.seed) : QString());
    m_seed->setEnabled(scenario.seed.has_value());
    m_preflight->setChecked(scenario.preflight);
}

void RetryPage::save(scenario::Scenario &scenario) const
{
    scenario::RetryPolicy &retry = scenario.retry;
    retry.maxRetries = m_maxRetries->value();
    retry.baseDelayMs = m_baseDelay->ms();
    retry.maxDelayMs = m_maxDelay->ms();
    retry.onStatus = statuses();
    retry.honorRetryAfter = m_honorRetryAfter->isChecked();
    bool ok = false;
    const quint64 seed = m_seed->text().toULongLong(&ok);
    scenario.seed = m_fixedSeed->isChecked() && ok ? std::optional<quint64>(seed) : std::nullopt;
    scenario.preflight = m_preflight->isChecked();
}

void RetryPage::refreshEnabled()
{
    if (!isLocked())
        m_seed->setEnabled(m_fixedSeed->isChecked());
}

} // namespace stampede::ui::editor
