#include "ui/editor/thresholdspage.h"

#include "ui/editor/editordelegates.h"
#include "ui/editor/editorfields.h"
#include "ui/editor/fieldmark.h"
#include "ui/editor/thresholdtablemodel.h"

#include "model/threshold.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace stampede::ui::editor {

namespace {

const QString kUnder = QStringLiteral("under_");

struct FixedCheck {
    const char *name;
    const char *objectName;
    const char *title;
    const char *help;
};

constexpr FixedCheck kFixedChecks[] = {
    { "status_200", "checkStatus200", QT_TRANSLATE_NOOP("ThresholdsPage", "status is 200"),
        QT_TRANSLATE_NOOP("ThresholdsPage", "status_200: the response status is 200") },
    { "has_choices", "checkHasChoices", QT_TRANSLATE_NOOP("ThresholdsPage", "has choices"),
        QT_TRANSLATE_NOOP("ThresholdsPage", "has_choices: the answer has at least one entry in \"choices\"") },
    { "has_usage", "checkHasUsage", QT_TRANSLATE_NOOP("ThresholdsPage", "has usage"),
        QT_TRANSLATE_NOOP("ThresholdsPage",
            "has_usage: the answer reports token usage (prompt and completion "
            "tokens)") },
    { "has_content", "checkHasContent", QT_TRANSLATE_NOOP("ThresholdsPage", "has content"),
        QT_TRANSLATE_NOOP("ThresholdsPage", "has_content: the answer's message content is not empty") },
};

} // namespace

ThresholdsPage::ThresholdsPage(QWidget *parent)
    : EditorPage(parent)
    , m_model(new ThresholdTableModel(this))
    , m_metricDelegate(new LiveTextDelegate(this))
    , m_expressionDelegate(new LiveTextDelegate(this))
{
    setObjectName(QStringLiteral("thresholdsPage"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createRulesBox(), 1);
    layout->addWidget(createChecksBox());
    bindTable(m_view, m_model);
    bind(QStringLiteral("checks"), m_underEdit);
    for (const auto &[name, check] : std::as_const(m_checks))
        watch(check);
    watch(m_under);
    watch(m_underEdit);
    connect(m_under, &QCheckBox::toggled, m_underEdit, &QLineEdit::setEnabled);
    setModelNames({});
}

QWidget *ThresholdsPage::createRulesBox()
{
    auto *box = new QGroupBox(tr("Thresholds (pass/fail rules on the run's metrics, like k6)"), this);
    m_view = new QTableView(box);
    m_view->setObjectName(QStringLiteral("thresholdsView"));
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(true);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(ThresholdTableModel::Metric, 260);
    header->resizeSection(ThresholdTableModel::Expression, 130);
    header->setSectionResizeMode(ThresholdTableModel::AbortOnFail, QHeaderView::ResizeToContents);
    header->resizeSection(ThresholdTableModel::DelayAbortEval, 90);
    header->setStretchLastSection(true);
    m_expressionDelegate->setPlaceholder(QStringLiteral("p(95)<2000"));
    m_view->setItemDelegateForColumn(ThresholdTableModel::Metric, m_metricDelegate);
    m_view->setItemDelegateForColumn(ThresholdTableModel::Expression, m_expressionDelegate);
    auto *add = new QPushButton(tr("Add rule"), box);
    add->setObjectName(QStringLiteral("addThresholdButton"));
    add->setToolTip(tr("Add a rule on http_req_duration; edit the metric and the expression"));
    m_remove = new QPushButton(tr("Remove"), box);
    m_remove->setObjectName(QStringLiteral("removeThresholdButton"));
    m_remove->setToolTip(tr("Remove the selected rule"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, [this] {
        const int row = m_model->addRule(QStringLiteral("http_req_duration"), QString());
        m_view->setCurrentIndex(m_model->index(row, ThresholdTableModel::Expression));
        m_view->edit(m_view->currentIndex());
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (m_view->currentIndex().isValid())
            m_model->removeRows(m_view->currentIndex().row(), 1);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ThresholdsPage::refreshEnabled);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ThresholdsPage::refreshEnabled);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ThresholdsPage::refreshEnabled);
    return box;
}

QWidget *ThresholdsPage::createChecksBox()
{
    auto *box = new QGroupBox(tr("Checks (per response; their pass rate is the checks metric)"), this);
    auto *grid = new QGridLayout(box);
    int column = 0;
    for (const FixedCheck &fixed : kFixedChecks) {
        auto *check = new QCheckBox(tr(fixed.title), box);
        check->setObjectName(QLatin1StringView(fixed.objectName));
        setHelp(check, tr(fixed.help));
        grid->addWidget(check, 0, column++);
        m_checks.append({ QLatin1StringView(fixed.name), check });
    }
    m_under = new QCheckBox(tr("answered under"), box);
    m_under->setObjectName(QStringLiteral("checkUnder"));
    m_underEdit = new QLineEdit(box);
    m_underEdit->setObjectName(QStringLiteral("underEdit"));
    m_underEdit->setPlaceholderText(QStringLiteral("5s"));
    m_underEdit->setMaximumWidth(m_underEdit->fontMetrics().horizontalAdvance(QLatin1Char('0')) * 30);
    const QString underHelp = tr("under_<duration>: the whole response arrived within this time, e.g. 5s "
                                 "(under_5s); several durations, comma-separated, make several checks");
    setHelp(m_under, underHelp);
    setHelp(m_underEdit, underHelp);
    grid->addWidget(m_under, 1, 0);
    grid->addWidget(m_underEdit, 1, 1, 1, 2);
    return box;
}

void ThresholdsPage::setModelNames(const QStringList &names)
{
    QStringList keys = model::thresholdMetrics();
    const QStringList metrics = keys;
    for (const QString &metric : metrics) {
        for (const QString &model : names) {
            if (!model.isEmpty())
                keys.append(metric + QStringLiteral("{model:") + model + QLatin1Char('}'));
        }
    }
    m_metricDelegate->setCompletions(keys);
}

QStringList ThresholdsPage::underDurations(QStringList *bad) const
{
    QStringList durations;
    const QStringList parts = m_underEdit->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QString text = part.trimmed();
        if (!durationError(text).isEmpty()) {
            if (bad)
                bad->append(durationError(text));
        } else if (!durations.contains(text)) {
            durations.append(text);
        }
    }
    return durations;
}

QList<scenario::ValidationError> ThresholdsPage::localErrors() const
{
    QList<scenario::ValidationError> errors = EditorPage::localErrors();
    if (!m_under->isChecked())
        return errors;
    QStringList bad;
    const QStringList durations = underDurations(&bad);
    for (const QString &problem : std::as_const(bad))
        errors.append({ QStringLiteral("checks"), tr("under: %1").arg(problem) });
    if (durations.isEmpty() && bad.isEmpty())
        errors.append({ QStringLiteral("checks"), tr("under: type a duration such as 5s, or untick the check") });
    return errors;
}

void ThresholdsPage::loadScenario(const scenario::Scenario &scenario)
{
    m_model->setThresholds(scenario.thresholds);
    m_loadedChecks = scenario.checks;
    for (const auto &[name, check] : std::as_const(m_checks))
        check->setChecked(scenario.checks.contains(name));
    QStringList under;
    for (const QString &check : scenario.checks) {
        if (check.startsWith(kUnder))
            under.append(check.mid(kUnder.size()));
    }
    m_under->setChecked(!under.isEmpty());
    m_underEdit->setEnabled(!under.isEmpty());
    m_underEdit->setText(under.isEmpty() ? QStringLiteral("5s") : under.join(QStringLiteral(", ")));
    m_view->resizeColumnToContents(ThresholdTableModel::Metric);
    QStringList names;
    for (const scenario::ModelSpec &model : scenario.models)
        names.append(model.model);
    setModelNames(names);
}

void ThresholdsPage::save(scenario::Scenario &scenario) const
{
    scenario.thresholds = m_model->thresholds();
    QStringList wanted;
    for (const auto &[name, check] : m_checks) {
        if (check->isChecked())
            wanted.append(name);
    }
    if (m_under->isChecked()) {
        const QStringList durations = underDurations();
        for (const QString &duration : durations)
            wanted.append(kUnder + duration);
    }
    // Keep the loaded order (a saved file should not reshuffle), then the new ones.
    QStringList checks;
    for (const QString &check : m_loadedChecks) {
        if (wanted.contains(check) && !checks.contains(check))
            checks.append(check);
    }
    for (const QString &check : std::as_const(wanted)) {
        if (!checks.contains(check))
            checks.append(check);
    }
    scenario.checks = checks;
}

void ThresholdsPage::refreshEnabled()
{
    if (!isLocked()) {
        m_remove->setEnabled(m_view->currentIndex().isValid());
        m_underEdit->setEnabled(m_under->isChecked());
    }
}

} // namespace stampede::ui::editor
