// The window at the screen sizes people have (issue 11): 1280×720 (the floor), 1366×768, 1600×1000 and
// 2560×1440, and — registered a second time with QT_SCALE_FACTOR=2 — 2560×1440 at 200 %, which is
// 1280×720 logical. After a run of the quick scenario (its models and thresholds, one of them made to
// fail, the load shortened to keep the suite lean), at each size: the window takes that size, every
// model name in the results table is whole, the mixed row and the threshold rows (or at least the
// failing ones) are inside their viewports, and no widget lies outside the window. With
// STAMPEDE_SIZES_DIR set it saves a screenshot of the dashboard and the editor at each size
// (docs/images/sizes/ holds the ones in the repository).
#include "ui/dashboard/dashboard.h"
#include "ui/dashboard/thresholdstatusmodel.h"
#include "ui/secrets/keystore.h"
#include "ui/windows/mainwindow.h"
#include "ui/windows/runsession.h"

#include "mainwindowfixture.h"

#include "scenario/builtinscenarios.h"

#include <QAbstractAxis>
#include <QAbstractScrollArea>
#include <QChart>
#include <QChartView>
#include <QDockWidget>
#include <QFile>
#include <QFontMetricsF>
#include <QHeaderView>
#include <QLegend>
#include <QLegendMarker>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <unistd.h>

using namespace stampede;
using namespace stampede::ui;

namespace {

bool scaled()
{
    return qEnvironmentVariableIntValue("QT_SCALE_FACTOR") == 2;
}

/// A widget whose geometry is the scroll area's business (the content of a viewport may be anywhere).
bool insideScrolledContent(const QWidget *w, const QWidget *window)
{
    for (const QWidget *p = w->parentWidget(); p && p != window; p = p->parentWidget()) {
        if (auto *area = qobject_cast<const QAbstractScrollArea *>(p->parentWidget()); area && area->viewport() == p)
            return true;
    }
    return false;
}

QStringList widgetsOutside(QWidget *window)
{
    QStringList outside;
    for (QWidget *w : window->findChildren<QWidget *>()) {
        if (w->isWindow() || !w->isVisibleTo(window) || w->width() <= 0 || w->height() <= 0
            || insideScrolledContent(w, window))
            continue;
        const QRect r(w->mapTo(window, QPoint(0, 0)), w->size());
        if (!window->rect().contains(r))
            outside << QStringLiteral("%1 (%2) at %3,%4 %5×%6")
                           .arg(w->objectName(), QString::fromLatin1(w->metaObject()->className()))
                           .arg(r.x())
                           .arg(r.y())
                           .arg(r.width())
                           .arg(r.height());
    }
    return outside;
}

bool rowVisible(const QTableView *view, int row, int column = 0)
{
    const QRect r = view->visualRect(view->model()->index(row, column));
    return r.isValid() && r.top() >= 0 && r.bottom() <= view->viewport()->height();
}

} // namespace

class TestLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void opensInsideTheScreen();
    void sizes_data();
    void sizes();
    void presentationKeepsTheRunsPanel();

private:
    void shoot(const QString &name);

    QTemporaryDir m_dir;
    MemoryKeyStore *m_keys = nullptr;
    MainWindow *m_window = nullptr;
};

void TestLayout::initTestCase()
{
    QVERIFY(m_dir.isValid());
    test::mainWindowTestSetup(m_dir, QStringLiteral("tst_layout"));
    QSettings().clear(); // no saved geometry: the window picks its first size
    m_keys = new MemoryKeyStore;
    m_window = new MainWindow(m_keys);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));

    scenario::LoadResult quick = scenario::loadBuiltinScenario(QStringLiteral("quick"));
    QVERIFY(quick.ok());
    scenario::Scenario s = quick.scenario;
    s.load.durationMs = 3000;
    s.load.gracefulStopMs = 10000;
    // A rule that must fail, declared last: the verdict panel shows it first.
    s.thresholds.append(
        { QStringLiteral("http_req_duration{model:deepseek-v3.2}"), { { QStringLiteral("p(95)<1") } } });
    m_window->setUntitledScenario(s);
    QSignalSpy finished(m_window->session(), &RunSession::runFinished);
    test::action(m_window, "actionStart")->trigger();
    QVERIFY(finished.wait(60000));
}

void TestLayout::cleanupTestCase()
{
    if (m_window)
        m_window->setWindowModified(false);
    delete m_window;
    delete m_keys;
}

void TestLayout::shoot(const QString &name)
{
    const QString dir = qEnvironmentVariable("STAMPEDE_SIZES_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(m_window->grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}

// The first window of a machine (no saved geometry) fits its screen, at 100 % and at 200 %.
void TestLayout::opensInsideTheScreen()
{
    const QRect screen = m_window->screen()->availableGeometry();
    QVERIFY2(
        m_window->frameGeometry().width() <= screen.width() && m_window->frameGeometry().height() <= screen.height(),
        qPrintable(QStringLiteral("window %1×%2, screen %3×%4")
                       .arg(m_window->frameGeometry().width())
                       .arg(m_window->frameGeometry().height())
                       .arg(screen.width())
                       .arg(screen.height())));
    // 1280×720 logical is the floor, with room for a title bar and a panel.
    const QSize minimum = m_window->minimumSizeHint().expandedTo(m_window->minimumSize());
    QVERIFY2(minimum.width() <= 1280 && minimum.height() <= 680,
        qPrintable(QStringLiteral("minimum %1×%2").arg(minimum.width()).arg(minimum.height())));
}

void TestLayout::sizes_data()
{
    QTest::addColumn<QSize>("size");
    if (scaled()) {
        QTest::newRow("2560x1440@2x") << QSize(1280, 720); // logical
        return;
    }
    for (const QSize size : { QSize(1280, 720), QSize(1366, 768), QSize(1600, 1000), QSize(2560, 1440) })
        QTest::addRow("%dx%d", size.width(), size.height()) << size;
}

void TestLayout::sizes()
{
    QFETCH(QSize, size);
    m_window->resize(size);
    m_window->showDashboard();
    QTRY_COMPARE(m_window->size(), size);
    QTest::qWait(50); // the dashboard reflows on its resize event
    QCoreApplication::processEvents();

    auto *results = m_window->findChild<QTableView *>(QStringLiteral("modelSummaryTable"));
    QVERIFY(results);
    const int rows = results->model()->rowCount();
    QCOMPARE(rows, 5); // four models and the mixed row
    for (int row = 0; row < rows; ++row) {
        const QModelIndex name = results->model()->index(row, 0);
        const int needed = results->sizeHintForIndex(name).width();
        QVERIFY2(needed <= results->columnWidth(0),
            qPrintable(QStringLiteral("%1 needs %2 px, has %3")
                           .arg(name.data().toString())
                           .arg(needed)
                           .arg(results->columnWidth(0))));
        QVERIFY2(
            rowVisible(results, row), qPrintable(name.data().toString() + QStringLiteral(" is outside the table")));
        QCOMPARE(name.data(Qt::ToolTipRole).toString(), name.data().toString()); // whole, should it be elided
    }
    QCOMPARE(results->model()->index(rows - 1, 0).data().toString(), QStringLiteral("mixed"));

    auto *thresholds = m_window->findChild<QTableView *>(QStringLiteral("thresholdTable"));
    QVERIFY(thresholds);
    QCOMPARE(thresholds->model()->rowCount(), 8);
    int visible = 0, failing = 0;
    for (int row = 0; row < thresholds->model()->rowCount(); ++row) {
        const bool shown = rowVisible(thresholds, row, ThresholdStatusModel::Metric);
        visible += shown ? 1 : 0;
        if (thresholds->model()->index(row, 0).data(ThresholdStatusModel::StateRole).toInt()
            == int(ThresholdStatusModel::State::Fail)) {
            ++failing;
            QVERIFY2(shown, qPrintable(QStringLiteral("the failing rule in row %1 is hidden").arg(row + 1)));
            const QModelIndex metric = thresholds->model()->index(row, ThresholdStatusModel::Metric);
            QVERIFY(
                thresholds->sizeHintForIndex(metric).width() <= thresholds->columnWidth(ThresholdStatusModel::Metric));
        }
    }
    QVERIFY(failing >= 1);
    // No metric name is cut: each of its lines (one word each) fits the column (the panel widens).
    for (int row = 0; row < thresholds->model()->rowCount(); ++row) {
        const QString text = thresholds->model()->index(row, ThresholdStatusModel::Metric).data().toString();
        for (const QString &line : text.split(QLatin1Char('\n'))) {
            const int needed = thresholds->fontMetrics().horizontalAdvance(line) + 6;
            QVERIFY2(needed <= thresholds->columnWidth(ThresholdStatusModel::Metric),
                qPrintable(QStringLiteral("\"%1\" needs %2 px, has %3")
                               .arg(line)
                               .arg(needed)
                               .arg(thresholds->columnWidth(ThresholdStatusModel::Metric))));
        }
    }
    qInfo("%s: %d of 8 threshold rows in view (table %d px, max %d, rows %d px)", QTest::currentDataTag(), visible,
        thresholds->viewport()->height(), thresholds->maximumHeight(), thresholds->verticalHeader()->length());

    // No axis title is cut: a vertical one fits the plot's height, or says its unit alone, or nothing.
    for (QChartView *view : m_window->dashboard()->findChildren<QChartView *>()) {
        if (!view->isVisibleTo(m_window)) // the sweep chart of a run that is not a sweep
            continue;
        for (QAbstractAxis *axis : view->chart()->axes(Qt::Vertical)) {
            if (!axis->isTitleVisible() || axis->titleText().isEmpty())
                continue;
            const double needed = QFontMetricsF(axis->titleFont()).horizontalAdvance(axis->titleText());
            QVERIFY2(needed <= view->chart()->plotArea().height(),
                qPrintable(QStringLiteral("%1: \"%2\" needs %3 px, the plot is %4 px tall")
                               .arg(view->objectName(), axis->titleText())
                               .arg(needed)
                               .arg(view->chart()->plotArea().height())));
        }
    }

    // Every legend fits its chart's width (short forms, then middle elision), so Qt does not end each
    // name in "...".
    for (QChartView *view : m_window->dashboard()->findChildren<QChartView *>()) {
        const QFontMetricsF metrics(view->chart()->legend()->font());
        double width = 0;
        for (QLegendMarker *marker : view->chart()->legend()->markers())
            if (marker->isVisible())
                width += metrics.height() + 8 + metrics.horizontalAdvance(marker->label());
        QVERIFY2(width <= view->chart()->size().width() - 16 + 0.5,
            qPrintable(QStringLiteral("%1: legend %2 px in %3")
                           .arg(view->objectName())
                           .arg(width)
                           .arg(view->chart()->size().width())));
    }

    // The Runs panel keeps room for whole words (it broke them mid-word when squeezed).
    auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("runsDock"));
    QVERIFY(dock && dock->width() >= 200);

    QStringList outside = widgetsOutside(m_window);
    QVERIFY2(outside.isEmpty(), qPrintable(outside.join(QStringLiteral("; "))));
    shoot(QString::fromLatin1(QTest::currentDataTag()) + QStringLiteral("-dashboard"));

    m_window->showEditor();
    QCoreApplication::processEvents();
    outside = widgetsOutside(m_window);
    QVERIFY2(outside.isEmpty(), qPrintable(outside.join(QStringLiteral("; "))));
    shoot(QString::fromLatin1(QTest::currentDataTag()) + QStringLiteral("-editor"));
    m_window->showDashboard();
}

// Leaving presentation mode gives the Runs panel its width back (it was saved narrow).
void TestLayout::presentationKeepsTheRunsPanel()
{
    const QSize size = scaled() ? QSize(1280, 720) : QSize(1600, 1000);
    m_window->resize(size);
    QTRY_COMPARE(m_window->size(), size);
    QTest::qWait(100); // the main window lays its docks out on a posted event
    auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("runsDock"));
    QVERIFY(dock && dock->isVisible());
    const int before = dock->width();
    m_window->setPresentationMode(true);
    QTRY_VERIFY(m_window->isFullScreen());
    auto *verdict = m_window->findChild<QWidget *>(QStringLiteral("presentationVerdict"));
    QVERIFY(verdict && verdict->isVisible());
    // Full screen is the screen: the large type fits in it (at 200 %, a 1280-px-wide one).
    QTRY_COMPARE(m_window->size(), m_window->screen()->geometry().size());
    QCoreApplication::processEvents();
    const QStringList outside = widgetsOutside(m_window);
    QVERIFY2(outside.isEmpty(), qPrintable(outside.join(QStringLiteral("; "))));
    if (!scaled()) // at 200 % the offscreen platform draws the big numbers' type larger than it measures it
        shoot(QStringLiteral("2560x1440-presentation"));
    m_window->setPresentationMode(false);
    QTRY_VERIFY(!m_window->isFullScreen());
    QTRY_COMPARE(dock->width(), before);
    QVERIFY(!verdict->isVisible());
}

int main(int argc, char **argv)
{
    // One 2560×1440 screen (the offscreen platform's default is 800×600).
    const QString config = QDir::temp().filePath(QStringLiteral("stampede-tst-layout-%1.json").arg(getpid()));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(R"({"screens": [{"name": "screen", "x": 0, "y": 0, "width": 2560, "height": 1440,
                        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})")
            < 0)
        return 2;
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toLocal8Bit());
    int rc = 0;
    {
        QApplication app(argc, argv);
        TestLayout test;
        rc = QTest::qExec(&test, argc, argv);
    }
    QFile::remove(config);
    return rc;
}

#include "tst_layout.moc"
