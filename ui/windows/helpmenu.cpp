#include "ui/windows/helpmenu.h"

#include "ui/dashboard/metrictips.h"

#include "launch/aboutinfo.h"

#include <QAction>
#include <QApplication>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
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
    for (const Tip tip :
        { Tip::Requests, Tip::Rps, Tip::LatencyP95, Tip::Mean, Tip::P99, Tip::TtftP95, Tip::TpotMean, Tip::ErrorRate,
            Tip::Goodput, Tip::SloAttainment, Tip::OutputTokens, Tip::PromptTokens, Tip::CompletionTokens, Tip::Cost,
            Tip::Vus, Tip::InFlight, Tip::Thresholds, Tip::Checks, Tip::Failures, Tip::Elapsed })
        html += QStringLiteral("<p>%1</p>").arg(tips::text(tip));
    return html;
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
    const QString docs = launch::docsDirectory();
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
    const QString docs = launch::docsDirectory();
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

QString HelpMenu::aboutHtml(const launch::AboutInfo &info)
{
    auto row = [](const QString &label, const QString &value) {
        return QStringLiteral("<tr><td style=\"padding-right:12px\"><b>%1</b></td><td>%2</td></tr>").arg(label, value);
    };
    auto path = [](const QString &p) {
        return p.isEmpty()
            ? tr("(none installed)")
            : QStringLiteral("<a href=\"%1\">%2</a>")
                  .arg(QUrl::fromLocalFile(p).toString().toHtmlEscaped(), QDir::toNativeSeparators(p).toHtmlEscaped());
    };
    QString html = tr("<h3>Stampede %1</h3><p>Load tests for OpenAI-compatible AI gateways. The same engine runs "
                      "headless for CI: <code>stampede run scenario.json</code>.</p>")
                       .arg(info.version.toHtmlEscaped());
    html += QStringLiteral("<table>");
    html += row(tr("Qt"), tr("%1 (built with %2)").arg(info.qtRuntime, info.qtBuild));
    html += row(tr("Transports"),
        tr("%1 (the default)<br>%2")
            .arg(info.curlTransport, info.qtTransport)
            .toHtmlEscaped()
            .replace(QStringLiteral("&lt;br&gt;"), QStringLiteral("<br>")));
    html += row(tr("License"), tr("%1 — free to use, change and ship, commercially too").arg(info.license));
    html += row(tr("Settings"), QDir::toNativeSeparators(info.settingsFile).toHtmlEscaped());
    html += row(tr("Run folders"), path(info.runsDir));
    html += row(tr("Examples"), path(info.examplesDir));
    html += row(tr("Documentation"), path(info.docsDir));
    html += QStringLiteral("</table>");
    return html;
}

void HelpMenu::showAbout()
{
    QDir().mkpath(m_runsDir); // the link opens a folder that exists
    auto *text = new QTextBrowser;
    text->setObjectName(QStringLiteral("aboutText"));
    text->setOpenExternalLinks(true);
    text->setFrameShape(QFrame::NoFrame);
    text->setHtml(aboutHtml(launch::aboutInfo()));
    QDialog *dialog = makeDialog(m_window, QStringLiteral("aboutDialog"), tr("About Stampede"), text);
    dialog->setWindowIcon(QIcon(QStringLiteral(":/stampede/icons/stampede-256.png")));
    auto *icon = new QLabel;
    icon->setPixmap(QIcon(QStringLiteral(":/stampede/icons/stampede-256.png")).pixmap(64, 64));
    icon->setAlignment(Qt::AlignTop);
    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    static_cast<QVBoxLayout *>(dialog->layout())->insertLayout(0, top);
    top->addWidget(text, 1);
    dialog->resize(QSize(640, 360).boundedTo(m_window->size() * 0.9));
    dialog->show();
}

} // namespace stampede::ui
