#pragma once
// Documentation screenshots, driven inside the real app (README images: docs/images/*.png).
// Only active when STAMPEDE_SCREENSHOT_DIR is set, e.g.
//   STAMPEDE_SCREENSHOT_DIR=docs/images xvfb-run -a -s "-screen 0 1600x1000x24" ./stampede
// It saves <dir>/editor.png (the Prompts page) and editor-models.png (the Models page), starts a run of the current
// scenario, saves <dir>/dashboard.png after STAMPEDE_SCREENSHOT_DELAY seconds (default 40) and <dir>/presentation.png
// and <dir>/about.png (Help ▸ About), then aborts the run and quits. With STAMPEDE_SCREENSHOT_COMPARE=1
// it only compares the two newest runs of the Runs panel (compare-dialog.png) and quits. GUI thread; timers only, never
// waits. With STAMPEDE_SCREENSHOT_FLEET="URL URL ..." it attaches to those agents (File ▸ Attach to Fleet)
// and saves <dir>/fleet.png after the delay.

#include <QObject>
#include <QString>

class QWidget;

namespace stampede::ui {

class MainWindow;

class ScreenshotDriver : public QObject
{
    Q_OBJECT
public:
    /// Does nothing unless STAMPEDE_SCREENSHOT_DIR is set; the driver is a child of `window`.
    static void installFromEnvironment(MainWindow *window);

    /// Makes the page titled `title` current in any tab widget or item view under `root`
    /// (the editor's page list); false when there is none.
    static bool selectPage(QWidget *root, const QString &title);

private:
    ScreenshotDriver(MainWindow *window, const QString &dir, int delaySeconds);
    void shootEditor();
    void shootDashboard();
    void shootPresentation();
    void shootAbout();
    void shootCompare();
    void shootFleet(const QStringList &urls);
    void shootBaseline();
    void finish();
    void save(const QString &fileName);

    MainWindow *m_window;
    QString m_dir;
    int m_delaySeconds;
};

} // namespace stampede::ui
