// The desktop app's entry point (`stampede` with no subcommand, or with a scenario file).
//
// Documentation hook: STAMPEDE_SCREENSHOT_DIR=<dir> makes the app capture docs screenshots
// (editor.png, then dashboard.png after a run of STAMPEDE_SCREENSHOT_DELAY seconds, default 40)
// and quit; see ui/windows/screenshotdriver.h. Without it nothing changes.
#include "ui/guimain.h"

#include "ui/secrets/keystore.h"
#include "ui/windows/mainwindow.h"
#include "ui/windows/screenshotdriver.h"

#include "engine/runcontroller.h"

#include <QApplication>
#include <QFileInfo>
#include <QIcon>
#include <QSettings>

namespace stampede::ui {

namespace {

/// "stampede file.json", "stampede --scenario file.json" or "stampede --scenario=file.json".
QString scenarioArgument(const QStringList &args)
{
    for (int i = 1; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (arg == QLatin1String("--scenario") && i + 1 < args.size())
            return args.at(i + 1);
        if (arg.startsWith(QLatin1String("--scenario=")))
            return arg.mid(int(qstrlen("--scenario=")));
        if (!arg.startsWith(QLatin1Char('-')))
            return arg;
    }
    return QString();
}

} // namespace

int guiMain(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("stampede"));
    QApplication::setOrganizationName(QStringLiteral("Stampede"));
    QApplication::setApplicationVersion(QStringLiteral(STAMPEDE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("stampede"));
    // The installed theme icon when there is one (the package's hicolor set), else the built-in copy.
    QIcon builtin;
    for (int size : { 16, 32, 48, 64, 128, 256 })
        builtin.addFile(QStringLiteral(":/stampede/icons/stampede-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("stampede"), builtin));
    engine::registerMetaTypes();

    KeychainKeyStore keys; // declared before the window: the editor uses it until the window is gone
    MainWindow window(&keys);
    // The window starts on the built-in default scenario (simulated gateway): one click on Start
    // shows live charts. A file on the command line, else the last scenario, replaces it; if it
    // cannot be opened the banner says why and the default stays.
    const QString path = scenarioArgument(QApplication::arguments());
    const QString last = QSettings().value(QStringLiteral("files/last")).toString();
    if (!path.isEmpty())
        window.openFile(path);
    else if (!last.isEmpty() && QFileInfo::exists(last))
        window.openFile(last);
    window.show();
    ScreenshotDriver::installFromEnvironment(&window);
    return QApplication::exec();
}

} // namespace stampede::ui
