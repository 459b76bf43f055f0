#include "ui/editor/editorpage.h"

#include "ui/editor/editorfields.h"
#include "ui/editor/editortablemodel.h"
#include "ui/editor/fieldmark.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QStyle>

namespace stampede::ui::editor {

bool pathIsUnder(const QString &path, const QString &prefix)
{
    if (!path.startsWith(prefix))
        return false;
    if (path.size() == prefix.size())
        return true;
    // ' ': local errors of table rows that have no JSON path yet, e.g. "thresholds (row 3)".
    const QChar next = path.at(prefix.size());
    return next == QLatin1Char('.') || next == QLatin1Char('[') || next == QLatin1Char(' ');
}

EditorPage::EditorPage(QWidget *parent)
    : QWidget(parent)
{
}

void EditorPage::load(const scenario::Scenario &scenario)
{
    ++m_loading;
    loadScenario(scenario);
    --m_loading;
}

QList<scenario::ValidationError> EditorPage::localErrors() const
{
    QList<scenario::ValidationError> errors;
    for (const auto &[path, field] : m_fields) {
        // A hidden field (another executor's) does not count: it is not part of what runs.
        if (!field->isVisibleTo(this))
            continue;
        if (const auto *duration = qobject_cast<const DurationEdit *>(field); duration && !duration->parses())
            errors.append({ path, duration->error() });
        if (const auto *number = qobject_cast<const NumberEdit *>(field); number && !number->parses())
            errors.append({ path, number->error() });
    }
    for (const auto &[view, model] : m_tables) {
        if (view->isVisibleTo(this)) // the stages of a constant executor are not part of what runs
            errors += model->localErrors();
    }
    return errors;
}

QWidget *EditorPage::fieldFor(const QString &path) const
{
    // The longest prefix wins, a shown field over a hidden one of the same path (load.start_vus is the
    // sweep's field or ramping-vus's, whichever the executor shows).
    QWidget *best = nullptr;
    qsizetype bestRank = -1;
    for (const auto &[prefix, field] : m_fields) {
        const qsizetype rank = prefix.size() * 2 + (field->isVisibleTo(this) ? 1 : 0);
        if (rank > bestRank && pathIsUnder(path, prefix)) {
            best = field;
            bestRank = rank;
        }
    }
    return best;
}

void EditorPage::showErrors(const QList<scenario::ValidationError> &errors)
{
    QHash<QWidget *, QStringList> problems;
    for (const scenario::ValidationError &error : errors) {
        if (QWidget *field = fieldFor(error.path))
            problems[field].append(error.toString());
    }
    for (const auto &[path, field] : m_fields)
        markField(field, problems.value(field).join(QLatin1Char('\n')));
    for (const auto &[view, model] : m_tables)
        model->setErrors(errors);
}

void EditorPage::bind(const QString &path, QWidget *field)
{
    m_fields.append({ path, field });
}

QLabel *EditorPage::addRow(QFormLayout *form, const QString &label, QWidget *field, const QString &help)
{
    auto *title = new QLabel(label);
    title->setToolTip(help);
    title->setBuddy(field);
    setHelp(field, help);
    form->addRow(title, field);
    return title;
}

void EditorPage::bindTable(QWidget *view, EditorTableModel *model)
{
    bind(model->pathPrefix(), view);
    m_tables.append({ view, model });
    connect(model, &EditorTableModel::edited, this, &EditorPage::notifyEdited);
}

void EditorPage::notifyEdited()
{
    if (!isLoading())
        Q_EMIT edited();
}

void EditorPage::watch(QWidget *field)
{
    if (auto *duration = qobject_cast<DurationEdit *>(field))
        connect(duration, &DurationEdit::edited, this, &EditorPage::notifyEdited);
    else if (auto *number = qobject_cast<NumberEdit *>(field))
        connect(number, &NumberEdit::edited, this, &EditorPage::notifyEdited);
    else if (auto *line = qobject_cast<QLineEdit *>(field))
        connect(line, &QLineEdit::textEdited, this, &EditorPage::notifyEdited);
    else if (auto *text = qobject_cast<QPlainTextEdit *>(field))
        connect(text, &QPlainTextEdit::textChanged, this, &EditorPage::notifyEdited);
    else if (auto *spin = qobject_cast<QSpinBox *>(field))
        connect(spin, &QSpinBox::valueChanged, this, &EditorPage::notifyEdited);
    else if (auto *combo = qobject_cast<QComboBox *>(field))
        connect(combo, &QComboBox::currentIndexChanged, this, &EditorPage::notifyEdited);
    else if (auto *button = qobject_cast<QAbstractButton *>(field))
        connect(button, &QAbstractButton::toggled, this, &EditorPage::notifyEdited);
}

void EditorPage::setLocked(bool locked)
{
    if (m_locked == locked)
        return;
    m_locked = locked;
    const char *kLockDisabled = "stampedeLockDisabled";
    for (QWidget *child : findChildren<QWidget *>()) {
        if (auto *line = qobject_cast<QLineEdit *>(child); line && !qobject_cast<QAbstractSpinBox *>(child->parent()))
            line->setReadOnly(locked);
        else if (auto *text = qobject_cast<QPlainTextEdit *>(child))
            text->setReadOnly(locked);
        else if (auto *spin = qobject_cast<QAbstractSpinBox *>(child))
            spin->setReadOnly(locked);
        else if (qobject_cast<QAbstractButton *>(child) || qobject_cast<QComboBox *>(child)) {
            if (locked && child->isEnabled()) {
                child->setProperty(kLockDisabled, true);
                child->setEnabled(false);
            } else if (!locked && child->property(kLockDisabled).toBool()) {
                child->setProperty(kLockDisabled, false);
                child->setEnabled(true);
            }
        } else if (auto *view = qobject_cast<QAbstractItemView *>(child)) {
            if (auto *model = qobject_cast<EditorTableModel *>(view->model()))
                model->setReadOnly(locked);
        }
        child->style()->unpolish(child); // the read-only look comes from the style sheet
        child->style()->polish(child);
    }
    if (!locked)
        refreshEnabled();
}

} // namespace stampede::ui::editor
