// File ▸ Attach to Fleet…: the dialog checks what is typed and remembers it; attached, the
// dashboard shows two real agents' endpoints (over HTTP) added up, then their final figures; a
// local run or Detach gives the dashboard back.
#include "mainwindowfixture.h"

#include "fleet/metricsendpoint.h"
#include "ui/dashboard/dashboard.h"
#include "ui/dashboard/modelsummarymodel.h"
#include "ui/windows/fleetdialog.h"
#include "ui/windows/fleetwatch.h"

#include <QChartView>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStatusBar>
#include <QTimer>
#include <QtTest/QTest>

using namespace stampede;
using stampede::test::action;

namespace {

metrics::GroupStats group(const QString &model, int requests, std::uint64_t latencyUs)
{
    metrics::GroupStats g;
    g.model = model;
    g.requests = g.successes = g.attempts = requests;
    g.completionTokens = 10 * requests;
    auto h = QSharedPointer<metrics::Histogram>::create();
    h->record(latencyUs, std::uint64_t(requests));
    g.latency = metrics::LatencyStats::fromSharedHistogram(h);
    return g;
}

/// The dashboard's "mixed" row of the results table, as tab-separated cells.
QStringList mixedRow(const ui::Dashboard *dashboard)
{
    for (const QString &line : dashboard->resultsTableText().split(QLatin1Char('\n')))
        if (line.startsWith(QStringLiteral("mixed\t")))
            return line.split(QLatin1Char('\t'));
    return {};
}

} // namespace

class TestFleetWatch : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { test::mainWindowTestSetup(m_dir, QStringLiteral("tst_fleetwatch")); }

    void dialogChecksAndRemembers()
    {
        {
            ui::FleetDialog dialog;
            QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
            QVERIFY(!ok->isEnabled()); // nothing typed yet
            dialog.agentsEdit()->setPlainText(QStringLiteral("ftp://agent:21"));
            QVERIFY(!ok->isEnabled());
            QVERIFY(dialog.problemLabel()->text().contains(QStringLiteral("only http and https")));
            dialog.agentsEdit()->setPlainText(QStringLiteral("10.0.0.5:9464\n10.0.0.6:9464"));
            QVERIFY(ok->isEnabled());
            QCOMPARE(dialog.urls().size(), 2);
            dialog.prometheusButton()->setChecked(true);
            QVERIFY(!ok->isEnabled()); // no Prometheus URL yet
            QVERIFY(!dialog.agentsEdit()->isEnabled());
            dialog.prometheusEdit()->setText(QStringLiteral("http://prom:9090"));
            QVERIFY(ok->isEnabled());
            QCOMPARE(dialog.urls().first().path(), QStringLiteral("/federate"));
            ok->click();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        ui::FleetDialog again;
        QVERIFY(again.prometheusButton()->isChecked());
        QCOMPARE(again.prometheusEdit()->text(), QStringLiteral("http://prom:9090"));
        QCOMPARE(again.agentsEdit()->toPlainText(), QStringLiteral("10.0.0.5:9464\n10.0.0.6:9464"));
    }

    void dashboardShowsTheFleet()
    {
        QString error;
        auto a = fleet::MetricsEndpoint::listen(QStringLiteral("127.0.0.1"), 0, { { "segment", "0/2" } }, &error);
        auto b = fleet::MetricsEndpoint::listen(QStringLiteral("127.0.0.1"), 0, { { "segment", "1/2" } }, &error);
        QVERIFY2(a && b, qPrintable(error));
        metrics::Snapshot sa, sb;
        sa.elapsedMs = 4200;
        sb.elapsedMs = 4100;
        sa.inFlight = 3;
        sa.openModel = sb.openModel = true; // an arrival-rate plan
        sb.inFlight = 2;
        sa.models
            = { group(QStringLiteral("gpt-4.1"), 30, 200000), group(QStringLiteral("deepseek-v3.2"), 10, 400000) };
        sb.models
            = { group(QStringLiteral("gpt-4.1"), 25, 200000), group(QStringLiteral("deepseek-v3.2"), 12, 400000) };
        a->publish(sa);
        b->publish(sb);

        ui::MainWindow window(nullptr);
        window.resize(1280, 720);
        window.show();
        QVERIFY(action(&window, "actionAttachFleet")->isEnabled());
        QVERIFY(!action(&window, "actionDetachFleet")->isEnabled());
        // As a user: File ▸ Attach to Fleet…, the agents' addresses, Attach.
        QTimer::singleShot(0, [&] {
            QTRY_VERIFY(qobject_cast<ui::FleetDialog *>(QApplication::activeModalWidget()));
            auto *dialog = qobject_cast<ui::FleetDialog *>(QApplication::activeModalWidget());
            dialog->findChild<QRadioButton *>()->setChecked(true); // the agents, not Prometheus
            dialog->agentsEdit()->setPlainText(a->url() + QLatin1Char('\n') + b->url().mid(7)); // host:port/metrics
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        action(&window, "actionAttachFleet")->trigger();
        QVERIFY(window.fleet()->isAttached());
        QVERIFY(action(&window, "actionDetachFleet")->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(
            mixedRow(window.dashboard()).value(ui::ModelSummaryModel::Requests), QStringLiteral("77"), 10000);
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("runStateBadge"))->text(), QStringLiteral("Fleet"));
        QTRY_VERIFY(window.findChild<QLabel *>(QStringLiteral("runStateLabel"))
                        ->text()
                        .startsWith(QStringLiteral("Fleet · 2 of 2 agents up · 0:04")));
        QStringList names;
        if (auto *view = window.dashboard()->findChild<QChartView *>(QStringLiteral("vusChart")))
            for (QAbstractSeries *series : view->chart()->series())
                names << series->name();
        // An arrival-rate fleet's chart: in flight and dropped arrivals, not VUs against planned VUs.
        QVERIFY2(names.contains(QStringLiteral("dropped/s")) && !names.contains(QStringLiteral("planned VUs")),
            qPrintable(names.join(u',')));
        const QString text = window.dashboard()->resultsTableText();
        QVERIFY2(text.contains(QStringLiteral("gpt-4.1\t")) && text.contains(QStringLiteral("deepseek-v3.2\t")),
            qPrintable(text));

        // Both agents finish: the final figures, and the status says so.
        metrics::RunSummary da, db;
        da.models
            = { group(QStringLiteral("gpt-4.1"), 31, 200000), group(QStringLiteral("deepseek-v3.2"), 10, 400000) };
        db.models = sb.models;
        da.durationMs = 5000;
        db.durationMs = 5100;
        a->publish(da);
        b->publish(db);
        QTRY_VERIFY_WITH_TIMEOUT(
            window.findChild<QLabel *>(QStringLiteral("runStateLabel"))->text().endsWith(QStringLiteral("finished")),
            10000);
        QCOMPARE(mixedRow(window.dashboard()).value(ui::ModelSummaryModel::Requests), QStringLiteral("78"));

        action(&window, "actionDetachFleet")->trigger();
        QVERIFY(!window.fleet()->isAttached());
        QVERIFY(!action(&window, "actionDetachFleet")->isEnabled());
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("runStateBadge"))->text(), QStringLiteral("Ready"));
        QCOMPARE(mixedRow(window.dashboard()).value(ui::ModelSummaryModel::Requests), QStringLiteral("78")); // kept
    }
};

QTEST_MAIN(TestFleetWatch)
#include "tst_fleetwatch.moc"
