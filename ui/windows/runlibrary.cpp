#include "ui/windows/runlibrary.h"

#include "ui/windows/comparedialog.h"
#include "ui/windows/runlistmodel.h"

#include "report/runfolder.h"

#include <QAction>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QUrl>

namespace stampede::ui {

RunLibrary::RunLibrary(QWidget *window, const Parts &parts)
    : QObject(window)
    , m_window(window)
    , m_parts(parts)
{
    // Ctrl/Shift-click selects several runs; a click still shows one in the dashboard.
    m_parts.list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_parts.proxy->setFilterRole(RunListModel::FilterTextRole);
    m_parts.proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(m_parts.filter, &QLineEdit::textChanged, m_parts.proxy, &QSortFilterProxyModel::setFilterFixedString);

    auto make = [this](const char *name, const QString &text, const QString &tip) {
        auto *action = new QAction(text, this);
        action->setObjectName(QLatin1String(name));
        action->setStatusTip(tip);
        action->setToolTip(tip);
        return action;
    };
    m_compare = make("actionCompareRuns", tr("&Compare Selected Runs…"),
        tr("Select two or more finished runs in the Runs panel (Ctrl+click) to compare them with the oldest: "
           "figures per model, changes, significance, latency CDFs"));
    m_compare->setShortcut(QKeySequence(QStringLiteral("Ctrl+K")));
    m_tag = make("actionTagRuns", tr("&Tag Runs…"),
        tr("Label the selected runs, e.g. \"gateway A\" or \"after config change\" (kept in each run's folder)"));
    m_tag->setShortcut(QKeySequence(QStringLiteral("Ctrl+T")));
    m_reveal = make("actionRevealRun", tr("Show Run &Folder"),
        tr("Open the selected run's folder (its journal, summary and exports) in the file manager"));
    m_delete = make("actionDeleteRuns", tr("&Delete Runs…"), tr("Move the selected runs' folders to the trash"));
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetShortcut); // only in the list: Delete edits text elsewhere
    connect(m_compare, &QAction::triggered, this, [this] { compareSelected(); });
    connect(m_tag, &QAction::triggered, this, &RunLibrary::askTags);
    connect(m_reveal, &QAction::triggered, this, &RunLibrary::revealSelected);
    connect(m_delete, &QAction::triggered, this, [this] { deleteSelected(true); });
    setupBaselineActions();
    m_parts.runMenu->addSeparator();
    m_parts.runMenu->addActions({ m_compare, m_useBaseline, m_clearBaseline, m_tag, m_reveal, m_delete });
    // The shortcuts work with the menu bar hidden (presentation).
    window->addActions({ m_compare, m_useBaseline, m_tag });
    m_parts.list->addActions({ m_compare, m_useBaseline, m_clearBaseline, m_tag, m_reveal, m_delete });
    m_parts.list->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_parts.list->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunLibrary::updateActions);
    connect(m_parts.runs, &QAbstractItemModel::dataChanged, this, &RunLibrary::updateActions);
    connect(m_parts.runs, &QAbstractItemModel::rowsInserted, this, &RunLibrary::updateActions);
    connect(m_parts.runs, &QAbstractItemModel::rowsRemoved, this, &RunLibrary::updateActions);
    setupSort();
    publishBaselines();
    updateActions();
}

void RunLibrary::setupSort()
{
    QComboBox *sort = m_parts.sort;
    sort->setObjectName(QStringLiteral("runSort"));
    sort->setToolTip(tr("Order of the runs: by start time, scenario name, p95 latency, requests or verdict"));
    sort->addItems({ tr("Newest first"), tr("Oldest first"), tr("Name"), tr("p95 latency, slowest first"),
        tr("Requests, most first"), tr("Verdict") });
    sort->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    const int saved = QSettings().value(QStringLiteral("runs/sort"), 0).toInt();
    sortBy(saved >= 0 && saved < sort->count() ? saved : 0);
    connect(sort, &QComboBox::activated, this, &RunLibrary::sortBy);
}

void RunLibrary::sortBy(int index)
{
    struct Order {
        int role;
        Qt::SortOrder order;
    };
    static const Order orders[]
        = { { RunListModel::StartedRole, Qt::DescendingOrder }, { RunListModel::StartedRole, Qt::AscendingOrder },
              { RunListModel::NameRole, Qt::AscendingOrder }, { RunListModel::P95Role, Qt::DescendingOrder },
              { RunListModel::RequestsRole, Qt::DescendingOrder }, { RunListModel::VerdictRole, Qt::AscendingOrder } };
    if (index < 0 || index >= int(std::size(orders)))
        return;
    m_parts.sort->setCurrentIndex(index);
    m_parts.proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_parts.proxy->setSortRole(orders[index].role);
    m_parts.proxy->sort(0, orders[index].order);
    QSettings().setValue(QStringLiteral("runs/sort"), index);
}

void RunLibrary::setupBaselineActions()
{
    m_useBaseline = new QAction(tr("Use as &Baseline"), this);
    m_useBaseline->setObjectName(QStringLiteral("actionUseAsBaseline"));
    m_useBaseline->setCheckable(true);
    m_useBaseline->setShortcut(QKeySequence(QStringLiteral("Ctrl+B")));
    const QString tip = tr("Draw this scenario's runs against the selected run: its series as faint dashed lines on "
                           "the charts, and each figure's change beside it in the results table");
    m_useBaseline->setStatusTip(tip);
    m_useBaseline->setToolTip(tip);
    m_clearBaseline = new QAction(tr("C&lear Baseline"), this);
    m_clearBaseline->setObjectName(QStringLiteral("actionClearBaseline"));
    m_clearBaseline->setStatusTip(tr("Stop drawing the selected run's scenario against a baseline"));
    connect(m_useBaseline, &QAction::triggered, this, [this](bool checked) {
        if (checked)
            useSelectedAsBaseline();
        else
            clearSelectedBaseline();
    });
    connect(m_clearBaseline, &QAction::triggered, this, &RunLibrary::clearSelectedBaseline);
}

namespace {
QString baselineKey(const QString &scenarioName)
{
    // Percent-encoded: a '/' in a name would otherwise open a settings group.
    return QStringLiteral("baselines/") + QString::fromLatin1(QUrl::toPercentEncoding(scenarioName));
}
} // namespace

QString RunLibrary::baselineFolder(const QString &scenarioName) const
{
    return QSettings().value(baselineKey(scenarioName)).toString();
}

bool RunLibrary::useSelectedAsBaseline()
{
    const QList<int> rows = selectedFinishedRows();
    if (rows.size() != 1 || m_parts.runs->run(rows.first()).runDir().isEmpty()) {
        updateActions();
        return false;
    }
    const SessionRun &run = m_parts.runs->run(rows.first());
    QSettings().setValue(baselineKey(run.meta().scenario.name), QDir(run.runDir()).absolutePath());
    publishBaselines();
    updateActions();
    Q_EMIT baselineChanged();
    return true;
}

void RunLibrary::clearSelectedBaseline()
{
    const QList<int> rows = selectedRows();
    if (rows.isEmpty())
        return;
    QSettings().remove(baselineKey(m_parts.runs->run(rows.first()).meta().scenario.name));
    publishBaselines();
    updateActions();
    Q_EMIT baselineChanged();
}

int RunLibrary::baselineRowFor(int row) const
{
    if (row < 0 || row >= m_parts.runs->rowCount())
        return -1;
    const QString folder = baselineFolder(m_parts.runs->run(row).meta().scenario.name);
    const int base = folder.isEmpty() ? -1 : m_parts.runs->rowOfFolder(folder);
    return base >= 0 && base != row && m_parts.runs->run(base).summary() ? base : -1;
}

void RunLibrary::publishBaselines()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("baselines"));
    QStringList folders;
    for (const QString &key : settings.childKeys())
        folders << settings.value(key).toString();
    m_parts.runs->setBaselineFolders(folders);
}

QString RunLibrary::baselineLabel(const SessionRun &run)
{
    const QDateTime started = run.meta().startedAt.toLocalTime();
    QString label = run.fromDisk()
        ? QLocale().toString(started, QStringLiteral("MMM d HH:mm"))
        : QStringLiteral("#%1 · %2").arg(run.number).arg(started.toString(QStringLiteral("HH:mm")));
    if (!run.record.tags.isEmpty())
        label += QStringLiteral(" [%1]").arg(run.record.tags.join(QStringLiteral(", ")));
    return label;
}

QString RunLibrary::runLabel(const SessionRun &run)
{
    QString label = run.fromDisk() || run.runDir().isEmpty()
        ? (run.runDir().isEmpty() ? run.meta().scenario.name : QFileInfo(run.runDir()).fileName())
        : QStringLiteral("#%1 %2").arg(run.number).arg(run.meta().scenario.name);
    if (!run.record.tags.isEmpty())
        label += QStringLiteral(" [%1]").arg(run.record.tags.join(QStringLiteral(", ")));
    return label;
}

QList<int> RunLibrary::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_parts.list->selectionModel()->selectedRows()) {
        const int row = m_parts.proxy->mapToSource(index).row();
        if (row >= 0)
            rows << row;
    }
    return rows;
}

QList<int> RunLibrary::selectedFinishedRows() const
{
    QList<int> rows;
    for (int row : selectedRows()) {
        if (m_parts.runs->run(row).finished)
            rows << row;
    }
    return rows;
}

void RunLibrary::updateActions()
{
    const QList<int> rows = selectedRows();
    bool recorded = !rows.isEmpty(), anyLive = false;
    for (int row : rows)
        recorded = recorded && !m_parts.runs->run(row).runDir().isEmpty();
    for (int row = 0; row < m_parts.runs->rowCount(); ++row)
        anyLive = anyLive || m_parts.runs->run(row).isLive();
    m_compare->setEnabled(selectedFinishedRows().size() >= 2);
    m_tag->setEnabled(recorded);
    m_reveal->setEnabled(rows.size() == 1 && recorded);
    m_delete->setEnabled(recorded && !anyLive);
    const QList<int> finished = selectedFinishedRows();
    const bool one = rows.size() == 1 && finished.size() == 1 && recorded;
    const SessionRun *run = rows.isEmpty() ? nullptr : &m_parts.runs->run(rows.first());
    const QString baseline = run ? baselineFolder(run->meta().scenario.name) : QString();
    m_useBaseline->setEnabled(one);
    m_useBaseline->setChecked(
        one && !baseline.isEmpty() && QDir(run->runDir()).absolutePath() == QDir(baseline).absolutePath());
    m_clearBaseline->setEnabled(!baseline.isEmpty());
}

CompareDialog *RunLibrary::compareSelected()
{
    const QList<int> rows = selectedFinishedRows();
    if (rows.size() < 2)
        return nullptr;
    QList<report::ComparedRun> runs;
    for (int row : rows) {
        const SessionRun &run = m_parts.runs->run(row);
        report::ComparedRun compared;
        compared.record = run.record;
        compared.source = run.runDir();
        compared.label = runLabel(run);
        runs << compared;
    }
    auto *dialog = new CompareDialog(runs, m_window);
    dialog->show();
    return dialog;
}

QString RunLibrary::tagSelected(const QString &text)
{
    const QStringList tags = report::parseTagList(text);
    QString firstError;
    for (int row : selectedRows()) {
        const QString dir = m_parts.runs->run(row).runDir();
        if (dir.isEmpty())
            continue;
        const QString error = report::writeRunTags(dir, tags);
        if (error.isEmpty())
            m_parts.runs->setTags(row, tags);
        else if (firstError.isEmpty())
            firstError = error;
    }
    return firstError;
}

void RunLibrary::askTags()
{
    const QList<int> rows = selectedRows();
    if (rows.isEmpty())
        return;
    bool ok = false;
    const QString current = m_parts.runs->run(rows.first()).record.tags.join(QStringLiteral(", "));
    const QString text = QInputDialog::getText(m_window, tr("Tag Runs"),
        tr("Tags for %n run(s), separated by commas (empty removes them):", nullptr, int(rows.size())),
        QLineEdit::Normal, current, &ok);
    if (!ok)
        return;
    const QString error = tagSelected(text);
    if (!error.isEmpty())
        QMessageBox::warning(m_window, tr("Tag Runs"), tr("Could not write the tags: %1").arg(error));
}

int RunLibrary::deleteSelected(bool confirm)
{
    QList<int> rows;
    for (int row : selectedRows()) {
        if (!m_parts.runs->run(row).runDir().isEmpty())
            rows << row;
    }
    if (rows.isEmpty() || !m_delete->isEnabled())
        return 0;
    if (confirm
        && QMessageBox::question(m_window, tr("Delete Runs"),
               tr("Move the folders of %n run(s) to the trash? Their journals, summaries and exports go with them.",
                   nullptr, int(rows.size())))
            != QMessageBox::Yes)
        return 0;
    std::sort(rows.begin(), rows.end(), std::greater<>()); // remove from the bottom: rows above keep their numbers
    int deleted = 0;
    QStringList failed;
    for (int row : rows) {
        const QString dir = m_parts.runs->run(row).runDir();
        const QString scenarioName = m_parts.runs->run(row).meta().scenario.name;
        if (QFile::moveToTrash(dir) || QDir(dir).removeRecursively()) {
            if (QDir(baselineFolder(scenarioName)).absolutePath() == QDir(dir).absolutePath())
                QSettings().remove(baselineKey(scenarioName)); // a deleted run is no one's baseline
            m_parts.runs->removeRun(row);
            ++deleted;
        } else {
            failed << QDir::toNativeSeparators(dir);
        }
    }
    publishBaselines();
    if (deleted > 0)
        Q_EMIT baselineChanged(); // the shown run's baseline may be gone
    if (!failed.isEmpty())
        QMessageBox::warning(
            m_window, tr("Delete Runs"), tr("Could not delete %1").arg(failed.join(QStringLiteral(", "))));
    return deleted;
}

void RunLibrary::revealSelected()
{
    const QList<int> rows = selectedRows();
    if (rows.size() != 1)
        return;
    const QString dir = m_parts.runs->run(rows.first()).runDir();
    if (!dir.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(QDir(dir).absolutePath()));
}

} // namespace stampede::ui
