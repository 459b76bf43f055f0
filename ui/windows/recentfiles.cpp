#include "ui/windows/recentfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace stampede::ui {

namespace {
const QString SettingsKey = QStringLiteral("files/recent");
}

RecentFiles::RecentFiles(QMenu *menu, QObject *parent)
    : QObject(parent)
    , m_menu(menu)
    , m_files(QSettings().value(SettingsKey).toStringList())
{
    if (m_files.size() > MaxFiles)
        m_files.resize(MaxFiles);
    // Built when shown: rebuilding right away would delete the action whose triggered() is running.
    connect(m_menu, &QMenu::aboutToShow, this, &RecentFiles::rebuildMenu);
    m_menu->setEnabled(!m_files.isEmpty());
}

void RecentFiles::add(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_files.removeAll(absolute);
    m_files.prepend(absolute);
    if (m_files.size() > MaxFiles)
        m_files.resize(MaxFiles);
    save();
}

void RecentFiles::remove(const QString &path)
{
    if (m_files.removeAll(QFileInfo(path).absoluteFilePath()) > 0)
        save();
}

void RecentFiles::clear()
{
    m_files.clear();
    save();
}

void RecentFiles::save()
{
    QSettings().setValue(SettingsKey, m_files);
    m_menu->setEnabled(!m_files.isEmpty());
}

void RecentFiles::rebuildMenu()
{
    m_menu->clear();
    for (int i = 0; i < m_files.size(); ++i) {
        const QString path = m_files.at(i);
        // "&1 name.json" gives keyboard access; the full path is in the status tip.
        QAction *action = m_menu->addAction(tr("&%1  %2").arg(i + 1).arg(QFileInfo(path).fileName()));
        action->setStatusTip(QDir::toNativeSeparators(path));
        action->setToolTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { Q_EMIT openRequested(path); });
    }
    if (!m_files.isEmpty()) {
        m_menu->addSeparator();
        QAction *clearAction = m_menu->addAction(tr("Clear List"));
        clearAction->setStatusTip(tr("Forget the recently opened files"));
        connect(clearAction, &QAction::triggered, this, &RecentFiles::clear);
    }
}

} // namespace stampede::ui
