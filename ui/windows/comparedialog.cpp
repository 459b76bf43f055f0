#include "ui/windows/comparedialog.h"

#include "chart/palette.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QMessageBox>
#include <QPen>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace stampede::ui {

namespace {

QString letter(int index)
{
    return index < 26 ? QString(QChar(u'A' + index)) : QStringLiteral("R%1").arg(index + 1);
}

QColor runColor(int index)
{
    return QColor(QRgb(chart::palette::model(index)));
}

QList<report::ComparedRun> oldestFirst(QList<report::ComparedRun> runs)
{
    std::stable_sort(runs.begin(), runs.end(), [](const report::ComparedRun &a, const report::ComparedRun &b) {
        return a.record.summary.startedAt < b.record.summary.startedAt;
    });
    return runs;
}

} // namespace

CompareDialog::CompareDialog(QList<report::ComparedRun> runs, QWidget *parent)
    : QDialog(parent)
    , m_comparison(report::compareRuns(oldestFirst(std::move(runs))))
{
    setObjectName(QStringLiteral("compareDialog"));
    setWindowTitle(tr("Compare %n Runs", nullptr, int(m_comparison.runs.size())));
    setAttribute(Qt::WA_DeleteOnClose);

    QString legend;
    for (int r = 0; r < m_comparison.runs.size(); ++r) {
        const report::ComparedRun &run = m_comparison.runs[r];
        legend += QStringLiteral("<span style=\"color:%1\"><b>%2</b></span> %3%4<br>")
                      .arg(runColor(r).name(), letter(r), run.label.toHtmlEscaped(),
                          r == 0 ? tr(" — the baseline (the oldest)") : QString());
    }
    auto *runsLabel = new QLabel(legend);
    runsLabel->setObjectName(QStringLiteral("compareRuns"));
    runsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_group = new QComboBox;
    m_group->setObjectName(QStringLiteral("compareGroup"));
    m_group->setToolTip(tr("All models together, or one model"));
    for (const report::CompareGroup &g : m_comparison.groups)
        m_group->addItem(g.model == QLatin1String("all") ? tr("All models") : g.model);

    m_table = new QTableWidget;
    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    // Compact rows: the eleven figures fit without scrolling, leaving room for the CDFs.
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setToolTip(tr("Each later run against the baseline A: green is better, red is worse, grey under 1 %"));

    m_hint = new QLabel;
    m_hint->setObjectName(QStringLiteral("compareHint"));
    m_hint->setWordWrap(true);
    m_hint->setToolTip(tr("Mann–Whitney U on the run-long latency histograms: whether the later run's requests "
                          "tend to take longer or shorter than the baseline's, or the difference is within the "
                          "noise. It tests the whole distribution, not one percentile (docs/metrics.md)."));

    auto *chart = new QChart;
    chart->setTitle(tr("Latency CDF: share of successful requests faster than x"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart = new QChartView(chart);
    m_chart->setObjectName(QStringLiteral("compareChart"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(200);

    auto *top = new QHBoxLayout;
    top->addWidget(runsLabel, 1);
    top->addWidget(new QLabel(tr("&Group:")), 0, Qt::AlignTop);
    static_cast<QLabel *>(top->itemAt(1)->widget())->setBuddy(m_group);
    top->addWidget(m_group, 0, Qt::AlignTop);

    auto *tableBox = new QWidget;
    auto *tableLayout = new QVBoxLayout(tableBox);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_table, 1);
    tableLayout->addWidget(m_hint);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(tableBox);
    split->addWidget(m_chart);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    // The table as tall as its rows (plus the hint), the CDFs the rest.
    const int rowHeight = m_table->verticalHeader()->defaultSectionSize();
    split->setSizes({ rowHeight * int(report::compareMetrics().size() + 1) + 3 * rowHeight, 10000 });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QPushButton *save = buttons->addButton(tr("Save as &HTML…"), QDialogButtonBox::ActionRole);
    save->setObjectName(QStringLiteral("compareSaveHtml"));
    save->setToolTip(tr("One offline page with every group and the CDFs, like `stampede compare --html`"));
    connect(save, &QPushButton::clicked, this, &CompareDialog::chooseHtmlFile);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);

    connect(m_group, &QComboBox::currentIndexChanged, this, &CompareDialog::showGroup);
    showGroup(0);
    // Fits a 1280×720 screen.
    resize(parent ? QSize(900, 640).boundedTo(parent->size() * 0.95) : QSize(900, 640));
}

void CompareDialog::showGroup(int index)
{
    if (index < 0 || index >= m_comparison.groups.size())
        return;
    if (m_group->currentIndex() != index)
        m_group->setCurrentIndex(index); // calls back here
    fillTable(m_comparison.groups[index]);
    fillChart(m_comparison.groups[index]);
}

void CompareDialog::fillTable(const report::CompareGroup &group)
{
    const QList<report::CompareMetric> &metrics = report::compareMetrics();
    const int runs = int(m_comparison.runs.size());
    m_table->clear();
    QList<int> shown; // the figures some run has (goodput and SLO met % need an SLO)
    for (int m = 0; m < metrics.size(); ++m)
        if (group.measured(m))
            shown << m;
    m_table->setRowCount(int(shown.size()));
    m_table->setColumnCount(1 + runs + (runs - 1));
    QStringList headers { tr("Figure") };
    for (int r = 0; r < runs; ++r)
        headers << letter(r);
    for (int r = 1; r < runs; ++r)
        headers << tr("%1 vs A").arg(letter(r));
    m_table->setHorizontalHeaderLabels(headers);
    for (int r = 0; r < runs; ++r)
        m_table->horizontalHeaderItem(1 + r)->setForeground(runColor(r));
    for (int row = 0; row < shown.size(); ++row) {
        const int m = shown[row];
        m_table->setItem(row, 0, new QTableWidgetItem(metrics[m].label));
        for (int r = 0; r < runs; ++r) {
            const auto v = group.values[m][r];
            auto *item = new QTableWidgetItem(v ? QString::number(*v, 'f', metrics[m].decimals) : QStringLiteral("–"));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, 1 + r, item);
        }
        for (int r = 1; r < runs; ++r) {
            auto *item = new QTableWidgetItem(QStringLiteral("–"));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            const report::DeltaCell cell = report::deltaCell(group, m, r);
            if (!cell.text.isEmpty())
                item->setText(cell.text);
            if (!cell.text.isEmpty()) {
                using Tone = report::DeltaCell::Tone;
                item->setForeground(cell.tone == Tone::Better ? QColor(0x15803d)
                        : cell.tone == Tone::Worse            ? QColor(0xb91c1c)
                                                              : palette().color(QPalette::PlaceholderText));
                item->setToolTip(cell.tone == Tone::Better ? tr("Better than the baseline")
                        : cell.tone == Tone::Worse         ? tr("Worse than the baseline")
                                                           : tr("No change (under 1 %)"));
                QFont bold = item->font();
                bold.setBold(cell.tone != Tone::None);
                item->setFont(bold);
            }
            m_table->setItem(row, runs + r, item);
        }
    }
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < m_table->columnCount(); ++c)
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    QStringList hints;
    for (int r = 1; r < runs; ++r)
        hints << tr("Latency %1 vs A: %2").arg(letter(r), group.latency.value(r).text());
    m_hint->setText(hints.join(QLatin1Char('\n')));
}

void CompareDialog::fillChart(const report::CompareGroup &group)
{
    QChart *chart = m_chart->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes())
        chart->removeAxis(axis);
    const QString key = group.model == QLatin1String("all")
        ? QStringLiteral("http_req_duration")
        : QStringLiteral("http_req_duration{model:%1}").arg(group.model);
    auto *x = new QValueAxis;
    x->setTitleText(tr("latency (ms)"));
    x->setLabelFormat(QStringLiteral("%.0f"));
    auto *y = new QValueAxis;
    y->setRange(0, 100);
    y->setLabelFormat(QStringLiteral("%.0f %%"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double xMax = 0;
    for (int r = 0; r < m_comparison.runs.size(); ++r) {
        const auto &histograms = m_comparison.runs[r].record.summary.histograms;
        const auto it = histograms.constFind(key);
        if (it == histograms.constEnd() || it->count() == 0)
            continue;
        xMax = std::max(xMax, it->percentile(99.5) / 1000.0);
        auto *series = new QLineSeries;
        series->setName(QStringLiteral("%1 %2").arg(letter(r), m_comparison.runs[r].label));
        double previous = 0;
        series->append(0, 0);
        for (const auto &[ms, share] : report::latencyCdf(*it)) {
            series->append(ms, previous * 100);
            series->append(ms, share * 100);
            previous = share;
        }
        QPen pen(runColor(r), r == 0 ? 1.6 : 2.0);
        if (r == 0)
            pen.setStyle(Qt::DashLine);
        series->setPen(pen);
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    }
    x->setRange(0, xMax > 0 ? xMax : 1);
    x->applyNiceNumbers();
}

QString CompareDialog::saveHtml(const QString &path) const
{
    QSaveFile file(path);
    const QByteArray html = report::comparisonHtml(m_comparison, {}).toUtf8();
    if (file.open(QIODevice::WriteOnly) && file.write(html) == html.size() && file.commit())
        return {};
    return file.errorString();
}

void CompareDialog::chooseHtmlFile()
{
    const QString docs = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Comparison"), docs + QStringLiteral("/stampede-comparison.html"), tr("HTML page (*.html)"));
    if (path.isEmpty())
        return;
    const QString error = saveHtml(path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Save Comparison"), tr("Could not write %1: %2").arg(path, error));
}

} // namespace stampede::ui
