#include "ui/editor/headertablebox.h"

#include "ui/editor/headertablemodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace stampede::ui::editor {

HeaderTableBox::HeaderTableBox(
    HeaderTableModel *model, const Names &names, int minHeight, int maxHeight, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_view(new QTableView(this))
    , m_add(new QPushButton(tr("Add header"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
{
    m_view->setObjectName(names.view);
    m_view->setModel(model);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->resizeSection(HeaderTableModel::Name, 200);
    m_view->verticalHeader()->hide();
    m_view->setMinimumHeight(minHeight);
    m_view->setMaximumHeight(maxHeight);
    m_add->setObjectName(names.add);
    m_remove->setObjectName(names.remove);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    connect(m_add, &QPushButton::clicked, this, [this] {
        const int row = m_model->addHeader();
        m_view->setCurrentIndex(m_model->index(row, HeaderTableModel::Name));
        m_view->edit(m_view->currentIndex());
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (m_view->currentIndex().isValid())
            m_model->removeRows(m_view->currentIndex().row(), 1);
        refreshButtons();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &HeaderTableBox::refreshButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &HeaderTableBox::refreshButtons);
}

void HeaderTableBox::refreshButtons()
{
    m_remove->setEnabled(m_add->isEnabled() && m_view->currentIndex().isValid());
}

} // namespace stampede::ui::editor
