// The scenario editor's connection side, driven as a user would: the API key (masked, kept in the key
// store, never in the scenario), "Test connection" and "Fetch models" against the built-in simulated
// gateway (asynchronous), and screenshots of every page on request.

#include "ui/editor/scenarioeditor.h"
#include "ui/editor/stagetablemodel.h"
#include "ui/editor/thresholdtablemodel.h"
#include "ui/secrets/keystore.h"

#include "scenario/scenarioio.h"

#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QToolButton>
#include <QtTest/QTest>

#include "tst_editorsupport.h"

#include <memory>

using namespace stampede;
using namespace stampede::ui;
using editor::StageTableModel;

using namespace stampede::test;

class TestEditorConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void keyNeverInScenario();
    void keyLoadedFromStore();
    void keychainUnavailableSaysSo();
    void keyStaysWithItsBaseUrl();
    void testConnectionBuiltin();
    void fetchModelsBuiltin();
    void screenshots();

private:
    std::unique_ptr<MemoryKeyStore> m_keys;
    std::unique_ptr<ScenarioEditor> m_editor;
};

void TestEditorConnection::init()
{
    m_keys = std::make_unique<MemoryKeyStore>();
    m_editor = std::make_unique<ScenarioEditor>(m_keys.get());
    m_editor->resize(1000, 720);
}

void TestEditorConnection::cleanup()
{
    m_editor.reset();
    m_keys.reset();
}

void TestEditorConnection::keyNeverInScenario()
{
    m_editor->show();
    auto *key = find<QLineEdit>(m_editor.get(), "apiKeyEdit");
    QVERIFY(key);
    QCOMPARE(key->echoMode(), QLineEdit::Password);
    QTest::mouseClick(find<QWidget>(m_editor.get(), "apiKeyReveal"), Qt::LeftButton);
    QCOMPARE(key->echoMode(), QLineEdit::Normal);
    QSignalSpy stored(m_keys.get(), &KeyStore::keyStored);
    replaceText(key, QStringLiteral("sk-secret-123"));
    QTest::keyClick(key, Qt::Key_Return); // editing finished: goes to the keychain
    QVERIFY(stored.wait());
    QCOMPARE(stored.last().at(0).toString(), QStringLiteral("builtin"));
    QCOMPARE(m_editor->apiKey(), QStringLiteral("sk-secret-123"));
    QVERIFY(!scenario::toJson(m_editor->scenario()).contains("sk-secret-123"));

    // Even a header carrying it is refused and never written.
    auto *headers = find<QTableView>(m_editor.get(), "headersView");
    QTest::mouseClick(find<QPushButton>(m_editor.get(), "addHeaderButton"), Qt::LeftButton);
    QVERIFY(typeIntoCell(headers, headers->model()->index(0, 0), QStringLiteral("Authorization")));
    QVERIFY(typeIntoCell(headers, headers->model()->index(0, 1), QStringLiteral("Bearer sk-secret-123")));
    QVERIFY(!m_editor->isValid());
    QVERIFY(m_editor->problems().contains(QStringLiteral("target.headers.Authorization: do not set Authorization")));
    QVERIFY(!scenario::toJson(m_editor->scenario()).contains("sk-secret-123"));

    // The key stays with its base URL in the store.
    QSignalSpy loaded(m_keys.get(), &KeyStore::keyLoaded);
    m_keys->load(QStringLiteral("builtin"));
    QVERIFY(loaded.wait());
    QCOMPARE(loaded.last().at(1).toString(), QStringLiteral("sk-secret-123"));
}

void TestEditorConnection::keyLoadedFromStore()
{
    m_keys->store(QStringLiteral("http://localhost:8000/v1"), QStringLiteral("sk-vllm"));
    m_editor->show();
    auto *preset = find<QComboBox>(m_editor.get(), "baseUrlPreset");
    QVERIFY(preset);
    const int vllm = preset->findData(QStringLiteral("http://localhost:8000/v1"));
    QVERIFY(vllm >= 0);
    preset->setCurrentIndex(vllm);
    Q_EMIT preset->activated(vllm); // what a user's pick sends
    QCOMPARE(m_editor->scenario().target.baseUrl, QStringLiteral("http://localhost:8000/v1"));
    QTRY_COMPARE(m_editor->apiKey(), QStringLiteral("sk-vllm"));
    QTRY_VERIFY(
        find<QLabel>(m_editor.get(), "apiKeyStatus")->text().contains(QStringLiteral("Loaded from the OS keychain")));

    // Typing a URL by hand follows the preset list.
    replaceText(find<QLineEdit>(m_editor.get(), "baseUrlEdit"), QStringLiteral("https://api.openai.com/v1"));
    QCOMPARE(preset->currentText(), QStringLiteral("OpenAI"));
    replaceText(find<QLineEdit>(m_editor.get(), "baseUrlEdit"), QStringLiteral("ftp://nope"));
    QVERIFY(m_editor->problems().contains(QStringLiteral("target.base_url")));
    QCOMPARE(preset->currentText(), QStringLiteral("Custom"));
}

void TestEditorConnection::keychainUnavailableSaysSo()
{
    qunsetenv("DBUS_SESSION_BUS_ADDRESS"); // no session bus: no Secret Service
    KeychainKeyStore keychain;
    ScenarioEditor editor(&keychain);
    editor.show();
    auto *status = find<QLabel>(&editor, "apiKeyStatus");
    QVERIFY(status);
    QTRY_VERIFY_WITH_TIMEOUT(!keychain.available(), 30000);
    QTRY_VERIFY2(
        status->text().contains(QStringLiteral("No OS keychain (Secret Service) is running: the key is used for "
                                               "this session only; set $STAMPEDE_API_KEY to keep it")),
        qPrintable(status->text()));
    // The key still works for this session.
    auto *key = find<QLineEdit>(&editor, "apiKeyEdit");
    replaceText(key, QStringLiteral("sk-session"));
    QTest::keyClick(key, Qt::Key_Return);
    QCOMPARE(editor.apiKey(), QStringLiteral("sk-session"));
    replaceText(find<QLineEdit>(&editor, "apiKeyEnvEdit"), QStringLiteral("MY_GATEWAY_KEY"));
    QVERIFY2(status->text().contains(QStringLiteral("set $MY_GATEWAY_KEY to keep it")), qPrintable(status->text()));
}

void TestEditorConnection::keyStaysWithItsBaseUrl()
{
    // A new base URL starts without the key typed for the old one, and says why: the key can be
    // carried over, but only when the user asks.
    m_editor->show();
    auto *key = find<QLineEdit>(m_editor.get(), "apiKeyEdit");
    auto *url = find<QLineEdit>(m_editor.get(), "baseUrlEdit");
    auto *carry = find<QToolButton>(m_editor.get(), "apiKeyCarry");
    auto *status = find<QLabel>(m_editor.get(), "apiKeyStatus");
    QVERIFY(carry && status);
    replaceText(key, QStringLiteral("sk-first-gateway"));
    QTest::keyClick(key, Qt::Key_Return);
    QVERIFY(!carry->isVisible());
    replaceText(url, QStringLiteral("http://127.0.0.1:4000/v1"));
    QTest::keyClick(url, Qt::Key_Return); // editing finished: the key field follows the URL
    QTRY_COMPARE(key->text(), QString());
    QTRY_VERIFY(carry->isVisible());
    QVERIFY2(status->text().contains(QStringLiteral("The key you entered for builtin stays with it")),
        qPrintable(status->text()));
    QVERIFY(m_editor->apiKey() != QStringLiteral("sk-first-gateway"));
    QSignalSpy stored(m_keys.get(), &KeyStore::keyStored);
    QTest::mouseClick(carry, Qt::LeftButton);
    QCOMPARE(m_editor->apiKey(), QStringLiteral("sk-first-gateway"));
    QVERIFY(!carry->isVisible());
    QVERIFY(stored.wait());
    QCOMPARE(stored.last().at(0).toString(), QStringLiteral("http://127.0.0.1:4000/v1"));
}

void TestEditorConnection::testConnectionBuiltin()
{
    m_editor->show();
    auto *button = find<QPushButton>(m_editor.get(), "testConnectionButton");
    auto *result = find<QLabel>(m_editor.get(), "connectionResult");
    auto *busy = find<QProgressBar>(m_editor.get(), "connectionBusy");
    QVERIFY(button && result && busy);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(busy->isVisible()); // the GUI thread is free: the check runs asynchronously
    QVERIFY(!button->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!busy->isVisible(), 30000);
    const QString text = result->text();
    QVERIFY2(text.startsWith(QStringLiteral("Connected to the built-in simulated gateway")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("GET /models lists 4 models: gpt-4.1, claude-sonnet-4-5")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("deepseek-v3.2: ok, ping answered in")), qPrintable(text));
    QVERIFY(button->isEnabled());

    // A port with nothing listening says so, with what to do.
    replaceText(find<QLineEdit>(m_editor.get(), "baseUrlEdit"), QStringLiteral("http://127.0.0.1:1/v1"));
    // The old result no longer speaks of these fields: it says so instead of staying "Connected".
    QVERIFY2(result->text().contains(QStringLiteral("The base URL changed since the last test")),
        qPrintable(result->text()));
    QVERIFY(!result->text().contains(QStringLiteral("Connected to")));
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!busy->isVisible(), 30000);
    QVERIFY2(result->text().contains(QStringLiteral("connection refused")), qPrintable(result->text()));
}

void TestEditorConnection::fetchModelsBuiltin()
{
    m_editor->show();
    auto *view = find<QTableView>(m_editor.get(), "modelsView");
    QVERIFY(view->model()->removeRows(0, 1)); // gpt-4.1 goes (its threshold is now marked) and comes back
    QVERIFY(!m_editor->isValid());
    QTest::mouseClick(find<QPushButton>(m_editor.get(), "fetchModelsButton"), Qt::LeftButton);
    QDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = find<QDialog>(m_editor.get(), "modelPickerDialog")) != nullptr, 30000);
    QTRY_VERIFY(dialog->isVisible());
    auto *list = find<QListWidget>(dialog, "modelPickerList");
    QCOMPARE(list->count(), 4);
    const QList<QListWidgetItem *> gpt = list->findItems(QStringLiteral("gpt-4.1"), Qt::MatchExactly);
    QCOMPARE(gpt.size(), 1);
    gpt.first()->setCheckState(Qt::Checked);
    const QList<QListWidgetItem *> present = list->findItems(QStringLiteral("deepseek-v3.2"), Qt::MatchExactly);
    QVERIFY(!(present.first()->flags() & Qt::ItemIsUserCheckable)); // already in the scenario
    dialog->accept();
    QCOMPARE(m_editor->scenario().models.last().model, QStringLiteral("gpt-4.1"));
    QCOMPARE(m_editor->scenario().models.last().price.inputPerMTok, 8.0); // the built-in price
    QVERIFY2(m_editor->isValid(), qPrintable(m_editor->problems()));
}

void TestEditorConnection::screenshots()
{
    // A look at the editor as a user sees it: STAMPEDE_SHOT_DIR=/tmp/shots ./tst_editor screenshots
    // (under xvfb-run for the real platform's fonts and style).
    const QString dir = qEnvironmentVariable("STAMPEDE_SHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set STAMPEDE_SHOT_DIR to write screenshots");
    QDir().mkpath(dir);
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
    auto *tabs = find<QTabWidget>(m_editor.get(), "editorTabs");
    QTest::mouseClick(find<QPushButton>(m_editor.get(), "testConnectionButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!find<QProgressBar>(m_editor.get(), "connectionBusy")->isVisible(), 30000);
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        QTest::qWait(50);
        QVERIFY(m_editor->grab().save(QStringLiteral("%1/editor-%2.png").arg(dir).arg(i)));
    }
    // With problems: a bad stage, a bad threshold, and the marks they leave.
    auto *stages = find<QTableView>(m_editor.get(), "stagesView");
    typeIntoCell(stages, stages->model()->index(1, StageTableModel::Duration), QStringLiteral("30x"));
    auto *thresholds = find<QTableView>(m_editor.get(), "thresholdsView");
    typeIntoCell(thresholds, thresholds->model()->index(2, editor::ThresholdTableModel::Expression),
        QStringLiteral("p(95)<<1500"));
    replaceText(find<QLineEdit>(m_editor.get(), "timeoutEdit"), QStringLiteral("10"));
    for (int i : { 0, 3, 4 }) {
        tabs->setCurrentIndex(i);
        QTest::qWait(50);
        QVERIFY(m_editor->grab().save(QStringLiteral("%1/editor-invalid-%2.png").arg(dir).arg(i)));
    }
    reveal(find<QWidget>(m_editor.get(), "loadPage"));
    find<QComboBox>(m_editor.get(), "executorCombo")->setCurrentIndex(2);
    QTest::qWait(50);
    QVERIFY(m_editor->grab().save(dir + QStringLiteral("/editor-arrival.png")));
    reveal(find<QWidget>(m_editor.get(), "modelsPage"));
    QTest::mouseClick(find<QPushButton>(m_editor.get(), "fetchModelsButton"), Qt::LeftButton);
    QDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = find<QDialog>(m_editor.get(), "modelPickerDialog")) != nullptr, 30000);
    QTRY_VERIFY(dialog->isVisible());
    QTest::qWait(50);
    QVERIFY(dialog->grab().save(dir + QStringLiteral("/editor-fetch-dialog.png")));
    dialog->reject();
    m_editor->setLocked(true);
    tabs->setCurrentIndex(0);
    QTest::qWait(50);
    QVERIFY(m_editor->grab().save(dir + QStringLiteral("/editor-locked.png")));
}

QTEST_MAIN(TestEditorConnection)
#include "tst_editorconnection.moc"
