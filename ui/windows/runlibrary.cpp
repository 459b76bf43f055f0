#include "ui/windows/runlibrary.h"

#include "ui/windows/comparedialog.h"
#include "ui/windows/runlistmodel.h"

#include <QAction>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QListView>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QUrl>

namespace stampede::ui {

RunLibrary::RunLibrary(
    QWidget *window, QListView *list, QSortFilterProxyModel *proxy, RunListModel *runs, QMenu *runMenu)
    : QObject(window)
    , m_window(window)
    , m_list(list)
    , m_proxy(proxy)
    , m_runs(runs)
{
    // Ctrl/Shift-click selects several runs; a click still shows one in the dashboard.
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_compare = new QAction(tr("&Compare Selected Runs…"), this);
    m_compare->setObjectName(QStringLiteral("actionCompareRuns"));
    m_compare->setShortcut(QKeySequence(QStringLiteral("Ctrl+K")));
    m_compare->setStatusTip(tr("Select two or more finished runs in the Runs panel (Ctrl+click) to compare them "
                               "with the oldest: figures per model, changes, significance, latency CDFs"));
    m_reveal = new QAction(tr("Show Run &Folder"), this);
    m_reveal->setObjectName(QStringLiteral("actionRevealRun"));
    m_reveal->setStatusTip(tr("Open the selected run's folder (its journal, summary and exports) in the file manager"));
    connect(m_compare, &QAction::triggered, this, [this] { compareSelected(); });
    connect(m_reveal, &QAction::triggered, this, &RunLibrary::revealSelected);
    runMenu->addSeparator();
    runMenu->addActions({ m_compare, m_reveal });
    window->addAction(m_compare); // the shortcut works with the menu bar hidden (presentation)
    m_list->addActions({ m_compare, m_reveal });
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunLibrary::updateActions);
    connect(m_runs, &QAbstractItemModel::dataChanged, this, &RunLibrary::updateActions);
    connect(m_runs, &QAbstractItemModel::rowsInserted, this, &RunLibrary::updateActions);
    updateActions();
}

QList<int> RunLibrary::selectedFinishedRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_list->selectionModel()->selectedRows()) {
        const int row = m_proxy->mapToSource(index).row();
        if (row >= 0 && m_runs->run(row).finished)
            rows << row;
    }
    return rows;
}

void RunLibrary::updateActions()
{
    const int finished = int(selectedFinishedRows().size());
    m_compare->setEnabled(finished >= 2);
    const QModelIndexList selected = m_list->selectionModel()->selectedRows();
    m_reveal->setEnabled(
        selected.size() == 1 && !m_runs->run(m_proxy->mapToSource(selected.first()).row()).runDir().isEmpty());
}

CompareDialog *RunLibrary::compareSelected()
{
    const QList<int> rows = selectedFinishedRows();
    if (rows.size() < 2)
        return nullptr;
    QList<report::ComparedRun> runs;
    for (int row : rows) {
        const SessionRun &run = m_runs->run(row);
        report::ComparedRun compared;
        compared.record = run.record;
        compared.source = run.runDir();
        compared.label = run.fromDisk() || run.runDir().isEmpty()
            ? (run.runDir().isEmpty() ? run.meta().scenario.name : QFileInfo(run.runDir()).fileName())
            : QStringLiteral("#%1 %2").arg(run.number).arg(run.meta().scenario.name);
        runs << compared;
    }
    auto *dialog = new CompareDialog(runs, m_window);
    dialog->show();
    return dialog;
}

void RunLibrary::revealSelected()
{
    const QModelIndexList selected = m_list->selectionModel()->selectedRows();
    if (selected.size() != 1)
        return;
    const QString dir = m_runs->run(m_proxy->mapToSource(selected.first()).row()).runDir();
    if (!dir.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(QDir(dir).absolutePath()));
}

} // namespace stampede::ui
