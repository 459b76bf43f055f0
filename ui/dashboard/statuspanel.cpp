#include "ui/dashboard/statuspanel.h"

#include "ui/dashboard/checksmodel.h"
#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/metrictips.h"
#include "ui/dashboard/tableviews.h"
#include "ui/dashboard/thresholdstatusmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

namespace stampede::ui {

using namespace Qt::StringLiterals;

StatusPanel::StatusPanel(ThresholdStatusModel *thresholds, ChecksModel *checks, QWidget *parent)
    : CardFrame(parent)
    , m_thresholds(thresholds)
    , m_checks(checks)
    , m_thresholdTitle(new QLabel(this))
    , m_checksTitle(new QLabel(this))
    , m_thresholdView(new QTableView(this))
    , m_checksView(new QTableView(this))
{
    setObjectName(u"statusPanel"_s);
    m_thresholdView->setObjectName(u"thresholdTable"_s);
    m_checksView->setObjectName(u"checksTable"_s);
    m_thresholdView->setModel(thresholds);
    m_checksView->setModel(checks);
    for (QTableView *view : { m_thresholdView, m_checksView }) {
        setupTableView(view, false);
        view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 4);
    }
    m_thresholdView->horizontalHeader()->setSectionResizeMode(ThresholdStatusModel::Metric, QHeaderView::Stretch);
    m_thresholdView->horizontalHeader()->setStretchLastSection(false);
    // A metric with a model filter shows the model on a second line (ThresholdStatusModel), never cut;
    // the column headers are self-evident and give their room to the rules.
    m_thresholdView->setWordWrap(true);
    m_thresholdView->setTextElideMode(Qt::ElideNone);
    m_thresholdView->horizontalHeader()->setVisible(false);
    m_thresholdView->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_thresholdView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_checksView->horizontalHeader()->setSectionResizeMode(ChecksModel::Name, QHeaderView::Stretch);
    m_checksView->horizontalHeader()->setStretchLastSection(false);
    m_thresholdTitle->setToolTip(tips::text(tips::Tip::Thresholds));
    m_checksTitle->setToolTip(tips::text(tips::Tip::Checks));

    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(8, 6, 8, 6);
    m_layout->setSpacing(2);
    m_layout->addWidget(m_thresholdTitle);
    m_layout->addWidget(m_thresholdView, 100); // all it asks for before the checks get any
    m_layout->addSpacing(4);
    m_layout->addWidget(m_checksTitle);
    m_layout->addWidget(m_checksView, 1);
    m_layout->addStretch(1); // what neither table needs
    for (auto *model : { static_cast<QAbstractItemModel *>(thresholds), static_cast<QAbstractItemModel *>(checks) })
        connect(model, &QAbstractItemModel::modelReset, this, &StatusPanel::updateSummary);
    updateSummary();
}

void StatusPanel::updateSummary()
{
    const int total = m_thresholds->rowCount();
    int passing = 0, noData = 0;
    for (int row = 0; row < total; ++row) {
        passing += m_thresholds->state(row) == ThresholdStatusModel::State::Pass ? 1 : 0;
        noData += m_thresholds->state(row) == ThresholdStatusModel::State::NoData ? 1 : 0;
    }
    const int failed = total - passing - noData;
    QString headline = tr("Thresholds");
    if (total == 0)
        headline += u"  <span style='color:#5f6368; font-weight:normal'>"_s + tr("none set") + u"</span>"_s;
    else if (failed > 0)
        headline += u"  <span style='color:#d93025'>"_s + tr("%1 of %2 failing").arg(failed).arg(total) + u"</span>"_s;
    else
        headline += u"  <span style='color:#1e8e3e'>"_s + tr("%1 of %2 passing").arg(passing).arg(total) + u"</span>"_s;
    m_thresholdTitle->setText(u"<b>"_s + headline + u"</b>"_s);
    m_thresholdView->setColumnHidden(ThresholdStatusModel::Abort, !m_thresholds->anyAbort());
    fitRows();
    m_checksTitle->setText(u"<b>"_s + tr("Checks") + u"</b>"_s
        + (m_checks->rowCount() == 0 ? u"  <span style='color:#5f6368'>"_s + tr("none") + u"</span>"_s : QString()));
}

// The threshold table asks for the height of all its rows (a rule on one model takes two lines) and
// gets it before the checks do; when the panel is shorter, the failing rules
// come first, so a long list never hides a failure.
void StatusPanel::fitRows()
{
    const int single = m_thresholdView->verticalHeader()->defaultSectionSize();
    m_thresholdView->resizeRowsToContents();
    const int height = std::max(m_thresholdView->verticalHeader()->length(), single) + 4;
    m_thresholdView->setMaximumHeight(height);
    m_thresholdView->setMinimumHeight(std::min(height, 3 * single + 4));
    measureWidth();
    m_checksView->setMinimumHeight(tableHeightForRows(m_checksView, 1));
    m_checksView->setMaximumHeight(tableHeightForRows(m_checksView, std::max(1, m_checks->rowCount())));
}

void StatusPanel::measureWidth()
{
    const QFontMetrics metrics = m_thresholdView->fontMetrics();
    int metricWidth = 0;
    for (int row = 0; row < m_thresholds->rowCount(); ++row) {
        const QString text = m_thresholds->index(row, ThresholdStatusModel::Metric).data().toString();
        for (const QString &line : text.split(QLatin1Char('\n')))
            metricWidth = std::max(metricWidth, metrics.horizontalAdvance(line));
    }
    m_thresholdView->resizeColumnsToContents();
    int width = metricWidth + 16 + 2 * m_thresholdView->frameWidth()
        + m_thresholdView->verticalScrollBar()->sizeHint().width() + m_layout->contentsMargins().left()
        + m_layout->contentsMargins().right();
    for (int column = 0; column < m_thresholds->columnCount(); ++column) {
        if (column != ThresholdStatusModel::Metric && !m_thresholdView->isColumnHidden(column))
            width += m_thresholdView->horizontalHeader()->sectionSize(column);
    }
    const int needed = m_thresholds->rowCount() ? width : 0;
    if (needed != m_neededWidth) {
        m_neededWidth = needed;
        emit neededWidthChanged();
    }
}

} // namespace stampede::ui
