#pragma once
// The Help menu: keyboard shortcuts (read from the window's own actions, so the list cannot go
// stale), metric definitions (the dashboard's tooltips, in one place), the documentation, the run
// folders, About. GUI thread only.

#include <QObject>

class QMainWindow;
class QMenu;

namespace stampede::launch {
struct AboutInfo;
}

namespace stampede::ui {

class HelpMenu : public QObject
{
    Q_OBJECT
public:
    /// Fills `menu`; `window` owns the dialogs it opens. `runsDir` is where run folders are written.
    HelpMenu(QMainWindow *window, QMenu *menu, const QString &runsDir);

    /// Every action of the window that has a shortcut: {menu path text, shortcut text}, in menu order.
    static QList<QPair<QString, QString>> shortcuts(const QMainWindow *window);
    /// The definitions, as rich text (one paragraph per measure).
    static QString metricDefinitions();
    /// The About box's text: version, Qt, transports, licence, and where settings, run folders,
    /// examples and the documentation are (links for the folders).
    static QString aboutHtml(const launch::AboutInfo &info);

private:
    void showShortcuts();
    void showDefinitions();
    void openDocs();
    void openRunsFolder();
    void showAbout();

    QMainWindow *m_window;
    QString m_runsDir;
};

} // namespace stampede::ui
