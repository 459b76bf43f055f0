#include "ui/dashboard/latencychart.h"

#include "metrics/metricnames.h"
#include "ui/dashboard/dashboardstyle.h"
#include "ui/dashboard/metrictips.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLineSeries>

namespace stampede::ui {

using namespace Qt::StringLiterals;

namespace {
const std::array<QRgb, 4> percentileColors { 0x8ab4f8, 0x4285f4, 0x174ea6, 0x7b1fa2 };
const std::array<const char *, 4> percentileNames { "p50", "p90", "p95", "p99" };
} // namespace

LatencyChart::LatencyChart(QWidget *parent)
    : TimeSeriesChart(u"latencyChart"_s, tr("Latency percentiles"), parent)
{
    setTitleToolTip(tips::text(tips::Tip::LatencyChart));
    setAxisTitles(tr("latency (ms)"));
    m_group = new QComboBox(this);
    m_group->setObjectName(u"latencyGroup"_s);
    m_group->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_log = new QCheckBox(tr("Log scale"), this);
    m_log->setObjectName(u"latencyLogScale"_s);
    controls()->addWidget(m_group);
    controls()->addWidget(m_log);
    for (std::size_t i = 0; i < m_series.size(); ++i)
        m_series[i] = addLine(QString::fromLatin1(percentileNames[i]), QColor(percentileColors[i]), Qt::SolidLine,
                              Axis::Left, u" ms"_s);
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
    m_buffers = QList<std::array<SeriesBuffer, 4>>(context.models.size() + 1);
    const QSignalBlocker blocker(m_group);
    m_group->clear();
    m_group->addItem(tr("All models"));
    for (qsizetype i = 0; i < context.models.size(); ++i)
        m_group->addItem(context.models[i]);
    for (qsizetype i = 0; i < context.models.size(); ++i)
        m_group->setItemData(int(i + 1), style::modelColor(int(i)), Qt::DecorationRole);
    clearData();
    applyThresholds();
}

void LatencyChart::appendSeconds(const QList<metrics::SecondPoint> &seconds)
{
    for (const metrics::SecondPoint &point : seconds) {
        const double x = double(point.second) + 1.0; // the second ended here
        for (qsizetype g = 0; g < std::min(point.groups.size(), m_buffers.size()); ++g) {
            const metrics::LatencyStats &latency = point.groups[g].latency;
            if (latency.count == 0)
                continue; // no success in this second: a gap, not a zero
            std::array<SeriesBuffer, 4> &buffers = m_buffers[g];
            buffers[0].append(x, latency.p50);
            buffers[1].append(x, latency.p90);
            buffers[2].append(x, latency.p95);
            buffers[3].append(x, latency.p99);
        }
    }
}

void LatencyChart::refresh(double xMaxSeconds)
{
    beginUpdate(xMaxSeconds);
    const int g = group();
    for (std::size_t i = 0; i < m_series.size(); ++i)
        setPoints(m_series[i], g < m_buffers.size() ? m_buffers[g][i].points() : QList<QPointF>());
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
    const QString model = g > 0 ? m_context.models.value(g - 1) : QString();
    QList<ThresholdLine> lines;
    for (const ThresholdMark &mark : m_context.marksFor(metrics::names::httpReqDuration)) {
        if (mark.model == model)
            lines.append({ mark.bound, mark.label, style::thresholdColor() });
    }
    setThresholdLines(lines);
}

} // namespace stampede::ui
