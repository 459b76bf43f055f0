#include "ui/dashboard/latencychart.h"

#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/metrictips.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLineSeries>

namespace stampede::ui {

using namespace Qt::StringLiterals;

LatencyChart::LatencyChart(QWidget *parent)
    : TimeSeriesChart(u"latencyChart"_s, tr("Latency percentiles"), parent)
{
    setTitleToolTip(tips::text(tips::Tip::LatencyChart));
    setAxisTitles(tr("latency (ms)"));
    m_group = new QComboBox(this);
    m_group->setObjectName(u"latencyGroup"_s);
    m_group->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    // A narrow header: the chart beside this one gets its share of the width.
    m_log = new QCheckBox(tr("Log"), this);
    m_log->setObjectName(u"latencyLogScale"_s);
    m_log->setToolTip(tr("Logarithmic latency axis: a slow tail and the fast median on one chart"));
    controls()->addWidget(m_group);
    controls()->addWidget(m_log);
    const chart::ChartModel labels; // the series' look is the same for every group
    for (std::size_t i = 0; i < m_series.size(); ++i)
        m_series[i] = addLine(labels.latency(0, int(i)));
    connect(m_group, &QComboBox::currentIndexChanged, this, [this] {
        applyThresholds();
        refresh(lastXMaxSeconds());
    });
    connect(m_log, &QCheckBox::toggled, this, [this](bool on) { setLogScale(on); });
    reset({});
}

void LatencyChart::reset(const ChartContext &context)
{
    m_context = context;
    const QSignalBlocker blocker(m_group);
    m_group->clear();
    m_group->addItem(tr("All models"));
    for (qsizetype i = 0; i < context.models.size(); ++i)
        m_group->addItem(context.models[i]);
    for (qsizetype i = 0; i < context.models.size(); ++i)
        m_group->setItemData(int(i + 1), style::color(chart::palette::model(int(i))), Qt::DecorationRole);
    clearData();
    applyThresholds();
}

void LatencyChart::refresh(double xMaxSeconds)
{
    beginUpdate(xMaxSeconds);
    const int g = group();
    const bool known = model() && g <= model()->models().size();
    for (std::size_t i = 0; i < m_series.size(); ++i) {
        if (known)
            setPoints(m_series[i], model()->latency(g, int(i)));
        else
            setPoints(m_series[i], QList<QPointF>());
    }
    endUpdate();
}

void LatencyChart::setGroup(int group)
{
    m_group->setCurrentIndex(group);
}

int LatencyChart::group() const
{
    return std::max(0, m_group->currentIndex());
}

void LatencyChart::applyThresholds()
{
    const int g = group();
    setThresholdLines(
        chart::latencyThresholdLines(m_context.thresholds, g > 0 ? m_context.models.value(g - 1) : QString()));
}

} // namespace stampede::ui
