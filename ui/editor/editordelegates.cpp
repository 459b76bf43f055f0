#include "ui/editor/editordelegates.h"

#include "ui/editor/editorfields.h"

#include <QComboBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSpinBox>

namespace stampede::ui::editor {

NumberDelegate::NumberDelegate(int decimals, double minimum, double maximum, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_decimals(decimals)
    , m_minimum(minimum)
    , m_maximum(maximum)
{
}

QWidget *NumberDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const
{
    if (m_decimals == 0) {
        auto *spin = new QSpinBox(parent);
        spin->setRange(int(m_minimum), int(m_maximum));
        spin->setFrame(false);
        return spin;
    }
    auto *spin = new QDoubleSpinBox(parent);
    spin->setDecimals(m_decimals);
    spin->setRange(m_minimum, m_maximum);
    spin->setFrame(false);
    return spin;
}

void NumberDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *spin = qobject_cast<QSpinBox *>(editor))
        spin->setValue(index.data(Qt::EditRole).toInt());
    else if (auto *doubleSpin = qobject_cast<QDoubleSpinBox *>(editor))
        doubleSpin->setValue(index.data(Qt::EditRole).toDouble());
}

void NumberDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        spin->interpretText();
        model->setData(index, spin->value());
    } else if (auto *doubleSpin = qobject_cast<QDoubleSpinBox *>(editor)) {
        doubleSpin->interpretText();
        // Unchanged text keeps the model's exact value (the spin box rounds to its decimals).
        if (doubleSpin->value() != QString::number(index.data(Qt::EditRole).toDouble(), 'f', m_decimals).toDouble())
            model->setData(index, doubleSpin->value());
    }
}

QString NumberDelegate::displayText(const QVariant &value, const QLocale &locale) const
{
    bool ok = false;
    const double number = value.toDouble(&ok);
    if (!ok)
        return QStyledItemDelegate::displayText(value, locale);
    return locale.toString(number, 'g', 15);
}

LiveTextDelegate::LiveTextDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QWidget *LiveTextDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const
{
    auto *edit = new QLineEdit(parent);
    edit->setFrame(false);
    edit->setPlaceholderText(m_placeholder);
    if (!m_completions.isEmpty()) {
        auto *completer = new QCompleter(m_completions, edit);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        edit->setCompleter(completer);
    }
    connect(edit, &QLineEdit::textEdited, this,
        [this, edit] { Q_EMIT const_cast<LiveTextDelegate *>(this)->commitData(edit); });
    return edit;
}

void LiveTextDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *edit = static_cast<QLineEdit *>(editor);
    const QString text = index.data(Qt::EditRole).toString();
    if (edit->text() != text) // a live commit echoes back: keep the cursor where the user types
        edit->setText(text);
}

void LiveTextDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    const QString text = static_cast<QLineEdit *>(editor)->text();
    if (index.data(Qt::EditRole).toString() != text)
        model->setData(index, text);
}

ChoiceDelegate::ChoiceDelegate(const QStringList &values, const QStringList &titles, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_values(values)
    , m_titles(titles)
{
}

QWidget *ChoiceDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const
{
    auto *combo = new QComboBox(parent);
    for (qsizetype i = 0; i < m_values.size(); ++i)
        combo->addItem(m_titles.value(i, m_values[i]), m_values[i]);
    return combo;
}

void ChoiceDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = static_cast<QComboBox *>(editor);
    combo->setCurrentIndex(std::max(0, combo->findData(index.data(Qt::EditRole).toString())));
}

void ChoiceDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    model->setData(index, static_cast<QComboBox *>(editor)->currentData(), Qt::EditRole);
}

} // namespace stampede::ui::editor
