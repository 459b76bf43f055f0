#include "ui/windows/helpmenu.h"

#include "ui/dashboard/metrictips.h"

#include <QAction>
#include <QApplication>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QTableWidget>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace stampede::ui {

namespace {

void collect(const QMenu *menu, const QString &path, QList<QPair<QString, QString>> &out, QSet<const QAction *> &seen)
{
    for (QAction *action : menu->actions()) {
        const QString text = action->text().remove(QLatin1Char('&'));
        if (QMenu *sub = action->menu()) {
            collect(sub, path + text + QStringLiteral(" ▸ "), out, seen);
            continue;
        }
        if (action->isSeparator() || action->shortcut().isEmpty() || seen.contains(action))
            continue;
        seen.insert(action);
        out.append({ path + text, action->shortcut().toString(QKeySequence::NativeText) });
    }
}

QDialog *makeDialog(QMainWindow *window, const QString &name, const QString &title, QWidget *body)
{
    auto *dialog = new QDialog(window);
    dialog->setObjectName(name);
    dialog->setWindowTitle(title);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(body, 1);
    layout->addWidget(buttons);
    body->setParent(dialog);
    // Fits a 1280×720 screen with room to spare.
    dialog->resize(QSize(640, 560).boundedTo(window->size() * 0.9));
    return dialog;
}

} // namespace

HelpMenu::HelpMenu(QMainWindow *window, QMenu *menu, const QString &runsDir)
    : QObject(window)
    , m_window(window)
    , m_runsDir(runsDir)
{
    auto add = [&](const char *name, const QString &text, const QKeySequence &keys, const QString &tip,
                   void (HelpMenu::*slot)()) {
        QAction *action = menu->addAction(text);
        action->setObjectName(QLatin1String(name));
        action->setShortcut(keys);
        action->setStatusTip(tip);
        window->addAction(action); // the shortcut works with the menu bar hidden (presentation)
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    add("actionShortcuts", tr("&Keyboard Shortcuts"), QKeySequence(QStringLiteral("Ctrl+/")),
        tr("Every keyboard shortcut of the window"), &HelpMenu::showShortcuts);
    add("actionMetricDefinitions", tr("&Metric Definitions"), QKeySequence::HelpContents,
        tr("What each number on the dashboard measures, and how"), &HelpMenu::showDefinitions);
    add("actionOpenDocs", tr("Open the &Documentation"), {}, tr("Open the documentation folder of this build"),
        &HelpMenu::openDocs);
    add("actionOpenRunsFolder", tr("Open the &Runs Folder"), {},
        tr("Open the folder where every run's results are written, in the file manager"), &HelpMenu::openRunsFolder);
    menu->addSeparator();
    QAction *about = add("actionAbout", tr("&About Stampede"), {}, tr("Version and licence"), &HelpMenu::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

QList<QPair<QString, QString>> HelpMenu::shortcuts(const QMainWindow *window)
{
    QList<QPair<QString, QString>> out;
    QSet<const QAction *> seen;
    for (QAction *top : window->menuBar()->actions()) {
        if (QMenu *menu = top->menu())
            collect(menu, top->text().remove(QLatin1Char('&')) + QStringLiteral(" ▸ "), out, seen);
    }
    // Actions outside the menus (the Runs panel toggle, Leave Presentation Mode).
    for (QAction *action : window->actions()) {
        if (!seen.contains(action) && !action->shortcut().isEmpty())
            out.append(
                { action->text().remove(QLatin1Char('&')), action->shortcut().toString(QKeySequence::NativeText) });
    }
    return out;
}

QString HelpMenu::metricDefinitions()
{
    using tips::Tip;
    QString html;
    for (const Tip tip : { Tip::Requests, Tip::Rps, Tip::LatencyP95, Tip::Mean, Tip::P99, Tip::TtftP95, Tip::TpotMean,
             Tip::ErrorRate, Tip::OutputTokens, Tip::PromptTokens, Tip::CompletionTokens, Tip::Cost, Tip::Vus,
             Tip::InFlight, Tip::Thresholds, Tip::Checks, Tip::Failures, Tip::Elapsed })
        html += QStringLiteral("<p>%1</p>").arg(tips::text(tip));
    return html;
}

QString HelpMenu::docsDirectory()
{
    const QStringList candidates { QApplication::applicationDirPath() + QStringLiteral("/../share/doc/stampede"),
        QStringLiteral(STAMPEDE_SOURCE_DOCS) };
    for (const QString &dir : candidates) {
        if (QFileInfo::exists(dir + QStringLiteral("/metrics.md")))
            return QDir::cleanPath(dir);
    }
    return {};
}

void HelpMenu::showShortcuts()
{
    const auto rows = shortcuts(m_window);
    auto *table = new QTableWidget(int(rows.size()), 2);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setHorizontalHeaderLabels({ tr("Command"), tr("Shortcut") });
    table->verticalHeader()->setVisible(false);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    for (int row = 0; row < rows.size(); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(rows[row].first));
        table->setItem(row, 1, new QTableWidgetItem(rows[row].second));
    }
    makeDialog(m_window, QStringLiteral("shortcutsDialog"), tr("Keyboard Shortcuts"), table)->show();
}

void HelpMenu::showDefinitions()
{
    auto *text = new QTextBrowser;
    text->setObjectName(QStringLiteral("definitionsText"));
    const QString docs = docsDirectory();
    QString html = metricDefinitions();
    if (!docs.isEmpty())
        html += tr("<p>The full definitions, with formulas: <a href=\"%1\">docs/metrics.md</a>.</p>")
                    .arg(QUrl::fromLocalFile(docs + QStringLiteral("/metrics.md")).toString());
    text->setOpenExternalLinks(true);
    text->setHtml(html);
    makeDialog(m_window, QStringLiteral("definitionsDialog"), tr("Metric Definitions"), text)->show();
}

void HelpMenu::openDocs()
{
    const QString docs = docsDirectory();
    if (docs.isEmpty()) {
        QMessageBox::information(m_window, tr("Documentation"),
            tr("This build ships no documentation folder. The definitions of every measure are under "
               "Help ▸ Metric Definitions."));
        return;
    }
    QDesktopServices::openUrl(QUrl::fromLocalFile(docs));
}

void HelpMenu::openRunsFolder()
{
    QDir().mkpath(m_runsDir); // a first run has not written it yet
    QDesktopServices::openUrl(QUrl::fromLocalFile(m_runsDir));
}

void HelpMenu::showAbout()
{
    QMessageBox::about(m_window, tr("About Stampede"),
        tr("<h3>Stampede %1</h3>"
           "<p>Load tests for OpenAI-compatible AI gateways.</p>"
           "<p>Qt %2. The same engine runs headless for CI: <code>stampede run scenario.json</code></p>"
           "<p>Run folders: %3</p>")
            .arg(QStringLiteral(STAMPEDE_VERSION), QString::fromLatin1(qVersion()),
                QDir::toNativeSeparators(m_runsDir).toHtmlEscaped()));
}

} // namespace stampede::ui
