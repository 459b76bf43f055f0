#include "ui/editor/modelpickerdialog.h"

#include "ui/editor/editorfields.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace stampede::ui::editor {

ModelPickerDialog::ModelPickerDialog(const QStringList &listed, const QStringList &present, QWidget *parent)
    : QDialog(parent)
    , m_filter(new QLineEdit(this))
    , m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("modelPickerDialog"));
    setWindowTitle(tr("Add models from the endpoint"));
    m_filter->setObjectName(QStringLiteral("modelPickerFilter"));
    m_filter->setPlaceholderText(tr("Filter, e.g. gpt"));
    m_filter->setClearButtonEnabled(true);
    m_list->setObjectName(QStringLiteral("modelPickerList"));
    for (const QString &name : listed) {
        auto *item = new QListWidgetItem(name, m_list);
        if (present.contains(name)) {
            item->setFlags(Qt::ItemIsSelectable); // shown, checked, greyed: already in the scenario
            item->setCheckState(Qt::Checked);
            item->setToolTip(tr("Already in the scenario"));
        } else {
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Unchecked);
        }
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Add checked"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(
        tr("The endpoint lists %1. Check the ones to add:").arg(counted(listed.size(), tr("model"), tr("models"))),
        this));
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_filter, &QLineEdit::textChanged, this, &ModelPickerDialog::applyFilter);
    connect(m_list, &QListWidget::itemActivated, this, [](QListWidgetItem *item) {
        if (item->flags() & Qt::ItemIsUserCheckable)
            item->setCheckState(item->checkState() == Qt::Checked ? Qt::Unchecked : Qt::Checked);
    });
    resize(380, 420);
}

QStringList ModelPickerDialog::chosen() const
{
    QStringList names;
    for (int i = 0; i < m_list->count(); ++i) {
        const QListWidgetItem *item = m_list->item(i);
        if ((item->flags() & Qt::ItemIsUserCheckable) && item->checkState() == Qt::Checked)
            names.append(item->text());
    }
    return names;
}

void ModelPickerDialog::applyFilter(const QString &text)
{
    for (int i = 0; i < m_list->count(); ++i)
        m_list->item(i)->setHidden(!m_list->item(i)->text().contains(text.trimmed(), Qt::CaseInsensitive));
}

} // namespace stampede::ui::editor
