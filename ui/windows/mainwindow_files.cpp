// MainWindow: documents (New / Open / Save / Save As, recent files, the unsaved-changes prompt)
// and what QSettings remembers (window geometry and state, last scenario, recent files).
#include "ui/windows/mainwindow.h"

#include "ui/editor/scenarioeditor.h"
#include "ui/windows/eventlagprobe.h"
#include "ui/windows/noticebanner.h"
#include "ui/windows/recentfiles.h"

#include "scenario/builtinscenarios.h"
#include "scenario/scenarioio.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMessageBox>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>

namespace stampede::ui {

namespace {

const QString GeometryKey = QStringLiteral("window/geometry");
const QString StateKey = QStringLiteral("window/state");
const QString LagKey = QStringLiteral("view/lagProbe");
const QString LastFileKey = QStringLiteral("files/last");
const QString LastDirKey = QStringLiteral("files/dir");

QString fileFilter()
{
    return QCoreApplication::translate(
        "stampede::ui::MainWindow", "Stampede scenario (*.stampede.json *.json);;All files (*)");
}

QStringList errorStrings(const QList<scenario::ValidationError> &errors)
{
    QStringList lines;
    for (const auto &error : errors)
        lines << error.toString();
    return lines;
}

QString startDirectory()
{
    const QString dir = QSettings().value(LastDirKey).toString();
    return !dir.isEmpty() && QFileInfo(dir).isDir()
        ? dir
        : QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

/// "Seed mix — simulated gateway" -> "seed-mix-simulated-gateway.json"
QString suggestedFileName(const QString &scenarioName)
{
    QString base = scenarioName.toLower();
    base.replace(QRegularExpression(QStringLiteral("[^\\w]+")), QStringLiteral("-"));
    base.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    return (base.isEmpty() ? QStringLiteral("scenario") : base) + QStringLiteral(".json");
}

} // namespace

void MainWindow::setDocument(const scenario::Scenario &scenario, const QString &path)
{
    m_path = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    m_editor->setScenario(scenario);
    setWindowModified(false);
    updateTitle();
    updateRunActions();
    refreshSummary();
}

void MainWindow::setUntitledScenario(const scenario::Scenario &scenario)
{
    setDocument(scenario, QString());
}

bool MainWindow::openFile(const QString &path)
{
    const scenario::LoadResult result = scenario::loadScenarioFile(path);
    const QStringList errors = errorStrings(result.errors);
    // Only semantic problems (ranges, missing models...) open: the editor marks them at the fields.
    // A file that does not parse has nothing trustworthy to show.
    if (!result.ok() && errors != errorStrings(scenario::validate(result.scenario))) {
        m_banner->showMessage(NoticeBanner::Kind::Error, tr("Could not open %1").arg(QDir::toNativeSeparators(path)),
            errors.join(QLatin1Char('\n')));
        if (!QFileInfo::exists(path))
            m_recent->remove(path);
        return false;
    }
    setDocument(result.scenario, path);
    m_recent->add(m_path);
    QSettings settings;
    settings.setValue(LastFileKey, m_path);
    settings.setValue(LastDirKey, QFileInfo(m_path).absolutePath());
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(m_path)), 4000);
    return true;
}

bool MainWindow::saveFile(const QString &path)
{
    const QString error = scenario::saveScenarioFile(m_editor->scenario(), path);
    if (!error.isEmpty()) {
        m_banner->showMessage(
            NoticeBanner::Kind::Error, tr("Could not save %1: %2").arg(QDir::toNativeSeparators(path), error));
        return false;
    }
    m_path = QFileInfo(path).absoluteFilePath();
    setWindowModified(false);
    updateTitle();
    m_recent->add(m_path);
    QSettings settings;
    settings.setValue(LastFileKey, m_path);
    settings.setValue(LastDirKey, QFileInfo(m_path).absolutePath());
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(m_path)), 4000);
    return true;
}

QStringList MainWindow::recentFiles() const
{
    return m_recent->files();
}

void MainWindow::newScenario()
{
    if (!maybeSave())
        return;
    scenario::Scenario fresh = scenario::defaultScenario();
    fresh.name = tr("Untitled");
    setDocument(fresh, QString());
    showEditor();
}

void MainWindow::newFromTemplate(const QString &path)
{
    if (!maybeSave())
        return;
    const scenario::LoadResult result = scenario::loadScenarioFile(path);
    if (!result.ok()) { // an installed example changed or removed since the menu was built
        m_banner->showMessage(NoticeBanner::Kind::Error, tr("Could not open %1").arg(QDir::toNativeSeparators(path)),
            errorStrings(result.errors).join(QLatin1Char('\n')));
        return;
    }
    setDocument(result.scenario, QString()); // untitled: Save asks where, never over the example
    showEditor();
}

void MainWindow::openScenario()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Scenario"), startDirectory(), fileFilter());
    if (!path.isEmpty() && openFile(path))
        showEditor();
}

void MainWindow::openRecent(const QString &path)
{
    if (maybeSave() && openFile(path))
        showEditor();
}

bool MainWindow::save()
{
    return m_path.isEmpty() ? saveAs() : saveFile(m_path);
}

bool MainWindow::saveAs()
{
    const QString suggested
        = m_path.isEmpty() ? QDir(startDirectory()).filePath(suggestedFileName(m_editor->scenario().name)) : m_path;
    QString path = QFileDialog::getSaveFileName(this, tr("Save Scenario As"), suggested, fileFilter());
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    return saveFile(path);
}

bool MainWindow::maybeSave()
{
    if (!isWindowModified())
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Unsaved Changes"),
        tr("The scenario \"%1\" has unsaved changes.").arg(m_editor->scenario().name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("unsavedPrompt"));
    box.setInformativeText(tr("Save them before continuing?"));
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

void MainWindow::onEditorChanged()
{
    setWindowModified(true);
    updateTitle();
    m_summaryTimer->start(); // coalesces a burst of keystrokes into one refresh
}

void MainWindow::updateTitle()
{
    QString name = m_editor->scenario().name.trimmed();
    if (name.isEmpty())
        name = tr("Untitled");
    setWindowTitle(tr("Stampede — %1[*]").arg(name));
    setWindowFilePath(m_path);
}

void MainWindow::readSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(GeometryKey).toByteArray())) {
        const QRect screen = QGuiApplication::primaryScreen() ? QGuiApplication::primaryScreen()->availableGeometry()
                                                              : QRect(0, 0, 1600, 1000);
        resize(QSize(1480, 920).boundedTo(screen.size() * 0.92));
    }
    restoreState(settings.value(StateKey).toByteArray());
    m_lagAction->setChecked(settings.value(LagKey, true).toBool());
}

void MainWindow::writeSettings()
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, m_presentation ? m_stateBeforePresentation : saveState());
    settings.setValue(LagKey, m_lagAction->isChecked());
    if (!m_path.isEmpty())
        settings.setValue(LastFileKey, m_path);
}

} // namespace stampede::ui
