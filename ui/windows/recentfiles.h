#pragma once
// The "Open Recent" list: at most 8 scenario files, newest first, kept in QSettings
// ("files/recent") and shown as a submenu. Lives on the GUI thread.

#include <QObject>
#include <QStringList>

class QMenu;

namespace stampede::ui {

class RecentFiles : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxFiles = 8;

    /// Fills `menu` (not owned) each time it is about to show.
    explicit RecentFiles(QMenu *menu, QObject *parent = nullptr);

    QStringList files() const { return m_files; }
    void add(const QString &path); ///< moves it to the top
    void remove(const QString &path);
    void clear();
    void rebuildMenu(); ///< run by QMenu::aboutToShow

Q_SIGNALS:
    void openRequested(const QString &path);

private:
    void save();

    QMenu *m_menu;
    QStringList m_files;
};

} // namespace stampede::ui
