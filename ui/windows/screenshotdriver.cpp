#include "ui/windows/screenshotdriver.h"

#include "ui/editor/scenarioeditor.h"
#include "ui/windows/fleetwatch.h"
#include "ui/windows/mainwindow.h"
#include "ui/windows/runsession.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QPixmap>
#include <QScreen>
#include <QTabWidget>
#include <QTimer>

namespace stampede::ui {

void ScreenshotDriver::installFromEnvironment(MainWindow *window)
{
    const QString dir = qEnvironmentVariable("STAMPEDE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    bool ok = false;
    int delay = qEnvironmentVariableIntValue("STAMPEDE_SCREENSHOT_DELAY", &ok);
    new ScreenshotDriver(window, dir, ok && delay > 0 ? delay : 40);
}

ScreenshotDriver::ScreenshotDriver(MainWindow *window, const QString &dir, int delaySeconds)
    : QObject(window)
    , m_window(window)
    , m_dir(dir)
    , m_delaySeconds(delaySeconds)
{
    QDir().mkpath(dir);
    // Fill the (virtual) screen: under Xvfb there is no window manager to maximise the window.
    if (QScreen *screen = window->screen())
        window->setGeometry(screen->availableGeometry());
    // STAMPEDE_SCREENSHOT_COMPARE=1: only the comparison of the two newest runs (compare-dialog.png).
    // STAMPEDE_SCREENSHOT_BASELINE=1: the newest run becomes the baseline, the scenario runs again
    // against it for the delay (baseline.png).
    // STAMPEDE_SCREENSHOT_FLEET="URL URL ...": attached to those agents for the delay (fleet.png).
    if (const QString fleet = qEnvironmentVariable("STAMPEDE_SCREENSHOT_FLEET"); !fleet.isEmpty())
        QTimer::singleShot(1000, this, [this, fleet] { shootFleet(fleet.split(u' ', Qt::SkipEmptyParts)); });
    else if (qEnvironmentVariableIntValue("STAMPEDE_SCREENSHOT_COMPARE") == 1)
        QTimer::singleShot(3000, this, &ScreenshotDriver::shootCompare);
    else if (qEnvironmentVariableIntValue("STAMPEDE_SCREENSHOT_BASELINE") == 1)
        QTimer::singleShot(3000, this, &ScreenshotDriver::shootBaseline);
    else
        QTimer::singleShot(2000, this, &ScreenshotDriver::shootEditor);
}

void ScreenshotDriver::shootFleet(const QStringList &urls)
{
    QString error;
    const auto checked = fleet::FleetAttach::sourceUrls(urls, fleet::FleetAttach::Mode::Agents, &error);
    if (!checked) {
        qInfo("screenshot fleet.png: FAILED (%s)", qPrintable(error));
        QApplication::quit();
        return;
    }
    m_window->fleet()->attach(*checked, fleet::FleetAttach::Mode::Agents);
    m_window->showDashboard();
    QTimer::singleShot(m_delaySeconds * 1000, this, [this] {
        save(QStringLiteral("fleet.png"));
        QApplication::quit();
    });
}

void ScreenshotDriver::shootCompare()
{
    auto *list = m_window->findChild<QAbstractItemView *>(QStringLiteral("runList"));
    if (list && list->model()->rowCount() >= 2) {
        list->setCurrentIndex(list->model()->index(0, 0));
        list->selectionModel()->select(list->model()->index(1, 0), QItemSelectionModel::Select);
        m_window->showDashboard();
        m_window->findChild<QAction *>(QStringLiteral("actionCompareRuns"))->trigger();
    }
    QTimer::singleShot(1000, this, [this] {
        if (auto *dialog = m_window->findChild<QWidget *>(QStringLiteral("compareDialog"))) {
            const QString path = QDir(m_dir).filePath(QStringLiteral("compare-dialog.png"));
            save(QStringLiteral("compare-window.png"));
            qInfo("screenshot %s: %s", qPrintable(path), dialog->grab().save(path) ? "saved" : "FAILED");
        } else {
            qInfo("screenshot compare-dialog.png: FAILED (fewer than two finished runs listed)");
        }
        QApplication::quit();
    });
}

void ScreenshotDriver::shootBaseline()
{
    auto *list = m_window->findChild<QAbstractItemView *>(QStringLiteral("runList"));
    if (!list || list->model()->rowCount() < 1) {
        qInfo("screenshot baseline.png: FAILED (no finished run listed)");
        QApplication::quit();
        return;
    }
    list->setCurrentIndex(list->model()->index(0, 0));
    m_window->findChild<QAction *>(QStringLiteral("actionUseAsBaseline"))->trigger();
    m_window->findChild<QAction *>(QStringLiteral("actionStart"))->trigger();
    QTimer::singleShot(m_delaySeconds * 1000, this, [this] {
        save(QStringLiteral("baseline.png"));
        finish();
    });
}

bool ScreenshotDriver::selectPage(QWidget *root, const QString &title)
{
    for (QTabWidget *tabs : root->findChildren<QTabWidget *>()) {
        for (int i = 0; i < tabs->count(); ++i) {
            if (tabs->tabText(i).remove(QLatin1Char('&')).startsWith(title)) {
                tabs->setCurrentIndex(i);
                return true;
            }
        }
    }
    for (QAbstractItemView *view : root->findChildren<QAbstractItemView *>()) {
        QAbstractItemModel *model = view->model();
        for (int row = 0; model && row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            if (index.data().toString().startsWith(title)) {
                view->setCurrentIndex(index);
                return true;
            }
        }
    }
    return false;
}

void ScreenshotDriver::save(const QString &fileName)
{
    const QString path = QDir(m_dir).filePath(fileName);
    const bool ok = m_window->grab().save(path);
    qInfo("screenshot %s: %s", qPrintable(path), ok ? "saved" : "FAILED");
}

void ScreenshotDriver::shootEditor()
{
    m_window->showEditor();
    selectPage(m_window->editor(), QStringLiteral("Prompts"));
    QTimer::singleShot(500, this, [this] {
        save(QStringLiteral("editor.png"));
        selectPage(m_window->editor(), QStringLiteral("Models"));
        // The second model selected: its request preview shows (the first is the default).
        if (auto *models = m_window->editor()->findChild<QAbstractItemView *>(QStringLiteral("modelsView"));
            models && models->model()->rowCount() > 1)
            models->setCurrentIndex(models->model()->index(1, 1));
        QTimer::singleShot(500, this, [this] {
            save(QStringLiteral("editor-models.png"));
            m_window->findChild<QAction *>(QStringLiteral("actionStart"))->trigger();
            QTimer::singleShot(m_delaySeconds * 1000, this, &ScreenshotDriver::shootDashboard);
        });
    });
}

void ScreenshotDriver::shootDashboard()
{
    save(QStringLiteral("dashboard.png"));
    // A conversation run: its turns tab too (dashboard-turns.png), then back to the results.
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("dashboardTabs"));
    if (tabs && tabs->indexOf(tabs->findChild<QWidget *>(QStringLiteral("turnsView"))) >= 0
        && selectPage(m_window, QStringLiteral("Conversation turns"))) {
        QTimer::singleShot(500, this, [this, tabs] {
            save(QStringLiteral("dashboard-turns.png"));
            tabs->setCurrentIndex(0);
            m_window->setPresentationMode(true);
            QTimer::singleShot(1500, this, &ScreenshotDriver::shootPresentation);
        });
        return;
    }
    m_window->setPresentationMode(true);
    QTimer::singleShot(1500, this, &ScreenshotDriver::shootPresentation);
}

void ScreenshotDriver::shootPresentation()
{
    save(QStringLiteral("presentation.png"));
    m_window->setPresentationMode(false);
    m_window->findChild<QAction *>(QStringLiteral("actionAbout"))->trigger();
    QTimer::singleShot(500, this, &ScreenshotDriver::shootAbout);
}

void ScreenshotDriver::shootAbout()
{
    if (auto *about = m_window->findChild<QWidget *>(QStringLiteral("aboutDialog"))) {
        const QString path = QDir(m_dir).filePath(QStringLiteral("about.png"));
        qInfo("screenshot %s: %s", qPrintable(path), about->grab().save(path) ? "saved" : "FAILED");
        about->close();
    }
    finish();
}

void ScreenshotDriver::finish()
{
    RunSession *session = m_window->session();
    if (!session->isActive()) {
        QApplication::quit();
        return;
    }
    connect(session, &RunSession::stateChanged, this, [session] {
        if (!session->isActive())
            QApplication::quit();
    });
    session->abort();
}

} // namespace stampede::ui
